"""Builds one small sample company per test session and ingests it once; tests compare against its truth."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pytest

from cxlens import Project
from cxlens.engine import DuckDB, typed
from cxlens.ingest import SourceReport
from cxlens.sample import generate

CUSTOMERS = 1500
# The one JVM of a test run takes the settings of whichever fixture starts it: none, so it runs on the
# defaults cxlens sizes from the machine (tests/test_spark.py checks them).
SPARK_CONF: dict[str, str] = {}
SEED = 7


@pytest.fixture(scope="session")
def company(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample company's folder (data/, truth/, cxlens.yaml). Treat as read-only."""
    out = tmp_path_factory.mktemp("company")
    generate(out, customers=CUSTOMERS, seed=SEED, chunk=1000, progress=False)
    return out


@pytest.fixture(scope="session")
def summary(company: Path) -> dict:
    return json.loads((company / "truth" / "summary.json").read_text())


@pytest.fixture(scope="session")
def truth(company: Path):
    """Read a truth table by name: truth("orders")."""
    cache: dict[str, pd.DataFrame] = {}

    def read(name: str) -> pd.DataFrame:
        if name not in cache:
            cache[name] = pd.read_parquet(company / "truth" / f"{name}.parquet")
        return cache[name]

    return read


@pytest.fixture(scope="session")
def company20k(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 20,000-customer sample company run through the whole pipeline: the yardstick of the persona and
    journey issues (planted effects need this many people to stand out of the noise)."""
    out = tmp_path_factory.mktemp("company20k")
    generate(out, customers=20_000, seed=5, progress=False)
    Project(out / "cxlens.yaml", progress=False).run()
    return out


@dataclass
class Loaded:
    project: Project
    reports: dict[str, SourceReport]  # by source name, from the first ingest
    spark_sql: dict[str, list[str]]  # per table written (or scratch table made), its SQL for Spark


@pytest.fixture(scope="session")
def loaded(company: Path, tmp_path_factory: pytest.TempPathFactory) -> Loaded:
    """The company run once through the pipeline on DuckDB, in a copy of its folder; every expression
    written is also compiled for Spark, so a Spark break shows without a JVM."""
    work = tmp_path_factory.mktemp("loaded")
    shutil.copytree(company / "data", work / "data")
    shutil.copy(company / "cxlens.yaml", work / "cxlens.yaml")
    p = Project(work / "cxlens.yaml", progress=False)
    sql: dict[str, list[str]] = {}
    with pytest.MonkeyPatch.context() as mp:
        for method in ("write", "append", "scratch"):
            mp.setattr(DuckDB, method, _compiled_for_spark(getattr(DuckDB, method), sql))
        records = p.run()
    return Loaded(p, {r.source: r for r in records[0]["result"]["reports"]}, sql)


def _compiled_for_spark(method, sql: dict[str, list[str]]):
    """``method`` of an engine, noting the Spark SQL of what it is given (an error's first line if the
    expression cannot be compiled for Spark)."""
    import ibis
    import ibis.expr.types as ir

    def spy(self, name, obj):
        expr = obj if isinstance(obj, ir.Table) else None
        if method.__name__ != "scratch":
            expr = typed(name, obj)
        if expr is not None:
            try:
                ibis.pyspark  # noqa: B018 - registers the PySpark compiler's options
                text = str(ibis.to_sql(expr, dialect="pyspark"))
            except Exception as exc:
                text = f"ERROR {type(exc).__name__}: {str(exc).splitlines()[0]}"
            # names Ibis makes up, and the last digits of constants summed in parallel, vary between runs
            text = re.sub(r"ibis_[a-z_]+_[a-z0-9]{26}", "ibis_table", text)
            text = re.sub(r"\d+\.\d{9,}(e-?\d+)?", lambda m: f"{float(m.group()):.8g}", text)
            sql.setdefault(name, []).append(text.replace(date.today().isoformat(), "<today>"))
        return method(self, name, obj)

    return spy


CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser build)."""
    if not Path(CHROMIUM).exists():
        pytest.fail("the browser tests need Debian's Chromium: apt-get install chromium (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


class Watched:
    """A page in a fresh browser context that records what went to the console and refuses (and records)
    every request to anywhere but this machine; ``options`` go to the context."""

    def __init__(self, browser, **options):
        self.context = browser.new_context(**options)
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route) -> None:
        if urlsplit(route.request.url).hostname in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def close(self) -> None:
        self.context.close()


def write_project(folder: Path, sources: list[dict], **extra) -> Path:
    """A project file in ``folder`` with the given sources; returns its path."""
    import yaml

    path = folder / "cxlens.yaml"
    path.write_text(yaml.safe_dump({"sources": sources, **extra}))
    return path


class Server:
    """The live service on a real socket in a thread, with the HTTP protocol `cxlens serve` uses; the
    socket listens before the thread starts, so the first request is queued rather than refused.
    ``stop()`` returns once the log is sealed."""

    def __init__(self, cfg):
        import uvicorn

        from cxlens.realtime import create_app
        from cxlens.realtime.service import Protocol

        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        sock.listen(256)
        self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._srv = uvicorn.Server(uvicorn.Config(create_app(cfg), log_level="warning", http=Protocol))
        self._thread = threading.Thread(target=self._srv.run, kwargs={"sockets": [sock]})
        self._thread.start()

    def stop(self) -> None:
        self._srv.should_exit = True
        self._thread.join()


@contextmanager
def serve(folder: Path, realtime: dict) -> Iterator[tuple[str, subprocess.Popen]]:
    """`cxlens serve` for a new project in ``folder`` collecting into ``folder``/collector, as its own
    process (so that it can be killed); its URL once the port accepts connections."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    source = {"name": "collector", "table": "events", "path": "collector/*.jsonl"}
    project = write_project(folder, [source], realtime={**realtime, "port": port})
    cli = [sys.executable, "-c", "from cxlens.cli import app; app()", "serve", "-p", str(project)]
    proc = subprocess.Popen(cli, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while True:  # readiness: the port accepts connections
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert time.monotonic() < deadline and proc.poll() is None, "cxlens serve did not start"
            time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", proc
    finally:
        if proc.poll() is None:
            proc.terminate()
        proc.wait()


@pytest.fixture(scope="session")
def spark_con(tmp_path_factory: pytest.TempPathFactory):
    """An Ibis connection to the test run's one local Spark session."""
    pytest.importorskip("pyspark")
    from cxlens import engine
    from cxlens.config import parse_config

    folder = tmp_path_factory.mktemp("spark-session")
    doc = {
        "engine": "spark",
        "warehouse": "warehouse",
        "sources": [{"name": "x", "table": "orders", "path": "x.csv"}],
        "spark": {"conf": SPARK_CONF},
    }
    return engine.connect(parse_config(doc, base_dir=folder))
