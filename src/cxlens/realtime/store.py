"""The live store: what the service answers and updates within a request, in SQLite (standard library).

The warehouse has one writer and answers a lookup by scanning, so the service keeps its own copy, in two
files beside each other:
- the **snapshot** (``<store>.profiles``): every identifier's person, one JSON document per person
  (traits, consent, value, stage, persona, segments, recent touchpoints, order habits) and segment members,
  rebuilt from the warehouse after each run (``snapshot.py``);
- the **state** (``<store>``): what only the service knows and must outlive a rebuild: the actions outbox,
  when each trigger last fired for whom, the erasures and the message ids of the last day (an SDK's retry
  is applied once). The erased identifiers are kept beside the warehouse (``privacy.Suppression``).

Events change the snapshot as they arrive (``apply``): ids met together link at once, the profile's last
seen, traits, consent and recent touchpoints follow the event. The next rebuild replaces these live edits
with what the batch pipeline concluded from the same events.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import orjson

STATE = """
CREATE TABLE IF NOT EXISTS actions (
    id INTEGER PRIMARY KEY AUTOINCREMENT, trigger TEXT, action TEXT, person_id TEXT, channel TEXT,
    payload TEXT, created_at TEXT, due_at TEXT, webhook TEXT, status TEXT, attempts INTEGER DEFAULT 0,
    next_at TEXT, last_error TEXT);
CREATE INDEX IF NOT EXISTS actions_due ON actions(status, next_at);
CREATE TABLE IF NOT EXISTS seen (message_id TEXT PRIMARY KEY, at TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS fired (trigger TEXT, person_id TEXT, at TEXT, PRIMARY KEY (trigger, person_id));
CREATE TABLE IF NOT EXISTS erasures (
    person_id TEXT, identifiers INTEGER, requested_at TEXT, warehouse TEXT, done_at TEXT);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""
SNAPSHOT = """
CREATE TABLE ids (node TEXT PRIMARY KEY, person_id TEXT) WITHOUT ROWID;
CREATE TABLE profiles (person_id TEXT PRIMARY KEY, doc TEXT);  -- rowid: documents are large rows
CREATE TABLE members (segment TEXT, person_id TEXT, PRIMARY KEY (segment, person_id)) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""
INDEXES = "CREATE INDEX ids_person ON ids(person_id);"


def snapshot_path(path: Path) -> Path:
    return path.with_name(path.name + ".profiles")


def create_snapshot(path: Path) -> sqlite3.Connection:
    """A new, empty snapshot file for a rebuild (written without a journal: it is not live until swapped)."""
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    con.executescript("PRAGMA page_size=16384; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SNAPSHOT)
    return con


class LiveStore:
    """The state and the snapshot behind one lock; every method is thread-safe."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.lock = threading.RLock()
        self.db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;"
        self.db.executescript(pragmas + STATE)
        snap = snapshot_path(self.path)
        if not snap.exists():
            create_snapshot(snap).close()
        self._attach(snap)

    def _attach(self, snap: Path) -> None:
        self.db.execute("ATTACH DATABASE ? AS snap", (str(snap),))
        # per file: without these the snapshot would fsync a rollback journal on every commit
        self.db.executescript(
            "PRAGMA snap.journal_mode=WAL; PRAGMA snap.synchronous=OFF; PRAGMA snap.cache_size=-262144;"
        )
        if not self.db.execute("SELECT 1 FROM snap.sqlite_master WHERE name = 'ids_person'").fetchone():
            self.db.execute(INDEXES.replace("ids_person", "snap.ids_person"))

    def swap(self, built: Path) -> None:
        """Make a freshly built snapshot the live one."""
        with self.lock:
            self.db.execute("DETACH DATABASE snap")
            snap = snapshot_path(self.path)
            built.replace(snap)
            self._attach(snap)

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One transaction under the lock."""
        with self.lock:
            self.db.execute("BEGIN")
            try:
                yield self.db
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")

    def meta(self, key: str) -> str | None:
        """What the snapshot records of itself: ``built_at``, ``population`` (everyone's order figures)."""
        with self.lock:
            row = self.db.execute("SELECT value FROM snap.meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def person(self, nodes: Iterable[str]) -> str | None:
        """The person behind the first of ``nodes`` that is known, or None."""
        nodes = list(nodes)
        rows = self.persons(nodes)
        return next((rows[n] for n in nodes if n in rows), None)

    def _in(self, sql: str, values: list[str]) -> list[tuple]:
        """``sql`` with ``IN ({})`` over ``values``, in chunks SQLite's parameter limit takes."""
        out = []
        with self.lock:
            for i in range(0, len(values), 10_000):
                part = values[i : i + 10_000]
                out += self.db.execute(sql.format(",".join("?" * len(part))), part).fetchall()
        return out

    def persons(self, nodes: list[str]) -> dict[str, str]:
        """node → person for the known ones among ``nodes``."""
        return dict(self._in("SELECT node, person_id FROM snap.ids WHERE node IN ({})", nodes))

    def docs(self, persons: list[str]) -> dict[str, dict]:
        """person → profile document for the known ones among ``persons``."""
        rows = self._in("SELECT person_id, doc FROM snap.profiles WHERE person_id IN ({})", persons)
        return {p: orjson.loads(d) for p, d in rows}

    def first_seen(self, db: sqlite3.Connection, messages: list[tuple[str, str]]) -> set[str]:
        """Remember (message id, received at) pairs (inside a ``write`` transaction); return the ids not
        seen before: one statement per 10,000, which answers with the rows it inserted."""
        out: set[str] = set()
        for i in range(0, len(messages), 10_000):
            part = messages[i : i + 10_000]
            rows = ",".join(["(?, ?)"] * len(part))
            sql = f"INSERT OR IGNORE INTO main.seen VALUES {rows} RETURNING message_id"
            out.update(r[0] for r in db.execute(sql, [v for m in part for v in m]))
        return out

    def doc(self, person_id: str) -> dict | None:
        with self.lock:
            row = self.db.execute(
                "SELECT doc FROM snap.profiles WHERE person_id = ?", (person_id,)
            ).fetchone()
        return orjson.loads(row[0]) if row else None

    def nodes(self, person_id: str) -> list[str]:
        with self.lock:
            return [
                r[0] for r in self.db.execute("SELECT node FROM snap.ids WHERE person_id = ?", (person_id,))
            ]

    def members(self, segment: str) -> list[str]:
        with self.lock:
            rows = self.db.execute("SELECT person_id FROM snap.members WHERE segment = ?", (segment,))
            return [r[0] for r in rows]

    def close(self) -> None:
        with self.lock:
            self.db.close()


def put(db: sqlite3.Connection, docs: list[dict]) -> None:
    """Store profile documents (inside a ``write`` transaction)."""
    rows = [(d["person_id"], orjson.dumps(d).decode()) for d in docs]
    upsert = "ON CONFLICT (person_id) DO UPDATE SET doc = excluded.doc"  # in place: no delete and insert
    db.executemany(f"INSERT INTO snap.profiles VALUES (?, ?) {upsert}", rows)
