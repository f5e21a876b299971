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
import zlib
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
CREATE TABLE details (person_id TEXT PRIMARY KEY, doc BLOB);  -- the page beyond the profile (``pack``)
CREATE TABLE members (segment TEXT, person_id TEXT, clv REAL, p_alive REAL, last_seen TEXT,
    PRIMARY KEY (segment, person_id)) WITHOUT ROWID;
CREATE TABLE names (term TEXT, person_id TEXT, PRIMARY KEY (term, person_id)) WITHOUT ROWID;
CREATE TABLE lists (list TEXT, rank INTEGER, person_id TEXT, item TEXT);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""
# built after the rows (faster); the members' sort orders make a segment's page a walk along an index
INDEXES = """
CREATE INDEX ids_person ON ids(person_id);
CREATE INDEX names_person ON names(person_id);
CREATE INDEX members_person ON members(person_id);
CREATE INDEX members_clv ON members(segment, clv);
CREATE INDEX members_p_alive ON members(segment, p_alive);
CREATE INDEX members_last_seen ON members(segment, last_seen);
"""
FORMAT = "3"  # the snapshot's layout: a snapshot of another is rebuilt
SEARCHED = ("email", "phone", "user_id", "loyalty_id", "contact_id", "handle", "anonymous_id")  # kinds typed
SORTS = ("clv", "p_alive", "last_seen")  # what a segment's members can be ordered by


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
        built = self.db.execute("SELECT value FROM snap.meta WHERE key = 'built_at'").fetchone()
        layout = self.db.execute("SELECT value FROM snap.meta WHERE key = 'format'").fetchone()
        if built and layout != (FORMAT,):
            self.db.execute("DETACH DATABASE snap")  # another layout: empty until the rebuild it asks for
            create_snapshot(snap).close()
            self.db.execute("ATTACH DATABASE ? AS snap", (str(snap),))
        if not self.db.execute("SELECT 1 FROM snap.sqlite_master WHERE name = 'ids_person'").fetchone():
            self.db.executescript(INDEXES.replace("CREATE INDEX ", "CREATE INDEX snap."))

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

    def _json(self, sql: str, values: list[str]) -> list:
        """``sql``, which aggregates to one JSON value, with ``IN ({})`` over ``values``, in chunks SQLite's
        parameter limit takes. One row per chunk, so one GIL release: a thread fetching row by row waits for
        the GIL at every row while the collector's other threads run."""
        out = []
        with self.lock:
            for i in range(0, len(values), 10_000):
                part = values[i : i + 10_000]
                out.append(
                    orjson.loads(self.db.execute(sql.format(",".join("?" * len(part))), part).fetchone()[0])
                )
        return out

    def persons(self, nodes: list[str]) -> dict[str, str]:
        """node → person for the known ones among ``nodes``."""
        sql = "SELECT json_group_object(node, person_id) FROM snap.ids WHERE node IN ({})"
        return {k: v for part in self._json(sql, nodes) for k, v in part.items()}

    def docs(self, persons: list[str]) -> dict[str, dict]:
        """person → profile document for the known ones among ``persons``."""
        sql = "SELECT json_group_object(person_id, json(doc)) FROM snap.profiles WHERE person_id IN ({})"
        return {k: v for part in self._json(sql, persons) for k, v in part.items()}

    def first_seen(self, db: sqlite3.Connection, messages: list[tuple[str, str]]) -> set[str]:
        """Remember (message id, received at) pairs (inside a ``write`` transaction); return the ids not
        seen before."""
        sql = "SELECT json_group_array(message_id) FROM main.seen WHERE message_id IN ({})"
        seen = {m for part in self._json(sql, [m for m, _ in messages]) for m in part}
        fresh = {m: at for m, at in messages if m not in seen}
        many(db, "INSERT OR IGNORE INTO main.seen", list(fresh.items()))
        return set(fresh)

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

    def page(self, segment: str, sort: str, descending: bool, offset: int, limit: int) -> list[str]:
        """A page of a segment's members in the order of ``sort`` (one of ``SORTS``), unknown values last."""
        if sort not in SORTS:
            raise ValueError(f"members sort by {', '.join(SORTS)}, not {sort!r}")
        order = f"{sort} IS NULL, {sort} {'DESC' if descending else 'ASC'}, person_id"
        with self.lock:
            rows = self.db.execute(
                f"SELECT person_id FROM snap.members WHERE segment = ? ORDER BY {order} LIMIT ? OFFSET ?",
                (segment, limit, offset),
            )
            return [r[0] for r in rows]

    def detail(self, person_id: str) -> dict:
        """What the person's page shows beyond the profile (empty for someone new since the last run)."""
        with self.lock:
            row = self.db.execute("SELECT doc FROM snap.details WHERE person_id = ?", (person_id,)).fetchone()
        return unpack(row[0]) if row else {}

    def search(self, text: str, limit: int = 10) -> list[str]:
        """People whose name, or an identifier of a kind people type, starts with ``text`` (any case): a
        whole name first. Each kind is one range of an index, so it is as quick at a million people."""
        typed = text.strip()
        if not typed:
            return []
        ranges = [("SELECT person_id FROM snap.names WHERE term = ?", (typed.lower(),))]
        wanted = [("names", "term", typed.lower())]  # ids as typed (user ids have case), then lower case
        wanted += [
            ("ids", "node", f"{k}:{t}") for k in SEARCHED for t in dict.fromkeys((typed, typed.lower()))
        ]
        for table, column, start in wanted:
            ranges.append(
                (f"SELECT person_id FROM snap.{table} WHERE {column} >= ? AND {column} < ? LIMIT ?",
                 (start, start + "\U0010ffff", limit))
            )  # fmt: skip
        found: dict[str, None] = {}
        with self.lock:
            for sql, args in ranges:
                found.update(dict.fromkeys(r[0] for r in self.db.execute(sql, args)))
                if len(found) >= limit:
                    break
        return list(found)[:limit]

    def lists(self, name: str) -> list[dict]:
        """A start-page list as the last run made it (``alerts``, ``lapsed``)."""
        with self.lock:
            rows = self.db.execute("SELECT item FROM snap.lists WHERE list = ? ORDER BY rank", (name,))
            return [orjson.loads(r[0]) for r in rows]

    def outbox(self, person_id: str) -> list[dict]:
        """The actions raised for the person, newest first."""
        with self.lock:
            rows = self.db.execute(
                "SELECT id, trigger, action, channel, status, created_at, due_at, payload FROM main.actions"
                " WHERE person_id = ? ORDER BY id DESC LIMIT 100",
                (person_id,),
            ).fetchall()
        cols = ("id", "trigger", "action", "channel", "status", "created_at", "due_at", "payload")
        return [{**dict(zip(cols, r, strict=True)), "payload": orjson.loads(r[-1])} for r in rows]

    def close(self) -> None:
        with self.lock:
            self.db.close()


def pack(doc: object) -> bytes:
    """A page's details as stored: JSON, compressed (a timeline's keys repeat: a sixth of the size, so a
    million people's fit in about a gigabyte)."""
    return zlib.compress(orjson.dumps(doc), 1)


def unpack(blob: bytes) -> object:
    return orjson.loads(zlib.decompress(blob))


def put(db: sqlite3.Connection, docs: list[dict]) -> None:
    """Store profile documents (inside a ``write`` transaction), in place: no delete and insert."""
    rows = [(d["person_id"], orjson.dumps(d).decode()) for d in docs]
    many(db, "INSERT INTO snap.profiles", rows, "ON CONFLICT (person_id) DO UPDATE SET doc = excluded.doc")


def many(db: sqlite3.Connection, insert: str, rows: list[tuple], tail: str = "") -> None:
    """``insert`` ``rows`` with one multi-row statement per chunk: one step, so one GIL release, where
    ``executemany`` releases it at every row (see ``LiveStore._json``)."""
    if not rows:
        return
    width = len(rows[0])
    size = 30_000 // width  # within SQLite's 32,766 parameters
    for i in range(0, len(rows), size):
        part = rows[i : i + size]
        values = ",".join([f"({','.join('?' * width)})"] * len(part))
        db.execute(f"{insert} VALUES {values} {tail}", [v for r in part for v in r])
