"""Small random projects run end to end: every outcome is a result or a named error, never a traceback."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxlens import Project, pipeline
from cxlens.errors import CxlensError
from tests.conftest import write_project

names = st.sampled_from(["Ann", "José", "Zoë", "李雷", "Ørjan", "", "O'Brien"])
days = st.sampled_from(["2025-01-02", "2025-01-02", "2025-03-04T10:00:00Z", "20250610", "1735689600"])
amounts = st.sampled_from(["0", "0.00", "12.50", "$3.00", "", "100"])


@st.composite
def projects(draw) -> dict[str, pd.DataFrame]:
    """Any non-empty subset of contacts, orders, events and feedback, of 0 to 12 rows among 1 to 4 people;
    columns may be all empty, amounts all zero, every date the same day."""
    people = [f"p{i}@example.com" for i in range(draw(st.integers(1, 4)))]
    who = st.sampled_from(people)
    n = st.integers(0, 12)
    frames = {}
    if draw(st.booleans()):
        frames["contacts"] = pd.DataFrame(
            [{"contact_id": f"C{i}", "email": e, "first_name": draw(names)} for i, e in enumerate(people)]
        )
    if draw(st.booleans()):
        rows = [
            {"email": draw(who), "ordered_at": draw(days), "total": draw(amounts)} for _ in range(draw(n))
        ]
        frames["orders"] = pd.DataFrame(rows, columns=["email", "ordered_at", "total"])
    if draw(st.booleans()):
        rows = [
            {"messageId": f"m{i}", "type": "track", "event": draw(st.sampled_from(["Page Viewed", "Order"])),
             "userId": draw(who), "timestamp": draw(days)}
            for i in range(draw(n))
        ]  # fmt: skip
        frames["events"] = pd.DataFrame(rows, columns=["messageId", "type", "event", "userId", "timestamp"])
    if draw(st.booleans()) or not frames:
        rows = [
            {"response_id": f"r{i}", "email": draw(who), "submitted_at": draw(days), "kind": "nps",
             "score": draw(st.sampled_from(["0", "9", "10", ""])), "comment": draw(names)}
            for i in range(draw(n))
        ]  # fmt: skip
        columns = ["response_id", "email", "submitted_at", "kind", "score", "comment"]
        frames["feedback"] = pd.DataFrame(rows, columns=columns)
    return frames


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frames=projects())
def test_a_random_small_project_runs_or_names_what_stops_it(frames: dict[str, pd.DataFrame]):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sources = []
        for table, df in frames.items():
            df.to_csv(folder / f"{table}.csv", index=False)
            sources.append({"name": table, "table": table, "path": f"{table}.csv", "max_quarantine_share": 1})
        p = Project(write_project(folder, sources), progress=False)
        try:
            records = p.run()
        except CxlensError as exc:  # a named error about the data, not a stage's bug wrapped in one
            cause = exc.__cause__
            assert cause is None or isinstance(cause, CxlensError), repr(cause)
            return
        finally:
            p.close()
        assert [r["stage"] for r in records] == [s.name for s in pipeline.STAGES]
        assert all(r["status"] in ("ran", "skipped") for r in records)
        assert all(r["detail"] for r in records if r["status"] == "skipped")
