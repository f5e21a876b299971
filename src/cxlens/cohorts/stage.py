"""The cohorts stage: retention by acquisition cohort, the analysis CX teams ask for first.

A customer's cohort is the month of their first purchase; period ``p`` is the ``p``-th calendar month after
it (0: the month they were acquired). Per cohort and period: the customers who bought in that month and
their share of the cohort (retention), the share who had made a repeat purchase by then, orders, revenue,
and the cumulative revenue per acquired customer. Periods the data do not cover are absent; the last one
it reaches may be cut short, which ``partial`` says, so a chart does not read the cut as churn.

>>> retention(con).to_pandas()  # doctest: +SKIP
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.ids import with_person
from cxlens.stage import Stage
from cxlens.tables import COHORT_RETENTION, IDENTITY_RECORDS

WRITES = (COHORT_RETENTION,)


def _month(t: ir.TimestampValue) -> ir.IntegerValue:
    """Months since year 0: the difference of two is the number of calendar months between them."""
    return t.year() * 12 + t.month() - 1


def retention(con: BaseBackend) -> ir.Table:
    """``cohort_retention``: one row per cohort and period the data reach."""
    o = with_person(con, "orders")
    o = o.filter(o.ordered_at.notnull()).select(
        "person_id", at="ordered_at", total=o.total.fill_null(0.0).cast("float64")
    )
    w = ibis.window(group_by="person_id", order_by=["at"])
    o = o.mutate(first=o.at.min().over(ibis.window(group_by="person_id")), k=ibis.row_number().over(w))
    o = o.mutate(cohort=_month(o.first), period=_month(o.at) - _month(o.first))
    size = o.filter(o.k == 0).group_by("cohort").aggregate(acquired=ibis._.count())
    by = o.group_by("cohort", "period").aggregate(
        customers=o.person_id.nunique(), orders=o.count(), revenue=o.total.sum()
    )
    repeat = o.filter(o.k == 1).group_by("cohort", "period").aggregate(repeated=ibis._.count())
    t = by.join(size, "cohort").left_join(repeat, ["cohort", "period"]).drop("cohort_right", "period_right")
    upto = ibis.cumulative_window(group_by="cohort", order_by="period")
    last = _month(o.at.max()).as_scalar()
    t = t.mutate(
        retention=t.customers / t.acquired,
        repeat_rate=t.repeated.fill_null(0).sum().over(upto) / t.acquired,
        revenue_per_customer=t.revenue.sum().over(upto) / t.acquired,
        partial=(t.cohort + t.period) >= last,
    )
    year = (t.cohort // 12).cast("int32")
    return t.select(
        cohort=ibis.date(year, (t.cohort - year * 12 + 1).cast("int32"), 1),
        period=t.period.cast("int64"),
        acquired=t.acquired.cast("int64"),
        customers=t.customers.cast("int64"),
        retention=t.retention.cast("float64"),
        repeat_rate=t.repeat_rate.cast("float64"),
        orders=t.orders.cast("int64"),
        revenue=t.revenue.cast("float64"),
        revenue_per_customer=t.revenue_per_customer.cast("float64"),
        partial=t.partial,
    )


def run(con: BaseBackend, cfg: object = None, progress: bool = False) -> dict:
    """Write ``cohort_retention``; return how many cohorts."""
    t = engine.write(con, COHORT_RETENTION, retention(con))
    return {"cohorts": int(t.cohort.nunique().execute())}


STAGE = Stage("cohorts", "Cohorts", run, writes=WRITES, needs=(IDENTITY_RECORDS, "orders"))
