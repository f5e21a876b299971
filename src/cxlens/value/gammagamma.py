"""Gamma-Gamma: what a customer will spend per purchase, shrinking their own average toward everyone's.

Fader, Hardie & Lee (2005), "RFM and CLV: using iso-value curves for customer base analysis". Each purchase's
value is Gamma(p, ν) with ν ~ Gamma(q, γ) across customers (``v`` here is γ). Fitted on customers with at
least one repeat purchase and the mean value of those repeat purchases, as in the literature. The model has
no room for a value of 0: customers whose repeat purchases were all free are left out of the fit (counted in
``left_out_``) and are expected to spend what the population does (lifetimes refuses the whole input).

>>> GammaGamma().fit(frequency, monetary).expected_spend(frequency, monetary)  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

import ibis
import ibis.expr.types as ir
import numpy as np
from scipy.special import digamma, gammaln

from cxlens.errors import InputError
from cxlens.value._base import Model, column, factor, maximise, whole


def _checked(frequency: object, monetary: object) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Frequency, monetary value, and which customers have a repeat purchase of positive mean value."""
    x = whole("frequency", column("frequency", frequency))
    m = column("monetary", monetary, x.size)
    return x, m, (x > 0) & (m > 0)


class GammaGamma(Model):
    """Gamma-Gamma spend model with parameters ``p``, ``q`` and ``v``."""

    names = ("p", "q", "v")

    def fit(self, frequency: object, monetary: object, weights: object = None) -> GammaGamma:
        """Fit on customers with ``frequency`` >= 1 and a positive ``monetary``; rows with no repeat purchase
        carry no spend to model, and those whose repeat purchases were free are counted in ``left_out_``."""
        x, m, priced = _checked(frequency, monetary)
        w = np.ones(x.size) if weights is None else column("weights", weights, x.size)
        self.left_out_ = int(((x > 0) & ~priced & (w > 0)).sum())
        keep = priced & (w > 0)
        if keep.sum() < 2:
            free = f" ({self.left_out_} more whose repeat purchases were all free)" if self.left_out_ else ""
            raise InputError("GammaGamma needs at least two customers with a repeat purchase of positive "
                             f"value; got {int(keep.sum())}{free}")  # fmt: skip
        x, m, w = x[keep], m[keep], w[keep]
        lx, lm = np.log(x), np.log(m)
        ux, ix = factor(x)

        def loglik(theta: np.ndarray) -> tuple[float, np.ndarray]:
            p, q, v = theta
            px = p * x
            lxm = np.log(x * m + v)
            ll = (gammaln(p * ux + q) - gammaln(p * ux))[ix] - gammaln(q) + q * np.log(v)
            ll += (px - 1) * lm + px * lx - (px + q) * lxm
            dpq = digamma(p * ux + q)[ix]
            g_p = x * (dpq - digamma(p * ux)[ix] + lm + lx - lxm)
            g_q = dpq - digamma(q) + np.log(v) - lxm
            g_v = q / v - (px + q) / (x * m + v)
            return float(ll @ w), np.stack([g_p, g_q, g_v]) @ w

        mean = float(m @ w / w.sum())
        self._set(*maximise(loglik, np.array([2.0, 3.0, mean]), w.sum()))
        return self

    def expected_spend(self, frequency: object, monetary: object) -> np.ndarray:
        """E[value per purchase | history]: a weighted mean of the customer's average and the population's
        (p·v / (q−1)); customers with no repeat purchase, or only free ones, get the population's."""
        x, m, priced = _checked(frequency, monetary)
        return self._shrunk(np.where(priced, x, 0.0), m)

    def expected_spend_of(self, frequency: ir.NumericValue, monetary: ir.NumericValue) -> ir.FloatingValue:
        """``expected_spend`` as an engine expression, so customers are scored where they are."""
        priced = (frequency > 0) & (monetary > 0)
        return self._shrunk(ibis.ifelse(priced, frequency, 0).cast("float64"), monetary)

    def _shrunk(self, x: Any, m: Any) -> Any:
        """p·(v + x·m) / (p·x + q − 1), for arrays and engine expressions alike."""
        p, q, v = self._p()
        if q <= 1:
            raise InputError(f"the fitted q is {q:.3g} <= 1: the population's mean spend is infinite")
        return p * (v + x * m) / (p * x + q - 1)
