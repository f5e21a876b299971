"""Every comment, ticket and social post in one table, each read for sentiment, intent and themes.

A row keeps its source and key (``ref``), its person (null for a post whose handle nobody is known by) and
its touchpoint, so journeys' pain points and the report can quote what people said where it hurt.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import ibis
import ibis.expr.types as ir
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.ids import trim, with_person
from cxlens.voc.text import classify

COLUMNS = ("source", "ref", "person_id", "at", "kind", "score", "touchpoint", "channel", "text")


def _feedback(con: BaseBackend) -> ir.Table:
    f = with_person(con, "feedback", keep_all=True)
    return f.select(
        source=ibis.literal("feedback"), ref=f.response_id, person_id=f.person_id, at=f.submitted_at,
        kind=f.kind, score=f.score, touchpoint=f.touchpoint, channel=f.channel, text=trim(f.comment),
    )  # fmt: skip


def _tickets(con: BaseBackend) -> ir.Table:
    t = with_person(con, "tickets", keep_all=True)
    subject, body = trim(t.subject), trim(t.body)
    text = ibis.ifelse(subject.notnull() & body.notnull(), subject + ". " + body, subject.coalesce(body))
    return t.select(
        source=ibis.literal("tickets"), ref=t.ticket_id, person_id=t.person_id, at=t.opened_at,
        kind=ibis.literal("ticket"), score=ibis.null("float64"), touchpoint=ibis.literal("support"),
        channel=t.channel, text=text,
    )  # fmt: skip


def _mentions(con: BaseBackend) -> ir.Table:
    m = with_person(con, "mentions", keep_all=True)
    return m.select(
        source=ibis.literal("mentions"), ref=m.mention_id, person_id=m.person_id, at=m.posted_at,
        kind=ibis.literal("post"), score=ibis.null("float64"), touchpoint=ibis.literal("social"),
        channel=m.platform.lower(), text=trim(m.text),
    )  # fmt: skip


def voices(con: BaseBackend) -> ir.Table | None:
    """Survey answers, tickets and posts as one table of ``COLUMNS``; None when there are none."""
    parts = [
        part(con)
        for table, part in (("feedback", _feedback), ("tickets", _tickets), ("mentions", _mentions))
        if engine.has_table(con, table)
    ]
    return ibis.union(*parts) if parts else None


def score_texts(v: ir.Table, vocabulary: Mapping[str, Iterable[str]], progress: bool = False) -> ir.Table:
    """``v`` with sentiment, sentiment_label, intent, theme and themes of its ``text``: the distinct texts
    are read in Python (the lexicons need it) and joined back, so repeated texts cost nothing."""
    texts = v.filter(v.text.notnull()).select("text").distinct().to_pandas().text
    read = classify(texts, vocabulary, progress).assign(text=texts.to_numpy())
    schema = {"text": "string", "sentiment": "float64", "sentiment_label": "string", "intent": "string",
              "theme": "string", "themes": "string"}  # fmt: skip
    scored = ibis.memtable(read[list(schema)].astype(object), schema=schema)
    return v.left_join(scored, "text").drop("text_right")
