"""Read one source file into Arrow, numbering rows and setting aside rows that cannot be parsed at all.

Rows are numbered as a person would count them in the file: CSV and spreadsheet data rows from 1 (the header
is not a row), JSON lines from 1, Parquet rows from 1 within each file. A row that cannot be split into
fields (a CSV row with too many fields, a line that is not JSON) comes back as a `Malformed` record with its
raw text. Text files may be gzipped (``.gz``) and in any encoding Python knows; a byte the encoding cannot
read stops the file with its offset and an encoding that would read it.
"""

from __future__ import annotations

import codecs
import collections
import csv
import datetime as dt
import glob
import gzip
import io
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from cxlens.canonical import times
from cxlens.config import Source
from cxlens.errors import SourceError

ROW = "_row"
# A file larger than this (in text, or uncompressed Parquet) is read and loaded in pieces of about this
# size: memory stays bounded whatever the file size (measured: ~1.8 GB peak at 64 MiB, 3.3 GB at 300 MiB).
PIECE_BYTES = 64 * 2**20
BLOCK_BYTES = 16 * 2**20  # what the CSV reader parses at a time
TITLE_ROWS = 10  # a spreadsheet's header is found among its first rows: titles above it are passed over


@dataclass
class Malformed:
    row: int
    text: str
    reason: str


def expand(pattern: Path, source: str, may_be_empty: bool = False) -> list[Path]:
    """The files a source's path or glob names, sorted; an error naming the path when there are none,
    unless the source ``may_be_empty`` (the collector's log, before anything was sealed or after an erasure
    emptied it)."""
    if any(ch in str(pattern) for ch in "*?["):
        files = sorted(Path(p) for p in glob.glob(str(pattern), recursive=True) if Path(p).is_file())
        if not files and not may_be_empty:
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
    path: Path,
    fmt: str,
    delimiter: str = ",",
    piece: int = PIECE_BYTES,
    *,
    encoding: str = "utf-8",
    sheet: str | int | None = None,
) -> Iterator[tuple[pa.Table, list[Malformed]]]:
    """The file's rows as Arrow (CSV, JSONL and spreadsheets all text) with a ``_row`` column, and its
    malformed rows, in pieces of about ``piece`` bytes, so that a file of any size is read in bounded
    memory."""
    try:
        if fmt == "csv" and delimiter == "whitespace":
            yield from _aligned(path, piece, encoding)
        elif fmt == "csv":
            yield from _csv(path, delimiter, piece, encoding)
        elif fmt == "jsonl":
            yield from _jsonl(path, piece, encoding)
        elif fmt == "xlsx":
            yield from _xlsx(path, sheet, piece)
        else:
            yield from _parquet(path, piece)
    except SourceError:
        raise
    except (OSError, pa.ArrowInvalid, UnicodeDecodeError, csv.Error, EOFError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if isinstance(exc, UnicodeDecodeError) or "UTF8" in detail or "UTF-8" in detail:
            raise SourceError(undecodable(path, encoding)) from None
        raise SourceError(f"{path}: cannot be read as {fmt.upper()} ({detail})") from None


def _open(path: Path) -> IO[bytes]:
    """The file's bytes, uncompressed when its name ends in ``.gz``."""
    return gzip.open(path, "rb") if path.suffix.lower() == ".gz" else path.open("rb")


def undecodable(path: Path, encoding: str) -> str:
    """Where ``path`` first holds bytes ``encoding`` cannot read, and an encoding that reads it whole."""
    offset, line, found = 0, 1, None
    decoder = codecs.getincrementaldecoder(encoding)()
    with _open(path) as fh:
        while block := fh.read(2**20):
            try:
                decoder.decode(block)
            except UnicodeDecodeError as exc:
                found = offset + exc.start
                line += block[: exc.start].count(b"\n")
                bad = block[exc.start : exc.end]
                break
            offset, line = offset + len(block), line + block.count(b"\n")
    if found is None:
        return f"{path}: cannot be read as {encoding}"
    fits = next((e for e in ("utf-8", "cp1252", "latin-1") if e != encoding and _reads(path, e)), None)
    hint = f"set encoding: {fits} on the source (the whole file reads in it)" if fits else "set encoding:"
    return (
        f"{path}: at byte offset {found:,} (line {line}) the bytes {bad.hex(' ', 1).upper()} are not "
        f"{encoding}; {hint}"
    )


def _reads(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    with _open(path) as fh:
        try:
            while block := fh.read(2**20):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


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


def _cell(v: object) -> str | None:
    """A spreadsheet cell as text: dates in ISO 8601 (a date alone when it has no time of day), whole
    numbers without a decimal point (ids, phone numbers), booleans as true/false."""
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat()
    if isinstance(v, dt.date | dt.time):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _cells(values: tuple) -> list[str | None]:
    """A spreadsheet row as text, without its empty cells at the end."""
    cells = [_cell(v) for v in values]
    while cells and cells[-1] is None:
        cells.pop()
    return cells


def _xlsx(path: Path, sheet: str | int | None, piece: int) -> Iterator[tuple[pa.Table, list[Malformed]]]:
    """An Excel worksheet read row by row (openpyxl's streaming mode). The header is the first row as wide
    as most of the first rows (title lines above it are passed over); empty rows are not rows, and a row
    with values beyond the header's last column is set aside."""
    import openpyxl  # only spreadsheet sources need it

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError and its own errors on a damaged file
        raise SourceError(f"{path}: cannot be read as an Excel workbook (.xlsx): {exc}") from None
    try:
        names = book.sheetnames
        if sheet not in (None, *names, *range(len(names))):
            raise SourceError(
                f"{path}: there is no sheet {sheet!r}; its sheets are {', '.join(map(repr, names))}"
            )
        ws = book[sheet] if isinstance(sheet, str) else book.worksheets[sheet or 0]
        numbered = enumerate(ws.iter_rows(values_only=True), 1)
        rows = ((n, cells) for n, v in numbered if any(cells := _cells(v)))
        first = list(itertools.islice(rows, TITLE_ROWS))
        if not first:
            raise SourceError(f"{path}: the sheet is empty; expected a header row with column names")
        counts = collections.Counter(len(c) for _, c in first)
        usual = max(counts, key=lambda w: (counts[w], w))
        at = next(i for i, (_, c) in enumerate(first) if len(c) >= usual)
        header_row, cells = first[at]
        header: list[str] = []
        for i, c in enumerate(cells):  # an unnamed or repeated column gets a name of its own
            name = c.strip() if c else f"column_{i + 1}"
            header.append(name if name not in header else f"{name}_{i + 1}")
        cols, numbers, bad, held = [], [], [], 0
        for n, cells in itertools.chain(first[at + 1 :], rows):
            if len(cells) > len(header):
                text = "\t".join(c or "" for c in cells)
                reason = f"row has {len(cells)} fields, expected {len(header)} like the header"
                bad.append(Malformed(n - header_row, text, reason))
                continue
            cols.append(cells + [None] * (len(header) - len(cells)))
            numbers.append(n - header_row)
            held += sum(len(c) for c in cells if c)
            if held >= piece:
                yield _sheet_table(header, cols, numbers), bad
                cols, numbers, bad, held = [], [], [], 0
        yield _sheet_table(header, cols, numbers), bad
    finally:
        book.close()


def _sheet_table(header: list[str], rows: list[list[str | None]], numbers: list[int]) -> pa.Table:
    columns = {c: pa.array([r[i] for r in rows], pa.string()) for i, c in enumerate(header)}
    return pa.table({**columns, ROW: pa.array(numbers, pa.int64())})


def _csv(path: Path, delimiter: str, piece: int, encoding: str) -> Iterator[tuple[pa.Table, list[Malformed]]]:
    with io.TextIOWrapper(_open(path), encoding=_sig(encoding), newline="") as fh:
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
        _open(path),
        read_options=pacsv.ReadOptions(
            column_names=header, skip_rows=1, use_threads=False, encoding=encoding, block_size=BLOCK_BYTES
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
    """A parsed JSON value as the text column holds it: nested values as compact UTF-8 JSON."""
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dict | list):
        return json.dumps(v, separators=(",", ":"), ensure_ascii=False)
    return str(v)


def _sig(encoding: str) -> str:
    """The encoding that also reads a UTF-8 byte order mark, for UTF-8."""
    return "utf-8-sig" if encoding == "utf-8" else encoding


def _blocks(path: Path, piece: int, encoding: str) -> Iterator[bytes]:
    """The file as UTF-8 in blocks of whole lines of about ``piece`` bytes."""
    with _open(path) as fh:
        if encoding in ("utf-8", "utf-8-sig"):
            while block := fh.read(piece):
                yield block + fh.readline()
            return
        text = io.TextIOWrapper(fh, encoding=encoding, newline="")
        while chunk := text.read(piece):
            yield (chunk + text.readline()).encode("utf-8")


def _lines(path: Path, piece: int, encoding: str) -> Iterator[pa.Array]:
    """The file's lines (ends taken off, empty lines kept, so a line's position is its number), in pieces
    of whole lines of about ``piece`` bytes; a UTF-8 byte order mark opening the file is not part of its
    first line. The lines are cut where the block's newlines lie and point into the block (no copy)."""
    first = True
    for block in _blocks(path, piece, encoding):
        if first:
            block, first = block.removeprefix(codecs.BOM_UTF8), False
        if not block.endswith(b"\n"):
            block += b"\n"
        ends = np.flatnonzero(np.frombuffer(block, np.uint8) == ord("\n"))
        offsets = np.zeros(len(ends) + 1, np.int64 if len(block) >= 2**31 else np.int32)
        offsets[1:] = ends + 1
        kind = pa.LargeStringArray if offsets.dtype == np.int64 else pa.StringArray
        lines = kind.from_buffers(len(ends), pa.py_buffer(offsets), pa.py_buffer(block))
        lines.validate(full=True)  # UTF-8, as text must be; a wrong byte is found and named by read()
        yield pc.utf8_rtrim(lines, "\r\n")


def _aligned(path: Path, piece: int, encoding: str) -> Iterator[tuple[pa.Table, list[Malformed]]]:
    """A text file whose fields are separated by runs of spaces or tabs (``delimiter: whitespace``), the
    first line naming the columns; a line with another number of fields is set aside."""
    header: list[str] | None = None
    line_no, header_line, yielded = 0, 0, False
    for lines in _lines(path, piece, encoding):
        fields = pc.split_pattern_regex(pc.utf8_trim_whitespace(lines), r"\s+")
        numbers = np.arange(line_no + 1, line_no + 1 + len(lines))
        line_no += len(lines)
        blank = pc.equal(pc.utf8_length(pc.utf8_trim_whitespace(lines)), 0).to_numpy(zero_copy_only=False)
        if header is None:
            first = int(np.argmin(blank)) if not blank.all() else None
            if first is None:
                continue
            header = fields[first].as_py()
            blank[: first + 1] = True
            header_line = int(numbers[first])
        counts = pc.list_value_length(fields).to_numpy(zero_copy_only=False)
        good = ~blank & (counts == len(header))
        bad = [
            Malformed(int(n) - header_line, lines[i].as_py(), f"row has {counts[i]} fields, expected "
                      f"{len(header)} like the header")
            for i, n in enumerate(numbers) if not blank[i] and not good[i]
        ]  # fmt: skip
        kept = fields.filter(pa.array(good))
        cols = {c: pc.list_element(kept, i) for i, c in enumerate(header)}
        rows = pa.array(numbers[good] - header_line, pa.int64())
        yield pa.table({**cols, ROW: rows}), bad
        yielded = True
    if header is None:
        raise SourceError(f"{path}: the file is empty; expected a header row with column names")
    if not yielded:
        yield pa.table({**{c: pa.array([], pa.string()) for c in header}, ROW: pa.array([], pa.int64())}), []


def _jsonl(path: Path, piece: int, encoding: str) -> Iterator[tuple[pa.Table, list[Malformed]]]:
    """Pieces of whole lines of about ``piece`` bytes, each cut into lines where its newlines lie and parsed
    by DuckDB's JSON functions (C++, on every core; 4.0 s for 1M events with orjson in a Python loop); the
    rare line that is not a JSON object is judged again by the standard library, which names what is
    wrong. DuckDB reads a key written twice in one object as its first value."""
    parser = duckdb.connect()
    start, yielded = 1, False
    try:
        for lines in _lines(path, piece, encoding):
            yield _parse(parser, lines, start)
            start, yielded = start + len(lines), True
    finally:
        parser.close()
    if not yielded:
        yield _objects([]), []


def _parse(
    parser: duckdb.DuckDBPyConnection, lines: pa.Array, start: int
) -> tuple[pa.Table, list[Malformed]]:
    numbered = pa.table({"line": lines, ROW: pa.array(np.arange(start, start + len(lines)), pa.int64())})
    # (a CASE, not AND: DuckDB may reorder the terms of an AND, and json_type fails on what is not JSON)
    ok = _query(
        parser,
        numbered,
        "SELECT CASE WHEN json_valid(line) THEN json_type(line) = 'OBJECT' ELSE false END FROM _t",
    )[0]
    odd = numbered.filter(pc.invert(ok)).to_pylist()
    objects = numbered.filter(ok)
    # keys in order of first appearance, by the line that first has them, then by place in that line:
    # taken from the distinct lists of keys (a handful, however many lines), each where it first appears
    lists = _query(parser, objects, f"SELECT json_keys(line) AS keys, min({ROW}) AS r FROM _t GROUP BY keys")
    keys = list(dict.fromkeys(k for f in sorted(lists.to_pylist(), key=lambda f: f["r"]) for k in f["keys"]))
    if keys:
        paths = ", ".join(
            "'/" + k.replace("~", "~0").replace("/", "~1").replace("'", "''") + "'" for k in keys
        )
        picked = ", ".join(f"v[{i}]" for i in range(1, len(keys) + 1))
        sql = f"SELECT {picked}, {ROW} FROM (SELECT {ROW}, json_extract_string(line, [{paths}]) AS v FROM _t)"
        t = _query(parser, objects, sql).rename_columns([*keys, ROW])
    else:
        t = _objects([])
    if not odd:
        return t, []
    records, bad = [], []
    for rec in odd:
        i, line = rec[ROW], rec["line"]
        if not line.strip():  # blank lines are not rows
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            reason = f"line is not valid JSON ({exc.msg.removesuffix(' at')}, column {exc.colno})"
            bad.append(Malformed(i, line, reason))
            continue
        if isinstance(rec, dict):
            records.append((i, rec))
        else:
            bad.append(Malformed(i, line, "line is JSON but not an object; expected {...}"))
    if records:
        t = pa.concat_tables([t, _objects(records)], promote_options="default")
        t = t.take(pc.sort_indices(t[ROW]))
    return t, bad


def _query(parser: duckdb.DuckDBPyConnection, t: pa.Table, sql: str) -> pa.Table:
    """``sql`` run on ``t``, named ``_t`` in it."""
    parser.register("_t", t)
    try:
        return parser.execute(sql).to_arrow_table()
    finally:
        parser.unregister("_t")


def _objects(records: list[tuple[int, dict]]) -> pa.Table:
    """Numbered JSON objects as a table of text columns, a column per key in order of first appearance."""
    cols: dict[str, list] = {}
    for k, (_, rec) in enumerate(records):
        for key, v in rec.items():
            cols.setdefault(key, [None] * k).append(_text(v))
        for col in cols.values():
            if len(col) == k:
                col.append(None)
    numbers = pa.array([i for i, _ in records], pa.int64())
    return pa.table({**{c: pa.array(v, pa.string()) for c, v in cols.items()}, ROW: numbers})


def localise(t: pa.Table, columns: dict[str, str], source: Source) -> pa.Table:
    """Read the times of ``columns`` (file column: canonical column) written without an offset as local
    times of the source's zone, in the forms it writes them, and write them as ISO 8601 in UTC; epoch
    numbers are UTC already."""
    for c, canonical in columns.items():
        if c not in t.column_names or not pa.types.is_string(t[c].type):
            continue
        s = t[c].to_pandas()
        text = s.str.strip()
        placed = text.str.contains(r"(?:Z|[+-]\d\d:?\d\d)$|^\d{10}(?:\d{3})?$", regex=True, na=True)
        naive = s.notna() & ~placed
        if not naive.any():
            continue
        wall = times(text[naive], source.formats.get(canonical), source.dayfirst).dt.tz_localize(None)
        zone = source.timezone
        utc = wall.dt.tz_localize(zone, ambiguous="NaT", nonexistent="shift_forward").dt.tz_convert("UTC")
        s = s.copy()
        ok = utc.notna()
        s.loc[utc.index[ok]] = utc[ok].dt.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        t = t.set_column(t.column_names.index(c), c, pa.array(s, pa.string()))
    return t
