"""Segments: who matches each definition in ``cxlens.yaml``, kept with the day they joined; audiences
export a segment's members for one channel, leaving out everyone without consent for it.

>>> run(con, config.segments)  # doctest: +SKIP
>>> export_audience(con, config.segments, "lapsing_vips", "vips.csv", hash_ids=True)  # doctest: +SKIP
"""

from __future__ import annotations

from datetime import UTC, datetime

import ibis
import pandas as pd
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.config import Segment
from cxlens.people import view, with_segments
from cxlens.segments.events import events
from cxlens.segments.rules import compile_where
from cxlens.stage import Stage
from cxlens.tables import CUSTOMER_VALUE, PEOPLE, PERSONA_ASSIGNMENTS, PROFILES, SEGMENT_MEMBERS, declared

WRITES = (SEGMENT_MEMBERS, PEOPLE)
MEMBERS_SCHEMA = declared(SEGMENT_MEMBERS).schema


def run(con: BaseBackend, segments: dict[str, Segment] | None = None, progress: bool = False) -> dict:
    """Write ``segment_members``, where a member who was already in a segment keeps the day they joined,
    and ``people``, the people view with each person's segments."""
    segments = segments or {}
    base, (evs, as_of) = view(con), events(con)
    today = datetime.now(UTC).date()
    rules = {
        name: compile_where(s.where, base, evs, as_of, f"segments.{name}.where")
        for name, s in segments.items()
    }
    parts = [
        base.filter(rule).select("person_id", segment=ibis.literal(name), joined=ibis.literal(today))
        for name, rule in rules.items()
    ]
    new = (
        ibis.union(*parts)
        if parts
        else ibis.memtable(pd.DataFrame(columns=MEMBERS_SCHEMA.names), schema=MEMBERS_SCHEMA)
    )
    new = new.select("segment", "person_id", "joined")
    if engine.has_table(con, SEGMENT_MEMBERS):
        old = con.table(SEGMENT_MEMBERS).select("segment", "person_id", before="joined")
        new = new.left_join(old, ["segment", "person_id"]).select(
            "segment", "person_id", joined=ibis.coalesce(ibis._.before, ibis._.joined)
        )
        new = engine.scratch(con, "segment_scratch", new)
    out = engine.write(con, SEGMENT_MEMBERS, new)
    engine.drop(con, "segment_scratch")
    engine.write(con, PEOPLE, with_segments(con))
    sizes = out.group_by("segment").aggregate(n=out.count()).to_pandas()
    return {"segments": len(segments), **{f"{r.segment}": int(r.n) for r in sizes.itertuples()}}


STAGE = Stage(
    "segments",
    "Segments",
    run,
    writes=WRITES,
    needs=(PROFILES,),
    reads=(CUSTOMER_VALUE, PERSONA_ASSIGNMENTS, "events"),
    config_key="segments",
)
