"""The "Experiments" section: each test's result in plain words, its lift with intervals by method and per
segment, read from the tables the experiments stage wrote."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.report._page import Section, chart, esc, table
from cxlens.tables import EXPERIMENT_HEADLINES, EXPERIMENT_RESULTS


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
    body = ""
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
    fig = go.Figure(
        go.Scatter(
            x=d.lift, y=d.label, mode="markers",
            error_x=dict(type="data", symmetric=False, array=d.ci_high - d.lift,
                         arrayminus=d.lift - d.ci_low),
            customdata=d.n, hovertemplate="%{y}: %{x:+.1%} (n = %{customdata})<extra></extra>",
        )
    )  # fmt: skip
    fig.add_vline(x=0, line_dash="dot")
    fig.update_layout(
        title="Lift in conversion over control with 95% intervals: overall by method, then per segment "
        "(segments of fewer than 20 people left out)",
        xaxis_tickformat="+.0%",
        yaxis_autorange="reversed",
    )
    return chart(fig, 140 + 26 * len(d))
