"""The cohorts stage: retention by acquisition cohort, the analysis CX teams ask for first.

A customer's cohort is the month of their first purchase (``by = month``; ``quarter`` groups by quarter and
counts periods in quarters), or what their first purchase was made through (``channel``), its biggest
line's ``category``, or their ``persona``; period ``p`` is the ``p``-th calendar month (quarter) after the
first purchase. Per cohort and period: the customers who bought in it and their share of the cohort
(retention), the share who had made a repeat purchase by then, orders, revenue, and the cumulative revenue
per acquired customer.

A month or quarter cohort has one start, so every period it has reached is shown; the data's last one may
be cut short, which ``partial`` says, so a chart does not read the cut as churn. A channel, category or
persona cohort mixes starts: period ``p`` counts only the members whose ``p``-th month the data cover in
full (``acquired`` is those members), so recent customers do not drag its later months down.

>>> retention(con).to_pandas()  # doctest: +SKIP
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import pandas as pd
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.ids import with_person
from cxlens.stage import Stage
from cxlens.tables import COHORT_RETENTION, IDENTITY_RECORDS, PERSONA_ASSIGNMENTS

WRITES = (COHORT_RETENTION,)
TIME = {"month": 1, "quarter": 3}  # months per period
GROUPS = ("channel", "category", "persona")  # cohorts by what the first purchase was, or who bought
STATS = ("customers", "orders", "revenue", "repeated")


def _month(t: ir.TimestampValue) -> ir.IntegerValue:
    """Months since year 0: the difference of two is the number of calendar months between them."""
    return t.year() * 12 + t.month() - 1


def _first_category(con: BaseBackend) -> ir.Table | None:
    """Each order's biggest line's category (by value, then name): what the order was mostly for."""
    if not engine.has_table(con, "order_items"):
        return None
    it = con.table("order_items")
    it = it.filter(it.category.notnull()).mutate(v=it.quantity.fill_null(1).cast("float64") * it.unit_price)
    w = ibis.window(group_by="order_id", order_by=[ibis.desc(it.v.fill_null(0)), it.category])
    it = it.mutate(k=ibis.row_number().over(w))
    return it.filter(it.k == 0).select("order_id", category=it.category)


def _orders(con: BaseBackend) -> ir.Table:
    """Every dated order with its person, month, rank in the person's orders, and the person's groups."""
    o = with_person(con, "orders")
    o = o.filter(o.ordered_at.notnull())
    cat = _first_category(con)
    if cat is not None:
        o = o.left_join(cat, "order_id").drop("order_id_right")
    o = o.select(
        "person_id",
        at=o.ordered_at,
        total=o.total.fill_null(0.0).cast("float64"),
        channel=o.channel,
        category=o.category if cat is not None else ibis.null("string"),
    )
    o = o.mutate(k=ibis.row_number().over(group_by="person_id", order_by=["at", "channel", "category"]))
    first = o.filter(o.k == 0).select("person_id", f_at="at", channel="channel", category="category")
    o = o.drop("channel", "category").join(first, "person_id")
    if engine.has_table(con, PERSONA_ASSIGNMENTS):
        pa = con.table(PERSONA_ASSIGNMENTS).select("person_id", persona="persona_name")
        o = o.left_join(pa, "person_id").drop("person_id_right")
    else:
        o = o.mutate(persona=ibis.null("string"))
    unknown = ibis.literal("(unknown)")
    return o.mutate(
        month=_month(o.at), first=_month(o.f_at), **{g: o[g].fill_null(unknown) for g in GROUPS}
    ).drop("f_at")


def _grid(o: ir.Table, by: str, first: int, last: int) -> ir.Table:
    """(cohort, start, period) for every period each start has reached, with its stats (0 where nobody
    bought) and the cumulative ones: what every grouping is summed from."""
    unit = TIME.get(by, 1)
    o = o.mutate(
        cohort=o.first // unit if by in TIME else o[by],
        start=o.first // unit,
        period=o.month // unit - o.first // unit,
    )
    end = last // unit
    size = o.filter(o.k == 0).group_by("cohort", "start").aggregate(acquired=ibis._.count())
    stats = o.group_by("cohort", "start", "period").aggregate(
        customers=o.person_id.nunique(),
        orders=o.count(),
        revenue=o.total.sum(),
        repeated=(o.k == 1).sum(),
    )
    span = ibis.memtable({"period": list(range(end - first // unit + 1))})
    g = size.cross_join(span)
    g = g.filter(g.start + g.period <= end)
    g = g.left_join(stats, ["cohort", "start", "period"]).drop("cohort_right", "start_right", "period_right")
    g = g.mutate(**{c: g[c].fill_null(0) for c in STATS})
    upto = ibis.cumulative_window(group_by=["cohort", "start"], order_by="period")
    return g.mutate(
        cum_repeated=g.repeated.sum().over(upto),
        cum_revenue=g.revenue.sum().over(upto),
        at=g.start + g.period,
    ).mutate(end=end)


def _grouped(o: ir.Table, by: str, first: int, last: int) -> ir.Table:
    """One grouping's rows: a time cohort as it is (its last period maybe partial); a group summed over its
    members' starts, each period over the members whose period the data cover in full."""
    g = _grid(o, by, first, last)
    if by in TIME:
        g = g.mutate(partial=g.at >= g.end)
        unit = TIME[by]
        year = (g.start * unit // 12).cast("int32")
        start = ibis.date(year, (g.start * unit - year * 12 + 1).cast("int32"), 1)
        label = (
            start.strftime("%Y-%m")
            if by == "month"
            else year.cast("string") + "-Q" + ((g.start * unit - year * 12) // 3 + 1).cast("string")
        )
        g = g.mutate(cohort=label, start=start)
    else:
        g = g.filter(g.at < g.end)
        g = g.group_by("cohort", "period").aggregate(
            acquired=g.acquired.sum(), start=g.start.min(), partial=ibis.literal(False),
            **{c: g[c].sum() for c in (*STATS, "cum_repeated", "cum_revenue")},
        )  # fmt: skip
        year = (g.start // 12).cast("int32")
        g = g.mutate(start=ibis.date(year, (g.start - year * 12 + 1).cast("int32"), 1))
    return g.select(
        by=ibis.literal(by),
        cohort=g.cohort.cast("string"),
        start=g.start,
        period=g.period.cast("int64"),
        acquired=g.acquired.cast("int64"),
        customers=g.customers.cast("int64"),
        retention=(g.customers / g.acquired).cast("float64"),
        repeat_rate=(g.cum_repeated / g.acquired).cast("float64"),
        orders=g.orders.cast("int64"),
        revenue=g.revenue.cast("float64"),
        revenue_per_customer=(g.cum_revenue / g.acquired).cast("float64"),
        partial=g.partial,
    )


def retention(con: BaseBackend) -> ir.Table | None:
    """``cohort_retention``: one row per grouping, cohort and period the data reach (None: no dated order)."""
    o = _orders(con)
    span = o.aggregate(first=o.month.min(), last=o.month.max()).to_pandas().iloc[0]  # one query for all
    if pd.isna(span["last"]):
        return None
    first, last = int(span["first"]), int(span["last"])
    return ibis.union(*[_grouped(o, by, first, last) for by in (*TIME, *GROUPS)])


def run(con: BaseBackend, cfg: object = None, progress: bool = False) -> dict:
    """Write ``cohort_retention``; return how many monthly cohorts."""
    r = retention(con)
    t = engine.write(con, COHORT_RETENTION, pd.DataFrame() if r is None else r)
    return {"cohorts": int(t.filter(t.by == "month").cohort.nunique().execute())}


STAGE = Stage("cohorts", "Cohorts", run, writes=WRITES, needs=(IDENTITY_RECORDS, "orders"))
