"""Holdouts on actions: who is kept from an action so its effect can be measured, and how that is recorded.

A trigger or next-best-action type with ``holdout: 0.1`` keeps 10% of the people who qualify: the action is
recorded (in the outbox, with ``held_out: true``) but never sent. Who is kept is a stable hash of the person
and the action's name, so a person is in the same arm every time they qualify, on every server, with no
state. Each qualification is also written to the event log as a Segment ``Experiment Viewed`` call named
``action: <name>`` with the arm (``treated`` or ``held_out``) and the outcome window, so the experiments
stage reads actions as experiments with no configuration: treated against held out. A next best action's
name is ``nba_<type>`` (``nba``), so it is never held out alike with a trigger of the same name.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

PREFIX = "action: "  # an experiment whose name starts so is an action measured against its holdout
TREATED, HELD_OUT = "treated", "held_out"
NBA_WINDOW_DAYS = 30  # a next best action's outcome counts this long after it was served
LIBRARY = "cxlens"  # context.library.name of the exposure calls cxlens writes itself (they fire nothing)


def nba(action: str) -> str:
    """The name a next-best-action type is held out and measured by."""
    return f"nba_{action}"


def held_out(person: str, name: str, share: float) -> bool:
    """Whether ``person`` is kept from the action ``name``: the first 8 bytes of SHA-256 of
    ``"<name>:<person>"`` as a fraction of 2^64, below ``share``."""
    if share <= 0:
        return False
    digest = hashlib.sha256(f"{name}:{person}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < share


def exposure(
    name: str, share: float, held: bool, ids: dict, at: datetime, window_days: float, message_id: str
) -> dict:
    """The exposure call for one qualification: ``ids`` holds the ``userId``/``anonymousId`` that name the
    person (those of the event that qualified them), so identity resolves it as it resolves the event;
    ``allocation`` is the planned share of the person's arm."""
    return {
        "type": "track",
        "event": "Experiment Viewed",
        "messageId": message_id,
        **{k: v for k, v in ids.items() if k in ("userId", "anonymousId") and v},
        "timestamp": at.isoformat(),
        "properties": properties(name, share, held, window_days),
        "context": {"library": {"name": LIBRARY}},
    }


def properties(name: str, share: float, held: bool, window_days: float) -> dict:
    """An exposure's properties: the experiment (``action: <name>``), the arm, the outcome window and the
    planned share of the arm."""
    return {
        "experiment_name": PREFIX + name,
        "variation_name": HELD_OUT if held else TREATED,
        "window_days": window_days,
        "allocation": share if held else 1 - share,
    }


def is_exposure(ev: dict) -> bool:
    """Whether ``ev`` is an exposure call cxlens wrote itself."""
    return ((ev.get("context") or {}).get("library") or {}).get("name") == LIBRARY
