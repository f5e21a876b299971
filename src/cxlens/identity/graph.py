"""Connected components of an identifier graph by min-label propagation, as Ibis expressions.

Each node starts labelled with itself; every round it takes the smallest label among itself and its
neighbours, until no label changes. Every round is materialised under alternating names: on Spark this cuts
the lineage that would otherwise grow with each round (Ibis `.cache()` does not), on DuckDB it is cheap.

>>> labels = components(con, edges)  # doctest: +SKIP  (edges: columns a, b; result: node, component)
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.errors import CxlensError


def components(con: BaseBackend, edges: ir.Table, max_rounds: int = 200, prefix: str = "_cc") -> ir.Table:
    """The component of every node of ``edges`` (columns ``a`` and ``b``): the smallest node it reaches.

    Returns a table with ``node`` and ``component``, materialised as ``{prefix}_labels``.
    """
    both = ibis.union(edges.select(x=edges.a, y=edges.b), edges.select(x=edges.b, y=edges.a))
    links = engine.write(con, f"{prefix}_links", both.filter(both.x != both.y).distinct())
    nodes = ibis.union(edges.select(node=edges.a), edges.select(node=edges.b)).distinct()
    labels = engine.write(con, f"{prefix}_0", nodes.mutate(component=nodes.node))
    for round_ in range(1, max_rounds + 1):
        seen = links.join(labels, links.y == labels.node).select(node=links.x, offer=labels.component)
        best = seen.group_by("node").aggregate(offer=seen.offer.min())
        step = labels.left_join(best, "node")
        nxt = step.select(
            node=step.node,
            component=ibis.ifelse(
                step.offer.notnull() & (step.offer < step.component), step.offer, step.component
            ),
        )
        new = engine.write(con, f"{prefix}_{round_ % 2}", nxt)
        changed = (
            new.join(labels, [new.node == labels.node, new.component != labels.component]).count().execute()
        )
        labels = new
        if not changed:
            out = engine.write(con, f"{prefix}_labels", labels)
            for name in (f"{prefix}_0", f"{prefix}_1", f"{prefix}_links"):
                engine.drop(con, name)
            return out
    raise CxlensError(f"identity graph did not settle in {max_rounds} rounds; raise max_rounds")
