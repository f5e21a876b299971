"""Retention by acquisition cohort, recomputed here with pandas from the orders and identity's links."""

from __future__ import annotations

import pandas as pd
import pytest


@pytest.fixture(scope="module")
def orders(loaded) -> pd.DataFrame:
    """Every linked order with its person, as identity resolved it."""
    p = loaded.project
    rec = p.table("identity_records").to_pandas()
    rec = rec[rec.record.str.startswith("orders:")].assign(order_id=lambda d: d.record.str[7:])
    o = p.table("orders").to_pandas().merge(rec[["order_id", "person_id"]], on="order_id")
    return o[o.ordered_at.notna()].assign(total=lambda d: d.total.fillna(0.0))


def test_retention_equals_a_recomputation_from_the_orders(loaded, orders):
    o = orders.sort_values(["person_id", "ordered_at"], kind="stable")
    month = o.ordered_at.dt.year * 12 + o.ordered_at.dt.month - 1
    first = month.groupby(o.person_id).transform("min")
    o = o.assign(cohort=first, period=month - first, k=o.groupby("person_id").cumcount())
    acquired = o[o.k == 0].groupby("cohort").size()
    g = o.groupby(["cohort", "period"])
    mine = pd.DataFrame({"customers": g.person_id.nunique(), "orders": g.size(), "revenue": g.total.sum()})
    mine = mine.reset_index().assign(acquired=lambda d: d.cohort.map(acquired))
    second = (
        o[o.k == 1]
        .groupby(["cohort", "period"])
        .size()
        .reindex(pd.MultiIndex.from_frame(mine[["cohort", "period"]]))
    )
    mine = mine.assign(repeated=second.fillna(0).to_numpy())
    cum = mine.groupby("cohort")[["repeated", "revenue"]].cumsum()
    mine = mine.assign(
        retention=mine.customers / mine.acquired,
        repeat_rate=cum.repeated / mine.acquired,
        revenue_per_customer=cum.revenue / mine.acquired,
        cohort=[pd.Timestamp(year=c // 12, month=c % 12 + 1, day=1).date() for c in mine.cohort],
    )
    theirs = loaded.project.table("cohort_retention").to_pandas()
    theirs = theirs.assign(cohort=pd.to_datetime(theirs.cohort).dt.date)
    cols = ["acquired", "customers", "retention", "repeat_rate", "orders", "revenue", "revenue_per_customer"]
    pd.testing.assert_frame_equal(
        theirs.sort_values(["cohort", "period"]).reset_index(drop=True)[["cohort", "period", *cols]],
        mine.sort_values(["cohort", "period"]).reset_index(drop=True)[["cohort", "period", *cols]],
        check_dtype=False,
    )
    c = pd.to_datetime(theirs.cohort)
    at = c.dt.year * 12 + c.dt.month - 1 + theirs.period
    last = o.ordered_at.max()
    assert (theirs.partial == (at == last.year * 12 + last.month - 1)).all()  # the data's last month is cut
