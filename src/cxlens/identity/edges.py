"""The identifiers each record carries, and the edges they make between identifiers, with the junk guards.

An identifier node is ``kind:value`` (``email:ann@example.com``). A record with several identifiers links
them all to its smallest one. Junk values (blocklist) and values shared by implausibly many people are kept
out of the graph and listed with the reason, never silently dropped.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.schema import TABLES

# Values no real person owns: placeholders typed by staff, test addresses, "unknown" markers.
BLOCKLIST = (
    r"^[0\-\s]*$",
    r"^(null|none|undefined|anonymous|unknown|n/?a|test)$",
    r"^test@test\.com$",
    r"^no-?reply@",
    r"^\+?1?5555555555$",
)
# A value carried by more distinct people-anchors (contact records, accounts, loyalty cards) than this is
# shared (a shop's phone, a family email, a shared device) and does not link them.
SHARED_LIMIT = {"email": 3, "phone": 3, "anonymous_id": 5, "loyalty_id": 2}
ANCHORS = ("contact_id", "user_id", "loyalty_id")
REFERENCES = ("contact_id", "user_id", "email", "loyalty_id")


def _ids(t: ir.Table, record: ir.StringValue, kinds: list[tuple[str, ir.Value]]) -> list[ir.Table]:
    return [
        t.select(record=record, kind=ibis.literal(kind), value=value.cast("string")) for kind, value in kinds
    ]


def identifiers(con: BaseBackend) -> ir.Table:
    """One row per (record, kind, value) over the canonical tables present."""
    parts: list[ir.Table] = []
    has = {name for name in TABLES if engine.has_table(con, name)}
    if "contacts" in has:
        c = con.table("contacts")
        rec = "contacts:" + c.source + ":" + c.contact_id
        parts += _ids(c, rec, [(k, c[k]) for k in ("contact_id", "email", "phone", "loyalty_id")])
    for name, key in (("orders", "order_id"), ("feedback", "response_id"), ("tickets", "ticket_id")):
        if name in has:
            t = con.table(name)
            parts += _ids(t, f"{name}:" + t[key], [(k, t[k]) for k in REFERENCES])
    if "events" in has:
        e = con.table("events")
        # one row per distinct combination: events repeat the same few ids millions of times
        e = e.select(
            user_id=e.user_id,
            anonymous_id=e.anonymous_id,
            previous_id=ibis.ifelse(e.type == "alias", e.previous_id, ibis.null("string")),
            email=e.traits.re_extract(r'"email"\s*:\s*"([^"]+)"', 1).lower().nullif(""),
        ).distinct()
        rec = (
            "events:"
            + e.user_id.fill_null("")
            + "|"
            + e.anonymous_id.fill_null("")
            + "|"
            + e.previous_id.fill_null("")
            + "|"
            + e.email.fill_null("")
        )
        kinds = [
            ("user_id", e.user_id),
            ("anonymous_id", e.anonymous_id),
            ("anonymous_id", e.previous_id),
            ("email", e.email),
        ]
        parts += _ids(e, rec, kinds)
    ids = ibis.union(*parts)
    return ids.filter(ids.value.notnull()).distinct()


def blocked(ids: ir.Table, names: ir.Table | None = None) -> ir.Table:
    """Identifier values kept out of the graph: (kind, value, reason, records).

    ``names`` (record, first_name) lets a contact's name tell apart people who share an email or phone.
    """
    junk = ibis.literal(False)
    for pattern in BLOCKLIST:
        junk = junk | ids.value.lower().re_search(pattern)
    listed = ids.filter(junk).group_by("kind", "value").aggregate(records=ids.record.nunique())
    listed = listed.mutate(reason=ibis.literal("blocklist: a placeholder or test value"))
    # Anchors of one kind stand for different people (two accounts, two loyalty cards); anchors of different
    # kinds may be the same person, so the count is the largest per anchor kind.
    anchors = ids.filter(ids.kind.isin(list(ANCHORS))).select(
        record="record", anchor_kind=ids.kind, anchor=ids.value
    )
    shared_parts = []
    for kind, limit in SHARED_LIMIT.items():
        k = ids.filter(ids.kind == kind)
        j = k.join(anchors, "record")
        j = j.filter(j.anchor_kind != j.kind)
        per = j.group_by("kind", "value", "anchor_kind").aggregate(
            anchors=j.anchor.nunique(), records=j.record.nunique()
        )
        n = per.group_by("kind", "value").aggregate(anchors=per.anchors.max(), records=per.records.max())
        shared_parts.append(
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
        shared_parts.append(
            n.filter(n.names > 1).select(
                "kind",
                "value",
                "records",
                reason="shared by " + n.names.cast("string") + " people with different names",
            )
        )
    out = ibis.union(listed.select("kind", "value", "reason", "records"), *shared_parts)
    first = out.group_by("kind", "value").aggregate(reason=out.reason.min(), records=out.records.max())
    return first


def contact_names(con: BaseBackend) -> ir.Table | None:
    """(record, first_name) of the contacts, in the record ids `identifiers` uses."""
    if not engine.has_table(con, "contacts"):
        return None
    c = con.table("contacts")
    first = c.first_name.lower().re_replace(r"[^a-z]", "").nullif("")
    return c.filter(first.notnull()).select(
        record="contacts:" + c.source + ":" + c.contact_id, first_name=first
    )


def edges(ids: ir.Table, block: ir.Table) -> ir.Table:
    """Edges (a, b, record): every usable identifier of a record linked to its smallest one, the hub (so each
    record has one edge from its hub to itself)."""
    ok = ids.anti_join(block, ["kind", "value"])
    ok = ok.mutate(node=ok.kind + ":" + ok.value)
    hub = ok.group_by("record").aggregate(hub=ok.node.min())
    j = ok.join(hub, "record")
    return j.select(a=j.hub, b=j.node, record=j.record)
