"""RFM: recency, frequency and monetary scores (1–5 by quintile) and the named segments practitioners use.

Scores come from each customer's percentile among customers, so ties share a score: when half the customers
bought once, all of them get frequency 1. Segments are read from a grid of the recency score against the
frequency–monetary score, round((F + M) / 2); ``GRID`` below is that grid, as docs/value.md shows it.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from cxlens.tables import RFM_GRID

GRID = RFM_GRID
SEGMENTS = tuple(dict.fromkeys(s for row in GRID.values() for s in row))


def bucket(col: ir.NumericColumn, k: int = 5) -> ir.IntegerValue:
    """1..k from the share of rows ranked strictly below (ties share a bucket; k is the highest values);
    null where the value is."""
    below = ibis.rank().over(order_by=col)  # 0-based, ties share the lowest rank
    b = (below * k / ibis.greatest(col.count().over(), 1)).floor().cast("int64") + 1
    return ibis.ifelse(col.notnull(), ibis.least(b, k), ibis.null("int64"))


def rfm(customers: ir.Table) -> ir.Table:
    """Add ``r_score``, ``f_score``, ``m_score``, ``fm_score`` and ``rfm_segment`` to a table with
    ``days_since_last``, ``purchases`` and ``revenue``, one row per customer."""
    t = customers.mutate(
        r_score=bucket(-customers.days_since_last),
        f_score=bucket(customers.purchases),
        m_score=bucket(customers.revenue),
    )
    t = t.mutate(fm_score=((t.f_score + t.m_score + 1) / 2).floor().cast("int64"))
    grid = ibis.memtable(
        [
            {"r_score": r, "fm_score": fm + 1, "rfm_segment": s}
            for r, row in GRID.items()
            for fm, s in enumerate(row)
        ]
    )
    return t.join(grid, ["r_score", "fm_score"])
