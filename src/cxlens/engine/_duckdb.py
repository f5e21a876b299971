"""DuckDB: the embedded default, a single file."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir
from ibis.backends import BaseBackend

from cxlens.config import Config
from cxlens.engine.base import Engine, machine_memory
from cxlens.errors import ConfigError, CxlensError, SourceError


def _settings(con: BaseBackend) -> BaseBackend:
    con.raw_sql("SET TimeZone = 'UTC'")
    con.raw_sql("SET enable_progress_bar = false")  # cxlens shows its own progress; DuckDB's garbles it
    return con


def memory_limit() -> str:
    """Half the machine's memory: DuckDB's own default (80%) leaves too little for the pieces being read,
    the Python side and the OS cache, and a process past the machine's memory is killed, not slowed."""
    return f"{max(machine_memory() // 2 // 2**20, 256)}MB"


class DuckDB(Engine):
    name = setting = "duckdb"

    @classmethod
    def open(cls, config: Config) -> BaseBackend:
        path = config.warehouse_path
        path.parent.mkdir(parents=True, exist_ok=True)
        settings = config.duckdb
        temp = config.resolve(settings.temp_directory) if settings.temp_directory else Path(f"{path}.tmp")
        try:
            con = ibis.duckdb.connect(str(path))
        except Exception as exc:  # a lock held by another process, a file that is not a database
            raise CxlensError(f"warehouse {path}: cannot open it ({str(exc).splitlines()[0]})") from None
        try:
            con.raw_sql(f"SET memory_limit = '{settings.memory_limit or memory_limit()}'")
        except Exception as exc:
            con.disconnect()
            raise ConfigError(
                f"duckdb.memory_limit in cxlens.yaml: '{settings.memory_limit}' is not a size DuckDB takes; "
                f"expected e.g. 8GB or 500MB ({str(exc).splitlines()[0]})"
            ) from None
        con.raw_sql(f"SET temp_directory = '{temp}'")
        return _settings(con)

    @classmethod
    def memory(cls) -> BaseBackend:
        """A throw-away in-memory warehouse (resolving frames a caller passes in)."""
        return _settings(ibis.duckdb.connect())

    @classmethod
    def exists(cls, config: Config) -> bool:
        return config.warehouse_path.exists()

    @classmethod
    def changed_since(cls, config: Config, when: datetime) -> bool:
        changed = datetime.fromtimestamp(config.warehouse_path.stat().st_mtime, UTC)
        return changed > when

    def scratch(self, name: str, expr: ir.Table) -> ir.Table:
        """A temporary table: kept in memory, spilling as needed, never written to the warehouse file.
        Made under a new name and renamed over the old one (``expr`` may read it): Ibis' overwrite of a
        temporary table copies every row a second time."""
        new = f"{name}_{uuid.uuid4().hex}"
        self.con.create_table(new, expr, temp=True)
        self.con.raw_sql(f'DROP TABLE IF EXISTS temp.main."{name}"')
        self.con.raw_sql(f'ALTER TABLE temp.main."{new}" RENAME TO "{name}"')
        return self.con.table(name)

    def reads_parquet(self) -> bool:
        return True

    def scan_parquet(self, paths: list[Path]) -> ir.Table:
        """Parquet files as one table with ``_path`` (the file) and ``_row`` (numbered from 1 in each)."""
        names = [str(p) for p in paths]
        try:
            t = self.con.read_parquet(names, file_row_number=True, filename=True, union_by_name=True)
        except Exception as exc:
            raise SourceError(
                f"{', '.join(names)}: cannot be read as PARQUET ({str(exc).splitlines()[0]})"
            ) from None
        return t.mutate(_row=t.file_row_number + 1, _path=t.filename).drop("file_row_number", "filename")

    def _unregister(self, name: str) -> None:
        self.con.con.unregister(name)

    def splink_frame(self, expr: ir.Table, name: str) -> Any:
        return in_memory_splink_frame(expr, name)


def in_memory_splink_frame(expr: ir.Table, name: str) -> Any:
    """``expr``'s rows (from any engine) in a separate in-memory DuckDB registered with Splink, so Splink's
    work tables never land in a warehouse."""
    from splink import DuckDBAPI

    return DuckDBAPI().register(expr.to_pyarrow(), table_name=name)
