"""Probabilistic matching of CRM contacts with Splink, for duplicates that share no exact identifier.

A Fellegi–Sunter model over names, date of birth, email, phone, address and postcode, with term-frequency
adjustments on names and postcodes (a shared rare surname says more than a shared "Smith"). It is trained
without labels: u from random pairs, m by expectation maximisation within two blocks, each of which leaves
the other block's fields free to be learnt. Junk values (blocked identifiers) are hidden from the model.
Training runs in this process on DuckDB, on at most ``TRAIN_SAMPLE`` contacts (in digest order, the same
sample on every engine); the trained model then scores every blocked pair in the warehouse's engine.
"""

from __future__ import annotations

import logging

import ibis
import ibis.expr.types as ir
import pandas as pd
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.config import Identity
from cxlens.ids import node, record_id, trim

SCHEMA = {"record_l": "string", "record_r": "string", "probability": "float64", "agreed": "string"}
FIELDS = ("first_name", "last_name", "birth_date", "email", "phone", "address", "postcode")
MIN_RECORDS = 50  # fewer contacts than this give the model nothing to learn from
TRAIN_SAMPLE = 200_000  # contacts the model is trained on: a few dozen parameters need no more


def fuzzy_input(con: BaseBackend, block: ir.Table) -> ir.Table:
    """The contacts as Splink reads them: lower-case text, blocked emails and phones hidden."""
    c = con.table("contacts")

    def clean(v: ir.StringValue) -> ir.StringValue:
        return trim(v.lower().re_replace(r"\s+", " "))

    t = c.select(
        record=record_id("contacts", c),
        first_name=clean(c.first_name),
        last_name=clean(c.last_name),
        birth_date=c.birth_date.cast("string"),
        email=c.email,
        phone=c.phone,
        address=clean(c.address),
        postcode=clean(c.postcode),
    )
    for kind in ("email", "phone"):
        bad = block.filter(block.kind == kind).select(bad_=node(block.kind, block.value))
        t = t.left_join(bad, node(kind, t[kind]) == bad.bad_)
        t = t.mutate(**{kind: ibis.ifelse(t.bad_.isnull(), t[kind], ibis.null("string"))}).drop("bad_")
    return t


def matches(con: BaseBackend, block: ir.Table, cfg: Identity) -> pd.DataFrame:
    """Pairs of contact records over the threshold: record_l, record_r, probability, agreed."""
    import splink.comparison_library as cl
    from splink import Linker, SettingsCreator, block_on

    empty = pd.DataFrame(columns=list(SCHEMA))
    data = fuzzy_input(con, block)
    if data.count().execute() < MIN_RECORDS:
        return empty
    settings = SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="record",
        comparisons=[
            cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("last_name").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("birth_date", input_is_string=True),
            cl.EmailComparison("email"),
            cl.ExactMatch("phone"),
            cl.LevenshteinAtThresholds("address", 2),
            cl.ExactMatch("postcode").configure(term_frequency_adjustments=True),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "birth_date"),
            block_on("last_name", "birth_date"),
            block_on("first_name", "postcode"),
            block_on("email"),
            block_on("phone"),
        ],
        retain_intermediate_calculation_columns=True,
    )
    logging.getLogger("splink").setLevel(logging.ERROR)
    sample = data.order_by(data.record.hexdigest("md5")).limit(TRAIN_SAMPLE)
    trainer = Linker(engine.splink_driver_frame(sample, "_id_fuzzy_train"), settings, log_level=None)
    train = trainer.training
    train.estimate_probability_two_random_records_match(
        [block_on("first_name", "last_name", "birth_date")], recall=0.8
    )
    train.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)  # Splink's default
    train.estimate_parameters_using_expectation_maximisation(block_on("first_name", "birth_date"))
    train.estimate_parameters_using_expectation_maximisation(block_on("postcode", "address"))
    frame = engine.splink_frame(con, data, "_id_fuzzy_input")
    model = Linker(frame, settings, log_level=None).misc.save_model_to_json()  # in the engine's dialect
    linker = Linker(frame, trained(model, trainer.misc.save_model_to_json()), log_level=None)
    pred = linker.inference.predict(threshold_match_probability=cfg.fuzzy.threshold).as_pandas_dataframe()
    if pred.empty:
        return empty
    agreed = pd.Series([""] * len(pred), index=pred.index)
    for f in FIELDS:
        if f"mw_{f}" in pred:  # the field's match weight, with its term-frequency adjustment: > 0 is for
            mw = pred[f"mw_{f}"].astype(float) + pred.get(f"mw_tf_adj_{f}", 0.0)
            agreed = agreed.where(~(mw > 0), agreed + f + ", ")
    return pd.DataFrame(
        {
            "record_l": pred.record_l.astype(str),
            "record_r": pred.record_r.astype(str),
            "probability": pred.match_probability.astype(float).round(6),
            "agreed": agreed.str.rstrip(", "),
        }
    )


def trained(model: dict, fitted: dict) -> dict:
    """``model`` (Splink settings rendered for one engine) with the parameters of ``fitted`` (the same
    settings trained on another): the comparisons' SQL is the engine's own, the m and u probabilities and
    the prior are the trained ones."""
    comparisons = [
        {
            **c,
            "comparison_levels": [
                {**level, **{k: f[k] for k in ("m_probability", "u_probability") if k in f}}
                for level, f in zip(c["comparison_levels"], fc["comparison_levels"], strict=True)
            ],
        }
        for c, fc in zip(model["comparisons"], fitted["comparisons"], strict=True)
    ]
    prior = fitted["probability_two_random_records_match"]
    return {**model, "comparisons": comparisons, "probability_two_random_records_match": prior}
