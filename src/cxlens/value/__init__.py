"""Customer value: customers and prospects, RFM, P(alive), CLV and lifecycle stages (the stage: ``stage.py``).

>>> from cxlens.value import BetaGeo, ParetoNBD, GammaGamma, clv, holdout  # doctest: +SKIP
"""

from cxlens.value.bgnbd import BetaGeo
from cxlens.value.clv import clv
from cxlens.value.gammagamma import GammaGamma
from cxlens.value.holdout import MODELS, by_frequency, holdout
from cxlens.value.lifecycle import STAGES
from cxlens.value.paretonbd import ParetoNBD
from cxlens.value.rfm import SEGMENTS
from cxlens.value.stage import MIN_CUSTOMERS, STAGE, WRITES, run
from cxlens.value.summary import purchases, summary

__all__ = [
    "MIN_CUSTOMERS",
    "MODELS",
    "SEGMENTS",
    "STAGE",
    "STAGES",
    "WRITES",
    "BetaGeo",
    "GammaGamma",
    "ParetoNBD",
    "by_frequency",
    "clv",
    "holdout",
    "purchases",
    "run",
    "summary",
]
