"""Stable person ids: a person keeps their id across re-runs and as new data adds to them.

A new person's id is derived from their smallest identifier (``p`` + 15 hex digits of its MD5, the same on
every engine). On a re-run each earlier id goes to the new component holding most of its identifiers (ties:
the smaller component), and a component that wins several takes the smallest: a person who gains a device
keeps their id, two people merged keep one of theirs, and after a split the larger part keeps it.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from cxlens.ids import person_digest as _digest


def person_ids(labels: ir.Table, previous: ir.Table | None = None) -> ir.Table:
    """(node, person_id) for the labels (node, component), carrying over ``previous`` (node, person_id)."""
    comps = labels.select("component").distinct()
    comps = comps.mutate(fresh=_digest(comps.component))
    if previous is not None:
        j = labels.join(previous, "node")
        votes = j.group_by("person_id", "component").aggregate(n=j.count())
        order = ibis.row_number().over(
            group_by=votes.person_id, order_by=[ibis.desc(votes.n), votes.component]
        )
        won = votes.mutate(pos=order).filter(lambda t: t.pos == 0)
        claim = won.group_by("component").aggregate(kept=won.person_id.min())
        used = previous.select(taken="person_id").distinct()
        c = comps.left_join(claim, "component").left_join(used, comps.fresh == used.taken)
        # a new part of a split person must not take an id still in use elsewhere
        fresh = ibis.ifelse(c.taken.isnull(), c.fresh, _digest(c.component + "|" + c.fresh))
        comps = c.select("component", fresh=c.kept.coalesce(fresh))
    j = labels.join(comps, "component")
    return j.select(node=j.node, person_id=j.fresh)
