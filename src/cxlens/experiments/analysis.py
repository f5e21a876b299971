"""A/B(/n) test analysis: did the change work, by how much, and can the numbers be trusted?

Per treatment arm against control, as GrowthBook's gbstats frequentist engine computes it (a test holds
them equal on a grid of cases):
- the relative lift with Welch's t-test by the delta method: its p-value and its interval come from that one
  statistic (a conversion's variance is p(1 − p)); the absolute difference gets its own interval and p;
- CUPED (Deng et al. 2013) subtracts θ·(X − mean X) with a pre-period covariate X to cut variance;
- a chi-square sample-ratio-mismatch check warns loudly when the split is not what was planned;
- with ``sequential=True`` the p-value and interval are always valid under peeking: the mixture sequential
  probability ratio test (mSPRT, Johari et al. 2017) with a normal mixing distribution of variance ``tau2``;
- with ``by``, each segment is analysed too, with Holm-adjusted p-values over all segment-arm rows.

>>> analyze(df, variant="variant", metric="converted", control="control")  # doctest: +SKIP
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy import stats

from cxlens.canonical import numbers, unused, usable
from cxlens.errors import InputError

SRM_ALPHA = 0.001  # a split this unlikely under the plan means the assignment is broken


class SampleRatioMismatch(UserWarning):
    """The arms' sizes are far from the planned split: results are not trustworthy until explained."""


def _checked(
    df: pd.DataFrame, variant: str, metric: str, control: str, covariate: str | None, by: str | None
) -> pd.DataFrame:
    if not isinstance(df, pd.DataFrame):
        raise InputError(f"df must be a pandas DataFrame; got {type(df).__name__}")
    cols = [variant, metric, *([covariate] if covariate else [])]
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise InputError(f"df lacks column(s) {', '.join(missing)}; it has {', '.join(map(str, df.columns))}")
    unused(df, [*cols, *([by] if by else [])], "analyze")
    out = df[cols].copy()
    reasons = pd.Series("", index=out.index).mask(out[variant].isna(), f"'{variant}' is empty")
    for c in cols[1:]:
        v = numbers(out[c])
        bad = (v.isna() | ~np.isfinite(v)) & (reasons == "")
        said = out.loc[bad, c].astype(str).map(repr)  # only the bad values are quoted
        reasons[bad] = f"'{c}' is " + said + "; expected a number"
        out[c] = v
    out = out[usable(reasons, "analyze", "row(s)")]
    out[variant] = out[variant].astype(str)
    arms = set(out[variant].unique())  # not value by value: a million users make one pass in C
    if control not in arms:
        raise InputError(f"no '{control}' arm in '{variant}'; arms are {', '.join(sorted(arms))}")
    if len(arms) < 2:
        raise InputError(f"'{variant}' has only the '{control}' arm; a test needs at least one other")
    return out


def _srm(n: pd.Series, allocation: dict[str, float] | None) -> float:
    """Chi-square p-value of the arms' sizes against the planned split (equal by default)."""
    if allocation and (empty := sorted(set(allocation) - set(n.index))):
        raise InputError(
            f"arm(s) {', '.join(empty)} of the allocation have no users; arms seen: {', '.join(n.index)}"
        )
    share = pd.Series(allocation, dtype=float).reindex(n.index) if allocation else pd.Series(1.0, n.index)
    if share.isna().any():
        raise InputError(f"allocation must give a share for every arm: {', '.join(n.index)}")
    expected = share / share.sum() * n.sum()
    return float(stats.chisquare(n.to_numpy(), expected.to_numpy()).pvalue)


def _arm(
    y: np.ndarray, x: np.ndarray | None, theta: float, x_mean: float, binary: bool
) -> tuple[int, float, float, float]:
    """An arm's size, CUPED-adjusted mean, plain mean and the variance of one user's adjusted value, as
    gbstats computes them: a conversion's (``binary``) variance is p(1 − p); CUPED subtracts
    θ·(X − mean X), adding θ²·var X − 2θ·cov(Y, X)."""
    n, m = y.size, float(y.mean())
    var = m * (1 - m) if binary else float(y.var(ddof=1))
    if x is None:
        return n, m, m, var
    var += theta**2 * x.var(ddof=1) - 2 * theta * np.cov(y, x, ddof=1)[0, 1]
    return n, m - theta * (float(x.mean()) - x_mean), m, var


def _compare(c: tuple, t: tuple, alpha: float, sequential: bool, tau2: float | None) -> dict:
    """Lift of arm ``t`` over ``c`` (each ``_arm``'s figures) with its interval and p-value: Welch's t-test
    on the relative lift by the delta method, as GrowthBook's gbstats does, so that the p-value and the
    interval come from one statistic; the absolute difference gets its own."""
    (nc, mc, uc, vc), (nt, mt, ut, vt) = c, t
    se2 = vc / nc + vt / nt  # variance of the difference
    dof = se2**2 / ((vt / nt) ** 2 / (nt - 1) + (vc / nc) ** 2 / (nc - 1)) if se2 > 0 else np.inf
    diff = mt - mc
    # relative to the control's plain mean, its variance by the delta method on the plain means
    lift = diff / uc if uc else np.nan
    se_lift = np.sqrt(vt / (uc**2 * nt) + vc * ut**2 / (uc**4 * nc)) if uc else np.nan
    if sequential:  # mSPRT: always-valid p-value and interval for the difference
        tau2 = tau2 if tau2 is not None else (0.05 * mc) ** 2 if mc else vc or vt
        if se2 > 0 and tau2 > 0:
            lam = np.sqrt(se2 / (se2 + tau2)) * np.exp(tau2 * diff**2 / (2 * se2 * (se2 + tau2)))
            p = p_diff = float(min(1.0, 1 / lam))
            half = np.sqrt(se2 * (se2 + tau2) / tau2 * (np.log((se2 + tau2) / se2) - 2 * np.log(alpha)))
            crit = half / np.sqrt(se2)
        else:  # every outcome the same in both arms: no evidence either way
            p = p_diff = 1.0
            crit = 0.0
    else:
        crit = stats.t.ppf(1 - alpha / 2, dof)
        p = float(2 * stats.t.sf(abs(lift / se_lift), dof)) if se_lift > 0 else 1.0
        p_diff = float(2 * stats.t.sf(abs(diff) / np.sqrt(se2), dof)) if se2 > 0 else 1.0
    return {
        "n": nt,
        "mean": mt,
        "control_mean": mc,
        "difference": diff,
        "diff_low": diff - crit * np.sqrt(se2),
        "diff_high": diff + crit * np.sqrt(se2),
        "diff_p_value": p_diff,
        "lift": lift,
        "ci_low": lift - crit * se_lift,
        "ci_high": lift + crit * se_lift,
        "p_value": p,
    }


def _holm(p: np.ndarray) -> np.ndarray:
    """Holm–Bonferroni adjusted p-values: the family-wise error rate stays at most alpha."""
    order = np.argsort(p)
    adjusted = np.maximum.accumulate(np.minimum(1, (len(p) - np.arange(len(p))) * p[order]))
    out = np.empty_like(adjusted)
    out[order] = adjusted
    return out


def analyze(
    df: pd.DataFrame,
    variant: str = "variant",
    metric: str = "converted",
    control: str = "control",
    covariate: str | None = None,
    sequential: bool = False,
    alpha: float = 0.05,
    tau2: float | None = None,
    allocation: dict[str, float] | None = None,
    by: str | None = None,
) -> pd.DataFrame:
    """One row per treatment arm (and per segment of ``by``): ``n``, ``mean``, ``lift`` (relative to
    control) with ``ci_low``/``ci_high``, its ``p_value`` and ``srm_p_value``; also the absolute
    ``difference`` with its interval and ``diff_p_value``. A sample-ratio mismatch (p < 0.001) raises a
    ``SampleRatioMismatch`` warning. ``tau2`` is the mSPRT mixing variance for the difference (default:
    a 5% change of the control mean)."""
    if not 0 < alpha < 1:
        raise InputError(f"alpha is {alpha!r}; expected a number between 0 and 1, e.g. 0.05")
    d = _checked(df, variant, metric, control, covariate, by)
    if by is not None:
        if by not in df.columns:
            raise InputError(f"df lacks the column '{by}' to break results down by")
        d[by] = df[by].astype(str).to_numpy()
    theta, x_mean = 0.0, 0.0
    if covariate:  # CUPED: one θ over all arms, so every arm is adjusted alike and means are kept
        x, y = d[covariate].to_numpy(), d[metric].to_numpy()
        vx, x_mean = x.var(ddof=1), float(x.mean())
        theta = np.cov(y, x, ddof=1)[0, 1] / vx if vx > 0 else 0.0
    n = d.groupby(variant).size()
    if (n < 2).any():
        few = ", ".join(f"'{a}' has {k}" for a, k in n[n < 2].items())
        raise InputError(f"{few} user(s) in '{variant}'; every arm needs at least 2 to estimate a variance")
    srm = _srm(n, allocation)
    if srm < SRM_ALPHA:
        warnings.warn(
            f"sample ratio mismatch: arm sizes {n.to_dict()} (chi-square p = {srm:.2g}); the assignment or "
            "the logging is broken, so these results cannot be trusted until that is explained",
            SampleRatioMismatch,
            stacklevel=2,
        )
    groups = [("all", d)] if by is None else [("all", d), *d.groupby(by)]
    rows = []
    binary = bool(d[metric].isin((0.0, 1.0)).all())  # a conversion in every arm, or in none
    for segment, part in groups:
        arms = {
            a: _arm(
                g[metric].to_numpy(), g[covariate].to_numpy() if covariate else None, theta, x_mean, binary
            )
            for a, g in part.groupby(variant)
            if len(g) >= 2
        }
        if control not in arms:
            continue
        for arm in sorted(set(arms) - {control}):
            rows.append(
                {
                    "segment": segment,
                    "variant": arm,
                    **_compare(arms[control], arms[arm], alpha, sequential, tau2),
                }
            )
    out = pd.DataFrame(rows).assign(srm_p_value=srm)
    if by is None:
        return out.drop(columns="segment")
    seg = out.segment != "all"
    out.loc[seg, "p_adjusted"] = _holm(out.loc[seg, "p_value"].to_numpy())
    return out
