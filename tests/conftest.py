"""Builds one small sample company per test session and ingests it once; tests compare against its truth."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from cxlens import Project
from cxlens.ingest import SourceReport
from cxlens.sample import generate

CUSTOMERS = 1500
# The one JVM of a test run takes the settings of whichever fixture starts it; JSON-lines events reach Spark
# as a local relation, which needs more than the default 1 GB of driver heap.
SPARK_CONF = {"spark.driver.memory": "4g"}
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


@pytest.fixture(scope="session")
def loaded(company: Path, tmp_path_factory: pytest.TempPathFactory) -> Loaded:
    """The company ingested once on DuckDB, in a copy of its folder."""
    work = tmp_path_factory.mktemp("loaded")
    shutil.copytree(company / "data", work / "data")
    shutil.copy(company / "cxlens.yaml", work / "cxlens.yaml")
    p = Project(work / "cxlens.yaml", progress=False)
    records = p.run()
    return Loaded(p, {r.source: r for r in records[0]["result"]["reports"]})


def write_project(folder: Path, sources: list[dict], **extra) -> Path:
    """A project file in ``folder`` with the given sources; returns its path."""
    import yaml

    path = folder / "cxlens.yaml"
    path.write_text(yaml.safe_dump({"sources": sources, **extra}))
    return path


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
