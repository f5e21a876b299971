"""Profiles against the sample company's truth, and the rules that choose each shown value."""

from __future__ import annotations

import json

import ibis
import pandas as pd
import pytest
from typer.testing import CliRunner

from cxlens import CxlensError, engine, identity, profiles
from cxlens.cli import app
from cxlens.config import Identity
from cxlens.identity import canonical


@pytest.fixture(scope="module")
def people(loaded, truth) -> pd.DataFrame:
    """Known people with an account whose email and phone the data holds, and their loaded order counts."""
    p = truth("persons")
    nodes = set(loaded.project.table("identity_map").node.execute())
    p = p[p.known & p.user_id.notna()]
    p = p[("email:" + p.email).isin(nodes) & ("phone:" + p.phone).isin(nodes)]  # the CRM has them
    orders = loaded.project.table("orders").select("order_id").to_pandas()
    mine = truth("orders").merge(orders, on="order_id").groupby("person_id").size()
    return p.assign(orders=mine.reindex(p.person_id, fill_value=0).to_numpy()).sample(25, random_state=1)


def test_one_profile_per_person_and_every_order_in_exactly_one(loaded):
    prof = loaded.project.table("profiles").to_pandas()
    assert prof.person_id.is_unique
    assert set(prof.person_id) == set(loaded.project.table("identity_map").person_id.execute())
    assert prof.orders.sum() == loaded.project.table("orders").count().execute()


def test_a_profile_is_found_by_any_identifier_and_shows_the_true_traits(loaded, people):
    p = loaded.project
    nodes = set(p.table("identity_map").node.execute())
    right = 0
    for t in people.itertuples():
        prof = p.profile(t.email.upper())
        national = f"({t.phone[2:5]}) {t.phone[5:8]}-{t.phone[8:]}"
        assert (
            p.profile(national)["person_id"] == prof["person_id"] == p.profile(prof["person_id"])["person_id"]
        )
        assert f"email:{t.email}" in prof["identifiers"] and f"phone:{t.phone}" in prof["identifiers"]
        assert (prof["first_name"], prof["postcode"]) == (t.first_name, t.postcode)
        assert prof["birth_date"].date() == pd.Timestamp(t.birth_date).date()
        account = f"user_id:{t.user_id}"
        right += prof["orders"] == t.orders and (account in prof["identifiers"] or account not in nodes)
    assert right >= 0.9 * len(people)  # an account seen only on an alias never meets its owner's email


def test_an_unknown_identifier_is_refused_with_what_to_give(loaded):
    with pytest.raises(
        CxlensError, match=r"no person has the identifier 'nobody@nowhere\.org'; give a person id"
    ):
        loaded.project.profile("nobody@nowhere.org")


def _contacts(rows: list[dict]) -> ibis.BaseBackend:
    con = ibis.duckdb.connect()
    df = pd.DataFrame(rows).assign(email="ann@example.com", first_name=lambda d: d.get("first_name", "Ann"))
    engine.write(con, "contacts", canonical("contacts", df))
    cfg = Identity(fuzzy={"enabled": False}, source_priority=["crm"])
    identity.run(con, cfg)
    profiles.run(con, cfg)
    return con


@pytest.mark.parametrize(
    ("older", "newer", "same_time", "shown"),
    [
        (True, False, False, False),  # a later opt-out stands
        (False, True, False, True),  # a later opt-in is the person's latest word
        (True, False, True, False),  # on a tie, the opt-out wins
        (False, True, True, False),
    ],
)
def test_consent_follows_the_latest_record_and_an_opt_out_wins_a_tie(older, newer, same_time, shown):
    t0, t1 = pd.Timestamp("2025-01-01", tz="UTC"), pd.Timestamp("2025-06-01", tz="UTC")
    con = _contacts(
        [
            {"contact_id": "C1", "source": "crm", "consent_email": older, "created_at": t0},
            {
                "contact_id": "C2",
                "source": "crm",
                "consent_email": newer,
                "created_at": t0 if same_time else t1,
            },
        ]
    )
    prof = con.table("profiles").to_pandas()
    assert len(prof) == 1 and bool(prof.consent_email.iloc[0]) is shown


def test_a_trait_comes_from_the_first_source_in_priority_then_the_latest_and_every_value_is_kept():
    t0, t1 = pd.Timestamp("2025-01-01", tz="UTC"), pd.Timestamp("2025-06-01", tz="UTC")
    con = _contacts(
        [
            {"contact_id": "C1", "source": "crm", "last_name": "Lee", "city": "Leeds", "created_at": t0},
            {"contact_id": "C2", "source": "shop", "last_name": "Li", "city": "York", "created_at": t1},
            {"contact_id": "C3", "source": "shop", "last_name": "Leigh", "postcode": "YO1", "created_at": t0},
        ]
    )
    prof = con.table("profiles").to_pandas()
    assert len(prof) == 1
    assert tuple(prof[["last_name", "city", "postcode"]].iloc[0]) == ("Lee", "Leeds", "YO1")
    v = con.table("profile_values").to_pandas()
    names = v[v.field == "last_name"].sort_values("rank")
    assert names.value.tolist() == ["Lee", "Li", "Leigh"] and names.source.tolist() == ["crm", "shop", "shop"]


runner = CliRunner()


def test_the_profile_command_prints_a_profile_and_why(loaded, people):
    t = people.iloc[0]
    res = runner.invoke(
        app, ["profile", t.email, "-p", str(loaded.project.config.base_dir / "cxlens.yaml"), "--why"]
    )
    assert res.exit_code == 0, res.output
    assert t.first_name in res.output and "Why: the identifiers" in res.output and "linked" in res.output


@pytest.mark.parametrize("ident", ["nobody@nowhere.org", "kind:value"])
def test_the_profile_command_refuses_an_unknown_identifier(loaded, ident):
    res = runner.invoke(app, ["profile", ident, "-p", str(loaded.project.config.base_dir / "cxlens.yaml")])
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    assert (
        res.exit_code == 2 and len(lines) == 1 and lines[0].startswith("error: no person has the identifier")
    )


def test_profile_why_shows_how_splink_scored_a_match_step_by_step(loaded):
    f = loaded.project.table("identity_fuzzy").to_pandas()
    pair = f[f.status == "linked"].sort_values("probability").iloc[0]
    steps = json.loads(pair.weights)
    # the waterfall adds up: the prior and each field's match weight give the pair's probability
    total = sum(weight for weight, _ in steps.values())
    assert abs(1 / (1 + 2**-total) - pair.probability) < 1e-3
    assert next(iter(steps)) == "prior" and all(level for _, level in steps.values())
    contact = pair.record_l.rsplit(":", 1)[-1]
    cfg = str(loaded.project.config.base_dir / "cxlens.yaml")
    res = runner.invoke(app, ["profile", f"contact_id:{contact}", "-p", cfg, "--why"])
    assert res.exit_code == 0, res.output
    words = " ".join(res.output.split())  # titles wrap at the terminal's width
    assert "How Splink scored" in words and "running total" in words and "│ prior" in res.output
    assert "The Splink model: match weight of each comparison level" in words
    model = loaded.project.table("identity_fuzzy_model").to_pandas()
    assert {"first_name", "last_name", "birth_date", "postcode", "prior"} <= set(model.comparison)
    exact = model[model.level.str.startswith("Exact match")].dropna(subset=["match_weight"])
    assert len(exact) >= 5 and (exact.match_weight > 0).all()
