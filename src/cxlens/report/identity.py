"""The identity section: from source records to people, what linked them, and what was kept out."""

from __future__ import annotations

import json

import ibis
import plotly.express as px
import plotly.graph_objects as go
from ibis import _
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.report._page import Section, chart, kpis, table
from cxlens.tables import (
    IDENTITY_BLOCKED,
    IDENTITY_EDGES,
    IDENTITY_FUZZY,
    IDENTITY_FUZZY_MODEL,
    IDENTITY_MAP,
    IDENTITY_RECORDS,
)


def identity(con: BaseBackend) -> Section:
    s = Section(
        "identity",
        "Identity: from records to people",
        lead="Records that share an identifier (or that Splink matched on name, birth date and address) "
        "are one person. Junk and shared values are kept out, and no person may hold more values of a kind "
        "than its cap.",
    )
    if s.lacks(con, "identity", IDENTITY_EDGES, IDENTITY_MAP, IDENTITY_RECORDS):
        return s
    e = con.table(IDENTITY_EDGES)
    m = con.table(IDENTITY_MAP)
    recs = con.table(IDENTITY_RECORDS)
    source = e.kind != "fuzzy"
    head_counts = e.aggregate(
        records=e.record.nunique(where=source),
        ids=e.node.nunique(where=source),
        fuzzy=e.record.nunique(where=~source),
        kept_out=(e.status != "linked").sum(),
    ).to_pandas()
    n_records, n_ids, fuzzy, kept_out = (int(head_counts[c].iloc[0]) for c in head_counts.columns)
    n_people = int(m.person_id.nunique().execute())
    per = recs.group_by("person_id").aggregate(n=_.count())
    merged = int(per.filter(per.n > 1).count().execute())
    head = kpis(
        [
            ("source records with an identifier", f"{n_records:,}"),
            ("distinct identifiers", f"{n_ids:,}"),
            ("people", f"{n_people:,}"),
            ("people made of several records", f"{merged:,}"),
            ("fuzzy matches (Splink)", f"{fuzzy:,}"),
            ("links blocked or capped", f"{kept_out:,}"),
        ]
    )
    funnel = go.Figure(
        go.Funnel(
            y=["source records", "distinct identifiers", "people"],
            x=[n_records, n_ids, n_people],
            texttemplate="%{value:,} (%{percentInitial:.0%})",
        )
    )
    funnel.update_layout(title="Records → identifiers → people")
    counts = m.group_by("person_id").aggregate(n=_.count())
    hist = counts.group_by(identifiers=ibis.least(counts.n, 10)).aggregate(people=_.count()).to_pandas()
    hist["identifiers"] = hist.identifiers.map(lambda v: "10+" if v >= 10 else str(v))
    bar = px.bar(
        hist.sort_values("identifiers", key=lambda c: c.str.rstrip("+").astype(int)),
        x="identifiers",
        y="people",
        title="Identifiers per person",
    )
    s.body = (
        head
        + chart(
            funnel,
            300,
            "How many source records and identifiers boil down to how many people: a big drop from "
            "records to people means many duplicates were joined.",
        )
        + chart(
            bar,
            320,
            "Most people should hold one or two identifiers of a kind; a long tail to the right is where "
            "caps and blocked values matter.",
        )
        + _merges(e)
        + _splink(con)
        + _kept_out(con, e)
    )
    return s


def _splink(con: BaseBackend) -> str:
    """The fuzzy model at a glance: the match weight of every comparison level, and the waterfall of the
    weakest match that was linked."""
    if not all(engine.has_table(con, t) for t in (IDENTITY_FUZZY, IDENTITY_FUZZY_MODEL)):
        return ""
    model = con.table(IDENTITY_FUZZY_MODEL).to_pandas().dropna(subset=["match_weight"])
    f = con.table(IDENTITY_FUZZY)
    weakest = f.filter(f.status == "linked").order_by("probability").limit(1).to_pandas()
    if model.empty:
        return ""
    model = model.sort_values(["comparison", "gamma"], ascending=[False, True])
    weights = go.Figure(
        go.Bar(
            x=model.match_weight,
            y=model.comparison + ": " + model.level,
            orientation="h",
            marker_color=["#2a9d8f" if w > 0 else "#e76f51" for w in model.match_weight],
            hovertemplate="%{y}<br>match weight %{x:+.2f}<extra></extra>",
        )
    )
    weights.update_layout(
        title="Splink's match weights: what each level of agreement says for (right) or against one person",
        xaxis_title="match weight (log2 of the Bayes factor)",
    )
    out = "<h3>How fuzzy matches are scored</h3>" + chart(
        weights,
        22 * len(model) + 140,
        "Bars to the right push a pair towards one person, to the left apart; the longest bars are the "
        "fields the match leans on most.",
    )
    if len(weakest):
        pair = weakest.iloc[0]
        steps = json.loads(pair.weights)
        fall = go.Figure(
            go.Waterfall(
                x=[*steps, "total"],
                y=[v[0] for v in steps.values()] + [0],
                measure=["relative"] * len(steps) + ["total"],
                text=[v[1] for v in steps.values()] + [f"probability {pair.probability:.6f}"],
                textposition="none",  # the levels are in the hover: on the bars they would be unreadable
                hovertemplate="%{x}: %{text}<br>%{y:+.2f}<extra></extra>",
            )
        )
        fall.update_layout(
            title=f"The weakest linked match, step by step (probability {pair.probability:.6f}): "
            f"{pair.record_l} ~ {pair.record_r}",
            yaxis_title="match weight",
        )
        out += chart(
            fall,
            360,
            "Read left to right how each field moved the weakest accepted match: if one field carries it "
            "alone, that link deserves a look.",
        )
    return out


def _merges(e: ibis.Table) -> str:
    """Which kinds of identifier joined records into people: per kind, the records a shared value joined."""
    live = e.filter(e.status == "linked")
    shared = live.group_by("node", "kind").aggregate(records=_.record.nunique())
    shared = shared.filter((shared.records > 1) | (shared.kind == "fuzzy"))
    by = shared.group_by("kind").aggregate(values=_.count(), records=shared.records.sum()).to_pandas()
    if by.empty:
        return "<p>No two records share an identifier: every record is a person of its own.</p>"
    by = by.sort_values("records")
    fig = px.bar(
        by,
        x="records",
        y="kind",
        orientation="h",
        title="Merges by reason: records that share each kind of identifier with another record",
        labels={"kind": ""},
    )
    return chart(
        fig,
        60 * len(by) + 120,
        "Which identifiers join records most: a kind that joins far more than the others may be shared by "
        "different people.",
    )


def _kept_out(con: BaseBackend, e: ibis.Table) -> str:
    blocked = con.table(IDENTITY_BLOCKED).order_by(ibis.desc("records")).limit(20).to_pandas()
    capped = e.filter(e.status.isin(["capped", "unlinked"]))
    capped = capped.group_by("status", "reason").aggregate(links=_.count()).to_pandas()
    out = "<h3>Identifiers kept out of the graph</h3>"
    if blocked.empty:
        out += "<p class='ok'>No junk or shared identifier was found.</p>"
    else:
        out += "<p>Placeholder, test and shared values: they link nobody. The largest:</p>"
        out += table(blocked[["kind", "value", "reason", "records"]], numeric=("records",))
    if len(capped):
        out += "<h3>Links cut by caps or by cxlens.yaml</h3>" + table(
            capped.sort_values("links", ascending=False), numeric=("links",)
        )
    return out
