"""Identity resolution: one person behind the identifiers of many records (the stage: ``stage.py``)."""

from cxlens.identity.stage import STAGE, WRITES, canonical, resolve, run

__all__ = ["STAGE", "WRITES", "canonical", "resolve", "run"]
