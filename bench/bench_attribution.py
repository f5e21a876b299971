"""Markov (orders 1–3), Shapley and heuristic attribution on 1M conversion paths; print the seconds.
Target (2 cores): under 2 minutes for Markov on 1M paths.

python bench/bench_attribution.py --paths 1000000
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from cxlens.journeys import attribute

LIFT = {"ads": 0.7, "email": 2.2, "social": 1.0, "web": 1.4, "app": 1.8, "store": 1.2, "call_centre": 0.9}


def paths(n: int, seed: int = 1) -> pd.DataFrame:
    """One row per journey: 1–6 touches; the odds of converting grow with each touch's lift."""
    rng = np.random.default_rng(seed)
    channels = np.array(list(LIFT))
    length = rng.integers(1, 7, n)
    touches = rng.integers(0, len(channels), (n, 6))
    lift = np.log(np.array(list(LIFT.values())))[touches]
    score = np.where(np.arange(6) < length[:, None], lift, 0).sum(1)
    converted = rng.random(n) < 1 / (1 + np.exp(-(score - 2.5)))
    names = channels[touches]
    text = pd.Series([" > ".join(row[:k]) for row, k in zip(names, length, strict=True)])
    return pd.DataFrame(
        {"path": text, "conversions": converted.astype(int), "non_conversions": (~converted).astype(int)}
    )


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--paths", type=int, default=1_000_000)
    n = ap.parse_args().paths
    t0 = time.perf_counter()
    p = paths(n)
    print(f"{n:,} journeys, {p.conversions.sum():,} conversions (made in {time.perf_counter() - t0:.1f} s)")
    for model, order in (("markov", 1), ("markov", 2), ("markov", 3), ("shapley", 1), ("linear", 1)):
        t0 = time.perf_counter()
        got = attribute(p, model=model, order=order)
        took = time.perf_counter() - t0
        ranked = " > ".join(got.channel)
        print(f"{model + (f' order {order}' if model == 'markov' else ''):<16} {took:7.2f} s   {ranked}")
