"""NPS and CSAT with confidence intervals, and whether a change between two periods is real.

- NPS: the share of promoters (9–10) minus the share of detractors (0–6) on the 0–10 likelihood-to-recommend
  question. The interval is the adjusted Wald of Rocks (2016), which that paper found to cover best: add 3
  to n and 3/4 to each of promoters and detractors, then use the trinomial variance of the difference,
  [p + d − (p − d)²] / n.
- CSAT: the share of satisfied answers (4–5 on a 1–5 scale by default), with Wilson's interval.
- Below ``MIN_RESPONSES`` answers a result carries a warning instead of passing as precise.

>>> nps([10, 9, 7, 3, 10])  # doctest: +SKIP
"""

from __future__ import annotations

import numpy as np
from scipy import stats

from cxlens.errors import InputError

MIN_RESPONSES = 30


def _z(alpha: float) -> float:
    if not 0 < alpha < 1:
        raise InputError(f"alpha is {alpha!r}; expected a number between 0 and 1, e.g. 0.05")
    return float(stats.norm.ppf(1 - alpha / 2))


def _answers(scores: object, low: int, high: int, what: str) -> np.ndarray:
    a = np.asarray(scores, dtype=object)
    try:
        v = np.asarray(a, dtype=float).ravel()
    except (TypeError, ValueError):
        raise InputError(f"{what} scores must be numbers from {low} to {high}") from None
    v = v[~np.isnan(v)]  # unanswered
    bad = (v < low) | (v > high) | (v != np.round(v))
    if bad.any():
        raise InputError(f"{what} score {v[np.argmax(bad)]:g} is not a whole number from {low} to {high}")
    return v


def _adjusted_wald(promoters: object, detractors: object, n: object) -> tuple:
    """The adjusted NPS and its variance: 3 more answers, 3/4 of them promoters and 3/4 detractors."""
    n_adj = np.asarray(n, dtype=float) + 3
    pa, da = (np.asarray(promoters) + 0.75) / n_adj, (np.asarray(detractors) + 0.75) / n_adj
    return pa - da, (pa + da - (pa - da) ** 2) / n_adj


def nps_interval(promoters: object, passives: object, detractors: object, alpha: float = 0.05) -> tuple:
    """(NPS, low, high) from counts (arrays work too), by the adjusted Wald interval; NPS from −1 to 1."""
    p, m, d = (np.asarray(x, dtype=float) for x in (promoters, passives, detractors))
    n = p + m + d
    centre, var = _adjusted_wald(p, d, n)
    half = _z(alpha) * np.sqrt(var)
    nps = np.where(n > 0, (p - d) / np.maximum(n, 1), np.nan)
    return nps, np.maximum(centre - half, -1), np.minimum(centre + half, 1)


def warning(n: int, minimum: int = MIN_RESPONSES) -> str:
    """What to say of a score from ``n`` answers: nothing, or that there are too few to act on."""
    return (
        f"only {n} responses: fewer than {minimum}, the interval is too wide to act on" if n < minimum else ""
    )


def nps(scores: object, alpha: float = 0.05) -> dict:
    """NPS of 0–10 answers: ``nps``, ``ci_low``, ``ci_high``, ``n``, the three counts and a ``warning``."""
    v = _answers(scores, 0, 10, "NPS")
    pro, det = int((v >= 9).sum()), int((v <= 6).sum())
    value, low, high = nps_interval(pro, v.size - pro - det, det, alpha)
    return {
        "nps": float(value), "ci_low": float(low), "ci_high": float(high), "n": int(v.size),
        "promoters": pro, "passives": int(v.size - pro - det), "detractors": det, "warning": warning(v.size),
    }  # fmt: skip


def wilson(successes: object, n: object, alpha: float = 0.05) -> tuple:
    """(share, low, high) by Wilson's score interval (arrays work too)."""
    k, n = np.asarray(successes, dtype=float), np.asarray(n, dtype=float)
    z = _z(alpha)
    share = np.where(n > 0, k / np.maximum(n, 1), np.nan)
    centre = (k + z**2 / 2) / (n + z**2)
    half = z / (n + z**2) * np.sqrt(k * (n - k) / np.maximum(n, 1) + z**2 / 4)
    return share, centre - half, centre + half


def csat(
    scores: object, satisfied_from: int = 4, scale: tuple[int, int] = (1, 5), alpha: float = 0.05
) -> dict:
    """CSAT: the share of answers at or above ``satisfied_from`` on ``scale``, with Wilson's interval."""
    v = _answers(scores, scale[0], scale[1], "CSAT")
    k = int((v >= satisfied_from).sum())
    share, low, high = wilson(k, v.size, alpha)
    return {"csat": float(share), "ci_low": float(low), "ci_high": float(high), "n": int(v.size),
            "satisfied": k, "warning": warning(v.size)}  # fmt: skip


def nps_difference(before: tuple, after: tuple, alpha: float = 0.05) -> tuple:
    """(change, low, high, p-value) of NPS between two samples given as (promoters, detractors, n) counts
    (arrays work too): the difference of the adjusted values, their variances added."""
    (b, vb), (a, va) = _adjusted_wald(*before), _adjusted_wald(*after)
    diff, se = np.asarray(a - b, dtype=float), np.sqrt(va + vb)
    half = _z(alpha) * se
    return diff, diff - half, diff + half, 2 * stats.norm.sf(np.abs(diff) / se)


def share_difference(before: tuple, after: tuple, alpha: float = 0.05) -> tuple:
    """(change, low, high, p-value) of a share such as CSAT between two samples of (successes, n): the
    pooled two-proportion z-test and Wald's interval."""
    (k0, n0), (k1, n1) = (tuple(np.asarray(x, dtype=float) for x in pair) for pair in (before, after))
    p0, p1 = k0 / np.maximum(n0, 1), k1 / np.maximum(n1, 1)
    pooled = (k0 + k1) / np.maximum(n0 + n1, 1)
    se0 = np.sqrt(pooled * (1 - pooled) * (1 / np.maximum(n0, 1) + 1 / np.maximum(n1, 1)))
    half = _z(alpha) * np.sqrt(p0 * (1 - p0) / np.maximum(n0, 1) + p1 * (1 - p1) / np.maximum(n1, 1))
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(se0 > 0, 2 * stats.norm.sf(np.abs(p1 - p0) / se0), 1.0)
    return p1 - p0, p1 - p0 - half, p1 - p0 + half, p


def nps_change(before: object, after: object, alpha: float = 0.05) -> dict:
    """Did NPS change between two independent samples of 0–10 answers? The difference, its interval and a
    two-sided p-value, each sample's variance from the adjusted Wald."""
    counts = []
    for scores in (before, after):
        v = _answers(scores, 0, 10, "NPS")
        counts.append(((v >= 9).sum(), (v <= 6).sum(), v.size))
    diff, low, high, p = nps_difference(*counts, alpha=alpha)
    return {
        "change": float(diff), "ci_low": float(low), "ci_high": float(high), "p_value": float(p),
        "warning": warning(min(counts[0][2], counts[1][2])),
    }  # fmt: skip
