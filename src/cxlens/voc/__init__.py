"""Voice of the customer: NPS and CSAT with intervals, expectation signals, and what comments, tickets and
social posts say (the stage: ``stage.py``).

>>> from cxlens.voc import nps, csat, classify  # doctest: +SKIP
"""

from cxlens.voc.scores import (
    MIN_RESPONSES,
    csat,
    nps,
    nps_change,
    nps_difference,
    nps_interval,
    share_difference,
    wilson,
)
from cxlens.voc.stage import STAGE, run
from cxlens.voc.text import THEMES, classify, intent, sentiment, themes

__all__ = [
    "MIN_RESPONSES",
    "STAGE",
    "THEMES",
    "classify",
    "csat",
    "intent",
    "nps",
    "nps_change",
    "nps_difference",
    "nps_interval",
    "run",
    "sentiment",
    "share_difference",
    "themes",
    "wilson",
]
