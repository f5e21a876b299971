"""Customer journeys: touchpoints, sessions and journeys, paths, funnels, pain points, moments of truth and
multi-touch attribution (the stage: ``stage.py``).
"""

from cxlens.journeys.attribution import MODELS, attribute, conversion_probability, removal_effects
from cxlens.journeys.funnels import Step, funnel, funnel_units, summarise
from cxlens.journeys.pain import breakdown_units, moments_of_truth, pain_points, pain_voices, rank_pain
from cxlens.journeys.paths import conversion_paths, flows, journeys, paths_from, sessions
from cxlens.journeys.stage import STAGE, run
from cxlens.journeys.touchpoints import stage_map, touchpoints

__all__ = [
    "MODELS",
    "STAGE",
    "Step",
    "attribute",
    "breakdown_units",
    "conversion_paths",
    "conversion_probability",
    "flows",
    "funnel",
    "funnel_units",
    "journeys",
    "moments_of_truth",
    "pain_points",
    "pain_voices",
    "paths_from",
    "rank_pain",
    "removal_effects",
    "run",
    "sessions",
    "stage_map",
    "summarise",
    "touchpoints",
]
