"""The pipeline on a Spark standalone cluster (a master and one worker on the loopback, started with the
scripts that ship in PySpark) gives DuckDB's answers, in tables DuckDB reads straight from the warehouse."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest
import yaml

from cxlens import Project
from cxlens.config import parse_config
from cxlens.engine import Spark
from cxlens.sample import generate

pytestmark = pytest.mark.spark
SOURCES = ("contacts", "orders", "order_items")  # enough for identity, profiles, value and personas
TABLES = ("identity_map", "customer_value", "profiles", "persona_assignments")  # compared with DuckDB's
CUSTOMERS = 400  # a small company: what is measured is that the work runs on the cluster, and agrees
READY = 120  # seconds a daemon may take to say it is up; a daemon that never does fails the test


class Daemon:
    """A Spark daemon whose log is read as it is written, so a test waits for a line rather than a time."""

    def __init__(self, cls: str, *args: str, env: dict[str, str]) -> None:
        spark_class = Path(env["SPARK_HOME"]) / "bin" / "spark-class"
        self.lines: list[str] = []
        self._want: tuple[str, threading.Event] | None = None
        self.proc = subprocess.Popen(
            ["bash", str(spark_class), cls, *args],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stderr:
            with self._lock:
                self.lines.append(line)
                if self._want and self._want[0] in line:
                    self._want[1].set()

    def wait_for(self, text: str) -> None:
        seen = threading.Event()
        with self._lock:
            if any(text in line for line in self.lines):
                return
            self._want = (text, seen)
        if not seen.wait(READY):
            self.stop()
            raise AssertionError(f"no {text!r} from {self.proc.args[2]}:\n{''.join(self.lines[-30:])}")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(30)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Daemon]]:
    """``spark://127.0.0.1:PORT`` of a running master with one 2-core worker, and the worker."""
    pyspark = pytest.importorskip("pyspark")
    env = {
        **os.environ,
        "SPARK_HOME": str(Path(pyspark.__file__).parent),
        "SPARK_LOCAL_IP": "127.0.0.1",
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
    }
    port = _free_port()
    url = f"spark://127.0.0.1:{port}"
    master = Daemon(
        "org.apache.spark.deploy.master.Master",
        *("--host", "127.0.0.1", "--port", str(port), "--webui-port", "0"),
        env=env,
    )
    master.wait_for("I have been elected leader")
    worker = Daemon(
        "org.apache.spark.deploy.worker.Worker",
        url,
        *("--host", "127.0.0.1", "--webui-port", "0", "--cores", "2", "--memory", "2g"),
        *("--work-dir", str(tmp_path_factory.mktemp("spark-worker"))),
        env=env,
    )
    try:
        worker.wait_for("Successfully registered with master")
        yield url, worker
    finally:
        worker.stop()
        master.stop()


def _project(company: Path, folder: Path, **extra) -> Path:
    shutil.copytree(company / "data", folder / "data")
    doc = yaml.safe_load((company / "cxlens.yaml").read_text())
    doc.update(sources=[s for s in doc["sources"] if s["name"] in SOURCES], segments={}, **extra)
    path = folder / "cxlens.yaml"
    path.write_text(yaml.safe_dump(doc))
    return path


def test_the_pipeline_runs_on_a_standalone_cluster_and_gives_duckdbs_answers(
    cluster: tuple[str, Daemon], tmp_path: Path
):
    url, worker = cluster
    company = tmp_path / "company"
    generate(company, customers=CUSTOMERS, seed=11, progress=False)
    spark = _project(
        company,
        tmp_path / "spark",
        engine="spark",
        warehouse="warehouse",
        spark={"master": url, "conf": {"spark.executor.memory": "1g"}},
    )
    # its own process: this one's JVM is the local session of the rest of the Spark suite
    before = datetime.now(UTC)
    run = subprocess.run(
        [str(Path(sys.executable).parent / "cxlens"), "run", "-p", str(spark)],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    worker.wait_for("Asked to launch executor")  # the work ran on the worker, not in the driver
    # `cxlens serve` sees the run finished after ``before``: each stage's record is a file under stage_runs
    cfg = parse_config(yaml.safe_load(spark.read_text()), base_dir=spark.parent)
    assert Spark.changed_since(cfg, before) and not Spark.changed_since(cfg, datetime.now(UTC))

    duck = Project(_project(company, tmp_path / "duck"), progress=False)
    duck.run()
    # what Spark wrote is plain Parquet under warehouse/tables/<table>: DuckDB reads it with no Spark
    tables = tmp_path / "spark" / "warehouse" / "tables"
    read = duckdb.connect()

    def spark_rows(sql: str) -> list[tuple]:
        return read.sql(sql.format(**{t: f"'{tables / t}/*.parquet'" for t in TABLES})).fetchall()

    def duck_rows(sql: str) -> list[tuple]:
        con = duck.con.con  # the DuckDB connection under Ibis
        return con.sql(sql.format(**{t: t for t in TABLES})).fetchall()

    for sql in (
        "select count(*), count(distinct person_id) from {identity_map}",
        "select status, count(*) from {customer_value} group by 1 order by 1",
        "select count(*), round(sum(revenue), 2) from {profiles}",
        "select persona, count(*) from {persona_assignments} group by 1 order by 1",
    ):
        assert spark_rows(sql) == duck_rows(sql), sql
