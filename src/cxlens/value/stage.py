"""Customer value: who is a customer or a prospect, RFM, P(alive), CLV and lifecycle stages.

Summaries are Ibis (``summary``); the buy-till-you-die models are NumPy/SciPy estimators fitted on them;
their scores go back to the warehouse, where RFM and lifecycle rules run in Ibis again.

>>> from cxlens.value import BetaGeo, ParetoNBD, GammaGamma, clv, holdout  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.config import MIN_CUSTOMERS, Value
from cxlens.errors import CxlensError, InputError
from cxlens.stage import Stage, steps
from cxlens.tables import (
    CUSTOMER_VALUE,
    IDENTITY_MAP,
    LIFECYCLE_HISTORY,
    PROFILES,
    VALUE_HOLDOUT,
    VALUE_MODELS,
)
from cxlens.value.bgnbd import BetaGeo
from cxlens.value.clv import clv
from cxlens.value.gammagamma import GammaGamma
from cxlens.value.holdout import by_frequency, holdout
from cxlens.value.lifecycle import history, stage
from cxlens.value.paretonbd import ParetoNBD
from cxlens.value.rfm import bucket, rfm
from cxlens.value.summary import purchases, summary

WRITES = (CUSTOMER_VALUE, LIFECYCLE_HISTORY, VALUE_MODELS, VALUE_HOLDOUT)
STATUS = {"customer": "customers", "prospect": "prospects", "anonymous": "anonymous"}
SCORES = ("p_alive", "p_alive_bgnbd", "expected_purchases", "p_no_purchase", "expected_spend", "clv")
SCRATCH = ("value_purchases", "value_scores", "value_summary", "value_history_before")
COLUMNS = (
    "person_id", "status", "stage", "previous_stage", "rfm_segment", "first_purchase", "last_purchase",
    "purchases", "orders", "revenue", "frequency", "recency", "days_since_first", "days_since_last",
    "monetary", "r_score", "f_score", "m_score", "fm_score", "p_alive", "p_alive_bgnbd", "p_no_purchase",
    "expected_purchases", "expected_spend", "clv", "clv_decile", "clv_rank", "overdue", "known", "first_seen",
    "as_of",
)  # fmt: skip


NAMES = {"pareto_nbd": "Pareto/NBD", "bg_nbd": "BG/NBD", "gamma_gamma": "Gamma-Gamma"}


def _fit(s: pd.DataFrame, cfg: Value) -> tuple[dict, list[str]]:
    """The purchase model chosen in ``cfg``, BG/NBD beside it, and Gamma-Gamma for spend, each fitted on its
    own so one that cannot be fitted leaves the others serving; with a note for each that could not, and
    why, and for what the fits left out."""
    repeat = int((s.frequency > 0).sum())
    if len(s) < MIN_CUSTOMERS or repeat < 2:
        return {}, [
            f"Too few customers to fit the value models ({len(s):,}, {repeat:,} of them repeat buyers; at "
            f"least {MIN_CUSTOMERS}, two of them repeat buyers): no P(alive) or lifetime value, and stages "
            "come from purchase dates alone"
        ]
    f, r, t = s.frequency, s.recency, s["T"]
    fits = {
        "bg_nbd": lambda: BetaGeo().fit(f, r, t),
        "pareto_nbd": lambda: ParetoNBD().fit(f, r, t, start=fitted.get("bg_nbd")),
        "gamma_gamma": lambda: GammaGamma().fit(f, s.monetary),
    }
    fitted, notes = {}, []
    for name, fit in fits.items():
        try:
            fitted[name] = fit()
        except InputError as exc:
            notes.append(f"{NAMES[name]} could not be fitted: {exc}")
    if left := getattr(fitted.get("gamma_gamma"), "left_out_", 0):
        notes.append(
            f"Gamma-Gamma left out {left:,} repeat buyers whose repeat purchases were all free (a mean value "
            "of 0, which it cannot model); they are expected to spend what the population does"
        )
    main = _serving(fitted, cfg)
    if main and main != cfg.model:
        notes.append(f"P(alive), expected purchases and CLV come from {NAMES[main]} instead")
    return fitted, notes


def _serving(fitted: dict, cfg: Value) -> str | None:
    """The purchase model that scores: the one chosen, else the other one fitted."""
    return next((m for m in (cfg.model, "pareto_nbd", "bg_nbd") if m in fitted), None)


def _score(s: pd.DataFrame, m: dict, cfg: Value, gap: float) -> pd.DataFrame:
    """Per-customer model scores for a summary taken on one day (NaN where no model could be fitted)."""
    f, r, t, mon = s.frequency, s.recency, s["T"], s.monetary
    usual = np.where(f > 0, r / np.maximum(f, 1), gap)
    out = pd.DataFrame(
        {
            "person_id": s.person_id,
            "days_since_first": t,
            "days_since_last": s.days_since_last,
            "overdue": s.days_since_last / np.maximum(usual, 1.0),
            **dict.fromkeys(SCORES, np.nan),
        }
    )
    main, bg, gg = m.get(_serving(m, cfg)), m.get("bg_nbd"), m.get("gamma_gamma")
    window = cfg.lifecycle.window_days
    if main is not None:
        out["p_alive"] = main.p_alive(f, r, t)
        out["expected_purchases"] = main.predict(window, f, r, t)
        out["p_no_purchase"] = main.p_no_purchase(window, f, r, t)
    if bg is not None:
        out["p_alive_bgnbd"] = bg.p_alive(f, r, t)
    if gg is not None:
        out["expected_spend"] = gg.expected_spend(f, mon)
    if main is not None and gg is not None:
        out["clv"] = clv(main, gg, f, r, t, mon, cfg.horizon_days, cfg.discount_rate)
    return out


def _models_frame(fitted: dict, customers: int, as_of: date, fitted_on: str) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "model": name,
                "parameter": k,
                "estimate": v,
                "std_error": m.standard_errors_[k],
                "log_likelihood": m.log_likelihood_,
                "customers": customers,
                "as_of": as_of,
                "fitted_on": fitted_on,
            }
            for name, m in fitted.items()
            for k, v in m.params_.items()
        ]
    )


def _people(con: BaseBackend, prev: date) -> ir.Table:
    """Everyone with a profile: whether they are known by more than an anonymous device, and since when."""
    m = con.table(IDENTITY_MAP)
    known = m.group_by("person_id").aggregate(known=(~m.node.startswith("anonymous_id:")).any())
    prof = con.table(PROFILES).select("person_id", "first_seen")
    prof = prof.join(known, "person_id")
    return prof.mutate(seen_before=prof.first_seen.date() <= ibis.literal(prev))


def run(con: BaseBackend, cfg: Value | None = None, progress: bool = False) -> dict:
    """Write ``customer_value``, ``lifecycle_history``, ``value_models`` and ``value_holdout``."""
    with steps("Value", "summarising purchases", progress) as say:
        try:
            return _build(con, cfg or Value(), say)
        finally:
            for name in SCRATCH:
                engine.drop(con, name)


def _build(con: BaseBackend, cfg: Value, say: Callable[[str], object]) -> dict:
    p = engine.scratch(con, "value_purchases", purchases(con))
    last_day = p.day.max().execute()
    if last_day is None or pd.isna(last_day):
        raise CxlensError("no completed orders to value: every order is missing or fully returned")
    as_of = cfg.as_of or pd.Timestamp(last_day).date()
    prev = as_of - timedelta(days=cfg.lifecycle.period_days)
    now = summary(p, as_of).to_pandas()
    if now.empty:
        first = pd.Timestamp(p.day.min().execute()).date()
        raise CxlensError(
            f"value.as_of is {as_of}, before the first purchase ({first}); "
            "set a later day or leave it out to use the last purchase day"
        )
    say(f"fitting Pareto/NBD, BG/NBD and Gamma-Gamma on {len(now):,} customers")
    fitted, notes = _fit(now, cfg)
    rep = now[now.frequency > 0]
    gap = float(np.median(rep.recency / rep.frequency)) if len(rep) else float(cfg.lifecycle.window_days)
    say("scoring P(alive), CLV and lifecycle stages")
    before = summary(p, prev).to_pandas()
    scores = pd.concat(
        [
            _score(now, fitted, cfg, gap).assign(snapshot="current"),
            _score(before, fitted, cfg, gap).assign(snapshot="previous"),
        ]
    )
    sc = engine.scratch(con, "value_scores", ibis.memtable(scores))
    facts = now.drop(columns=["T"]).rename(columns={"first": "first_purchase", "last": "last_purchase"})
    facts = engine.scratch(con, "value_summary", ibis.memtable(facts))
    out = engine.write(con, CUSTOMER_VALUE, _customer_value(con, sc, facts, cfg, as_of))
    _record_history(con, out, prev, as_of)
    say(f"checking predictions on the last {cfg.holdout_days} days")
    check = _check(con, p, cfg, fitted, len(now), as_of, notes)
    counts = out.status.value_counts().to_pandas().set_index("status")["status_count"]
    result = {name: int(counts.get(status, 0)) for status, name in STATUS.items()}
    result["warnings"] = notes
    if check is not None:
        result.update(
            holdout_predicted=round(float(check.predicted.sum())), holdout_actual=int(check.actual.sum())
        )
    return result


def _customer_value(con: BaseBackend, sc: ir.Table, facts: ir.Table, cfg: Value, as_of: date) -> ir.Table:
    """Everyone with a profile: status, stage now and a period ago, RFM and the model scores."""
    lc = cfg.lifecycle
    prev = as_of - timedelta(days=lc.period_days)
    was = stage(sc.filter(sc.snapshot == "previous").drop("snapshot"), lc)
    was = was.select("person_id", previous_stage=was.stage)
    cur = sc.filter(sc.snapshot == "current").drop("snapshot").left_join(was, "person_id")
    cur = stage(cur.drop("person_id_right"), lc)
    cur = rfm(cur.join(facts.drop("days_since_last"), "person_id"))
    cur = cur.mutate(clv_decile=11 - bucket(cur.clv, 10))
    cv = _people(con, prev).left_join(cur, "person_id").drop("person_id_right")
    return cv.mutate(
        status=ibis.cases((cv.stage.notnull(), "customer"), (cv.known, "prospect"), else_="anonymous"),
        stage=ibis.cases((cv.stage.notnull(), cv.stage), (cv.known, "prospect"), else_=ibis.null("string")),
        previous_stage=ibis.cases(
            (cv.previous_stage.notnull(), cv.previous_stage),
            (cv.known & cv.seen_before, "prospect"),
            (cv.known, "not yet seen"),
            else_=ibis.null("string"),
        ),
        first_purchase=cv.first_purchase.cast("date"),
        last_purchase=cv.last_purchase.cast("date"),
        as_of=ibis.literal(as_of),
    ).select(*COLUMNS)


def _record_history(con: BaseBackend, out: ir.Table, prev: date, as_of: date) -> None:
    """Add this run's stages (a period ago, and now) to ``lifecycle_history`` where they changed."""
    known = out.filter(out.stage.notnull())
    changes = ibis.union(
        known.filter(known.previous_stage != "not yet seen").select(
            "person_id", stage=known.previous_stage, since=ibis.literal(prev)
        ),
        known.select("person_id", "stage", since=ibis.literal(as_of)),
    )
    old = None
    if engine.has_table(con, LIFECYCLE_HISTORY):
        old = engine.scratch(con, "value_history_before", con.table(LIFECYCLE_HISTORY))
    engine.write(con, LIFECYCLE_HISTORY, history(old, changes))


def _check(
    con: BaseBackend,
    p: ir.Table,
    cfg: Value,
    fitted: dict,
    customers: int,
    as_of: date,
    notes: list[str],
) -> pd.DataFrame | None:
    """Write ``value_holdout`` and ``value_models`` (empty when nothing could be checked or fitted, with a
    note saying why); return the per-customer holdout check, if any."""
    split = as_of - timedelta(days=cfg.holdout_days)
    check, cal, main = None, None, _serving(fitted, cfg)
    if main:
        try:
            check, cal = holdout(p, split, as_of, main)
        except InputError as exc:
            notes.append(f"No holdout check of {NAMES[main]}: {exc}")
    engine.write(con, VALUE_HOLDOUT, by_frequency(check) if check is not None else pd.DataFrame())
    frames = [_models_frame(fitted, customers, as_of, "all")]
    if cal is not None:
        frames.append(_models_frame({main: cal}, len(check), split, "calibration"))
    engine.write(con, VALUE_MODELS, pd.concat(frames))
    return check


STAGE = Stage("value", "Customer value", run, writes=WRITES, needs=("orders", PROFILES), config_key="value")
