"""The people view: one row per person with what every stage concluded about them (profile traits and
consent, value and lifecycle, persona, segments). Segments test their rules on it; the segments stage then
writes it as the ``people`` table, which ``Project.profile``, the audience exports and the live snapshot
read, so a person looks the same wherever they are looked up.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.errors import CxlensError
from cxlens.ids import candidates
from cxlens.tables import (
    CUSTOMER_VALUE,
    IDENTITY_MAP,
    IDENTITY_RECORDS,
    PEOPLE,
    PERSONA_ASSIGNMENTS,
    PROFILES,
    SEGMENT_MEMBERS,
)


def view(con: BaseBackend) -> ir.Table:
    """Profiles with the value columns (``stage``, ``clv``, ...) and ``persona`` (its name) with
    ``persona_id``, from the tables present."""
    p = con.table(PROFILES)
    if engine.has_table(con, CUSTOMER_VALUE):
        v = con.table(CUSTOMER_VALUE)
        v = v.select("person_id", *[c for c in v.columns if c not in p.columns])
        p = p.left_join(v, "person_id").drop("person_id_right")
    if engine.has_table(con, PERSONA_ASSIGNMENTS):
        a = con.table(PERSONA_ASSIGNMENTS)
        a = a.select("person_id", persona=a.persona_name, persona_id=a.persona)
        p = p.left_join(a, "person_id").drop("person_id_right")
    return p


def with_segments(con: BaseBackend) -> ir.Table:
    """The view with ``segments``, the names of the segments each person is in (what ``people`` holds)."""
    p = view(con)
    if not engine.has_table(con, SEGMENT_MEMBERS):
        return p.mutate(segments=ibis.null("array<string>"))
    m = con.table(SEGMENT_MEMBERS)
    s = m.group_by("person_id").aggregate(segments=m.segment.collect().sort())
    return p.left_join(s, "person_id").drop("person_id_right")


def people(con: BaseBackend) -> ir.Table:
    """The ``people`` table where a run wrote it, else the view over what is there."""
    return con.table(PEOPLE) if engine.has_table(con, PEOPLE) else with_segments(con)


def breakdowns(con: BaseBackend) -> ir.Table | None:
    """Per person the breakdowns later stages report by: ``persona`` (its name) and lifecycle ``stage``,
    from the tables present; None when neither is."""
    parts = []
    present = set(con.list_tables())
    if PERSONA_ASSIGNMENTS in present:
        a = con.table(PERSONA_ASSIGNMENTS)
        parts.append(a.select("person_id", persona=a.persona_name))
    if CUSTOMER_VALUE in present:
        parts.append(con.table(CUSTOMER_VALUE).select("person_id", "stage"))
    if not parts:
        return None
    out = parts[0]
    for p in parts[1:]:
        out = (
            out.outer_join(p, "person_id")
            .mutate(person_id=ibis.coalesce(ibis._.person_id, ibis._.person_id_right))
            .drop("person_id_right")
        )
    return out


def find_person(con: BaseBackend, text: str, region: str = "US") -> str:
    """The person_id behind ``text``: a person id, ``kind:value``, a bare identifier or a record id."""
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise CxlensError(f"the identifier {text!r} holds control characters; no identifier does")
    for name in (PROFILES, IDENTITY_MAP, IDENTITY_RECORDS):
        if name not in con.list_tables():
            raise CxlensError(f"no profiles yet (table '{name}' is missing); run `cxlens run` first")
    prof = con.table(PROFILES)
    if prof.filter(prof.person_id == text).count().execute():
        return text
    m = con.table(IDENTITY_MAP)
    hit = m.filter(m.node.isin(candidates(text, region))).person_id.execute()
    if len(hit):
        return str(hit.iloc[0])
    r = con.table(IDENTITY_RECORDS)
    hit = r.filter(r.record == text).person_id.execute()
    if len(hit):
        return str(hit.iloc[0])
    raise CxlensError(
        f"no person has the identifier '{text}'; give a person id, an email, a phone, a user, contact, "
        "loyalty or anonymous id, or kind:value (e.g. email:ann@example.com)"
    )
