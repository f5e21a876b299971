"""The canonical tables' values from what people have: files (ingest) and their own DataFrames (the Python
APIs), read by one set of rules, so a frame is as welcome as the file it came from.

>>> import pandas as pd
>>> df = pd.DataFrame({"Contact ID": [1, 2], "Birthday": ["19560409", "1956-13-45"], "state": ["CA", "NY"]})
>>> read_frame("contacts", df, "resolve").birth_date.astype(str).tolist()  # doctest: +SKIP
['1956-04-09', 'NaT']   # and a warning naming row 1, its value and the form expected
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Callable
from pathlib import Path

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd
import pyarrow as pa

from cxlens import engine
from cxlens.canonical.forms import number, when
from cxlens.canonical.validate import mapping, validate
from cxlens.config import Config, Source
from cxlens.errors import InputError, SourceError
from cxlens.tables import TABLES

SHOWN = 5  # rows quoted in a warning; the count says how many more


def text(v: object) -> str | None:
    """A frame's value as the text a file would hold: whole numbers without a decimal point (ids, phone
    numbers, dates written 19560409), times in ISO 8601, missing values as None."""
    if v is None or (not isinstance(v, list | dict | tuple) and pd.isna(v)):
        return None
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dt.datetime | dt.date | pd.Timestamp):
        return v.isoformat()
    return str(v)


def _parsed(s: pd.Series, parse: Callable[[ir.StringValue], ir.Value]) -> pd.Series:
    texts = pa.array([text(v) for v in s], pa.string())
    con = engine.memory()
    try:
        t = ibis.memtable(pa.table({"v": texts, "i": pa.array(range(len(s)), pa.int64())}))
        out = con.execute(t.select("i", p=parse(t.v.strip().nullif(""))).order_by("i")).p
    finally:
        con.disconnect()
    return pd.Series(out.to_numpy(), index=s.index)


def numbers(s: pd.Series, decimal: str = ".") -> pd.Series:
    """The numbers in ``s``: as they are, and text read as ingest reads amounts (``$1,234.50``, ``12,00 €``
    with ``decimal=","``); NaN where there is none."""
    v = pd.to_numeric(s, errors="coerce").astype(float) if decimal == "." else pd.Series(np.nan, s.index)
    if not v.isna().any():
        return v
    return v.fillna(_parsed(s, lambda t: number(t, decimal)).astype(float))


def times(s: pd.Series, pattern: str | None = None, dayfirst: bool | None = None) -> pd.Series:
    """The times in ``s`` read as ingest reads dates (in ``pattern``, or ISO 8601, ``YYYYMMDD``, epoch
    seconds or milliseconds, and ``01/02/2024`` when ``dayfirst`` is set), in UTC; NaT where there is none."""
    return pd.to_datetime(_parsed(s, lambda v: when(v, pattern, dayfirst)), utc=True)


def read_frame(table: str, df: pd.DataFrame, who: str, fill: dict[str, str] | None = None) -> pd.DataFrame:
    """``df`` as rows of canonical ``table`` (with ``source``, defaulting to the table's name), read as
    ingest reads a file: columns by name or alias in any case, dates and amounts in any form ingest
    recognises. Columns it does not use, and values it cannot read, are warnings naming them; a value that
    cannot be read is missing, and a row without what the table needs (its key, a person) is left out.
    ``fill`` gives a value to required columns the frame lacks; ``who`` names the caller in messages. Phone
    numbers without a country code are read with the default region's dialling rules, as a project's."""
    if not isinstance(df, pd.DataFrame):
        raise InputError(f"{who}: {table} must be a pandas DataFrame; got {type(df).__name__}")
    decl = TABLES[table]
    source = Source(name=who.replace(".", "_"), table=table, path="-", format="csv")
    names = [str(c) for c in df.columns]
    frame = df.set_axis(names, axis=1)
    for column, value in (fill or {}).items():
        if column not in names:
            frame = frame.assign(**{column: value})
    try:
        m = mapping(source, [str(c) for c in frame.columns], Path(table))
    except SourceError as exc:  # the file's message, about a frame
        raise InputError(str(exc).replace(f"{table}: no column", f"{who}: {table} has no column")) from None
    unused = [c for c in names if c not in m.values() and c != "source"]
    if unused:
        warnings.warn(
            f"{who}: {table} column(s) {', '.join(unused)} are not used; the columns {table} reads are "
            f"{', '.join(decl.columns)} (or their aliases)",
            stacklevel=3,
        )
    used = list(dict.fromkeys(m.values()))
    arrow = pa.table(
        {
            **{c: pa.array([text(v) for v in frame[c]], pa.string()) for c in used},
            "_row": pa.array(range(len(frame)), pa.int64()),
        }
    )
    region = Config.model_fields["region"].default
    checked = validate(ibis.memtable(arrow), decl, m, region, source=source).to_pandas()
    checked = checked.sort_values("_row", ignore_index=True)  # its index is the frame's row position
    out = checked.drop(columns=["_row", "_field", "_reason"])
    out["source"] = frame["source"].to_numpy() if "source" in frame else table
    bad = checked[checked._reason.notna()]
    if len(bad):
        needed = {*decl.key, *(f.name for f in decl.fields if f.required), *decl.one_of}
        dropped = bad._field.map(lambda f: bool(needed & set(f.split(" or "))))
        for f, part in bad[~dropped].groupby("_field"):
            out.loc[part.index, f] = None
        _warn(who, table, frame.index, bad[dropped], "left out (it lacks what the table needs)")
        _warn(who, table, frame.index, bad[~dropped], "read as missing")
        out = out.drop(index=bad.index[dropped.to_numpy()])
    return out.reset_index(drop=True)


def unused(df: pd.DataFrame, reads: list[str], who: str) -> None:
    """A warning naming the columns of ``df`` that ``who`` does not read, if any."""
    if rest := [str(c) for c in df.columns if c not in reads]:
        warnings.warn(
            f"{who}: column(s) {', '.join(rest)} are not used; it reads {', '.join(reads)}", stacklevel=4
        )


def usable(reasons: pd.Series, who: str, what: str) -> pd.Series:
    """Which rows have no reason against them (``reasons`` holds "" for a good row): a warning names the
    ones left out; a frame without a usable row is an error."""
    left = reasons != ""
    if left.all():
        raise InputError(f"{who}: no row can be used; row {reasons.index[0]!r}: {reasons.iloc[0]}")
    if left.any():
        warnings.warn(
            f"{who}: {left.sum():,} {what} left out: {listed(reasons[left].to_dict())}", stacklevel=4
        )
    return ~left


def listed(rows: dict[object, str]) -> str:
    """Rows and what is wrong with each, by the frame's own labels: the first ``SHOWN`` and how many more."""
    said = " | ".join(f"row {i!r}: {why}" for i, why in list(rows.items())[:SHOWN])
    return said + (f" (and {len(rows) - SHOWN:,} more)" if len(rows) > SHOWN else "")


def _warn(who: str, table: str, index: pd.Index, bad: pd.DataFrame, what: str) -> None:
    """One warning for the rows of ``bad``: how many, and the first few."""
    if bad.empty:
        return
    # a frame has no source settings: the fix is in the frame
    rows = {
        index[r]: re.sub(r"set dayfirst: .*", "write dates as YYYY-MM-DD", reason)
        for r, reason in zip(bad._row, bad._reason, strict=True)
    }
    warnings.warn(f"{who}: {len(rows):,} {table} row(s) {what}: {listed(rows)}", stacklevel=4)
