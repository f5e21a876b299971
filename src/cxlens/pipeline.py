"""The pipeline: named stages run in order, each skipped with a reason when its input tables are missing.

A stage declares the tables it needs and the tables it writes; the pipeline runs what the data allows and
records every decision in `stage_runs`, which the report reads to say what was skipped and what data would
enable it. Later stages register themselves in `STAGES` in flow order.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import ibis
import pandas as pd
from ibis.backends import BaseBackend

from cxlens import engine, experiments, identity, journeys, personas, profiles, realtime, segments, value, voc
from cxlens.config import Config
from cxlens.errors import CxlensError
from cxlens.ingest import WRITES, ingest
from cxlens.schema import (
    ALERTS,
    CUSTOMER_VALUE,
    ENABLES,
    IDENTITY_RECORDS,
    LIFECYCLE_HISTORY,
    PERSONA_ASSIGNMENTS,
    PROFILES,
    STAGE_RUNS,
)


@dataclass(frozen=True)
class Stage:
    """One step of the flow. ``needs`` are tables that must exist (any one of ``needs_any``, if given)."""

    name: str
    title: str
    run: Callable[[BaseBackend, Config, bool], dict]
    writes: tuple[str, ...]
    needs: tuple[str, ...] = ()
    needs_any: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()  # used when present: re-running their writer re-runs this stage too

    def missing(self, con: BaseBackend) -> str | None:
        """Why the stage cannot run on this warehouse, or None when it can."""
        absent = [t for t in self.needs if not engine.has_table(con, t)]
        if self.needs_any and not any(engine.has_table(con, t) for t in self.needs_any):
            absent.append(" or ".join(self.needs_any))
        if not absent:
            return None
        hints = "; ".join(f"{t}: {ENABLES[t]}" for t in absent if t in ENABLES)
        return f"needs {', '.join(absent)}" + (f" ({hints})" if hints else "")


def _ingest(con: BaseBackend, config: Config, progress: bool) -> dict:
    return {"reports": ingest(con, config, progress=progress)}


def _identity(con: BaseBackend, config: Config, progress: bool) -> dict:
    return identity.resolve_graph(con, config.identity, progress=progress)


def _profiles(con: BaseBackend, config: Config, progress: bool) -> dict:
    return profiles.build_profiles(con, config.identity)


def _value(con: BaseBackend, config: Config, progress: bool) -> dict:
    return value.build_value(con, config.value, progress=progress)


def _personas(con: BaseBackend, config: Config, progress: bool) -> dict:
    return personas.build_personas(con, config.personas, progress=progress)


def _segments(con: BaseBackend, config: Config, progress: bool) -> dict:
    return segments.build_segments(con, config.segments)


def _journeys(con: BaseBackend, config: Config, progress: bool) -> dict:
    return journeys.build_journeys(con, config.journeys, progress=progress)


def _voc(con: BaseBackend, config: Config, progress: bool) -> dict:
    return voc.build_voc(con, config.voc, progress=progress)


def _alerts(con: BaseBackend, config: Config, progress: bool) -> dict:
    t = engine.write(con, ALERTS, realtime.unusual_orders(con).filter(ibis._.alert).drop("alert"))
    return {"alerts": int(t.count().execute())}


def _experiments(con: BaseBackend, config: Config, progress: bool) -> dict:
    return experiments.build_experiments(con, config.experiments, progress=progress)


STAGES: tuple[Stage, ...] = (
    Stage("ingest", "Ingest sources", _ingest, writes=WRITES),
    Stage(
        "identity",
        "Identity resolution",
        _identity,
        writes=identity.WRITES,
        needs_any=("contacts", "orders", "events", "feedback", "tickets", "mentions"),
    ),
    Stage("profiles", "Profiles", _profiles, writes=profiles.WRITES, needs=(IDENTITY_RECORDS,)),
    Stage("value", "Customer value", _value, writes=value.WRITES, needs=("orders", PROFILES)),
    Stage("personas", "Personas", _personas, writes=personas.WRITES, needs=(PROFILES, "orders")),
    Stage(
        "segments",
        "Segments",
        _segments,
        writes=segments.WRITES,
        needs=(PROFILES,),
        reads=(CUSTOMER_VALUE, PERSONA_ASSIGNMENTS, "events"),
    ),
    Stage(
        "journeys",
        "Journeys",
        _journeys,
        writes=journeys.WRITES,
        needs=(IDENTITY_RECORDS, "events"),
        reads=(CUSTOMER_VALUE, PERSONA_ASSIGNMENTS, "orders", "feedback", "tickets"),
    ),
    Stage(
        "voc",
        "Voice of the customer",
        _voc,
        writes=voc.WRITES,
        needs=(IDENTITY_RECORDS,),
        needs_any=("feedback", "tickets", "mentions", "orders"),
        reads=(CUSTOMER_VALUE, PERSONA_ASSIGNMENTS, "order_items"),
    ),
    Stage(
        "experiments",
        "Experiments",
        _experiments,
        writes=experiments.WRITES,
        needs=(IDENTITY_RECORDS, "events"),
        reads=(LIFECYCLE_HISTORY, PERSONA_ASSIGNMENTS, "orders"),
    ),
    Stage("alerts", "Unusual transactions", _alerts, writes=(ALERTS,), needs=(IDENTITY_RECORDS, "orders")),
)


def downstream(name: str) -> list[Stage]:
    """The stage called ``name`` and every later stage that reads, directly or not, what it writes."""
    names = [s.name for s in STAGES]
    if name not in names:
        raise CxlensError(f"no stage named '{name}'; stages are: {', '.join(names)}")
    start = names.index(name)
    chosen, written = [STAGES[start]], set(STAGES[start].writes)
    for s in STAGES[start + 1 :]:
        if written & {*s.needs, *s.needs_any, *s.reads}:
            chosen.append(s)
            written |= set(s.writes)
    return chosen


def run(con: BaseBackend, config: Config, stage: str | None = None, progress: bool = True) -> list[dict]:
    """Run every stage (or ``stage`` and what depends on it); return one record per stage."""
    records, run_id = [], datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%f")
    for s in downstream(stage) if stage else STAGES:
        why = s.missing(con)
        t0 = time.perf_counter()
        result = {} if why else s.run(con, config, progress)
        records.append(
            {
                "run_id": run_id,
                "stage": s.name,
                "title": s.title,
                "status": "skipped" if why else "ran",
                "detail": why or "",
                "seconds": round(time.perf_counter() - t0, 3),
                "finished_at": datetime.now(UTC),
                "result": result,
            }
        )
    frame = pd.DataFrame([{k: v for k, v in r.items() if k != "result"} for r in records])
    engine.append(con, STAGE_RUNS, ibis.memtable(frame))
    return records
