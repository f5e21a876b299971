"""Journeys on the sample company: planted channel effects, the planted pain point, cross-device journeys;
funnels checked against a plain-pandas reading of the same touchpoints; bad input named."""

from __future__ import annotations

from pathlib import Path

import ibis
import numpy as np
import pandas as pd
import pytest

from cxlens import Project
from cxlens.config import Journeys, parse_config
from cxlens.errors import ConfigError, InputError
from cxlens.journeys import Step, funnel, funnel_units, paths_from, sessions
from cxlens.sample._world import CHANNEL_LIFT, PAIN_POINT

# The sample's touch channels as cxlens names them: a bare visit to the home page is "direct", an opened
# push notification "push".
NAMES = {"ads": "ads", "email": "email", "social": "social", "web": "direct", "app": "push"}


@pytest.fixture(scope="module")
def big(company20k: Path) -> Project:
    return Project(company20k / "cxlens.yaml", progress=False)


def test_markov_ranks_the_channels_as_planted(big: Project):
    a = big.table("attribution").filter(ibis._.model == "markov").to_pandas()
    found = list(a.sort_values("conversion_probability", ascending=False).channel)
    planted = [NAMES[c] for c in sorted(CHANNEL_LIFT, key=CHANNEL_LIFT.get, reverse=True)]
    assert found == planted
    # every model credits all conversions
    every = big.table("attribution").to_pandas().groupby("model").conversions.sum()
    j = big.table("journeys").to_pandas()
    assert every.to_numpy() == pytest.approx(j[j.path.notna()].converted.sum())


def test_the_planted_pain_point_is_ranked_first(big: Project):
    p = big.table("pain_points").to_pandas().sort_values("rank")
    top = p.iloc[0]
    assert top.step == f"{PAIN_POINT['step']} → {PAIN_POINT['next']}"
    assert (top.dimension, top.value) == ("channel", PAIN_POINT["channel"])
    assert top.rate < top.expected and top.lost_value > 0


def test_cross_device_journeys_are_joined(big: Project, company20k: Path):
    """Truth journeys whose events came from several devices that identity linked to one person end up in
    one cxlens journey that knows it spans devices, unless another of the person's purchases fell inside
    them (a journey ends at a conversion, so interleaved journeys split by definition)."""
    truth = pd.read_parquet(company20k / "truth" / "events.parquet", columns=["message_id", "journey_id"])
    ev = big.table("events").select("message_id", "anonymous_id").to_pandas()
    tp = big.table("touchpoints").to_pandas()
    idmap = big.table("identity_map").to_pandas().set_index("node").person_id
    t = truth.merge(ev, on="message_id").merge(
        tp, left_on="message_id", right_on="ref", suffixes=("_true", "")
    )
    t = t[t.anonymous_id.notna()]
    t["owner"] = idmap.reindex("anonymous_id:" + t.anonymous_id).to_numpy()
    per = t.groupby("journey_id_true").agg(
        devices=("anonymous_id", "nunique"),
        owners=("owner", "nunique"),
        person=("person_id", "first"),
        first=("at", "min"),
        last=("at", "max"),
        mine=("journey_id", "nunique"),
        journey=("journey_id", "first"),
    )
    linked = per[(per.devices > 1) & (per.owners == 1)].reset_index()
    conv = tp[tp.is_conversion][["person_id", "at"]]
    inside = linked.merge(conv, left_on="person", right_on="person_id")
    inside = inside[(inside["at"] > inside["first"]) & (inside["at"] < inside["last"])]
    clean = linked[~linked.journey_id_true.isin(inside.journey_id_true)]
    assert len(clean) > 500 and len(clean) > 0.8 * len(linked)  # the sample plants plenty
    assert (clean.mine == 1).mean() >= 0.99
    devices = big.table("journeys").to_pandas().set_index("journey_id").devices
    assert (devices.reindex(clean.journey).to_numpy() > 1).mean() >= 0.99


def test_funnel_matches_a_plain_reading_of_the_touchpoints(loaded):
    s = loaded.project.table("touchpoints")
    steps = ["Product Viewed", "Checkout Started", "Order Completed"]
    got = funnel(s, steps, window_days=7).set_index("step").reached
    df = s.filter(s.touchpoint.isin(steps)).select("journey_id", "touchpoint", "at", "step").to_pandas()
    df = df.sort_values(["journey_id", "at", "step"])
    want = [0, 0, 0]
    for _, g in df.groupby("journey_id"):
        names, times = list(g.touchpoint), list(g["at"])
        if steps[0] not in names:
            continue
        k = names.index(steps[0])
        start, reached = times[k], 1
        for i in range(k + 1, len(names)):
            if (
                reached < len(steps)
                and names[i] == steps[reached]
                and times[i] - start <= pd.Timedelta(days=7)
            ):
                reached += 1
        for r in range(reached):
            want[r] += 1
    assert list(got) == want


def test_funnel_options_behave(loaded):
    s = loaded.project.table("touchpoints")
    base = ["Product Viewed", "Product Added", "Checkout Started", "Order Completed"]
    seq = funnel(s, base).reached.to_numpy()
    assert (seq[:-1] >= seq[1:]).all()  # a closed funnel only narrows
    strict = funnel(s, base, order="strict").reached.to_numpy()
    assert strict[0] == seq[0]
    anyo = funnel(s, base, order="any").reached.to_numpy()
    assert anyo[0] >= seq[0] and anyo[-1] >= seq[-1]  # any order accepts every sequential unit
    opt = funnel(s, ["Product Viewed", Step(("Product Added",), optional=True), "Order Completed"])
    assert (
        opt.reached.iloc[-1]
        >= funnel(s, ["Product Viewed", "Product Added", "Order Completed"]).reached.iloc[-1]
    )
    tight = funnel(s, ["Product Viewed", {"name": "Order Completed", "within_hours": 0.1}])
    assert tight.reached.iloc[-1] <= funnel(s, ["Product Viewed", "Order Completed"]).reached.iloc[-1]
    opened = funnel(s, base, entry="open")
    assert opened.reached.iloc[0] == seq[0] and opened.entered.sum() >= seq[0]
    by = funnel(s, base, breakdown="channel")
    assert by.groupby("step").reached.sum().iloc[0] == seq[0]
    people = loaded.project.table("persona_assignments").select("person_id", persona="persona_name")
    byp = funnel(s, base, breakdown="persona", people=people)
    assert byp.groupby("step").reached.sum().iloc[0] == seq[0]


def test_exclusion_steps_drop_exactly_the_units_with_one_inside(loaded):
    """A unit is left out when an excluded touchpoint falls between its entry and its last step reached."""
    s = loaded.project.table("touchpoints")
    steps = ["Page Viewed", "Product Viewed", "Order Completed"]
    base = funnel_units(s, steps).to_pandas()
    kept = set(funnel_units(s, steps, exclude=["Product Added"]).to_pandas().unit)
    added = s.filter(s.touchpoint == "Product Added").select("journey_id", "at").to_pandas()
    last = base[["t0", "t1", "t2"]].max(axis=1)
    hit = base.assign(last=last).merge(added, left_on="unit", right_on="journey_id")
    hit = set(hit.unit[(hit["at"] >= hit._entry) & (hit["at"] <= hit["last"])])
    assert hit and kept == set(base.unit) - hit


@pytest.mark.parametrize(
    ("steps", "kwargs", "message"),
    [
        (["Product Viewed", "Chekout Started"], {}, "funnel step 'Chekout Started' never occurs"),
        (["Product Viewed"], {}, "at least two steps"),
        (["Product Viewed", "Order Completed"], {"order": "random"}, "expected sequential, strict or any"),
        (["Product Viewed", "Order Completed"], {"breakdown": "colour"}, "breakdown 'colour' is not"),
        ([{"name": "Product Viewed", "optional": True}, "Order Completed"], {}, "cannot be optional"),
        (["Product Viewed", {"nam": "x"}], {}, "expected a touchpoint name"),
    ],
)
def test_funnel_bad_input_is_named(loaded, steps, kwargs, message):
    with pytest.raises(InputError, match=message):
        funnel(loaded.project.table("touchpoints"), steps, **kwargs)


def test_paths_and_flows(loaded):
    s = loaded.project.table("touchpoints")
    tp = s.to_pandas().sort_values(["journey_id", "step"])
    # recomputed by hand: each journey without consecutive repeats, and what follows its first Product Viewed
    seq = tp[tp.touchpoint != tp.groupby("journey_id").touchpoint.shift()].copy()
    seq["pos"] = seq.groupby("journey_id").cumcount()
    first = seq[seq.touchpoint == "Product Viewed"].groupby("journey_id").pos.min().rename("anchor")
    after = seq.join(first, on="journey_id", how="inner")
    nxt = after[after.pos == after.anchor + 1].touchpoint.value_counts()
    fwd = paths_from(s, "Product Viewed", steps=3, top=3)
    assert set(fwd.offset) <= {0, 1, 2} and fwd[fwd.offset == 0].node.eq("Product Viewed").all()
    got = fwd[fwd.offset == 0].set_index("next").journeys
    top = nxt.index[:3]
    assert got.drop("Others", errors="ignore").to_dict() == nxt[top].to_dict()
    assert got.get("Others", 0) == nxt.drop(top).sum()
    back = paths_from(s, "Order Completed", steps=2, backward=True)
    assert back[back.offset == 0].node.eq("Order Completed").all()
    with pytest.raises(InputError, match="no journey reaches 'Nothing'"):
        paths_from(s, "Nothing")
    # the Sankey: every move between two different stages inside a journey, counted
    moved = tp.assign(to=tp.groupby("journey_id").stage.shift(-1)).dropna(subset=["to"])
    moved = moved[moved.stage != moved.to].groupby(["stage", "to"]).size()
    flows = loaded.project.table("journey_flows").to_pandas()
    assert {"stage", "channel"} == set(flows.kind)
    stages = flows[flows.kind == "stage"].set_index(["source", "target"]).moves
    assert stages.sort_index().to_dict() == moved.sort_index().to_dict()


def test_journeys_end_at_conversions_and_gaps(loaded):
    tp = loaded.project.table("touchpoints").to_pandas().sort_values(["journey_id", "step"])
    last = tp.groupby("journey_id").tail(1)
    inner = tp[~tp.index.isin(last.index)]
    assert not inner.is_conversion.any()  # nothing follows a conversion inside a journey
    j = loaded.project.table("journeys").to_pandas()
    assert (j.end - j.start <= pd.Timedelta(days=400)).all()
    gaps = tp.groupby("journey_id")["at"].diff().dropna()
    assert (gaps <= pd.Timedelta(days=Journeys().journey_gap_days)).all()


def test_unknown_stage_names_are_refused():
    doc = {"sources": [{"name": "o", "table": "orders", "path": "o.csv"}]}
    with pytest.raises(ConfigError, match="'Product Viewed' is mapped to 'discvery', which is not a stage"):
        parse_config({**doc, "journeys": {"stages": {"Product Viewed": "discvery"}}})


def test_sessions_split_on_the_gap():
    con = ibis.duckdb.connect()
    at = pd.to_datetime(
        ["2025-01-01 10:00", "2025-01-01 10:20", "2025-01-01 11:30", "2025-01-20 09:00"], utc=True
    )
    t = con.create_table(
        "t",
        pd.DataFrame(
            {
                "person_id": "p1",
                "at": at,
                "source": "events",
                "touchpoint": ["Product Viewed", "Product Added", "Product Viewed", "Product Viewed"],
                "channel": ["web", "app", "app", "web"],
                "is_conversion": False,
            }
        ),
    )
    s = sessions(t, Journeys()).order_by("at").to_pandas()
    assert list(s.session_id.factorize()[0]) == [0, 0, 1, 2]
    assert list(s.journey_id.factorize()[0]) == [0, 0, 0, 1]
    assert list(s.step) == [1, 2, 3, 1]
    assert list(s.switch) == [False, True, False, False]  # a new journey starts without a switch


def test_a_conversion_is_retained_when_the_same_person_converts_again_within_90_days():
    """Retention after a converting journey, on hand-made journeys with ties, the 90-day edge to the second
    and people converting many times, equals a brute-force check of every later conversion."""
    from cxlens.journeys.pain import RETAIN_DAYS, _retained

    rng = np.random.default_rng(3)
    start = pd.Timestamp("2025-01-01", tz="UTC")
    rows = []
    for person in range(60):
        times = start + pd.to_timedelta(np.sort(rng.integers(0, 400, 6)), unit="D")
        for i, at in enumerate(times):
            converted = bool(rng.random() < 0.7)
            rows.append({"journey_id": f"p{person}:{i}", "person_id": f"p{person}", "converted": converted,
                         "converted_at": at if converted else pd.NaT})  # fmt: skip
    edge = start + pd.Timedelta(days=RETAIN_DAYS)
    rows += [  # the same instant twice (not "again"), exactly 90 days later (kept), one second more (not)
        {"journey_id": "e:0", "person_id": "e", "converted": True, "converted_at": start},
        {"journey_id": "e:1", "person_id": "e", "converted": True, "converted_at": start},
        {"journey_id": "e:2", "person_id": "e", "converted": True, "converted_at": edge},
        {"journey_id": "f:0", "person_id": "f", "converted": True, "converted_at": start},
        {"journey_id": "f:1", "person_id": "f", "converted": True, "converted_at": edge + pd.Timedelta("1s")},
    ]  # fmt: skip
    j = pd.DataFrame(rows)
    got = _retained(ibis.memtable(j)).to_pandas().set_index("journey_id").retained.sort_index()
    window = pd.Timedelta(days=RETAIN_DAYS)
    expected = {}
    for r in j.itertuples():
        later = (j.person_id == r.person_id) & (j.converted_at > r.converted_at)
        expected[r.journey_id] = bool(
            r.converted and (later & (j.converted_at - r.converted_at <= window)).any()
        )
    assert got.to_dict() == expected
    assert [expected[k] for k in ("e:0", "e:1", "e:2", "f:0")] == [True, True, False, False]
