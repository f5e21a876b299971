"""Properties of identity resolution: stable ids, order independence, blocks, caps and lossless splits.

The graph tests run on DuckDB and, under the spark marker, on a local Spark session.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxlens import engine, identity, profiles
from cxlens.config import Identity
from cxlens.identity import canonical, resolve

NO_FUZZY = {"fuzzy": {"enabled": False}}
EMAILS = st.sampled_from([None, *[f"{n}@example.com" for n in "abcdefgh"]])
PHONES = st.sampled_from([None, *[f"+1415555{n:04d}" for n in range(1, 8)]])
LOYALTY = st.sampled_from([None, "L1", "L2", "L3"])
CONTACTS = st.lists(st.tuples(EMAILS, PHONES, LOYALTY), min_size=1, max_size=25).map(
    lambda rows: pd.DataFrame(
        {
            "contact_id": [f"C{i:03d}" for i in range(len(rows))],
            "email": [r[0] for r in rows],
            "phone": [r[1] for r in rows],
            "loyalty_id": [r[2] for r in rows],
            "first_name": "Ann",
        }
    )
)
PROPS = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _ids(df: pd.DataFrame, config: dict | None = None) -> dict[str, str]:
    out = resolve(df, config=config or NO_FUZZY)
    return dict(zip(out.record_id, out.person_id, strict=True))


def _partition(ids: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for record, person in ids.items():
        groups.setdefault(person, set()).add(record)
    return {frozenset(g) for g in groups.values()}


@PROPS
@given(contacts=CONTACTS)
def test_adding_an_unrelated_record_never_changes_existing_person_ids(contacts):
    stranger = pd.DataFrame({"contact_id": ["Z999"], "email": ["zed@elsewhere.org"], "first_name": ["Zed"]})
    before = _ids(contacts)
    after = _ids(pd.concat([contacts, stranger], ignore_index=True))
    assert {k: after[k] for k in before} == before and after["Z999"] not in before.values()


@PROPS
@given(contacts=CONTACTS, data=st.data())
def test_the_order_of_input_rows_does_not_change_the_partition(contacts, data):
    order = data.draw(st.permutations(range(len(contacts))))
    assert _ids(contacts.iloc[list(order)]) == _ids(contacts)


@PROPS
@given(contacts=CONTACTS, value=st.sampled_from([f"{n}@example.com" for n in "abcd"]))
def test_a_blocked_identifier_never_creates_an_edge(contacts, value):
    blocked = _ids(contacts, {**NO_FUZZY, "block": [f"email:{value}"]})
    # blocking a value partitions the records exactly as if no record carried it
    without = contacts.assign(email=contacts.email.where(contacts.email != value, None))
    assert _partition(blocked) == _partition(_ids(without))


def _person(prefix: str, n: int, name: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "contact_id": [f"{prefix}{i}" for i in range(n)],
            "email": [f"{name.lower()}{i}@example.com" for i in range(n)],
            "phone": "+14155550100" if name == "Ann" else "+14155550199",
            "first_name": name,
            "address": [f"{i} {name} Street" for i in range(n)],
            "created_at": pd.Timestamp("2025-01-01", tz="UTC"),
        }
    )


@settings(max_examples=8, deadline=None)
@given(n_ann=st.integers(1, 3), n_bob=st.integers(1, 3), via=st.sampled_from(["loyalty_id", "user_id"]))
def test_splitting_a_merge_restores_both_people_with_all_their_values(n_ann, n_bob, via):
    ann, bob = _person("A", n_ann, "Ann"), _person("B", n_bob, "Bob")
    con = ibis.duckdb.connect()
    contacts = pd.concat([ann, bob], ignore_index=True)
    bridge = "L7" if via == "loyalty_id" else None
    contacts.loc[[0, n_ann], "loyalty_id"] = bridge  # one card on both people: a wrong merge
    engine.write(con, "contacts", canonical("contacts", contacts))
    if via == "user_id":  # or one login seen on both people's emails
        events = pd.DataFrame(
            {
                "message_id": ["m1", "m2"],
                "type": "identify",
                "user_id": "U7",
                "traits": ['{"email": "ann0@example.com"}', '{"email": "bob0@example.com"}'],
                "timestamp": pd.Timestamp("2025-02-01", tz="UTC"),
            }
        )
        engine.write(con, "events", canonical("events", events))
    cfg = Identity(**NO_FUZZY, caps={"user_id": 1, "contact_id": 10, "email": 10})
    identity.run(con, cfg)
    profiles.run(con, cfg)
    merged = con.table("profile_values").to_pandas()
    assert merged.person_id.nunique() == 1
    identity.run(con, cfg.model_copy(update={"block": [f"{via}:{bridge or 'U7'}"]}))
    profiles.run(con, cfg)
    split = con.table("profile_values").to_pandas()
    # each part holds its own contacts and the identify call made with its email (events:m1 is Ann's)
    owner = {"m1": "A", "m2": "B"}
    people = split.groupby("person_id").record.agg(
        lambda r: {owner.get(x.split(":")[-1], x.split(":")[-1][0]) for x in r}
    )
    assert sorted(map(sorted, people)) == [["A"], ["B"]]
    key = ["field", "value", "source", "record"]
    assert split[key].sort_values(key).to_numpy().tolist() == merged[key].sort_values(key).to_numpy().tolist()
    assert merged.person_id.iloc[0] in set(split.person_id)  # the larger part keeps the id


# --- the graph on each engine ------------------------------------------------------------------------


@pytest.fixture(params=["duckdb", pytest.param("spark", marks=pytest.mark.spark)])
def con(request):
    if request.param == "duckdb":
        yield ibis.duckdb.connect()
        return
    # the test run's one Spark session is shared: these tests keep their tables in a database of their own
    c = request.getfixturevalue("spark_con")
    catalog = c._session.catalog
    before = catalog.currentDatabase()
    c._session.sql("CREATE DATABASE IF NOT EXISTS identity_props")
    catalog.setCurrentDatabase("identity_props")
    for name in c.list_tables():
        c.drop_table(name)
    yield c
    catalog.setCurrentDatabase(before)


def _events(rows: list[tuple[str | None, str | None]]) -> ir.Table:
    return canonical(
        "events",
        pd.DataFrame(
            {
                "message_id": [f"m{i}" for i in range(len(rows))],
                "type": ["identify" if u else "page" for u, _ in rows],
                "user_id": [u for u, _ in rows],
                "anonymous_id": [a for _, a in rows],
                "timestamp": pd.Timestamp("2025-03-01", tz="UTC"),
            }
        ),
    )


def _people(con) -> dict[str, str]:
    m = con.table("identity_map").to_pandas()
    return dict(zip(m.node, m.person_id, strict=True))


def test_a_shared_device_is_cut_from_both_users_with_the_reason(con):
    # a family tablet (t) used by two accounts, each with a phone of its own; the tablet browses alone too
    rows = [("uA", "dA"), ("uB", "dB"), ("uA", "t"), ("uB", "t"), (None, "t"), (None, "dA")]
    engine.write(con, "events", _events(rows))
    identity.run(con, Identity(**NO_FUZZY))
    p = _people(con)
    assert p["user_id:uA"] == p["anonymous_id:dA"] != p["user_id:uB"] == p["anonymous_id:dB"]
    assert p["anonymous_id:t"] not in (p["user_id:uA"], p["user_id:uB"])
    e = con.table("identity_edges").to_pandas()
    cut = e[e.status == "capped"]
    assert set(cut.node) == {"anonymous_id:t"} and len(cut) == 2
    assert cut.reason.str.contains("2 user_id values \\(cap 1\\); anonymous_id seen with several").all()


def test_a_person_keeps_their_id_as_they_gain_identifiers_and_a_merge_keeps_one(con):
    engine.write(con, "events", _events([("u5", "m-device"), ("u6", "n-device")]))
    identity.run(con, Identity(**NO_FUZZY))
    first = _people(con)
    # a new device that sorts first, and a login linking u6's device to u5's account: one of the two ids
    engine.write(con, "events", _events([("u5", "m-device"), ("u6", "n-device"), ("u5", "a-device")]))
    identity.run(con, Identity(**NO_FUZZY))
    second = _people(con)
    assert second["anonymous_id:a-device"] == second["user_id:u5"] == first["user_id:u5"]
    assert second["user_id:u6"] == first["user_id:u6"]
    rows = [("u5", "m-device"), ("u6", "n-device"), ("u5", "a-device"), ("u5", "n-device")]
    engine.write(con, "events", _events(rows))
    identity.run(con, Identity(**NO_FUZZY, caps={"user_id": 2}))  # a couple sharing one account is allowed
    third = _people(con)
    assert third["user_id:u5"] == third["user_id:u6"] in (first["user_id:u5"], first["user_id:u6"])


def test_a_person_with_many_crm_records_is_not_split_by_their_count(con):
    """Seven CRM records of one person, each sharing an email or a phone with the next (no value on more
    contacts than the shared-value guard allows): dedupe exists for them, no count of contacts cuts."""
    n = 7
    contacts = pd.DataFrame(
        {
            "contact_id": [f"C{i}" for i in range(n)],
            "email": [f"ann{(i + 1) // 2}@example.com" for i in range(n)],
            "phone": [f"+1415555{i // 2:04d}" for i in range(n)],
            "first_name": "Ann",
            "birth_date": "1980-02-01",
        }
    )
    engine.write(con, "contacts", canonical("contacts", contacts))
    identity.run(con, Identity(**NO_FUZZY))
    assert con.table("identity_map").person_id.nunique().execute() == 1
    assert not (con.table("identity_edges").status == "capped").any().execute()


def test_contacts_evidently_of_two_people_are_split_even_when_identifiers_chain_them(con):
    """Ann and Bob (different first names and birth dates) chained through a nameless contact that shares
    Ann's email and Bob's phone: the chain is cut, with the reason; Ann's own duplicate stays with her."""
    contacts = pd.DataFrame(
        {
            "contact_id": ["ann", "ann2", "bob", "chain"],
            "email": ["ann@example.com", "ann@example.com", None, "ann@example.com"],
            "phone": [None, None, "+14155550111", "+14155550111"],
            "first_name": ["Ann", "Ann", "Bob", None],
            "birth_date": ["1980-02-01", "1980-02-01", "1955-09-30", None],
        }
    )
    engine.write(con, "contacts", canonical("contacts", contacts))
    identity.run(con, Identity(**NO_FUZZY))
    p = _people(con)
    assert p["contact_id:ann"] == p["contact_id:ann2"] != p["contact_id:bob"]
    e = con.table("identity_edges").to_pandas()
    cut = e[e.status == "capped"]
    assert set(cut.record) == {"contacts:contacts:chain"} and set(cut.node) == {
        "email:ann@example.com",
        "phone:+14155550111",
    }
    assert cut.reason.str.startswith("two people: ").all() and cut.reason.str.contains("no name").all()
