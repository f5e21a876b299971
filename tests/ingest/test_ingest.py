"""Ingest against the planted truth: faults quarantined, good rows kept, values normalised, idempotent."""

from __future__ import annotations

import json

import pandas as pd

from cxlens import engine
from cxlens.tables import TABLES


def _quarantine(loaded) -> pd.DataFrame:
    return loaded.project.table("quarantine").to_pandas()


def test_every_planted_fault_is_quarantined_with_a_reason(loaded, truth):
    q = _quarantine(loaded)
    q["file_name"] = q.file.str.rsplit("/", n=1).str[-1]
    have = set(zip(q.source, q.file_name, q.row, strict=True))
    faults = truth("malformed")
    missing = [f for f in faults.itertuples() if (f.table, f.file, f.row) not in have]
    assert not missing
    assert q.reason.str.len().gt(10).all() and q.field.notna().all()
    # the reason names the field that was planted (or the row, for rows that could not be split)
    by_row = q.set_index(["source", "file_name", "row"]).field
    for f in faults.itertuples():
        got = by_row[(f.table, f.file, f.row)]
        assert f.field in ("(line)", "(row)") or got == f.field or got in ("(row)",), (f, got)


def test_nothing_but_planted_faults_is_quarantined(loaded, truth):
    q = _quarantine(loaded)
    faults = truth("malformed")
    assert len(q) == len(faults.drop_duplicates(["table", "file", "row"]))


def test_no_good_row_is_lost(loaded, truth, summary):
    p = loaded.project
    for table, key in (
        ("orders", "order_id"),
        ("events", "message_id"),
        ("feedback", "response_id"),
        ("tickets", "ticket_id"),
    ):
        t = truth(table)
        ids = set(p.table(table).select(key).to_pandas()[key])
        faulty = truth("malformed").query("table == @table").drop_duplicates(["file", "row"])
        assert ids <= set(t[key]), table
        assert len(ids) == len(t) - len(faulty), table
    contacts = set(p.table("contacts").select("contact_id").to_pandas().contact_id)
    crm = truth("crm")
    bad = truth("malformed").query("table == 'contacts' and field != '(row)'")
    assert contacts <= set(crm.contact_id) and len(contacts) == len(crm) - len(bad)


def test_reconciliation_adds_up_to_the_rows_in_each_file(loaded, summary):
    for name, r in loaded.reports.items():
        assert r.balanced, name
        assert r.read == summary["sources"][name]["rows"], name
        assert r.duplicates == summary["sources"][name]["identical_duplicates"], name


def test_phones_and_emails_are_normalised_to_the_truth(loaded, truth):
    c = loaded.project.table("contacts").select("contact_id", "email", "phone").to_pandas()
    crm = truth("crm").set_index("contact_id")
    persons = truth("persons").set_index("person_id")
    c["person_id"] = crm.person_id.reindex(c.contact_id).to_numpy()
    clean = c[
        (crm.junk.reindex(c.contact_id) == "").to_numpy()
        & (crm.dup_kind.reindex(c.contact_id) == "").to_numpy()
    ]
    has_phone = clean[clean.phone.notna()]
    assert len(has_phone) > 0.7 * len(clean)
    assert (has_phone.phone.to_numpy() == persons.phone.reindex(has_phone.person_id).to_numpy()).all()
    has_email = clean[clean.email.notna()]
    assert (has_email.email.to_numpy() == persons.email.reindex(has_email.person_id).to_numpy()).all()


def test_timestamps_are_utc_and_match_the_truth(loaded, truth):
    o = loaded.project.table("orders").select("order_id", "ordered_at").to_pandas().set_index("order_id")
    t = truth("orders").set_index("order_id").ordered_at.reindex(o.index)
    assert (o.ordered_at.dt.tz_convert("UTC").dt.floor("s") == t.dt.floor("s")).all()


def test_quarantine_keeps_the_raw_record(loaded):
    q = _quarantine(loaded).query("source == 'orders' and field == 'total'")
    for rec in q.record:
        raw = json.loads(rec)
        assert "amount" in raw  # the source's own column name, as read


def test_a_second_ingest_changes_no_table(loaded):
    p = loaded.project
    watched = [*TABLES, "quarantine"]

    def snapshot() -> dict:
        return {
            t: p.table(t)
            .to_pandas()
            .sort_values(list(TABLES[t].key) if t in TABLES else ["source", "file", "row"])
            .reset_index(drop=True)
            for t in watched
            if engine.has_table(p.con, t)
        }

    before = snapshot()
    again = {r.source: r for r in p.ingest()}
    after = snapshot()
    assert before.keys() == after.keys()
    for t in before:
        pd.testing.assert_frame_equal(before[t], after[t], obj=t)
    for name, r in again.items():
        assert r.loaded == 0 and r.balanced, name
        first = loaded.reports[name]
        assert r.duplicates == first.loaded + first.duplicates, name
        assert r.quarantined == first.quarantined, name


def test_overview_tables_describe_what_was_loaded(loaded):
    p = loaded.project
    f = p.table("field_completeness").to_pandas().set_index(["table", "column"])
    orders = p.table("orders").to_pandas()
    assert f.loc[("orders", "coupon_code"), "filled"] == orders.coupon_code.notna().sum()
    assert f.loc[("orders", "order_id"), "share"] == 1.0
    a = p.table("activity_by_month").to_pandas()
    assert a[a.table == "orders"].rows.sum() == len(orders)
