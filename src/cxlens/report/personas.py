"""The "Personas" section: a card per persona, their hours, channels and lifecycle mix, segment sizes."""

from __future__ import annotations

import json

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
from ibis import _
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.config import Segment
from cxlens.report._page import PALETTE, Section, chart, esc, kpis, table
from cxlens.tables import (
    CUSTOMER_VALUE,
    PERSONA_ASSIGNMENTS,
    PERSONA_FEATURES,
    PERSONA_SELECTION,
    PERSONAS,
    SEGMENT_MEMBERS,
)

STAGE_ORDER = ("new", "active", "loyal", "won_back", "at_risk", "lapsed")


def personas(con: BaseBackend, segments: dict[str, Segment]) -> Section:
    s = Section(
        "personas",
        "Personas",
        lead="Groups found in how people shop (hours, channels, categories, coupons, store visits, age), not "
        "drawn from intuition. Each card lists what sets the group apart, with its lift over everyone; "
        "everyone, prospects included, belongs to the nearest persona.",
    )
    if s.lacks(con, "personas", PERSONAS):
        return s
    t = con.table(PERSONAS).order_by("persona").to_pandas()
    cards = [json.loads(c) for c in t.card]
    sel = con.table(PERSONA_SELECTION).to_pandas()
    chosen = sel[sel.chosen]
    second = sel[sel.runner_up]
    how = (
        "no distinct groups: one persona"
        if int(chosen.n.iloc[0]) == 1
        else f"most stable of {int(sel.n.min())}–{int(sel.n.max())} "
        f"(agreement {float(chosen.stability.iloc[0]):.2f}"
        + (
            f"; runner-up {int(second.n.iloc[0])} at {float(second.stability.iloc[0]):.2f})"
            if len(second)
            else ")"
        )
        if sel.stability.notna().any()
        else "fixed in cxlens.yaml"
    )
    s.body = (
        kpis(
            [
                ("personas", f"{len(t)}"),
                ("people assigned", f"{int(t.people.sum()):,}"),
                ("how the number was chosen", how),
            ]
        )
        + '<div class="cards">'
        + "".join(_card(c) for c in cards)
        + "</div>"
        + _headroom(con)
        + _hours(cards)
        + _channels(con, t)
        + _lifecycle(cards)
        + (_selection(sel) if sel.stability.notna().any() else "")
        + _segments(con, segments)
    )
    return s


def headroom(con: BaseBackend) -> pd.DataFrame | None:
    """Per persona: prospects (known, never bought), its customers' mean predicted value, and their product,
    the value if those prospects bought like its customers; most first. None without values."""
    if not engine.has_table(con, PERSONA_ASSIGNMENTS) or not engine.has_table(con, CUSTOMER_VALUE):
        return None
    a = con.table(PERSONA_ASSIGNMENTS).join(con.table(CUSTOMER_VALUE), "person_id")
    buyer = a.status == "customer"
    g = a.group_by(persona=a.persona_name).aggregate(
        prospects=(a.status == "prospect").sum(), customers=buyer.sum(), clv=a.clv.mean(where=buyer)
    )
    g = g.to_pandas().assign(headroom=lambda d: (d.prospects * d.clv).fillna(0.0))
    return g.sort_values(["headroom", "persona"], ascending=[False, True]).reset_index(drop=True)


def _headroom(con: BaseBackend) -> str:
    h = headroom(con)
    if h is None or not (h.headroom > 0).any():
        return ""
    shown = pd.DataFrame(
        {
            "persona": h.persona,
            "prospects": h.prospects,
            "customers": h.customers,
            "predicted value per customer": h.clv.round(0),
            "headroom: prospects × value per customer": h.headroom.round(0),
        }
    )
    return (
        "<h3>Headroom</h3><p>Prospects who look like a persona's customers, valued as its customers are: "
        "the persona at the top is where converting prospects is worth most.</p>"
        + table(shown, numeric=tuple(shown.columns[1:]))
    )


CARD_CAPTION = "Bars right of the line are what this group does more than everyone; the longest set it apart."


def _card(c: dict) -> str:
    traits = [tr for tr in c["traits"] if tr[2] is not None][:8]
    fig = go.Figure(
        go.Bar(
            x=[tr[2] for tr in traits][::-1],
            y=[tr[0].replace("_", " ") for tr in traits][::-1],
            orientation="h",
            marker_color=[PALETTE[0] if tr[2] >= 1 else PALETTE[6] for tr in traits][::-1],
            hovertemplate="%{y}: %{x:.2f}× the average<extra></extra>",
        )
    )
    fig.add_vline(x=1, line_dash="dot", line_color="#52606d")
    fig.update_layout(xaxis_type="log", xaxis_title="lift over everyone (log scale)", showlegend=False)
    value = f"{c['value_share']:.0%} of predicted value" if c.get("value_share") is not None else ""
    nps = f" · NPS {c['nps']:+.0f} ({c['nps_answers']} answers)" if c.get("nps") is not None else ""
    return (
        f'<div class="card"><h3>{esc(c["name"])}</h3>'
        f"<p class='lead'>{c['people']:,} people ({c['share']:.0%} of the fitted customers) · {esc(value)}"
        f"{esc(nps)}</p><p>{esc(c['narrative'])}</p>"
        f"<p><b>Suggested engagement:</b> {esc(c['engagement'])}</p>{chart(fig, 280, CARD_CAPTION)}</div>"
    )


def _hours(cards: list[dict]) -> str:
    rows = {c["name"]: c["hours"] for c in cards if c.get("hours")}
    if not rows:
        return ""
    h = pd.DataFrame(rows).T
    share = h.div(h.sum(1).clip(lower=1), axis=0)
    fig = px.imshow(
        share,
        x=[f"{i:02d}" for i in range(24)],
        aspect="auto",
        color_continuous_scale="Blues",
        labels=dict(x="hour of day", y="", color="share of orders"),
        title="When each persona orders (share of its orders by hour)",
    )
    return chart(
        fig, 120 + 40 * len(rows), "Dark cells are the hours each persona orders in: time messages for them."
    )


def _channels(con: BaseBackend, t: pd.DataFrame) -> str:
    f = con.table(PERSONA_FEATURES)
    cols = [c for c in f.columns if c.startswith("channel_")]
    if not cols:
        return ""
    a = con.table(PERSONA_ASSIGNMENTS).select("person_id", "persona_name")
    j = f.join(a, "person_id")
    mix = j.group_by("persona_name").aggregate(**{c: j[c].mean() for c in cols}).to_pandas()
    long = mix.melt(id_vars="persona_name", var_name="channel", value_name="share")
    long["channel"] = long.channel.str.removeprefix("channel_").str.replace("_", " ")
    fig = px.bar(
        long,
        x="share",
        y="persona_name",
        color="channel",
        orientation="h",
        title="Channel mix: the average share of each persona's orders by channel",
        labels=dict(persona_name="", share="share of orders"),
    )
    fig.update_layout(barmode="stack", xaxis_tickformat=".0%")
    return chart(
        fig, 140 + 40 * len(t), "Each persona's preferred channels: reach them where they already buy."
    )


def _lifecycle(cards: list[dict]) -> str:
    m = pd.DataFrame({c["name"]: c.get("lifecycle", {}) for c in cards}).T
    if m.empty:
        return ""
    m = m.reindex(columns=[s for s in STAGE_ORDER if s in m.columns]).fillna(0)
    fig = px.imshow(
        m,
        text_auto=".0%",
        aspect="auto",
        color_continuous_scale="Teal",
        labels=dict(x="lifecycle stage", y="", color="share of customers"),
        title="Persona × lifecycle: where each persona's customers stand",
    )
    return chart(
        fig,
        140 + 40 * len(m),
        "A persona with many at risk or lapsed needs winning back; one with many new needs a second "
        "purchase.",
    )


def _selection(sel: pd.DataFrame) -> str:
    fig = go.Figure()
    fig.add_scatter(x=sel.n, y=sel.stability, name="stability (bootstrap ARI)", mode="lines+markers")
    fig.add_scatter(x=sel.n, y=sel.silhouette, name="silhouette", mode="lines+markers")
    n = int(sel.n[sel.chosen].iloc[0])
    fig.add_vline(x=n, line_dash="dot", annotation_text=f"chosen: {n}")
    fig.update_layout(title="How the number of personas was chosen", xaxis_title="personas")
    return chart(
        fig,
        300,
        "The chosen number is where groups come out the same on resampled data (stability) and stay well "
        "apart (silhouette).",
    )


def _segments(con: BaseBackend, segments: dict[str, Segment]) -> str:
    if not segments:
        return "<h3>Segments</h3><p>None yet: define them under <code>segments:</code> in cxlens.yaml.</p>"
    sizes = pd.Series(dtype=int)
    if engine.has_table(con, SEGMENT_MEMBERS):
        m = con.table(SEGMENT_MEMBERS)
        sizes = m.group_by("segment").aggregate(n=_.count()).to_pandas().set_index("segment").n
    rows = pd.DataFrame(
        [
            {
                "segment": name,
                "description": seg.description,
                "channel": seg.channel or "",
                "members": int(sizes.get(name, 0)),
            }
            for name, seg in segments.items()
        ]
    )
    fig = px.bar(rows, x="members", y="segment", orientation="h", title="Segment sizes")
    return (
        "<h3>Segments</h3>"
        + chart(fig, 120 + 40 * len(rows), "The size of each audience you can reach today.")
        + table(rows, numeric=("members",))
    )
