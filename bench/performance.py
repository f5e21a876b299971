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
date and commit it was measured on; `make bench` measures them all again (about an hour on 2 cores: it
generates a company of a million customers) and rewrites this page. A peer is the same work done by the
reference tool of the field on the same machine: `lifetimes` for the buy-till-you-die models, a plain DuckDB
`CREATE TABLE AS SELECT * FROM read_...` for ingest (no validation, no quarantine, no reconciliation: the
floor of what loading can cost).

Where a run was repeated, *spread* gives the lowest, median and highest of the runs.
"""


def _figure(x: dict) -> str:
    return f"{x['figure']:,} {x['unit']}"


def render(data: dict) -> str:
    out = [INTRO]
    machines = sorted({e["machine"] for e in data.values() if "machine" in e})
    out.append("Measured on: " + "; ".join(f"`{m}`" for m in machines) + "\n")
    groups: dict[str, list[dict]] = {}
    for e in data.values():
        groups.setdefault(e["group"], []).append(e)
    for group, entries in groups.items():
        out.append(f"## {group[0].upper() + group[1:]}\n")
        out.append("| measure | cxlens | target | peer | spread | measured | command |")
        out.append("| --- | ---: | --- | --- | --- | --- | --- |")
        for e in entries:
            peers = "; ".join(f"{name}: {_figure(p)}" for name, p in e.get("peers", {}).items())
            s = e.get("spread")
            spread = f"{s['low']:,}–{s['high']:,} ({s['runs']} runs)" if s else ""
            mine = _figure(e) if "figure" in e else ""
            when = f"{e['date']}, {e['commit']}"
            out.append(
                f"| {e['measure']} | {mine} | {e.get('target', '')} | {peers} | {spread} | {when} | "
                f"`{e['command']}` |"
            )
        out.append("")
    return "\n".join(out)


def main() -> None:
    DOC.write_text(render(json.loads(RESULTS.read_text())))
    print(f"wrote {DOC}")


if __name__ == "__main__":
    main()
