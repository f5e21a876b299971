"""What the fitted value models share: input checks, de-duplication and maximum likelihood.

Models maximise the log-likelihood over the logarithms of their parameters (all are positive), weighting
each distinct input row by how many customers share it, so a million customers with whole-day recency and
age cost no more than the few hundred thousand distinct rows they make. Standard errors come from the
inverse Hessian of the log-likelihood at the optimum (delta method from the log scale).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import expit

from cxlens.errors import InputError, NotFittedError

Objective = Callable[[np.ndarray], tuple[float, np.ndarray | None]]


def column(name: str, values: object, n: int | None = None) -> np.ndarray:
    """``values`` as a 1-D array of finite numbers >= 0 (of length ``n``), or an error naming the row."""
    try:
        a = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise InputError(
            f"'{name}' must hold numbers; got {type(values).__name__} with non-numbers"
        ) from None
    if a.ndim != 1:
        raise InputError(f"'{name}' must be one-dimensional; got shape {a.shape}")
    if n is not None and a.size != n:
        raise InputError(f"'{name}' has {a.size} values; expected {n}, one per customer")
    bad = ~np.isfinite(a) | (a < 0)
    if bad.any():
        i = int(np.argmax(bad))
        raise InputError(f"'{name}' row {i} is {float(a[i])!r}; expected a finite number >= 0")
    return a


def whole(name: str, a: np.ndarray) -> np.ndarray:
    """Check that ``a`` holds whole numbers (counts of purchases)."""
    bad = a != np.round(a)
    if bad.any():
        i = int(np.argmax(bad))
        raise InputError(f"'{name}' row {i} is {float(a[i])!r}; expected a whole number of repeat purchases")
    return a


def rft(frequency: object, recency: object, T: object) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Checked (frequency, recency, T): repeat purchases, age at the last purchase, and age now."""
    x = whole("frequency", column("frequency", frequency))
    tx = column("recency", recency, x.size)
    t = column("T", T, x.size)
    for bad, what in (
        (tx > t * (1 + 1e-12), "is after T: recency is the age at the last purchase and cannot exceed T"),
        ((x == 0) & (tx > 0), "is above 0 with frequency 0: with no repeat purchase, recency is 0"),
    ):
        if bad.any():
            i = int(np.argmax(bad))
            raise InputError(f"'recency' row {i} ({float(tx[i])!r}, T {float(t[i])!r}) {what}")
    return x, tx, t


def distinct(weights: object, **cols: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """The distinct rows of ``cols`` and how many customers (or how much ``weights``) each stands for."""
    frame = pd.DataFrame(cols)
    n = next(iter(cols.values())).size
    frame["_w"] = 1.0 if weights is None else column("weights", weights, n)
    g = frame.groupby(list(cols), sort=False, as_index=False)["_w"].sum()
    g = g[g["_w"] > 0]
    return {c: g[c].to_numpy() for c in cols}, g["_w"].to_numpy()


def factor(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(distinct values, index of each row's value): like ``np.unique(return_inverse=True)``, by hashing."""
    codes, uniques = pd.factorize(a)
    return np.asarray(uniques, dtype=float), codes


def distinct_pairs(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(codes, distinct a, distinct b): the index of each row's (a, b) pair among the distinct pairs.
    Whole-day ages and counts pack into one exact float key, which hashes far faster than a pair."""
    span = 2.0**26
    if a.size and min(a.min(), b.min()) >= 0 and max(a.max(), b.max()) < span:
        key = a * span + b
        if np.array_equal(np.floor(a), a) and np.array_equal(np.floor(b), b):
            codes, uniq = pd.factorize(key)
            return codes, np.floor(uniq / span), np.mod(uniq, span)
    codes, uniq = pd.MultiIndex.from_arrays([a, b]).factorize()
    return codes, uniq.get_level_values(0).to_numpy(float), uniq.get_level_values(1).to_numpy(float)


def on_distinct(fn: Callable[..., np.ndarray], a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``fn(a, b)`` evaluated once per distinct (a, b) pair and spread back (along the last axis):
    expensive special functions are computed a few thousand times instead of once per customer."""
    codes, ua, ub = distinct_pairs(a, b)
    return fn(ua, ub)[..., codes]


def beta_nodes(a: np.ndarray, b: np.ndarray, n: int = 64) -> tuple[np.ndarray, np.ndarray]:
    """Quadrature nodes and weights (each row summing to 1) for E[f(p)], p ~ Beta(a, b), one row per pair:
    Gauss-Legendre over the mean ± 12 standard deviations. Meant for parameters so large that the Beta is
    all but normal and closed forms overflow; near 0 or 1 with small parameters it is not exact."""
    u, wq = np.polynomial.legendre.leggauss(n)
    mean, var = a / (a + b), a * b / ((a + b) ** 2 * (a + b + 1))
    lo = np.maximum(mean - 12 * np.sqrt(var), 1e-300)[:, None]
    hi = np.minimum(mean + 12 * np.sqrt(var), 1 - 1e-16)[:, None]
    p = lo + (hi - lo) * (u + 1) / 2
    log_density = (a - 1)[:, None] * np.log(p) + (b - 1)[:, None] * np.log1p(-p)
    w = wq * np.exp(log_density - log_density.max(axis=1, keepdims=True))
    return p, w / w.sum(axis=1, keepdims=True)


def log1mexp(d: np.ndarray) -> np.ndarray:
    """log(1 - exp(d)) for d <= 0, accurate near 0 and for very negative d (Mächler 2012)."""
    d = np.minimum(d, 0.0)
    with np.errstate(divide="ignore"):
        return np.where(d > -np.log(2), np.log(-np.expm1(d)), np.log1p(-np.exp(d)))


def maximise(
    objective: Objective, start: np.ndarray, total: float, numeric_grad: bool = False
) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """Maximise a log-likelihood over log-parameters; return (params, log-likelihood, standard errors, and
    the covariance of the log-parameters, NaN where the Hessian cannot be inverted).

    ``objective(params)`` returns the log-likelihood summed over weighted rows and, unless
    ``numeric_grad``, its gradient with respect to the parameters.
    """

    def value(z: np.ndarray) -> tuple[float, np.ndarray | None]:
        # far from the optimum special functions can overflow: such a point is merely very unlikely
        with np.errstate(all="ignore"):
            ll, g = objective(np.exp(z))
        return (ll, g) if np.isfinite(ll) else (-1e300, None)

    def neg(z: np.ndarray) -> tuple[float, np.ndarray]:
        ll, g = value(z)
        if ll == -1e300:
            return 1e300, np.zeros(z.size)
        if numeric_grad:
            h = 1e-6
            g = np.array([(value(z + h * e)[0] - ll) / h for e in np.eye(z.size)])
            return -ll / total, -g / total
        return -ll / total, -g * np.exp(z) / total

    z0 = np.log(start)
    res = minimize(neg, z0, jac=True, method="L-BFGS-B", bounds=[(-15.0, 15.0)] * z0.size,
                   options={"maxiter": 2000, "ftol": 1e-13, "gtol": 1e-9})  # fmt: skip
    if res.fun >= 1e300:
        raise InputError("the model could not be fitted: the log-likelihood is not finite at any start")
    z = res.x
    # Hessian in log-parameters by central differences of the gradient, then the delta method
    h, k = 1e-4, z.size
    hess = np.empty((k, k))
    for i, e in enumerate(np.eye(k)):
        hess[i] = (neg(z + h * e)[1] - neg(z - h * e)[1]) / (2 * h)
    hess = (hess + hess.T) / 2 * total
    try:
        cov = np.linalg.inv(hess)
        se = np.exp(z) * np.sqrt(np.where(np.diag(cov) > 0, np.diag(cov), np.nan))
    except np.linalg.LinAlgError:
        cov, se = np.full((k, k), np.nan), np.full(k, np.nan)
    return np.exp(z), float(-res.fun * total), se, cov


class Model:
    """A fitted-by-maximum-likelihood model: ``params_``, ``log_likelihood_``, ``standard_errors_``, and
    ``covariance_`` of the log-parameters (what draws of plausible parameters are made from)."""

    names: tuple[str, ...] = ()

    def _set(self, params: np.ndarray, ll: float, se: np.ndarray, cov: np.ndarray | None = None) -> None:
        self.params_ = dict(zip(self.names, map(float, params), strict=True))
        self.standard_errors_ = dict(zip(self.names, map(float, se), strict=True))
        self.log_likelihood_ = ll
        self.covariance_ = np.zeros((len(self.names),) * 2) if cov is None else cov

    def with_params(self, params: np.ndarray) -> Model:
        """The same model with other parameters: one plausible draw of this fit."""
        m = type(self)()
        m._set(params, self.log_likelihood_, np.zeros(len(self.names)))
        return m

    def draws(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """``n`` plausible parameter vectors: normal on the log scale with the fit's covariance (the fitted
        parameters repeated when the covariance is unusable)."""
        z = np.log(np.array(self._p()))
        cov = self.covariance_
        if not np.isfinite(cov).all() or np.linalg.eigvalsh((cov + cov.T) / 2).min() < 0:
            return np.exp(np.tile(z, (n, 1)))
        return np.exp(rng.multivariate_normal(z, (cov + cov.T) / 2, size=n, method="eigh"))

    def _p(self) -> tuple[float, ...]:
        if not hasattr(self, "params_"):
            raise NotFittedError(f"This {type(self).__name__} is not fitted yet. Call 'fit' first.")
        return tuple(self.params_[k] for k in self.names)

    def _log_odds_dead(self, x: np.ndarray, tx: np.ndarray, t: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def _history(self, frequency: object, recency: object, T: object) -> tuple[np.ndarray, ...]:
        """Checked (frequency, recency, T) and P(alive), which every prediction starts from."""
        x, tx, t = rft(frequency, recency, T)
        return x, tx, t, expit(-self._log_odds_dead(x, tx, t))

    def p_alive(self, frequency: object, recency: object, T: object) -> np.ndarray:
        """P(still alive at T) given the history; in log-odds, so long histories cannot overflow."""
        return self._history(frequency, recency, T)[3]

    def __repr__(self) -> str:
        if not hasattr(self, "params_"):
            return f"{type(self).__name__}()"
        p = ", ".join(f"{k}={v:.4g}" for k, v in self.params_.items())
        return f"{type(self).__name__}({p})"
