"""The first derived tables: how complete each canonical column is, and activity per table and month.

Both are plain Ibis aggregations, so they are the proof that ingest's output runs unchanged on DuckDB and
Spark. The report turns them into the "data gaps" chart and the activity timeline.
"""

from __future__ import annotations

import ibis
import pandas as pd
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.tables import ACTIVITY_BY_MONTH, FIELD_COMPLETENESS, TABLES

# The column that dates each table's rows.
DATED = {
    "contacts": "created_at",
    "events": "timestamp",
    "orders": "ordered_at",
    "feedback": "submitted_at",
    "tickets": "opened_at",
    "mentions": "posted_at",
}


def overview(con: BaseBackend) -> None:
    """Write `field_completeness` and `activity_by_month` for the canonical tables that exist."""
    present = [name for name in TABLES if engine.has_table(con, name)]
    frames = []
    for name in present:
        t = con.table(name)
        cols = TABLES[name].columns
        agg = t.aggregate(_rows=t.count(), **{c: t[c].count() for c in cols}).to_pandas().iloc[0]
        rows = int(agg["_rows"])
        frames.append(
            pd.DataFrame(
                {
                    "table": name,
                    "column": cols,
                    "rows": rows,
                    "filled": [int(agg[c]) for c in cols],
                    "share": [int(agg[c]) / rows if rows else 0.0 for c in cols],
                    "required": [TABLES[name].field(c).required for c in cols],
                }
            )
        )
    if frames:
        engine.write(con, FIELD_COMPLETENESS, pd.concat(frames, ignore_index=True))
    parts = []
    for name in present:
        if name in DATED:
            t = con.table(name)
            month = t[DATED[name]].truncate("M").cast("date").name("month")
            parts.append(t.group_by(month).aggregate(rows=t.count()).mutate(table=ibis.literal(name)))
    if parts:
        engine.write(
            con,
            ACTIVITY_BY_MONTH,
            ibis.union(*parts).select("table", "month", "rows").order_by(["table", "month"]),
        )
