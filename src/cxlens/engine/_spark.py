"""Spark (PySpark), for users who outgrow one machine."""

from __future__ import annotations

import os
import sys
from datetime import datetime
from typing import Any

import ibis
import ibis.expr.types as ir
from ibis.backends import BaseBackend

from cxlens.config import Config
from cxlens.engine.base import Engine
from cxlens.errors import CxlensError


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

    @classmethod
    def exists(cls, config: Config) -> bool:
        return True  # a metastore, not a file: opening it makes it

    @classmethod
    def changed_since(cls, config: Config, when: datetime) -> bool:
        return False  # no single file tells; the live snapshot is built once per start

    def scratch(self, name: str, expr: ir.Table) -> ir.Table:
        """A table: Ibis' ``.cache()`` does not cut Spark's lineage and runs out of heap."""
        return self.con.create_table(name, expr, overwrite=True)

    def _unregister(self, name: str) -> None:
        self.con._session.catalog.dropTempView(name)

    def splink_frame(self, expr: ir.Table, name: str) -> Any:
        """The project's own session, reading the rows from a table."""
        from splink import SparkAPI

        self.con.create_table(name, expr, overwrite=True)
        session = self.con._session
        api = SparkAPI(spark_session=session)
        return api.register(session.table(name), table_name=f"{name}_splink")
