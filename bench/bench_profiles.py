"""Profile lookups through the live service at scale; print the snapshot build time and lookup latency.
Target (2 cores, 1M customers): p99 under 10 ms per lookup.

python bench/bench_profiles.py --company /tmp/cxlens-bench-1m --seconds 20 --clients 4
(the company's warehouse must have been built: `cxlens run -p COMPANY/cxlens.yaml`)
"""

from __future__ import annotations

import argparse
import sqlite3
import time
from pathlib import Path

import httpx
import numpy as np
import yaml
from _record import record
from _service import free_port, hammer, latency, serve

from cxlens.realtime import key_hash

WRITE, READ = "bench-write-key", "bench-read-key"


def main(args: argparse.Namespace) -> None:
    company = Path(args.company)
    port = free_port()
    doc = yaml.safe_load((company / "cxlens.yaml").read_text())
    doc["realtime"] = {
        "write_keys": [key_hash(WRITE)], "read_keys": [key_hash(READ)], "port": port,
        "store": "bench-live.sqlite", "log": "bench-collector", "max_in_flight": 256,
    }  # fmt: skip
    project = company / "bench-serve.yaml"
    project.write_text(yaml.safe_dump(doc))
    for old in company.glob("bench-live.sqlite*"):
        old.unlink()
    t0 = time.perf_counter()
    with serve(project, port):  # it answers once its snapshot of the warehouse is built
        built = time.perf_counter() - t0
        db = sqlite3.connect(company / "bench-live.sqlite.profiles")
        people = db.execute("SELECT count(*) FROM profiles").fetchone()[0]
        ids = [r[0] for r in db.execute(f"SELECT node FROM ids ORDER BY random() LIMIT {args.sample}")]
        db.close()
        size = (company / "bench-live.sqlite.profiles").stat().st_size / 1e9
        print(f"snapshot of {people:,} profiles and their identifiers: built in {built:.0f} s, {size:.1f} GB")

        def make(c: int):
            rng = np.random.default_rng(c)
            http = httpx.Client(base_url=f"http://127.0.0.1:{port}", auth=(READ, ""), timeout=10)
            return lambda: http.get(f"/v1/profiles/{ids[rng.integers(len(ids))]}").status_code == 200

        lat, elapsed, found = hammer(args.clients, args.seconds, make)
    print(f"{len(lat):,} lookups by a random identifier in {elapsed:.1f} s: {len(lat) / elapsed:,.0f}/s "
          f"({args.clients} clients), {found / len(lat):.1%} found")  # fmt: skip
    print(latency("lookup", lat))
    cmd = f"python bench/bench_profiles.py --company COMPANY --seconds {args.seconds:g}  # {people:,} people"
    record("live profiles", "profile lookup p99", float(np.percentile(lat, 99)), "ms", cmd, target="< 10 ms")
    record("live profiles", "profile lookups", len(lat) / elapsed, "lookups/s", cmd)
    record("live profiles", "snapshot of the warehouse built", built, "s", cmd)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--company", required=True)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--sample", type=int, default=100_000, help="identifiers to look up, drawn at random")
    main(ap.parse_args())
