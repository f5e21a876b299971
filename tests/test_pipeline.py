"""The pipeline runs what the data allows and records why it skipped the rest."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from cxlens import CxlensError, Project, engine, pipeline
from cxlens.errors import StageError
from cxlens.stage import Stage
from tests.conftest import write_project


def _noop(con, config, progress) -> dict:
    return {"ran": True}


def test_a_stage_whose_tables_are_missing_is_skipped_with_what_would_enable_it(tmp_path: Path, monkeypatch):
    (tmp_path / "o.csv").write_text("order_id,email,ordered_at,total\nA1,a@b.com,2025-01-02,10\n")
    p = Project(write_project(tmp_path, [{"name": "o", "table": "orders", "path": "o.csv"}]), progress=False)
    journeys = Stage("journeys", "Journeys", _noop, writes=("journeys",), needs=("events",))
    value = Stage(
        "value", "Customer value", _noop, writes=("customer_value",), needs_any=("orders", "events")
    )
    monkeypatch.setattr(pipeline, "STAGES", (*pipeline.STAGES, journeys, value))
    records = {r["stage"]: r for r in p.run()}
    assert records["ingest"]["status"] == "ran"
    assert records["journeys"]["status"] == "skipped"
    assert records["journeys"]["detail"].startswith("needs events (events: journeys, funnels")
    assert records["value"]["status"] == "ran" and records["value"]["result"] == {"ran": True}
    runs = p.table("stage_runs").to_pandas()
    assert set(runs.stage) == {s.name for s in pipeline.STAGES}  # every stage, run or skipped
    # an orders export alone is enough for people: one profile per customer email
    assert records["identity"]["status"] == records["profiles"]["status"] == "ran"
    prof = p.profile("A@B.com")
    assert (
        prof["orders"] == 1 and pd.isna(prof["first_name"]) and list(prof["identifiers"]) == ["email:a@b.com"]
    )


def test_running_one_stage_runs_what_depends_on_it(monkeypatch):
    a = Stage("a", "A", _noop, writes=("x",))
    b = Stage("b", "B", _noop, writes=("y",), needs=("x",))
    c = Stage("c", "C", _noop, writes=("z",), needs=("orders",))
    d = Stage("d", "D", _noop, writes=("w",), needs=("y",))
    monkeypatch.setattr(pipeline, "STAGES", (a, b, c, d))
    assert [s.name for s in pipeline.downstream("a")] == ["a", "b", "d"]
    with pytest.raises(CxlensError, match="no stage named 'e'; stages are: a, b, c, d"):
        pipeline.downstream("e")


def test_one_contact_and_one_identify_run_end_to_end(tmp_path: Path):
    """The smallest project: every stage runs or is skipped with its reason, and the identify's consent,
    newer than the contact's, is the profile's."""
    (tmp_path / "c.csv").write_text(
        "contact_id,email,first_name,consent_email,created_at\nC1,ann@example.com,Ann,true,2025-01-01\n"
    )
    (tmp_path / "e.jsonl").write_text(
        '{"messageId":"m1","type":"identify","userId":"U1","timestamp":"2025-03-01T10:00:00Z",'
        '"traits":{"email":"ann@example.com","consentEmail":false,"lastName":"Lee",'
        '"birthday":"1990-05-01T00:00:00.000Z","phone":"(415) 555-0100"}}\n'
    )
    sources = [
        {"name": "crm", "table": "contacts", "path": "c.csv"},
        {"name": "web", "table": "events", "path": "e.jsonl"},
    ]
    p = Project(write_project(tmp_path, sources), progress=False)
    records = p.run()
    status = {r["stage"]: (r["status"], r["detail"]) for r in records}
    assert set(status) == {s.name for s in pipeline.STAGES}
    assert all(st in ("ran", "skipped") for st, _ in status.values()), status
    assert all(detail.startswith("needs ") for st, detail in status.values() if st == "skipped"), status
    assert status["value"] == (
        "skipped",
        "needs orders (orders: who is a customer, RFM, lifetime value, P(alive) and lifecycle stages)",
    )
    assert {s for s, (st, _) in status.items() if st == "ran"} >= {
        "identity",
        "profiles",
        "segments",
        "journeys",
    }
    prof = p.profile("U1")
    assert prof["first_name"] == "Ann" and prof["last_name"] == "Lee" and prof["consent_email"] is False
    assert str(prof["birth_date"])[:10] == "1990-05-01"  # Segment's ISO date-time, cut to its date
    assert pd.isna(prof["phone"])  # a phone not in E.164 is not taken as it was typed
    assert sorted(prof["identifiers"]) == ["contact_id:C1", "email:ann@example.com", "user_id:U1"]
    assert p.table("moments_of_truth").count().execute() == 0  # empty, but a typed table all the same
    p.report(tmp_path / "r.html")  # and the report renders what there is


def _bad_personas(con, cfg, progress) -> dict:
    engine.write(con, "personas", con.table("profiles").select(persona=con.table("profiles").person_id))
    return {}


def test_a_failing_stage_is_named_with_its_table_and_recorded(tmp_path: Path, monkeypatch):
    (tmp_path / "o.csv").write_text("order_id,email,ordered_at,total\nA1,a@b.com,2025-01-02,10\n")
    p = Project(write_project(tmp_path, [{"name": "o", "table": "orders", "path": "o.csv"}]), progress=False)
    broken = Stage("personas", "Personas", _bad_personas, writes=("personas",), needs=("profiles",))
    stages = tuple(broken if s.name == "personas" else s for s in pipeline.STAGES)
    monkeypatch.setattr(pipeline, "STAGES", stages)
    with pytest.raises(StageError) as info:
        p.run()
    err = info.value
    assert err.stage == "personas" and err.table == "personas"
    assert str(err).startswith("stage 'personas' failed writing table 'personas': ConversionException")
    assert "CAST" in err.sql.upper()
    runs = p.table("stage_runs").to_pandas().set_index("stage")
    assert runs.loc["personas", "status"] == "failed" and "personas" in runs.loc["personas", "detail"]
    assert (runs.drop(index="personas").status == "ran").all()  # the stages before it, as each finished
    assert "segments" not in runs.index  # nothing after it


def test_a_stage_whose_input_is_empty_is_skipped_saying_so(tmp_path: Path):
    """An export with a header and no rows loads nothing: every stage that reads it is skipped with that
    reason, none crashes on an empty table."""
    (tmp_path / "o.csv").write_text("order_id,email,ordered_at,total\n")
    p = Project(write_project(tmp_path, [{"name": "o", "table": "orders", "path": "o.csv"}]), progress=False)
    status = {r["stage"]: (r["status"], r["detail"]) for r in p.run()}
    assert status["ingest"][0] == "ran"
    assert status["identity"] == (
        "skipped",
        "orders is empty (no rows loaded: the quarantine table holds any that were refused, with the reason)",
    )
    assert {st for s, (st, _) in status.items() if s != "ingest"} == {"skipped"}, status


def test_an_empty_survey_export_beside_orders_gives_a_voice_of_no_texts(tmp_path: Path):
    """Orders enable the voice-of-customer stage; a survey file with a header and no rows leaves it nothing
    to read, which it says as zero texts (found by test_random_projects: it used to fail on a null sum)."""
    (tmp_path / "o.csv").write_text("order_id,email,ordered_at,total\n1,a@x.com,2025-01-02,10\n")
    (tmp_path / "f.csv").write_text("response_id,email,submitted_at,kind,score,comment\n")
    sources = [
        {"name": "o", "table": "orders", "path": "o.csv"},
        {"name": "f", "table": "feedback", "path": "f.csv"},
    ]
    records = {r["stage"]: r for r in Project(write_project(tmp_path, sources), progress=False).run()}
    assert records["voc"]["status"] == "ran"
    assert records["voc"]["result"]["texts"] == 0
