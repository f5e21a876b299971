"""Touchpoints, sessions and journeys on a whole company, then the rest of the journeys stage; print seconds.
Target (2 cores, 20M events): touchpoints + journeys under 2 minutes.

python bench/bench_journeys.py --company /tmp/cxlens-bench-1m                    # after bench_personas.py
python bench/bench_journeys.py --company /tmp/cxlens-bench-1m --events 20000000   # its first 20M events
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import duckdb
import yaml

from cxlens import Project, engine
from cxlens.journeys import (
    attribute,
    conversion_paths,
    funnel,
    journeys,
    moments_of_truth,
    pain_points,
    sessions,
    touchpoints,
)
from cxlens.people import breakdowns


def timed(label: str, fn, *args, **kw):
    t0 = time.perf_counter()
    out = fn(*args, **kw)
    print(f"{label:<52} {time.perf_counter() - t0:7.2f} s")
    return out


READS = ("orders", "feedback", "tickets", "identity_records", "persona_assignments", "customer_value")
WHEN = {"events": "timestamp", "orders": "ordered_at", "feedback": "submitted_at", "tickets": "opened_at"}


def cut(company: Path, events: int) -> Path:
    """A copy of a DuckDB company holding its first ``events`` events and what came before the last of them
    (orders, feedback, tickets), with the identity, persona and value tables the stage reads."""
    out = Path(tempfile.mkdtemp(prefix="cxlens-cut-"))
    doc = yaml.safe_load((company / "cxlens.yaml").read_text())
    doc["warehouse"] = str(out / "cxlens.duckdb")
    (out / "cxlens.yaml").write_text(yaml.safe_dump(doc))
    con = duckdb.connect(doc["warehouse"])
    con.execute(f"ATTACH '{company / 'cxlens.duckdb'}' AS src (READ_ONLY)")
    con.execute(
        "CREATE TEMP TABLE cut AS SELECT timestamp AS t FROM src.events "
        f"ORDER BY timestamp LIMIT 1 OFFSET {events - 1}"
    )
    for t in ("events", *READS):
        where = f" WHERE {WHEN[t]} <= (SELECT t FROM cut)" if t in WHEN else ""
        con.execute(f"CREATE TABLE {t} AS SELECT * FROM src.{t}{where}")
    con.close()
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
        breakdowns(con),
    )
    timed("moments of truth", moments_of_truth, s, j)
    for name in ("bench_touchpoints", "bench_journeys", "bench_units"):
        engine.drop(con, name)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--company", type=Path, required=True)
    ap.add_argument("--events", type=int, help="use only the first N events (a copy of the warehouse)")
    args = ap.parse_args()
    company = (
        timed(f"copy with the first {args.events:,} events", cut, args.company, args.events)
        if args.events
        else args.company
    )
    try:
        main(company)
    finally:
        if args.events:
            shutil.rmtree(company)
