"""Test and learn. So far: analysis of an A/B(/n) test from assignment and outcome data (``analyze``).

>>> from cxlens.experiments import analyze  # doctest: +SKIP
"""

from cxlens.experiments.analysis import SampleRatioMismatch, analyze

__all__ = ["SampleRatioMismatch", "analyze"]
