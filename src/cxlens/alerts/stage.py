"""The alerts stage: orders far outside their buyer's usual pattern (``anomaly.unusual_orders``), and the
habits the live service judges an arriving order against (``order_habits``, ``order_population``).
"""

from __future__ import annotations

import ibis
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.alerts.anomaly import habits, orders, unusual_orders
from cxlens.stage import Stage
from cxlens.tables import ALERTS, IDENTITY_RECORDS, ORDER_HABITS, ORDER_POPULATION

WRITES = (ALERTS, ORDER_HABITS, ORDER_POPULATION)
SCRATCH = "alerts_orders"


def run(con: BaseBackend, cfg: object = None, progress: bool = False) -> dict:
    """Write ``alerts``, ``order_habits`` and ``order_population``; return how many alerts."""
    o = engine.scratch(con, SCRATCH, orders(con))  # read by every dimension's join: computed once
    try:
        t = engine.write(con, ALERTS, unusual_orders(o).filter(ibis._.alert).drop("alert"))
        person, everyone = habits(o)
        engine.write(con, ORDER_HABITS, person)
        engine.write(con, ORDER_POPULATION, everyone)
        return {"alerts": int(t.count().execute())}
    finally:
        engine.drop(con, SCRATCH)


STAGE = Stage("alerts", "Unusual transactions", run, writes=WRITES, needs=(IDENTITY_RECORDS, "orders"))
