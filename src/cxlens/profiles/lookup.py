"""Explain how a person's profile was assembled."""

from __future__ import annotations

import json

import ibis
import pandas as pd
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.tables import IDENTITY_EDGES, IDENTITY_FUZZY, IDENTITY_FUZZY_MODEL, IDENTITY_MAP, IDENTITY_RECORDS


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


def match_weights(con: BaseBackend, person_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The Splink matches among the person's contacts, weakest first (record_l, record_r, probability,
    status, and ``steps``: the waterfall from the prior through each field's level and match weight), and the
    model's match weight of every comparison level."""
    if not all(engine.has_table(con, t) for t in (IDENTITY_FUZZY, IDENTITY_FUZZY_MODEL)):
        return pd.DataFrame(
            columns=["record_l", "record_r", "probability", "status", "steps"]
        ), pd.DataFrame()
    r = con.table(IDENTITY_RECORDS)
    mine = r.filter(r.person_id == person_id).select("record")
    f = con.table(IDENTITY_FUZZY)
    f = ibis.union(f.semi_join(mine, f.record_l == mine.record), f.semi_join(mine, f.record_r == mine.record))
    pairs = f.distinct().order_by("probability").to_pandas()
    steps = [
        pd.DataFrame([(k, *v) for k, v in json.loads(w).items()], columns=["step", "weight", "level"])
        for w in pairs.weights
    ]
    pairs = pairs[["record_l", "record_r", "probability", "status"]].assign(steps=steps)
    model = con.table(IDENTITY_FUZZY_MODEL).order_by(["comparison", ibis.desc("gamma")]).to_pandas()
    return pairs, model
