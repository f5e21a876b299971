"""Real time: a Segment-compatible collector (``cxlens serve``) writing a durable log that ingest reads, and
alerts on orders out of their buyer's usual pattern (the ``alerts`` stage).

>>> from cxlens.realtime import create_app  # doctest: +SKIP
"""

from cxlens.realtime.anomaly import unusual_orders
from cxlens.realtime.collector import (
    MAX_BATCH,
    MAX_EVENT,
    MAX_EVENTS,
    Rejected,
    create_app,
    key_hash,
    normalise,
)
from cxlens.realtime.log import EventLog

__all__ = [
    "MAX_BATCH",
    "MAX_EVENT",
    "MAX_EVENTS",
    "EventLog",
    "Rejected",
    "create_app",
    "key_hash",
    "normalise",
    "unusual_orders",
]
