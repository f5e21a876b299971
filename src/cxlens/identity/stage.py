"""Identity resolution: one person behind the identifiers of many records.

Records that carry the same usable identifier belong to one person (`edges`); CRM contacts that share none
are matched with Splink (`fuzzy`); caps keep a person from absorbing another (`caps`); connected components
label the graph (`graph`) and people keep their ids across runs (`ids`).

>>> from cxlens.identity import resolve
>>> resolve(contacts)  # doctest: +SKIP  (source, record_id, person_id)
"""

from __future__ import annotations

from collections.abc import Callable

import ibis
import ibis.expr.types as ir
import pandas as pd
from ibis.backends import BaseBackend
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from cxlens import engine
from cxlens.canonical import read_frame
from cxlens.config import Identity, parse_identity
from cxlens.identity import caps, fuzzy
from cxlens.identity.edges import blocked, contact_names, contact_traits, identifiers, incidences
from cxlens.identity.stable_ids import person_ids
from cxlens.ids import CARRIERS, event_ids, event_record, node, record_id
from cxlens.stage import Stage
from cxlens.tables import (
    IDENTITY_BLOCKED,
    IDENTITY_EDGES,
    IDENTITY_FUZZY,
    IDENTITY_FUZZY_MODEL,
    IDENTITY_IDENTIFIERS,
    IDENTITY_MAP,
    IDENTITY_RECORDS,
    TABLES,
)

WRITES = (
    IDENTITY_IDENTIFIERS,
    IDENTITY_BLOCKED,
    IDENTITY_FUZZY,
    IDENTITY_FUZZY_MODEL,
    IDENTITY_EDGES,
    IDENTITY_MAP,
    IDENTITY_RECORDS,
)


def _fuzzy_incidences(con: BaseBackend, pairs: ir.Table) -> ir.Table:
    """A fuzzy match is a record of its own carrying both contacts' ids, so it links them like any record (a
    match cut as an unsupported weak link is kept with the reason)."""
    rec = "fuzzy:" + pairs.record_l + "~" + pairs.record_r
    why = "fuzzy match " + pairs.probability.round(4).cast("string") + ": " + pairs.agreed + " agreed"
    linked = pairs.status == fuzzy.LINKED
    why = ibis.ifelse(linked, why, why + "; " + pairs.status)
    c = con.table("contacts")
    contact_ids = c.select(crec=record_id("contacts", c), cnode=node("contact_id", c.contact_id))
    parts = []
    for side in ("record_l", "record_r"):
        j = pairs.mutate(rec=rec, why=why).join(contact_ids, pairs[side] == contact_ids.crec)
        parts.append(
            j.select(
                record=j.rec,
                node=j.cnode,
                kind=ibis.literal("fuzzy"),
                status=ibis.ifelse(j.status == fuzzy.LINKED, "linked", "capped"),
                reason=j.why,
                score=j.probability,
            )
        )
    return ibis.union(*parts)


def run(con: BaseBackend, cfg: Identity | None = None, progress: bool = False) -> dict:
    """Write the identity tables from the canonical tables present; return the headline counts."""
    cfg = cfg or Identity()
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, disable=not progress, transient=True) as bar:
        step = bar.add_task("Identity: collecting identifiers", total=None)
        return _resolve(con, cfg, lambda text: bar.update(step, description=f"Identity: {text}"))


def _resolve(con: BaseBackend, cfg: Identity, say: Callable[[str], object]) -> dict:
    ids = engine.write(con, IDENTITY_IDENTIFIERS, identifiers(con))
    say("keeping junk and shared identifiers out")
    block = engine.write(con, IDENTITY_BLOCKED, blocked(ids, cfg, contact_names(con)))
    inc = incidences(ids, block, cfg)
    if cfg.fuzzy.enabled and engine.has_table(con, "contacts"):
        say("matching contacts with Splink")
        found, params = fuzzy.matches(con, block, cfg)
        pairs = engine.write(con, IDENTITY_FUZZY, ibis.memtable(found, schema=fuzzy.SCHEMA))
        engine.write(con, IDENTITY_FUZZY_MODEL, ibis.memtable(params, schema=fuzzy.MODEL))
        inc = ibis.union(inc, _fuzzy_incidences(con, pairs))
    else:
        engine.drop(con, IDENTITY_FUZZY)
        engine.drop(con, IDENTITY_FUZZY_MODEL)
    say("labelling the graph within the caps")
    inc = engine.scratch(con, "_id_inc", inc)
    linked = inc.filter(inc.status == "linked").select("record", "node", "kind")
    labels, cut = caps.within_caps(con, linked, cfg, contact_traits(con))
    m = inc.left_join(cut.select("record", "node", cut_reason="reason"), ["record", "node"])
    edges = m.mutate(
        status=ibis.ifelse(m.cut_reason.isnull(), m.status, "capped"),
        reason=m.cut_reason.coalesce(m.reason),
    ).select(*inc.columns)
    previous = (
        engine.scratch(con, "_id_previous", con.table(IDENTITY_MAP))
        if engine.has_table(con, IDENTITY_MAP)
        else None
    )
    say("keeping person ids stable")
    pmap = engine.write(con, IDENTITY_MAP, person_ids(labels, previous))
    e = engine.write(con, IDENTITY_EDGES, edges)
    # a record's person is the person of any node it still links (all of them are one person)
    live = e.filter(e.status == "linked")
    j = live.join(pmap, "node")
    recs = engine.write(
        con, IDENTITY_RECORDS, j.group_by(record=j.record).aggregate(person_id=j.person_id.min())
    )
    for name in ("_id_inc", "_id_previous", "_id_fuzzy_input", *[f"_id{n}" for n in caps.SCRATCH]):
        engine.drop(con, name)
    return {
        "records": int(recs.count().execute()),
        "people": int(pmap.person_id.nunique().execute()),
        "blocked": int(block.count().execute()),
        "capped": int((e.status == "capped").sum().execute()),
    }


def canonical(name: str, df: pd.DataFrame, fill: dict[str, str] | None = None) -> ir.Table:
    """``df`` as canonical table ``name``, read as ingest reads a file (see ``cxlens.canonical``)."""
    rows = read_frame(name, df, "resolve", fill)
    return ibis.memtable(rows[list(TABLES[name].schema.names)]).cast(TABLES[name].schema)


def resolve(
    contacts: pd.DataFrame,
    events: pd.DataFrame | None = None,
    config: Identity | dict | None = None,
) -> pd.DataFrame:
    """Resolve your own frames: (source, record_id, person_id) for every contact and event.

    ``contacts`` has the canonical contact columns (``contact_id`` required; ``email``, ``phone``,
    ``first_name``, ``last_name``, ``birth_date``, ``address``, ``postcode``, ... where you have them);
    ``events`` the canonical event columns (``message_id``, ``timestamp`` and ``user_id`` or
    ``anonymous_id``; ``type`` defaults to identify). Columns are found by name or alias in any case and
    values read in the forms ingest reads; other columns and unreadable values are warnings, not errors.
    """
    cfg = parse_identity(config)
    con = engine.memory()
    frames = {"contacts": contacts, "events": events}
    for name, df in frames.items():
        if df is None:
            continue
        engine.write(con, name, canonical(name, df, {"type": "identify"} if name == "events" else None))
    run(con, cfg)
    recs = con.table(IDENTITY_RECORDS)
    c = con.table("contacts")
    parts = [
        c.select(source=ibis.literal("contacts"), record_id=c.contact_id, record=record_id("contacts", c))
    ]
    if events is not None:
        ev = event_ids(con.table("events"), "message_id")
        parts.append(
            ev.select(source=ibis.literal("events"), record_id=ev.message_id, record=event_record(ev))
        )
    both = ibis.union(*parts)
    out = both.left_join(recs, "record").select("source", "record_id", "person_id").to_pandas()
    con.disconnect()
    return out


STAGE = Stage(
    "identity",
    "Identity resolution",
    run,
    writes=WRITES,
    needs_any=CARRIERS,
    config_key="identity",
)
