"""The "Experiments" section: first every action against its holdout (did it work, and how long until its
holdout can tell), then each test's result in plain words, its lift with intervals by method and per
segment, read from the tables the experiments stage wrote."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.report._page import Section, chart, esc, frame, table
from cxlens.tables import EXPERIMENT_ACTIONS, EXPERIMENT_HEADLINES, EXPERIMENT_RESULTS


def _metric_order(col: pd.Series) -> pd.Series:
    """Conversion before revenue, then the arms in order."""
    return col.map({"conversion": 0, "revenue": 1}).fillna(2) if col.name == "metric" else col


def experiments(con: BaseBackend) -> Section:
    s = Section(
        "experiments",
        "Experiments",
        lead="Each test read from its exposure events: the lift of each arm over control with a 95% "
        "interval, CUPED (the pre-period of the same measure removes noise), an always-valid sequential test "
        "for those who peeked, a sample-ratio check, and per persona and lifecycle stage with Holm's "
        "correction.",
    )
    if not engine.has_table(con, EXPERIMENT_RESULTS):
        s.skipped = "no experiments: the experiments stage needs 'Experiment Viewed' events (and identity)"
        return s
    r = con.table(EXPERIMENT_RESULTS).to_pandas()
    said = (
        con.table(EXPERIMENT_HEADLINES).to_pandas() if engine.has_table(con, EXPERIMENT_HEADLINES) else None
    )
    body = _actions(con)
    for name, e in r.groupby("experiment", sort=True):
        body += f"<h3>{esc(name)}</h3>"
        if e.skipped.iloc[0]:
            body += f"<p>Not analysed: {esc(e.skipped.iloc[0])}</p>"
            continue
        if said is not None:
            lines = said[said.experiment == name].sort_values(["metric", "line"], key=_metric_order)
            body += "".join(f"<p><b>{esc(sentence)}</b></p>" for sentence in lines.headline)
        body += _forest(e)
        main = e[e.breakdown == "all"][
            ["metric", "method", "variant", "n", "mean", "control_mean", "lift", "ci_low", "ci_high",
             "p_value", "srm_p_value"]
        ].round(4)  # fmt: skip
        body += table(main, numeric=("n", "mean", "control_mean"))
    s.body = body
    return s


def _forest(e: pd.DataFrame) -> str:
    d = e[e.metric == "conversion"].copy()
    d = d[(d.breakdown == "all") | (d.n >= 20)]
    d["label"] = [
        f"{m} · {v}" if b == "all" else f"{b}: {seg} · {v}"
        for m, b, seg, v in zip(d.method, d.breakdown, d.segment, d.variant, strict=True)
    ]
    return _intervals(
        d.lift, d.ci_low, d.ci_high, d.label,
        "Lift in conversion over control with 95% intervals: overall by method, then per segment "
        "(segments of fewer than 20 people left out)",
        "+.0%", "%{y}: %{x:+.1%} (n = %{customdata})<extra></extra>", 140 + 26 * len(d), d.n,
        "An interval wholly right of the dotted line is a lift; one crossing it may be chance. Segments "
        "that differ from the overall result are where the change works best or worst.",
    )  # fmt: skip


def _intervals(
    x: pd.Series, low: pd.Series, high: pd.Series, y: pd.Series, title: str, tick: str, hover: str,
    height: int, data: pd.Series | None, caption: str,
) -> str:  # fmt: skip
    """Estimates with their intervals, one row each, around a dotted line at no effect."""
    fig = go.Figure(
        go.Scatter(
            x=x, y=y, mode="markers", customdata=data, hovertemplate=hover,
            error_x=dict(type="data", symmetric=False, array=high - x, arrayminus=x - low),
        )
    )  # fmt: skip
    fig.add_vline(x=0, line_dash="dot")
    fig.update_layout(title=title, xaxis_tickformat=tick, yaxis_autorange="reversed")
    return chart(fig, height, caption)


def _actions(con: BaseBackend) -> str:
    a = frame(con, EXPERIMENT_ACTIONS)
    if a.empty:
        return ""
    plot = _intervals(
        a.difference, a.diff_low, a.diff_high, a.action,
        "What each action adds to conversion over its holdout, in points, with 95% intervals: right of the "
        "dotted line it works",
        "+.1%", "%{y}: %{x:+.1%} points<extra></extra>", 140 + 40 * len(a), None,
        "An action whose interval lies wholly right of the line works; left of it, it harms; across it, "
        "the holdout has not shown an effect yet.",
    )  # fmt: skip
    shown = pd.DataFrame(
        {
            "action": a.action,
            "treated": a.treated,
            "held out": a.held_out,
            "converted: treated / held out": [
                f"{t:.1%} / {h:.1%}" for t, h in zip(a.treated_rate, a.held_out_rate, strict=True)
            ],
            "difference in points (95% CI)": [
                f"{_points(d)} ({_points(lo)} to {_points(hi)})"
                for d, lo, hi in zip(a.difference, a.diff_low, a.diff_high, strict=True)
            ],
            "lift (95% CI)": [
                f"{_pct(d)} ({_pct(lo)} to {_pct(hi)})"
                for d, lo, hi in zip(a.lift, a.ci_low, a.ci_high, strict=True)
            ],
            "p": a.p_value.map(lambda p: "< 0.0001" if p < 1e-4 else f"{p:.4f}"),
            "verdict": a.verdict,
            "qualifying per day": a.per_day.map(_days),
            "days to detect this lift": a.days_to_detect.map(_days),
            "days so far": a.days_so_far.map(_days),
        }
    )
    return (
        '<h3 id="actions">Actions against their holdouts</h3><p>Each trigger and next best action with a '
        "holdout keeps a random share of the people who qualify from it; conversion within the action's "
        "window is compared "
        "between those treated and those held out. <i>Days to detect</i> is how long, at the rate people "
        "qualify, the holdout needs to detect the lift measured with 80% power: more days than so far means "
        "a lift this size may still be hidden in the noise.</p>"
        + plot
        + table(shown, numeric=("treated", "held out"))
    )


def _pct(x: float) -> str:
    return "" if pd.isna(x) else f"{x:+.1%}"


def _points(x: float) -> str:
    return "" if pd.isna(x) else f"{100 * x:+.1f}"


def _days(x: float) -> str:
    return "" if pd.isna(x) else f"{x:,.0f}"
