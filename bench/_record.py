"""The benchmark of record: each bench script files its headline figures in ``bench/results.json``, with the
machine, date and commit they were measured on; ``bench/performance.py`` turns the file into
``docs/performance.md``. A figure measured again replaces the old one; a peer's figure (the same work done by
the reference tool of the field on the same machine) sits beside it.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from cxlens.engine.base import machine_memory

RESULTS = Path(__file__).with_name("results.json")


def machine() -> str:
    """Cores, memory and processor, as a reader compares machines."""
    cpu = next(
        (line.split(":", 1)[1].strip() for line in _lines("/proc/cpuinfo") if line.startswith("model name")),
        platform.processor() or "unknown processor",
    )
    memory = machine_memory() / 2**30
    return f"{os.cpu_count()} cores, {memory:.0f} GiB, {cpu}, Python {platform.python_version()}"


def _lines(path: str) -> list[str]:
    try:
        return Path(path).read_text().splitlines()
    except OSError:
        return []


def commit() -> str:
    root = Path(__file__).parents[1]
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], cwd=root, capture_output=True, text=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+changes" if dirty else "")


def size(n: int) -> str:
    """A count as a figure's label says it: 20k, 1M, 2.5M."""
    return f"{n / 1e6:g}M" if n >= 1_000_000 else f"{n / 1000:g}k"


def spread(values: list[float]) -> dict:
    """Median, lowest and highest of repeated runs."""
    return {"runs": len(values), "low": min(values), "high": max(values), "median": statistics.median(values)}


def record(
    group: str,
    measure: str,
    figure: float,
    unit: str,
    command: str,
    *,
    peer: str | None = None,
    target: str = "",
    runs: list[float] | None = None,
) -> None:
    """File ``figure`` (in ``unit``) for ``measure`` of ``group``; with ``peer``, as that tool's figure."""
    data = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    entry = data.setdefault(f"{group} / {measure}", {"group": group, "measure": measure})
    stamp = {
        "command": command,
        "machine": machine(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "commit": commit(),
    }
    if peer:
        entry.setdefault("peers", {})[peer] = {"figure": _round(figure), "unit": unit, **stamp}
    else:
        entry.update(figure=_round(figure), unit=unit, target=target, **stamp)
        if runs:
            entry["spread"] = {k: _round(v) for k, v in spread(runs).items()}
    RESULTS.write_text(json.dumps(data, indent=2) + "\n")
    print(f"recorded {group} / {measure}{' (' + peer + ')' if peer else ''}: {_round(figure):,} {unit}")


def _round(x: float) -> float:
    return float(f"{x:.4g}") if isinstance(x, float) else x
