"""The whole pipeline, stage by stage, on a generated company; and `make demo`'s work timed end to end.
Target (2 cores): the demo (20k customers: generation, every stage, the report) under 45 s.

python bench/bench_pipeline.py --demo 3                          # cxlens demo three times: the spread
python bench/bench_pipeline.py --company /tmp/cxlens-bench-1m    # every stage of a generated company
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _record import record, size

from cxlens import Project


def demo(runs: int, customers: int) -> None:
    """`cxlens demo` as `make demo` runs it, in a fresh folder each time."""
    cli = Path(sys.executable).with_name("cxlens")
    took = []
    for i in range(runs):
        folder = Path(tempfile.mkdtemp(prefix="cxlens-demo-"))
        t0 = time.perf_counter()
        subprocess.run(
            [cli, "demo", "--dir", folder, "--customers", str(customers)], check=True, capture_output=True
        )
        took.append(time.perf_counter() - t0)
        print(f"demo run {i + 1}: {took[-1]:.1f} s")
        shutil.rmtree(folder)
    record(
        "demo",
        f"cxlens demo, {customers:,} customers (generate, run, report)",
        statistics.median(took),
        "s",
        f"python bench/bench_pipeline.py --demo {runs}",
        target="< 45 s",
        runs=took,
    )


def pipeline(company: Path) -> None:
    """Every stage on a company from a clean warehouse; the figures come from the run's own stage timings."""
    customers = json.loads((company / "truth" / "summary.json").read_text())["customers"]
    label = size(customers)
    for f in company.glob("cxlens.duckdb*"):
        f.unlink()
    p = Project(company / "cxlens.yaml", progress=False)
    t0 = time.perf_counter()
    runs = p.run()
    total = time.perf_counter() - t0
    p.close()
    command = f"python bench/bench_pipeline.py --company COMPANY  # {customers:,} customers"
    for r in runs:
        record(f"pipeline at {label} customers", f"stage {r['stage']}", r["seconds"], "s", command)
    record(f"pipeline at {label} customers", "whole pipeline", total, "s", command)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    record(f"pipeline at {label} customers", "peak resident memory", peak, "GB", command)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--demo", type=int, metavar="RUNS", help="time `cxlens demo` this many times")
    ap.add_argument("--customers", type=int, default=20_000, help="customers of the demo")
    ap.add_argument("--company", type=Path, help="a folder written by cxlens generate")
    args = ap.parse_args()
    if args.demo:
        demo(args.demo, args.customers)
    if args.company:
        pipeline(args.company)


if __name__ == "__main__":
    main()
