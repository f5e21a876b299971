"""The data-overview sections: what was loaded, what was set aside and why, and where the data has gaps."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.report._page import Section, chart, esc, kpis, table
from cxlens.tables import (
    ACTIVITY_BY_MONTH,
    ENABLES,
    FIELD_COMPLETENESS,
    INGEST_RUNS,
    QUARANTINE,
    STAGE_RUNS,
    TABLES,
)


def latest_runs(con: BaseBackend) -> pd.DataFrame:
    """Per source, the figures of the last ingest that read it, summed over its files."""
    runs = con.table(INGEST_RUNS).to_pandas()
    last = runs.groupby("source").run_id.transform("max")
    runs = runs[runs.run_id == last]
    return runs.groupby(["source", "table"], as_index=False).agg(
        files=("file", "nunique"),
        read=("rows_read", "sum"),
        loaded=("loaded", "sum"),
        quarantined=("quarantined", "sum"),
        duplicates=("duplicates", "sum"),
    )


def sources(con: BaseBackend, sizes: dict[str, int]) -> Section:
    s = Section(
        "sources",
        "Sources and reconciliation",
        lead="Every row read is loaded, quarantined with a reason, or skipped as an exact duplicate.",
    )
    if not engine.has_table(con, INGEST_RUNS):
        s.skipped = "nothing has been ingested yet; run `cxlens run`"
        return s
    r = latest_runs(con)
    r["balanced"] = [
        "yes" if a == b + c + d else "NO"
        for a, b, c, d in zip(r.read, r.loaded, r.quarantined, r.duplicates, strict=True)
    ]
    head = kpis(
        [
            ("rows read", f"{r.read.sum():,}"),
            ("rows loaded", f"{r.loaded.sum():,}"),
            ("quarantined", f"{r.quarantined.sum():,}"),
            ("duplicates skipped", f"{r.duplicates.sum():,}"),
            ("tables with data", f"{sum(v > 0 for v in sizes.values())} of {len(TABLES)}"),
        ]
    )
    fig = go.Figure()
    for col, color in (("loaded", "#2f6690"), ("quarantined", "#bc4b51"), ("duplicates", "#f4a259")):
        fig.add_bar(y=r.source, x=r[col], name=col, orientation="h", marker_color=color)
    fig.update_layout(barmode="stack", title="Rows per source", xaxis_title="rows", legend_orientation="h")
    s.body = (
        head
        + chart(
            fig,
            300,
            "Red and orange bars are rows set aside or skipped; a source that is mostly red has a format "
            "problem worth fixing at the source.",
        )
        + table(r, numeric=("files", "read", "loaded", "quarantined", "duplicates"))
    )
    return s


def quarantine(con: BaseBackend) -> Section:
    s = Section(
        "quarantine",
        "Quarantined rows",
        lead="Rows set aside with the field and what was expected; nothing is dropped silently. "
        "Fix them at the source and ingest again.",
    )
    has = engine.has_table(con, QUARANTINE)
    q = con.table(QUARANTINE).select("source", "file", "row", "field", "reason").to_pandas() if has else None
    if q is None or q.empty:
        s.body = "<p class='ok'>No row was quarantined.</p>"
        return s
    by = q.groupby(["source", "field"], as_index=False).size().sort_values("size")
    fig = px.bar(
        by,
        x="size",
        y=by.source + " · " + by.field,
        orientation="h",
        title="Quarantine reasons",
        labels={"size": "rows", "y": ""},
    )
    examples = q.sort_values(["source", "file", "row"]).groupby(["source", "field"]).head(3)
    s.body = chart(
        fig,
        max(260, 28 * len(by) + 80),
        "The longest bars are the fields to fix first at the source; the table below shows examples.",
    ) + table(examples, numeric=("row",))
    return s


def completeness(con: BaseBackend) -> Section:
    s = Section(
        "gaps",
        "Data completeness and gaps",
        lead="Share of loaded rows with each field filled. Short, pale bars are the gaps a CX team must fill "
        "before the analyses that use them can be trusted.",
    )
    if not engine.has_table(con, FIELD_COMPLETENESS):
        s.skipped = "no canonical table holds data yet"
        return s
    f = con.table(FIELD_COMPLETENESS).to_pandas().sort_values(["table", "column"], ascending=False)
    fig = px.bar(
        f,
        x="share",
        y=f.table + " · " + f.column,
        color="share",
        orientation="h",
        color_continuous_scale="Blues",
        range_color=(0, 1),
        range_x=(0, 1),
        labels={"share": "filled", "y": ""},
        title="Filled share of each field",
    )
    fig.update_layout(coloraxis_showscale=False)
    gaps = f[(f.share < 0.5)].sort_values("share")[["table", "column", "rows", "filled", "share"]]
    gaps["share"] = (gaps.share * 100).round(1).astype(str) + "%"
    s.body = chart(
        fig, 16 * len(f) + 100, "Short bars are fields mostly empty: analyses that need them will be thin."
    ) + (
        "<h3>Fields filled on fewer than half the rows</h3><p>Person references (contact_id, user_id, "
        "email, loyalty_id) are alternatives: each row needs one of them.</p>"
        + table(gaps, numeric=("rows", "filled"))
        if len(gaps)
        else ""
    )
    return s


def activity(con: BaseBackend) -> Section:
    s = Section("activity", "Activity over time", lead="Rows per month in each dated table.")
    if not engine.has_table(con, ACTIVITY_BY_MONTH):
        s.skipped = "no dated table (orders, events, feedback, tickets, contacts) holds data"
        return s
    a = con.table(ACTIVITY_BY_MONTH).to_pandas()
    fig = px.line(a, x="month", y="rows", color="table", markers=True, title="Rows per month")
    s.body = chart(
        fig, 360, "A gap or a sudden drop in one table is a missing export, not a change in customers."
    )
    return s


def coverage(con: BaseBackend, sizes: dict[str, int]) -> Section:
    s = Section(
        "coverage",
        "What your data enables",
        lead="Each source table unlocks analyses; missing ones are listed with what they would add.",
    )
    rows = [{"table": t, "rows": sizes[t], "enables": ENABLES[t]} for t in TABLES]
    for r in rows:
        r["status"] = "present" if r["rows"] else "missing: add a source for it in cxlens.yaml"
    body = table(pd.DataFrame(rows)[["table", "rows", "status", "enables"]], numeric=("rows",))
    if engine.has_table(con, STAGE_RUNS):
        st = con.table(STAGE_RUNS).to_pandas()
        st = st[st.run_id == st.run_id.max()][["stage", "title", "status", "detail", "seconds"]]
        skipped = st[st.status == "skipped"]
        body += "<h3>Pipeline stages in the last run</h3>" + table(st, numeric=("seconds",))
        if len(skipped):
            body += (
                "<p>Skipped: "
                + "; ".join(f"{esc(r.title)} ({esc(r.detail)})" for r in skipped.itertuples())
                + "</p>"
            )
    s.body = body
    return s
