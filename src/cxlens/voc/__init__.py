"""Voice of the customer. So far: NPS and CSAT with confidence intervals, and NPS changes (``scores``).

>>> from cxlens.voc import nps, csat, nps_change  # doctest: +SKIP
"""

from cxlens.voc.scores import MIN_RESPONSES, csat, nps, nps_change, nps_interval, wilson

__all__ = ["MIN_RESPONSES", "csat", "nps", "nps_change", "nps_interval", "wilson"]
