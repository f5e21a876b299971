"""The grid on which ``analyze`` is held to GrowthBook's ``gbstats`` frequentist engine, and the script that
recorded gbstats's answers (``gbstats_frequentist.json``). gbstats pins an old NumPy, so it is not a
dependency: the answers were recorded once, in a separate environment, with

    python3.11 -m venv /tmp/gbs && /tmp/gbs/bin/pip install gbstats==0.8.0
    /tmp/gbs/bin/python tests/experiments/gbstats_cases.py

The data come from Python's own ``random`` (the same numbers under any NumPy), made by ``rows`` below.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

FIXTURE = Path(__file__).with_name("gbstats_frequentist.json")
CASES = [
    {"metric": metric, "n": n, "cuped": cuped, "effect": effect, "seed": seed}
    for seed, (metric, n, cuped, effect) in enumerate(
        (metric, n, cuped, effect)
        for metric in ("conversion", "revenue")
        for n in ((2000, 2000), (1000, 3000))
        for cuped in (False, True)
        for effect in (0.0, 0.1)
    )
]


def rows(case: dict) -> list[tuple[str, float, float]]:
    """(variant, metric, pre-period covariate) per user of a case."""
    rng = random.Random(case["seed"])
    out = []
    for arm, n in zip(("control", "treatment"), case["n"], strict=True):
        lift = case["effect"] if arm == "treatment" else 0.0
        for _ in range(n):
            pre = rng.gammavariate(2.0, 25.0)  # last quarter's spend: skewed, some heavy
            if case["metric"] == "conversion":
                p = min(0.95, 0.05 + pre / 500) * (1 + lift)
                y = 1.0 if rng.random() < p else 0.0
            else:
                buys = rng.random() < 0.3 + pre / 1000
                y = round(buys * (0.6 * pre + rng.gammavariate(2.0, 20.0)) * (1 + lift), 2)
            out.append((arm, y, round(pre, 2)))
    return out


def _stat(values: list[float], binary: bool):
    from gbstats.models.statistics import ProportionStatistic, SampleMeanStatistic

    if binary:
        return ProportionStatistic(n=len(values), sum=sum(values))
    return SampleMeanStatistic(n=len(values), sum=sum(values), sum_squares=sum(v * v for v in values))


def gbstats_answer(case: dict) -> dict:
    """What gbstats's two-sided frequentist t-test says of the case, relative and absolute."""
    from gbstats.frequentist.tests import FrequentistConfig, TwoSidedTTest
    from gbstats.models.statistics import RegressionAdjustedStatistic, compute_theta

    data = rows(case)
    binary = case["metric"] == "conversion"
    stats = []
    for arm in ("control", "treatment"):
        y = [r[1] for r in data if r[0] == arm]
        x = [r[2] for r in data if r[0] == arm]
        post = _stat(y, binary)
        if case["cuped"]:
            prods = sum(a * b for a, b in zip(y, x, strict=True))
            post = RegressionAdjustedStatistic(
                n=len(y), post_statistic=post, pre_statistic=_stat(x, False), post_pre_sum_of_products=prods,
                theta=0,
            )  # fmt: skip
        stats.append(post)
    if case["cuped"]:
        theta = compute_theta(*stats)
        for s in stats:
            s.theta = theta
    out = {}
    for kind in ("relative", "absolute"):
        r = TwoSidedTTest(*stats, FrequentistConfig(difference_type=kind)).compute_result()
        out[kind] = {"estimate": r.expected, "ci": list(r.ci), "p_value": r.p_value}
    return out


if __name__ == "__main__":
    FIXTURE.write_text(json.dumps([{**c, "gbstats": gbstats_answer(c)} for c in CASES], indent=1) + "\n")
    print(f"wrote {len(CASES)} cases to {FIXTURE}")
