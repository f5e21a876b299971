"""BG/NBD: how many purchases a customer will make, and whether they are still "alive".

Fader, Hardie & Lee (2005), "Counting your customers the easy way". While alive a customer buys as a Poisson
process with rate λ ~ Gamma(r, α); after each repeat purchase they drop out with probability p ~ Beta(a, b).
A customer with no repeat purchase can therefore never have dropped out: P(alive) = 1 for every one-time
buyer, which is why lifecycle stages use Pareto/NBD (see ``paretonbd``).

>>> m = BetaGeo().fit(frequency, recency, T)  # doctest: +SKIP
>>> m.params_, m.predict(90, frequency, recency, T)  # doctest: +SKIP
"""

from __future__ import annotations

import numpy as np
from scipy.special import digamma, gammaln, hyp2f1

from cxlens.value._base import Model, beta_nodes, distinct, factor, maximise, on_distinct, rft


class BetaGeo(Model):
    """BG/NBD with parameters ``r``, ``alpha`` (purchase rate) and ``a``, ``b`` (dropout)."""

    names = ("r", "alpha", "a", "b")

    def fit(self, frequency: object, recency: object, T: object, weights: object = None) -> BetaGeo:
        """Fit by maximum likelihood. Frequency counts repeat purchases; recency and T share one unit."""
        x, tx, t = rft(frequency, recency, T)
        d, w = distinct(weights, x=x, tx=tx, t=t)
        x, tx, t = d["x"], d["tx"], d["t"]
        # repeat buyers first; functions of x alone, and of one age alone, are computed per distinct value
        order = np.argsort(x == 0, kind="stable")
        x, tx, t, w = x[order], tx[order], t[order], w[order]
        k = int((x > 0).sum())
        ux, ix = factor(x)
        ut, it = factor(t)
        us, is_ = factor(tx)
        wx, total, wk = np.bincount(ix, weights=w), w.sum(), w[:k]

        def loglik(theta: np.ndarray) -> tuple[float, np.ndarray]:
            r, alpha, a, b = theta
            la_t, la_tx = np.log(alpha + ut)[it], np.log(alpha + us)[is_]
            inv_t, inv_tx = (1 / (alpha + ut))[it], (1 / (alpha + us))[is_]
            bx1 = np.where(ux > 0, b + ux - 1, 1.0)
            gap, rx = (la_t - la_tx)[:k], r + x
            # log(left after the last purchase / alive at T) for repeat buyers; softplus and expit of it
            d = (np.log(a) - np.log(bx1))[ix[:k]] + rx[:k] * gap
            e = np.exp(-np.minimum(np.abs(d), 60.0))  # no subnormals: they are slow and change nothing
            w4 = np.where(d >= 0, 1.0, e) / (1 + e) * wk
            per_x = gammaln(r + ux) - gammaln(r) + gammaln(a + b) + gammaln(b + ux) - gammaln(b)
            ll = (per_x - gammaln(a + b + ux)) @ wx + total * r * np.log(alpha) - (rx * la_t) @ w
            ll += (np.maximum(d, 0) + np.log1p(e)) @ wk
            dab = digamma(a + b) - digamma(a + b + ux)
            g_r = (digamma(r + ux) - digamma(r)) @ wx + total * np.log(alpha) - la_t @ w + w4 @ gap
            g_alpha = total * r / alpha - rx @ (w * inv_t) + (rx[:k] * w4) @ (inv_t - inv_tx)[:k]
            g_a = dab @ wx + w4.sum() / a
            w4x = np.bincount(ix[:k], weights=w4, minlength=ux.size)
            g_b = (dab + digamma(b + ux) - digamma(b)) @ wx - w4x @ (1 / bx1)
            return float(ll), np.array([g_r, g_alpha, g_a, g_b])

        rate = (x @ w) / max(t @ w, 1e-9)
        start = np.array([1.0, 1.0 / max(rate, 1e-6), 1.0, 3.0])
        self._set(*maximise(loglik, start, w.sum()))
        return self

    def _log_odds_dead(self, x: np.ndarray, tx: np.ndarray, t: np.ndarray) -> np.ndarray:
        """log(P(dead) / P(alive)): −∞ for customers with no repeat purchase, who cannot have left."""
        r, alpha, a, b = self._p()
        rep = x > 0
        z = (
            np.log(a)
            - np.log(np.where(rep, b + x - 1, 1.0))
            + (r + x) * (np.log(alpha + t) - np.log(alpha + tx))
        )
        return np.where(rep, z, -np.inf)

    def predict(self, t: float | np.ndarray, frequency: object, recency: object, T: object) -> np.ndarray:
        """Expected purchases in the next ``t`` periods; an array of horizons gives one row per horizon.

        The Gaussian hypergeometric term is taken through Euler's transformation, 2F1(r+x, b+x; a+b+x−1; z)
        (1−z)^(r+x) = (1−z)^(a−1) 2F1(a+b−1−r, a−1; a+b+x−1; z), which stays bounded for any frequency.
        Where even that overflows (a and b in the millions: a fit to customers who hardly ever drop out,
        whose dropout probability is then all but fixed), the expectation it stands for is integrated over
        p ~ Beta(a, b+x) instead: E[(1 − ((α+T)/(α+T+p·t))^(r+x)) / p].
        """
        r, alpha, a, b = self._p()
        x, _, T_, alive = self._history(frequency, recency, T)
        h = np.atleast_1d(np.asarray(t, dtype=float))[:, None]

        def part(xu: np.ndarray, tu: np.ndarray) -> np.ndarray:
            z = h / (alpha + tu + h)
            f = hyp2f1(a + b - 1 - r, a - 1, a + b + xu - 1, z)
            out = (a + b + xu - 1) / (a - 1) * -np.expm1((a - 1) * np.log1p(-z) + np.log(f))
            bad = ~np.isfinite(out).all(axis=0) | (out < 0).any(axis=0)
            if bad.any():
                xb, tb = xu[bad], tu[bad]
                p, w = beta_nodes(np.full(xb.size, a), b + xb)  # distinct histories × nodes
                age = (alpha + tb)[None, :, None]
                kept = np.log(age) - np.log(age + p * h[..., None])  # horizons × histories × nodes
                out[:, bad] = (w * -np.expm1((r + xb)[None, :, None] * kept) / p).sum(axis=-1)
            return out

        out = on_distinct(part, x, T_) * alive
        return out[0] if np.ndim(t) == 0 else out

    def p_no_purchase(self, t: float, frequency: object, recency: object, T: object) -> np.ndarray:
        """P(no purchase in the next ``t`` periods). Exact: a customer can only drop out after a purchase."""
        r, alpha, _, _ = self._p()
        x, _, T_, alive = self._history(frequency, recency, T)
        quiet = np.exp((r + x) * (np.log(alpha + T_) - np.log(alpha + T_ + t)))
        return 1 - alive * (1 - quiet)
