"""Connected components of an identifier graph by min-label propagation, as Ibis expressions.

Each node starts labelled with itself; every round it takes the smallest label among itself and its
neighbours, until no label changes. Every round is materialised under alternating names (in memory on
DuckDB): on Spark this cuts the lineage that would otherwise grow with each round (Ibis `.cache()` does not).

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
    # Work on integer ids numbered in node order, so the smallest id is the smallest node: joins on
    # integers are several times cheaper than on long identifier strings.
    nodes = ibis.union(edges.select(node=edges.a), edges.select(node=edges.b)).distinct()
    index = engine.scratch(
        con, f"{prefix}_index", nodes.mutate(id=ibis.row_number().over(order_by=nodes.node))
    )
    a, b = index.view(), index.view()
    e = edges.join(a, edges.a == a.node).select(x=a.id, b=edges.b)
    e = e.join(b, e.b == b.node).select(x=e.x, y=b.id)
    both = ibis.union(e, e.select(x=e.y, y=e.x))
    links = engine.scratch(con, f"{prefix}_links", both.filter(both.x != both.y).distinct())
    labels = engine.scratch(con, f"{prefix}_0", index.select(node="id", component="id"))
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
        new = engine.scratch(con, f"{prefix}_{round_ % 2}", nxt)
        changed = (
            new.join(labels, [new.node == labels.node, new.component != labels.component]).count().execute()
        )
        labels = new
        if not changed:
            j = labels.join(a, labels.node == a.id).join(b, labels.component == b.id)
            out = engine.scratch(con, f"{prefix}_labels", j.select(node=a.node, component=b.node))
            for name in ("0", "1", "links", "index"):
                engine.drop(con, f"{prefix}_{name}")
            return out
    raise CxlensError(f"identity graph did not settle in {max_rounds} rounds; raise max_rounds")
