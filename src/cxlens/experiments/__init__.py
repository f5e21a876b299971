"""Test and learn: A/B(/n) analysis (``analyze``), planning (``sample_size``) and the experiments stage
(``stage.py``).

>>> from cxlens.experiments import analyze  # doctest: +SKIP
"""

from cxlens.experiments.analysis import SampleRatioMismatch, analyze
from cxlens.experiments.plan import sample_size
from cxlens.experiments.stage import STAGE, results, run
from cxlens.experiments.units import exposures, units, with_breakdowns
from cxlens.experiments.words import METRICS, headline

__all__ = [
    "METRICS",
    "STAGE",
    "SampleRatioMismatch",
    "analyze",
    "exposures",
    "headline",
    "results",
    "run",
    "sample_size",
    "units",
    "with_breakdowns",
]
