"""The pipeline runs what the data allows and records why it skipped the rest."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from cxlens import CxlensError, Project, pipeline
from cxlens.pipeline import Stage
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
