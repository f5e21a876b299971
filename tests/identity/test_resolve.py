"""Identity resolution on the sample company, against the truth it planted.

Pairwise "same person": of all identifier pairs put in one profile, how many are one true person
(precision), and of all pairs of one true person's identifiers, how many share a profile (recall). The
sample's anonymous devices are reported apart: a device never seen logged in carries no evidence of its owner.
"""

from __future__ import annotations

import ibis
import pandas as pd
import phonenumbers
import pytest

from cxlens import CxlensError, engine
from cxlens.identity import resolve
from cxlens.identity.quality import pairwise
from cxlens.identity.stage import canonical
from cxlens.tables import TABLES


def precision_recall(found: pd.Series, true: pd.Series) -> tuple[float, float]:
    s = pairwise(found, true)
    return s["precision"], s["recall"]


@pytest.fixture(scope="module")
def nodes(loaded, truth) -> pd.DataFrame:
    """Every identifier in the truth that the graph holds: node, person_id (found), true_id."""
    found = loaded.project.table("identity_map").to_pandas()
    ids = truth("identifiers")
    ids = ids.assign(node=ids.kind + ":" + ids.value).rename(columns={"person_id": "true_id"})
    return found.merge(ids, on="node")


@pytest.fixture(scope="module")
def contacts(loaded, truth) -> pd.DataFrame:
    rec = loaded.project.table("identity_records").to_pandas()
    c = rec[rec.record.str.startswith("contacts:")].assign(
        contact_id=lambda d: d.record.str.rsplit(":", n=1).str[-1]
    )
    return c.merge(truth("crm").rename(columns={"person_id": "true_id"}), on="contact_id")


def test_identifier_pairs_meet_the_precision_and_recall_targets(nodes, summary):
    assert len(nodes) > 0.9 * summary["counts"]["persons"]
    precision, _ = precision_recall(nodes.person_id, nodes.true_id)
    assert precision >= 0.995
    known = nodes[nodes.kind != "anonymous_id"]  # what people gave the company: ids, emails, phones, cards
    precision, recall = precision_recall(known.person_id, known.true_id)
    assert precision >= 0.995 and recall >= 0.98


def test_every_device_seen_logged_in_joins_its_owner(loaded, nodes):
    ev = loaded.project.table("events")
    seen = ev.filter(ev.user_id.notnull() & ev.anonymous_id.notnull()).anonymous_id.name("value")
    seen = set(seen.execute())
    dev = nodes[(nodes.kind == "anonymous_id") & nodes.value.isin(seen)]
    user = nodes[nodes.kind == "user_id"].set_index("true_id").person_id
    assert len(dev) > 100
    assert (dev.person_id.to_numpy() == user.reindex(dev.true_id).to_numpy()).mean() >= 0.98


def test_crm_duplicates_are_merged_with_the_fuzzy_step_and_without_it_only_when_they_share_an_id(
    loaded, contacts
):
    precision, recall = precision_recall(contacts.person_id, contacts.true_id)
    assert precision >= 0.995 and recall >= 0.98
    # the same contacts without Splink: duplicates that share no identifier stay apart
    frame = loaded.project.table("contacts").to_pandas()
    plain = resolve(frame, config={"fuzzy": {"enabled": False}})
    c = contacts.merge(
        plain.rename(columns={"person_id": "plain_id", "record_id": "contact_id"}), on="contact_id"
    )
    precision, recall = precision_recall(c.plain_id, c.true_id)
    assert precision >= 0.995 and recall < 0.9
    # without Splink, a true person's contacts are together exactly when they share a usable email or phone
    blocked = loaded.project.table("identity_blocked").to_pandas()
    bad = set(blocked.kind + ":" + blocked.value)
    c = c.merge(frame[["contact_id", "email", "phone"]], on="contact_id")
    dups = c[c.true_id.isin(c.true_id[c.dup_kind != ""])]
    ids = pd.concat([("email:" + dups.email).rename("node"), ("phone:" + dups.phone).rename("node")])
    ids = pd.DataFrame({"node": ids, "true_id": pd.concat([dups.true_id, dups.true_id])}).dropna()
    ids = ids[~ids.node.isin(bad)]
    share = ids.groupby(["true_id", "node"]).size().gt(1).groupby("true_id").any()
    together = dups.groupby("true_id").plain_id.nunique().eq(1)
    assert share.sum() > 10 and (~share.reindex(together.index, fill_value=False)).sum() > 10
    assert (together == share.reindex(together.index, fill_value=False)).all()


def test_fuzzy_links_carry_their_score_and_the_fields_that_agreed(loaded, contacts):
    fz = loaded.project.table("identity_fuzzy").to_pandas()
    assert len(fz) and fz.probability.ge(0.99).all()
    assert fz.agreed.str.contains("first_name").mean() > 0.9
    edges = loaded.project.table("identity_edges").to_pandas()
    fe = edges[edges.kind == "fuzzy"]
    assert fe.reason.str.match(r"fuzzy match (1\.0|0\.99\d*): .+ agreed").all() and fe.score.notna().all()
    true = contacts.set_index("record").true_id
    assert (true.reindex(fz.record_l).to_numpy() == true.reindex(fz.record_r).to_numpy()).mean() >= 0.995


def test_junk_identifiers_never_merge_two_true_people(loaded, truth, contacts):
    blocked = loaded.project.table("identity_blocked").to_pandas()
    crm = truth("crm")
    e164 = {
        phonenumbers.format_number(phonenumbers.parse(v, "US"), 0)
        for v in crm.junk_value[crm.junk == "phone"]
    }
    assert e164 and e164 <= set(blocked.value)
    assert set(crm.junk_value[crm.junk == "email"].dropna().str.lower()) <= set(blocked.value)
    assert blocked.reason.str.len().gt(10).all()
    edges = loaded.project.table("identity_edges").to_pandas()
    linked = edges[edges.status == "linked"]
    assert not set(linked.node) & set(blocked.kind + ":" + blocked.value)
    # no profile holds two true people among the contacts that carried junk
    junk = contacts[contacts.junk != ""]
    assert len(junk)
    mixed = contacts[contacts.person_id.isin(junk.person_id)].groupby("person_id").true_id.nunique()
    assert mixed.eq(1).all()


def test_a_family_tablet_never_merges_its_two_account_holders(loaded, truth):
    shared = truth("shared_devices")
    users = truth("persons").set_index("person_id").user_id
    found = loaded.project.table("identity_map").to_pandas().set_index("node").person_id
    pairs = shared.groupby("anonymous_id").person_id.agg(list)
    holders = [[found.get(f"user_id:{users[p]}") for p in two] for two in pairs]
    seen = [h for h in holders if None not in h]
    assert len(seen) >= 3 and all(a != b for a, b in seen)
    # where both logged in on it, the tablet's links to their accounts are cut, with the reason
    edges = loaded.project.table("identity_edges").to_pandas()
    capped = edges[edges.status == "capped"]
    ev = loaded.project.table("events").select("anonymous_id", "user_id").distinct().to_pandas().dropna()
    both = ev[ev.anonymous_id.isin(shared.anonymous_id)].groupby("anonymous_id").user_id.nunique()
    assert (both >= 2).sum() >= 3
    assert set("anonymous_id:" + both.index[both >= 2]) <= set(capped.node)
    assert capped.reason.str.contains(r"2 user_id values \(cap 1\)").all()


@pytest.mark.parametrize(
    ("contacts", "config", "message"),
    [
        (pd.DataFrame({"email": ["a@b.com"]}), None, r"resolve: contacts has no column for required"),
        (pd.DataFrame({"contact_id": [1]}), {"caps": {"user": 1}}, r"identity settings: caps: 'user' is not"),
        ([{"contact_id": 1}], None, r"resolve: contacts must be a pandas DataFrame; got list"),
    ],
)
def test_resolve_refuses_frames_it_cannot_use_and_bad_settings(contacts, config, message):
    with pytest.raises(CxlensError, match=message):
        resolve(contacts, config=config)


def test_resolve_reads_a_crm_export_as_ingest_would_and_warns_of_what_it_leaves():
    """Columns in the export's own spelling, one it does not use, compact and impossible birth dates, an
    id written as a float and a row without an id: each is read or named, nothing refuses the frame."""
    crm = pd.DataFrame(
        {
            "Contact ID": [1, 2, 3, None],
            "Email": ["Ann@x.com", "ann@x.com ", "bob@y.com", "cy@z.com"],
            "Birthday": ["19560409", "1956-13-45", "09/04/1956", "1956-04-09"],
            "State": ["CA", "NY", "NY", "NY"],
            "Notes": ["vip", "", "", ""],
        }
    )
    with pytest.warns(UserWarning) as caught:
        out = resolve(crm, config={"fuzzy": {"enabled": False}})
    said = [str(w.message) for w in caught if "resolve:" in str(w.message)]
    assert said == [
        "resolve: contacts column(s) Notes are not used; the columns contacts reads are "
        + ", ".join(TABLES["contacts"].columns)
        + " (or their aliases)",
        "resolve: 1 contacts row(s) left out (it lacks what the table needs): row 3: 'Contact ID' "
        "(contact_id) is empty; it is required",
        "resolve: 2 contacts row(s) read as missing: row 1: 'Birthday' (birth_date) is '1956-13-45'; "
        "expected a date (YYYY-MM-DD) | row 2: 'Birthday' (birth_date) is '09/04/1956', which reads as "
        "day/month or month/day; write dates as YYYY-MM-DD",
    ]
    assert out.record_id.tolist() == ["1", "2", "3"]
    assert out.person_id.iloc[0] == out.person_id.iloc[1] != out.person_id.iloc[2]  # the email, any case


def test_resolve_reads_compact_dates_and_state_into_profiles_as_ingest_does():
    con = ibis.duckdb.connect()
    df = pd.DataFrame({"contact_id": ["C1"], "birth_date": [19560409], "state": ["CA"], "country": ["US"]})
    engine.write(con, "contacts", canonical("contacts", df))
    row = con.table("contacts").to_pandas().iloc[0]
    assert (str(row.birth_date)[:10], row.region, row.country) == ("1956-04-09", "CA", "US")


def test_a_splink_model_trained_in_the_driver_scores_pairs_in_the_engine_as_its_trainer_does(loaded):
    """Splink is trained on an in-memory DuckDB and its m, u and prior carried into the same settings
    rendered for the warehouse's engine: the engine's predictions must be the trainer's own."""
    import splink.comparison_library as cl
    from splink import Linker, SettingsCreator, block_on

    from cxlens.identity.fuzzy import fuzzy_input, trained

    con = loaded.project.con
    data = fuzzy_input(con, con.table("identity_blocked"))
    settings = SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="record",
        comparisons=[
            cl.NameComparison("first_name"),
            cl.DateOfBirthComparison("birth_date", input_is_string=True),
            cl.ExactMatch("postcode").configure(term_frequency_adjustments=True),
        ],
        blocking_rules_to_generate_predictions=[block_on("last_name")],
    )
    trainer = Linker(engine.splink_driver_frame(data, "_test_train"), settings, log_level=None)
    trainer.training.estimate_u_using_random_sampling(max_pairs=1e5, seed=1)
    trainer.training.estimate_parameters_using_expectation_maximisation(block_on("last_name"))
    fitted = trainer.misc.save_model_to_json()
    own = trainer.inference.predict().as_pandas_dataframe()  # every blocked pair

    frame = engine.splink_frame(con, data, "_test_predict")  # another database, as a warehouse's engine is
    model = Linker(frame, settings, log_level=None).misc.save_model_to_json()
    assert model["comparisons"] != fitted["comparisons"]  # untrained: nothing carried yet
    carried = Linker(frame, trained(model, fitted), log_level=None)
    theirs = carried.inference.predict().as_pandas_dataframe()

    key = ["record_l", "record_r"]
    both = own[[*key, "match_probability"]].merge(theirs[[*key, "match_probability"]], on=key, how="outer")
    assert len(own) > 50 and len(both) == len(own) == len(theirs)
    assert (both.match_probability_x - both.match_probability_y).abs().max() < 1e-9
