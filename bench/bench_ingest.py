"""Ingest a generated company on DuckDB and print rows per second. Target: >= 1M rows/s for Parquet sources.

python bench/bench_generate.py --customers 1000000 --out /tmp/cxlens-1m   # once, Parquet sources
python bench/bench_ingest.py --company /tmp/cxlens-1m
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import tempfile
import time
from pathlib import Path

from _record import record, size

from cxlens import Project
from cxlens.sample import generate


def copy(company: Path) -> float:
    """Seconds DuckDB takes to copy every source into tables of a warehouse file, as they are: no
    validation, no quarantine (into memory it is about 2.5 times faster, but a warehouse is a file)."""
    import duckdb

    from cxlens.config import load_config

    config = load_config(company / "cxlens.yaml")
    # malformed rows skipped: a plain copy has no quarantine
    reader = {"parquet": "read_parquet({})", "csv": "read_csv({}, ignore_errors=true)",
              "jsonl": "read_json({}, ignore_errors=true)"}  # fmt: skip
    with tempfile.TemporaryDirectory(dir=company) as folder, duckdb.connect(f"{folder}/copy.duckdb") as con:
        t0 = time.perf_counter()
        for s in config.sources:
            path = str(config.resolve(s.path))
            con.execute(f"CREATE TABLE {s.name} AS SELECT * FROM " + reader[s.format].format(f"'{path}'"))
        con.execute("CHECKPOINT")
        return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--company", type=Path, help="a folder written by cxlens generate (default: make one)")
    ap.add_argument("--customers", type=int, default=100_000, help="size of the company to make")
    args = ap.parse_args()
    company = args.company
    if company is None:
        company = Path(tempfile.mkdtemp(prefix="cxlens-bench-"))
        generate(company, customers=args.customers, fmt="parquet")
    (company / "cxlens.duckdb").unlink(missing_ok=True)
    p = Project(company / "cxlens.yaml")
    t0 = time.perf_counter()
    reports = p.ingest()
    took = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # KiB on Linux; before the copy below
    rows = sum(r.read for r in reports)
    print(
        json.dumps(
            {
                "benchmark": "ingest",
                "engine": p.config.engine,
                "company": str(company),
                "rows": rows,
                "seconds": round(took, 1),
                "rows_per_second": round(rows / took),
                "peak_rss_gb": round(peak, 2),
                "per_source": {
                    r.source: {
                        "format": next(s.format for s in p.config.sources if s.name == r.source),
                        "rows": r.read,
                        "seconds": round(r.seconds, 1),
                        "rows_per_second": round(r.read / r.seconds) if r.seconds else None,
                        "balanced": r.balanced,
                    }
                    for r in reports
                },
                "target_rows_per_second": 1_000_000,
            },
            indent=2,
        )
    )
    p.close()
    customers = json.loads((company / "truth" / "summary.json").read_text())["customers"]
    cmd = f"python bench/bench_ingest.py --company COMPANY  # {customers:,} customers"
    formats = sorted({s.format for s in p.config.sources})
    label = f"{size(customers)} customers, " + ("Parquet" if formats == ["parquet"] else "/".join(formats))
    record("ingest", f"company of {label}: rows per second", rows / took, "rows/s", cmd,
           target=">= 2M for Parquet")  # fmt: skip
    record("ingest", f"company of {label}: peak resident memory", peak, "GB", cmd, target="< 4 GB")
    record("ingest", f"company of {label}: rows per second", rows / copy(company), "rows/s", cmd,
           peer="plain DuckDB copy into a file")  # fmt: skip
    if args.company is None:
        shutil.rmtree(company)


if __name__ == "__main__":
    main()
