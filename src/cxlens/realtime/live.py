"""Events change the live store as they arrive: identity, profile, order habits, triggers.

Identity is conservative, as the batch graph is: ids met in one event link to the person one of them already
belongs to (or to a new person), never past the per-kind caps and never on junk values. A signed-in event
(a user id with a device's anonymous id, or an alias) merges a person who holds nothing but anonymous ids
into the user's person at once, within the cap; two known people met in one event are not merged live,
which the next run decides with every guard it has.

Trust (docs/security.md): an event sent with a public (browser) write key changes only the person its own
user or device id belongs to, and may opt out of a channel but never opt in; the email in its traits links
it to no one. Events sent with a server write key, and files, are trusted.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime

import orjson
import phonenumbers

from cxlens.config import Config
from cxlens.ids import PUBLIC, candidates, event_nodes, every_node, junk_node, new_person, trait_keys
from cxlens.privacy import CHANNELS, Suppression, consent_keys
from cxlens.realtime import triggers
from cxlens.realtime.collector import ORDER_EVENT
from cxlens.realtime.store import LiveStore, many, pack, put, unpack
from cxlens.unusual import judge, remember

TRAITS = trait_keys()  # Segment's reserved traits (and our own names) → profile fields
CONSENT = consent_keys()  # consentEmail, consent_email → consent_email


def blank(person_id: str, at: str) -> dict:
    return {
        "person_id": person_id, "status": "prospect", "stage": "prospect", "first_seen": at, "last_seen": at,
        "events": 0, "orders": 0, "purchases": 0, "revenue": 0.0, "channels": [], "segments": [],
        "consent": dict.fromkeys(CHANNELS), "recent": [], "habit": {},
    }  # fmt: skip


class Live:
    """The service's view of people: ``apply`` events, ``find`` a person by any identifier."""

    def __init__(self, config: Config, store: LiveStore):
        self.config, self.store = config, store
        self.suppression = Suppression(config.suppression_path)
        self.exposures: list[dict] = []  # exposure calls of committed actions, for the service to log
        self.touched: set[str] = set()  # people whose documents an apply changed, for the service to tell
        self.population()

    def population(self) -> None:
        """Everyone's order figures from the snapshot (for judging orders)."""
        self.pop = orjson.loads(self.store.meta("population") or "{}")

    def find(self, text: str) -> str | None:
        """The person behind a person id, ``kind:value`` or a bare identifier, or None."""
        if self.store.doc(text) is not None:
            return text
        return self.store.person(candidates(text, self.config.region))

    def _junk(self, node: str) -> bool:
        return junk_node(node, self.config.identity.blocklist)

    def _usable(self, node: str, person: str, db, counts: dict[tuple[str, str], int]) -> bool:
        """Whether a new identifier may link to the person: not junk, and within its kind's cap, counting
        the person's ids in the store (through ``db``; None for a person new in this call) and those linked
        in this call, which ``counts`` (person, kind → ids) keeps."""
        if self._junk(node):
            return False
        kind = node.partition(":")[0]
        cap = self.config.identity.cap(kind)
        if cap is None:
            return True
        have = counts.get((person, kind))
        if have is None:
            have = 0
            if db is not None:
                have = db.execute(
                    "SELECT count(*) FROM snap.ids WHERE person_id = ? AND node >= ? AND node < ?",
                    (person, f"{kind}:", f"{kind};"),
                ).fetchone()[0]
        if have >= cap:
            return False
        counts[(person, kind)] = have + 1
        return True

    def unsuppressed(self, events: list[dict]) -> list[dict]:
        """The events that carry no identifier of an erased person, wherever it sits (one look-up for a
        whole request)."""
        region = self.config.region
        if not self.suppression.any(n for ev in events for n in every_node(ev, region)):  # lazy: none erased
            return events
        return [ev for ev in events if not self.suppression.any(every_node(ev, region))]

    def apply(self, events: list[dict], fire: bool = True) -> list[int]:
        """Apply collector log lines (``unsuppressed`` ones) to the store in one transaction, each message id
        once (``fire``: a first application, which may raise actions); return the actions raised. A few
        statements per call, whatever its size: each person's document is read and written once."""
        now = datetime.now(UTC)
        raised: list[int] = []
        exposures: list[dict] = []
        with self.store.write() as db:
            if fire:  # a retry of a message already applied is skipped
                fresh = self.store.first_seen(db, [(ev["messageId"], ev["receivedAt"]) for ev in events])
                kept = []
                for ev in events:  # the first of a message id twice in the call
                    if ev["messageId"] in fresh:
                        fresh.discard(ev["messageId"])
                        kept.append(ev)
                events = kept
            carried = [event_nodes(ev) for ev in events]
            outs = [_opt_out(ev) for ev in events]
            known = self.store.persons(
                list({n for nodes in carried for n in nodes} | {o[0] for o in outs if o})
            )
            docs = self.store.docs(list(set(known.values())))
            links, born, counts = [], set(), {}
            for ev, nodes, out in zip(events, carried, outs, strict=True):
                person = next((known[n] for n in nodes if n in known), None)
                if person is None or person not in docs:
                    usable = [n for n in nodes if not self._junk(n)]
                    if not usable:
                        continue
                    person = person or new_person(usable)
                    docs[person] = blank(person, ev["timestamp"])
                    born.add(person)
                for n in nodes:
                    if n not in known and self._usable(n, person, None if person in born else db, counts):
                        links.append((n, person))
                        known[n] = person
                user = ev.get("userId")  # a signed-in event (its user id is nodes[0]): devices join
                if user and len(nodes) > 1 and known.get(nodes[0]) == person:
                    for n in nodes:
                        other = known.get(n)
                        if other not in (None, person) and n.startswith("anonymous_id:") and other in docs:
                            state = (db, docs, known, links, born, counts)
                            self._merge(other, person, f"{n} met user_id:{user} in {ev['type']}", ev, state)
                doc = docs[person]
                order = self._order(ev)
                reasons = judge(order, doc.get("habit") or {}, self.pop) if order and self.pop else []
                if fire and self.config.triggers:
                    before = dict(doc)  # who they were when the event came; _update replaces, never mutates
                    self._update(doc, ev, order)
                    raised += triggers.fire(db, self.config.triggers, ev, before, now, reasons, exposures)
                else:
                    self._update(doc, ev, order)
                if out and (other := known.get(out[0])) not in (None, person) and other in docs:
                    docs[other]["consent"] = {
                        **(docs[other].get("consent") or {}),
                        **dict.fromkeys(out[1], False),
                    }
            many(db, "INSERT OR IGNORE INTO snap.ids", links)
            put(db, list(docs.values()))
        self.touched |= docs.keys()
        self.exposures += exposures  # only once the actions they record are committed
        return raised

    def _merge(self, gone: str, into: str, reason: str, ev: dict, state: tuple) -> None:
        """Merge person ``gone`` into ``into`` if ``gone`` holds nothing but anonymous ids and they fit
        within ``into``'s cap; ``state`` is ``apply``'s (connection, documents, node → person, new links,
        people born in the call, cap counts)."""
        db, docs, known, links, born, counts = state
        held = {n for n, who in links if who == gone}
        if gone not in born:
            held |= {r[0] for r in db.execute("SELECT node FROM snap.ids WHERE person_id = ?", (gone,))}
        if any(not n.startswith("anonymous_id:") for n in held):
            return  # two known people: the batch run decides, with every guard it has
        cap = self.config.identity.cap("anonymous_id")
        if cap is not None:
            have = counts.get((into, "anonymous_id"))
            if have is None:
                have = 0 if into in born else db.execute(
                    "SELECT count(*) FROM snap.ids WHERE person_id = ? AND node >= 'anonymous_id:'"
                    " AND node < 'anonymous_id;'", (into,),
                ).fetchone()[0]  # fmt: skip
            if have + len(held) > cap:
                return
            counts[(into, "anonymous_id")] = have + len(held)
        db.execute("UPDATE snap.ids SET person_id = ? WHERE person_id = ?", (into, gone))
        for table in ("members", "names"):
            db.execute(f"UPDATE OR IGNORE snap.{table} SET person_id = ? WHERE person_id = ?", (into, gone))
            db.execute(f"DELETE FROM snap.{table} WHERE person_id = ?", (gone,))
        db.execute("UPDATE snap.lists SET person_id = ? WHERE person_id = ?", (into, gone))
        db.execute("DELETE FROM snap.profiles WHERE person_id = ?", (gone,))
        self._merge_details(db, gone, into)
        links[:] = [(n, into if who == gone else who) for n, who in links]
        for n, who in list(known.items()):
            if who == gone:
                known[n] = into
        earlier = [*(docs[into].get("merged") or []), *(docs[gone].get("merged") or [])]
        docs[into] = merged(docs[into], docs.pop(gone), self.config.realtime.recent)
        docs[into]["merged"] = [*earlier, {"person_id": gone, "at": ev["timestamp"], "reason": reason}]

    def _merge_details(self, db, gone: str, into: str) -> None:
        """The page's links and timeline of ``gone`` join ``into``'s."""
        rows = dict(
            db.execute("SELECT person_id, doc FROM snap.details WHERE person_id IN (?, ?)", (gone, into))
        )
        if gone not in rows:
            return
        keep, lost = (unpack(rows[into]) if into in rows else {}), unpack(rows[gone])
        for k in ("links", "timeline", "alerts"):
            keep[k] = [*(keep.get(k) or []), *(lost.get(k) or [])]
        keep["timeline"].sort(key=lambda x: x.get("at") or "", reverse=True)
        keep.setdefault("stages", [])
        db.execute("DELETE FROM snap.details WHERE person_id = ?", (gone,))
        db.execute("INSERT OR REPLACE INTO snap.details VALUES (?, ?)", (into, pack(keep)))

    @staticmethod
    def _order(ev: dict) -> dict | None:
        """The order an event completes (Segment's "Order Completed" with a total or revenue), if any."""
        if ev["type"] != "track" or ev.get("event") != ORDER_EVENT:
            return None
        props = ev.get("properties") or {}
        total = props.get("total", props.get("revenue"))
        if not isinstance(total, int | float):
            return None
        return {
            "total": float(total),
            "hour": _when(ev["timestamp"]).hour,
            "channel": ev.get("channel") or "unknown",
            "store": props.get("store_id") or props.get("storeId"),
        }

    def _update(self, doc: dict, ev: dict, order: dict | None) -> None:
        """Follow one event on the profile, replacing (never mutating) what ``before`` shares."""
        at = ev["timestamp"]
        doc["events"] = (doc.get("events") or 0) + 1
        if _later(at, doc.get("last_seen")):
            doc["last_seen"] = at
        channel = ev.get("channel")
        if channel and channel not in (doc.get("channels") or []):
            doc["channels"] = sorted([*(doc.get("channels") or []), channel])
        for key, value in (ev.get("traits") or {}).items():
            if key in TRAITS and isinstance(value, str | int | float) and value != "":
                doc[TRAITS[key]] = self._trait(TRAITS[key], value)
            elif key in CONSENT and isinstance(value, bool) and not (value and ev.get("trust") == PUBLIC):
                doc["consent"] = {**(doc.get("consent") or {}), CONSENT[key].removeprefix("consent_"): value}
        doc["recent"] = [
            {"at": at, "touchpoint": ev.get("event") or ev["type"], "channel": channel, "stage": None,
             "source": "events", "sentiment": None, **({"value": order["total"]} if order else {})},
            *(doc.get("recent") or []),
        ][: self.config.realtime.recent]  # fmt: skip
        if order is None:
            return
        doc["orders"] = (doc.get("orders") or 0) + 1
        doc["purchases"] = (doc.get("purchases") or 0) + 1
        doc["revenue"] = (doc.get("revenue") or 0.0) + order["total"]
        doc["last_purchase"] = at[:10]
        doc["first_purchase"] = doc.get("first_purchase") or at[:10]
        if doc.get("stage") in (None, "prospect"):
            doc["stage"], doc["status"] = "new", "customer"
        habit = copy.deepcopy(doc.get("habit") or {})
        remember(order, habit)
        doc["habit"] = habit

    def _trait(self, field: str, value: object) -> object:
        value = str(value).strip()
        if field == "email":
            return value.lower()
        if field == "phone":
            try:
                number = phonenumbers.parse(value, self.config.region)
                return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            except phonenumbers.NumberParseException:
                return value
        return value


def _opt_out(ev: dict) -> tuple[str, list[str]] | None:
    """The email node and the channels a public event opts out of (an unsubscribe page names the person by
    email only): an opt-out is honoured from anyone, an opt-in never (docs/security.md)."""
    traits = ev.get("traits") if ev.get("trust") == PUBLIC else None
    if not traits or not isinstance(email := traits.get("email"), str) or not email.strip():
        return None
    off = [CONSENT[k].removeprefix("consent_") for k, v in traits.items() if k in CONSENT and v is False]
    return (f"email:{email.strip().lower()}", off) if off else None


SUMMED = ("events", "orders", "purchases", "revenue")


def merged(keep: dict, gone: dict, recent: int) -> dict:
    """Two profile documents of one person: ``keep``'s values where it has them, ``gone``'s otherwise;
    counts added, first and last times widened, channels, segments and touchpoints together."""
    out = {
        **{k: v for k, v in gone.items() if v is not None},
        **{k: v for k, v in keep.items() if v is not None},
    }
    for k in SUMMED:
        out[k] = (keep.get(k) or 0) + (gone.get(k) or 0)
    for k, pick in (("first_seen", min), ("last_seen", max), ("first_purchase", min), ("last_purchase", max)):
        values = [v for v in (keep.get(k), gone.get(k)) if v]
        if values:
            out[k] = pick(values, key=lambda v: _when(str(v)))
    for k in ("channels", "segments"):
        out[k] = sorted({*(keep.get(k) or []), *(gone.get(k) or [])})
    out["consent"] = {
        **(gone.get("consent") or {}),
        **{c: v for c, v in (keep.get("consent") or {}).items() if v is not None},
    }
    touchpoints = [*(keep.get("recent") or []), *(gone.get("recent") or [])]
    out["recent"] = sorted(touchpoints, key=lambda t: _when(str(t["at"])), reverse=True)[:recent]
    if keep.get("status") != "customer" and gone.get("status") == "customer":
        out["status"], out["stage"] = gone["status"], gone.get("stage")
    out["habit"] = keep.get("habit") or gone.get("habit") or {}
    return out


def _later(at: str, than: str | None) -> bool:
    """Whether time ``at`` is after ``than`` (or ``than`` is unknown); the collector's times, all of one
    width in UTC, compare as text."""
    if not than:
        return True
    if len(at) == len(than) == 27 and at[-1] == than[-1] == "Z":
        return at > than
    return _when(at) > _when(than)


def _when(text: str) -> datetime:
    t = datetime.fromisoformat(text)
    return t if t.tzinfo else t.replace(tzinfo=UTC)
