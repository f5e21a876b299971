"""Personas: groups of people found in their behaviour and demographics, described as cards (the stage:
``stage.py``; the estimator: ``Personas``).
"""

from cxlens.personas.cards import busiest, describe, traits
from cxlens.personas.features import features
from cxlens.personas.model import Personas
from cxlens.personas.stage import DESCRIBE_ONLY, STAGE, reference_day, run

__all__ = [
    "DESCRIBE_ONLY",
    "STAGE",
    "Personas",
    "busiest",
    "describe",
    "features",
    "reference_day",
    "run",
    "traits",
]
