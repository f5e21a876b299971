"""Resolve a generated company's identities on DuckDB; print wall time, peak memory and accuracy.
Target: 1M customers (about 5M identifier rows) in under 3 minutes on 2 cores.

python bench/bench_generate.py --customers 1000000 --out /tmp/cxlens-1m   # once, Parquet sources
python bench/bench_identity.py --company /tmp/cxlens-1m                  # ingests first if needed
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from cxlens import Project, identity
from cxlens.config import Identity
from cxlens.identity.quality import pairwise
from cxlens.sample import generate


def accuracy(found: pd.DataFrame, truth: pd.DataFrame) -> dict:
    """Pairwise precision and recall of 'same person' over the identifiers both hold."""
    j = found.merge(truth, on="node", suffixes=("", "_true"))
    out = {}
    for name, part in (("all identifiers", j), ("known identifiers", j[j.kind != "anonymous_id"])):
        s = pairwise(part.person_id, part.person_id_true)
        out[name] = {"precision": round(s["precision"], 5), "recall": round(s["recall"], 5)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--company", type=Path, help="a folder written by cxlens generate (default: make one)")
    ap.add_argument("--customers", type=int, default=100_000, help="size of the company to make")
    ap.add_argument("--no-fuzzy", action="store_true", help="leave out the Splink step")
    args = ap.parse_args()
    company = args.company or Path(tempfile.mkdtemp(prefix="cxlens-bench-"))
    if args.company is None:
        generate(company, customers=args.customers, fmt="parquet")
    p = Project(company / "cxlens.yaml", progress=False)
    if "contacts" not in p.con.list_tables():  # ingest in its own process: its memory is not ours to count
        p.close()
        code = f"from cxlens import Project; Project({str(company / 'cxlens.yaml')!r}).ingest()"
        subprocess.run([sys.executable, "-c", code], check=True)
        p = Project(company / "cxlens.yaml", progress=False)
    for name in ("identity_map",):  # a cold run: no earlier ids to carry over
        if name in p.con.list_tables():
            p.con.drop_table(name)
    cfg = Identity(fuzzy={"enabled": not args.no_fuzzy})
    t0 = time.perf_counter()
    counts = identity.run(p.con, cfg)
    took = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    ids = p.con.table("identity_identifiers")
    found = p.con.table("identity_map").to_pandas()
    truth = pd.read_parquet(company / "truth" / "identifiers.parquet")
    truth = pd.DataFrame(
        {"node": truth.kind + ":" + truth.value, "person_id": truth.person_id, "kind": truth.kind}
    )
    print(
        json.dumps(
            {
                "benchmark": "identity",
                "engine": p.config.engine,
                "company": str(company),
                "identifier_rows": int(ids.count().execute()),
                "fuzzy": not args.no_fuzzy,
                **counts,
                "seconds": round(took, 1),
                "peak_rss_gb": round(peak, 2),
                "target_seconds": 180,
                "accuracy": accuracy(found, truth),
            },
            indent=2,
        )
    )
    p.close()


if __name__ == "__main__":
    main()
