"""Find a person by any identifier, and explain how their profile was assembled."""

from __future__ import annotations

import re

import ibis
import pandas as pd
import phonenumbers
from ibis.backends import BaseBackend

from cxlens.config import KINDS
from cxlens.errors import CxlensError
from cxlens.schema import IDENTITY_EDGES, IDENTITY_MAP, IDENTITY_RECORDS, PROFILES


def candidates(text: str, region: str) -> list[str]:
    """The nodes ``text`` may stand for: itself as kind:value, or a bare value of any kind, normalised."""
    text = text.strip()
    kind, _, value = text.partition(":")
    if kind in KINDS and value:
        return [text]
    out = [f"{k}:{text}" for k in KINDS if k not in ("email", "phone")]
    if "@" in text:
        out.append(f"email:{text.lower()}")
    if re.fullmatch(r"[\d\s()+.\-]{7,}", text):
        try:
            number = phonenumbers.parse(text, region)
            out.append(f"phone:{phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)}")
        except phonenumbers.NumberParseException:
            pass
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


def explain(con: BaseBackend, person_id: str) -> pd.DataFrame:
    """Per identifier of the person's records: its status (linked, blocked, capped, unlinked), why, which
    records carry it (counted by source table) and one of them; fuzzy matches show their score and fields."""
    r = con.table(IDENTITY_RECORDS)
    mine = r.filter(r.person_id == person_id)
    e = con.table(IDENTITY_EDGES)
    # a fuzzy link is a record of its own: find it through the contact ids it joins
    m = con.table(IDENTITY_MAP)
    nodes = m.filter(m.person_id == person_id).select("node")
    linked = ibis.union(e.semi_join(mine, "record"), e.filter(e.kind == "fuzzy").semi_join(nodes, "node"))
    rows = linked.distinct().to_pandas()
    rows["source"] = rows.record.str.split(":").str[0]
    per = rows.groupby(["node", "status", "reason", "source"], dropna=False).record
    out = per.agg(records="nunique", example="min").reset_index()
    out["records"] = out.records.astype(str) + " " + out.source
    out = out.groupby(["node", "status", "reason"], dropna=False, as_index=False).agg(
        records=("records", ", ".join), example=("example", "min")
    )
    return out.sort_values(["status", "node"], key=lambda s: s.ne("linked") if s.name == "status" else s)
