"""Write docs/performance.md from bench/results.json: every figure of record, its peer, and how to measure it
again. `make bench` runs it last.

python bench/performance.py
"""

from __future__ import annotations

import json
from pathlib import Path

from _record import RESULTS

DOC = Path(__file__).parents[1] / "docs" / "performance.md"
INTRO = """# Performance

Every figure below is measured by a script in `bench/` and filed in `bench/results.json` with the machine,
date and commit it was measured on (`+changes`: with uncommitted changes, the bench scripts' own).
`make bench` measures them all again (about an hour on 2 cores: it generates companies of a million
customers) and rewrites this page. A peer is the same work done by the reference tool of the field on the
same machine: `lifetimes` for the buy-till-you-die models (its estimates agree with cxlens' to 1e-4 or
better), DuckDB's own `CREATE TABLE AS SELECT * FROM read_...` into a warehouse file for ingest (no
validation, no quarantine, no reconciliation: the floor of what loading into a file can cost here; into memory
it is about 2.5 times faster, but a warehouse is a file), and DuckDB's `read_json` into a file for one large
JSON-lines file.

Where a run was repeated, *spread* gives the lowest and highest of the runs, and the figure is the median.
`COMPANY` in a command is a folder written by `python bench/bench_generate.py --customers N --out COMPANY`
(Parquet sources; `--format mixed` for CSV, JSON lines and Parquet as `cxlens demo` writes them): the
Makefile's `bench` target lists every step.
"""


ORDER = ("demo", "pipeline", "ingest", "value models", "collector", "live profiles", "sample company")
STAGES = ("ingest", "identity", "profiles", "value", "personas", "segments", "journeys", "voc", "experiments",
          "alerts", "cohorts")  # fmt: skip


def _number(x: float) -> str:
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.3g}"


def _figure(x: dict) -> str:
    return f"{_number(x['figure'])} {x['unit']}"


def _when(e: dict) -> str:
    return f"{e['date']}, {e['commit']}"


def _pipeline(entries: list[dict]) -> list[str]:
    """Each stage at every company size, side by side."""
    sizes = sorted({e["group"].removeprefix("pipeline at ") for e in entries}, key=lambda s: "M" in s)
    cell = {(e["group"].removeprefix("pipeline at "), e["measure"]): e for e in entries}
    measures = [f"stage {s}" for s in STAGES] + ["whole pipeline", "peak resident memory"]
    out = [
        "| measure | " + " | ".join(sizes) + " | measured |",
        "| --- |" + " ---: |" * len(sizes) + " --- |",
    ]
    for m in measures:
        row = [cell.get((size, m)) for size in sizes]
        if any(row):
            figures = " | ".join(_figure(e) if e else "" for e in row)
            dates = sorted({e["date"] for e in row if e})
            commits = " / ".join(e["commit"] if e else "–" for e in row)
            out.append(f"| {m} | {figures} | {', '.join(dates)}: {commits} |")
    commands = sorted({e["command"] for e in entries})
    return [*out, "", "Measured with " + ", ".join(f"`{c}`" for c in commands) + ".", ""]


def render(data: dict) -> str:
    out = [INTRO]
    machines = sorted({e["machine"] for e in data.values() if "machine" in e})
    out.append("Measured on: " + "; ".join(f"`{m}`" for m in machines) + "\n")
    groups: dict[str, list[dict]] = {}
    for e in data.values():
        kind = "pipeline" if e["group"].startswith("pipeline at ") else e["group"]
        groups.setdefault(kind, []).append(e)
    for group in sorted(groups, key=lambda g: ORDER.index(g) if g in ORDER else len(ORDER)):
        entries = groups[group]
        out.append(f"## {group[0].upper() + group[1:]}\n")
        if group == "pipeline":
            out += _pipeline(entries)
            continue
        out.append("| measure | cxlens | target | peer | spread | measured | command |")
        out.append("| --- | ---: | --- | --- | --- | --- | --- |")
        for e in entries:
            peers = "; ".join(f"{name}: {_figure(p)}" for name, p in e.get("peers", {}).items())
            s = e.get("spread")
            spread = f"{_number(s['low'])}–{_number(s['high'])} ({s['runs']} runs)" if s else ""
            mine = _figure(e) if "figure" in e else ""
            out.append(
                f"| {e['measure']} | {mine} | {e.get('target', '')} | {peers} | {spread} | {_when(e)} | "
                f"`{e['command']}` |"
            )
        out.append("")
    return "\n".join(out)


def main() -> None:
    DOC.write_text(render(json.loads(RESULTS.read_text())))
    print(f"wrote {DOC}")


if __name__ == "__main__":
    main()
