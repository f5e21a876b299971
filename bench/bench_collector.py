"""Sustained ingest through the collector's /v1/batch on loopback; print events per second and latency.
Target (2 cores): at least 20,000 events/s with p99 under 50 ms.

python bench/bench_collector.py --seconds 10 --clients 4 --batch 100
python bench/bench_collector.py --seconds 10 --clients 4 --batch 100 --one-core   # the collector on core 0,
                                                                                  # the clients on core 1
"""

from __future__ import annotations

import argparse
import base64
import itertools
import os
import tempfile
from pathlib import Path

import httpx
import numpy as np
import orjson
import yaml
from _record import record
from _service import cpu_times, free_port, hammer, latency, serve, steal_since

from cxlens.realtime import key_hash

KEY = "bench-key"


def main(args: argparse.Namespace) -> None:
    folder = Path(tempfile.mkdtemp(prefix="cxlens-collector-"))
    port = free_port()
    doc = {
        "sources": [{"name": "collector", "table": "events", "path": "collector/*.jsonl"}],
        "realtime": {"write_keys": [key_hash(KEY)], "port": port, "max_in_flight": 256},
    }
    (folder / "cxlens.yaml").write_text(yaml.safe_dump(doc))
    auth = {"Authorization": "Basic " + base64.b64encode(f"{KEY}:".encode()).decode(),
            "Content-Type": "application/json"}  # fmt: skip

    def bodies(c: int):
        """Client ``c``'s request bodies: batches as an SDK flushes them, short sessions of several people,
        known and new, every message id new."""
        rng = np.random.default_rng(c)
        for n in itertools.count():
            who = rng.integers(args.users, size=args.batch // 5)
            batch = [
                {"type": "track", "userId": f"u{who[i // 5]}", "anonymousId": f"a{who[i // 5]}",
                 "event": "Product Viewed", "messageId": f"{c}-{n}-{i}",
                 "properties": {"sku": f"SKU-{i}", "price": 9.99}}
                for i in range(len(who) * 5)
            ]  # fmt: skip
            yield orjson.dumps({"batch": batch}), len(batch)

    # made before the clock starts, as a load generator should: the clients share the server's two cores
    ready = {c: list(itertools.islice(bodies(c), int(args.seconds * 200))) for c in range(args.clients)}

    def make(c: int):
        http = httpx.Client(base_url=f"http://127.0.0.1:{port}", headers=auth, timeout=10)
        todo = itertools.chain(ready[c], bodies(c + args.clients))

        def send() -> int:
            body, n = next(todo)
            r = http.post("/v1/batch", content=body)
            return n if r.status_code == 200 else 0

        return send

    with serve(folder / "cxlens.yaml", port, timeout=60) as server:
        if args.one_core:
            os.sched_setaffinity(server.pid, {0})
            os.sched_setaffinity(0, {1})
        before = cpu_times()
        lat, elapsed, sent = hammer(args.clients, args.seconds, make)
        stolen = steal_since(before)
    where = ", collector on one core" if args.one_core else ""
    print(f"{sent:,} events in {elapsed:.1f} s: {sent / elapsed:,.0f} events/s "
          f"({args.clients} clients, batches of {args.batch}{where})")  # fmt: skip
    print(latency("request", lat))
    print(f"CPU stolen by the host meanwhile: {stolen:.0%}")
    cmd = (
        f"python bench/bench_collector.py --seconds {args.seconds:g} --clients {args.clients} "
        f"--batch {args.batch}" + (" --one-core" if args.one_core else "")
    )
    if args.one_core:
        record(
            "collector", "events accepted on one core (clients on the other)", sent / elapsed, "events/s", cmd
        )
        return
    record(
        "collector", "events accepted through /v1/batch", sent / elapsed, "events/s", cmd, target=">= 20,000"
    )
    record("collector", "request latency p99", float(np.percentile(lat, 99)), "ms", cmd, target="< 50 ms")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--users", type=int, default=100_000, help="people the events come from")
    ap.add_argument("--one-core", action="store_true", help="the collector on core 0, the clients on core 1")
    main(ap.parse_args())
