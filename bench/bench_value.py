"""Fit BG/NBD, Pareto/NBD and Gamma-Gamma on 1M customers and score CLV for all of them; print the figures.
Targets (2 cores): BG/NBD under 1 s, Pareto/NBD under 10 s, scoring under 2 s. The peer, lifetimes, fits the
same models on 100k of the same customers and on its own CDNOW data.

python bench/bench_value.py                                   # 1M simulated customers
python bench/bench_value.py --company /tmp/cxlens-1m          # and the stage, after bench_identity.py
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
from _record import record, size
from lifetimes import BetaGeoFitter, ParetoNBDFitter
from lifetimes.datasets import load_cdnow_summary

from cxlens.value import BetaGeo, GammaGamma, ParetoNBD, clv
from cxlens.value.simulate import simulate_pareto, simulate_spend

TRUTH = {"r": 0.8, "alpha": 40.0, "s": 0.9, "beta": 400.0}


def timed(label: str, fn, *args, **kw):
    t0 = time.perf_counter()
    out = fn(*args, **kw)
    took = time.perf_counter() - t0
    print(f"{label:<42} {took:7.2f} s")
    return out, took


def models(n: int, peer_rows: int) -> None:
    d = simulate_pareto(n, **TRUTH, days=730, seed=1)
    f, r, T = d.frequency.to_numpy(), d.recency.to_numpy(), d["T"].to_numpy()
    m = simulate_spend(f, p=6.0, q=4.0, v=40.0, seed=2)
    distinct = len(d.drop_duplicates(["frequency", "recency", "T"]))
    print(f"{n:,} customers, {distinct:,} distinct (frequency, recency, T) rows")
    cmd = f"python bench/bench_value.py --customers {n}"
    label = size(n)
    _, took = timed("BG/NBD fit", BetaGeo().fit, f, r, T)
    record("value models", f"BG/NBD fit, {label} customers", took, "s", cmd, target="< 1 s")
    pn, took = timed("Pareto/NBD fit (includes a BG/NBD start)", ParetoNBD().fit, f, r, T)
    record("value models", f"Pareto/NBD fit, {label} customers", took, "s", cmd, target="< 10 s")
    gg, took = timed("Gamma-Gamma fit", GammaGamma().fit, f, m)
    record("value models", f"Gamma-Gamma fit, {label} customers", took, "s", cmd)
    value, took = timed(
        "score: P(alive) + 12-month CLV, Pareto/NBD", lambda: (pn.p_alive(f, r, T), clv(pn, gg, f, r, T, m))
    )
    record(
        "value models",
        f"score P(alive) and CLV, Pareto/NBD, {label} customers",
        took,
        "s",
        cmd,
        target="< 2 s",
    )
    print("Pareto/NBD estimates vs truth:", {k: f"{pn.params_[k]:.4g} ({TRUTH[k]:g})" for k in TRUTH})
    print(f"mean CLV {np.mean(value[1]):.2f}, mean P(alive) {np.mean(value[0]):.3f}")
    peers(f[:peer_rows], r[:peer_rows], T[:peer_rows], f"simulated, {peer_rows:,} customers", cmd)
    cdnow = load_cdnow_summary(index_col=[0])
    f, r, T = (cdnow[c].to_numpy(float) for c in ("frequency", "recency", "T"))
    peers(f, r, T, f"CDNOW, {len(f):,} customers", cmd)


def peers(f: np.ndarray, r: np.ndarray, T: np.ndarray, data: str, cmd: str) -> None:
    """The same fits by lifetimes, the reference implementation, on the same data; the estimates agree."""
    for name, mine, theirs in (
        ("BG/NBD", BetaGeo, BetaGeoFitter),
        ("Pareto/NBD", ParetoNBD, ParetoNBDFitter),
    ):
        ours, took = timed(f"{name} fit, {data}", mine().fit, f, r, T)
        ref, ref_took = timed(f"{name} fit, {data}, lifetimes", theirs().fit, f, r, T)
        gap = max(abs(ours.params_[k] / ref.params_[k] - 1) for k in ref.params_.index)
        print(f"  largest relative difference of the estimates: {gap:.1e}")
        record("value models", f"{name} fit, {data}", took, "s", cmd)
        record("value models", f"{name} fit, {data}", ref_took, "s", cmd, peer="lifetimes 0.11")


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
    ap.add_argument("--peer-rows", type=int, default=100_000, help="customers the lifetimes comparison fits")
    args = ap.parse_args()
    models(args.customers, args.peer_rows)
    if args.company:
        stage(args.company)
