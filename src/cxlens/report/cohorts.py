"""The "Cohorts" section: how each month's new customers keep buying, read from ``cohort_retention``."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.report._page import Section, chart, kpis, not_run
from cxlens.tables import COHORT_RETENTION


def cohorts(con: BaseBackend) -> Section:
    s = Section(
        "cohorts",
        "Cohorts",
        lead="Customers by the month of their first purchase, followed month by month: who is still buying, "
        "and what an acquired customer has brought in so far. The data's last month is cut short, so it is "
        "left out of the charts rather than read as churn.",
    )
    if not engine.has_table(con, COHORT_RETENTION):
        s.skipped = not_run(con, "cohorts")
        return s
    r = con.table(COHORT_RETENTION).to_pandas()
    whole = r[~r.partial].assign(label=r.cohort.astype(str).str[:7])
    grid = whole.pivot(index="label", columns="period", values="retention")
    later = whole[whole.period > 0]
    heat = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(), x=grid.columns, y=grid.index, colorscale="Blues", zmin=0,
            zmax=float(later.retention.max()) if len(later) else 1.0,
            hovertemplate="cohort %{y}, month %{x}: %{z:.1%} bought<extra></extra>",
        )
    )  # fmt: skip
    heat.update_layout(
        title="Retention: the share of each month's new customers who bought n months later (month 0, "
        "all of them, tops the scale)",
        xaxis_title="months since the first purchase",
        yaxis_autorange="reversed",
    )
    curves = go.Figure()
    for cohort, c in whole.groupby("label"):
        curves.add_scatter(
            x=c.period, y=c.revenue_per_customer, mode="lines", name=cohort,
            hovertemplate=f"{cohort}, month %{{x}}: %{{y:,.2f}} per customer<extra></extra>",
        )  # fmt: skip
    curves.update_layout(
        title="What an acquired customer has brought in: cumulative revenue per customer of each cohort",
        xaxis_title="months since the first purchase",
    )
    figures = [
        ("cohorts", f"{r.cohort.nunique():,}"),
        ("bought in month 3 (median cohort)", _median(whole, 3, "retention")),
        ("repeat buyers by month 12 (median cohort)", _median(whole, 12, "repeat_rate")),
    ]
    s.body = kpis(figures) + chart(heat, 160 + 18 * len(grid)) + chart(curves, 420)
    return s


def _median(whole: pd.DataFrame, period: int, column: str) -> str:
    """The median cohort's ``column`` at ``period``, as a share; a dash when no cohort is that old."""
    rows = whole[whole.period == period]
    return f"{rows[column].median():.1%}" if len(rows) else "–"
