"""Triggers: an event (or a date, or an unusual order) meets a person who fits → an action in the outbox.

Every action is a row of the ``actions`` outbox first (the transactional outbox: it is written in the same
transaction as the event that raised it, so none is lost or doubled). Actions of a trigger with a
``webhook`` are then POSTed by the ``Deliverer``, signed with HMAC-SHA256 (header ``X-Cxlens-Signature:
t=<unix time>,v1=<hex of HMAC(secret, "<t>.<body>")>``), retried with doubling backoff; the others wait in
the outbox for ``GET /v1/actions``.

A trigger with a ``holdout`` share keeps that share of the people who qualify (``cxlens.holdout``): their
action is recorded with ``held_out: true`` and status ``held_out``, and never sent nor listed. Every
qualification, treated or held out, also yields an exposure call for the event log, so the experiments
stage measures the action against its holdout.

Who fits is judged on the profile as it was when the event arrived (a first order meets a ``prospect``).
Context rules keep messages appropriate: age bounds (an unknown age does not pass a minimum), consent for
the message channel (unknown consent does not pass), the event's channel, and a cooldown per person.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import sqlite3
import threading
import time
from datetime import UTC, date, datetime, timedelta

import httpx
import orjson

from cxlens.config import Trigger
from cxlens.holdout import exposure, held_out, is_exposure
from cxlens.privacy import CHANNELS

log = logging.getLogger("cxlens.realtime")


def age(doc: dict, today: date) -> int | None:
    born = doc.get("birth_date")
    if not born:
        return None
    b = date.fromisoformat(str(born)[:10])
    return today.year - b.year - ((today.month, today.day) < (b.month, b.day))


def fits(t: Trigger, doc: dict, today: date) -> bool:
    """Whether the person (their profile document) meets the trigger's conditions and context rules."""
    if t.stage and doc.get("stage") not in t.stage:
        return False
    if t.persona and doc.get("persona") not in t.persona:
        return False
    if t.segment and not set(t.segment) & set(doc.get("segments") or []):
        return False
    if any(doc.get(k) != v for k, v in t.traits.items()):
        return False
    if t.min_age is not None or t.max_age is not None:
        a = age(doc, today)
        if a is None or a < (t.min_age or 0) or (t.max_age is not None and a > t.max_age):
            return False
    return not (t.channel in CHANNELS and (doc.get("consent") or {}).get(t.channel) is not True)


def matches(t: Trigger, ev: dict, now: datetime) -> bool:
    """Whether an event is the trigger's: name, call type, properties, channel, and recent enough."""
    if t.on != "event" or (t.event and ev.get("event") != t.event) or (t.types and ev["type"] not in t.types):
        return False
    if is_exposure(ev):  # cxlens's own record of an action fires no action
        return False
    props = ev.get("properties") or {}
    if any(props.get(k) != v for k, v in t.properties.items()):
        return False
    if t.channels and ev.get("channel") not in t.channels:
        return False
    return datetime.fromisoformat(ev["timestamp"]) >= now - timedelta(seconds=t.within)


def fire(
    db: sqlite3.Connection,
    triggers: dict[str, Trigger],
    ev: dict,
    doc: dict,
    now: datetime,
    reasons: list[str],
    exposures: list[dict],
) -> list[int]:
    """Record the actions one applied event raises (inside the caller's transaction); their ids. The
    exposure calls of the qualifications are added to ``exposures``."""
    out = []
    ids = {"userId": ev.get("userId"), "anonymousId": ev.get("anonymousId")}
    for name, t in triggers.items():
        hit = matches(t, ev, now) or (t.on == "unusual_order" and bool(reasons))
        if hit and fits(t, doc, now.date()):
            made = enqueue(db, name, t, doc, now, {"event": _event(ev), "reasons": reasons}, ids, exposures)
            out += [made] if made else []
    return out


def _event(ev: dict) -> dict:
    return {k: ev.get(k) for k in ("messageId", "type", "event", "timestamp", "channel", "properties")}


def enqueue(
    db: sqlite3.Connection,
    name: str,
    t: Trigger,
    doc: dict,
    now: datetime,
    context: dict,
    ids: dict,
    exposures: list[dict],
) -> int | None:
    """Add an action to the outbox unless the trigger fired for this person within its cooldown; a held-out
    person's is recorded but never due. With a holdout, the exposure call (naming the person by ``ids``)
    goes to ``exposures``."""
    last = db.execute(
        "SELECT at FROM main.fired WHERE trigger = ? AND person_id = ?", (name, doc["person_id"])
    ).fetchone()
    if last and datetime.fromisoformat(last[0]) > now - timedelta(seconds=t.cooldown):
        return None
    db.execute(
        "INSERT OR REPLACE INTO main.fired VALUES (?, ?, ?)", (name, doc["person_id"], now.isoformat())
    )
    due = (now + timedelta(seconds=t.delay)).isoformat()
    held = held_out(doc["person_id"], name, t.holdout)
    status = "held_out" if held else "pending" if t.webhook else "ready"
    payload = {
        "trigger": name, "action": t.action, "channel": t.channel, "person_id": doc["person_id"],
        "first_name": doc.get("first_name"), "stage": doc.get("stage"), "persona": doc.get("persona"),
        **({"email": doc.get("email")} if t.channel == "email" else {}),
        **({"phone": doc.get("phone")} if t.channel == "sms" else {}),
        **context, "due_at": due, "held_out": held,
    }  # fmt: skip
    cur = db.execute(
        "INSERT INTO main.actions (trigger, action, person_id, channel, payload, created_at, due_at, webhook,"
        " status, next_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (name, t.action, doc["person_id"], t.channel, orjson.dumps(payload, default=str).decode(),
         now.isoformat(), due, t.webhook, status, due),
    )  # fmt: skip
    if t.holdout:
        exposures.append(
            exposure(
                name, t.holdout, held, ids, now, t.window / 86400, f"cxlens-{name}-{doc['person_id']}-{due}"
            )
        )
    return cur.lastrowid


def anniversaries(
    db: sqlite3.Connection, triggers: dict[str, Trigger], now: datetime, exposures: list[dict]
) -> list[int]:
    """Fire the anniversary triggers for everyone whose date (``member since``) falls today, a year or
    more ago; exposures name the person by their user id (none: no exposure, as nothing names them)."""
    out = []
    today = now.date()
    for name, t in triggers.items():
        if t.on != "anniversary":
            continue
        rows = db.execute(
            "SELECT doc FROM snap.profiles WHERE substr(json_extract(doc, ?), 6, 5) = ?"
            " AND substr(json_extract(doc, ?), 1, 4) < ?",
            (f"$.{t.date}", today.strftime("%m-%d"), f"$.{t.date}", str(today.year)),
        )
        for (text,) in rows.fetchall():
            doc = orjson.loads(text)
            if fits(t, doc, today):
                years = today.year - int(str(doc[t.date])[:4])
                user = next((n[8:] for n in doc.get("identifiers") or [] if n.startswith("user_id:")), None)
                context = {"years": years, "since": str(doc[t.date])[:10]}
                made = enqueue(db, name, t, doc, now, context, {"userId": user}, exposures if user else [])
                out += [made] if made else []
    return out


def signature(secret: str, body: bytes, at: int) -> str:
    """The ``X-Cxlens-Signature`` header value for ``body`` sent at unix time ``at``."""
    mac = hmac.new(secret.encode(), f"{at}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={at},v1={mac}"


class Deliverer(threading.Thread):
    """POSTs due webhook actions, retrying failures after ``backoff`` × 2^(attempt − 1) seconds."""

    def __init__(self, store, triggers: dict[str, Trigger], attempts: int, backoff: float):
        super().__init__(name="cxlens-webhooks", daemon=True)
        self.store, self.triggers, self.attempts, self.backoff = store, triggers, attempts, backoff
        self.woken, self.stopping = threading.Event(), threading.Event()
        self.client = httpx.Client(timeout=10.0)

    def wake(self) -> None:
        self.woken.set()

    def stop(self) -> None:
        self.stopping.set()
        self.woken.set()
        self.join(timeout=15)
        self.client.close()

    def run(self) -> None:
        while not self.stopping.is_set():
            wait = self.deliver_due()
            self.woken.wait(timeout=wait)
            self.woken.clear()

    def deliver_due(self) -> float:
        """Send every due action; return the seconds until the next one is due (at most 60)."""
        now = datetime.now(UTC).isoformat()
        with self.store.lock:
            due = self.store.db.execute(
                "SELECT id, trigger, webhook, payload, attempts FROM main.actions"
                " WHERE status = 'pending' AND next_at <= ? ORDER BY next_at LIMIT 100",
                (now,),
            ).fetchall()
        for row in due:
            self._send(*row)
        with self.store.lock:
            nxt = self.store.db.execute(
                "SELECT min(next_at) FROM main.actions WHERE status = 'pending'"
            ).fetchone()[0]
        if nxt is None:
            return 60.0
        return min(60.0, max(0.0, (datetime.fromisoformat(nxt) - datetime.now(UTC)).total_seconds()))

    def _send(self, action_id: int, trigger: str, url: str, payload: str, attempts: int) -> None:
        t = self.triggers.get(trigger)
        secret = os.environ.get(t.secret_env, "") if t and t.secret_env else ""
        body = orjson.dumps({"id": action_id, **orjson.loads(payload)})
        error = None
        if not secret:
            error = f"the environment variable {t.secret_env if t else '?'} holding the secret is not set"
        else:
            headers = {
                "content-type": "application/json",
                "x-cxlens-signature": signature(secret, body, int(time.time())),
            }
            try:
                r = self.client.post(url, content=body, headers=headers)
                error = None if r.is_success else f"HTTP {r.status_code}"
            except httpx.HTTPError as exc:
                error = type(exc).__name__
        attempts += 1
        with self.store.write() as db:
            if error is None:
                db.execute(
                    "UPDATE main.actions SET status = 'sent', attempts = ?, last_error = NULL WHERE id = ?",
                    (attempts, action_id),
                )
                return
            later = datetime.now(UTC) + timedelta(seconds=self.backoff * 2 ** (attempts - 1))
            status = "failed" if attempts >= self.attempts else "pending"
            db.execute(
                "UPDATE main.actions SET status = ?, attempts = ?, next_at = ?, last_error = ? WHERE id = ?",
                (status, attempts, later.isoformat(), error, action_id),
            )
        log.warning("webhook for action %s (%s) failed: %s; attempt %s of %s", action_id, trigger, error,
                    attempts, self.attempts)  # fmt: skip
