"""The one place that knows which engine runs the analytics: DuckDB (a single file) or Spark.

Domain code writes Ibis expressions against the backend returned by :func:`connect` and stores results with
the helpers below, so the same program runs on both engines.

>>> con = connect(config)  # doctest: +SKIP
>>> write(con, "profiles", expr)  # doctest: +SKIP
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir
from ibis.backends import BaseBackend

from cxlens.config import Config
from cxlens.errors import CxlensError, SourceError


def connect(config: Config) -> BaseBackend:
    """An Ibis backend on the project's warehouse, with every session clock in UTC."""
    if config.engine == "spark":
        return _spark(config)
    path = config.warehouse_path
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = ibis.duckdb.connect(str(path))
    except Exception as exc:  # a lock held by another process, a file that is not a database
        raise CxlensError(f"warehouse {path}: cannot open it ({str(exc).splitlines()[0]})") from None
    con.raw_sql("SET TimeZone = 'UTC'")
    con.raw_sql("SET enable_progress_bar = false")  # cxlens shows its own progress; DuckDB's garbles it
    return con


def _spark(config: Config) -> BaseBackend:
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise CxlensError(
            'engine: spark needs PySpark; install it with: pip install "cxlens[spark]"'
        ) from None
    home = config.warehouse_path
    home.mkdir(parents=True, exist_ok=True)
    # Python workers must run the interpreter that has cxlens installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = (
        SparkSession.builder.master(config.spark.master)
        .appName("cxlens")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.warehouse.dir", str(home / "tables"))
        .config("spark.driver.extraJavaOptions", f"-Dderby.system.home={home}")
        .enableHiveSupport()
    )
    try:  # Splink's string-similarity functions for Spark SQL
        from splink.backends.spark import similarity_jar_location

        builder = builder.config("spark.jars", similarity_jar_location())
    except ImportError:
        pass
    for key, value in config.spark.conf.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setCheckpointDir(str(home / "checkpoints"))  # Splink cuts long lineages with it
    return ibis.pyspark.connect(session)


def reads_parquet(con: BaseBackend) -> bool:
    """Whether :func:`scan_parquet` works here: the engine reads Parquet itself and numbers its rows."""
    return con.name == "duckdb"


def scan_parquet(con: BaseBackend, paths: list[Path]) -> ir.Table:
    """Parquet files as one table with ``_path`` (the file) and ``_row`` (numbered from 1 in each file)."""
    names = [str(p) for p in paths]
    try:
        t = con.read_parquet(names, file_row_number=True, filename=True, union_by_name=True)
    except Exception as exc:
        raise SourceError(
            f"{', '.join(names)}: cannot be read as PARQUET ({str(exc).splitlines()[0]})"
        ) from None
    return t.mutate(_row=t.file_row_number + 1, _path=t.filename).drop("file_row_number", "filename")


def has_table(con: BaseBackend, name: str) -> bool:
    return name in con.list_tables()


def write(con: BaseBackend, name: str, obj: Any) -> ir.Table:
    """Store an expression, Arrow table or DataFrame as table ``name``, replacing it."""
    return con.create_table(name, obj, overwrite=True)


def scratch(con: BaseBackend, name: str, expr: ir.Table) -> ir.Table:
    """Materialise an intermediate result: a temporary table where the engine has them (DuckDB keeps it
    in memory, spilling as needed, and never writes it to the warehouse file), a table on Spark."""
    return con.create_table(name, expr, overwrite=True, temp=con.name == "duckdb")


def append(con: BaseBackend, name: str, expr: ir.Table) -> None:
    """Append rows to ``name``, creating the table from the expression's schema the first time."""
    if has_table(con, name):
        con.insert(name, expr)
    else:
        con.create_table(name, expr)


def drop(con: BaseBackend, name: str) -> None:
    if has_table(con, name):
        con.drop_table(name)


def rows(con: BaseBackend, name: str) -> int:
    return int(con.table(name).count().execute()) if has_table(con, name) else 0


def splink_frame(con: BaseBackend, expr: ir.Table, name: str) -> Any:
    """``expr``'s rows registered with Splink on the engine's kind of backend.

    DuckDB: a separate in-memory database, so Splink's work tables never land in the warehouse file.
    Spark: the project's own session, reading the rows from a table.
    """
    if con.name == "pyspark":
        from splink import SparkAPI

        con.create_table(name, expr, overwrite=True)
        api = SparkAPI(spark_session=con._session)
        return api.register(con._session.table(name), table_name=f"{name}_splink")
    from splink import DuckDBAPI

    return DuckDBAPI().register(expr.to_pyarrow(), table_name=name)
