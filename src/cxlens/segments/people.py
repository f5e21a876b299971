"""The table segments are tested on: one row per person with everything known about them, and events
with their person for behaviour in a time window."""

from __future__ import annotations

from datetime import UTC, datetime

import ibis.expr.types as ir
import pandas as pd
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.schema import (
    CUSTOMER_VALUE,
    IDENTITY_RECORDS,
    PERSONA_ASSIGNMENTS,
    PROFILES,
    event_ids,
    event_record,
)


def people(con: BaseBackend) -> ir.Table:
    """One row per person with every field a segment may test: profile traits and consent, value and
    lifecycle (``stage``, ``clv``, ...), and ``persona`` (its name) with ``persona_id``."""
    p = con.table(PROFILES)
    if engine.has_table(con, CUSTOMER_VALUE):
        v = con.table(CUSTOMER_VALUE)
        v = v.select("person_id", *[c for c in v.columns if c not in p.columns])
        p = p.left_join(v, "person_id").drop("person_id_right")
    if engine.has_table(con, PERSONA_ASSIGNMENTS):
        a = con.table(PERSONA_ASSIGNMENTS)
        a = a.select("person_id", persona=a.persona_name, persona_id=a.persona)
        p = p.left_join(a, "person_id").drop("person_id_right")
    return p


def events(con: BaseBackend) -> tuple[ir.Table | None, datetime]:
    """Events with their person, and the time windows end at: the latest event (else now), so a
    replayed export behaves as it did live."""
    if not engine.has_table(con, "events"):
        return None, datetime.now(UTC)
    e = event_ids(con.table("events"), "type", "event", "timestamp")
    e = e.mutate(record=event_record(e)).join(con.table(IDENTITY_RECORDS), "record")
    last = con.table("events").timestamp.max().execute()
    return e, (pd.Timestamp(last).to_pydatetime() if last is not None else datetime.now(UTC))
