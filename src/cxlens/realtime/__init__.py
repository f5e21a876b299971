"""Real time: ``cxlens serve`` runs a Segment-compatible collector writing a durable log that ingest reads,
a live store of profiles updated as events arrive, the profile API, triggers with a webhook outbox, next
best action and erasure.

>>> from cxlens.realtime import create_app  # doctest: +SKIP
"""

from cxlens.realtime.collector import MAX_BATCH, MAX_EVENT, MAX_EVENTS, Rejected, key_hash, normalise
from cxlens.realtime.log import EventLog
from cxlens.realtime.service import create_app

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
