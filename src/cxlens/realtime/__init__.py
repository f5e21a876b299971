"""Real time: a Segment-compatible collector (``cxlens serve``) writing a durable log that ingest reads.

>>> from cxlens.realtime import create_app  # doctest: +SKIP
"""

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
]
