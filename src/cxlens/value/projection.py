"""Each acquisition cohort projected forward, month by month, from the fitted purchase and spend models.

Every customer's future is simulated from the models' posterior given their history: alive with P(alive);
if so, a purchase rate λ ~ Gamma(r+x, α+T) and (Pareto/NBD) a remaining lifetime with rate μ ~ Gamma(s, β+T)
or (BG/NBD) a dropout probability p ~ Beta(a, b+x) after each purchase; each purchase's value from
Gamma-Gamma with ν ~ Gamma(q+p·x, v+x·m). Each simulation first draws the parameters from the fit's
covariance, so the band holds both what the models do not know and what chance will do. Per cohort and
month: customers buying, purchases and value, with the 5th and 95th percentiles over the simulations.

A cohort larger than ``SAMPLE`` is simulated on a sample: totals are scaled up, and their spread scaled by
√(sample/cohort), as a sum of independent customers' spreads is.

>>> project(p, model, spend, cut=date(2026, 3, 31), months=12)  # doctest: +SKIP
"""

from __future__ import annotations

from datetime import date, timedelta

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd

from cxlens.value._base import Model
from cxlens.value.bgnbd import BetaGeo
from cxlens.value.gammagamma import GammaGamma
from cxlens.value.summary import summary

SAMPLE = 3_000  # customers simulated per cohort
PARAMETER_DRAWS, REPEATS = 40, 5  # parameter vectors, and futures simulated for each
LEVEL = 0.9  # the band: 5th to 95th percentile
MEASURES = ("active", "purchases", "value")


def month_index(d: date) -> int:
    """Months since year 0."""
    return d.year * 12 + d.month - 1


def month_start(m: int) -> date:
    return date(m // 12, m % 12 + 1, 1)


def _periods(cut: date, months: int) -> tuple[np.ndarray, np.ndarray]:
    """The calendar months after ``cut`` (the first maybe only its rest), as month indexes, and their
    edges in days after ``cut``."""
    first = month_index(cut + timedelta(days=1))
    idx = np.arange(first, first + months)
    edges = [(month_start(m) - cut).days - 1 for m in idx] + [(month_start(first + months) - cut).days - 1]
    edges[0] = 0
    return idx, np.array(edges, dtype=float)


def _customers(p: ir.Table, cut: date, seed: int) -> pd.DataFrame:
    """The histories of at most ``SAMPLE`` customers of each cohort (month of the first purchase by
    ``cut``), chosen by a hash of their id, with the cohort's size (``n``), sorted by cohort."""
    s = summary(p, cut)
    s = s.mutate(cohort=s["first"].year() * 12 + s["first"].month() - 1)
    by = ibis.window(group_by="cohort")
    rank = ibis.row_number().over(group_by="cohort", order_by=(s.person_id + str(seed)).hash())
    s = s.mutate(n=s.person_id.count().over(by), k=rank)
    cols = s.filter(s.k < SAMPLE).select("cohort", "n", "frequency", "recency", "T", "monetary")
    return cols.order_by("cohort", "frequency", "recency", "T", "monetary").to_pandas()


def month_to_month(p: ir.Table, cut: date, months: int = 12) -> float:
    """How much whole months swing beyond chance (seasons, campaigns, outages), on the log scale: from the
    month-on-month changes of the last ``months`` whole months' repeat purchases, robustly (the median
    absolute deviation, so a launch's ramp-up or one odd month does not set it), less what Poisson counts
    vary anyway; 0 with fewer than 6 months to judge from."""
    first = p.group_by("person_id").aggregate(first=p.day.min())
    t = p.join(first, "person_id")
    t = t.filter((t.day > t["first"]) & (t.day <= ibis.literal(cut)))
    end = month_index(cut + timedelta(days=1))  # months before this one are whole
    t = t.mutate(month=t.day.year() * 12 + t.day.month() - 1)
    t = t.filter((t.month < end) & (t.month >= end - months))
    c = t.group_by("month").aggregate(n=t.count()).order_by("month").to_pandas()
    n = c.n.to_numpy(float)
    if len(n) < 6 or (n == 0).any():
        return 0.0
    step = np.diff(np.log(n))
    spread = 1.4826 * np.median(np.abs(step - np.median(step)))  # a standard deviation, robustly
    chance = float(np.median(1 / n[1:] + 1 / n[:-1]))
    return float(np.sqrt(max(spread**2 - chance, 0.0) / 2))  # a change is the difference of two shocks


def _futures(
    model: Model, spend: GammaGamma | None, h: pd.DataFrame, edges: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Simulated customers buying, purchases and value per cohort and month (simulations × measure ×
    cohorts × months), ``PARAMETER_DRAWS × REPEATS`` simulations of every customer in ``h``. Only the
    customers drawn alive are simulated further, and only their purchases get a value: most of a cohort is
    usually gone, and most months see no purchase."""
    x, tx, T = (h[c].to_numpy(float) for c in ("frequency", "recency", "T"))
    m = h.monetary.to_numpy(float)
    xs = np.where((x > 0) & (m > 0), x, 0.0)  # what Gamma-Gamma learns a customer's spend from
    codes, cohorts = pd.factorize(h.cohort)
    months, length = edges.size - 1, np.diff(edges)
    cell = codes[:, None] * months + np.arange(months)  # each customer-month's cohort-month

    def total(a: np.ndarray, who: np.ndarray) -> np.ndarray:
        return np.bincount(cell[who].ravel(), a.ravel(), cohorts.size * months).reshape(cohorts.size, months)

    spend_draws = spend.draws(PARAMETER_DRAWS, rng) if spend else [None] * PARAMETER_DRAWS
    out = []
    for theta, gg in zip(model.draws(PARAMETER_DRAWS, rng), spend_draws, strict=True):
        alive_p = model.with_params(theta).p_alive(x, tx, T)
        r, alpha, c, d = theta
        for _ in range(REPEATS):
            who = np.flatnonzero(rng.random(x.size) < alive_p)
            xw, tw = x[who], T[who]
            lam = rng.gamma(r + xw, 1 / (alpha + tw))
            if isinstance(model, BetaGeo):  # leaves right after the k-th future purchase
                k = rng.geometric(np.clip(rng.beta(c, d + xw), 1e-12, 1.0))  # Beta can round to 0
                made = np.minimum(np.cumsum(rng.poisson(lam[:, None] * length), axis=1), k[:, None])
                n = np.diff(made, axis=1, prepend=0)
            else:  # Pareto/NBD: a memoryless remaining lifetime
                life = rng.exponential(1 / rng.gamma(c, 1 / (d + tw)))
                span = np.clip(np.minimum(edges[1:], life[:, None]) - edges[:-1], 0, None)
                n = rng.poisson(lam[:, None] * span)
            value = np.full(n.shape, np.nan)
            if gg is not None:
                p_, q, v = gg
                bought = n > 0
                nu = rng.gamma(q + p_ * xs[who], 1 / (v + xs[who] * m[who]))
                value = np.zeros(n.shape)
                value[bought] = rng.gamma(p_ * n[bought], 1 / np.broadcast_to(nu[:, None], n.shape)[bought])
            out.append(np.stack([total(n > 0, who), total(n, who), total(value, who)]))
    return np.stack(out)


def project(
    p: ir.Table,
    model: Model,
    spend: GammaGamma | None,
    cut: date,
    months: int,
    seed: int = 0,
) -> pd.DataFrame:
    """Per cohort and month after ``cut``: the expected customers buying (``active``), ``purchases`` and
    ``value``, each with ``_low`` and ``_high`` (the band), and the expected value since ``cut`` per
    acquired customer (``value_ahead``, with its band), for customers who first bought by ``cut``."""
    rng = np.random.default_rng(seed)
    h = _customers(p, cut, seed)
    if h.empty:
        return pd.DataFrame()
    idx, edges = _periods(cut, months)
    sums = _futures(model, spend, h, edges, rng)
    # one shock per calendar month, shared by every cohort: what a steady model cannot see coming
    sigma = month_to_month(p, cut)
    sums = sums * np.exp(rng.normal(-(sigma**2) / 2, sigma, (sums.shape[0], 1, 1, idx.size)))
    g = h.groupby("cohort", sort=False)
    cohorts, size = pd.unique(h.cohort), g.n.first().to_numpy()
    scale = (size / g.size().to_numpy())[:, None]
    sums = sums * scale
    ahead = np.cumsum(sums[:, 2], axis=-1) / size[:, None]
    tails = ((1 - LEVEL) / 2, (1 + LEVEL) / 2)
    shrink = 1 / np.sqrt(scale)  # the spread of a sum over the sample, scaled to the whole cohort

    def band(a: np.ndarray) -> tuple[np.ndarray, ...]:
        mean = a.mean(axis=0)
        low, high = np.quantile(a - mean, tails, axis=0)
        return mean, np.maximum(mean + low * shrink, 0), mean + high * shrink

    rows = {}
    for j, name in enumerate(MEASURES):
        rows[name], rows[f"{name}_low"], rows[f"{name}_high"] = band(sums[:, j])
    rows["value_ahead"], rows["value_ahead_low"], rows["value_ahead_high"] = band(ahead)
    out = pd.DataFrame({k: v.ravel() for k, v in rows.items()})
    out.insert(0, "cohort", np.repeat(cohorts, idx.size))
    out.insert(1, "month", np.tile(idx, cohorts.size))
    out.insert(2, "customers", np.repeat(size, idx.size))
    return out


def horizon(as_of: date, days: int) -> int:
    """How many calendar months (the first maybe only its rest) ``days`` after ``as_of`` touch."""
    return month_index(as_of + timedelta(days=days)) - month_index(as_of + timedelta(days=1)) + 1


def calibration(as_of: date, holdout_days: int) -> tuple[date, date, int]:
    """(cut, end, months): the last ``holdout_days`` rounded to whole calendar months the data cover in
    full, kept out of a fit to check its projection against."""
    full = month_index(as_of) - (0 if (as_of + timedelta(days=1)).day == 1 else 1)
    months = max(1, round(holdout_days / 30.4375))
    return (
        month_start(full - months + 1) - timedelta(days=1),
        month_start(full + 1) - timedelta(days=1),
        months,
    )


def labelled(t: pd.DataFrame, fitted_on: str) -> pd.DataFrame:
    """``project``'s (and ``actuals``') month indexes as dates, with the period since acquisition."""
    return t.assign(
        fitted_on=fitted_on,
        period=t.month - t.cohort,
        cohort=[month_start(int(c)) for c in t.cohort],
        month=[month_start(int(m)) for m in t.month],
    )


def actuals(p: ir.Table, cut: date, end: date) -> pd.DataFrame:
    """Per cohort (by ``cut``) and month in (cut, end]: customers buying, purchases and value."""
    first = p.group_by("person_id").aggregate(first=p.day.min())
    t = p.join(first, "person_id")
    t = t.filter(
        (t["first"] <= ibis.literal(cut)) & (t.day > ibis.literal(cut)) & (t.day <= ibis.literal(end))
    )
    t = t.mutate(
        cohort=t["first"].year() * 12 + t["first"].month() - 1, month=t.day.year() * 12 + t.day.month() - 1
    )
    g = t.group_by("cohort", "month").aggregate(
        actual_active=t.person_id.nunique(), actual_purchases=t.count(), actual_value=t.value.sum()
    )
    return g.to_pandas()


def checked(projected: pd.DataFrame, actual: pd.DataFrame) -> pd.DataFrame:
    """The projection beside what happened (0 where a cohort bought nothing in a month)."""
    cols = ("actual_active", "actual_purchases", "actual_value")
    if projected.empty:
        return projected
    j = projected.merge(actual, on=["cohort", "month"], how="left")
    return j.fillna(dict.fromkeys(cols, 0))
