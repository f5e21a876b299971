"""Touchpoints, sessions and journeys on a whole company, then the rest of the journeys stage; print seconds.
Target (2 cores, 20M events): touchpoints + journeys under 2 minutes.

python bench/bench_journeys.py --company /tmp/cxlens-bench-1m    # after bench_identity.py
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from cxlens import Project, engine
from cxlens.journeys import (
    attribute,
    conversion_paths,
    funnel,
    journeys,
    moments_of_truth,
    pain_points,
    people,
    sessions,
    touchpoints,
)


def timed(label: str, fn, *args, **kw):
    t0 = time.perf_counter()
    out = fn(*args, **kw)
    print(f"{label:<52} {time.perf_counter() - t0:7.2f} s")
    return out


def main(company: Path) -> None:
    p = Project(company / "cxlens.yaml", progress=False)
    con, cfg = p.con, p.config.journeys
    print(f"{p.table('events').count().execute():,} events, {p.table('orders').count().execute():,} orders")
    t0 = time.perf_counter()
    s = timed(
        "touchpoints + sessions (written)",
        engine.write,
        con,
        "bench_touchpoints",
        sessions(touchpoints(con, cfg), cfg),
    )
    j = timed("journeys (written)", engine.write, con, "bench_journeys", journeys(s))
    print(f"{'total: touchpoints and journeys':<52} {time.perf_counter() - t0:7.2f} s")
    print(f"  {s.count().execute():,} touchpoints, {j.count().execute():,} journeys")
    paths = timed("conversion paths", conversion_paths, j)
    timed(f"Markov attribution on {len(paths):,} distinct paths", attribute, paths, model="markov")
    timed("funnel by channel", funnel, s, cfg.funnel, window_days=cfg.funnel_window_days, breakdown="channel")
    timed(
        "pain points (channel, persona, stage)",
        pain_points,
        s,
        cfg.funnel,
        cfg.funnel_window_days,
        people(con),
    )
    timed("moments of truth", moments_of_truth, s, j)
    for name in ("bench_touchpoints", "bench_journeys"):
        engine.drop(con, name)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--company", type=Path, required=True)
    main(ap.parse_args().company)
