"""The pipeline: the stages' own declarations, run in flow order, each skipped with a reason when its input
tables are missing.

Every stage's row goes to ``stage_runs`` as the stage finishes (ran, skipped or failed, and why; a stage that
ran in part says what did not under ``warnings`` in its result), which the report reads to say what was
skipped and what data would enable it. A stage that raises stops the run with a
:class:`StageError` naming the stage, the table it was writing and, where there is one, the SQL.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pandas as pd
from ibis.backends import BaseBackend

from cxlens import (
    alerts,
    cohorts,
    engine,
    experiments,
    identity,
    ingest,
    journeys,
    personas,
    profiles,
    segments,
    value,
    voc,
)
from cxlens.config import Config
from cxlens.engine import WriteError
from cxlens.errors import CxlensError, StageError
from cxlens.stage import Stage
from cxlens.tables import STAGE_RUNS

STAGES: tuple[Stage, ...] = (
    ingest.STAGE,
    identity.STAGE,
    profiles.STAGE,
    value.STAGE,
    personas.STAGE,
    segments.STAGE,
    journeys.STAGE,
    voc.STAGE,
    experiments.STAGE,
    alerts.STAGE,
    cohorts.STAGE,
)


def stage(name: str) -> Stage:
    """The stage called ``name``."""
    for s in STAGES:
        if s.name == name:
            return s
    raise CxlensError(f"no stage named '{name}'; stages are: {', '.join(s.name for s in STAGES)}")


def downstream(name: str) -> list[Stage]:
    """The stage called ``name`` and every later stage that reads, directly or not, what it writes."""
    first = stage(name)
    start = STAGES.index(first)
    chosen, written = [first], set(first.writes)
    for s in STAGES[start + 1 :]:
        if written & {*s.needs, *s.needs_any, *s.reads}:
            chosen.append(s)
            written |= set(s.writes)
    return chosen


def _record(con: BaseBackend, run_id: str, s: Stage, status: str, detail: str, seconds: float) -> dict:
    row = {
        "run_id": run_id,
        "stage": s.name,
        "title": s.title,
        "status": status,
        "detail": detail,
        "seconds": round(seconds, 3),
        "finished_at": datetime.now(UTC),
    }
    engine.append(con, STAGE_RUNS, pd.DataFrame([row]))
    return row


def run(con: BaseBackend, config: Config, name: str | None = None, progress: bool = True) -> list[dict]:
    """Run every stage (or ``name`` and what depends on it); return one record per stage, with the stage's
    headline counts under ``result``."""
    records, run_id = [], datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%f")
    for s in downstream(name) if name else STAGES:
        present = set(con.list_tables())
        inputs = present.intersection((*s.needs, *s.needs_any))
        why = s.missing(present, {t for t in inputs if not engine.rows(con, t)})
        t0 = time.perf_counter()
        if why:
            records.append({**_record(con, run_id, s, "skipped", why, 0.0), "result": {}})
            continue
        settings = getattr(config, s.config_key) if s.config_key else config
        try:
            result = s.run(con, settings, progress)
        except CxlensError as exc:  # the user's input: its message already names the thing
            if not isinstance(exc, WriteError):
                _record(con, run_id, s, "failed", str(exc), time.perf_counter() - t0)
                raise
            named = engine.named(con, exc.__cause__ or exc)
            _record(con, run_id, s, "failed", str(named or exc), time.perf_counter() - t0)
            raise StageError(s.name, exc.table, named or exc.__cause__ or exc, exc.sql) from exc
        except Exception as exc:
            named = engine.named(con, exc)
            said = str(named) if named else f"{type(exc).__name__}: {exc}"
            _record(con, run_id, s, "failed", said, time.perf_counter() - t0)
            raise StageError(s.name, None, named or exc) from exc
        warned = "; ".join(result.get("warnings", ()))  # what ran in part, e.g. a model that could not fit
        records.append({**_record(con, run_id, s, "ran", warned, time.perf_counter() - t0), "result": result})
    return records
