"""Customer journeys. So far: multi-touch attribution over conversion paths (``attribute``).

>>> from cxlens.journeys import attribute  # doctest: +SKIP
"""

from cxlens.journeys.attribution import MODELS, attribute, removal_effects

__all__ = ["MODELS", "attribute", "removal_effects"]
