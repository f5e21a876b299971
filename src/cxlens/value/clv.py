"""Customer lifetime value: expected purchases month by month, times expected spend, discounted.

>>> clv(ParetoNBD().fit(f, r, T), GammaGamma().fit(f, m), f, r, T, m, horizon=365)  # doctest: +SKIP
"""

from __future__ import annotations

import numpy as np

from cxlens.errors import InputError
from cxlens.value.bgnbd import BetaGeo
from cxlens.value.gammagamma import GammaGamma
from cxlens.value.paretonbd import ParetoNBD


def clv(
    model: BetaGeo | ParetoNBD,
    spend: GammaGamma,
    frequency: object,
    recency: object,
    T: object,
    monetary: object,
    horizon: float = 365,
    discount_rate: float = 0.1,
    step: float = 30,
    periods_per_year: float = 365,
) -> np.ndarray:
    """Discounted expected value over ``horizon`` (in the unit of T): purchases expected in each ``step``,
    times the Gamma-Gamma expected spend, discounted at ``discount_rate`` a year at the end of each step."""
    rate, year = discount_rate, periods_per_year
    bought = discounted_purchases(model, frequency, recency, T, horizon, rate, step, year)
    return spend.expected_spend(frequency, monetary) * bought


def discounted_purchases(
    model: BetaGeo | ParetoNBD,
    frequency: object,
    recency: object,
    T: object,
    horizon: float = 365,
    discount_rate: float = 0.1,
    step: float = 30,
    periods_per_year: float = 365,
) -> np.ndarray:
    """CLV's purchase half: purchases expected in each ``step`` of ``horizon``, discounted and summed. It
    depends on the history alone, so the pipeline computes it once per distinct history."""
    if not 0 <= discount_rate < 1:
        raise InputError(f"'discount_rate' is {discount_rate!r}; expected a yearly rate in [0, 1), e.g. 0.1")
    if horizon <= 0 or step <= 0:
        raise InputError(f"'horizon' ({horizon!r}) and 'step' ({step!r}) must be positive")
    ends = np.minimum(np.arange(1, int(np.ceil(horizon / step)) + 1) * step, horizon)
    cumulative = model.predict(ends, frequency, recency, T)
    per_step = np.diff(cumulative, axis=0, prepend=0.0)
    discount = (1 + discount_rate) ** (-ends / periods_per_year)
    return discount @ per_step
