"""Generate the sample company and print how long it took. Target: 1M customers in under 5 minutes.

python bench/bench_generate.py --customers 1000000 [--format parquet] [--out /tmp/cxlens-1m]
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

from _record import record, size

from cxlens.sample import generate


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--customers", type=int, default=1_000_000)
    ap.add_argument("--format", default="parquet", choices=("parquet", "mixed"))
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", type=Path, help="keep the company here (default: a temporary folder)")
    args = ap.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="cxlens-bench-"))
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    s = generate(out, customers=args.customers, seed=args.seed, fmt=args.format)
    took = time.perf_counter() - t0
    rows = sum(v["rows"] for v in s["sources"].values())
    data = sum(f.stat().st_size for f in (out / "data").rglob("*") if f.is_file())
    print(
        json.dumps(
            {
                "benchmark": "generate",
                "customers": args.customers,
                "format": args.format,
                "seconds": round(took, 1),
                "source_rows": rows,
                "rows_per_second": round(rows / took),
                "data_mb": round(data / 2**20),
                "counts": s["counts"],
                "target_seconds": 300,
                "meets_target": took < 300 if args.customers >= 1_000_000 else None,
            },
            indent=2,
        )
    )
    cmd = f"python bench/bench_generate.py --customers {args.customers} --format {args.format}"
    target = "< 300 s" if args.customers >= 1_000_000 else ""
    record(
        "sample company",
        f"generate {size(args.customers)} customers, {args.format}",
        took,
        "s",
        cmd,
        target=target,
    )
    if not args.out:
        shutil.rmtree(out)


if __name__ == "__main__":
    main()
