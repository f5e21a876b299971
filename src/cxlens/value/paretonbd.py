"""Pareto/NBD: purchases while alive, and a lifetime that can end at any moment, even after one purchase.

Schmittlein, Morrison & Colombo (1987); likelihood as in Fader & Hardie (2005), "A note on deriving the
Pareto/NBD model and related expressions". While alive a customer buys as a Poisson process with rate
λ ~ Gamma(r, α); their lifetime is exponential with rate μ ~ Gamma(s, β). Unlike BG/NBD, a one-time buyer
who has been quiet for long gets a low P(alive), which is what lifecycle stages need.

The likelihood's Gaussian hypergeometric terms are taken through Euler's transformation to the forms
2F1(1, r+x; r+s+x+1; z) (α ≥ β) or 2F1(1, s+1; r+s+x+1; z) (α < β), which stay moderate for any frequency,
and combined in log space; they are computed once per distinct (frequency, age) pair.

>>> m = ParetoNBD().fit(frequency, recency, T)  # doctest: +SKIP
>>> m.p_alive(frequency, recency, T)  # doctest: +SKIP
"""

from __future__ import annotations

import numpy as np
from scipy.special import gammaln, hyp2f1

from cxlens.value._base import Model, distinct, distinct_pairs, factor, log1mexp, maximise, on_distinct, rft
from cxlens.value.bgnbd import BetaGeo

_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(32)


def _log_f(theta: tuple[float, ...], x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """log F(y), where s/(r+s+x) · (F(t_x) − F(T)) is the likelihood of dropping out between t_x and T."""
    r, alpha, s, beta = theta
    la, lb = np.log(alpha + y), np.log(beta + y)
    if alpha >= beta:
        h = hyp2f1(1.0, r + x, r + s + x + 1, (alpha - beta) / (alpha + y))
        return -s * lb - (r + x) * la + np.log(h)
    h = hyp2f1(1.0, s + 1, r + s + x + 1, (beta - alpha) / (beta + y))
    return (1 - r - x) * la - (s + 1) * lb + np.log(h)


def _stay_leave(
    theta: tuple[float, ...], x: np.ndarray, tx: np.ndarray, t: np.ndarray, pairs: tuple | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Log-likelihood terms (without the constant) of being alive at T, and of dropping out after t_x."""
    r, alpha, s, beta = theta
    codes, (px, py) = pairs or _pairs(x, tx, t)
    logf = _log_f(theta, px, py)
    f_tx, f_t = logf[codes[: x.size]], logf[codes[x.size :]]
    stay = -(r + x) * np.log(alpha + t) - s * np.log(beta + t)
    leave = np.log(s) - np.log(r + s + x) + f_tx + log1mexp(f_t - f_tx)
    return stay, leave


class ParetoNBD(Model):
    """Pareto/NBD with parameters ``r``, ``alpha`` (purchase rate) and ``s``, ``beta`` (lifetime)."""

    names = ("r", "alpha", "s", "beta")

    def fit(
        self,
        frequency: object,
        recency: object,
        T: object,
        weights: object = None,
        start: BetaGeo | None = None,
    ) -> ParetoNBD:
        """Fit by maximum likelihood. Frequency counts repeat purchases; recency and T share one unit.

        Starts from the BG/NBD purchase-rate estimates, which are close, so few iterations are needed;
        pass ``start``, a BetaGeo already fitted on the same data, to save fitting one here.
        """
        x, tx, t = rft(frequency, recency, T)
        d, w = distinct(weights, x=x, tx=tx, t=t)
        x, tx, t = d["x"], d["tx"], d["t"]
        pairs = _pairs(x, tx, t)  # every (x, age) pair whose F is needed, once
        ux, ix = factor(x)

        def loglik(theta: np.ndarray) -> tuple[float, None]:
            r, alpha, s, beta = theta
            c = (gammaln(r + ux) - gammaln(r))[ix] + r * np.log(alpha) + s * np.log(beta)
            stay, leave = _stay_leave(theta, x, tx, t, pairs)
            return float((c + np.logaddexp(stay, leave)) @ w), None

        bg = start or BetaGeo().fit(x, tx, t, weights=w)
        start = np.array([bg.params_["r"], bg.params_["alpha"], 1.0, max(float(t @ w / w.sum()), 1.0)])
        self._set(*maximise(loglik, start, w.sum(), numeric_grad=True))
        return self

    def _log_odds_dead(self, x: np.ndarray, tx: np.ndarray, t: np.ndarray) -> np.ndarray:
        """log(P(dead) / P(alive)) given the history."""
        stay, leave = _stay_leave(self._p(), x, tx, t)
        return leave - stay

    def predict(self, t: float | np.ndarray, frequency: object, recency: object, T: object) -> np.ndarray:
        """Expected purchases in the next ``t`` periods; an array of horizons gives one row per horizon."""
        r, alpha, s, beta = self._p()
        x, _, T_, alive = self._history(frequency, recency, T)
        h = np.atleast_1d(np.asarray(t, dtype=float))[:, None]
        grow = np.log1p(h / (beta + T_))  # log((β+T+t) / (β+T))
        # ∫ survival over the horizon, divided by (β+T); (s−1) → 0 is the logarithm's limit
        span = grow if abs(s - 1) < 1e-9 else -np.expm1(-(s - 1) * grow) / (s - 1)
        out = alive * (r + x) * (beta + T_) / (alpha + T_) * span
        return out[0] if np.ndim(t) == 0 else out

    def p_no_purchase(self, t: float, frequency: object, recency: object, T: object) -> np.ndarray:
        """P(no purchase in the next ``t`` periods): dead already, or alive and buying nothing before
        the horizon or before dying in it. Given alive, λ ~ Gamma(r+x, α+T) and μ ~ Gamma(s, β+T), and

            P(quiet | alive) = E[e^−(λ+μ)t] + ∫₀ᵗ E[μ e^−μu] E[e^−λu] du,

        the integral taken by 32-point Gauss–Legendre quadrature per distinct (frequency, T).
        """
        r, alpha, s, beta = self._p()
        x, _, T_, alive = self._history(frequency, recency, T)

        def quiet(xu: np.ndarray, tu: np.ndarray) -> np.ndarray:
            def lam(u: np.ndarray) -> np.ndarray:  # log E[e^−λu]
                return -(r + xu) * np.log1p(u / (alpha + tu))

            def mu(u: np.ndarray) -> np.ndarray:  # log E[e^−μu]
                return -s * np.log1p(u / (beta + tu))

            u = (t / 2) * (_NODES[:, None] + 1)
            dying = s / (beta + tu) * np.exp(-(s + 1) * np.log1p(u / (beta + tu)) + lam(u))
            return np.exp(lam(t) + mu(t)) + (t / 2) * (_WEIGHTS @ dying)

        return 1 - alive * (1 - on_distinct(quiet, x, T_))


def _pairs(x: np.ndarray, tx: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """Codes into the distinct (x, age) pairs of [(x, t_x)..., (x, T)...]; and those pairs."""
    codes, px, py = distinct_pairs(np.concatenate([x, x]), np.concatenate([tx, t]))
    return codes, (px, py)
