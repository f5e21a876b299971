"""The "Cohorts" section: how each month's new customers keep buying and what they will bring, read from
``cohort_retention`` and ``cohort_projection``."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from ibis.backends import BaseBackend
from plotly.colors import qualitative
from plotly.subplots import make_subplots

from cxlens.report._page import PALETTE, Section, chart, frame, kpis
from cxlens.tables import COHORT_PROJECTION, COHORT_RETENTION

SHOWN = 6  # cohorts drawn at first on the value chart; the legend shows the rest
MATURE, FEWEST = 0.1, 20  # a group's month is drawn while this share of its members, and this many, reach it
GROUPS = {"channel": "first purchase's channel", "persona": "persona"}


def cohorts(con: BaseBackend) -> Section:
    s = Section(
        "cohorts",
        "Cohorts",
        lead="Customers by the month of their first purchase, followed month by month: who is still buying, "
        "what an acquired customer has brought in so far, and what the value models expect them to bring. "
        "The data's last month is cut short, so it is left out of the retention chart rather than read as "
        "churn.",
    )
    if s.lacks(con, "cohorts", COHORT_RETENTION):
        return s
    r = con.table(COHORT_RETENTION).to_pandas()
    proj = frame(con, COHORT_PROJECTION)
    month = r[r.by == "month"]
    whole = month[~month.partial]
    figures = [
        ("cohorts", f"{month.cohort.nunique():,}"),
        ("bought in month 3 (median cohort)", _median(whole, 3, "retention")),
        ("repeat buyers by month 12 (median cohort)", _median(whole, 12, "repeat_rate")),
    ]
    body = [_heat(whole), _value(month, proj)]
    if len(proj):
        ahead = proj[proj.fitted_on == "all"]
        back = proj[proj.fitted_on == "calibration"]
        if len(ahead):
            n = ahead.month.nunique()
            figures.append((f"expected from today's customers, next {n} months", f"{ahead.value.sum():,.0f}"))
        if len(back):
            figures.append(("held-out cohort-months inside their 90% band", f"{_inside(back):.0%}"))
            body.append(_check(back))
    body.append(_groups(r))
    s.body = kpis(figures) + "".join(body)
    return s


def _heat(whole: pd.DataFrame) -> str:
    grid = whole.pivot(index="cohort", columns="period", values="retention")
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
    return chart(
        heat,
        160 + 18 * len(grid),
        "Read across a row for how one cohort fades; read down a column to see whether newer cohorts keep "
        "buying better or worse than older ones at the same age.",
    )


def _value(month: pd.DataFrame, proj: pd.DataFrame) -> str:
    """Cumulative revenue per acquired customer, solid so far, dashed ahead with its 90% band."""
    fig = go.Figure()
    labels = sorted(month.cohort.unique())
    shown = set(labels[:: max(1, -(-len(labels) // SHOWN))])
    ahead = proj[proj.fitted_on == "all"] if len(proj) else proj
    for i, cohort in enumerate(labels):
        c = month[month.cohort == cohort].sort_values("period")
        color, visible = PALETTE[i % len(PALETTE)], True if cohort in shown else "legendonly"
        fig.add_scatter(
            x=c.period, y=c.revenue_per_customer, mode="lines", name=cohort, legendgroup=cohort,
            line=dict(color=color), visible=visible,
            hovertemplate=f"{cohort}, month %{{x}}: %{{y:,.2f}} per customer<extra></extra>",
        )  # fmt: skip
        a = ahead[ahead.cohort.astype(str).str[:7] == cohort].sort_values("period") if len(ahead) else ahead
        if not len(a) or a.value_ahead.isna().all():
            continue
        base, x = float(c.revenue_per_customer.iloc[-1]), [int(c.period.iloc[-1]), *a.period]
        hover = f"{cohort}, month %{{x}}: %{{y:,.2f}}"
        for y, dash, fill in (
            ([base, *(base + a.value_ahead_high)], None, None),
            ([base, *(base + a.value_ahead_low)], None, "tonexty"),
            ([base, *(base + a.value_ahead)], "dash", None),
        ):
            band = dash is None
            fig.add_scatter(
                x=x, y=y, mode="lines", legendgroup=cohort, showlegend=False, visible=visible, fill=fill,
                line=dict(color=color, dash=dash, width=0 if band else 2), opacity=0.25 if band else 1,
                hoverinfo="skip" if band else None,
                hovertemplate=None if band else hover + " expected<extra></extra>",
            )  # fmt: skip
    fig.update_layout(
        title="What an acquired customer brings: so far (solid) and expected ahead (dashed, 90% band)",
        xaxis_title="months since the first purchase",
        yaxis_title="cumulative revenue per customer",
    )
    return chart(
        fig,
        460,
        "A steeper line is a cohort worth more per customer; where the dashed line flattens, the models "
        "expect that cohort to stop buying. Click a cohort in the legend to show or hide it.",
    )


def _inside(back: pd.DataFrame) -> float:
    return float(
        (
            (back.purchases_low <= back.actual_purchases) & (back.actual_purchases <= back.purchases_high)
        ).mean()
    )


def _check(back: pd.DataFrame) -> str:
    """Each held-out cohort-month: purchases projected (with the band) against what happened."""
    inside = (back.purchases_low <= back.actual_purchases) & (back.actual_purchases <= back.purchases_high)
    fig = go.Figure()
    for ok, name, color in ((True, "inside the band", PALETTE[0]), (False, "outside", PALETTE[6])):
        b = back[inside == ok]
        fig.add_scatter(
            x=b.purchases, y=b.actual_purchases, mode="markers", name=name, marker=dict(color=color),
            error_x=dict(type="data", symmetric=False, array=b.purchases_high - b.purchases,
                         arrayminus=b.purchases - b.purchases_low, thickness=1, color=color),
            text=b.cohort.astype(str).str[:7] + ", month " + b.period.astype(str),
            hovertemplate="%{text}: projected %{x:,.1f}, actual %{y:,.0f}<extra></extra>",
        )  # fmt: skip
    top = float(max(back.purchases_high.max(), back.actual_purchases.max(), 1))
    fig.add_scatter(x=[0, top], y=[0, top], mode="lines", line=dict(color="#999", dash="dot"), name="exact")
    months = back.month.nunique()
    fig.update_layout(
        title=f"The projection checked: fitted without the last {months} months, each cohort's purchases "
        "in them against what happened",
        xaxis_title="projected purchases (90% band)",
        yaxis_title="actual purchases",
    )
    return chart(
        fig,
        420,
        "Each dot is one cohort in one held-out month; about 9 in 10 should sit inside their band. Dots "
        "mostly above the diagonal mean the models under-project, below it that they over-project.",
    )


def _groups(r: pd.DataFrame) -> str:
    """Retention and value per customer by month since the first purchase, by first channel and persona."""
    fig = make_subplots(
        rows=2, cols=2, shared_xaxes=True, vertical_spacing=0.08,
        subplot_titles=[f"retention by {GROUPS[g]}" for g in GROUPS]
        + [f"revenue per customer by {GROUPS[g]}" for g in GROUPS],
    )  # fmt: skip
    for col, by in enumerate(GROUPS, start=1):
        g = r[r.by == by].sort_values("period")
        size = g[g.period == 0].set_index("cohort").acquired
        g = g[g.acquired >= (size.loc[g.cohort].to_numpy() * MATURE).clip(min=FEWEST)]
        for i, (name, c) in enumerate(g.groupby("cohort")):
            color = qualitative.D3[i % len(qualitative.D3)]
            for row, y, fmt in ((1, "retention", ".1%"), (2, "revenue_per_customer", ",.2f")):
                fig.add_scatter(
                    x=c.period, y=c[y], mode="lines", name=name, legendgroup=f"{by}:{name}",
                    showlegend=row == 1, line=dict(color=color), row=row, col=col,
                    hovertemplate=f"{name}, month %{{x}}: %{{y:{fmt}}}<extra></extra>",
                )  # fmt: skip
    fig.update_layout(title="Cohorts compared: by the channel of the first purchase, and by persona")
    fig.update_xaxes(title_text="months since the first purchase", row=2)
    return chart(
        fig,
        640,
        "Lines that stay high on the left chart keep buying; the channel or persona whose value line "
        "climbs fastest is the one to acquire more of. Each month counts only the customers old enough "
        "to have lived it in full, so a line stops where too few have.",
    )


def _median(whole: pd.DataFrame, period: int, column: str) -> str:
    """The median cohort's ``column`` at ``period``, as a share; a dash when no cohort is that old."""
    rows = whole[whole.period == period]
    return f"{rows[column].median():.1%}" if len(rows) else "–"
