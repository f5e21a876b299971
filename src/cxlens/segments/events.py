"""Events with their person, for segment rules on behaviour in a time window."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import ibis.expr.types as ir
import pandas as pd
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.ids import event_ids, event_record
from cxlens.tables import CUSTOMER_VALUE, IDENTITY_RECORDS


def events(con: BaseBackend) -> tuple[ir.Table | None, datetime]:
    """Events with their person, and the time windows end at: the end of the run's as-of day (the value
    stage's), so a replayed export behaves as it did live and no single event stamped in the future moves
    the windows; without value figures, the latest event, never past now."""
    now = datetime.now(UTC)
    if not engine.has_table(con, "events"):
        return None, now
    e = event_ids(con.table("events"), "type", "event", "timestamp")
    e = e.mutate(record=event_record(e)).join(con.table(IDENTITY_RECORDS), "record")
    if engine.has_table(con, CUSTOMER_VALUE):
        day = con.table(CUSTOMER_VALUE).as_of.max().execute()
        if day is not None and not pd.isna(day):
            return e, datetime.combine(pd.Timestamp(day).date() + timedelta(days=1), time(), UTC)
    last = con.table("events").timestamp.max().execute()
    return e, (min(pd.Timestamp(last).to_pydatetime(), now) if last is not None else now)
