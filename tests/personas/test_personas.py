"""Personas are recovered from the sample company's planted ones, and their cards name the planted traits."""

from __future__ import annotations

import json
from pathlib import Path

import ibis
import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import make_blobs
from sklearn.metrics import adjusted_rand_score

from cxlens import Project
from cxlens.errors import InputError, NotFittedError
from cxlens.personas import Personas, busiest
from cxlens.sample._world import PERSONAS as PLANTED


@pytest.fixture(scope="module")
def matched(company20k: Path) -> pd.DataFrame:
    """Every true customer with the persona cxlens assigned to the person their orders resolved to."""
    p = Project(company20k / "cxlens.yaml", progress=False)
    rec = p.table("identity_records").to_pandas()
    rec = rec[rec.record.str.startswith("orders:")].assign(order_id=lambda d: d.record.str[7:])
    orders = pd.read_parquet(company20k / "truth" / "orders.parquet")
    mine = orders.merge(rec, on="order_id", suffixes=("_true", ""))
    who = mine.groupby("person_id_true").person_id.agg(lambda s: s.mode()[0])
    truth = pd.read_parquet(company20k / "truth" / "persons.parquet")
    truth = truth[truth.person_id.isin(who.index)].assign(mine=lambda d: who.reindex(d.person_id).to_numpy())
    assigned = p.table("persona_assignments").to_pandas()
    return truth.merge(assigned, left_on="mine", right_on="person_id", suffixes=("_true", ""))


@pytest.fixture(scope="module")
def cards(company20k: Path, matched: pd.DataFrame) -> dict[str, dict]:
    """Each planted persona's card: the card of the persona most of its people were assigned to."""
    t = Project(company20k / "cxlens.yaml", progress=False).table("personas").to_pandas()
    by_number = {int(r.persona): json.loads(r.card) for r in t.itertuples()}
    majority = matched.groupby("persona_true").persona.agg(lambda s: s.mode()[0])
    return {key: by_number[int(k)] for key, k in majority.items()}


def test_planted_personas_are_recovered(matched: pd.DataFrame, cards: dict):
    assert matched.persona.nunique() == len(PLANTED)
    assert adjusted_rand_score(matched.persona_true, matched.persona) >= 0.8
    # and no two planted personas share a card
    assert len({c["persona"] for c in cards.values()}) == len(PLANTED)


@pytest.mark.parametrize("planted", PLANTED, ids=lambda p: p.key)
def test_each_card_names_its_planted_traits(planted, cards: dict):
    card = cards[planted.key]
    text = card["narrative"]
    start, end, _ = planted.hours
    peak = card["peak_hours"]
    assert peak is not None, f"{planted.key}: no busiest hours on the card"
    covered = {(peak["from"] + i) % 24 for i in range((peak["to"] - peak["from"]) % 24)}
    assert set(range(start, end)) <= covered
    assert f"{peak['from']:02d}:00" in text
    if planted.coupon >= 0.5:
        assert "coupons" in text
    if planted.eco >= 0.5:
        assert "eco products" in text
    channels = dict(zip(("store", "web", "app", "call_centre"), planted.channels, strict=True))
    if channels["call_centre"] >= 0.5:
        assert "via call centre" in text and "Call-centre" in card["engagement"]
    if channels["app"] >= 0.5:
        assert "via app" in text
    if planted.minutes[0] <= 20 and channels["store"] >= 0.5:
        assert "only" in text and "minutes a store visit" in text
    favourite = [
        c.replace("_", " ") for c, w in planted.categories.items() if w == max(planted.categories.values())
    ]
    assert any(c.capitalize() in text for c in favourite), f"{planted.key}: none of {favourite} in {text}"
    if planted.age[1] <= 30:
        assert card["name"].startswith("Young")
    if planted.age[0] >= 60:
        assert "seniors" in card["name"]


def test_cards_carry_sizes_value_and_lifecycle(company20k: Path):
    p = Project(company20k / "cxlens.yaml", progress=False)
    t = p.table("personas").to_pandas()
    people = p.table("persona_assignments").count().execute()
    assert t.people.sum() == people == p.table("profiles").count().execute()  # everyone is assigned
    assert t.value_share.sum() == pytest.approx(1.0)
    card = json.loads(t.card.iloc[0])
    assert sum(card["lifecycle"].values()) == pytest.approx(1.0, abs=1e-3)
    assert len(card["hours"]) == 24 and card["traits"] and card["engagement"]
    assert p.table("persona_selection").filter(ibis._.chosen).n.execute().iloc[0] == len(t)


def test_busiest_hours_find_a_planted_window():
    everyone = np.ones(24)
    mine = np.ones(24)
    mine[10:14] = 20
    assert busiest(mine, everyone)[:2] == (10, 14)
    mine = np.ones(24)
    mine[[22, 23, 0, 1]] = 20  # past midnight
    assert busiest(mine, everyone)[:2] == (22, 2)


@pytest.fixture(scope="module")
def blobs() -> tuple[pd.DataFrame, np.ndarray]:
    X, y = make_blobs(n_samples=1200, centers=4, n_features=5, cluster_std=1.0, random_state=3)
    df = pd.DataFrame(X, columns=[f"x{i}" for i in range(5)])
    df["colour"] = np.where(y == 0, "red", np.where(y == 1, "blue", "green"))  # a text column, one-hot
    df.loc[::7, "x1"] = np.nan  # missing values take the column mean
    return df, y


def test_auto_finds_the_planted_number_of_groups(blobs):
    df, y = blobs
    m = Personas(random_state=0).fit(df)
    assert m.n_ == 4 and len(m.labels_) == len(df)
    assert adjusted_rand_score(y, m.labels_) >= 0.95
    assert [c["size"] for c in m.cards_] == sorted((c["size"] for c in m.cards_), reverse=True)
    assert {"name", "size", "share", "traits", "narrative", "engagement"} <= set(m.cards_[0])


def test_results_are_reproducible_by_seed(blobs):
    df, _ = blobs
    a, b = Personas(n=4, random_state=1).fit(df), Personas(n=4, random_state=1).fit(df)
    assert np.array_equal(a.labels_, b.labels_)


def test_assignment_in_the_warehouse_matches_predict(blobs):
    df, _ = blobs
    m = Personas(n=4, random_state=0).fit(df)
    con = ibis.duckdb.connect()
    t = con.create_table("people", df.assign(row=range(len(df))))
    got = m.assign(t).order_by("row").persona.to_pandas().to_numpy()
    assert np.array_equal(got, m.predict(df))


def test_tiny_personas_are_merged():
    X, _ = make_blobs(n_samples=[500, 500, 6], centers=[[0, 0], [10, 10], [-10, 10]], random_state=0)
    m = Personas(n=3, random_state=0, min_share=0.05).fit(pd.DataFrame(X, columns=["a", "b"]))
    assert m.n_ == 2 and len(m.cards_) == 2


def test_bad_parameters_and_input_are_named():
    with pytest.raises(
        InputError, match=r"The 'n' parameter of Personas must be 'auto' or an int in \[2, 30\]. Got 'six'"
    ):
        Personas(n="six").fit(pd.DataFrame({"a": range(20)}))
    with pytest.raises(InputError, match="feature 'nope' is not a column"):
        Personas(features=["nope"]).fit(pd.DataFrame({"a": range(20)}))
    with pytest.raises(InputError, match="at least 10 rows"):
        Personas().fit(pd.DataFrame({"a": [1.0, 2.0]}))
    with pytest.raises(InputError, match="no column varies"):
        Personas().fit(pd.DataFrame({"a": [1.0] * 20}))
    with pytest.raises(NotFittedError, match="Call 'fit' first"):
        Personas().predict(pd.DataFrame({"a": [1.0]}))


def test_an_export_as_people_write_it_finds_what_its_numbers_find(blobs):
    """The same people written as an export: amounts with currency and thousands separators, a date
    column in compact form, an id column, a constant column and one unreadable value. The text is read as
    ingest reads it, the columns that say nothing are named, and the personas are those of the numbers."""
    df, _ = blobs
    clean = df[["x0", "x1", "x2", "colour"]].assign(x3=(df.x3 * 30).round())
    messy = clean.assign(
        x0=[f"${v * 1000:,.2f}" if v == v else "" for v in clean.x0],
        x3=[(pd.Timestamp("2024-06-30") - pd.Timedelta(days=d)).strftime("%Y%m%d") for d in clean.x3],
        email=[f"u{i}@example.com" for i in range(len(df))],
        plan="basic",
    )
    messy.loc[5, "x0"] = "n/a"
    with (
        pytest.warns(UserWarning, match=r"1 value\(s\) of 'x0' cannot be read as a number .*row 5: 'n/a'"),
        pytest.warns(UserWarning, match=r"email \(an identifier: every value differs\), plan \(the same"),
    ):
        m = Personas(n=4, random_state=0).fit(messy)
    assert {c: form for c, (form, _) in m.forms_.items()} == {"x0": "number", "x3": "date"}
    days_before_latest = clean.x3 - clean.x3.min()
    numbers = clean.assign(x0=(clean.x0 * 1000).where(clean.index != 5), x3=days_before_latest)
    want = Personas(n=4, random_state=0).fit(numbers)
    assert adjusted_rand_score(want.labels_, m.labels_) == 1.0
    con = ibis.duckdb.connect()
    t = con.create_table("people", messy.assign(row=range(len(messy))))
    assert np.array_equal(m.assign(t).order_by("row").persona.to_pandas().to_numpy(), m.predict(messy))
