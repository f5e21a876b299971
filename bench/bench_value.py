"""Fit BG/NBD, Pareto/NBD and Gamma-Gamma on 1M customers and score CLV for all of them; print the figures.
Targets (2 cores): BG/NBD under 1 s, Pareto/NBD under 10 s, scoring under 2 s.

python bench/bench_value.py                                   # 1M simulated customers
python bench/bench_value.py --company /tmp/cxlens-1m          # and the stage, after bench_identity.py
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from cxlens.value import BetaGeo, GammaGamma, ParetoNBD, clv
from cxlens.value.simulate import simulate_pareto, simulate_spend

TRUTH = {"r": 0.8, "alpha": 40.0, "s": 0.9, "beta": 400.0}


def timed(label: str, fn, *args, **kw):
    t0 = time.perf_counter()
    out = fn(*args, **kw)
    print(f"{label:<42} {time.perf_counter() - t0:7.2f} s")
    return out


def models(n: int) -> None:
    d = simulate_pareto(n, **TRUTH, days=730, seed=1)
    f, r, T = d.frequency.to_numpy(), d.recency.to_numpy(), d["T"].to_numpy()
    m = simulate_spend(f, p=6.0, q=4.0, v=40.0, seed=2)
    distinct = len(d.drop_duplicates(["frequency", "recency", "T"]))
    print(f"{n:,} customers, {distinct:,} distinct (frequency, recency, T) rows")
    bg = timed("BG/NBD fit", BetaGeo().fit, f, r, T)
    pn = timed("Pareto/NBD fit (includes a BG/NBD start)", ParetoNBD().fit, f, r, T)
    gg = timed("Gamma-Gamma fit", GammaGamma().fit, f, m)
    value = timed(
        "score: P(alive) + 12-month CLV, Pareto/NBD", lambda: (pn.p_alive(f, r, T), clv(pn, gg, f, r, T, m))
    )
    timed("score: P(alive) + 12-month CLV, BG/NBD", lambda: (bg.p_alive(f, r, T), clv(bg, gg, f, r, T, m)))
    print("Pareto/NBD estimates vs truth:", {k: f"{pn.params_[k]:.4g} ({TRUTH[k]:g})" for k in TRUTH})
    print(f"mean CLV {np.mean(value[1]):.2f}, mean P(alive) {np.mean(value[0]):.3f}")


def stage(company: Path) -> None:
    """Profiles and the value stage on a company whose identities are resolved (bench_identity.py)."""
    from cxlens import Project

    p = Project(company / "cxlens.yaml", progress=False)
    for rec in p.run("profiles"):  # profiles and what depends on them: value
        print(
            f"{rec['stage'] + ' stage on the company (' + p.config.engine + ')':<42} {rec['seconds']:7.2f} s"
        )
        print("  ", rec["result"])


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--customers", type=int, default=1_000_000)
    ap.add_argument("--company", type=Path, help="a generated company whose identities are resolved")
    args = ap.parse_args()
    models(args.customers)
    if args.company:
        stage(args.company)
