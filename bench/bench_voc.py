"""Reading texts, and the voc and experiments stages on a whole company; print figures.

python bench/bench_voc.py --texts 200000                              # distinct texts read per second
python bench/bench_voc.py --company /tmp/cxlens-bench-1m              # after bench_journeys.py (or value)
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from cxlens import Project, experiments, voc
from cxlens.voc import classify

OPENINGS = ("My order", "The app", "Your staff", "The delivery", "Checkout", "The website", "The jacket")
MIDDLES = (
    "arrived late",
    "was great",
    "keeps failing",
    "was friendly",
    "is too expensive",
    "could be faster",
)
ENDINGS = ("again.", "thank you!", "why?", "please add a filter.", "very frustrating.", "love it.")


def texts(n: int, seed: int = 0) -> list[str]:
    """``n`` distinct comments made of everyday phrases (a number keeps each one distinct)."""
    rng = np.random.default_rng(seed)
    parts = [rng.choice(p, n) for p in (OPENINGS, MIDDLES, ENDINGS)]
    return [f"{a} {b} ({i}) {c}" for i, (a, b, c) in enumerate(zip(*parts, strict=True))]


def main(args: argparse.Namespace) -> None:
    if args.texts:
        t = texts(args.texts)
        t0 = time.perf_counter()
        classify(t)
        dt = time.perf_counter() - t0
        print(f"{'read ' + f'{len(t):,} distinct texts':<52} {dt:7.2f} s  ({len(t) / dt:,.0f} per second)")
    if args.company:
        p = Project(args.company / "cxlens.yaml", progress=False)
        for name, fn, cfg in (("voc stage", voc.run, p.config.voc),
                              ("experiments stage", experiments.run, p.config.experiments)):  # fmt: skip
            t0 = time.perf_counter()
            out = fn(p.con, cfg, progress=False)
            print(f"{name:<52} {time.perf_counter() - t0:7.2f} s  {out}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", type=int, default=0)
    ap.add_argument("--company", type=Path)
    main(ap.parse_args())
