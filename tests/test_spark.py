"""The same ingest and overview code on a local Spark session gives what it gives on DuckDB."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from cxlens import Project
from tests.conftest import SPARK_CONF

pytestmark = pytest.mark.spark
SOURCES = ("contacts", "orders", "order_items", "feedback", "tickets", "mentions", "events")  # every format


@pytest.fixture(scope="module")
def spark_project(company: Path, tmp_path_factory: pytest.TempPathFactory) -> Project:
    pytest.importorskip("pyspark")
    work = tmp_path_factory.mktemp("spark")
    shutil.copytree(company / "data", work / "data")
    doc = yaml.safe_load((company / "cxlens.yaml").read_text())
    doc.update(
        engine="spark",
        warehouse="warehouse",
        sources=[s for s in doc["sources"] if s["name"] in SOURCES],
        segments={"valuable_at_risk": doc["segments"]["valuable_at_risk"]},
        spark={"conf": SPARK_CONF},
    )
    (work / "cxlens.yaml").write_text(yaml.safe_dump(doc))
    p = Project(work / "cxlens.yaml", progress=False)
    p.run()
    return p


def _same(a: pd.DataFrame, b: pd.DataFrame, key: list[str]) -> None:
    def norm(df: pd.DataFrame) -> pd.DataFrame:
        df = df.sort_values(key).reset_index(drop=True)
        for c in df.columns:
            if isinstance(df[c].dtype, pd.DatetimeTZDtype) or str(df[c].dtype).startswith("datetime64"):
                df[c] = pd.to_datetime(df[c], utc=True).dt.floor("us")
        return df.astype(object).where(df.notna(), None)

    pd.testing.assert_frame_equal(norm(a), norm(b), check_dtype=False)


def test_spark_loads_the_same_rows_as_duckdb(spark_project: Project, loaded):
    duck = loaded.project
    for table, key in (
        ("contacts", ["contact_id"]),
        ("orders", ["order_id"]),
        ("order_items", ["order_id", "line"]),
        ("tickets", ["ticket_id"]),
    ):
        _same(spark_project.table(table).to_pandas(), duck.table(table).to_pandas(), key)


def test_spark_quarantines_the_same_rows_for_the_same_reasons(spark_project: Project, loaded):
    cols = ["source", "row", "field", "reason"]
    spark_q = spark_project.table("quarantine").select(*cols).to_pandas()
    duck_q = loaded.project.table("quarantine").select(*cols).to_pandas()
    _same(spark_q, duck_q[duck_q.source.isin(SOURCES)], ["source", "row"])


def test_spark_writes_the_same_overview(spark_project: Project, loaded):
    key = ["table", "column"]
    spark_f = spark_project.table("field_completeness").to_pandas()
    duck_f = loaded.project.table("field_completeness").to_pandas()
    _same(spark_f, duck_f[duck_f.table.isin(SOURCES)], key)
    spark_a = spark_project.table("activity_by_month").to_pandas()
    duck_a = loaded.project.table("activity_by_month").to_pandas()
    _same(spark_a, duck_a[duck_a.table.isin(SOURCES)], ["table", "month"])


def test_a_second_spark_ingest_loads_nothing(spark_project: Project):
    before = spark_project.table("orders").count().execute()
    reports = spark_project.ingest(["orders"])
    assert reports[0].loaded == 0 and reports[0].balanced
    assert spark_project.table("orders").count().execute() == before


@pytest.fixture(scope="module")
def duck(spark_project: Project, tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The Spark project's sources run through the whole pipeline on DuckDB."""
    work = tmp_path_factory.mktemp("duck-same-sources")
    doc = yaml.safe_load((spark_project.config.base_dir / "cxlens.yaml").read_text())
    doc.update(engine="duckdb", warehouse="cxlens.duckdb")
    shutil.copytree(spark_project.config.base_dir / "data", work / "data")
    (work / "cxlens.yaml").write_text(yaml.safe_dump(doc))
    p = Project(work / "cxlens.yaml", progress=False)
    p.run()
    return p


def test_spark_resolves_the_same_people_as_duckdb(spark_project: Project, duck: Project):
    for table, key in (("identity_records", ["record"]), ("identity_map", ["node"])):
        _same(spark_project.table(table).to_pandas(), duck.table(table).to_pandas(), key)
    cols = ["person_id", "first_name", "email", "consent_email", "orders", "tickets", "revenue"]
    _same(
        spark_project.table("profiles").select(*cols).to_pandas(),
        duck.table("profiles").select(*cols).to_pandas(),
        ["person_id"],
    )


def test_spark_values_customers_as_duckdb_does(spark_project: Project, duck: Project):
    """The Ibis summaries, RFM and lifecycle rules give the same answers on Spark, and the models the same
    input."""
    cols = [
        "person_id",
        "status",
        "stage",
        "previous_stage",
        "rfm_segment",
        "purchases",
        "frequency",
        "recency",
        "days_since_last",
        "revenue",
        "r_score",
        "fm_score",
        "p_alive",
        "clv",
        "clv_decile",
    ]
    _same(
        spark_project.table("customer_value").select(*cols).to_pandas(),
        duck.table("customer_value").select(*cols).to_pandas(),
        ["person_id"],
    )
    _same(
        spark_project.table("lifecycle_history").to_pandas(),
        duck.table("lifecycle_history").to_pandas(),
        ["person_id", "since"],
    )


def test_spark_finds_and_assigns_the_same_personas(spark_project: Project, duck: Project):
    """Features are the same Ibis on both engines, the fit sample is the same people, so the personas,
    everyone's assignment (an Ibis expression) and the segments built on them agree."""
    feats = duck.table("persona_features").columns
    _same(
        spark_project.table("persona_features").select(*feats).to_pandas(),
        duck.table("persona_features").to_pandas(),
        ["person_id"],
    )
    for table, key in (
        ("persona_assignments", ["person_id"]),
        ("segment_members", ["segment", "person_id"]),
    ):
        _same(spark_project.table(table).to_pandas(), duck.table(table).to_pandas(), key)
    cols = ["persona", "name", "people", "narrative"]
    _same(
        spark_project.table("personas").select(*cols).to_pandas(),
        duck.table("personas").select(*cols).to_pandas(),
        ["persona"],
    )


def test_spark_maps_the_same_journeys(spark_project: Project, duck: Project):
    """Touchpoints, sessions and journeys are window functions in Ibis; the funnel, pain points and
    attribution built on them agree between the engines."""
    cols = ["ref", "person_id", "touchpoint", "channel", "stage", "journey_id", "session_id", "step"]
    _same(
        spark_project.table("touchpoints").select(*cols).to_pandas(),
        duck.table("touchpoints").select(*cols).to_pandas(),
        ["ref", "touchpoint"],
    )
    cols = ["journey_id", "touchpoints", "sessions", "devices", "converted", "value", "path", "first_channel"]
    _same(
        spark_project.table("journeys").select(*cols).to_pandas(),
        duck.table("journeys").select(*cols).to_pandas(),
        ["journey_id"],
    )
    for table, key in (("funnel", ["dimension", "breakdown", "step"]), ("attribution", ["model", "channel"])):
        _same(spark_project.table(table).to_pandas(), duck.table(table).to_pandas(), key)
    cols = ["step", "dimension", "value", "entered", "continued"]
    _same(
        spark_project.table("pain_points").select(*cols).to_pandas(),
        duck.table("pain_points").select(*cols).to_pandas(),
        ["step", "dimension", "value"],
    )


def test_spark_hears_the_same_voice_and_reads_the_same_experiments(spark_project: Project, duck: Project):
    """Scores, the texts' readings, expectation signals, experiment results and alerts agree between the
    engines."""
    for table, key in (
        ("feedback_scored", ["source", "ref"]),
        ("voc_scores", ["metric", "dimension", "value"]),
        ("expectation_signals", ["persona", "period", "signal"]),
        ("experiment_units", ["experiment", "person_id"]),
        ("experiment_results", ["experiment", "metric", "method", "breakdown", "segment", "variant"]),
        ("alerts", ["order_id"]),
    ):
        _same(spark_project.table(table).to_pandas(), duck.table(table).to_pandas(), key)


def test_spark_builds_the_same_live_snapshot_and_erases_a_person(
    spark_project: Project, duck: Project, tmp_path
):
    """The live store's snapshot (profiles, identifiers, segments, habits) is the same from either warehouse,
    and erasure removes a person from a Spark warehouse as from DuckDB."""
    import sqlite3

    import orjson

    from cxlens.realtime.erase import erase_warehouse
    from cxlens.realtime.snapshot import build

    docs = {}
    for name, p in (("spark", spark_project), ("duck", duck)):
        build(p.con, tmp_path / name, recent=5)
        with sqlite3.connect(tmp_path / name) as db:
            docs[name] = {k: orjson.loads(v) for k, v in db.execute("SELECT person_id, doc FROM profiles")}
    assert docs["spark"].keys() == docs["duck"].keys()
    for person, doc in docs["duck"].items():
        other = docs["spark"][person]
        assert doc.keys() == other.keys()
        for k, v in doc.items():
            if isinstance(v, float):
                assert other[k] == pytest.approx(v, rel=1e-6), (person, k)
            elif k == "habit":
                assert other[k]["n"] == v["n"] and other[k].get("store") == v.get("store"), person
            elif k not in ("recent", "first_seen", "last_seen"):
                assert other[k] == v, (person, k)
    m = spark_project.table("identity_map").to_pandas()
    person = m[m.node.str.startswith("email:")].person_id.iloc[0]
    nodes = m[m.person_id == person].node.tolist()
    removed = erase_warehouse(spark_project.con, person, nodes)
    assert removed["profiles"] == 1 and removed["identity_map"] == len(nodes) and removed["contacts"] >= 1
    for table in ("profiles", "customer_value", "identity_map"):
        t = spark_project.table(table)
        assert not t.filter(t.person_id == person).count().execute()
