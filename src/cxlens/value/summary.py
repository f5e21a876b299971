"""Purchases and per-customer summaries, in Ibis: what the value models and RFM read.

A purchase is a day on which a person completed at least one order that was not fully returned, valued at
what they kept (the order total less the returned lines' share). Several orders on one day are one purchase,
as in the buy-till-you-die literature. Ages are whole days.

>>> s = summary(purchases(con), date(2026, 6, 30))  # doctest: +SKIP
"""

from __future__ import annotations

from datetime import date

import ibis
import ibis.expr.types as ir
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.ids import with_person


def purchases(con: BaseBackend) -> ir.Table:
    """One row per person and purchase day: ``person_id``, ``day``, ``value``, ``orders``."""
    o = with_person(con, "orders")
    kept = ibis.literal(1.0)
    if engine.has_table(con, "order_items"):
        it = con.table("order_items")
        amount = it.quantity.cast("float64") * it.unit_price
        lines = it.group_by("order_id").aggregate(gross=amount.sum(), back=amount.sum(where=it.returned))
        o = o.left_join(lines, "order_id").drop("order_id_right")
        # the share of the order's value that was kept; an order without lines is kept whole
        kept = ibis.ifelse(o.gross > 0, 1 - o.back.fill_null(0) / o.gross, 1.0).fill_null(1.0)
    o = o.mutate(kept=kept).filter(lambda t: t.kept > 1e-9)
    return o.group_by(o.person_id, day=o.ordered_at.date()).aggregate(
        value=(o.total * o.kept).sum(), orders=o.count()
    )


def summary(p: ir.Table, as_of: date, end: date | None = None) -> ir.Table:
    """Per customer as of ``as_of`` (inclusive): the model inputs (``frequency`` repeat purchases,
    ``recency`` and ``T`` in days, ``monetary`` mean repeat value) and RFM inputs. With ``end``, also
    ``holdout``: purchases after ``as_of`` up to ``end``, for checking predictions."""
    cut = ibis.literal(as_of)
    cal = p.filter(p.day <= cut)
    cal = cal.mutate(first=cal.day.min().over(group_by=cal.person_id))
    s = cal.group_by("person_id").aggregate(
        first=cal.first.min(),
        last=cal.day.max(),
        purchases=cal.count(),
        orders=cal.orders.sum(),
        revenue=cal.value.sum(),
        repeat_value=cal.value.sum(where=cal.day != cal.first),
    )
    s = s.mutate(
        frequency=s.purchases - 1,
        recency=s.last.delta(s.first, unit="day"),
        T=cut.delta(s.first, unit="day"),
        days_since_last=cut.delta(s.last, unit="day"),
        monetary=ibis.ifelse(s.purchases > 1, s.repeat_value / (s.purchases - 1), 0.0),
    ).drop("repeat_value")
    if end is None:
        return s
    later = p.filter((p.day > cut) & (p.day <= ibis.literal(end)))
    later = later.group_by("person_id").aggregate(holdout=later.count())
    s = s.left_join(later, "person_id").drop("person_id_right")
    return s.mutate(holdout=s.holdout.fill_null(0))


def histories(s: ir.Table, **totals: ir.Value) -> ir.Table:
    """The distinct purchase histories (frequency, recency, T) of a ``summary``, with how many ``customers``
    share each (and any ``totals`` over them): what the purchase models are fitted and scored on. Whole
    days bound their number by the calendar (a few hundred thousand at most), whatever the customer count;
    ordered, so the optimiser sums the same rows in the same order on every engine and run."""
    h = s.group_by("frequency", "recency", "T").aggregate(customers=s.count(), **totals)
    return h.order_by("frequency", "recency", "T")
