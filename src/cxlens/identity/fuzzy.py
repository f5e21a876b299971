"""Probabilistic matching of CRM contacts with Splink, for duplicates that share no exact identifier.

A Fellegi–Sunter model as Splink's guidance builds one: names with exact, one-edit, Jaro-Winkler and
swapped-with-the-other-name levels; date of birth exact, with day and month transposed, or one or two
keystrokes off; email, phone, house number, street, postcode and city, most with a near level. Names,
postcodes and cities carry term-frequency adjustments (a shared rare surname says more than a shared
"Smith"). It is trained without labels: the prior from deterministic rules, u from random pairs, m by
expectation maximisation within blocks on first name and birth date and on postcode and house number, each
leaving the other's fields free to be learnt (blocks on a name alone fill with namesakes in a large CRM).
Junk values (blocked identifiers) are hidden from the model.

Pairs are only scored when a blocking rule (``RULES``) puts them together: two fields that rarely coincide
for two people, no rule needing every field exact, so a duplicate with typos in three fields is still
compared; at 1M contacts of the sample company about 5.5M pairs. Training runs in this process on DuckDB,
on at most ``TRAIN_SAMPLE`` contacts (in digest order, the same sample on every engine); the trained model
then scores every blocked pair in the warehouse's engine.

Links over the threshold are then checked for chains: in a group of three or more records, a link weaker
than ``fuzzy.strong`` that no third record supports (the two share no other linked neighbour) is cut, so
two people are not joined through one doubtful pair. The cost: a duplicate that resembles only one of its
person's records, and that weakly, stays apart.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.config import Identity
from cxlens.ids import node, record_id, trim

SCHEMA = {
    "record_l": "string",
    "record_r": "string",
    "probability": "float64",
    "agreed": "string",
    "weights": "string",
    "status": "string",
}
MODEL = {
    "comparison": "string",
    "level": "string",
    "gamma": "int64",
    "m_probability": "float64",
    "u_probability": "float64",
    "match_weight": "float64",
}
FIELDS = ("first_name", "last_name", "birth_date", "email", "phone", "house", "street", "postcode", "city")
MIN_RECORDS = 50  # fewer contacts than this give the model nothing to learn from
TRAIN_SAMPLE = 200_000  # contacts the model is trained on: a few dozen parameters need no more
LINKED = "linked"
FLOOR = 1e-6  # the least m or u probability of a level


def fuzzy_input(con: BaseBackend, block: ir.Table) -> ir.Table:
    """The contacts as Splink reads them: lower-case text, blocked emails and phones hidden, and the keys
    the blocking rules use (initials, birth year, day and month transposed, house number and street)."""
    c = con.table("contacts")

    def clean(v: ir.StringValue) -> ir.StringValue:
        return trim(v.lower().re_replace(r"[^\w\s]", " ").re_replace(r"\s+", " "))

    address = clean(c.address)
    born = c.birth_date.cast("string")
    t = c.select(
        record=record_id("contacts", c),
        first_name=clean(c.first_name),
        last_name=clean(c.last_name),
        birth_date=born,
        email=c.email,
        phone=c.phone,
        house=address.re_extract(r"(\d+)", 1).nullif(""),
        street=trim(address.re_replace(r"\d+", "")),
        postcode=clean(c.postcode).re_replace(" ", ""),
        city=clean(c.city),
        birth_dm=born.substr(0, 5) + born.substr(8, 2) + "-" + born.substr(5, 2),
        birth_year=born.substr(0, 4),
        birth_month=born.substr(0, 7),
    )
    t = t.mutate(
        first_initial=t.first_name.substr(0, 1),
        last_initial=t.last_name.substr(0, 1),
        street_key=t.street.re_extract(r"^(\S+)", 1).nullif(""),
    )
    for kind in ("email", "phone"):
        bad = block.filter(block.kind == kind).select(bad_=node(block.kind, block.value))
        t = t.left_join(bad, node(kind, t[kind]) == bad.bad_)
        t = t.mutate(**{kind: ibis.ifelse(t.bad_.isnull(), t[kind], ibis.null("string"))}).drop("bad_")
    return t


def _settings() -> Any:
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import ColumnExpression, SettingsCreator

    def name(col: str, other: str) -> Any:
        return cl.CustomComparison(
            comparison_levels=[
                cll.NullLevel(col),
                cll.ExactMatchLevel(col).configure(tf_adjustment_column=col),
                cll.DamerauLevenshteinLevel(col, 1),
                cll.JaroWinklerLevel(col, 0.9),
                cll.CustomLevel(f"{col}_l = {other}_r", "swapped with the other name"),
                cll.ElseLevel(),
            ],
            output_column_name=col,
        )

    born = cl.CustomComparison(
        comparison_levels=[
            cll.NullLevel("birth_date"),
            cll.ExactMatchLevel("birth_date"),
            cll.CustomLevel("birth_date_l = birth_dm_r", "day and month transposed"),
            cll.DamerauLevenshteinLevel("birth_date", 1),
            cll.DamerauLevenshteinLevel("birth_date", 2),
            cll.ElseLevel(),
        ],
        output_column_name="birth_date",
    )
    # an email's user name is often the person's name: similar user names say no more than the names do, so
    # only an exact email, the same user name, or one keystroke off count
    user = ColumnExpression("email").regex_extract("^[^@]+")
    email = cl.CustomComparison(
        comparison_levels=[
            cll.NullLevel("email"),
            cll.ExactMatchLevel("email"),
            cll.ExactMatchLevel(user).configure(label_for_charts="Exact match on user name"),
            # the length test first: most pairs fail it, and the edit distance of long strings is dear
            cll.And(
                cll.CustomLevel("abs(length(email_l) - length(email_r)) <= 1"),
                cll.DamerauLevenshteinLevel("email", 1),
            ).configure(label_for_charts="Damerau-Levenshtein distance of email <= 1"),
            cll.ElseLevel(),
        ],
        output_column_name="email",
    )
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="record",
        comparisons=[
            name("first_name", "last_name"),
            name("last_name", "first_name"),
            born,
            email,
            cl.DamerauLevenshteinAtThresholds("phone", [1]),
            cl.ExactMatch("house"),
            cl.JaroWinklerAtThresholds("street", [0.9]),
            cl.DamerauLevenshteinAtThresholds("postcode", [1]).configure(term_frequency_adjustments=True),
            cl.JaroWinklerAtThresholds("city", [0.9]).configure(term_frequency_adjustments=True),
        ],
        blocking_rules_to_generate_predictions=blocking_rules(),
        retain_intermediate_calculation_columns=True,
    )


# Which pairs are scored: each rule ties two fields that rarely coincide for two people (with a name's initial
# where the two alone would pair every namesake in a town), and no rule needs every field exact.
RULES = (
    ("first_name", "last_name", "birth_year"),
    ("first_name", "last_name", "postcode"),
    ("first_name", "last_name", "city"),
    ("first_name", "birth_date"),
    ("last_name", "birth_date"),
    ("first_name", "house"),
    ("last_name", "house"),
    ("first_name", "street", "last_initial"),
    ("last_name", "street", "first_initial"),
    ("first_name", "postcode", "last_initial"),
    ("last_name", "postcode", "first_initial"),
    ("first_name", "city", "last_initial"),
    ("last_name", "city", "first_initial"),
    ("first_name", "birth_month", "last_initial"),
    ("last_name", "birth_month", "first_initial"),
    ("birth_date", "postcode"),
    ("birth_date", "house"),
    ("birth_date", "street"),
    ("birth_date", "city"),
    ("postcode", "house"),
    ("postcode", "street"),
    ("house", "street"),
    ("house", "city", "first_initial"),
    ("street", "city", "first_initial"),
    ("last_name", "street_key", "city"),
    ("street_key", "postcode", "first_initial"),
    ("street_key", "city", "first_initial"),
    ("email",),
    ("phone",),
)


def blocking_rules() -> list[str]:
    """The blocking rules as SQL both engines read: ``RULES``, then names swapped, alone or with the birth
    date, the birth date with day and month transposed, a name with the town where the other is missing."""
    same = [" and ".join(f"l.{f} = r.{f}" for f in rule) for rule in RULES]
    return [
        *same,
        "l.first_name = r.last_name and l.last_name = r.first_name",
        "l.first_name = r.last_name and l.birth_date = r.birth_date",
        "l.last_name = r.first_name and l.birth_date = r.birth_date",
        "l.birth_date = r.birth_dm and l.first_initial = r.first_initial and l.last_initial = r.last_initial",
        # where a name is missing, the other name and the town
        "l.last_name = r.last_name and l.city = r.city and (l.first_name is null or r.first_name is null)",
        "l.first_name = r.first_name and l.city = r.city and (l.last_name is null or r.last_name is null)",
    ]


def linker(con: BaseBackend, block: ir.Table) -> Any:
    """A Splink linker over the contacts in the engine, trained in this process (None: too few contacts)."""
    from splink import Linker, block_on

    data = fuzzy_input(con, block)
    if data.count().execute() < MIN_RECORDS:
        return None
    settings = _settings()
    logging.getLogger("splink").setLevel(logging.ERROR)
    sample = data.order_by(data.record.hexdigest("md5")).limit(TRAIN_SAMPLE)
    trainer = Linker(engine.splink_driver_frame(sample, "_id_fuzzy_train"), settings, log_level=None)
    train = trainer.training
    train.estimate_probability_two_random_records_match(
        [block_on("first_name", "last_name", "birth_date"), block_on("email")], recall=0.8
    )
    train.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)  # Splink's default
    with _floored():
        for rule in (block_on("first_name", "birth_date"), block_on("postcode", "house")):
            train.estimate_parameters_using_expectation_maximisation(
                rule, estimate_without_term_frequencies=True
            )
    frame = engine.splink_frame(con, data, "_id_fuzzy_input")
    model = Linker(frame, settings, log_level=None).misc.save_model_to_json()  # in the engine's dialect
    return Linker(frame, trained(model, trainer.misc.save_model_to_json()), log_level=None)


@contextmanager
def _floored() -> Iterator[None]:
    """Expectation maximisation with every m and u at least ``FLOOR`` and the block's share of matches below
    1. EM drives the m of a level no match shows (swapped names in a CRM without swaps) towards 0, and in a
    small CRM a block may hold nothing but matches; Splink 5.0 then refuses its own estimate of 0.0 ("below
    the minimum allowed value") or writes an infinite weight into its SQL. The floor is the value Splink gives
    a level it never observed."""
    import splink.internals.expectation_maximisation as em

    step = em.maximisation_step

    def floored(*, param_records: list[dict], **rest: Any) -> Any:
        for r in param_records:
            for k in ("m_probability", "u_probability"):
                if isinstance(r.get(k), float):
                    r[k] = min(max(r[k], FLOOR), 1 - FLOOR)
        return step(param_records=param_records, **rest)

    em.maximisation_step = floored
    try:
        yield
    finally:
        em.maximisation_step = step


def matches(con: BaseBackend, block: ir.Table, cfg: Identity) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Pairs of contact records over the threshold (``SCHEMA``: the fields that agreed, each field's level
    and match weight, linked or why the link was cut) and the model's parameters (``MODEL``)."""
    model = linker(con, block)
    if model is None:
        return pd.DataFrame(columns=list(SCHEMA)), pd.DataFrame(columns=list(MODEL))
    params = parameters(model.misc.save_model_to_json())
    pred = model.inference.predict(threshold_match_probability=cfg.fuzzy.threshold).as_pandas_dataframe()
    if pred.empty:
        return pd.DataFrame(columns=list(SCHEMA)), params
    weights = pd.DataFrame(  # each field's match weight, with its term-frequency adjustment
        {f: pred[f"mw_{f}"].astype(float) + pred.get(f"mw_tf_adj_{f}", 0.0) for f in FIELDS}, index=pred.index
    ).round(2)
    # each field's level as a JSON string (a null level: the field is missing on one side)
    label = params.set_index(["comparison", "gamma"]).level.map(json.dumps)
    prior = float(params.match_weight[params.comparison == "prior"].iloc[0])
    steps = pd.Series(f'{{"prior": [{prior:.2f}, "two records picked at random"]', index=pred.index)
    agreed = pd.Series("", index=pred.index)
    for f in FIELDS:
        at = pd.MultiIndex.from_arrays([[f] * len(pred), pred[f"gamma_{f}"]])
        level = pd.Series(label.reindex(at).to_numpy(), index=pred.index).fillna(json.dumps(f"{f} missing"))
        steps += f', "{f}": [' + weights[f].astype(str) + ", " + level + "]"
        agreed += pd.Series(np.where(weights[f] > 0, f + ", ", ""), index=pred.index)
    out = pd.DataFrame(
        {
            "record_l": pred.record_l.astype(str),
            "record_r": pred.record_r.astype(str),
            "probability": pred.match_probability.astype(float).round(6),
            "agreed": agreed.str.removesuffix(", "),
            "weights": steps + "}",
        }
    )
    return out.assign(status=unsupported(out, cfg.fuzzy.strong)), params


def parameters(model: dict) -> pd.DataFrame:
    """The trained model as rows (``MODEL``): each comparison level's m and u probabilities and match
    weight log2(m/u), and the prior as the weight of two records picked at random."""
    prior = model["probability_two_random_records_match"]
    rows = [("prior", "two records picked at random", 0, prior, None, math.log2(prior / (1 - prior)))]
    for c in model["comparisons"]:
        levels = [lv for lv in c["comparison_levels"] if not lv.get("is_null_level")]
        for n, lv in enumerate(levels):
            m, u = lv.get("m_probability"), lv.get("u_probability")
            w = math.log2(m / u) if m and u else None
            rows.append((c["output_column_name"], lv["label_for_charts"], len(levels) - 1 - n, m, u, w))
    return pd.DataFrame(rows, columns=list(MODEL))


def unsupported(pairs: pd.DataFrame, strong: float) -> pd.Series:
    """``linked``, or the reason a link is cut: weaker than ``strong``, in a group of three or more records,
    with no record linked to both ends (a chain that would join two people through one doubtful pair)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    nodes = pd.Index(pd.unique(pd.concat([pairs.record_l, pairs.record_r])))
    a, b = nodes.get_indexer(pairs.record_l), nodes.get_indexer(pairs.record_r)
    graph = coo_matrix((np.ones(len(a)), (a, b)), shape=(len(nodes), len(nodes)))
    _, label = connected_components(graph, directed=False)
    size = pd.Series(label).map(pd.Series(label).value_counts()).to_numpy()
    both = pd.concat(
        [
            pairs[["record_l", "record_r"]],
            pairs[["record_r", "record_l"]].set_axis(["record_l", "record_r"], axis=1),
        ]
    )
    common = both.merge(both, left_on="record_r", right_on="record_l", suffixes=("", "_2"))
    common = common[common.record_l != common.record_r_2]  # paths a - x - b
    supported = pd.MultiIndex.from_arrays([common.record_l, common.record_r_2])
    lonely = ~pd.MultiIndex.from_arrays([pairs.record_l, pairs.record_r]).isin(supported)
    cut = (pairs.probability < strong) & (size[a] >= 3) & lonely
    why = "cut: a link weaker than " + str(strong) + " that no other record supports, in a group of "
    return pd.Series(LINKED, index=pairs.index).where(
        ~cut, why + pd.Series(size[a], index=pairs.index).astype(str)
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
