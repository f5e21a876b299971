"""The same ingest and overview code on a local Spark session gives what it gives on DuckDB."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
import yaml

from cxlens import Project, engine, pipeline
from cxlens.config import parse_config
from cxlens.engine import WriteError
from cxlens.engine._spark import defaults, shuffle_partitions
from cxlens.engine.base import machine_memory
from cxlens.errors import CxlensError, StageError
from cxlens.stage import Stage
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
    # the same pairs pass the typo-surviving blocking and the threshold, and the same weak links are cut
    cols = ["record_l", "record_r", "status"]
    fuzzy = [p.table("identity_fuzzy").select(*cols).to_pandas() for p in (spark_project, duck)]
    assert len(fuzzy[0]) > 20
    _same(*fuzzy, ["record_l", "record_r"])
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
    _same(
        spark_project.table("p_alive_history").to_pandas(),
        duck.table("p_alive_history").to_pandas(),
        ["person_id", "month"],
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
    """Scores, the texts' readings, expectation signals, experiment results, alerts and cohorts agree
    between the engines."""
    for table, key in (
        ("feedback_scored", ["source", "ref"]),
        ("voc_scores", ["metric", "dimension", "value"]),
        ("expectation_signals", ["persona", "period", "signal"]),
        ("experiment_units", ["experiment", "person_id"]),
        ("experiment_results", ["experiment", "metric", "method", "breakdown", "segment", "variant"]),
        ("experiment_actions", ["action"]),
        ("alerts", ["order_id"]),
        ("cohort_retention", ["by", "cohort", "period"]),
    ):
        _same(spark_project.table(table).to_pandas(), duck.table(table).to_pandas(), key)


def test_the_report_renders_from_a_spark_warehouse_with_duckdbs_figures(
    spark_project: Project, duck: Project, tmp_path
):
    import re

    kpi = re.compile(r'<div class="kpi"><b>([^<]*)</b><span>([^<]*)</span>')
    # the Spark project loaded its orders a second time (a test above): its latest load found duplicates
    again = {"rows loaded", "duplicates skipped"}
    figures = {}
    for name, p in (("spark", spark_project), ("duck", duck)):
        html = p.report(tmp_path / f"{name}.html").read_text()
        figures[name] = [(v, k) for v, k in kpi.findall(html) if k not in again]
    assert len(figures["duck"]) > 20 and figures["spark"] == figures["duck"]


def test_spark_builds_the_same_live_snapshot_and_erases_a_person(
    spark_project: Project, duck: Project, tmp_path
):
    """The live store's snapshot (profiles, identifiers, segments, habits) is the same from either warehouse,
    and erasure removes a person from a Spark warehouse as from DuckDB."""
    import sqlite3

    import orjson

    from cxlens.realtime.erase import erase_warehouse
    from cxlens.realtime.snapshot import build
    from cxlens.realtime.store import unpack

    docs, details, rest = {}, {}, {}
    for name, p in (("spark", spark_project), ("duck", duck)):
        build(p.con, tmp_path / name, recent=5)
        with sqlite3.connect(tmp_path / name) as db:
            docs[name] = {k: orjson.loads(v) for k, v in db.execute("SELECT person_id, doc FROM profiles")}
            details[name] = {k: unpack(v) for k, v in db.execute("SELECT person_id, doc FROM details")}
            rest[name] = [
                sorted(db.execute(sql).fetchall(), key=str)
                for sql in (
                    "SELECT segment, person_id, round(clv, 3), round(p_alive, 5), substr(last_seen, 1, 19)"
                    " FROM members",
                    "SELECT * FROM names",
                    "SELECT list, rank, person_id FROM lists",
                )
            ]
    assert rest["spark"] == rest["duck"]  # the pages' sort keys, names to search and start lists
    assert details["spark"].keys() == details["duck"].keys()
    for person, d in details["duck"].items():  # what a person's page shows beyond the profile
        other = details["spark"][person]
        for part, key in (
            ("links", ("records", "node", "status", "count")),
            ("timeline", ("source", "ref", "touchpoint", "device")),
        ):
            got = Counter(tuple(x.get(k) for k in key) for x in other[part])
            assert got == Counter(tuple(x.get(k) for k in key) for x in d[part]), (person, part)
        said = {x["ref"]: (x.get("text"), x.get("returned")) for x in d["timeline"] if x.get("ref")}
        assert {
            x["ref"]: (x.get("text"), x.get("returned")) for x in other["timeline"] if x.get("ref")
        } == said
        assert other["stages"] == d["stages"], person
        assert [a["month"] for a in other["alive"]] == [a["month"] for a in d["alive"]], person
        assert [a["p_alive"] for a in other["alive"]] == pytest.approx(
            [a["p_alive"] for a in d["alive"]], rel=1e-6
        )
        assert len(other["alerts"]) == len(d["alerts"]), person
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


def test_a_spark_connect_master_is_refused_with_the_reason(tmp_path):
    doc = {"engine": "spark", "sources": [{"name": "x", "table": "orders", "path": "x.csv"}]}
    doc["spark"] = {"master": "sc://cluster.example:15002"}
    with pytest.raises(CxlensError, match=r"spark.master is sc://cluster.example:15002: Spark Connect"):
        engine.connect(parse_config(doc, base_dir=tmp_path))


def test_a_project_that_sets_nothing_gets_a_driver_sized_from_the_machine(spark_con):
    """The test run's session is opened with no spark.conf: Spark's own 1 GB driver is what failed the 20k
    company's ingest; cxlens gives a local driver half the machine, as DuckDB gets."""
    session = spark_con._session
    conf = session.sparkContext.getConf()
    gib = machine_memory() / 2**30
    assert conf.get("spark.driver.memory") == f"{int(gib / 2)}g"
    assert conf.get("spark.driver.maxResultSize") == f"{max(1, int(gib / 2) // 2)}g"
    assert conf.get("spark.driver.host") == "127.0.0.1"  # local[2]: nothing listens beyond the loopback
    cores = session.sparkContext.defaultParallelism
    assert cores == 2 and session.conf.get("spark.sql.shuffle.partitions") == "4" == str(
        shuffle_partitions(2)
    )
    # a driver whose executors run elsewhere takes a quarter and listens where the cluster can reach it
    cluster = defaults("spark://10.1.2.3:7077", 64 * 2**30)
    assert cluster == {"spark.driver.memory": "16g", "spark.driver.maxResultSize": "8g"}
    assert defaults("local[*]", 2**30)["spark.driver.memory"] == "1g"  # never below Spark's own
    assert shuffle_partitions(64) == 128


def _fails_with(message: str, write: bool):
    def run(con, settings, progress):
        cause = RuntimeError(message)
        if write:  # the same cause, met while writing a table
            raise WriteError("personas", cause) from cause
        raise cause

    return Stage("personas", "Personas", run, writes=("personas",))


@pytest.mark.parametrize("write", [False, True])
@pytest.mark.parametrize(
    ("java", "named"),
    [
        (
            "An error occurred while calling o1234.collectToPython.\n"
            ": java.lang.OutOfMemoryError: Java heap space",
            "Spark ran out of Java heap (or its JVM died): spark.driver.memory is {mem}g; "
            "raise it to {twice}g in cxlens.yaml (spark: conf: spark.driver.memory: {twice}g)",
        ),
        (
            "Job aborted due to stage failure: Total size of serialized results of 3 tasks (1200.0 MiB) is "
            "bigger than spark.driver.maxResultSize (1024.0 MiB)",
            "Spark refused to send the driver a result that large: spark.driver.maxResultSize is {res}g; "
            "raise it to {res2}g",
        ),
    ],
)
def test_spark_out_of_memory_names_the_setting_to_raise(spark_con, tmp_path, monkeypatch, java, named, write):
    mem = int(spark_con._session.sparkContext.getConf().get("spark.driver.memory")[:-1])
    res = int(spark_con._session.sparkContext.getConf().get("spark.driver.maxResultSize")[:-1])
    want = named.format(mem=mem, twice=2 * mem, res=res, res2=2 * res)
    engine.drop(spark_con, "stage_runs")  # the session's warehouse is shared: only this run's record
    monkeypatch.setattr(pipeline, "STAGES", (_fails_with(java, write),))
    doc = {
        "engine": "spark",
        "warehouse": "w",
        "sources": [{"name": "x", "table": "orders", "path": "x.csv"}],
    }
    config = parse_config(doc, base_dir=tmp_path)
    with pytest.raises(StageError, match=r"^stage 'personas' failed") as info:
        pipeline.run(spark_con, config, progress=False)
    assert want in str(info.value)
    (detail,) = spark_con.table("stage_runs").to_pandas().detail
    assert want in detail


def test_splink_can_be_given_rows_twice_in_one_session(spark_con):
    """A second identity run in one process (``Project.run()`` then ``run("identity")``) registers the
    contacts with Splink again under the same name; Splink refuses a name in use."""
    import ibis

    for n in (2, 3):
        frame = engine.splink_frame(spark_con, ibis.memtable({"record": list(range(n))}), "_test_rows")
        assert sorted(frame.as_pandas_dataframe().record) == list(range(n))
    engine.drop(spark_con, "_test_rows")
