"""Cohorts: customers by the month of their first purchase, followed month by month (``stage.py``)."""

from cxlens.cohorts.stage import STAGE, WRITES, retention, run

__all__ = ["STAGE", "WRITES", "retention", "run"]
