"""Load sources into the canonical tables: every row read is loaded, quarantined or skipped as a duplicate.

Per batch of files: scan them as one table, validate as one Ibis expression, classify each row against the
rest of the batch and against what the table already holds, stage the result, then insert the new rows and
quarantine the rest.
Loading the same files again finds every good row already present (identical, so skipped) and every bad
row already in quarantine, so no table changes.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import ibis
import ibis.expr.operations as ops
import ibis.expr.types as ir
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from ibis.backends import BaseBackend
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from cxlens import engine
from cxlens.canonical.validate import mapping, validate
from cxlens.config import Config, Source
from cxlens.errors import SourceError
from cxlens.ids import CARRIERS, carrying, with_email
from cxlens.ingest._guard import refused
from cxlens.ingest._overview import overview
from cxlens.ingest._read import PIECE_BYTES, ROW, Malformed, expand, localise, read
from cxlens.privacy import Suppression
from cxlens.stage import Stage
from cxlens.tables import (
    ACTIVITY_BY_MONTH,
    FIELD_COMPLETENESS,
    INGEST_RUNS,
    QUARANTINE,
    TABLES,
    Table,
    declared,
)

# What ingest writes, for the pipeline to know which later stages read it.
WRITES = (*TABLES, QUARANTINE, INGEST_RUNS, FIELD_COMPLETENESS, ACTIVITY_BY_MONTH)
# Scratch tables of a piece: every row's verdict, and the rows whose key repeats, whole.
ROWS, SUSPECTS, KEPT = "_ingest_rows", "_ingest_repeats", "_ingest_repeats_classified"
FIXED = "_ingest_quarantine_kept"
SAME = ("source", "file", "row", "reason")  # a row quarantined again for the same reason is not new
FILE = "_file"
FILE_STRIDE = 2**32  # _ord = file index * FILE_STRIDE + row: one ordering over a batch of files
# Bytes of files loaded in one pass: many small exports share one, big files go alone (a larger pass
# measured slower on a 1M-customer company: its staging table no longer fits in memory).
BATCH_BYTES = 256 * 2**20
QUARANTINE_SCHEMA = declared(QUARANTINE).schema
T = TypeVar("T")


@dataclass
class SourceReport:
    """The reconciliation of one source: ``read == loaded + quarantined + duplicates + erased`` (rows of
    people erased on request, whose identifiers are suppressed)."""

    source: str
    table: str
    files: int = 0
    read: int = 0
    loaded: int = 0
    quarantined: int = 0
    duplicates: int = 0
    erased: int = 0
    seconds: float = 0.0
    reasons: dict[str, int] = field(default_factory=dict)

    @property
    def balanced(self) -> bool:
        return self.read == self.loaded + self.quarantined + self.duplicates + self.erased


def _same(t: ir.Table, cols: list[str], prefix: str) -> ir.BooleanValue:
    """Whether every column equals (NULL-safely) its copy named ``prefix + column``."""
    return ibis.and_(*[t[c].identical_to(t[f"{prefix}{c}"]) for c in cols])


def _conflict(t: ir.Table, when: ir.BooleanValue, key: list[str], reason: ir.StringValue) -> ir.Table:
    """Mark rows ``when`` as conflicts of their key, with ``reason``."""
    return t.mutate(
        _status=ibis.ifelse(when, "conflict", t._status),
        _reason=ibis.ifelse(when, f"the key ({', '.join(key)}) " + reason, t._reason),
        _field=ibis.ifelse(when, key[-1], t._field),
    )


def _classify(con: BaseBackend, v: ir.Table, table: Table, files: list[str]) -> ir.Table:
    """Add ``_status`` (new, duplicate, conflict) to good rows and fill ``_reason`` for conflicts.

    Rows are ordered by ``_ord`` (file, then row); the first row of a key is the one kept.
    """
    key, cols = list(table.key), [*table.columns, "source"]
    repeats = (
        v.group_by(key)
        .aggregate(_n=v.count(), _first=v._ord.min())
        .filter(lambda t: t._n > 1)
        .rename({f"_k_{k}": k for k in key})
    )
    w = v.left_join(repeats, [v[k] == repeats[f"_k_{k}"] for k in key])
    w = w.mutate(_first=w._first.fill_null(w._ord), _n=w._n.fill_null(1))
    # Only rows whose key repeats are compared, column by column, with the first row of their key.
    rep = w.filter(w._n > 1)
    first = rep.filter(rep._ord == rep._first).select(_ford=rep._ord, **{f"_f_{c}": rep[c] for c in cols})
    later = rep.filter(rep._ord != rep._first)
    pair = later.join(first, later._first == first._ford)
    verdict = pair.select(_vord=pair._ord, _same=_same(pair, cols, "_f_"))
    w = w.left_join(verdict, w._ord == verdict._vord)
    v = w.mutate(
        _status=ibis.cases((w._ord == w._first, "new"), (w._same, "duplicate"), else_="conflict"),
    ).drop("_n", "_vord", "_same", *[f"_k_{k}" for k in key])
    first_file = ibis.cases(
        *[(v._first // FILE_STRIDE == i, name) for i, name in enumerate(files)], else_="?"
    )
    v = _conflict(
        v,
        v._status == "conflict",
        key,
        "repeats row " + (v._first % FILE_STRIDE).cast(str) + " of " + first_file + " with different values",
    )
    keep = [*cols, ROW, FILE, "_ord", "_field", "_reason", "_status"]
    if not engine.has_table(con, table.name):
        return v.select(*keep)
    # Loaded rows sharing a key with this batch: a semi-join that scans only the loaded keys, so the full
    # comparison below joins a small table (empty on a first load) instead of everything loaded so far.
    loaded = con.table(table.name).select(*cols)
    prior = loaded.semi_join(v.select(*key), key)
    old = prior.rename({f"_old_{c}": c for c in cols}).mutate(_found=True)
    j = v.left_join(old, [v[k] == old[f"_old_{k}"] for k in key])
    found = (j._status == "new") & j._found.notnull()
    same = _same(j, cols, "_old_")
    j = j.mutate(_clash=found & ~same, _status=ibis.ifelse(found & same, "duplicate", j._status))
    j = _conflict(
        j,
        j._clash,
        key,
        ibis.literal("is already loaded with different values; corrections to loaded rows are not applied"),
    )
    return j.select(*keep)


def _statuses(rows: ir.Table, kept: ir.Table) -> pd.DataFrame:
    """Rows per file and status: bad ones from the verdicts, duplicates and conflicts from the repeats,
    and the rest new."""
    per_file = rows.group_by(FILE).aggregate(n=rows.count(), bad=rows._reason.notnull().sum()).to_pandas()
    held = kept.filter(kept._status != "new")
    held = held.group_by(FILE, "_status").aggregate(n=held.count()).to_pandas()
    held_n = held.groupby(FILE).n.sum().reindex(per_file[FILE], fill_value=0).to_numpy()
    new = per_file.assign(_status="new", n=per_file.n - per_file.bad - held_n)
    bad = per_file.assign(_status="bad", n=per_file.bad)
    return pd.concat([new, bad, held], ignore_index=True)[[FILE, "_status", "n"]]


def _records(raw: ir.Table, ords: list[int]) -> dict[int, str]:
    """The raw records of the given rows (by ``_ord``) as JSON text, exactly as read. A piece read into
    memory is looked up in its own Arrow table: querying it once more through the engine kept its data
    alive after the piece was let go (0.1 GB a piece of a file with bad rows)."""
    piece = next((op for op in raw.op().find(ops.InMemoryTable) if ROW in op.schema), None)
    if piece is None:
        found = raw.filter(raw._ord.isin(ords)).drop(ROW, FILE).to_pyarrow()
    else:
        t = piece.data.to_pyarrow(piece.schema)
        order = pc.add(pc.multiply(t[FILE], FILE_STRIDE), t[ROW])
        found = t.append_column("_ord", order).filter(pc.is_in(order, pa.array(ords, pa.int64())))
        found = found.drop_columns([ROW, FILE])
    out = {}
    for rec in found.to_pylist():
        out[rec.pop("_ord")] = json.dumps(rec, default=str, ensure_ascii=False)
    return out


def _quarantine(con: BaseBackend, rows: pd.DataFrame) -> None:
    if not len(rows):
        return
    if not engine.has_table(con, QUARANTINE):
        con.create_table(QUARANTINE, schema=QUARANTINE_SCHEMA)
    rows = rows.drop_duplicates(["source", "file", "row"])
    new = ibis.memtable(
        pa.Table.from_pandas(rows, schema=QUARANTINE_SCHEMA.to_pyarrow(), preserve_index=False)
    )
    old = con.table(QUARANTINE).select(*SAME)
    con.insert(QUARANTINE, new.anti_join(old, list(SAME)))


def _forget_stale(con: BaseBackend, source: str, files: list[str], q: pd.DataFrame) -> None:
    """Take out of quarantine what this load of the files no longer says: rows that load now, or fail for
    another reason (a setting was changed since). Loading the same files again changes nothing."""
    if not engine.has_table(con, QUARANTINE):
        return
    qt = con.table(QUARANTINE)
    mine = qt.filter((qt.source == source) & qt.file.isin(files))
    now = q.drop_duplicates(["file", "row"])[["source", *SAME[1:]]]
    if mine.count().execute() == len(now):
        return
    types = pa.schema([(c, QUARANTINE_SCHEMA[c].to_pyarrow()) for c in SAME])
    now = ibis.memtable(pa.Table.from_pandas(now, schema=types, preserve_index=False))
    stale = mine.anti_join(now, list(SAME))
    engine.write(con, QUARANTINE, engine.scratch(con, FIXED, qt.anti_join(stale, list(SAME))))


def _pieces(
    con: BaseBackend, source: Source, paths: list[Path]
) -> Iterator[tuple[ir.Table, dict[str, str], list[tuple[int, Malformed]]]]:
    """A batch of a source's files as tables of about ``PIECE_BYTES`` at most, each with ``_file``
    (index in ``paths``), ``_row`` and ``_ord``; with the column mapping (checked on each file, so an error
    names it) and the rows that could not be split. Many small files make one piece, a large file many."""
    table = TABLES[source.table]
    if source.format == "parquet" and source.timezone == "UTC" and engine.reads_parquet(con):
        # the engine streams Parquet itself; each file's schema first, so a broken file is named
        maps = [mapping(source, _parquet_columns(p), p) for p in paths]
        raw = engine.scan_parquet(con, paths)
        index = ibis.memtable({"_path": [str(p) for p in paths], FILE: list(range(len(paths)))})
        raw = raw.join(index, "_path").drop("_path")
        yield _ordered(raw), {k: v for mp in maps for k, v in mp.items()}, []
        return
    parts: list[pa.Table] = []
    maps: dict[str, str] = {}
    malformed: list[tuple[int, Malformed]] = []
    held = 0
    for i, path in enumerate(paths):
        m: dict[str, str] | None = None
        options = {"encoding": source.encoding, "sheet": source.sheet}
        for arrow, bad in read(path, source.format, source.delimiter, PIECE_BYTES, **options):
            names = [c for c in arrow.column_names if c != ROW]
            if m is None:  # the first piece of a file decides its mapping; later pieces follow it
                m = mapping(source, names, path)
            missing = [c for c in dict.fromkeys(m.values()) if c not in names]
            for c in missing:
                arrow = arrow.append_column(c, pa.nulls(arrow.num_rows, pa.string()))
            if source.timezone != "UTC":
                stamps = {m[f.name]: f.name for f in table.fields if f.kind == "timestamp" and f.name in m}
                arrow = localise(arrow, stamps, source)
            parts.append(arrow.append_column(FILE, pa.array(np.full(arrow.num_rows, i), pa.int64())))
            maps.update(m)
            malformed += [(i, b) for b in bad]
            held += arrow.nbytes
            if held >= PIECE_BYTES:
                yield _arrow_piece(parts), maps, malformed
                parts, maps, malformed, held = [], dict(maps), [], 0
    if parts or malformed:
        yield _arrow_piece(parts), maps, malformed


def ahead(pieces: Iterator[T]) -> Iterator[T]:
    """The items of ``pieces``, the next one read in a thread while the caller works on the current one:
    reading (Arrow, the JSON parser) and loading (the engine) overlap, with at most two pieces in memory."""
    out: queue.Queue = queue.Queue(maxsize=1)
    done, stop = object(), threading.Event()

    def produce() -> None:
        try:
            for item in pieces:
                out.put(item)
                if stop.is_set():
                    return
            out.put(done)
        except BaseException as exc:  # handed to the caller, who raises it
            out.put(exc)
        finally:  # its files and parser are let go now, not when collected
            if close := getattr(pieces, "close", None):
                close()

    threading.Thread(target=produce, daemon=True).start()
    try:
        while (item := out.get()) is not done:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:  # the caller stopped early: free the slot the reader may wait on, and tell it to stop
        stop.set()
        with contextlib.suppress(queue.Empty):
            out.get_nowait()


def _arrow_piece(parts: list[pa.Table]) -> ir.Table:
    return _ordered(ibis.memtable(pa.concat_tables(parts, promote_options="default").combine_chunks()))


def _ordered(raw: ir.Table) -> ir.Table:
    return raw.mutate(_ord=raw[FILE] * FILE_STRIDE + raw[ROW])


def _parquet_columns(path: Path) -> list[str]:
    try:
        return pq.read_schema(path).names
    except (OSError, pa.ArrowInvalid) as exc:
        raise SourceError(f"{path}: cannot be read as PARQUET ({str(exc).splitlines()[0]})") from None


def load_batch(
    con: BaseBackend,
    config: Config,
    source: Source,
    paths: list[Path],
    report: SourceReport,
    run_id: str,
    erased: list[str] = (),
) -> None:
    """Load some files of a source, piece by piece, and add their figures to ``report``; rows carrying an
    identifier whose digest is in ``erased`` are left out and counted."""
    table = TABLES[source.table]
    started = datetime.now(UTC)
    if not engine.has_table(con, table.name):
        con.create_table(table.name, schema=table.schema)
    files = [os.path.relpath(p, config.base_dir) for p in paths]
    statuses, quarantined, gone = [], [], []
    for raw, m, malformed in ahead(_pieces(con, source, paths)):
        by_status, q, g = _load_piece(con, config, source, raw, m, malformed, files, erased)
        statuses.append(by_status)
        quarantined.append(q)
        gone.append(g)
    by_status, q, g = (pd.concat(x, ignore_index=True) for x in (statuses, quarantined, gone))
    _forget_stale(con, source.name, files, q)
    for reason in q.field:
        report.reasons[reason] = report.reasons.get(reason, 0) + 1
    counts = by_status.pivot_table(index=FILE, columns="_status", values="n", aggfunc="sum", fill_value=0)
    now = datetime.now(UTC)
    runs = []
    for i, file in enumerate(files):
        c = counts.loc[i] if i in counts.index else pd.Series(dtype="int64")
        loaded, dups = int(c.get("new", 0)), int(c.get("duplicate", 0))
        in_file = int((q.file == file).sum())
        gone_rows = int(g.n[g[FILE] == i].sum())
        read_rows = int(c.sum()) + int((q.file == file).mul(q.field == "(row)").sum()) + gone_rows
        report.erased += gone_rows
        report.files += 1
        report.read += read_rows
        report.loaded += loaded
        report.quarantined += in_file
        report.duplicates += dups
        runs.append(
            {
                "run_id": run_id,
                "source": source.name,
                "table": table.name,
                "file": file,
                "rows_read": read_rows,
                "loaded": loaded,
                "quarantined": in_file,
                "duplicates": dups,
                "erased": gone_rows,
                "started_at": started,
                "seconds": (now - started).total_seconds(),
            }
        )
    engine.append(con, INGEST_RUNS, pd.DataFrame(runs))


def _load_piece(
    con: BaseBackend,
    config: Config,
    source: Source,
    raw: ir.Table,
    m: dict[str, str],
    malformed: list[tuple[int, Malformed]],
    files: list[str],
    erased: list[str],
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Validate, classify and insert one piece; quarantine what cannot be loaded. Returns the rows per file
    and status, the quarantined rows, and the rows left out per file for erased identifiers."""
    table = TABLES[source.table]
    v = validate(raw, table, m, config.region, keep=(ROW, FILE, "_ord"), source=source).mutate(
        source=ibis.literal(source.name)
    )
    gone = pd.DataFrame({FILE: pd.Series(dtype="int64"), "n": pd.Series(dtype="int64")})
    if erased and table.name in CARRIERS:
        v = with_email(table.name, v)
        v = v.mutate(_erased=carrying(table.name, v, ibis.memtable({"d": list(erased)}).d, hashed=True))
        hit = v.filter(v._erased)
        gone = hit.group_by(FILE).aggregate(n=hit.count()).to_pandas()
        v = v.filter(~v._erased).drop("_erased", *(["email"] if table.name == "events" else []))
    key = list(table.key)
    # The rows are checked once into a scratch table and written once, by the insert. Only rows whose key
    # repeats in the piece or is already loaded (few, unless files are loaded again) are compared column by
    # column, in a second small scratch table.
    rows = engine.scratch(con, ROWS, v)
    fresh = rows.filter(rows._reason.isnull())
    repeats = fresh.group_by(key).aggregate(_n=fresh.count()).filter(lambda t: t._n > 1).select(*key)
    if engine.rows(con, table.name):
        # the loaded keys probe the piece's (a hash of the piece's keys, not of everything loaded)
        repeats = repeats.union(con.table(table.name).select(*key).semi_join(fresh, key))
    suspects = engine.scratch(con, SUSPECTS, fresh.semi_join(repeats, key).select(*fresh.columns))
    if suspects.count().execute():
        kept = engine.scratch(con, KEPT, _classify(con, suspects, table, files))
        con.insert(table.name, fresh.anti_join(kept, "_ord").select(*table.schema.names))
        con.insert(table.name, kept.filter(kept._status == "new").select(*table.schema.names))
    else:  # every key is new: nothing to compare
        kept = suspects.mutate(_status=ibis.literal("new"))
        con.insert(table.name, fresh.select(*table.schema.names))
    by_status = _statuses(rows, kept)
    bad = rows.filter(rows._reason.notnull()).select(FILE, ROW, "_ord", "_field", "_reason")
    conflicts = kept.filter(kept._status == "conflict").select(FILE, ROW, "_ord", "_field", "_reason")
    bad = bad.union(conflicts).to_pandas()
    records = _records(raw, bad._ord.tolist()) if len(bad) else {}
    q = pd.DataFrame(
        {
            "source": source.name,
            "file": [*[files[i] for i in bad[FILE]], *[files[i] for i, _ in malformed]],
            "row": [*bad[ROW].astype("int64"), *[mf.row for _, mf in malformed]],
            "field": [*bad._field, *["(row)"] * len(malformed)],
            "reason": [*bad._reason, *[mf.reason for _, mf in malformed]],
            "record": [
                *[records[o] for o in bad._ord],
                *[json.dumps({"text": mf.text}) for _, mf in malformed],
            ],
            "ingested_at": datetime.now(UTC),
        }
    )
    _quarantine(con, q)
    engine.release(con, raw)
    return by_status, q, gone


def batches(paths: list[Path], limit: int) -> list[list[Path]]:
    """Consecutive files grouped up to ``limit`` bytes a batch (a larger file makes a batch alone)."""
    out: list[list[Path]] = []
    size = 0
    for p in paths:
        n = p.stat().st_size
        if not out or size + n > limit:
            out.append([])
            size = 0
        out[-1].append(p)
        size += n
    return out


def ingest(
    con: BaseBackend, config: Config, sources: list[str] | None = None, progress: bool = True
) -> list[SourceReport]:
    """Load every source named in the project file (or only ``sources``), refresh the overview tables, and
    return one report per source."""
    chosen = [s for s in config.sources if sources is None or s.name in sources]
    unknown = set(sources or ()) - {s.name for s in config.sources}
    if unknown:
        raise SourceError(
            f"no source named {', '.join(sorted(unknown))} in cxlens.yaml; "
            f"known: {', '.join(s.name for s in config.sources)}"
        )
    files = {  # fail before loading anything
        s.name: expand(config.resolve(s.path), s.name, config.resolve(s.path).parent == config.collector_path)
        for s in chosen
    }
    erased = Suppression(config.suppression_path).digests()
    total = sum(f.stat().st_size for fs in files.values() for f in fs)
    reports, run_id = [], datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%f")
    columns = [TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn()]
    with Progress(*columns, disable=not progress, transient=True) as bar:
        task = bar.add_task("Ingesting", total=total)
        for s in chosen:
            report = SourceReport(s.name, s.table)
            t0 = time.perf_counter()
            for batch in batches(files[s.name], BATCH_BYTES):
                names = batch[0].name + (f" and {len(batch) - 1} more" if len(batch) > 1 else "")
                bar.update(task, description=f"Ingesting {s.name}: {names}")
                load_batch(con, config, s, batch, report, run_id, erased)
                bar.advance(task, sum(f.stat().st_size for f in batch))
            report.seconds = time.perf_counter() - t0
            reports.append(report)
    for name in (ROWS, SUSPECTS, KEPT, FIXED):
        engine.drop(con, name)
    overview(con)
    over = [
        (s, r) for s, r in zip(chosen, reports, strict=True)
        if r.read and r.quarantined / r.read > s.max_quarantine_share
    ]  # fmt: skip
    if over:
        raise SourceError("\n".join(refused(con, s, r.read, r.quarantined, r.reasons) for s, r in over))
    return reports


def run(con: BaseBackend, config: Config, progress: bool = False) -> dict:
    """Load every source; the reports go under ``reports``."""
    return {"reports": ingest(con, config, progress=progress)}


STAGE = Stage("ingest", "Ingest sources", run, writes=WRITES)
