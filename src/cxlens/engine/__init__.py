"""The one place that knows which engine runs the analytics: DuckDB (a single file) or Spark.

Domain code writes Ibis expressions against the backend returned by :func:`connect` and stores results with
the functions below, which hand each call to the connection's :class:`Engine`; nothing outside this package
asks which engine it is on.

>>> con = connect(config)  # doctest: +SKIP
>>> write(con, "profiles", expr)  # doctest: +SKIP
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import ibis.expr.types as ir
from ibis.backends import BaseBackend

from cxlens.config import Config
from cxlens.engine._duckdb import DuckDB, in_memory_splink_frame
from cxlens.engine._spark import Spark
from cxlens.engine.base import Engine, WriteError, typed
from cxlens.errors import CxlensError


def kind(config: Config) -> type[Engine]:
    """The engine class a project file names."""
    return next(k for k in Engine.kinds if k.setting == config.engine)


def connect(config: Config) -> BaseBackend:
    """An Ibis backend on the project's warehouse, with every session clock in UTC."""
    return kind(config).open(config)


def memory() -> BaseBackend:
    """A throw-away in-memory warehouse on the embedded engine."""
    return DuckDB.memory()


def exists(config: Config) -> bool:
    return kind(config).exists(config)


def changed_since(config: Config, when: datetime) -> bool:
    return kind(config).changed_since(config, when)


def of(con: BaseBackend) -> Engine:
    return next(k for k in Engine.kinds if k.name == con.name)(con)


def has_table(con: BaseBackend, name: str) -> bool:
    return of(con).has_table(name)


def write(con: BaseBackend, name: str, obj: Any) -> ir.Table:
    """Store an expression, Arrow table or DataFrame as the declared table ``name``, typed, replacing it."""
    return of(con).write(name, obj)


def append(con: BaseBackend, name: str, obj: Any) -> None:
    """Append rows to the declared table ``name``, creating it the first time."""
    of(con).append(name, obj)


def scratch(con: BaseBackend, name: str, expr: ir.Table) -> ir.Table:
    """Materialise an intermediate result (not a declared table): temporary where the engine has them."""
    return of(con).scratch(name, expr)


def add(con: BaseBackend, name: str, expr: ir.Table) -> None:
    """Append rows to a scratch table made by ``scratch``."""
    of(con).add(name, expr)


def drop(con: BaseBackend, name: str) -> None:
    of(con).drop(name)


def rows(con: BaseBackend, name: str) -> int:
    return of(con).rows(name)


def release(con: BaseBackend, expr: ir.Table) -> None:
    """Let go of the in-memory data ``expr`` was built on (see ``Engine.release``)."""
    of(con).release(expr)


def reads_parquet(con: BaseBackend) -> bool:
    return of(con).reads_parquet()


def scan_parquet(con: BaseBackend, paths: list[Path]) -> ir.Table:
    return of(con).scan_parquet(paths)


def splink_frame(con: BaseBackend, expr: ir.Table, name: str) -> Any:
    return of(con).splink_frame(expr, name)


def splink_driver_frame(expr: ir.Table, name: str) -> Any:
    """A bounded sample's rows, from any engine, registered with Splink in this process: models are
    trained here, where each step is milliseconds, not one cluster job per step."""
    return in_memory_splink_frame(expr, name)


def named(con: BaseBackend, exc: BaseException) -> CxlensError | None:
    """The named error the engine makes of ``exc``, if any (e.g. Spark's heap exhausted: what to raise)."""
    return of(con).explain(exc)


__all__ = [
    "DuckDB", "Engine", "Spark", "WriteError", "add", "append", "changed_since", "connect", "drop", "exists",
    "has_table", "kind", "memory", "named", "of", "reads_parquet", "release", "rows", "scan_parquet",
    "scratch", "splink_driver_frame", "splink_frame", "typed", "write",
]  # fmt: skip
