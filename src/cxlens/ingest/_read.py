"""Read one source file into Arrow, numbering rows and setting aside rows that cannot be parsed at all.

Rows are numbered as a person would count them in the file: CSV data rows from 1 (the header is not a row),
JSON lines from 1, Parquet rows from 1 within each file. A row that cannot be split into fields (a CSV row
with too many fields, a line that is not JSON) comes back as a `Malformed` record with its raw text.
"""

from __future__ import annotations

import csv
import glob
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import orjson
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from cxlens.errors import SourceError

ROW = "_row"
# A file larger than this (in text, or uncompressed Parquet) is read and loaded in pieces of about this
# size: memory stays bounded whatever the file size (measured: ~1.8 GB peak at 64 MiB, 3.3 GB at 300 MiB).
PIECE_BYTES = 64 * 2**20
BLOCK_BYTES = 16 * 2**20  # what the CSV reader parses at a time


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


def read(
    path: Path, fmt: str, delimiter: str = ",", piece: int = PIECE_BYTES
) -> Iterator[tuple[pa.Table, list[Malformed]]]:
    """The file's rows as Arrow (CSV and JSONL all text) with a ``_row`` column, and its malformed rows, in
    pieces of about ``piece`` bytes, so that a file of any size is read in bounded memory."""
    try:
        if fmt == "csv":
            yield from _csv(path, delimiter, piece)
        elif fmt == "jsonl":
            yield from _jsonl(path, piece)
        else:
            yield from _parquet(path, piece)
    except SourceError:
        raise
    except (OSError, pa.ArrowInvalid, UnicodeDecodeError, csv.Error) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise SourceError(f"{path}: cannot be read as {fmt.upper()} ({detail})") from None


def _parquet(path: Path, piece: int) -> Iterator[tuple[pa.Table, list[Malformed]]]:
    f = pq.ParquetFile(path)
    meta = f.metadata
    size = sum(meta.row_group(g).total_byte_size for g in range(meta.num_row_groups))
    rows = max(1, piece * meta.num_rows // max(size, 1))
    start, empty = 1, True
    for batch in f.iter_batches(batch_size=rows):
        t = pa.Table.from_batches([batch])
        yield t.append_column(ROW, pa.array(np.arange(start, start + t.num_rows), pa.int64())), []
        start, empty = start + t.num_rows, False
    if empty:
        t = f.schema_arrow.empty_table()
        yield t.append_column(ROW, pa.array([], pa.int64())), []


def _csv(path: Path, delimiter: str, piece: int) -> Iterator[tuple[pa.Table, list[Malformed]]]:
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

    reader = pacsv.open_csv(
        path,
        read_options=pacsv.ReadOptions(
            column_names=header, skip_rows=1, use_threads=False, encoding="utf8", block_size=BLOCK_BYTES
        ),
        parse_options=pacsv.ParseOptions(delimiter=delimiter, invalid_row_handler=invalid),
        convert_options=pacsv.ConvertOptions(
            column_types={c: pa.string() for c in header},
            strings_can_be_null=True,
            quoted_strings_can_be_null=True,
        ),
    )
    numbers = _Numbers()
    batches: list[pa.RecordBatch] = []
    held, yielded = 0, False
    for batch in reader:
        batches.append(batch)
        held += batch.nbytes
        if held >= piece:
            yield numbers.table(reader.schema, batches, bad), bad
            batches, held, bad, yielded = [], 0, [], True
    if batches or bad or not yielded:
        yield numbers.table(reader.schema, batches, bad), bad


class _Numbers:
    """Row numbers of the rows kept, piece after piece, skipping the numbers of rows set aside."""

    def __init__(self) -> None:
        self.next = 1
        self.skipped: set[int] = set()

    def table(self, schema: pa.Schema, batches: list[pa.RecordBatch], bad: list[Malformed]) -> pa.Table:
        t = pa.Table.from_batches(batches, schema=schema)
        self.skipped.update(b.row for b in bad)
        span = np.arange(self.next, self.next + t.num_rows + len(self.skipped) + 1)
        kept = span[~np.isin(span, list(self.skipped))][: t.num_rows]
        if len(kept):
            self.next = int(kept[-1]) + 1
        self.skipped = {r for r in self.skipped if r >= self.next}
        return t.append_column(ROW, pa.array(kept, pa.int64()))


def _text(v: object) -> str | None:
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dict | list):
        try:
            return orjson.dumps(v).decode()
        except TypeError:  # an integer past 64 bits, which only the standard library holds
            return json.dumps(v, separators=(",", ":"), ensure_ascii=False)
    return str(v)


def _loads(line: str) -> object:
    """A JSON line parsed by orjson (several times faster), or by the standard library where orjson refuses
    what it accepts (NaN, integers past 64 bits), whose error then names the problem."""
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError:
        return json.loads(line)


def _jsonl(path: Path, piece: int) -> Iterator[tuple[pa.Table, list[Malformed]]]:
    cols: dict[str, list] = {}
    numbers: list[int] = []
    bad: list[Malformed] = []
    held, yielded = 0, False

    def table() -> pa.Table:
        return pa.table(
            {**{c: pa.array(v, pa.string()) for c, v in cols.items()}, ROW: pa.array(numbers, pa.int64())}
        )

    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rec = _loads(line)
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
            k = len(numbers)
            for key, v in rec.items():
                col = cols.get(key)
                if col is None:
                    col = cols[key] = [None] * k
                col.append(_text(v))
            numbers.append(i)
            for col in cols.values():
                if len(col) == k:
                    col.append(None)
            held += len(line)
            if held >= piece:
                yield table(), bad
                cols, numbers, bad, held, yielded = {}, [], [], 0, True
    if numbers or bad or not yielded:
        yield table(), bad


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
