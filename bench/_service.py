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


def cpu_times() -> tuple[int, int]:
    """(all, stolen) CPU ticks of the machine so far: on a shared host the hypervisor lends our cores to
    others (steal), and figures measured meanwhile are low by about that share."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(fields[:8]), fields[7]


def steal_since(before: tuple[int, int]) -> float:
    """The share of CPU time stolen since ``before`` (``cpu_times()``)."""
    total, stolen = cpu_times()
    return (stolen - before[1]) / max(total - before[0], 1)


def latency(what: str, lat: np.ndarray) -> str:
    return f"{what} latency ms: p50 {np.percentile(lat, 50):.2f}, p99 {np.percentile(lat, 99):.2f}"
