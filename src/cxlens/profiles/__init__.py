"""Profiles: one row per person, assembled from every record identity gave them (the stage: ``stage.py``)."""

from cxlens.profiles.lookup import explain, match_weights
from cxlens.profiles.stage import STAGE, WRITES, run

__all__ = ["STAGE", "WRITES", "explain", "match_weights", "run"]
