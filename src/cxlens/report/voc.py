"""The "What customers say" and "Experiments" sections: scores with their intervals over time and by
breakdown, sentiment by touchpoint, themes with example comments, expectation signals, and each test's
result in plain words with a forest plot of its effects."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.report._page import Section, chart, esc, kpis, table
from cxlens.tables import EXPECTATION_SIGNALS, FEEDBACK_SCORED, VOC_DRIVERS, VOC_SCORES

LABELS = {"nps": "NPS", "csat": "CSAT"}
OUTCOMES = {"nps": "NPS answer (0-10)", "csat": "CSAT answer (1-5)", "churn": "share lapsing"}
SENTIMENT_COLOURS = {"negative": "#bc4b51", "neutral": "#d9dcd6", "positive": "#5b8e7d"}
BREAKDOWNS = {
    "persona": "persona",
    "stage": "lifecycle stage",
    "touchpoint": "touchpoint",
    "channel": "channel",
}


def voice(con: BaseBackend) -> Section:
    s = Section(
        "voice",
        "What customers say",
        lead="NPS (promoters minus detractors, −100 to 100) and CSAT with 95% intervals; every survey "
        "comment, support ticket and social post read for sentiment, intent and themes; and what customers "
        "do, which is harder to fake than what they say.",
    )
    if s.lacks(con, "voc", FEEDBACK_SCORED, EXPECTATION_SIGNALS, every=False):
        return s
    body = ""
    f = None  # the texts, pulled once for the counts, sentiment and themes
    if engine.has_table(con, FEEDBACK_SCORED):
        f = con.table(FEEDBACK_SCORED)
        f = f.filter(f.text.notnull()).drop("ref").to_pandas()
    if engine.has_table(con, VOC_SCORES):
        sc = con.table(VOC_SCORES).to_pandas()  # in LABELS' order: a table's rows have none on Spark
        sc = sc.assign(_o=sc.metric.map(list(LABELS).index)).sort_values(["_o", "dimension", "value"])
        sc = sc.drop(columns="_o")
        read = f.source.value_counts().sort_index() if f is not None else pd.Series(dtype=int)
        body += _headline(sc, read) + _trend(sc) + _breakdowns(sc)
    if engine.has_table(con, VOC_DRIVERS):
        body += _drivers(con.table(VOC_DRIVERS).to_pandas())
    if f is not None:
        body += _sentiment(f) + _themes(f)
    if engine.has_table(con, EXPECTATION_SIGNALS):
        body += _signals(con.table(EXPECTATION_SIGNALS).to_pandas())
    s.body = body
    return s


def _points(x: float) -> str:
    return f"{x * 100:+.0f}"


def _headline(sc: pd.DataFrame, read: pd.Series) -> str:
    """The overall scores with their intervals, the texts read per source, and the latest real change."""
    items = []
    for metric, row in sc[sc.dimension == "all"].set_index("metric").iterrows():
        shown = _points(row.score) if metric == "nps" else f"{row.score:.0%}"
        low, high = (
            (_points(row.ci_low), _points(row.ci_high))
            if metric == "nps"
            else (f"{row.ci_low:.0%}", f"{row.ci_high:.0%}")
        )
        items.append((f"{LABELS[metric]} (95% CI {low} to {high}; {int(row.n):,} answers)", shown))
    items += [(f"{source} read", f"{int(n):,}") for source, n in read.items()]
    out = kpis(items)
    per = sc[(sc.dimension == "period") & sc.change_p.notna() & (sc.warning == "")].sort_values("value")
    for metric, rows in per.groupby("metric"):  # the latest period with enough answers to read
        last = rows.iloc[-1]
        change = _points(last.change) if metric == "nps" else f"{last.change * 100:+.1f} points"
        verdict = "a real change" if last.change_p < 0.05 else "within the noise"
        out += (
            f"<p>{LABELS[metric]} in {esc(last.period)} moved {change} on the period before "
            f"(p = {last.change_p:.2f}: {verdict}).</p>"
        )
    return out


def _trend(sc: pd.DataFrame) -> str:
    out = ""
    for metric, d in sc[sc.dimension == "period"].groupby("metric"):
        d = d.sort_values("value")
        scale = 100 if metric == "nps" else 1
        thin = d.warning != ""
        fig = go.Figure()
        fig.add_trace(
            go.Scatter(
                x=d.period, y=d.ci_high * scale, mode="lines", line=dict(width=0), showlegend=False,
                hoverinfo="skip",
            )
        )  # fmt: skip
        fig.add_trace(
            go.Scatter(
                x=d.period, y=d.ci_low * scale, mode="lines", line=dict(width=0), fill="tonexty",
                fillcolor="rgba(47,102,144,0.18)", name="95% interval", hoverinfo="skip",
            )
        )  # fmt: skip
        fig.add_trace(
            go.Scatter(
                x=d.period, y=d.score * scale, mode="lines+markers", name=LABELS[metric],
                marker=dict(symbol=["circle-open" if t else "circle" for t in thin], size=8),
                customdata=d.n, hovertemplate="%{x}: %{y:.1f} from %{customdata} answers<extra></extra>",
            )
        )  # fmt: skip
        fig.update_layout(
            title=f"{LABELS[metric]} by period with its 95% interval (open markers: too few answers)",
            yaxis_title=LABELS[metric],
        )
        out += chart(
            fig,
            360,
            "A point outside the previous one's interval is a real change; open markers have too few "
            "answers to trust.",
        )
    return out


def _breakdowns(sc: pd.DataFrame) -> str:
    out = ""
    for metric in sc.metric.unique():
        d = sc[(sc.metric == metric) & sc.dimension.isin(list(BREAKDOWNS))].copy()
        d = d[d.value != "(unknown)"]
        if d.empty:
            continue
        scale = 100 if metric == "nps" else 1
        d["label"] = d.dimension.map(BREAKDOWNS) + ": " + d.value + [" ⚠" if w else "" for w in d.warning]
        d = d.sort_values(["dimension", "score"])
        fig = go.Figure(
            go.Scatter(
                x=d.score * scale, y=d.label, mode="markers",
                error_x=dict(type="data", symmetric=False, array=(d.ci_high - d.score) * scale,
                             arrayminus=(d.score - d.ci_low) * scale),
                customdata=d.n, hovertemplate="%{y}: %{x:.1f} (%{customdata} answers)<extra></extra>",
            )
        )  # fmt: skip
        overall = sc[(sc.metric == metric) & (sc.dimension == "all")].score
        if len(overall):
            fig.add_vline(x=float(overall.iloc[0]) * scale, line_dash="dot", annotation_text="everyone")
        fig.update_layout(
            title=f"{LABELS[metric]} by persona, lifecycle stage, touchpoint and channel (95% intervals; "
            "⚠ fewer answers than the minimum)",
            xaxis_title=LABELS[metric],
        )
        out += chart(
            fig,
            140 + 26 * len(d),
            "Groups whose interval lies wholly left of the others score worse: start with them.",
        )
    return out


def _drivers(d: pd.DataFrame) -> str:
    """Per metric, importance (Shapley share of R², with its interval) against what the driver does to the
    score, the "fix first" corner shaded; then the drivers to fix first in words."""
    out = '<h3 id="drivers">What drives the scores</h3>'
    for metric, g in d.groupby("metric", sort=False):
        g = g.sort_values("rank")
        label = g.driver.where(g.level.isna(), g.driver + ": " + g.level.fillna(""))
        fig = go.Figure(
            go.Scatter(
                x=g.importance * 100, y=g.effect, mode="markers+text", text=label, textposition="top center",
                marker=dict(size=10, color=["#bc4b51" if f else "#2f6690" for f in g.fix_first]),
                error_x=dict(type="data", symmetric=False, array=(g.importance_high - g.importance) * 100,
                             arrayminus=(g.importance - g.importance_low) * 100, thickness=1),
                customdata=g[["share_affected", "score_affected", "score_others"]],
                hovertemplate="%{text}: %{x:.1f} points of R², affects %{customdata[0]:.0%}; "
                "%{customdata[1]:.2f} with it, %{customdata[2]:.2f} without<extra></extra>",
            )
        )  # fmt: skip
        fig.add_vline(x=float(g.importance.mean() * 100), line=dict(dash="dot", color="#999"))
        fig.add_hline(y=0, line=dict(dash="dot", color="#999"))
        name = LABELS.get(metric, "churn")
        fig.update_layout(
            title=f"{name}: how much each driver explains (R² points, 95% interval) against what it does "
            "to the score",
            xaxis_title=f"importance: points of the {g.r2.iloc[0]:.1%} of variance the drivers explain",
            yaxis_title=f"{OUTCOMES[metric]}: with it minus without",
        )
        worse = "higher lapsing" if metric == "churn" else "lower scores"
        out += chart(
            fig,
            420,
            "Right of the dotted line a driver matters more than the average one; red ones come with "
            f"{worse}: fix those first.",
        )
        fix = [
            f"{lab} ({r.share_affected:.0%} affected, {r.score_affected:.2f} against {r.score_others:.2f})"
            for lab, r in zip(label, g.itertuples(), strict=True)
            if r.fix_first
        ]
        if fix:
            out += f"<p><b>{esc(name)}: fix first</b>: {esc('; '.join(fix))}.</p>"
    return out


def _sentiment(f: pd.DataFrame) -> str:
    d = f.groupby(["touchpoint", "sentiment_label"]).size().rename("n").reset_index()
    d["share"] = d.n / d.groupby("touchpoint").n.transform("sum")
    fig = px.bar(
        d, x="share", y="touchpoint", color="sentiment_label", orientation="h",
        color_discrete_map=SENTIMENT_COLOURS, category_orders={"sentiment_label": list(SENTIMENT_COLOURS)},
        hover_data=["n"],
    )  # fmt: skip
    fig.update_layout(
        title="Sentiment of comments, tickets and posts by touchpoint",
        xaxis_tickformat=".0%",
        legend_title="",
    )
    intents = f.groupby(["source", "intent"]).size().rename("n").reset_index()
    fig2 = px.bar(intents, x="n", y="source", color="intent", orientation="h")
    fig2.update_layout(title="What people want: intent by source", legend_title="")
    return chart(
        fig,
        140 + 40 * d.touchpoint.nunique(),
        "The touchpoint with the longest red bar is where people are unhappiest.",
    ) + chart(
        fig2,
        260,
        "Many complaints from one source is a problem to fix; many questions, a gap in what people are told.",
    )


def _themes(f: pd.DataFrame) -> str:
    t = f[f.theme.notna()]
    if t.empty:
        return ""
    g = t.groupby("theme").agg(
        mentions=("theme", "size"),
        negative=("sentiment_label", lambda s: (s == "negative").mean()),
        complaints=("intent", lambda s: (s == "complaint").sum()),
        where=("touchpoint", lambda s: ", ".join(s.value_counts().index[:3])),
    )
    g = g.sort_values("mentions", ascending=False).head(10)
    examples = []
    for theme in g.index:
        said = t[t.theme == theme].sort_values("sentiment")
        picks = said.text.drop_duplicates()
        quotes = [picks.iloc[0]] + ([picks.iloc[-1]] if len(picks) > 1 else [])
        examples.append(" · ".join(f"“{q}”" for q in quotes))
    shown = g.reset_index().assign(negative=lambda x: x.negative.map("{:.0%}".format), examples=examples)[
        ["theme", "mentions", "negative", "complaints", "where", "examples"]
    ]
    return "<h3>Top themes, with the most negative and most positive thing said about each</h3>" + table(
        shown, numeric=("mentions", "complaints")
    )


def _signals(sig: pd.DataFrame) -> str:
    names = {
        "basket": "basket (mean order total)", "coupon_share": "orders with a coupon",
        "items_per_order": "items per order", "private_label_share": "own-brand share of spend",
        "return_rate": "order lines returned", "repeat_rate": "first-time buyers who buy again",
        "days_to_second": "days to the second purchase",
    }  # fmt: skip
    d = sig[sig.signal.isin(list(names)) & (sig.period != "all") & (sig.n >= 20)].copy()
    out = "<h3>Expectation signals: what customers do, per persona over time</h3>"
    if not d.empty:
        d["signal"] = d.signal.map(names)
        fig = px.line(
            d.sort_values("period_start"), x="period", y="value", color="persona", facet_col="signal",
            facet_col_wrap=2, facet_row_spacing=0.08, markers=False, hover_data=["n"],
        )  # fmt: skip
        fig.update_yaxes(matches=None, showticklabels=True, title="")
        fig.for_each_annotation(lambda a: a.update(text=a.text.split("=")[-1]))
        fig.update_layout(title="Behaviour per persona by period (groups of fewer than 20 left out)")
        out += chart(
            fig,
            240 * ((d.signal.nunique() + 1) // 2) + 80,
            "What people do, which is harder to fake than what they say: a line moving away from the "
            "others is a persona changing.",
        )
    reasons = sig[sig.signal.str.startswith("return reason: ")].copy()
    if not reasons.empty:
        reasons["reason"] = reasons.signal.str.removeprefix("return reason: ")
        fig = px.bar(reasons, x="value", y="persona", color="reason", orientation="h", hover_data=["n"])
        fig.update_layout(title="Why lines come back: return reasons per persona", xaxis_tickformat=".0%")
        out += chart(
            fig,
            140 + 30 * reasons.persona.nunique(),
            "The biggest share in a row is the first thing to fix for that persona's returns.",
        )
    return out
