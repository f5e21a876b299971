"""Consent and suppression, the two promises to a person that batch and live must keep alike.

- **Consent** is per channel (``CHANNELS``); a profile holds ``consent_<channel>``, an identify call may carry
  it as ``consent_email`` or Segment-style ``consentEmail``. The most recent value wins, an opt-out on a tie.
- **Suppression**: an erased person's identifiers, kept as SHA-256 digests (never the identifiers) in a
  small SQLite file beside the warehouse, which erasure writes and ingest and the live service read: nothing
  that arrives later re-creates the person.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from cxlens.tables import CONSENT_CHANNELS as CHANNELS

__all__ = ["CHANNELS", "CONSENT_FIELDS", "Suppression", "consent_keys", "digest"]
CONSENT_FIELDS = tuple(f"consent_{c}" for c in CHANNELS)


def consent_keys() -> dict[str, str]:
    """Trait names an event may carry → consent field (``consentEmail`` and ``consent_email``)."""
    return {f"consent_{c}": f"consent_{c}" for c in CHANNELS} | {
        f"consent{c.title()}": f"consent_{c}" for c in CHANNELS
    }


def digest(node: str) -> str:
    """How an erased identifier is remembered: its SHA-256."""
    return hashlib.sha256(node.encode()).hexdigest()


class Suppression:
    """The suppression list at ``path``: add the identifiers of an erased person, ask whether any of some
    identifiers is suppressed, list every digest (ingest filters on them). Thread-safe."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._con: sqlite3.Connection | None = None
        self._known: set[str] = set()  # the digests, in memory: the collector asks on every request
        self._version: int | None = None  # the file's data_version when they were read

    def _db(self) -> sqlite3.Connection:
        if self._con is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._con = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._con.execute("PRAGMA journal_mode=WAL")
            self._con.execute(
                "CREATE TABLE IF NOT EXISTS suppressed (digest TEXT PRIMARY KEY, erased_at TEXT)"
            )
        return self._con

    def add(self, nodes: Iterable[str]) -> None:
        now = datetime.now(UTC).isoformat()
        rows = [(digest(n), now) for n in nodes]
        with self._lock:
            self._db().executemany("INSERT OR IGNORE INTO suppressed VALUES (?, ?)", rows)
            self._known.update(d for d, _ in rows)

    def digests(self) -> list[str]:
        """Every suppressed digest (none when nobody was ever erased)."""
        if not self.path.exists():
            return []
        with self._lock:
            return [r[0] for r in self._db().execute("SELECT digest FROM suppressed")]

    def any(self, nodes: Iterable[str]) -> bool:
        """Whether any of ``nodes`` belonged to an erased person. The digests are held in memory and read
        again when another process (``cxlens erase``) changed the file."""
        if self._con is None and not self.path.exists():
            return False
        with self._lock:
            db = self._db()
            version = db.execute("PRAGMA data_version").fetchone()[0]
            if version != self._version:
                self._known = {r[0] for r in db.execute("SELECT digest FROM suppressed")}
                self._version = version
            known = self._known
        return bool(known) and any(digest(n) in known for n in nodes)

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con, self._version = None, None
