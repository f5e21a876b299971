"""Build the live store's snapshot from the warehouse: ids, one document per person, segment members.

One Ibis query per part, read in Arrow batches, so it runs on either engine and holds one batch in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import ibis
import orjson
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.errors import CxlensError
from cxlens.people import people
from cxlens.privacy import CHANNELS
from cxlens.realtime.store import create_snapshot
from cxlens.tables import (
    IDENTITY_MAP,
    ORDER_HABITS,
    ORDER_POPULATION,
    PERSONAS,
    PROFILES,
    SEGMENT_MEMBERS,
    TOUCHPOINTS,
)

DROP = ("identifiers", "persona_id", "known", "as_of", "previous_stage", "clv_rank", "r_score", "f_score",
        "m_score", "fm_score", "p_alive_bgnbd", "p_no_purchase", "expected_spend", "overdue", "frequency",
        "recency", "days_since_first", "days_since_last", "monetary", "clv_decile")  # fmt: skip
CHUNK = 100_000


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
    p = people(con)
    p = p.drop(*[c for c in DROP if c in p.columns])
    if engine.has_table(con, PERSONAS) and "persona" in p.columns:
        cards = con.table(PERSONAS).select(persona="name", persona_engagement="engagement")
        p = p.left_join(cards, "persona").drop("persona_right")
    if engine.has_table(con, SEGMENT_MEMBERS):
        m = con.table(SEGMENT_MEMBERS).select("segment", "person_id")
        db.executemany("INSERT OR IGNORE INTO members VALUES (?, ?)", (tuple(r.values()) for r in _rows(m)))
    if engine.has_table(con, TOUCHPOINTS):
        t = con.table(TOUCHPOINTS)
        t = t.mutate(_n=ibis.row_number().over(group_by=t.person_id, order_by=ibis.desc(t.at)))
        t = t.filter(t._n < recent)
        one = ibis.struct(
            {"at": t.at, "touchpoint": t.touchpoint, "channel": t.channel, "stage": t.stage,
             "source": t.source, "sentiment": t.sentiment}
        )  # fmt: skip
        p = p.left_join(t.group_by("person_id").aggregate(recent=one.collect()), "person_id")
        p = p.drop("person_id_right")
    pop: dict = {}
    if engine.has_table(con, ORDER_HABITS) and engine.has_table(con, ORDER_POPULATION):
        h = con.table(ORDER_HABITS).rename(_n="n", _s1="s1", _s2="s2", _dims="dims")
        p = p.left_join(h, "person_id").drop("person_id_right")
        for r in _rows(con.table(ORDER_POPULATION)):
            pop.update(m0=r["m0"], vw=r["vw"])
            pop.setdefault(r["dim"], {})[r["value"]] = r["pop"]
    people_n = 0
    rows = []
    for r in _rows(p):
        rows.append((r["person_id"], orjson.dumps(document(r)).decode()))
        if len(rows) >= CHUNK:
            db.executemany("INSERT INTO profiles VALUES (?, ?)", rows)
            people_n += len(rows)
            rows = []
    db.executemany("INSERT INTO profiles VALUES (?, ?)", rows)
    people_n += len(rows)
    built = datetime.now(UTC).isoformat()
    db.executemany(
        "INSERT INTO meta VALUES (?, ?)", [("built_at", built), ("population", orjson.dumps(pop).decode())]
    )
    db.commit()
    db.close()
    return {"people": people_n, "built_at": built}


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
