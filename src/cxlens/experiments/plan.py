"""Planning a test: how many people each arm needs to detect a given change in a conversion rate.

The normal approximation for two proportions with unequal variances, the same statistic ``analyze`` tests;
with more than two arms each treatment is compared with control at α / (arms − 1) (Bonferroni). An action's
holdout keeps a small share as control, so it needs more people in all than an even split: ``holdout``
gives that total.

>>> sample_size(0.1, 0.05)  # a 10% rate, a 5% relative change: about 57,800 people per arm
57760
"""

from __future__ import annotations

import math

from scipy import stats

from cxlens.errors import InputError


def sample_size(
    baseline: float,
    mde: float,
    alpha: float = 0.05,
    power: float = 0.8,
    relative: bool = True,
    arms: int = 2,
    holdout: float | None = None,
) -> int:
    """People per arm to detect a change of ``mde`` (relative to ``baseline``, or absolute) in a
    conversion rate of ``baseline`` with a two-sided test at ``alpha`` and the given ``power``. With
    ``holdout`` (the share kept as control, two arms): the people in all, held out and treated."""
    for name, value in (("baseline", baseline), ("alpha", alpha), ("power", power)):
        if not isinstance(value, int | float) or not 0 < value < 1:
            raise InputError(f"{name} is {value!r}; expected a share between 0 and 1, e.g. 0.1")
    if not isinstance(arms, int) or isinstance(arms, bool) or arms < 2:
        raise InputError(f"arms is {arms!r}; expected a whole number of arms, control included, of 2 or more")
    if not isinstance(mde, int | float) or not mde > 0 or math.isinf(mde):  # not a NaN, either
        raise InputError(f"mde is {mde!r}; expected the smallest change worth detecting, above 0 (e.g. 0.05)")
    if holdout is not None and (arms != 2 or not isinstance(holdout, int | float) or not 0 < holdout < 1):
        raise InputError(
            f"holdout is {holdout!r} with {arms} arms; expected a share between 0 and 1, two arms"
        )
    target = baseline * (1 + mde) if relative else baseline + mde
    if target >= 1:
        how = f"{baseline:g} × (1 + {mde:g})" if relative else f"{baseline:g} + {mde:g}"
        raise InputError(f"the rate to detect, {how} = {target:.3g}, is not below 1; expected a smaller mde")
    z = stats.norm.ppf(1 - alpha / (2 * (arms - 1))) + stats.norm.ppf(power)
    control, treated = baseline * (1 - baseline), target * (1 - target)
    variance = control + treated if holdout is None else control / holdout + treated / (1 - holdout)
    return math.ceil(z**2 * variance / (target - baseline) ** 2)
