"""The engine interface: what cxlens asks of a backend beyond Ibis expressions.

One class per engine. The shared steps (typed writes through the table declarations, appends, drops) are
written once here; a backend fills in the hooks that differ: how to open the warehouse, where scratch tables
live, how Parquet is scanned, how Splink gets its rows and whether the warehouse changed since a time.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

import ibis
import ibis.expr.operations as ops
import ibis.expr.types as ir
import pandas as pd
from ibis.backends import BaseBackend

from cxlens.config import Config
from cxlens.errors import CxlensError
from cxlens.tables import declared


def machine_memory() -> int:
    """Bytes of memory on this machine: engines size their defaults from it."""
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


class WriteError(CxlensError):
    """Writing a table failed; carries the table and, where it could be rendered, the SQL."""

    def __init__(self, table: str, cause: BaseException, sql: str | None = None):
        self.table, self.sql = table, sql
        super().__init__(
            f"writing '{table}': {str(cause).splitlines()[0] if str(cause) else type(cause).__name__}"
        )


def _frame(df: pd.DataFrame) -> ir.Table:
    """A DataFrame as a table; columns with no value at all (all null, or no rows) are left to the
    declaration's types, since no engine can store a column of type null."""
    empty = [c for c in df.columns if df[c].isna().all()]
    kept = df.drop(columns=empty)
    if kept.columns.empty:  # nothing typed left: keep the row count in a column the selection drops
        kept = pd.DataFrame({"_rows": pd.Series(range(len(df)), dtype="int64")})
    t = ibis.memtable(kept)
    return t.mutate(**{c: ibis.null() for c in empty}) if empty else t


def typed(name: str, obj: Any) -> ir.Table:
    """``obj`` (an expression, DataFrame or Arrow table) in the shape table ``name`` is declared with: its
    columns in order and of their declared types; a declared column the data lacks is null, an undeclared
    one is an error (unless the table takes extra columns)."""
    decl = declared(name)
    if not isinstance(obj, ir.Table | pd.DataFrame):
        obj = obj.to_pandas()
    columns = list(obj.columns)
    t = obj if isinstance(obj, ir.Table) else _frame(obj)
    schema = decl.schema
    extra = [c for c in columns if c not in schema]
    if extra and not getattr(decl, "extra", False):
        raise CxlensError(f"table '{name}': column '{extra[0]}' is not declared in cxlens/tables.py")
    cols = {}
    for c, want in schema.items():
        if c not in columns:
            cols[c] = ibis.null(want)
        elif t[c].type().copy(nullable=True) != want.copy(nullable=True):
            cols[c] = t[c].cast(want)
        else:
            cols[c] = t[c]
    if extra:  # the data's own order: extra columns (features) may be read by position
        order = [c for c in columns if c in cols or c in extra] + [c for c in cols if c not in columns]
        return t.select(**{c: cols[c] if c in cols else t[c] for c in order})
    return t.select(**cols)


class Engine:
    """A backend for the warehouse: ``Engine.of(con)`` gives the one behind a connection."""

    name: ClassVar[str]  # the Ibis backend's name (``con.name``)
    setting: ClassVar[str]  # how cxlens.yaml names it (``engine:``)
    kinds: ClassVar[list[type[Engine]]] = []

    def __init_subclass__(cls, **kw: Any) -> None:
        super().__init_subclass__(**kw)
        Engine.kinds.append(cls)

    def __init__(self, con: BaseBackend):
        self.con = con

    # --- hooks each engine fills in ---------------------------------------------------------------------
    @classmethod
    def open(cls, config: Config) -> BaseBackend:
        raise NotImplementedError

    @classmethod
    def exists(cls, config: Config) -> bool:
        """Whether the warehouse has been made."""
        raise NotImplementedError

    @classmethod
    def changed_since(cls, config: Config, when: datetime) -> bool:
        """Whether a run may have written the warehouse after ``when``."""
        raise NotImplementedError

    def explain(self, exc: BaseException) -> CxlensError | None:
        """``exc`` as a named error saying which setting to change, where the engine knows one."""
        return None

    def scratch(self, name: str, expr: ir.Table) -> ir.Table:
        """Materialise an intermediate result (cuts the lineage of iterative work)."""
        raise NotImplementedError

    def reads_parquet(self) -> bool:
        """Whether ``scan_parquet`` works here."""
        return False

    def scan_parquet(self, paths: list[Path]) -> ir.Table:
        raise NotImplementedError

    def splink_frame(self, expr: ir.Table, name: str) -> Any:
        """``expr``'s rows registered with Splink on this engine's kind of backend."""
        raise NotImplementedError

    def _unregister(self, name: str) -> None:
        """Drop the engine's registration of an in-memory table."""
        raise NotImplementedError

    def release(self, expr: ir.Table) -> None:
        """Let go of the in-memory data ``expr`` was built on. Ibis keeps every in-memory table registered
        with the engine until the process exits, so a long load would hold all its pieces; the expression
        stays usable (Ibis registers its data again if it runs once more)."""
        for op in expr.op().find(ops.InMemoryTable):
            if op in self.con._memtables:
                self._unregister(op.name)
                self.con._memtables.discard(op)

    # --- shared steps ----------------------------------------------------------------------------------
    def has_table(self, name: str) -> bool:
        return name in self.con.list_tables()

    def write(self, name: str, obj: Any) -> ir.Table:
        """Store ``obj`` as the declared table ``name``, typed, replacing it."""
        expr = typed(name, obj)
        try:
            out = self.con.create_table(name, expr, overwrite=True)
        except Exception as exc:
            raise WriteError(name, exc, _sql(expr)) from exc
        self.release(expr)
        return out

    def append(self, name: str, obj: Any) -> None:
        """Append rows to the declared table ``name``, creating it the first time."""
        expr = typed(name, obj)
        try:
            if self.has_table(name):
                self.con.insert(name, expr)
            else:
                self.con.create_table(name, expr)
        except Exception as exc:
            raise WriteError(name, exc, _sql(expr)) from exc
        self.release(expr)

    def add(self, name: str, expr: ir.Table) -> None:
        """Append rows to a scratch table."""
        self.con.insert(name, expr)

    def drop(self, name: str) -> None:
        if self.has_table(name):
            self.con.drop_table(name)

    def rows(self, name: str) -> int:
        return int(self.con.table(name).count().execute()) if self.has_table(name) else 0


def _sql(expr: ir.Table) -> str | None:
    try:
        return str(ibis.to_sql(expr))
    except Exception:  # an expression over in-memory data may not render; the error still names the table
        return None
