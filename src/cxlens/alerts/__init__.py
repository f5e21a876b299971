"""Alerts: transactions out of a person's usual pattern (the stage: ``stage.py``; the rule: ``anomaly.py``
and ``cxlens/unusual.py``)."""

from cxlens.alerts.anomaly import habits, orders, unusual_orders
from cxlens.alerts.stage import STAGE, WRITES, run

__all__ = ["STAGE", "WRITES", "habits", "orders", "run", "unusual_orders"]
