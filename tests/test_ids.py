"""The rules batch and live both apply, in their two forms (Ibis over the warehouse, Python over a log line),
give the same answers: the ids an event carries, junk values, a new person's id."""

from __future__ import annotations

import json

import ibis
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from cxlens import ids

EVENTS = [
    {"messageId": "m1", "type": "identify", "userId": "U1", "anonymousId": "A1",
     "traits": {"email": "  Ann@Example.COM "}},
    {"messageId": "m2", "type": "alias", "userId": "U1", "previousId": "A0", "anonymousId": "A1"},
    {"messageId": "m3", "type": "track", "anonymousId": "A2", "previousId": "A9", "event": "Viewed"},
    {"messageId": "m4", "type": "page", "userId": "U2", "traits": {"email": ""}},
]  # fmt: skip


def test_an_event_carries_the_same_ids_in_the_warehouse_and_in_the_collectors_log():
    rows = pd.DataFrame(
        {
            "message_id": [e["messageId"] for e in EVENTS],
            "type": [e["type"] for e in EVENTS],
            "user_id": [e.get("userId") for e in EVENTS],
            "anonymous_id": [e.get("anonymousId") for e in EVENTS],
            "previous_id": [e.get("previousId") for e in EVENTS],
            "traits": [json.dumps(e["traits"]) if "traits" in e else None for e in EVENTS],
        }
    )
    e = ids.event_ids(ibis.memtable(rows), "message_id")
    parts = [e.select("message_id", node=ids.node(kind, value)) for kind, value in ids.carried("events", e)]
    batch = ibis.union(*parts).filter(ibis._.node.notnull()).to_pandas()
    batch = batch.groupby("message_id").node.agg(set).to_dict()
    live = {ev["messageId"]: set(ids.event_nodes(ev)) for ev in EVENTS}
    assert batch == live
    assert live["m1"] == {"user_id:U1", "anonymous_id:A1", "email:ann@example.com"}
    assert live["m3"] == {"anonymous_id:A2"}  # a previous id counts only on an alias


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=4))
def test_a_new_persons_id_is_the_same_live_and_in_the_batch_graph(nodes):
    smallest = ibis.memtable({"n": [min(nodes)]})
    batch = smallest.select(p=ids.person_digest(smallest.n)).to_pandas().p.iloc[0]
    assert ids.new_person(nodes) == batch


def test_junk_is_the_same_value_live_and_in_the_batch_graph():
    values = ["unknown", "N/A", "test@test.com", "noreply@shop.com", "+15555555555", "000-000", "ann@x.com",
              "U123", "NULL", "5555555555 ", "anna"]  # fmt: skip
    t = ibis.memtable({"value": values})
    batch = t.mutate(junk=ids.is_junk(t.value, ["^anna$"])).to_pandas().set_index("value").junk.to_dict()
    live = {v: ids.junk_node(f"email:{v}", ["^anna$"]) for v in values}
    assert batch == live
    assert [v for v, j in live.items() if not j] == ["ann@x.com", "U123", "5555555555 "]
