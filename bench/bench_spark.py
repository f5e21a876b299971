"""The whole pipeline on DuckDB and on Spark, side by side: per-stage times, peak memory of each run's process
tree (for Spark, the driver's JVM with its local executors), and the headline numbers each engine wrote.
Target (issue 20): the 20k company on Spark with default settings under 5 minutes on local[2], with DuckDB's
counts exactly and model outputs within 0.5%, personas agreeing at ARI >= 0.95.

python bench/bench_spark.py --customers 20000
python bench/bench_spark.py --customers 2000 --master spark://127.0.0.1:7077   # an existing cluster
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import duckdb
import yaml
from _record import record, size
from sklearn.metrics import adjusted_rand_score

from cxlens.sample import generate

TABLES = ("stage_runs", "profiles", "customer_value", "value_holdout", "personas", "persona_assignments",
          "funnel", "attribution", "voc_scores")  # fmt: skip


class PeakMemory:
    """The largest resident memory of a process and its descendants, sampled every half second."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self.done = pid, 0, threading.Event()
        threading.Thread(target=self._watch, daemon=True).start()

    def _watch(self) -> None:
        while not self.done.wait(0.5):
            self.peak = max(self.peak, sum(_rss(p) for p in _tree(self.pid)))


def _tree(root: int) -> list[int]:
    parents = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                parents[int(d.name)] = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    out, todo = [], [root]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += [c for c, pp in parents.items() if pp == p]
    return out


def _rss(pid: int) -> int:
    try:
        line = next(x for x in Path(f"/proc/{pid}/status").read_text().splitlines() if x.startswith("VmRSS"))
        return int(line.split()[1]) * 1024
    except (OSError, StopIteration):
        return 0


def run(company: Path, folder: Path, engine: str, master: str) -> tuple[float, float]:
    """Run the pipeline on ``engine`` over the company's files: (seconds, peak GB)."""
    folder.mkdir(parents=True)
    (folder / "data").symlink_to((company / "data").resolve())  # read only: a copy of 10 GB costs minutes
    doc = yaml.safe_load((company / "cxlens.yaml").read_text())
    if engine == "spark":
        doc.update(engine="spark", warehouse="warehouse", spark={"master": master})
    (folder / "cxlens.yaml").write_text(yaml.safe_dump(doc))
    cli = Path(sys.executable).with_name("cxlens")
    t0 = time.perf_counter()
    proc = subprocess.Popen([cli, "run", "-p", folder / "cxlens.yaml"], stdout=subprocess.PIPE, text=True)
    mem = PeakMemory(proc.pid)
    out, _ = proc.communicate()
    mem.done.set()
    took = time.perf_counter() - t0
    if proc.returncode:
        sys.exit(f"{engine} run failed:\n{out[-3000:]}")
    return took, mem.peak / 2**30


def tables(folder: Path, engine: str) -> duckdb.DuckDBPyConnection:
    """A connection to a run's tables; Spark's are read straight from their Parquet files."""
    if engine == "duckdb":
        return duckdb.connect(str(folder / "cxlens.duckdb"), read_only=True)
    con = duckdb.connect()
    for t in TABLES:
        if (folder / "warehouse" / "tables" / t).is_dir():
            con.sql(f"create view {t} as select * from '{folder}/warehouse/tables/{t}/*.parquet'")
    return con


HEADLINES = {
    "people": "select count(*) from profiles",
    "customers": "select count(*) from customer_value where status = 'customer'",
    "prospects": "select count(*) from customer_value where status = 'prospect'",
    "holdout predicted": "select sum(customers * predicted) from value_holdout",
    "total CLV": "select sum(clv) from customer_value",
    "persona sizes": "select list(people order by persona) from personas",
    "funnel reached (everyone)": "select list(reached order by step) from funnel where breakdown = '(all)'",
    "attribution shares (Markov)": "select list(round(share, 4) order by channel) from (select channel, "
    "conversions / sum(conversions) over () as share from attribution where model = 'markov')",
    "NPS": "select score from voc_scores where metric = 'nps' and dimension = 'all'",
}


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> object:
    try:
        row = con.sql(sql).fetchone()
        return row[0] if row else None
    except duckdb.Error as exc:
        return f"({str(exc).splitlines()[0][:40]})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--customers", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--master", default="local[2]", help="spark.master of the Spark run")
    ap.add_argument("--keep", type=Path, help="run in this folder and keep it (default: a temporary one)")
    ap.add_argument(
        "--engines",
        nargs="+",
        choices=("duckdb", "spark"),
        default=["duckdb", "spark"],
        help="run only these; the other's tables are read from an earlier run kept in --keep",
    )
    args = ap.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="cxlens-bench-spark-"))
    company = root / "company"
    if not company.exists():
        generate(company, customers=args.customers, seed=args.seed, progress=True)
    runs = {}
    for engine in args.engines:
        folder = root / engine
        shutil.rmtree(folder, ignore_errors=True)
        runs[engine] = run(company, folder, engine, args.master)
        print(f"{engine}: {runs[engine][0]:.1f} s, peak {runs[engine][1]:.2f} GB", flush=True)
    d, s = tables(root / "duckdb", "duckdb"), tables(root / "spark", "spark")
    (dt, dm), (st, sm) = (runs.get(e, (float("nan"),) * 2) for e in ("duckdb", "spark"))
    stages = "select stage, seconds from stage_runs where status = 'ran' order by finished_at"
    duck_stages, spark_stages = dict(d.sql(stages).fetchall()), dict(s.sql(stages).fetchall())
    print(f"\n{'stage':<14}{'DuckDB s':>10}{'Spark s':>10}")
    for stage in duck_stages:
        print(f"{stage:<14}{duck_stages[stage]:>10.1f}{spark_stages.get(stage, float('nan')):>10.1f}")
    print(f"{'whole run':<14}{dt:>10.1f}{st:>10.1f}\n{'peak GB':<14}{dm:>10.2f}{sm:>10.2f}\n")
    for name, sql in HEADLINES.items():
        print(f"{name:<30} DuckDB {_one(d, sql)!s:<40} Spark {_one(s, sql)}")
    pa = "select person_id, persona from persona_assignments order by person_id"
    a, b = d.sql(pa).df(), s.sql(pa).df()
    same = a.person_id.equals(b.person_id)
    ari = adjusted_rand_score(a.persona, b.persona) if same else float("nan")
    print(f"{'persona ARI between engines':<30} {ari:.4f}" + ("" if same else " (different people)"))
    label = size(args.customers)
    command = f"python bench/bench_spark.py --customers {args.customers}"
    group = f"Spark against DuckDB at {label} customers ({args.master})"
    for stage, secs in spark_stages.items() if "spark" in runs else ():
        record(group, f"Spark stage {stage}", secs, "s", command)
    if "spark" in runs:
        record(group, "Spark whole run", st, "s", command, target="< 300 s at 20k")
        record(group, "Spark peak memory (driver JVM, executors, Python)", sm, "GB", command)
    if "duckdb" in runs:
        record(group, "DuckDB whole run", dt, "s", command)
        record(group, "DuckDB peak memory", dm, "GB", command)
    record(group, "persona ARI between engines", ari, "", command, target=">= 0.95")
    if not args.keep:
        shutil.rmtree(root)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
