"""Caps on how many values of a kind one person may hold, enforced on the identity graph.

A person with two user ids is two people joined by a shared device, family email or bad fuzzy match. CRM
records are what deduplication joins, so they are not counted (no cap on ``contact_id`` by default): a person
is over the contact cap only when two of their contacts are evidently different people, with birth dates
and first names each more than two keystrokes apart. When a component of the graph holds more values of a
kind than its cap, or such a conflict, links are cut, most specific first:

0. in a conflict: the links of records with no name and birth date of their own that sit between the two;
1. identifiers of a less trusted kind that sit on records with several of the capped values themselves
   (a tablet seen with two user ids);
2. otherwise every link through the least trusted kind present that joins records (fuzzy links first);
3. otherwise the capped kind's own surplus values, fewest records first.

The people who were over a cap are labelled again (everybody else keeps their label) and the check repeats
until every person is within the caps. Each cut link is returned with the reason, and the identity stage
records it in ``identity_edges``.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
from ibis import _
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.config import Identity
from cxlens.identity.graph import components

MAX_ROUNDS = 10
NO_CAP = 2**31 - 1
APART = 2  # keystrokes: more than this between two birth dates, or two first names, is two people


def graph_edges(inc: ir.Table) -> ir.Table:
    """Edges (a, b) of the incidences: each record's nodes linked to its smallest one, the hub."""
    hub = inc.group_by("record").aggregate(hub=inc.node.min())
    j = inc.join(hub, "record")
    return j.select(a=j.hub, b=j.node)


def _rank(kind: ir.StringValue, cfg: Identity) -> ir.IntegerValue:
    """0 for the most trusted kind; fuzzy links rank below every identifier."""
    return kind.substitute({k: i for i, k in enumerate(cfg.priority)}, else_=len(cfg.priority))


def conflicts(labels: ir.Table, traits: ir.Table, inc: ir.Table, cfg: Identity) -> ir.Table:
    """Components holding two contacts that are evidently two people, as rows of the over-cap table: birth
    dates and first names (against either of the other's names) more than ``APART`` keystrokes apart, and
    no fuzzy match between the two (a match judged all their fields together)."""
    t = traits.join(labels, "node")
    a, b = t.view(), t.view()
    j = a.join(b, [a.component == b.component, a.node < b.node])
    j = j.filter(
        (j.birth_date.levenshtein(j.birth_date_right) > APART)
        & (j.first_name.levenshtein(j.first_name_right) > APART)
        & (j.first_name.levenshtein(j.last_name_right) > APART)
        & (j.last_name.levenshtein(j.first_name_right) > APART)
    )
    fz = inc.filter(inc.kind == "fuzzy")
    x, y = fz.view(), fz.view()
    matched = x.join(y, [x.record == y.record, x.node < y.node]).select(m_a=x.node, m_b=y.node)
    j = j.anti_join(matched, [j.node == matched.m_a, j.node_right == matched.m_b])
    hit = j.select("component").distinct()
    n = labels.semi_join(hit, "component").filter(_.node.startswith("contact_id:"))
    n = n.group_by("component").aggregate(n=_.count())
    return n.select(
        "component",
        nkind=ibis.literal("contact_id"),
        n="n",
        cap=(n.n - 1).cast("int64"),
        krank=_rank(ibis.literal("contact_id"), cfg),
        why=ibis.literal(
            "two people: the person would hold contacts whose birth dates and first names differ; "
        ),
    )


def within_caps(
    con: BaseBackend, inc: ir.Table, cfg: Identity, traits: ir.Table | None = None, prefix: str = "_id"
) -> tuple[ir.Table, ir.Table]:
    """Label the graph of ``inc`` (record, node, kind) so that no person exceeds a cap, nor holds two contacts
    that ``traits`` (node, first_name, last_name, birth_date of each contact id) show to be two people.

    Returns the labels (node, component) and the cut incidences (record, node, reason).
    """
    cut = engine.scratch(con, f"{prefix}_cut", inc.select("record", "node", reason=ibis.literal("")).limit(0))
    caps = {k: NO_CAP if cfg.cap(k) is None else cfg.cap(k) for k in cfg.priority}
    live = inc
    labels = components(con, graph_edges(inc), prefix=f"{prefix}_cc")
    for round_ in range(MAX_ROUNDS):  # each round cuts links in every person over a cap
        nodes = labels.mutate(nkind=labels.node.re_extract(r"^([^:]+):", 1))
        counts = nodes.group_by("component", "nkind").aggregate(n=_.count())
        counts = counts.mutate(
            cap=counts.nkind.substitute(caps, else_=cfg.default_cap).cast("int64"),
            krank=_rank(counts.nkind, cfg),
        )
        over = counts.filter(counts.n > counts.cap)
        over = over.mutate(
            why="cap: the person would hold "
            + over.n.cast("string")
            + " "
            + over.nkind
            + " values (cap "
            + over.cap.cast("string")
            + "); "
        )
        if traits is not None:
            over = ibis.union(over, conflicts(labels, traits, inc, cfg))
        # per person, the most trusted kind over its cap
        first = ibis.row_number().over(group_by=over.component, order_by=over.krank)
        over = engine.scratch(
            con, f"{prefix}_over", over.mutate(first=first).filter(_.first == 0).drop("first")
        )
        if not over.count().execute():
            break
        new = engine.scratch(con, f"{prefix}_new", _candidates(live, labels, over, cfg, traits))
        engine.add(con, f"{prefix}_cut", new.select("record", "node", "reason"))
        live = inc.anti_join(cut, ["record", "node"])
        # label again only the people who were over a cap; everybody else keeps their label
        hit = labels.semi_join(over, "component").select("node")
        sub = components(con, graph_edges(live.semi_join(hit, "node")), prefix=f"{prefix}_sub")
        kept = labels.anti_join(over, "component")
        labels = engine.scratch(con, f"{prefix}_labels{round_ % 2}", ibis.union(kept, sub))
    return labels, cut


SCRATCH = ("_cut", "_new", "_over", "_cc_labels", "_sub_labels", "_labels0", "_labels1")


def _tier(t: ir.Table, tier: int, reason: ir.StringValue) -> ir.Table:
    """Incidences of ``t`` proposed for cutting by rule ``tier``, with the reason."""
    return t.select("component", "record", "node", tier=ibis.literal(tier), reason=reason)


def _candidates(
    live: ir.Table, labels: ir.Table, over: ir.Table, cfg: Identity, traits: ir.Table | None
) -> ir.Table:
    """The incidences to cut in each over-cap component, by the first rule that finds any."""
    li = live.join(labels, live.node == labels.node).select(
        live.record, live.node, live.kind, labels.component
    )
    li = li.join(over, "component")
    many = li.group_by("record").aggregate(ids=li.node.nunique())
    li = li.join(many.filter(many.ids >= 2), "record")  # only records that link something
    li = li.mutate(lrank=_rank(li.kind, cfg), is_k=li.node.startswith(li.nkind + ":"))
    why = li.why
    low = li.filter(li.lrank > li.krank)
    # 1. a less trusted identifier on records carrying several capped values
    kv = li.filter(li.is_k).select(record="record", kval="node")
    per = low.join(kv, "record").group_by("component", "node").aggregate(kvals=_.kval.nunique())
    direct = low.semi_join(per.filter(per.kvals >= 2), ["component", "node"])
    one = _tier(direct, 1, why + direct.kind + " seen with several of them")
    # 2. every joining link of the least trusted kind present
    joins = low.group_by("component", "node", "lrank").aggregate(recs=_.record.nunique())
    joins = joins.filter((joins.recs >= 2) | (joins.lrank == len(cfg.priority)))
    least = joins.group_by("component").aggregate(lr=joins.lrank.max())
    weakest = joins.join(least, "component").filter(_.lrank == _.lr).select("component", "node")
    w = low.semi_join(weakest, ["component", "node"])
    two = _tier(w, 2, why + "links through " + w.kind + ", the least trusted, are cut first")
    # 3. the capped kind's surplus values, fewest records first
    kn = li.filter(li.is_k).group_by("component", "node", "cap").aggregate(recs=_.record.nunique())
    order = ibis.row_number().over(group_by=kn.component, order_by=[ibis.desc(kn.recs), kn.node])
    surplus = kn.mutate(pos=order).filter(_.pos >= _.cap).select("component", "node")
    s = li.filter(li.is_k).semi_join(surplus, ["component", "node"])
    three = _tier(s, 3, why + "a surplus value is cut loose")
    cand = ibis.union(one, two, three)
    if traits is not None:
        # 0. between two people: the links of records that say nothing of who they are (no contact with a
        # name and birth date), keeping each record's own most trusted identifier
        known = li.semi_join(traits, "node").select("record").distinct()
        bare = low.filter(low.why.startswith("two people")).anti_join(known, "record")
        zero = _tier(bare, 0, why + bare.kind + " on a record with no name or birth date of its own")
        cand = ibis.union(zero, cand)
    best = cand.group_by("component").aggregate(t=cand.tier.min())
    j = cand.join(best, "component")
    return j.filter(j.tier == j.t).select("record", "node", "reason").distinct()
