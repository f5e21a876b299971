"""Segments select exactly who their conditions describe; mistakes in a definition are named; audiences
never include a person without consent for their channel."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta

import ibis
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cxlens import segments
from cxlens.cli import app
from cxlens.config import Segment
from cxlens.errors import InputError
from cxlens.ids import event_ids, event_record
from cxlens.people import view as people
from cxlens.segments import SegmentError, compile_where, export_audience
from cxlens.segments.events import events


def _members(project, where: dict, name: str = "s") -> set[str]:
    con = project.con
    base, (evs, as_of) = people(con), events(con)
    rule = compile_where(where, base, evs, as_of, f"segments.{name}.where")
    return set(base.filter(rule).person_id.to_pandas())


def test_field_conditions_select_what_pandas_selects(loaded):
    p = loaded.project
    v = p.table("customer_value").to_pandas()
    got = _members(p, {"all": [{"field": "stage", "in": ["at_risk", "lapsed"]}, {"field": "clv", ">=": 50}]})
    want = set(v.person_id[v.stage.isin(["at_risk", "lapsed"]) & (v.clv >= 50)])
    assert got == want and want
    got = _members(p, {"any": [{"field": "stage", "is": "new"}, {"not": {"field": "frequency", "<": 3}}]})
    want = set(v.person_id[(v.stage == "new") | ~(v.frequency < 3)])
    assert got == want


def test_event_windows_count_events_before_the_last_one(loaded, truth):
    p = loaded.project
    e = p.table("events").to_pandas()
    last = e.timestamp.max()
    got = _members(p, {"event": "Checkout Started", "within_days": 14, "at_least": 2})
    # the truth: people whose true events include 2+ checkouts in the window, resolved to cxlens persons
    rec = p.table("identity_records").to_pandas().set_index("record").person_id
    ids = event_ids(p.table("events"), "message_id").mutate(record=lambda t: event_record(t)).to_pandas()
    e = e.merge(ids[["message_id", "record"]], on="message_id")
    e["person_id"] = rec.reindex(e.record).to_numpy()
    hit = e[(e.event == "Checkout Started") & (e.timestamp > last - timedelta(days=14))]
    counts = hit.groupby("person_id").size()
    assert got == set(counts.index[counts >= 2]) and got


def test_persona_and_list_fields(loaded):
    p = loaded.project
    a = p.table("persona_assignments").to_pandas()
    name = a.persona_name.iloc[0]
    assert _members(p, {"field": "persona", "is": name}) == set(a.person_id[a.persona_name == name])
    prof = p.table("profiles").to_pandas()
    want = set(prof.person_id[prof.channels.map(lambda c: c is not None and "call_centre" in list(c))])
    assert _members(p, {"field": "channels", "contains": "call_centre"}) == want


def test_an_injection_attempt_is_a_literal(loaded):
    p = loaded.project
    attack = "x' OR '1'='1"
    assert _members(p, {"field": "first_name", "is": attack}) == set()
    assert _members(p, {"field": "first_name", "in": [attack, "'; DROP TABLE profiles; --"]}) == set()
    assert p.table("profiles").count().execute() > 0


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ({"field": "clvv", ">=": 1}, r"segments.s.where: unknown field 'clvv'; did you mean 'clv'\?"),
        ({"field": "clv", "greater": 1}, r"segments.s.where: expected one operator .* got greater"),
        ({"field": "clv", ">=": "high"}, r"field 'clv' holds numbers; got 'high'"),
        ({"field": "stage", "is": 3.5}, None),  # a number compared with text is fine as text
        ({"field": "consent_email", "is": "yes"}, r"field 'consent_email' holds true or false; got 'yes'"),
        ({"field": "first_purchase", ">": "31/02/2024"}, r"holds dates \(YYYY-MM-DD\)"),
        (
            {"all": [{"field": "stage", "is": "new"}, {"feild": "x"}]},
            r"where.all\[1\]: unknown key 'feild'; did you mean 'field'\?",
        ),
        ({"all": []}, r"where.all: expected a non-empty list"),
        ({"field": "clv", "between": [1]}, r"'between' takes a list of two values"),
        ({"event": "Order Completed", "within_days": "week"}, r"'within_days' must be a whole number >= 1"),
        ({"event": "Order Completed", "since": 3}, r"unknown key 'since' in an event test"),
        ({"field": "channels", "is": "app"}, r"'channels' is a list; test it with 'contains'"),
        ("stage is new", r"expected a condition"),
    ],
)
def test_mistakes_are_named(loaded, where, message):
    if message is None:
        _members(loaded.project, where)
        return
    with pytest.raises(SegmentError, match=message):
        _members(loaded.project, where)


def test_members_keep_the_day_they_joined(loaded):
    con = loaded.project.con
    segs = {"valuable": Segment(where={"field": "clv", ">=": 50}, channel="email")}
    segments.run(con, segs)
    m = con.table("segment_members").to_pandas()
    today = datetime.now(UTC).date()  # the stage stamps today's UTC date
    assert (pd.to_datetime(m.joined).dt.date == today).all()
    earlier = m.assign(joined=date(2025, 1, 1))
    con.create_table("segment_members", earlier, overwrite=True)
    segments.run(con, segs)
    again = con.table("segment_members").to_pandas()
    assert set(again.person_id) == set(m.person_id)
    assert (pd.to_datetime(again.joined).dt.date == date(2025, 1, 1)).all()
    loaded.project.run("segments")  # restore the sample's own segments for other tests


# --- audiences --------------------------------------------------------------------------------------

CONSENT = st.sampled_from([True, False, None])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.tuples(CONSENT, CONSENT, CONSENT, st.booleans()), min_size=1, max_size=30),
    channel=st.sampled_from(["email", "sms", "ads"]),
    hash_ids=st.booleans(),
)
def test_an_audience_never_contains_anyone_without_consent(tmp_path, rows, channel, hash_ids):
    con = ibis.duckdb.connect()
    prof = pd.DataFrame(
        {
            "person_id": [f"p{i:03d}" for i in range(len(rows))],
            "email": [f" Person{i}@Example.com " for i in range(len(rows))],
            "phone": [f"+1415555{i:04d}" for i in range(len(rows))],
            "consent_email": pd.array([r[0] for r in rows], dtype="boolean"),
            "consent_sms": pd.array([r[1] for r in rows], dtype="boolean"),
            "consent_ads": pd.array([r[2] for r in rows], dtype="boolean"),
        }
    )
    con.create_table("profiles", prof)
    members = prof[[r[3] for r in rows]]
    con.create_table(
        "segment_members",
        pd.DataFrame({"segment": "s", "person_id": members.person_id, "joined": date(2026, 1, 1)}),
        schema=ibis.schema({"segment": "string", "person_id": "string", "joined": "date"}),
    )
    segs = {
        "s": Segment(where={"field": "email", "missing": False}, channel=channel, fields=["email", "phone"])
    }
    out = tmp_path / "a.csv"
    r = export_audience(con, segs, "s", out, hash_ids=hash_ids)
    got = pd.read_csv(out, dtype=str) if r["written"] else pd.DataFrame(columns=["person_id"])
    consented = members[members[f"consent_{channel}"].fillna(False).astype(bool)]
    assert set(got.person_id) == set(consented.person_id)
    assert r["no_consent"] == len(members) - len(consented)
    if hash_ids and r["written"]:
        first = consented.sort_values("person_id").iloc[0]
        assert got.email_sha256.iloc[0] == hashlib.sha256(first.email.strip().lower().encode()).hexdigest()
        assert "email" not in got and "phone" not in got


def test_audience_bad_input_is_named(loaded, tmp_path):
    p = loaded.project
    with pytest.raises(InputError, match="no segment named 'nope'; segments: browsing_prospects"):
        p.audience("nope", tmp_path / "a.csv")
    with pytest.raises(InputError, match=r"must end in .csv or .parquet"):
        p.audience("valuable_at_risk", tmp_path / "a.xlsx")
    with pytest.raises(InputError, match="unknown field 'emial'"):
        p.audience("valuable_at_risk", tmp_path / "a.csv", fields=["emial"])
    with pytest.raises(InputError, match="needs a channel"):
        p.audience("valuable_at_risk", tmp_path / "a.csv", channel="fax")


def test_audience_command(loaded, tmp_path):
    project = str(loaded.project.config.base_dir / "cxlens.yaml")
    out = tmp_path / "vips.parquet"
    r = CliRunner().invoke(app, ["audience", "valuable_at_risk", "--out", str(out), "-p", project, "--hash"])
    assert r.exit_code == 0, r.output
    df = pd.read_parquet(out)
    members = loaded.project.table("segment_members").to_pandas()
    prof = loaded.project.table("profiles").to_pandas().set_index("person_id")
    assert set(df.person_id) <= set(members.person_id[members.segment == "valuable_at_risk"])
    assert prof.consent_email.reindex(df.person_id).fillna(False).all()
    assert "email_sha256" in df and f"{len(df):,} members" in r.output.replace("\n", " ")
    r = CliRunner().invoke(app, ["audience", "nope", "--out", str(out), "-p", project])
    assert r.exit_code == 2 and "no segment named 'nope'" in r.output
