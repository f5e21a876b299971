"""Ingest one large JSON-lines file of Segment-like track events and print rows per second and peak memory:
a file of any size must load in bounded memory (ingest reads it in pieces of PIECE_ROWS rows).

python bench/bench_big_file.py --lines 3000000            # writes /tmp/cxlens-big/events.jsonl once (~1 GB)
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

import yaml
from _record import record

from cxlens import Project


def write_events(path: Path, lines: int) -> None:
    """Track calls of 50,000 users over a year, with properties and context like a web SDK sends."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as fh:
        for i in range(lines):
            ev = {
                "messageId": f"m{i:010d}",
                "type": "track",
                "event": ("Product Viewed", "Product Added", "Checkout Started")[i % 3],
                "userId": f"U{i % 50_000:06d}",
                "anonymousId": f"a{(i * 7919) % 120_000:08x}",
                "timestamp": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:00Z",
                "properties": {
                    "sku": f"S{i % 5000}",
                    "price": round(5 + (i % 200) / 3, 2),
                    "category": "home",
                },
                "context": {"library": {"name": "analytics.js"}, "page": {"path": f"/p/{i % 5000}"}},
            }
            fh.write(json.dumps(ev) + "\n")


def copy(events: Path) -> float:
    """Seconds DuckDB's own JSON reader takes to copy the file into a table of a warehouse file, as it is:
    no validation, no quarantine, no line numbers."""
    import duckdb

    with tempfile.TemporaryDirectory(dir=events.parent) as tmp, duckdb.connect(f"{tmp}/c.duckdb") as con:
        t0 = time.perf_counter()
        con.execute(f"CREATE TABLE events AS SELECT * FROM read_json('{events}')")
        con.execute("CHECKPOINT")
        return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, default=3_000_000)
    ap.add_argument("--folder", type=Path, default=Path("/tmp/cxlens-big"))
    args = ap.parse_args()
    events = args.folder / "events.jsonl"
    if not events.exists() or sum(1 for _ in events.open()) != args.lines:
        write_events(events, args.lines)
    (args.folder / "cxlens.duckdb").unlink(missing_ok=True)
    doc = {"sources": [{"name": "events", "table": "events", "path": "events.jsonl"}]}
    (args.folder / "cxlens.yaml").write_text(yaml.safe_dump(doc))
    p = Project(args.folder / "cxlens.yaml", progress=False)
    t0 = time.perf_counter()
    (r,) = p.ingest()
    took = time.perf_counter() - t0
    p.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # KiB on Linux
    gb = events.stat().st_size / 2**30
    cmd = f"python bench/bench_big_file.py --lines {args.lines}"
    what = f"one JSON-lines file of {gb:.2g} GB ({r.read / 1e6:g}M events)"
    record("ingest", f"{what}: rows per second", r.read / took, "rows/s", cmd, target=">= 500,000")
    record("ingest", f"{what}: peak resident memory", peak, "GB", cmd, target="< 4 GB")
    record("ingest", f"{what}: rows per second", r.read / copy(events), "rows/s", cmd,
           peer="DuckDB read_json into a file")  # fmt: skip
    print(
        json.dumps(
            {
                "benchmark": "ingest one JSON-lines file",
                "file_gb": round(events.stat().st_size / 2**30, 2),
                "rows": r.read,
                "loaded": r.loaded,
                "balanced": r.balanced,
                "seconds": round(took, 1),
                "rows_per_second": round(r.read / took),
                "peak_rss_gb": round(peak, 2),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
