"""A test's result in plain words, for the report and the CLI:
"Variant B lifted conversion by 4.1% (95% CI 1.2% to 7.0%); the effect is concentrated in new customers".
"""

from __future__ import annotations

import pandas as pd

from cxlens.experiments.analysis import SRM_ALPHA
from cxlens.holdout import PREFIX

# metric: (units column, its pre-period covariate for CUPED)
METRICS = {
    "conversion": ("converted", "pre_conversions"),
    "revenue": ("revenue", "pre_revenue"),
    "nps": ("nps", "pre_nps"),  # only people who answered; NPS can be 0 or negative, so said in points
}


def _segment(breakdown: str, segment: str) -> str:
    if breakdown == "stage":
        return f"{segment.replace('_', '-')} customers"
    return f"the {breakdown} '{segment}'"


def _value(metric: str, x: float) -> str:
    if metric == "conversion":
        return f"{x:.1%}"
    return f"{round(x, 0) + 0.0:+.0f}" if metric == "nps" else f"{x:,.2f} per person"  # + 0.0: no "-0"


def _change(metric: str, d: float) -> str:
    if metric == "conversion":
        return f"{d * 100:+.1f} points"
    return f"{round(d, 0) + 0.0:+.0f} points" if metric == "nps" else f"{d:+,.2f} per person"


def headline(r: pd.DataFrame, metric: str = "conversion", alpha: float = 0.05) -> list[str]:
    """One sentence per treatment arm of one experiment's ``results``: the effect with its interval (CUPED
    when available), the segment that gained most if one stands out after Holm's correction, and a warning
    first when the split does not match the plan."""
    r = r[r.metric == metric]
    if r.empty:
        return []
    main = r[(r.breakdown == "all") & (r.method == ("cuped" if (r.method == "cuped").any() else "fixed"))]
    out = []
    action = "experiment" in r and str(r.experiment.iloc[0]).startswith(PREFIX)
    said_as = "NPS" if metric == "nps" else metric
    for row in main.itertuples():
        arm, control = ("The action", "held out") if action else (f"Variant {row.variant}", "in control")
        if metric == "nps" or row.lift != row.lift:  # no sensible ratio: the absolute difference
            ci = f"95% CI {_change(metric, row.diff_low)} to {_change(metric, row.diff_high)}"
            p, change = row.diff_p_value, _change(metric, row.difference)
            size = _change(metric, abs(row.difference))
        else:
            ci = f"95% CI {row.ci_low:+.1%} to {row.ci_high:+.1%}"
            p, size, change = row.p_value, f"{abs(row.lift):.1%}", f"{row.lift:+.1%}"
        means = f"{_value(metric, row.mean)} against {_value(metric, row.control_mean)} {control}"
        verb = "lifted" if row.difference > 0 else "lowered"
        said = (
            f"{arm} {verb} {said_as} by {size.lstrip('+')} ({ci}; {means})"
            if p < alpha
            else f"{arm} changed {said_as} by {change}, not distinguishable from no change "
            f"({ci}, p = {p:.2f}; {means})"
        )
        seg = r[(r.breakdown != "all") & (r.variant == row.variant) & (r.p_adjusted < alpha)]
        if len(seg):
            top = seg.loc[seg.difference.abs().idxmax()]  # the most gained, not a big ratio of a small base
            said += (
                f"; the effect is concentrated in {_segment(top.breakdown, top.segment)} "
                f"({_change(metric, top.difference)}, {top.lift:+.0%})"
            )
        elif (r.breakdown != "all").any():
            said += "; no persona or lifecycle stage stands out once multiple comparisons are allowed for"
        if row.srm_p_value < SRM_ALPHA:
            said = (
                f"Warning: sample ratio mismatch (p = {row.srm_p_value:.1g}): the split is not what was "
                "planned, so do not trust this result until the assignment is explained. " + said
            )
        out.append(said + ".")
    return out
