"""The "Who are our customers" section: customers and prospects, lifecycle stages and their flows, value."""

from __future__ import annotations

import ibis
import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
from ibis import _
from ibis.backends import BaseBackend

from cxlens.report._page import PALETTE, Section, chart, frame, kpis, table, warnings
from cxlens.tables import CUSTOMER_VALUE, VALUE_HOLDOUT, VALUE_MODELS
from cxlens.tables import LIFECYCLE_STAGES as STAGES
from cxlens.tables import RFM_GRID as GRID

COLOURS = dict(
    zip(STAGES, ("#81c3d7", "#5b8e7d", "#3a7ca5", "#16425b", "#2d7d46", "#f4a259", "#bc4b51"), strict=True)
)


def customers(con: BaseBackend) -> Section:
    s = Section(
        "customers",
        "Who are our customers",
        lead="A customer completed at least one order they did not send back; a prospect is a known person "
        "who has not. Stages come from each customer's chance of buying again (Pareto/NBD unless value.model "
        "says otherwise) and their own "
        "rhythm of purchases; value is the expected spend of the next year, discounted.",
    )
    if s.lacks(con, "value", CUSTOMER_VALUE):
        return s
    cv = con.table(CUSTOMER_VALUE)
    cust = cv.filter(cv.status == "customer")
    status = cv.group_by("status").aggregate(people=_.count()).to_pandas().set_index("status").people
    by_stage = (
        cv.filter(cv.stage.notnull())
        .group_by("stage")
        .aggregate(people=_.count(), revenue=_.revenue.sum(), clv=_.clv.sum(), p_alive=_.p_alive.mean())
        .to_pandas()
        .set_index("stage")
        .reindex(list(STAGES))
        .dropna(how="all")
        .reset_index()
    )
    valued = cust.filter(cust.clv.notnull())
    deciles = valued.group_by("clv_decile").aggregate(clv=_.clv.sum()).to_pandas()
    deciles = deciles.sort_values("clv_decile")
    total = float(deciles.clv.sum())
    top = deciles.clv[deciles.clv_decile == 1].sum() / max(total, 1e-9)
    fitted = not deciles.empty
    as_of = cv.as_of.max().execute()
    head = kpis(
        [
            ("customers", f"{int(status.get('customer', 0)):,}"),
            ("prospects (known, never bought)", f"{int(status.get('prospect', 0)):,}"),
            ("anonymous visitors", f"{int(status.get('anonymous', 0)):,}"),
            ("predicted value, next year", f"{total:,.0f}" if fitted else "–"),
            ("share of that value in the top 10% of customers", f"{top:.0%}" if fitted else "–"),
        ]
    )
    s.lead += f" Values as of {pd.Timestamp(as_of):%Y-%m-%d}."
    s.body = (
        warnings(con, "value")
        + head
        + _stages(by_stage)
        + _flows(cv)
        + (_clv(valued, deciles) if fitted else "")
        + _rfm(cust)
        + (_alive(cust) if fitted else "")
        + _holdout(con)
        + _models(con)
    )
    return s


def _stages(by: pd.DataFrame) -> str:
    fig = go.Figure()
    fig.add_bar(x=by.stage, y=by.people, name="people", marker_color=[COLOURS[x] for x in by.stage])
    fig.add_scatter(x=by.stage, y=by.revenue, name="revenue to date", yaxis="y2", mode="markers+lines")
    fig.update_layout(
        title="Lifecycle stages: people, and the revenue they brought",
        yaxis=dict(title="people"),
        yaxis2=dict(title="revenue", overlaying="y", side="right", showgrid=False),
        legend=dict(orientation="h", y=-0.2),
    )
    shown = by.assign(p_alive=by.p_alive.round(2), clv=by.clv.round(0), revenue=by.revenue.round(0)).fillna(
        "–"
    )
    return chart(
        fig,
        360,
        "How many people are in each stage and what they brought: a large at-risk bar with high revenue "
        "is value slipping away.",
    ) + table(
        shown.rename(columns={"clv": "predicted value", "p_alive": "mean P(alive)"}),
        numeric=("people", "revenue", "predicted value", "mean P(alive)"),
    )


def _flows(cv) -> str:
    f = (
        cv.filter(cv.stage.notnull() & cv.previous_stage.notnull())
        .group_by("previous_stage", "stage")
        .aggregate(people=_.count())
        .to_pandas()
    )
    if f.empty:
        return ""
    before = ["not yet seen", *STAGES]
    left = [b for b in before if b in set(f.previous_stage)]
    right = [a for a in STAGES if a in set(f.stage)]
    labels = [f"{b} (then)" for b in left] + [f"{a} (now)" for a in right]
    colour = {**COLOURS, "not yet seen": PALETTE[3]}
    fig = go.Figure(
        go.Sankey(
            node=dict(label=labels, color=[colour[b] for b in left] + [colour[a] for a in right], pad=12),
            link=dict(
                source=[left.index(b) for b in f.previous_stage],
                target=[len(left) + right.index(a) for a in f.stage],
                value=f.people.tolist(),
            ),
        )
    )
    fig.update_layout(title="How people moved between stages since the previous period")
    return chart(
        fig,
        460,
        "Bands flow from last period's stage to this one's: the wider the band into at risk or lapsed, "
        "the more customers are slipping.",
    )


def _clv(valued, deciles: pd.DataFrame, bins: int = 50) -> str:
    """The CLV histogram (top 1% capped) binned in the engine: what reaches the report is ``bins`` rows,
    however many customers there are."""
    cap = float(valued.clv.quantile(0.99).execute())
    width = cap / bins if cap > 0 else 1.0
    capped = ibis.least(valued.clv, cap)
    h = valued.group_by(bin=ibis.least((capped / width).floor(), bins - 1)).aggregate(people=_.count())
    h = h.to_pandas().sort_values("bin")
    fig = px.bar(
        x=(h["bin"] + 0.5) * width,
        y=h.people,
        labels={"x": "predicted value over the next year (top 1% capped)", "y": "customers"},
        color_discrete_sequence=PALETTE,
    )
    fig.update_traces(width=width)
    fig.update_layout(
        title="Customer lifetime value: most customers are worth little, a few a lot", yaxis_title="customers"
    )
    bars = px.bar(
        x=[f"top {10 * d}%" if d == 1 else f"decile {d}" for d in deciles.clv_decile],
        y=deciles.clv / max(deciles.clv.sum(), 1e-9),
        labels={"x": "", "y": "share of predicted value"},
        color_discrete_sequence=PALETTE,
    )
    bars.update_layout(title="Share of predicted value by CLV decile", yaxis_tickformat=".0%")
    return chart(
        fig, 320, "Most customers sit on the left: value is concentrated in the few on the right."
    ) + chart(
        bars,
        300,
        "How much of next year's predicted value each tenth of customers holds: protect the top deciles "
        "first.",
    )


def _rfm(cust) -> str:
    g = cust.group_by("r_score", "fm_score", "rfm_segment").aggregate(people=_.count()).to_pandas()
    if g.empty:
        return ""
    scores = [1, 2, 3, 4, 5]  # the heatmap draws its first row at the bottom: R 5 ends on top
    counts = g.pivot_table(index="r_score", columns="fm_score", values="people", aggfunc="sum")
    counts = counts.reindex(index=scores, columns=scores).fillna(0).astype(int)
    text = [[f"{GRID[r][c - 1]}<br>{counts.loc[r, c]:,}" for c in scores] for r in scores]
    fig = go.Figure(
        go.Heatmap(
            z=counts.to_numpy(),
            x=[f"FM {c}" for c in scores],
            y=[f"R {r}" for r in scores],
            text=text,
            texttemplate="%{text}",
            colorscale="Blues",
            showscale=False,
        )
    )
    fig.update_layout(title="RFM grid: recency score against frequency–monetary score (customers per cell)")
    seg = g.groupby("rfm_segment").people.sum().sort_values(ascending=False).reset_index()
    return chart(
        fig,
        420,
        "Top right are champions; bottom right, big spenders who have gone quiet and are worth a call.",
    ) + table(seg.rename(columns={"rfm_segment": "RFM segment"}), numeric=("people",))


def _alive(cust) -> str:
    pts = cust.order_by("person_id").limit(4000).select("days_since_last", "p_alive", "frequency", "stage")
    pts = pts.to_pandas()
    if pts.empty:
        return ""
    pts["purchases"] = np.where(
        pts.frequency == 0, "one purchase", np.where(pts.frequency < 5, "2–5", "6 or more")
    )
    fig = px.scatter(
        pts,
        x="days_since_last",
        y="p_alive",
        color="purchases",
        opacity=0.5,
        color_discrete_sequence=PALETTE[4:],
        labels={"days_since_last": "days since the last purchase", "p_alive": "P(alive)"},
        title="P(alive) against recency: frequent buyers fall away faster when they go quiet",
    )
    return chart(
        fig,
        380,
        "For the same days of silence, frequent buyers lose P(alive) faster: their silence means more.",
    )


def _holdout(con: BaseBackend) -> str:
    h = frame(con, VALUE_HOLDOUT)
    if h.empty:  # the stage's warnings say why
        return ""
    h = h.sort_values("frequency")
    predicted, actual = (h.customers * h.predicted).sum(), (h.customers * h.actual).sum()
    fig = go.Figure()
    fig.add_bar(x=h.label, y=h.actual, name="actual")
    fig.add_scatter(x=h.label, y=h.predicted, name="predicted", mode="lines+markers")
    fig.update_layout(
        title=f"Holdout check: purchases per customer in the held-out period, predicted {predicted:,.0f} "
        f"vs actual {actual:,.0f} ({predicted / max(actual, 1) - 1:+.1%})",
        xaxis_title="repeat purchases in the calibration period",
        yaxis_title="purchases per customer",
    )
    return chart(
        fig,
        340,
        "Bars side by side should match: where predicted and actual part, the model is off for that kind "
        "of customer.",
    )


def _models(con: BaseBackend) -> str:
    m = frame(con, VALUE_MODELS)
    if m.empty:
        return ""
    m = m.assign(estimate=m.estimate.round(4), std_error=m.std_error.round(4))
    return "<h3>Fitted models</h3>" + table(
        m[["model", "fitted_on", "parameter", "estimate", "std_error", "customers"]],
        numeric=("estimate", "std_error", "customers"),
    )
