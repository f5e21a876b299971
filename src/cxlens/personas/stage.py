"""Personas: groups of people found in their behaviour and demographics, described as cards.

The stage computes every person's features in the warehouse (``features``), fits ``Personas`` on a sample
of customers (people ordered by their hash-like id, so the sample is the same on every engine), assigns
everyone, prospects included, to the nearest persona in the warehouse, and writes one card per persona.

>>> from cxlens.personas import Personas  # doctest: +SKIP
>>> m = Personas(n="auto", random_state=0).fit(my_features)  # doctest: +SKIP
"""

from __future__ import annotations

import json
import warnings
from datetime import UTC, date, datetime

import ibis
import pandas as pd
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.config import PersonaSettings
from cxlens.ids import with_person
from cxlens.personas.cards import describe
from cxlens.personas.features import features
from cxlens.personas.model import Personas
from cxlens.stage import Stage, steps
from cxlens.tables import (
    CUSTOMER_VALUE,
    PERSONA_ASSIGNMENTS,
    PERSONA_FEATURES,
    PERSONA_SELECTION,
    PERSONAS,
    PROFILES,
)

SCRATCH, SCRATCH_Z = "persona_scratch", "persona_scaled"
WRITES = (PERSONA_FEATURES, PERSONA_ASSIGNMENTS, PERSONAS, PERSONA_SELECTION)
# Outcomes and counts describe personas but do not define them: a persona is how people shop, not how much
# we earn from them (that is value's job) or how much data we happen to hold about them.
DESCRIBE_ONLY = (
    "person_id", "stage", "clv", "p_alive", "frequency", "monetary", "r_score", "f_score", "m_score",
    "nps", "csat", "orders", "events", "social_visits",
)  # fmt: skip


def reference_day(con: BaseBackend) -> date:
    """The value stage's day, else the last order's, else today: ages are taken on it."""
    if engine.has_table(con, CUSTOMER_VALUE):
        day = con.table(CUSTOMER_VALUE).as_of.max().execute()
        if day is not None and not pd.isna(day):
            return pd.Timestamp(day).date()
    if engine.has_table(con, "orders"):
        last = con.table("orders").ordered_at.max().execute()
        if last is not None and not pd.isna(last):
            return pd.Timestamp(last).date()
    return datetime.now(UTC).date()


def _hours(con: BaseBackend, assigned: ibis.Table) -> pd.DataFrame:
    """Orders per persona and hour of day."""
    o = with_person(con, "orders")
    o = o.join(assigned.select("person_id", "persona"), "person_id")
    h = o.group_by("persona", hour=o.ordered_at.hour()).aggregate(n=o.count()).to_pandas()
    return h.pivot_table(index="persona", columns="hour", values="n", fill_value=0).reindex(
        columns=range(24), fill_value=0
    )


def _mix(t: ibis.Table, column: str) -> dict[int, dict[str, float]]:
    """Per persona, the share of people in each value of ``column``."""
    t = t.filter(t[column].notnull())
    m = t.group_by("persona", column).aggregate(n=t.count()).to_pandas()
    m["share"] = m.n / m.groupby("persona").n.transform("sum")
    return {int(k): dict(zip(g[column], g.share.round(4), strict=True)) for k, g in m.groupby("persona")}


def run(con: BaseBackend, cfg: PersonaSettings | None = None, progress: bool = False) -> dict:
    """Write ``persona_features``, ``persona_assignments``, ``personas`` and ``persona_selection``."""
    cfg = cfg or PersonaSettings()
    with steps("Personas", "computing features", progress) as say:
        feats = engine.write(con, PERSONA_FEATURES, features(con, reference_day(con)))
        fit_on = feats.filter(feats.orders.fill_null(0) >= cfg.min_orders)  # the stage needs orders
        sample = fit_on.order_by("person_id").limit(cfg.fit_sample).to_pandas()
        if len(sample) < 10 * max(cfg.max_n if cfg.n == "auto" else cfg.n, 2):
            for name in WRITES:  # no stale personas from an earlier run
                engine.drop(con, name)
            return {
                "personas": 0,
                "why": f"{len(sample)} people with {cfg.min_orders}+ orders: too few to find personas in",
            }
        say(f"finding personas in {len(sample):,} customers")
        exclude = tuple({*DESCRIBE_ONLY, *cfg.exclude})
        with warnings.catch_warnings(record=True) as caught:  # said in stage_runs, not on the terminal
            warnings.simplefilter("always", UserWarning)
            model = Personas(
                n=cfg.n, random_state=cfg.random_state, max_n=cfg.max_n, features=cfg.features,
                exclude=exclude, min_share=cfg.min_share,
            ).fit(sample)  # fmt: skip
        say(f"assigning everyone to {model.n_} personas")
        try:
            assigned = model.assign(feats, between=lambda z: engine.scratch(con, SCRATCH_Z, z))
            assigned = engine.scratch(con, SCRATCH, assigned.select("person_id", "persona"))
            hours = _hours(con, assigned) if engine.has_table(con, "orders") else None
            cards = describe(sample, model.labels_, hours=hours)
            names = pd.DataFrame({"persona": range(len(cards)), "persona_name": [c["name"] for c in cards]})
            assigned = engine.write(con, PERSONA_ASSIGNMENTS, assigned.join(ibis.memtable(names), "persona"))
        finally:
            engine.drop(con, SCRATCH)
            engine.drop(con, SCRATCH_Z)
        say("writing persona cards")
        engine.write(con, PERSONAS, ibis.memtable(_cards_table(con, assigned, cards, hours)))
        engine.write(con, PERSONA_SELECTION, ibis.memtable(_selection(model)))
    said = [str(w.message) for w in caught if issubclass(w.category, UserWarning)]
    return {
        "personas": len(cards),
        "fitted_on": len(sample),
        "names": [c["name"] for c in cards],
        "warnings": said,
    }


def _selection(model: Personas) -> pd.DataFrame:
    if not hasattr(model, "selection_"):  # n was fixed
        fixed = {"n": [model.n_], "silhouette": [None], "stability": [None], "runner_up": [False]}
        return pd.DataFrame({**fixed, "chosen": [True]})
    return model.selection_.assign(chosen=model.selection_.n == model.n_)


def _nps(con: BaseBackend, assigned: ibis.Table) -> dict[int, tuple[float, int]]:
    """Per persona: NPS (% promoters − % detractors) and the number of answers behind it."""
    if not engine.has_table(con, "feedback"):
        return {}
    f = with_person(con, "feedback")
    f = f.filter(f.kind == "nps").join(assigned, "person_id")
    s = f.group_by("persona").aggregate(
        nps=100 * ((f.score >= 9).cast("float64").mean() - (f.score <= 6).cast("float64").mean()), n=f.count()
    )
    return {int(r.persona): (float(r.nps), int(r.n)) for r in s.to_pandas().itertuples()}


def _cards_table(
    con: BaseBackend, assigned: ibis.Table, cards: list[dict], hours: pd.DataFrame | None
) -> pd.DataFrame:
    """One row per persona: the card's headline columns, counted over everyone assigned, and the whole card
    as JSON (traits, busiest hours, hour profile, lifecycle mix, NPS)."""
    size = (
        assigned.group_by("persona")
        .aggregate(people=assigned.count())
        .to_pandas()
        .set_index("persona")
        .people
    )
    value, stages = pd.Series(dtype=float), {}
    if engine.has_table(con, CUSTOMER_VALUE):
        v = assigned.join(
            con.table(CUSTOMER_VALUE).select("person_id", "status", "stage", "clv"), "person_id"
        )
        value = (
            v.group_by("persona")
            .aggregate(customers=(v.status == "customer").sum(), clv=v.clv.fill_null(0).sum())
            .to_pandas()
            .set_index("persona")
        )
        stages = _mix(v.filter(v.status == "customer"), "stage")
    nps = _nps(con, assigned)
    total_clv = float(value.clv.sum()) if len(value) else 0.0
    rows = []
    for c in cards:
        k = c["persona"]
        card = {
            **c,
            "people": int(size.get(k, 0)),
            "customers": int(value.customers.get(k, 0)) if len(value) else None,
            "value_share": float(value.clv.get(k, 0)) / total_clv if total_clv > 0 else c["value_share"],
            "lifecycle": stages.get(k, {}),
            "nps": nps.get(k, (None, 0))[0],
            "nps_answers": nps.get(k, (None, 0))[1],
            "hours": [int(h) for h in hours.loc[k]] if hours is not None and k in hours.index else [],
        }
        rows.append(
            {
                "persona": k,
                "name": c["name"],
                "people": card["people"],
                "share": card["people"] / max(int(size.sum()), 1),
                "customers": card["customers"],
                "value_share": card["value_share"],
                "nps": card["nps"],
                "narrative": c["narrative"],
                "engagement": c["engagement"],
                "card": json.dumps(card, default=float),
            }
        )
    numbers = ("share", "customers", "value_share", "nps")  # typed even when all empty (no feedback, ...)
    return pd.DataFrame(rows).astype(dict.fromkeys(numbers, "float64"))


STAGE = Stage("personas", "Personas", run, writes=WRITES, needs=(PROFILES, "orders"), config_key="personas")
