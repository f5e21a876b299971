"""The sample company's truth is consistent and its planted personas are recoverable from its sources."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cxlens.errors import CxlensError
from cxlens.sample import PERSONAS, RENAME, generate
from cxlens.sample._write import FAULTS


def test_every_record_belongs_to_a_person_that_exists(truth):
    people = set(truth("persons").person_id)
    for name in ("crm", "identifiers", "orders", "events", "journeys", "feedback", "tickets"):
        assert set(truth(name).person_id) <= people, name


def test_record_keys_are_unique_across_chunks(truth):
    for name, key in (
        ("orders", "order_id"),
        ("events", "message_id"),
        ("journeys", "journey_id"),
        ("feedback", "response_id"),
        ("tickets", "ticket_id"),
        ("crm", "contact_id"),
    ):
        assert truth(name)[key].is_unique, name


def test_each_identifier_names_one_person(truth):
    ids = truth("identifiers")
    assert not ids.duplicated(["kind", "value"]).any()


def test_persona_shares_match_the_requested_mix(truth, summary):
    known = truth("persons").query("known")
    n = len(known)
    for p in PERSONAS:
        want = summary["persona_mix"]["requested"][p.key]
        got = (known.persona == p.key).mean()
        assert abs(got - want) < 4 * np.sqrt(want * (1 - want) / n), p.key


def test_purchase_truth_is_a_buy_till_you_die_process(truth):
    p = truth("persons")
    orders = truth("orders")
    bought = orders.groupby("person_id").size()
    # a customer's orders = first purchase + repeat purchases (+ orders the A/B treatment added)
    cust = p[p.is_customer].set_index("person_id")
    assert (bought.reindex(cust.index).fillna(0) >= 1 + cust.repeat_purchases).all()
    assert not p[~p.is_customer].person_id.isin(orders.person_id).any()
    assert p[~p.is_customer].alive.sum() == 0
    assert 0 < p.alive[p.is_customer].mean() < 1


def test_planted_personas_are_recoverable_from_the_sources(company, truth):
    orders = pd.read_csv(company / "data" / "orders.csv", dtype=str)
    items = pd.read_parquet(company / "data" / "order_items")
    who = truth("orders").set_index("order_id").person_id
    persona = truth("persons").set_index("person_id").persona
    orders["persona"] = persona.reindex(who.reindex(orders.order_id)).to_numpy()
    items["persona"] = persona.reindex(who.reindex(items.order_id)).to_numpy()
    coupon = orders.groupby("persona").coupon_code.apply(lambda s: s.notna().mean())
    assert coupon["eco_bargain_hunters"] > 0.7 and coupon["grab_and_go"] == 0
    eco = items.groupby("persona").eco.mean()
    assert eco["eco_bargain_hunters"] > 3 * eco.drop("eco_bargain_hunters").max()
    store = orders[orders.channel == "store"].assign(m=lambda d: pd.to_numeric(d.minutes_in_store, "coerce"))
    assert abs(store[store.persona == "grab_and_go"].m.median() - 16) < 2
    hours = pd.to_datetime(orders.order_date, errors="coerce", utc=True).dt.hour
    eco_hours = hours[orders.persona == "eco_bargain_hunters"]
    assert eco_hours.between(10, 13).mean() > 0.6
    cats = items[items.persona == "grab_and_go"].category.value_counts(normalize=True)
    assert cats[["jeans", "sweats", "tees", "camping", "sports", "video_games"]].sum() > 0.8


def test_every_recorded_fault_is_in_the_file_as_recorded(company, truth, summary):
    faults = truth("malformed")
    assert set(faults.table) == set(summary["sources"])
    for f in faults.itertuples():
        column = RENAME.get(f.table, {}).get(f.field, f.field)
        bad = {text for col, text, _ in FAULTS[f.table] if col == f.field}
        if f.file.endswith(".csv"):
            with (company / "data" / f.file).open(newline="") as fh:
                rows = list(csv.reader(fh))
            header, row = rows[0], rows[f.row]
            if f.field == "(row)":
                assert len(row) > len(header)
            else:
                assert row[header.index(column)] in bad, f
        elif f.file.endswith(".jsonl"):
            line = (company / "data" / f.file).read_text().splitlines()[f.row - 1]
            if f.field == "(line)":
                with pytest.raises(json.JSONDecodeError):
                    json.loads(line)
            else:
                assert json.loads(line).get(column) in bad, f
        else:
            value = pd.read_parquet(company / "data" / f.table / f.file).iloc[f.row - 1][column]
            typed = [v for col, _, v in FAULTS[f.table] if col == f.field]
            missing = pd.isna(value) and any(pd.isna(v) for v in typed)
            assert missing or value in bad | {v for v in typed if not pd.isna(v)}, f


def test_same_seed_gives_the_same_company(tmp_path: Path):
    def digest(folder: Path) -> str:
        h = hashlib.sha256()
        for f in sorted((folder / "data").rglob("*")):
            if f.is_file():
                h.update(f.read_bytes())
        return h.hexdigest()

    generate(tmp_path / "a", customers=300, seed=3, progress=False)
    generate(tmp_path / "b", customers=300, seed=3, progress=False)
    generate(tmp_path / "c", customers=300, seed=4, progress=False)
    assert digest(tmp_path / "a") == digest(tmp_path / "b") != digest(tmp_path / "c")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"customers": 5}, "expected between 100"),
        ({"customers": 500, "fmt": "xlsx"}, "expected 'mixed' or 'parquet'"),
        ({"customers": 500, "mix": [1, 2]}, "persona mix"),
    ],
)
def test_bad_arguments_are_refused(tmp_path: Path, kwargs: dict, message: str):
    with pytest.raises(CxlensError, match=message):
        generate(tmp_path / "x", progress=False, **kwargs)


def test_a_folder_with_data_is_not_overwritten(tmp_path: Path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "mine.csv").write_text("a\n1\n")
    with pytest.raises(CxlensError, match="already holds files"):
        generate(tmp_path, customers=200, progress=False)
