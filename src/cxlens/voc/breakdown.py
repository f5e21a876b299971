"""NPS and CSAT by period, persona, lifecycle stage, touchpoint and channel, with intervals and changes.

Answers are counted in Ibis (one small table of counts per breakdown value) and the intervals computed on
those counts in NumPy. Each period is compared with the one before it; a breakdown value with fewer answers
than ``voc.min_responses`` carries a warning instead of passing as precise.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd

from cxlens.config import Voc
from cxlens.voc.scores import nps_difference, nps_interval, share_difference, warning, wilson

DIMENSIONS = ("all", "period", "persona", "stage", "touchpoint", "channel")
UNKNOWN = "(unknown)"
UNITS = {"week": "W", "month": "M", "quarter": "Q"}


def period_start(ts: ir.TimestampValue, period: str) -> ir.StringValue:
    """The first day of ``ts``'s week, month or quarter, as ISO text (both engines agree on it)."""
    return ts.truncate(UNITS[period]).cast("date").cast("string")


def period_label(start: pd.Series, period: str) -> pd.Series:
    """2026-04 for a month, 2026-Q2 for a quarter, the Monday's date for a week."""
    d = pd.to_datetime(start)
    if period == "month":
        return d.dt.strftime("%Y-%m")
    if period == "quarter":
        return d.dt.year.astype(str) + "-Q" + d.dt.quarter.astype(str)
    return d.dt.strftime("%Y-%m-%d")


def counts(v: ir.Table, who: ir.Table | None, cfg: Voc) -> pd.DataFrame:
    """Per metric (nps, csat), dimension and value: answers, promoters, detractors and satisfied."""
    s = v.filter(v.kind.isin(["nps", "csat"]) & v.score.notnull())
    if who is not None:
        s = s.left_join(who, "person_id").drop("person_id_right")
    dims = {
        "all": ibis.literal("everyone"),
        "period": period_start(s.at, cfg.period),
        "persona": s.persona if "persona" in s.columns else None,
        "stage": s.stage if "stage" in s.columns else None,
        "touchpoint": s.touchpoint,
        "channel": s.channel,
    }
    nps, csat = s.kind == "nps", s.kind == "csat"
    parts = [
        s.group_by(metric=s.kind, value=value.cast("string").fill_null(UNKNOWN)).aggregate(
            dimension=ibis.literal(name),
            n=s.count(),
            promoters=(nps & (s.score >= 9)).sum(),
            detractors=(nps & (s.score <= 6)).sum(),
            satisfied=(csat & (s.score >= cfg.csat_satisfied_from)).sum(),
        )
        for name, value in dims.items()
        if value is not None
    ]
    return ibis.union(*parts).to_pandas()


def scores(c: pd.DataFrame, cfg: Voc, alpha: float = 0.05) -> pd.DataFrame:
    """Scores, intervals and warnings from ``counts``; period rows also get the change on the period before
    (``change``, its interval and p-value) and a readable ``period`` label."""
    c = c.copy()
    c["n"] = c.n.astype(int)
    is_nps = (c.metric == "nps").to_numpy()
    passives = c.n - c.promoters - c.detractors
    nps = nps_interval(c.promoters, passives, c.detractors, alpha)
    sat = wilson(c.satisfied, c.n, alpha)
    for i, col in enumerate(("score", "ci_low", "ci_high")):
        c[col] = np.where(is_nps, nps[i], sat[i])
    c["passives"] = np.where(is_nps, passives, 0)
    c["warning"] = [warning(n, cfg.min_responses) for n in c.n]
    per = c.dimension == "period"
    c["period"] = pd.Series(pd.NA, index=c.index, dtype=object)
    c.loc[per, "period"] = period_label(c.loc[per, "value"], cfg.period).to_numpy()
    c = c.sort_values(["metric", "dimension", "value"]).reset_index(drop=True)
    for col in ("change", "change_low", "change_high", "change_p"):
        c[col] = np.nan
    for metric, rows in c[c.dimension == "period"].groupby("metric"):
        prev, now = rows.iloc[:-1], rows.iloc[1:]
        if metric == "nps":
            got = nps_difference(
                (prev.promoters.to_numpy(), prev.detractors.to_numpy(), prev.n.to_numpy()),
                (now.promoters.to_numpy(), now.detractors.to_numpy(), now.n.to_numpy()),
                alpha,
            )
        else:
            got = share_difference(
                (prev.satisfied.to_numpy(), prev.n.to_numpy()),
                (now.satisfied.to_numpy(), now.n.to_numpy()),
                alpha,
            )
        c.loc[now.index, ["change", "change_low", "change_high", "change_p"]] = np.column_stack(got)
    return c[
        ["metric", "dimension", "value", "period", "n", "score", "ci_low", "ci_high", "promoters", "passives",
         "detractors", "satisfied", "change", "change_low", "change_high", "change_p", "warning"]
    ]  # fmt: skip
