"""Erasure (GDPR article 17): a person's data leaves every table, the identity graph, the audience exports,
the collector's log and the live store, and their identifiers are suppressed so that nothing re-creates
them: ingest skips source rows carrying a suppressed identifier (counted as ``erased``) and the collector
does not log their events. The suppression list keeps SHA-256 digests, never the identifiers.

The live store forgets at once. The warehouse has one writer: when a run holds it, the erasure stays
``pending`` and the service retries it on its next sweep (suppression already keeps the rows out).
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import ibis
import ibis.expr.types as ir
import orjson
import pandas as pd
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.config import Config
from cxlens.errors import CxlensError
from cxlens.ids import CARRIERS, carrying, every_node, node, record_id, with_email
from cxlens.people import find_person
from cxlens.privacy import Suppression
from cxlens.realtime.store import LiveStore
from cxlens.tables import AUDIENCE_EXPORTS, DERIVED, IDENTITY_MAP, IDENTITY_RECORDS

log = logging.getLogger("cxlens.realtime")


def _drop(con: BaseBackend, name: str, gone: ir.BooleanValue, t: ir.Table) -> int:
    """Remove the rows of ``t`` (table ``name``, maybe with helper columns) where ``gone``; how many."""
    n = int(t.filter(gone).count().execute())
    if n:
        keep = t.filter(~gone).select(*con.table(name).columns)
        engine.write(con, name, engine.scratch(con, "_erase_keep", keep))
        engine.drop(con, "_erase_keep")
    return n


def erase_warehouse(con: BaseBackend, person_id: str, nodes: list[str]) -> dict[str, int]:
    """Delete the person's rows from every warehouse table and audience export; rows removed per table."""
    have = set(con.list_tables())
    out: dict[str, int] = {}
    mine = ibis.memtable({"node": nodes or [""]})
    records = []
    if IDENTITY_RECORDS in have:
        r = con.table(IDENTITY_RECORDS)
        records = r.filter(r.person_id == person_id).record.to_pyarrow().to_pylist()
    recs = ibis.memtable({"record": records or [""]})
    refs: list[str] = []
    for name in sorted(have.intersection(DERIVED)):
        t, person = con.table(name), DERIVED[name].person
        if person and "ref" in t.columns:
            refs += t.filter(t[person] == person_id).ref.to_pyarrow().to_pylist()
    orders = []
    if "orders" in have:
        o = con.table("orders")
        orders = o.filter(carrying("orders", o, mine.node) | record_id("orders", o).isin(recs.record))
        orders = orders.order_id.to_pyarrow().to_pylist()
    for name in CARRIERS:
        if name in have:
            t = with_email(name, con.table(name))
            gone = carrying(name, t, mine.node)
            if name != "events":
                gone = gone | record_id(name, t).isin(recs.record)
            out[name] = _drop(con, name, gone, t)
    values = sorted({n.partition(":")[2] for n in nodes if n.partition(":")[2]})
    for name in sorted(have.intersection(DERIVED) | (have & {"order_items"})):
        t = con.table(name)
        cols = set(t.columns)
        person = DERIVED[name].person if name in DERIVED else None  # the column naming whom a row is about
        if person:
            gone = t[person] == person_id
        elif name == "order_items":
            gone = t.order_id.isin(orders or [""])
        elif {"record", "kind", "value"} <= cols:
            gone = t.record.isin(recs.record) | node(t.kind, t.value).isin(mine.node)
        elif {"record", "node"} <= cols:
            gone = t.record.isin(recs.record) | t.node.isin(mine.node)
        elif {"record_l", "record_r"} <= cols:
            gone = t.record_l.isin(recs.record) | t.record_r.isin(recs.record)
        elif "ref" in cols:
            gone = t.ref.isin(refs or [""])
        elif name == "quarantine":  # the raw row as JSON: a whole quoted value, not a part of another
            gone = ibis.literal(False)
            for v in values:
                gone = gone | t.record.lower().contains(json.dumps(v.lower()))
        else:
            continue
        out[name] = _drop(con, name, gone, t)
    if AUDIENCE_EXPORTS in have:
        for path in con.table(AUDIENCE_EXPORTS).path.to_pyarrow().to_pylist():
            out[f"export {path}"] = _erase_file(Path(path), person_id)
    return {k: v for k, v in out.items() if v}


def _erase_file(path: Path, person_id: str) -> int:
    if not path.exists():
        return 0
    csv = path.suffix.lower() == ".csv"
    df = pd.read_csv(path, dtype=str) if csv else pd.read_parquet(path)
    gone = df.person_id == person_id
    if gone.any():
        df = df[~gone]
        df.to_csv(path, index=False) if csv else df.to_parquet(path, index=False)
    return int(gone.sum())


def sealed(folder: Path) -> list[Path]:
    """The collector's sealed log segments."""
    return sorted(folder.glob("*.jsonl")) if folder.exists() else []


def erase_log(paths: list[Path], erased: Callable[[list[str]], bool], region: str) -> int:
    """Rewrite log segments (the collector's or its rejected log) without the lines carrying an identifier
    that is ``erased``, wherever in the call it sits; a segment left empty is removed (ingest reads no
    empty files)."""
    removed = 0
    for path in paths:
        lines = path.read_bytes().splitlines(keepends=True)
        keep = [line for line in lines if not erased(every_node(orjson.loads(line), region))]
        if len(keep) == len(lines):
            continue
        removed += len(lines) - len(keep)
        if not keep:
            path.unlink()
            continue
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(b"".join(keep))
        tmp.replace(path)
    return removed


def forget(config: Config, store: LiveStore, person_id: str, nodes: list[str]) -> None:
    """Suppress the person's identifiers, then remove them from the live store in one transaction."""
    Suppression(config.suppression_path).add(nodes)
    now = datetime.now(UTC).isoformat()
    with store.write() as db:
        for sql in (
            "DELETE FROM snap.ids WHERE person_id = ?",
            "DELETE FROM snap.profiles WHERE person_id = ?",
            "DELETE FROM snap.members WHERE person_id = ?",
            "DELETE FROM snap.details WHERE person_id = ?",
            "DELETE FROM snap.names WHERE person_id = ?",
            "DELETE FROM snap.lists WHERE person_id = ?",
            "DELETE FROM main.fired WHERE person_id = ?",
            "DELETE FROM main.actions WHERE person_id = ?",
        ):
            db.execute(sql, (person_id,))
        db.execute(
            "INSERT INTO main.erasures VALUES (?, ?, ?, 'pending', NULL)", (person_id, len(nodes), now)
        )


def erase(config: Config, store: LiveStore, identifier: str, con: BaseBackend | None = None) -> dict:
    """Erase the person behind ``identifier`` everywhere; with ``con`` (the warehouse) it is done at once,
    without it the warehouse part waits for ``finish_pending``."""
    from cxlens.realtime.live import Live

    person = Live(config, store).find(identifier)
    nodes = set(store.nodes(person)) if person else set()
    if con is not None and engine.has_table(con, IDENTITY_MAP):
        with contextlib.suppress(CxlensError):
            person = person or find_person(con, identifier, config.region)
        if person:
            m = con.table(IDENTITY_MAP)
            nodes |= set(m.filter(m.person_id == person).node.to_pyarrow().to_pylist())
    if not person:
        raise CxlensError(f"no person has the identifier '{identifier}' (nothing to erase)")
    nodes = sorted(nodes)
    forget(config, store, person, nodes)
    gone = set(nodes)
    removed = {
        name: erase_log(sealed(path), lambda ns: not gone.isdisjoint(ns), config.region)
        for name, path in (("collector log", config.collector_path), ("rejected log", config.rejected_path))
    }
    done = finish_pending(config, store, con) if con is not None else []
    removed.update(next((d for p, d in done if p == person), {}))
    return {
        "person_id": person,
        "identifiers": len(nodes),
        "warehouse": "erased" if con is not None else "pending",
        "removed": {k: v for k, v in removed.items() if v},
    }


def finish_pending(config: Config, store: LiveStore, con: BaseBackend) -> list[tuple[str, dict]]:
    """Apply the pending erasures to the warehouse (``con``, which must be writable)."""
    with store.lock:
        pending = [
            r[0] for r in store.db.execute("SELECT person_id FROM main.erasures WHERE warehouse = 'pending'")
        ]
    out = []
    for person in pending:
        nodes = []
        if engine.has_table(con, IDENTITY_MAP):
            m = con.table(IDENTITY_MAP)
            nodes = m.filter(m.person_id == person).node.to_pyarrow().to_pylist()
        out.append((person, erase_warehouse(con, person, nodes)))
        with store.write() as db:
            db.execute(
                "UPDATE main.erasures SET warehouse = 'erased', done_at = ? WHERE person_id = ?",
                (datetime.now(UTC).isoformat(), person),
            )
        log.info("erased a person from the warehouse")
    return out
