"""What the service benchmarks share: `cxlens serve` in its own process (as in production: the clients
here do not share its interpreter), and client threads timing each request."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(project: Path, port: int, timeout: float = 900) -> Iterator[subprocess.Popen]:
    """`cxlens serve` from once it accepts connections (after its start-up work) to the end of the block."""
    server = subprocess.Popen(
        [sys.executable, "-c", "from cxlens.cli import app; app()", "serve", "-p", str(project)],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise SystemExit("the service did not start") from None
            time.sleep(0.05)
    try:
        yield server
    finally:
        server.terminate()
        server.wait()


def hammer(
    clients: int, seconds: float, make: Callable[[int], Callable[[], int]]
) -> tuple[np.ndarray, float, int]:
    """Run ``clients`` threads for ``seconds``; ``make(c)`` gives client ``c``'s request, which returns how
    many items it got through. Returns the request latencies in ms, the seconds taken and the items."""
    latencies: list[float] = []
    done = [0]
    stop = time.perf_counter() + seconds

    def loop(c: int) -> None:
        send = make(c)
        while time.perf_counter() < stop:
            t = time.perf_counter()
            n = send()
            latencies.append(time.perf_counter() - t)
            done[0] += n

    t0 = time.perf_counter()
    threads = [threading.Thread(target=loop, args=(c,)) for c in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return np.array(latencies) * 1000, time.perf_counter() - t0, done[0]


def latency(what: str, lat: np.ndarray) -> str:
    return f"{what} latency ms: p50 {np.percentile(lat, 50):.2f}, p99 {np.percentile(lat, 99):.2f}"
