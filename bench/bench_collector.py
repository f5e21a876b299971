"""Sustained ingest through the collector's /v1/batch on loopback; print events per second and latency.
Target (2 cores): at least 20,000 events/s with p99 under 50 ms.

python bench/bench_collector.py --seconds 10 --clients 4 --batch 100
"""

from __future__ import annotations

import argparse
import base64
import json
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import numpy as np
import yaml

from cxlens.realtime import key_hash

KEY = "bench-key"


def main(args: argparse.Namespace) -> None:
    folder = Path(tempfile.mkdtemp(prefix="cxlens-collector-"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    doc = {
        "sources": [{"name": "collector", "table": "events", "path": "collector/*.jsonl"}],
        "realtime": {"write_keys": [key_hash(KEY)], "port": port, "max_in_flight": 256},
    }
    (folder / "cxlens.yaml").write_text(yaml.safe_dump(doc))
    # the server in its own process, as in production: the clients here do not share its interpreter
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from cxlens.cli import app; app()",
            "serve",
            "-p",
            str(folder / "cxlens.yaml"),
        ],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("the collector did not start") from None
            time.sleep(0.05)
    url = f"http://127.0.0.1:{port}/v1/batch"
    auth = {"Authorization": "Basic " + base64.b64encode(f"{KEY}:".encode()).decode(),
            "Content-Type": "application/json"}  # fmt: skip
    latencies: list[float] = []
    sent = [0]
    stop = time.perf_counter() + args.seconds

    def client(c: int) -> None:
        rng = np.random.default_rng(c)
        with httpx.Client(headers=auth, timeout=10) as http:
            n = 0
            while time.perf_counter() < stop:
                # a batch as an SDK flushes it: short sessions of several people, known and new
                who = [rng.integers(args.users) for _ in range(args.batch // 5)]
                batch = [
                    {"type": "track", "userId": f"u{who[i // 5]}", "anonymousId": f"a{who[i // 5]}",
                     "event": "Product Viewed", "messageId": f"{c}-{n}-{i}",
                     "properties": {"sku": f"SKU-{i}", "price": 9.99}}
                    for i in range(len(who) * 5)
                ]  # fmt: skip
                body = json.dumps({"batch": batch})
                t0 = time.perf_counter()
                r = http.post(url, content=body)
                latencies.append(time.perf_counter() - t0)
                if r.status_code == 200:
                    sent[0] += args.batch
                n += 1

    t0 = time.perf_counter()
    clients = [threading.Thread(target=client, args=(c,)) for c in range(args.clients)]
    for c in clients:
        c.start()
    for c in clients:
        c.join()
    elapsed = time.perf_counter() - t0
    server.terminate()
    server.wait()
    lat = np.array(latencies) * 1000
    print(f"{sent[0]:,} events in {elapsed:.1f} s: {sent[0] / elapsed:,.0f} events/s "
          f"({args.clients} clients, batches of {args.batch})")  # fmt: skip
    print(f"request latency ms: p50 {np.percentile(lat, 50):.1f}, p99 {np.percentile(lat, 99):.1f}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--users", type=int, default=100_000, help="people the events come from")
    main(ap.parse_args())
