"""Retention by acquisition cohort, recomputed here with pandas from the orders and identity's links."""

from __future__ import annotations

import pandas as pd
import pytest

COLUMNS = ["acquired", "customers", "retention", "repeat_rate", "orders", "revenue", "revenue_per_customer"]


@pytest.fixture(scope="module")
def orders(loaded) -> pd.DataFrame:
    """Every dated linked order with its person (as identity resolved it), month, rank among the person's
    orders, and what their first order was through."""
    p = loaded.project
    rec = p.table("identity_records").to_pandas()
    rec = rec[rec.record.str.startswith("orders:")].assign(order_id=lambda d: d.record.str[7:])
    o = p.table("orders").to_pandas().merge(rec[["order_id", "person_id"]], on="order_id")
    o = o[o.ordered_at.notna()].assign(total=lambda d: d.total.fillna(0.0))
    o = o.sort_values(["person_id", "ordered_at", "channel"], kind="stable")
    month = o.ordered_at.dt.year * 12 + o.ordered_at.dt.month - 1
    return o.assign(
        month=month,
        first=month.groupby(o.person_id).transform("min"),
        k=o.groupby("person_id").cumcount(),
        first_channel=o.channel.groupby(o.person_id).transform("first").fillna("(unknown)"),
    )


def _recompute(o: pd.DataFrame, group: str | None, unit: int) -> pd.DataFrame:
    """Per cohort (its start, or ``group``) and period of ``unit`` months: each member counts in a period
    their start has reached; a group (not a time cohort) counts only the periods the data cover in full."""
    last = o.month.max() // unit
    o = o.assign(start=o["first"] // unit, period=o.month // unit - o["first"] // unit)
    key = "key"
    o[key] = o.start if group is None else o[group]
    size = o[o.k == 0].groupby([key, "start"]).size().rename("acquired").reset_index()
    grid = size.merge(pd.DataFrame({"period": range(last - o.start.min() + 1)}), how="cross")
    grid = grid[grid.start + grid.period <= last]
    g = o.groupby([key, "start", "period"])
    stats = pd.DataFrame({
        "customers": g.person_id.nunique(), "orders": g.size(), "revenue": g.total.sum(),
        "repeated": g.k.agg(lambda k: int((k == 1).sum())),
    }).reset_index()  # fmt: skip
    grid = grid.merge(stats, how="left", on=[key, "start", "period"]).fillna(0)
    grid = grid.sort_values([key, "start", "period"])
    cum = grid.groupby([key, "start"])[["repeated", "revenue"]].cumsum()
    grid = grid.assign(cum_repeated=cum.repeated, cum_revenue=cum.revenue)
    if group is not None:
        grid = grid[grid.start + grid.period < last]
    s = grid.groupby([key, "period"])[
        ["acquired", "customers", "orders", "revenue", "cum_repeated", "cum_revenue"]
    ]
    s = s.sum().reset_index()
    return s.assign(
        retention=s.customers / s.acquired,
        repeat_rate=s.cum_repeated / s.acquired,
        revenue_per_customer=s.cum_revenue / s.acquired,
    ).rename(columns={key: "cohort"})


def _theirs(loaded, by: str) -> pd.DataFrame:
    t = loaded.project.table("cohort_retention").to_pandas()
    return t[t.by == by].sort_values(["cohort", "period"]).reset_index(drop=True)


def test_month_cohorts_equal_a_recomputation_from_the_orders(loaded, orders):
    mine = _recompute(orders, None, 1)
    mine["cohort"] = [f"{c // 12}-{c % 12 + 1:02d}" for c in mine.cohort]
    theirs = _theirs(loaded, "month")
    pd.testing.assert_frame_equal(
        theirs[["cohort", "period", *COLUMNS]],
        mine.sort_values(["cohort", "period"]).reset_index(drop=True)[["cohort", "period", *COLUMNS]],
        check_dtype=False,
    )
    assert (pd.to_datetime(theirs.start).dt.strftime("%Y-%m") == theirs.cohort).all()
    at = pd.to_datetime(theirs.start).dt.year * 12 + pd.to_datetime(theirs.start).dt.month - 1 + theirs.period
    assert (theirs.partial == (at == orders.month.max())).all()  # the data's last month is cut short


def test_quarter_cohorts_count_periods_in_quarters(loaded, orders):
    mine = _recompute(orders, None, 3)
    mine["cohort"] = [f"{c // 4}-Q{c % 4 + 1}" for c in mine.cohort]
    theirs = _theirs(loaded, "quarter")
    assert len(theirs) < len(_theirs(loaded, "month"))
    pd.testing.assert_frame_equal(
        theirs[["cohort", "period", *COLUMNS]],
        mine.sort_values(["cohort", "period"]).reset_index(drop=True)[["cohort", "period", *COLUMNS]],
        check_dtype=False,
    )


def test_channel_cohorts_count_each_period_over_the_members_who_reached_it(loaded, orders):
    mine = _recompute(orders, "first_channel", 1)
    theirs = _theirs(loaded, "channel")
    pd.testing.assert_frame_equal(
        theirs[["cohort", "period", *COLUMNS]],
        mine.sort_values(["cohort", "period"]).reset_index(drop=True)[["cohort", "period", *COLUMNS]],
        check_dtype=False,
    )
    assert not theirs.partial.any()
    # later periods are over fewer members: the recent ones have not reached them
    first = theirs.groupby("cohort").acquired.first()
    assert (theirs.groupby("cohort").acquired.last() < first).all()


def test_persona_and_category_cohorts_cover_every_customer(loaded, orders):
    t = loaded.project.table("cohort_retention").to_pandas()
    customers = orders.person_id.nunique()
    for by in ("persona", "category"):
        at0 = t[(t.by == by) & (t.period == 0)]
        assert at0.acquired.sum() <= customers
        assert (
            at0.acquired.sum()
            >= customers - orders[orders["first"] == orders.month.max()].person_id.nunique()
        )
    personas = set(loaded.project.table("persona_assignments").to_pandas().persona_name)
    assert set(t[t.by == "persona"].cohort) <= personas | {"(unknown)"}
