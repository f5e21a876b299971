"""Build the live store's snapshot from the warehouse: ids, one document per person, segment members, and
what the 360° pages show (each person's links, timeline, stage changes and alerts; names to search; the lists
to start from).

One Ibis query per part, read in Arrow batches, so it runs on either engine and holds one batch in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import ibis
import orjson
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.errors import CxlensError
from cxlens.ids import PERSON_PREFIX, with_person
from cxlens.people import people
from cxlens.privacy import CHANNELS
from cxlens.realtime.store import FORMAT, create_snapshot, pack
from cxlens.tables import (
    ALERTS,
    FEEDBACK_SCORED,
    IDENTITY_EDGES,
    IDENTITY_MAP,
    IDENTITY_RECORDS,
    LIFECYCLE_HISTORY,
    ORDER_HABITS,
    ORDER_POPULATION,
    P_ALIVE_HISTORY,
    PERSONAS,
    PROFILES,
    SEGMENT_MEMBERS,
    TOUCHPOINTS,
)

DROP = ("identifiers", "persona_id", "known", "as_of", "previous_stage", "clv_rank", "r_score", "f_score",
        "m_score", "fm_score", "p_alive_bgnbd", "p_no_purchase", "expected_spend", "overdue", "frequency",
        "recency", "days_since_first", "days_since_last", "monetary", "clv_decile")  # fmt: skip
CONSENTS = tuple(f"consent_{c}" for c in CHANNELS)
CHUNK = 100_000
PART = 150_000  # people whose touchpoints and links the engine gathers at once (11 GB held no million)
PERSON_PREFIX_LENGTH = len(PERSON_PREFIX)
TIMELINE = 50  # web and app events a person's page shows, the latest; all orders, answers, tickets, posts
LISTS = 20  # people on each list the start page offers


def _rows(expr: ibis.Table) -> Iterator[dict]:
    for batch in expr.to_pyarrow_batches(chunk_size=CHUNK):
        yield from batch.to_pylist()


def build(con: BaseBackend, out: Path, recent: int = 10) -> dict:
    """Write a snapshot of the warehouse to ``out``; return what it holds."""
    if not engine.has_table(con, PROFILES):
        raise CxlensError("the warehouse has no profiles yet; run `cxlens run` before `cxlens serve`")
    db = create_snapshot(out)
    ids = con.table(IDENTITY_MAP)
    for batch in ids.to_pyarrow_batches(chunk_size=CHUNK):
        db.executemany(
            "INSERT OR IGNORE INTO ids VALUES (?, ?)", zip(*batch.to_pydict().values(), strict=True)
        )
    everyone = _profiles(con)
    segments = _members(con, db, everyone) if engine.has_table(con, SEGMENT_MEMBERS) else {}
    lists = _lists(con, everyone)
    pop: dict = {}
    if engine.has_table(con, ORDER_POPULATION):
        for r in _rows(con.table(ORDER_POPULATION)):
            pop.update(m0=r["m0"], vw=r["vw"])
            pop.setdefault(r["dim"], {})[r["value"]] = r["pop"]
    people_n = 0
    for part in _parts(int(everyone.count().execute())):
        rows, details, names = [], [], []
        for r in _rows(_people(con, recent, part)):
            doc = document(r)
            rows.append((doc["person_id"], orjson.dumps(doc).decode()))
            details.append((doc["person_id"], pack(detail(r))))
            names += [(term, doc["person_id"]) for term in terms(doc)]
            if len(rows) >= CHUNK:
                _put(db, rows, details, names)
                people_n += len(rows)
                rows, details, names = [], [], []
        _put(db, rows, details, names)
        people_n += len(rows)
    db.executemany(
        "INSERT INTO lists VALUES (?, ?, ?, ?)",
        [
            (name, i, x["person_id"], orjson.dumps(x).decode())
            for name, xs in lists.items()
            for i, x in enumerate(xs)
        ],
    )
    built = datetime.now(UTC).isoformat()
    meta = {"built_at": built, "population": pop, "segments": segments, "format": FORMAT}
    if engine.has_table(con, PERSONAS):
        cards = _rows(con.table(PERSONAS).select("name", "narrative"))
        meta["personas"] = {c["name"]: (c["narrative"] or "").split(". ")[0].rstrip(".") + "." for c in cards}
    db.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [(k, v if isinstance(v, str) else orjson.dumps(v).decode()) for k, v in meta.items()],
    )
    db.commit()
    db.close()
    return {"people": people_n, "built_at": built}


def _profiles(con: BaseBackend) -> ibis.Table:
    """The people view as the live documents hold it: the columns a page shows, the persona's engagement."""
    p = people(con)
    p = p.drop(*[c for c in DROP if c in p.columns])
    if engine.has_table(con, PERSONAS) and "persona" in p.columns:
        cards = con.table(PERSONAS).select(persona="name", persona_engagement="engagement")
        p = p.left_join(cards, "persona").drop("persona_right")
    return p


def _parts(people_n: int) -> list[tuple[str, ...] | None]:
    """The snapshot is built in parts of about ``PART`` people, by the first hex digit of the person id
    (ids are ``p`` + hex digits of a digest, so the parts are even), and a last part for any other id: each
    part's lists of touchpoints and links are gathered on its own, so the engine's memory holds one part's.
    One part (None) for a small warehouse."""
    n = 1
    while n < 16 and people_n > n * PART:
        n *= 2
    if n == 1:
        return [None]
    digits = "0123456789abcdef"
    size = 16 // n
    return [tuple(digits[i : i + size]) for i in range(0, 16, size)] + [()]


def _people(con: BaseBackend, recent: int, part: tuple[str, ...] | None) -> ibis.Table:
    """One row per person of ``part`` (None: everyone): the profile document's columns, the latest
    ``recent`` touchpoints, the order habits and (``_``-named) what their page shows beyond it."""

    def mine(t: ibis.Table) -> ibis.Table:
        if part is None:
            return t
        first = t.person_id.substr(PERSON_PREFIX_LENGTH, 1)
        return t.filter(first.isin(list(part))) if part else t.filter(~first.isin(list("0123456789abcdef")))

    p = mine(_profiles(con))
    if engine.has_table(con, TOUCHPOINTS):
        t = mine(con.table(TOUCHPOINTS))
        t = t.mutate(_n=ibis.row_number().over(group_by=t.person_id, order_by=ibis.desc(t.at)))
        t = t.filter(t._n < recent)
        one = ibis.struct(
            {"at": t.at, "touchpoint": t.touchpoint, "channel": t.channel, "stage": t.stage,
             "source": t.source, "sentiment": t.sentiment}
        )  # fmt: skip
        p = p.left_join(t.group_by("person_id").aggregate(recent=one.collect()), "person_id")
        p = p.drop("person_id_right")
    if engine.has_table(con, ORDER_HABITS) and engine.has_table(con, ORDER_POPULATION):
        h = mine(con.table(ORDER_HABITS)).rename(_n="n", _s1="s1", _s2="s2", _dims="dims")
        p = p.left_join(h, "person_id").drop("person_id_right")
    for d in _details(con, mine).values():
        p = p.left_join(d, "person_id").drop("person_id_right")
    return p


def _put(db, profiles: list[tuple], details: list[tuple], names: list[tuple]) -> None:
    db.executemany("INSERT INTO profiles VALUES (?, ?)", profiles)
    db.executemany("INSERT INTO details VALUES (?, ?)", details)
    db.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)", names)


def _members(con: BaseBackend, db, p: ibis.Table) -> dict:
    """Write the segment members with what their page sorts by; return per segment its size and how many
    consented to each channel."""
    m = con.table(SEGMENT_MEMBERS).select("segment", "person_id")
    keys = p.select("person_id", *[c for c in ("clv", "p_alive", "last_seen", *CONSENTS) if c in p.columns])
    m = m.left_join(keys, "person_id").drop("person_id_right")
    for c in ("clv", "p_alive"):
        if c not in m.columns:
            m = m.mutate(**{c: ibis.null("float64")})
    m = m.mutate(last_seen=m.last_seen.cast("string"))
    db.executemany(
        "INSERT OR IGNORE INTO members VALUES (?, ?, ?, ?, ?)",
        ((r["segment"], r["person_id"], r["clv"], r["p_alive"], r["last_seen"]) for r in _rows(m)),
    )
    counts = m.group_by("segment").aggregate(
        people=m.count(),
        **{c.removeprefix("consent_"): (m[c] == True).sum() for c in CONSENTS},  # noqa: E712
    )
    out = {}
    for r in _rows(counts):
        name, people_n = r.pop("segment"), r.pop("people")
        out[name] = {"people": people_n, "consent": {k: int(v or 0) for k, v in r.items()}}
    return out


def _lists(con: BaseBackend, p: ibis.Table) -> dict[str, list[dict]]:
    """The start page's lists: the latest unusual orders and the people who lapsed most recently."""
    who = p.select(
        "person_id", "first_name", "last_name", "email", *[c for c in ("clv", "stage") if c in p.columns]
    )
    out: dict[str, list[dict]] = {}
    if engine.has_table(con, ALERTS):
        a = con.table(ALERTS).select("person_id", "order_id", "ordered_at", "total", "reasons")
        a = (
            a.order_by(ibis.desc("ordered_at"))
            .limit(LISTS)
            .left_join(who, "person_id")
            .drop("person_id_right")
        )
        out["alerts"] = [_plain(r) for r in _rows(a.order_by(ibis.desc("ordered_at")))]
    if engine.has_table(con, LIFECYCLE_HISTORY) and "stage" in who.columns:
        h = con.table(LIFECYCLE_HISTORY)
        h = h.filter(h.stage == "lapsed").group_by("person_id").aggregate(since=h.since.max())
        lapsed = who.filter(who.stage == "lapsed").join(h, "person_id")
        lapsed = lapsed.order_by([ibis.desc("since"), ibis.desc("clv")]).limit(LISTS)
        out["lapsed"] = [_plain(r) for r in _rows(lapsed)]
    return out


def _details(con: BaseBackend, mine: Callable[[ibis.Table], ibis.Table]) -> dict[str, ibis.Table]:
    """Per person (one row each, ``_``-named lists) what their page shows beyond the profile: the identity
    links of their records with status and reason, the latest touchpoints (with what was said and what
    was returned), the stage changes and the unusual orders."""
    out: dict[str, ibis.Table] = {}
    if engine.has_table(con, IDENTITY_EDGES) and engine.has_table(con, IDENTITY_RECORDS):
        e = con.table(IDENTITY_EDGES).join(mine(con.table(IDENTITY_RECORDS)), "record")
        alone = e.record.startswith("contacts:") | e.record.startswith("fuzzy:")  # a duplicate shows
        e = e.mutate(records=ibis.ifelse(alone, e.record, e.record.split(":")[0]))
        e = e.group_by("person_id", "records", "node", "status", "reason").aggregate(count=e.count())
        link = ibis.struct({c: e[c] for c in ("records", "node", "status", "reason", "count")})
        out["links"] = e.group_by("person_id").aggregate(_links=link.collect())
    if engine.has_table(con, TOUCHPOINTS) or engine.has_table(con, "orders"):
        out["timeline"] = _timeline(con, mine)
    if engine.has_table(con, LIFECYCLE_HISTORY):
        h = mine(con.table(LIFECYCLE_HISTORY))
        one = ibis.struct({"stage": h.stage, "since": h.since.cast("string")})
        out["stages"] = h.group_by("person_id").aggregate(_stages=one.collect())
    if engine.has_table(con, P_ALIVE_HISTORY):
        h = mine(con.table(P_ALIVE_HISTORY))
        one = ibis.struct({"month": h.month.cast("string"), "p_alive": h.p_alive})
        out["alive"] = h.group_by("person_id").aggregate(_alive=one.collect())
    if engine.has_table(con, ALERTS):
        a = mine(con.table(ALERTS))
        one = ibis.struct({c: a[c] for c in ("order_id", "ordered_at", "total", "reasons")})
        out["alerts"] = a.group_by("person_id").aggregate(_alerts=one.collect())
    return out


def _touchpoints(con: BaseBackend) -> ibis.Table:
    """Every touchpoint the journeys stage found; a project of orders alone has no journeys, and its
    orders are its touchpoints."""
    if engine.has_table(con, TOUCHPOINTS):
        return con.table(TOUCHPOINTS)
    o = with_person(con, "orders")
    return o.select(
        "person_id", at=o.ordered_at, source=ibis.literal("orders"), ref=o.order_id,
        touchpoint=ibis.literal("Order Placed"), channel=o.channel, stage=ibis.literal("purchase"),
        value=o.total, sentiment=ibis.null("float64"), device=ibis.null("string"), is_conversion=True,
    )  # fmt: skip


def _timeline(con: BaseBackend, mine: Callable[[ibis.Table], ibis.Table]) -> ibis.Table:
    t = mine(_touchpoints(con))
    clicks = t.source == "events"
    t = t.mutate(_n=ibis.row_number().over(group_by=[t.person_id, clicks], order_by=ibis.desc(t.at)))
    t = t.filter(~clicks | (t._n < TIMELINE)).select(
        "person_id", "at", "source", "touchpoint", "channel", "stage", "value", "sentiment",
        ref=ibis.ifelse(clicks, ibis.null("string"), t.ref),  # an event's id says nothing on a page
        device=t.device.substr(0, 8), is_conversion=ibis.ifelse(t.is_conversion, True, ibis.null("boolean")),
    )  # fmt: skip
    said = {"text": "string", "themes": "string", "intent": "string", "kind": "string", "score": "float64"}
    if engine.has_table(con, FEEDBACK_SCORED):
        f = con.table(FEEDBACK_SCORED)
        t = t.left_join(f.select("source", "ref", *said), ["source", "ref"]).drop("source_right", "ref_right")
        f = mine(f)
        posts = f.filter(f.source == "mentions").select(
            "person_id", "at", "source", "touchpoint", "channel", stage=ibis.null("string"),
            value=ibis.null("float64"), sentiment=f.sentiment, ref=f.ref, device=ibis.null("string"),
            is_conversion=ibis.null("boolean"), **{c: f[c] for c in said}
        )  # fmt: skip
        t = t.union(posts.filter(posts.person_id.notnull()))
    else:
        t = t.mutate(**{c: ibis.null(kind) for c, kind in said.items()})
    if engine.has_table(con, "order_items"):
        i = con.table("order_items")
        i = i.filter(i.returned.fill_null(False))
        back = i.group_by("order_id").aggregate(
            returned=i.count(), return_reasons=i.return_reason.collect(distinct=True).sort()
        )
        t = t.left_join(back, t.ref == back.order_id).drop("order_id")
    else:
        t = t.mutate(returned=ibis.null("int64"), return_reasons=ibis.null("array<string>"))
    one = ibis.struct({c: t[c] for c in t.columns if c != "person_id"})
    return t.group_by("person_id").aggregate(_timeline=one.collect())


def _plain(r: dict, keep_nulls: bool = True) -> dict:
    """A row as JSON can hold it: times as ISO text, no NaN (and no nulls at all unless ``keep_nulls``:
    a timeline item is mostly empty, and a million people's timelines are most of the snapshot)."""
    out = {k: (v.isoformat() if hasattr(v, "isoformat") else None if v != v else v) for k, v in r.items()}
    return out if keep_nulls else {k: v for k, v in out.items() if v is not None}


def detail(r: dict) -> dict:
    """What a person's page shows beyond the profile document, newest first."""
    timeline = [_plain(x, keep_nulls=False) for x in r.get("_timeline") or []]
    timeline.sort(key=lambda x: (x.get("at") or "", x["source"], x.get("ref") or ""), reverse=True)
    links = sorted(
        (_plain(x) for x in r.get("_links") or []), key=lambda x: (x["node"], x["records"], x["status"])
    )
    return {
        "links": links,
        "timeline": timeline,
        "stages": sorted(r.get("_stages") or [], key=lambda x: x["since"] or ""),
        "alive": sorted((_plain(x) for x in r.get("_alive") or []), key=lambda x: x["month"]),
        "alerts": sorted(
            (_plain(x) for x in r.get("_alerts") or []), key=lambda x: (x["ordered_at"], x["order_id"])
        ),
    }


def terms(doc: dict) -> list[str]:
    """What a partial name search matches a person by: their full name and each part, lower case."""
    parts = [str(doc.get(k) or "").strip().lower() for k in ("first_name", "last_name")]
    full = " ".join(x for x in parts if x)
    return list(dict.fromkeys(x for x in (full, *parts) if x))


def document(r: dict) -> dict:
    """A warehouse row as the live profile document: consent together, touchpoints newest first, the
    order habits nested, nothing missing spelled NaN."""
    doc = {k: v for k, v in r.items() if not k.startswith("_") and k not in ("recent", "segments")}
    for k, v in doc.items():
        if isinstance(v, float) and v != v:
            doc[k] = None
    doc["consent"] = {c: doc.pop(f"consent_{c}", None) for c in CHANNELS}
    doc["segments"] = sorted(r.get("segments") or [])
    recent = sorted(r.get("recent") or [], key=lambda x: x["at"], reverse=True)
    for x in recent:
        if x["sentiment"] is not None and x["sentiment"] != x["sentiment"]:
            x["sentiment"] = None
    doc["recent"] = recent
    habit = {"n": r.get("_n") or 0, "s1": r.get("_s1") or 0.0, "s2": r.get("_s2") or 0.0}
    for d in r.get("_dims") or []:
        habit.setdefault(d["dim"], {})[d["value"]] = d["k"]
    doc["habit"] = habit
    return doc
