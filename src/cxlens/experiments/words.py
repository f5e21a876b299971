"""A test's result in plain words, for the report and the CLI:
"Variant B lifted conversion by 4.1% (95% CI 1.2% to 7.0%); the effect is concentrated in new customers".
"""

from __future__ import annotations

import pandas as pd

from cxlens.experiments.analysis import SRM_ALPHA

# metric: (units column, its pre-period covariate for CUPED)
METRICS = {"conversion": ("converted", "pre_conversions"), "revenue": ("revenue", "pre_revenue")}


def _segment(breakdown: str, segment: str) -> str:
    if breakdown == "stage":
        return f"{segment.replace('_', '-')} customers"
    return f"the {breakdown} '{segment}'"


def _value(metric: str, x: float) -> str:
    return f"{x:.1%}" if metric == "conversion" else f"{x:,.2f} per person"


def _change(metric: str, d: float) -> str:
    return f"{d * 100:+.1f} points" if metric == "conversion" else f"{d:+,.2f} per person"


def headline(r: pd.DataFrame, metric: str = "conversion", alpha: float = 0.05) -> list[str]:
    """One sentence per treatment arm of one experiment's ``results``: the effect with its interval (CUPED
    when available), the segment that gained most if one stands out after Holm's correction, and a warning
    first when the split does not match the plan."""
    r = r[r.metric == metric]
    if r.empty:
        return []
    main = r[(r.breakdown == "all") & (r.method == ("cuped" if (r.method == "cuped").any() else "fixed"))]
    out = []
    for row in main.itertuples():
        ci = f"95% CI {row.ci_low:+.1%} to {row.ci_high:+.1%}"
        arm = f"Variant {row.variant}"
        said = (
            f"{arm} {'lifted' if row.lift > 0 else 'lowered'} {metric} by {abs(row.lift):.1%} ({ci}; "
            f"{_value(metric, row.mean)} against {_value(metric, row.control_mean)} in control)"
            if row.p_value < alpha
            else f"{arm} changed {metric} by {row.lift:+.1%}, not distinguishable from no change "
            f"({ci}, p = {row.p_value:.2f})"
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
