"""The identifiers each record carries, and which of them may link records, with the junk guards.

An identifier node is ``kind:value`` (``email:ann@example.com``). Two records that carry the same usable
node belong to one person. Junk values (blocklist), values shared by implausibly many people and values the
user blocked are kept out of the graph and listed with the reason, never silently dropped.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.config import Identity
from cxlens.ids import CARRIERS, carried, event_ids, event_record, is_junk, node, record_id
from cxlens.tables import TABLES

ANCHORS = ("contact_id", "user_id", "loyalty_id")  # one value of these stands for one account or card


def _ids(t: ir.Table, record: ir.StringValue, kinds: list[tuple[str, ir.Value]]) -> list[ir.Table]:
    return [
        t.select(record=record, kind=ibis.literal(kind), value=value.cast("string")) for kind, value in kinds
    ]


def identifiers(con: BaseBackend) -> ir.Table:
    """One row per (record, kind, value) over the canonical tables present."""
    parts: list[ir.Table] = []
    for name in TABLES:
        if name not in CARRIERS or not engine.has_table(con, name):
            continue
        if name == "events":
            e = event_ids(con.table("events")).distinct()
            parts += _ids(e, event_record(e), carried(name, e))
        else:
            t = con.table(name)
            parts += _ids(t, record_id(name, t), carried(name, t))
    ids = ibis.union(*parts)
    return ids.filter(ids.value.notnull() & (ids.value != "")).distinct()


def blocked(ids: ir.Table, cfg: Identity, names: ir.Table | None = None) -> ir.Table:
    """Identifier values kept out of the graph: (kind, value, reason, records).

    ``names`` (record, first_name) lets a contact's name tell apart people who share an email or phone.
    """
    counted = ids.group_by("kind", "value").aggregate(records=ids.record.nunique())
    junk = counted.filter(is_junk(counted.value, cfg.blocklist))
    parts = [junk.mutate(reason=ibis.literal("blocklist: a placeholder or test value"))]
    if cfg.block:
        listed = ibis.memtable({"node": cfg.block})
        parts.append(
            counted.semi_join(listed, node(counted.kind, counted.value) == listed.node).mutate(
                reason=ibis.literal("blocked in cxlens.yaml (identity.block)")
            )
        )
    # Anchors of one kind stand for different people (two accounts, two loyalty cards); anchors of different
    # kinds may be the same person, so the count is the largest per anchor kind.
    anchors = ids.filter(ids.kind.isin(list(ANCHORS))).select(
        record="record", anchor_kind=ids.kind, anchor=ids.value
    )
    for kind, limit in cfg.shared_limit.items():
        k = ids.filter(ids.kind == kind)
        j = k.join(anchors, "record")
        j = j.filter(j.anchor_kind != j.kind)
        per = j.group_by("kind", "value", "anchor_kind").aggregate(
            anchors=j.anchor.nunique(), records=j.record.nunique()
        )
        n = per.group_by("kind", "value").aggregate(anchors=per.anchors.max(), records=per.records.max())
        parts.append(
            n.filter(n.anchors > limit).select(
                "kind",
                "value",
                "records",
                reason="shared by " + n.anchors.cast("string") + f" accounts or cards (more than {limit})",
            )
        )
    if names is not None:
        # the same email or phone on contacts with different first names: a family's or a shop's
        named = ids.filter(ids.kind.isin(["email", "phone"])).join(names, "record")
        n = named.group_by("kind", "value").aggregate(
            names=named.first_name.nunique(), records=named.record.nunique()
        )
        parts.append(
            n.filter(n.names > 1).select(
                "kind",
                "value",
                "records",
                reason="shared by " + n.names.cast("string") + " people with different names",
            )
        )
    out = ibis.union(*[p.select("kind", "value", "reason", "records") for p in parts])
    return out.group_by("kind", "value").aggregate(reason=out.reason.min(), records=out.records.max())


def _plain(name: ir.StringValue) -> ir.StringValue:
    """A name as letters only, lower case, empty as null: "O'Brien " and "obrien" are one name."""
    return name.lower().re_replace(r"[^a-z]", "").nullif("")


def contact_names(con: BaseBackend) -> ir.Table | None:
    """(record, first_name) of the contacts, in the record ids `identifiers` uses."""
    if not engine.has_table(con, "contacts"):
        return None
    c = con.table("contacts")
    first = _plain(c.first_name)
    return c.filter(first.notnull()).select(record=record_id("contacts", c), first_name=first)


def contact_traits(con: BaseBackend) -> ir.Table | None:
    """(node, first_name, last_name, birth_date) of every contact id with a first name and a birth date,
    for telling two people apart (see ``caps.conflicts``)."""
    if not engine.has_table(con, "contacts"):
        return None
    c = con.table("contacts")
    t = c.select(
        node=node("contact_id", c.contact_id),
        first_name=_plain(c.first_name),
        last_name=_plain(c.last_name).fill_null(""),
        birth_date=c.birth_date.cast("string"),
    )
    return t.filter(t.first_name.notnull() & t.birth_date.notnull())


def incidences(ids: ir.Table, block: ir.Table, cfg: Identity) -> ir.Table:
    """Every (record, node) with its status: ``linked``, or ``blocked``/``unlinked`` with the reason.

    Columns: record, node, kind, status, reason, score (null: the record itself carries the identifier).
    """
    j = ids.left_join(block, ["kind", "value"])
    t = j.select(
        record=j.record,
        node=node(j.kind, j.value),
        kind=j.kind,
        status=ibis.ifelse(j.reason.isnull(), "linked", "blocked"),
        reason=j.reason.fill_null("carried by the record"),
        score=ibis.null("float64"),
    )
    if cfg.unlink:
        pairs = [link.split() for link in cfg.unlink]
        cut = ibis.memtable({"record": [p[0] for p in pairs], "node": [p[1] for p in pairs], "cut_": True})
        m = t.left_join(cut, ["record", "node"])
        t = m.mutate(
            status=ibis.ifelse(m.cut_.notnull(), "unlinked", m.status),
            reason=ibis.ifelse(m.cut_.notnull(), "unlinked in cxlens.yaml (identity.unlink)", m.reason),
        ).select(*t.columns)
    return t
