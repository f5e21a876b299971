"""Segments: who matches each definition in ``cxlens.yaml``, and consent-aware audience exports (the stage:
``stage.py``).
"""

from cxlens.segments.audience import export_audience
from cxlens.segments.rules import SegmentError, compile_where
from cxlens.segments.stage import STAGE, run

__all__ = ["STAGE", "SegmentError", "compile_where", "export_audience", "run"]
