"""Events with their person, for segment rules on behaviour in a time window."""

from __future__ import annotations

from datetime import UTC, datetime

import ibis.expr.types as ir
import pandas as pd
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.ids import event_ids, event_record
from cxlens.tables import IDENTITY_RECORDS


def events(con: BaseBackend) -> tuple[ir.Table | None, datetime]:
    """Events with their person, and the time windows end at: the latest event (else now), so a
    replayed export behaves as it did live."""
    if not engine.has_table(con, "events"):
        return None, datetime.now(UTC)
    e = event_ids(con.table("events"), "type", "event", "timestamp")
    e = e.mutate(record=event_record(e)).join(con.table(IDENTITY_RECORDS), "record")
    last = con.table("events").timestamp.max().execute()
    return e, (pd.Timestamp(last).to_pydatetime() if last is not None else datetime.now(UTC))
