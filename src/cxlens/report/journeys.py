"""The "Journeys" section: the journey map, flows, the funnel (overall, by channel and by persona), time to
convert, pain points, moments of truth and attribution by every model."""

from __future__ import annotations

import ibis
import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
from ibis import _
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.config import JOURNEY_STAGES, Journeys
from cxlens.report._page import Section, chart, esc, frame, kpis, table
from cxlens.tables import (
    ATTRIBUTION,
    FEEDBACK_SCORED,
    FUNNEL,
    JOURNEY_FLOWS,
    JOURNEYS,
    MOMENTS_OF_TRUTH,
    PAIN_POINTS,
    PAIN_VOICES,
    TOUCHPOINTS,
)


def journeys(con: BaseBackend, cfg: Journeys) -> Section:
    days = cfg.journey_gap_days
    s = Section(
        "journeys",
        "Journeys",
        lead="Every event, order, survey answer and ticket is a touchpoint of a person, across their "
        f"devices. A journey ends at a purchase or after {days} day{'s' * (days != 1)} of silence. Stages: "
        "awareness → discovery → purchase → delivery → retention → advocacy.",
    )
    if s.lacks(con, "journeys", JOURNEYS):
        return s
    j = con.table(JOURNEYS)
    head = (
        j.aggregate(
            journeys=_.count(),
            converted=_.converted.cast("int64").sum().fill_null(0),
            cross=(_.devices > 1).cast("int64").sum().fill_null(0),
            # not median(where=...): Spark needs a constant fraction, and Ibis makes it conditional
            hours=ibis.ifelse(_.touchpoints > 1, _.hours_to_convert, ibis.null("float64")).median(),
        )
        .to_pandas()
        .iloc[0]
    )
    s.body = (
        kpis(
            [
                ("journeys", f"{int(head.journeys):,}"),
                ("ended in a purchase", f"{head.converted / max(head.journeys, 1):.0%}"),
                ("spanned several devices", f"{int(head.cross):,}"),
                (
                    "median time to convert (journeys with a path)",
                    f"{head.hours:.1f} h" if pd.notna(head.hours) else "–",
                ),
            ]
        )
        + _map(con)
        + _flows(con)
        + _funnel(con)
        + _time(j)
        + _pain(con)
        + _moments(con)
        + _attribution(con)
    )
    return s


def _map(con: BaseBackend) -> str:
    """Stages × channels: touchpoints, where unconverted journeys stop, and survey sentiment."""
    t = con.table(TOUCHPOINTS)
    t = t.mutate(_last=t.step.max().over(group_by=t.journey_id))
    last = t.filter(t.step == t._last)
    ends = last.filter(~last.is_conversion).group_by("stage", "channel").aggregate(ended=_.count())
    cells = t.group_by("stage", "channel").aggregate(touchpoints=_.count(), sentiment=_.sentiment.mean())
    m = cells.left_join(ends, ["stage", "channel"]).to_pandas()
    m["ended"] = m.ended.fillna(0)
    m["drop"] = m.ended / m.touchpoints
    stages = [st for st in JOURNEY_STAGES if st in set(m.stage)]
    vol = m.pivot_table(index="stage", columns="channel", values="touchpoints", aggfunc="sum").reindex(stages)
    drop = m.pivot_table(index="stage", columns="channel", values="drop", aggfunc="sum").reindex(stages)
    sent = m.pivot_table(index="stage", columns="channel", values="sentiment", aggfunc="mean").reindex(stages)
    sent = sent.reindex(columns=vol.columns)
    drop = drop.reindex(columns=vol.columns)
    text = [
        [
            ""
            if pd.isna(v)
            else f"{v:,.0f}<br>{d:.0%} stop" + ("" if pd.isna(se) else f"<br>sentiment {se:+.2f}")
            for v, d, se in zip(vr, dr, sr, strict=True)
        ]
        for vr, dr, sr in zip(vol.to_numpy(), drop.to_numpy(), sent.to_numpy(), strict=True)
    ]
    fig = go.Figure(
        go.Heatmap(
            z=np.log10(vol.to_numpy(float) + 1),
            x=list(vol.columns),
            y=stages,
            text=text,
            texttemplate="%{text}",
            colorscale="Blues",
            showscale=False,
            hovertemplate="%{y} · %{x}<br>%{text}<extra></extra>",
        )
    )
    fig.update_layout(
        title="Journey map: touchpoints by stage and channel, the share of them where unconverted journeys "
        "stop, and survey sentiment (−1 to +1)",
        yaxis_autorange="reversed",
    )
    return chart(
        fig,
        120 + 70 * len(stages),
        "Each cell is a touchpoint at a stage and channel; the darker it is, the more journeys end there "
        "without converting.",
    )


def _flows(con: BaseBackend) -> str:
    f = con.table(JOURNEY_FLOWS).to_pandas()
    out = ""
    for kind, title in (("stage", "Stage-to-stage flows"), ("channel", "Channel-to-channel flows")):
        d = f[f.kind == kind].nlargest(40, "moves")
        if d.empty:
            continue
        nodes = list(dict.fromkeys([*d.source, *d.target]))
        at = {n: i for i, n in enumerate(nodes)}
        fig = go.Figure(
            go.Sankey(
                node=dict(label=nodes, pad=12),
                link=dict(source=d.source.map(at), target=d.target.map(at), value=d.moves),
            )
        )
        fig.update_layout(title=f"{title}: moves between consecutive touchpoints within journeys")
        out += chart(
            fig,
            380,
            "The widest bands are the usual paths; bands that loop back or end early show where people "
            "hesitate.",
        )
    return out


def _funnel(con: BaseBackend) -> str:
    if not engine.has_table(con, FUNNEL):
        return "<p>No funnel: its steps do not occur in the data (set <code>journeys.funnel</code>).</p>"
    f = con.table(FUNNEL).to_pandas()
    allf = f[f.dimension == "(all)"]
    fig = go.Figure(go.Funnel(y=allf.name, x=allf.reached, textinfo="value+percent initial"))
    fig.update_layout(title="Funnel: journeys reaching each step (within the window from entry)")
    out = chart(fig, 320, "The biggest drop between two steps is where the most journeys are lost.")
    for dim, title in (("channel", "channel of entry"), ("persona", "persona")):
        d = f[f.dimension == dim]
        if d.empty:
            continue
        fig = px.line(
            d,
            x="name",
            y="overall",
            color="breakdown",
            markers=True,
            title=f"Funnel by {title}: share of entering journeys reaching each step",
            labels=dict(name="", overall="reached", breakdown=""),
        )
        fig.update_layout(yaxis_tickformat=".0%")
        out += chart(
            fig, 340, "Where one group's line falls below the others, that group struggles at that step."
        )
    return out


def _time(j) -> str:
    h = (
        j.filter(j.converted & (j.hours_to_convert > 0))
        .select("hours_to_convert")
        .to_pandas()
        .hours_to_convert
    )
    if h.empty:
        return ""
    fig = px.histogram(np.log10(h), nbins=40, title=f"Time to convert (median {h.median():.1f} h)")
    ticks = [0.1, 1, 10, 24, 72, 168]
    fig.update_layout(
        showlegend=False,
        xaxis=dict(
            title="hours from the journey's first touchpoint", tickvals=np.log10(ticks), ticktext=ticks
        ),
        yaxis_title="journeys",
    )
    return chart(
        fig,
        300,
        "Most journeys that convert do so in the hump; a long right tail means a considered purchase that "
        "needs follow-up.",
    )


def _pain(con: BaseBackend) -> str:
    if not engine.has_table(con, PAIN_POINTS):
        return ""
    p = con.table(PAIN_POINTS).order_by("rank").limit(10).to_pandas()
    if p.empty:
        return ""
    rows = pd.DataFrame(
        {
            "rank": p["rank"],
            "where": p.step,
            "who": p.dimension + ": " + p.value.astype(str),
            "continued": [f"{r:.0%} (expected {e:.0%})" for r, e in zip(p.rate, p.expected, strict=True)],
            "journeys lost": p.excess_drop.round(0),
            "value lost": p.lost_value.round(0),
            "then complained / opened a ticket": [
                f"{a:.1%} / {b:.1%}"
                for a, b in zip(p.negative_feedback.fillna(0), p.tickets.fillna(0), strict=True)
            ],
        }
    )
    said = _said(con)
    if said is not None:
        rows["what they said"] = p["rank"].map(said).fillna("")
    return "<h3>Pain points, ranked by lost value</h3>" + table(rows, numeric=("journeys lost", "value lost"))


def _said(con: BaseBackend) -> pd.Series | None:
    """Per pain point's rank: the main themes of what the people who stopped there said next, with the most
    negative comment or ticket on the main theme (read by the voc stage)."""
    if not (engine.has_table(con, PAIN_VOICES) and engine.has_table(con, FEEDBACK_SCORED)):
        return None
    f = con.table(FEEDBACK_SCORED)
    v = con.table(PAIN_VOICES).join(f, ["source", "ref"])
    v = v.filter(v.text.notnull()).select("rank", "theme", "text", "sentiment").to_pandas()
    out = {}
    for rank, d in v.groupby("rank"):
        top = d.theme.value_counts(normalize=True).head(2)
        themes = ", ".join(f"{t} {share:.0%}" for t, share in top.items())
        main = d[d.theme == top.index[0]] if len(top) else d
        quote = main.sort_values("sentiment").text.iloc[0]
        said = "comment or ticket" if len(d) == 1 else "comments and tickets"
        out[rank] = f"{themes} · “{quote}” ({len(d):,} {said})"
    return pd.Series(out, dtype=object)


def _moments(con: BaseBackend) -> str:
    m = con.table(MOMENTS_OF_TRUTH).to_pandas().head(8)
    if m.empty:
        return ""
    fig = go.Figure(
        go.Bar(
            x=m.lift,
            y=m.touchpoint,
            orientation="h",
            error_x=dict(
                type="data", symmetric=False, array=m.lift_high - m.lift, arrayminus=m.lift - m.lift_low
            ),
        )
    )
    fig.add_vline(x=1, line_dash="dot")
    fig.update_layout(
        title="Moments of truth: conversion of journeys with the touchpoint over those without (95% CI)",
        yaxis_autorange="reversed",
        xaxis_title="conversion lift",
    )
    words = "".join(f"<li>{esc(w)}</li>" for w in m.words)
    return (
        "<h3>Moments of truth</h3>"
        + chart(
            fig,
            120 + 35 * len(m),
            "Touchpoints right of the line come with more conversion, left of it with less; an interval "
            "crossing the line may be chance.",
        )
        + f"<ul>{words}</ul>"
    )


def _attribution(con: BaseBackend) -> str:
    a = frame(con, ATTRIBUTION)
    if a.empty:
        return ""
    fig = px.bar(
        a,
        x="channel",
        y="conversions",
        color="model",
        barmode="group",
        title="Attribution: conversions credited to each channel by each model",
    )
    out = chart(
        fig,
        360,
        "Where the models disagree on a channel, its credit depends on the rule chosen; the data-driven "
        "model weighs what removing it would cost.",
    )
    mk = a[a.model == "markov"].dropna(subset=["conversion_probability"])
    if len(mk):
        mk = mk.sort_values("conversion_probability", ascending=False)
        rows = mk[["channel", "conversions", "removal_effect", "conversion_probability"]].round(3)
        out += (
            "<p>Markov: the removal effect is the share of conversions lost if the channel vanished (it "
            "grows with use); the conversion probability is the chance a touch on it is followed straight by "
            "a purchase (its effect per touch).</p>" + table(rows, numeric=("conversions",))
        )
    return out
