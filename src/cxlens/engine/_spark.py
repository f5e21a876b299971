"""Spark (PySpark), for users who outgrow one machine."""

from __future__ import annotations

import os
import re
import sys
import warnings
from datetime import UTC, datetime
from typing import Any

import ibis
import ibis.expr.types as ir
from ibis.backends import BaseBackend

from cxlens.config import Config
from cxlens.engine.base import Engine, machine_memory
from cxlens.errors import CxlensError
from cxlens.tables import STAGE_RUNS

LOCAL_SHARE = 0.5  # of the machine's memory for a local driver, which is every executor too (as DuckDB's)
CLUSTER_SHARE = 0.25  # for a driver whose executors run elsewhere: it holds only bounded inputs
LOOPBACK = ("local", "spark://127.0.0.1", "spark://localhost")


def defaults(master: str, memory: int) -> dict[str, str]:
    """Settings sized from the machine, for whatever ``spark.conf`` in cxlens.yaml leaves unset: without
    them Spark's driver gets 1 GB, which a 20k-customer company's ingest exceeds."""
    share = LOCAL_SHARE if master.startswith("local") else CLUSTER_SHARE
    gb = max(1, int(memory * share) >> 30)
    conf = {
        "spark.driver.memory": f"{gb}g",
        # what the driver may receive from one gather; past it Spark fails the job rather than the JVM
        "spark.driver.maxResultSize": f"{max(1, gb // 2)}g",
    }
    if master.startswith(LOOPBACK):  # executors on this machine: keep the driver off the network
        conf |= {"spark.driver.bindAddress": "127.0.0.1", "spark.driver.host": "127.0.0.1"}
    return conf


def shuffle_partitions(cores: int) -> int:
    """Two per core (adaptive execution merges them where the data is small), at least four."""
    return max(4, 2 * cores)


def _quiet(session: Any) -> None:
    """Silence two reports of Spark falling back to a slower path that gives the same result: Splink's
    match-weight expressions outgrow Java code generation (a 200-line stack trace per query, then Spark
    interprets them), and a few small tables of dates or all-null columns go to Spark without Arrow."""
    jvm = session.sparkContext._jvm
    level = jvm.org.apache.logging.log4j.Level.OFF
    config = jvm.org.apache.logging.log4j.core.config.Configurator
    config.setLevel("org.apache.spark.sql.catalyst.expressions.codegen.CodeGenerator", level)
    arrow = "createDataFrame attempted Arrow optimization"
    warnings.filterwarnings("ignore", message=arrow, module="pyspark")


def _doubled(size: str) -> str:
    m = re.fullmatch(r"(\d+)([kmgt]?)b?", size.strip().lower())
    return f"{2 * int(m.group(1))}{m.group(2)}" if m else f"twice {size}"


class Spark(Engine):
    name, setting = "pyspark", "spark"

    @classmethod
    def open(cls, config: Config) -> BaseBackend:
        try:
            from pyspark.sql import SparkSession
        except ImportError:
            raise CxlensError(
                'engine: spark needs PySpark; install it with: pip install "cxlens[spark]"'
            ) from None
        if config.spark.master.startswith("sc://"):
            raise CxlensError(
                f"spark.master is {config.spark.master}: Spark Connect is not supported, since cxlens needs "
                "the session's SparkContext (Splink's similarity functions and checkpoints); give the "
                "cluster's own master (spark://, yarn, k8s://), see docs/engines.md"
            )
        home = config.warehouse_path
        home.mkdir(parents=True, exist_ok=True)
        # Python workers must run the interpreter that has cxlens installed.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        conf = {**defaults(config.spark.master, machine_memory()), **config.spark.conf}
        builder = (
            SparkSession.builder.master(config.spark.master)
            .appName("cxlens")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")  # cxlens shows its own progress
            .config("spark.cleaner.referenceTracking.cleanCheckpoints", "true")  # scratch let go: files too
            .config("spark.sql.warehouse.dir", str(home / "tables"))
            .config("spark.driver.extraJavaOptions", f"-Dderby.system.home={home}")
            .enableHiveSupport()
        )
        try:  # Splink's string-similarity functions for Spark SQL
            from splink.backends.spark import similarity_jar_location

            builder = builder.config("spark.jars", similarity_jar_location())
        except ImportError:
            pass
        for key, value in conf.items():
            builder = builder.config(key, value)
        session = builder.getOrCreate()
        session.sparkContext.setLogLevel("ERROR")  # Spark's warnings are about its internals, not the data
        _quiet(session)
        if "spark.sql.shuffle.partitions" not in config.spark.conf:
            cores = session.sparkContext.defaultParallelism
            session.conf.set("spark.sql.shuffle.partitions", str(shuffle_partitions(cores)))
        session.sparkContext.setCheckpointDir(str(home / "checkpoints"))  # Splink cuts long lineages with it
        return ibis.pyspark.connect(session)

    @classmethod
    def exists(cls, config: Config) -> bool:
        return True  # a metastore, not a file: opening it makes it

    @classmethod
    def changed_since(cls, config: Config, when: datetime) -> bool:
        """Whether a stage finished since ``when``: each one's record is a file under ``stage_runs``."""
        runs = config.warehouse_path / "tables" / STAGE_RUNS
        stamps = [f.stat().st_mtime for f in runs.glob("*")] if runs.is_dir() else []
        return bool(stamps) and datetime.fromtimestamp(max(stamps), UTC) > when

    def explain(self, exc: BaseException) -> CxlensError | None:
        """A Java heap exhausted, or a gather past its limit, as the setting to raise and to what."""
        text = str(exc)
        if "java.lang.OutOfMemoryError" in text or "Answer from Java side is empty" in text:
            key = "spark.driver.memory"
            what = "Spark ran out of Java heap (or its JVM died)"
        elif "spark.driver.maxResultSize" in text:
            key, what = "spark.driver.maxResultSize", "Spark refused to send the driver a result that large"
        else:
            return None
        try:
            now = self.con._session.sparkContext.getConf().get(key)
        except Exception:  # the JVM is gone
            now = None
        now = now or ("Spark's default" if key == "spark.driver.memory" else "1g")
        more = _doubled(now) if now[0].isdigit() else "more"
        return CxlensError(
            f"{what}: {key} is {now}; raise it to {more} in cxlens.yaml (spark: conf: {key}: {more}), "
            "or run on a cluster (see docs/engines.md)"
        )

    def scratch(self, name: str, expr: ir.Table) -> ir.Table:
        """A temporary view of rows computed once and checkpointed, as DuckDB's temporary tables: a Hive
        table costs a Parquet write and metastore round trips per call, and Ibis' ``.cache()`` does not cut
        Spark's lineage (iterative work then runs out of heap). A local master keeps the rows with its
        executors; a cluster's go to the checkpoint folder, which survives an executor lost."""
        self.con._run_pre_execute_hooks(expr)
        df = self.con._session.sql(self.con.compile(expr))
        local = self.con._session.sparkContext.master.startswith("local")
        df = df.localCheckpoint(eager=True) if local else df.checkpoint(eager=True)
        df.createOrReplaceTempView(name)
        return self.con.table(name)

    def add(self, name: str, expr: ir.Table) -> None:
        """A view cannot take rows: the scratch is made again with them."""
        self.scratch(name, self.con.table(name).union(expr))

    def drop(self, name: str) -> None:
        if not self.con._session.catalog.dropTempView(name):
            super().drop(name)

    def has_table(self, name: str) -> bool:
        """One catalogue lookup: listing every table of a Hive catalogue takes twice as long."""
        return self.con._session.catalog.tableExists(name)

    def _unregister(self, name: str) -> None:
        self.con._session.catalog.dropTempView(name)

    def splink_frame(self, expr: ir.Table, name: str) -> Any:
        """The project's own session, reading the rows from a scratch view (not a table left in the
        warehouse)."""
        from splink import SparkAPI

        self.scratch(name, expr)
        session = self.con._session
        api = SparkAPI(spark_session=session)
        session.catalog.dropTempView(f"{name}_splink")  # a run before, in this session, registered it
        return api.register(session.table(name), table_name=f"{name}_splink")
