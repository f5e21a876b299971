"""Customers drawn from known model parameters: the ground truth for parameter-recovery tests and benchmarks.

Each customer is born at a whole day within ``days`` and observed until the end; purchases are recorded to
the nearest day, as transaction data are.

>>> simulate_pareto(100_000, r=0.8, alpha=60, s=0.9, beta=400, days=730, seed=1)  # doctest: +SKIP
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def _observe(rng: np.random.Generator, lam: np.ndarray, span: np.ndarray, T: np.ndarray) -> pd.DataFrame:
    """(frequency, recency, T) of customers buying at rate ``lam`` for ``span`` days of their ``T``."""
    x = rng.poisson(lam * span)
    # the last of x uniform purchase times on (0, span) is span · U^(1/x)
    last = np.where(x > 0, span * rng.random(x.size) ** (1 / np.maximum(x, 1)), 0.0)
    return pd.DataFrame({"frequency": x, "recency": np.round(last), "T": T, "alive": span >= T, "lam": lam})


def _ages(rng: np.random.Generator, n: int, days: int) -> np.ndarray:
    return rng.integers(1, days + 1, n).astype(float)


def simulate_pareto(
    n: int, r: float, alpha: float, s: float, beta: float, days: int, seed: int = 0
) -> pd.DataFrame:
    """Pareto/NBD customers: exponential lifetimes, Poisson purchases while alive."""
    rng = np.random.default_rng(seed)
    T = _ages(rng, n, days)
    lam, mu = rng.gamma(r, 1 / alpha, n), rng.gamma(s, 1 / beta, n)
    return _observe(rng, lam, np.minimum(T, rng.exponential(1 / mu)), T).assign(mu=mu)


def simulate_bgnbd(
    n: int, r: float, alpha: float, a: float, b: float, days: int, seed: int = 0
) -> pd.DataFrame:
    """BG/NBD customers: after each repeat purchase they drop out with probability p ~ Beta(a, b).
    The truth: ``alive`` at T, purchase rate ``lam`` and dropout probability ``p``."""
    rng = np.random.default_rng(seed)
    T = _ages(rng, n, days)
    lam, p = rng.gamma(r, 1 / alpha, n), rng.beta(a, b, n)
    arrivals, k = rng.poisson(lam * T), rng.geometric(p)  # k: the repeat purchase after which they leave
    gone = arrivals >= k
    x = np.minimum(arrivals, k)
    # given n arrivals on (0, T), the k-th is T·Beta(k, n−k+1) and the last is T·U^(1/n)
    kth = T * rng.beta(np.maximum(k, 1), np.maximum(arrivals - k + 1, 1))
    last = T * rng.random(n) ** (1 / np.maximum(x, 1))
    recency = np.where(x == 0, 0.0, np.round(np.where(gone, kth, last)))
    return pd.DataFrame({"frequency": x, "recency": recency, "T": T, "alive": ~gone, "lam": lam, "p": p})


def simulate_spend(frequency: np.ndarray, p: float, q: float, v: float, seed: int = 0) -> np.ndarray:
    """Mean spend over each customer's ``frequency`` purchases under Gamma-Gamma (0 where frequency is 0)."""
    rng = np.random.default_rng(seed)
    nu = rng.gamma(q, 1 / v, frequency.size)
    # the sum of x Gamma(p, ν) values is Gamma(p·x, ν)
    total = rng.gamma(np.maximum(p * frequency, 1e-12), 1 / nu)
    return np.where(frequency > 0, total / np.maximum(frequency, 1), 0.0)


def purchases_ahead(d: pd.DataFrame, t: float, seed: int = 0) -> np.ndarray:
    """How many purchases each simulated customer makes in the next ``t`` days, continuing their own
    process from T: the holdout truth for checking predictions."""
    rng = np.random.default_rng(seed)
    lam, alive = d.lam.to_numpy(), d.alive.to_numpy()
    if "mu" in d:  # Pareto/NBD: a memoryless remaining lifetime
        span = np.minimum(t, rng.exponential(1 / d.mu.to_numpy()))
        return np.where(alive, rng.poisson(lam * span), 0)
    # BG/NBD: they leave right after the k-th future purchase
    k = rng.geometric(d.p.to_numpy())
    return np.where(alive, np.minimum(rng.poisson(lam * t), k), 0)
