"""Read one source file into Arrow, numbering rows and setting aside rows that cannot be parsed at all.

Rows are numbered as a person would count them in the file: CSV data rows from 1 (the header is not a row),
JSON lines from 1, Parquet rows from 1 within each file. A row that cannot be split into fields (a CSV row
with too many fields, a line that is not JSON) comes back as a `Malformed` record with its raw text.
"""

from __future__ import annotations

import csv
import glob
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from cxlens.errors import SourceError

ROW = "_row"


@dataclass
class Malformed:
    row: int
    text: str
    reason: str


def expand(pattern: Path, source: str) -> list[Path]:
    """The files a source's path or glob names, sorted; an error naming the path when there are none."""
    if any(ch in str(pattern) for ch in "*?["):
        files = sorted(Path(p) for p in glob.glob(str(pattern), recursive=True) if Path(p).is_file())
        if not files:
            raise SourceError(f"source '{source}': no file matches {pattern}; check its path in cxlens.yaml")
        return files
    if not pattern.exists():
        raise SourceError(f"source '{source}': file {pattern} not found; check its path in cxlens.yaml")
    if pattern.is_dir():
        raise SourceError(
            f"source '{source}': {pattern} is a folder; name a file or a glob like {pattern}/*.csv"
        )
    return [pattern]


def read(path: Path, fmt: str, delimiter: str = ",") -> tuple[pa.Table, list[Malformed]]:
    """The file's rows as Arrow (CSV and JSONL all text) with a ``_row`` column, and its malformed rows."""
    try:
        if fmt == "csv":
            return _csv(path, delimiter)
        if fmt == "jsonl":
            return _jsonl(path)
        t = pq.read_table(path)
        return t.append_column(ROW, pa.array(np.arange(1, t.num_rows + 1), pa.int64())), []
    except SourceError:
        raise
    except (OSError, pa.ArrowInvalid, UnicodeDecodeError, csv.Error) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise SourceError(f"{path}: cannot be read as {fmt.upper()} ({detail})") from None


def _csv(path: Path, delimiter: str) -> tuple[pa.Table, list[Malformed]]:
    with path.open(newline="", encoding="utf-8-sig") as fh:
        header = next(csv.reader(fh, delimiter=delimiter), None)
    if not header:
        raise SourceError(f"{path}: the file is empty; expected a header row with column names")
    bad: list[Malformed] = []

    def invalid(row: pacsv.InvalidRow) -> str:
        # physical line numbers count the header; data rows do not
        bad.append(
            Malformed(
                row.number - 1,
                row.text,
                f"row has {row.actual_columns} fields, expected {row.expected_columns} like the header",
            )
        )
        return "skip"

    t = pacsv.read_csv(
        path,
        read_options=pacsv.ReadOptions(column_names=header, skip_rows=1, use_threads=False, encoding="utf8"),
        parse_options=pacsv.ParseOptions(delimiter=delimiter, invalid_row_handler=invalid),
        convert_options=pacsv.ConvertOptions(
            column_types={c: pa.string() for c in header},
            strings_can_be_null=True,
            quoted_strings_can_be_null=True,
        ),
    )
    return t.append_column(ROW, pa.array(_numbers(t.num_rows, [b.row for b in bad]), pa.int64())), bad


def _numbers(n_good: int, skipped: list[int]) -> np.ndarray:
    """Row numbers of the rows kept, given the numbers of the rows set aside."""
    return np.setdiff1d(np.arange(1, n_good + len(skipped) + 1), skipped)[:n_good]


def _text(v: object) -> str | None:
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dict | list):
        return json.dumps(v, separators=(",", ":"))
    return str(v)


def _jsonl(path: Path) -> tuple[pa.Table, list[Malformed]]:
    cols: dict[str, list] = {}
    rows: list[int] = []
    bad: list[Malformed] = []
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                bad.append(
                    Malformed(
                        i,
                        line.rstrip("\n"),
                        f"line is not valid JSON ({exc.msg.removesuffix(' at')}, column {exc.colno})",
                    )
                )
                continue
            if not isinstance(rec, dict):
                bad.append(Malformed(i, line.rstrip("\n"), "line is JSON but not an object; expected {...}"))
                continue
            k = len(rows)
            for key, v in rec.items():
                col = cols.get(key)
                if col is None:
                    col = cols[key] = [None] * k
                col.append(_text(v))
            rows.append(i)
            for col in cols.values():
                if len(col) == k:
                    col.append(None)
    t = pa.table({**{c: pa.array(v, pa.string()) for c, v in cols.items()}, ROW: pa.array(rows, pa.int64())})
    return t, bad


def localise(t: pa.Table, columns: list[str], zone: str) -> pa.Table:
    """Read timestamps written without an offset as local times of ``zone``; store them with a UTC offset."""
    for c in columns:
        if c not in t.column_names or not pa.types.is_string(t[c].type):
            continue
        s = t[c].to_pandas()
        naive = s.notna() & ~s.str.strip().str.contains(r"(?:Z|[+-]\d\d:?\d\d)$", regex=True, na=False)
        if not naive.any():
            continue
        local = pd.to_datetime(s[naive], errors="coerce", format="ISO8601")
        utc = local.dt.tz_localize(zone, ambiguous="NaT", nonexistent="shift_forward").dt.tz_convert("UTC")
        s = s.copy()
        ok = utc.notna()
        s.loc[utc.index[ok]] = utc[ok].dt.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        t = t.set_column(t.column_names.index(c), c, pa.array(s, pa.string()))
    return t
