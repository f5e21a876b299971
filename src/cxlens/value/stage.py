"""Customer value: who is a customer or a prospect, RFM, P(alive), CLV and lifecycle stages.

Summaries are Ibis (``summary``); the buy-till-you-die models are NumPy/SciPy estimators fitted on the
distinct purchase histories (frequency, recency, T) with how many customers share each, and a sample of
repeat buyers for spend: what leaves the engine is bounded by the calendar, not the customer count. Scores
are computed per history and joined back to the customers in the engine, where spend, CLV, RFM and lifecycle
rules run in Ibis.

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
    COHORT_PROJECTION,
    CUSTOMER_VALUE,
    IDENTITY_MAP,
    LIFECYCLE_HISTORY,
    P_ALIVE_HISTORY,
    PROFILES,
    VALUE_HOLDOUT,
    VALUE_MODELS,
)
from cxlens.value.bgnbd import BetaGeo
from cxlens.value.clv import discounted_purchases
from cxlens.value.gammagamma import GammaGamma
from cxlens.value.holdout import by_frequency, holdout
from cxlens.value.lifecycle import history, stage
from cxlens.value.paretonbd import ParetoNBD
from cxlens.value.projection import actuals, calibration, checked, horizon, labelled, project
from cxlens.value.rfm import bucket, rfm
from cxlens.value.summary import histories, purchases, summary

WRITES = (CUSTOMER_VALUE, LIFECYCLE_HISTORY, P_ALIVE_HISTORY, VALUE_MODELS, VALUE_HOLDOUT, COHORT_PROJECTION)
STATUS = {"customer": "customers", "prospect": "prospects", "anonymous": "anonymous"}
HISTORY = ("frequency", "recency", "T")
ALIVE_MONTHS = 12  # month ends of P(alive) history per customer
HISTORY_SCORES = ("p_alive", "p_alive_bgnbd", "expected_purchases", "p_no_purchase")
SCRATCH = (
    "value_purchases",
    "value_scores",
    "value_summary",
    "value_summary_before",
    "value_history_before",
    "value_alive",
)
SPEND_SAMPLE = 200_000  # repeat buyers Gamma-Gamma is fitted on: its three parameters need no more
COLUMNS = (
    "person_id", "status", "stage", "previous_stage", "rfm_segment", "first_purchase", "last_purchase",
    "purchases", "orders", "revenue", "frequency", "recency", "days_since_first", "days_since_last",
    "monetary", "r_score", "f_score", "m_score", "fm_score", "p_alive", "p_alive_bgnbd", "p_no_purchase",
    "expected_purchases", "expected_spend", "clv", "clv_decile", "clv_rank", "overdue", "known", "first_seen",
    "as_of",
)  # fmt: skip


NAMES = {"pareto_nbd": "Pareto/NBD", "bg_nbd": "BG/NBD", "gamma_gamma": "Gamma-Gamma"}


def _fit(h: pd.DataFrame, spend: pd.DataFrame, free: int, cfg: Value) -> tuple[dict, list[str]]:
    """The purchase model chosen in ``cfg``, BG/NBD beside it (both on the distinct histories ``h``, weighted
    by customers), and Gamma-Gamma for spend (on ``spend``, repeat buyers' frequency and mean value), each
    fitted on its own so one that cannot be fitted leaves the others serving; with a note for each that could
    not, and why, and for what the fits left out (``free``: repeat buyers whose repeat purchases were all
    free)."""
    customers, repeat = int(h.customers.sum()), int(h.customers[h.frequency > 0].sum())
    if customers < MIN_CUSTOMERS or repeat < 2:
        return {}, [
            f"Too few customers to fit the value models ({customers:,}, {repeat:,} of them repeat buyers; at "
            f"least {MIN_CUSTOMERS}, two of them repeat buyers): no P(alive) or lifetime value, and stages "
            "come from purchase dates alone"
        ]
    f, r, t, w = h.frequency, h.recency, h["T"], h.customers
    fits = {
        "bg_nbd": lambda: BetaGeo().fit(f, r, t, weights=w),
        "pareto_nbd": lambda: ParetoNBD().fit(f, r, t, weights=w, start=fitted.get("bg_nbd")),
        "gamma_gamma": lambda: GammaGamma().fit(spend.frequency, spend.monetary),
    }
    fitted, notes = {}, []
    for name, fit in fits.items():
        try:
            fitted[name] = fit()
        except InputError as exc:
            notes.append(f"{NAMES[name]} could not be fitted: {exc}")
    if free:
        notes.append(
            f"Gamma-Gamma left out {free:,} repeat buyers whose repeat purchases were all free (a mean value "
            "of 0, which it cannot model); they are expected to spend what the population does"
        )
    main = _serving(fitted, cfg)
    if main and main != cfg.model:
        notes.append(f"P(alive), expected purchases and CLV come from {NAMES[main]} instead")
    return fitted, notes


def _spend(s: ir.Table) -> tuple[pd.DataFrame, int]:
    """What Gamma-Gamma is fitted on (repeat buyers' frequency and mean value, at most ``SPEND_SAMPLE``),
    and how many repeat buyers it must leave out because their repeat purchases were all free."""
    rep = s.filter(s.frequency > 0)
    spend = rep.filter(rep.monetary > 0).select("person_id", "frequency", "monetary")
    free = int(rep.filter(rep.monetary <= 0).count().execute())  # count: a sum over no rows is null
    return spend.order_by("person_id").limit(SPEND_SAMPLE).to_pandas(), free


def _serving(fitted: dict, cfg: Value) -> str | None:
    """The purchase model that scores: the one chosen, else the other one fitted."""
    return next((m for m in (cfg.model, "pareto_nbd", "bg_nbd") if m in fitted), None)


def _gap(h: pd.DataFrame, cfg: Value) -> float:
    """The median customer's days between repeat purchases (the lifecycle window when nobody repeated):
    the median of recency / frequency over repeat buyers, each history counted once per customer."""
    rep = h[h.frequency > 0]
    if rep.empty:
        return float(cfg.lifecycle.window_days)
    per = (rep.recency / rep.frequency).to_numpy()
    order = np.argsort(per, kind="stable")
    v, ends = per[order], np.cumsum(rep.customers.to_numpy()[order])
    n = int(ends[-1])
    middle = np.searchsorted(ends, [(n - 1) // 2, n // 2], side="right")
    return float(v[middle].mean())


def _history_scores(h: pd.DataFrame, m: dict, cfg: Value) -> pd.DataFrame:
    """The purchase models' scores per distinct history (NaN where no model could be fitted), and CLV's
    discounted purchases, which depend on the history alone."""
    f, r, t = h.frequency, h.recency, h["T"]
    out = h[list(HISTORY)].copy()
    for c in (*HISTORY_SCORES, "discounted"):
        out[c] = np.full(len(h), np.nan)
    main, bg = m.get(_serving(m, cfg)), m.get("bg_nbd")
    window = cfg.lifecycle.window_days
    if main is not None and len(h):
        out["p_alive"] = main.p_alive(f, r, t)
        out["expected_purchases"] = main.predict(window, f, r, t)
        out["p_no_purchase"] = main.p_no_purchase(window, f, r, t)
        out["discounted"] = discounted_purchases(main, f, r, t, cfg.horizon_days, cfg.discount_rate)
    if bg is not None and len(h):
        out["p_alive_bgnbd"] = bg.p_alive(f, r, t)
    return out


def _score(s: ir.Table, m: dict, cfg: Value, gap: float) -> ir.Table:
    """Per-customer scores of a summary taken on one day: the models run once per distinct history (the
    only rows that leave the engine) and the results are joined back to the customers there."""
    per = _history_scores(histories(s).select(*HISTORY).to_pandas(), m, cfg)
    j = s.join(ibis.memtable(per), list(HISTORY))
    gg = m.get("gamma_gamma")
    spend = gg.expected_spend_of(j.frequency, j.monetary) if gg else ibis.null("float64")
    usual = ibis.ifelse(j.frequency > 0, j.recency / ibis.greatest(j.frequency, 1), gap)
    return j.select(
        "person_id",
        days_since_first=j["T"],
        days_since_last=j.days_since_last,
        overdue=j.days_since_last / ibis.greatest(usual, 1.0),
        **{c: j[c] for c in HISTORY_SCORES},
        expected_spend=spend,
        clv=spend * j.discounted,
    )


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
    now = engine.scratch(con, "value_summary", summary(p, as_of))
    h = histories(now).to_pandas()
    if h.empty:
        first = pd.Timestamp(p.day.min().execute()).date()
        raise CxlensError(
            f"value.as_of is {as_of}, before the first purchase ({first}); "
            "set a later day or leave it out to use the last purchase day"
        )
    customers = int(h.customers.sum())
    say(f"fitting Pareto/NBD, BG/NBD and Gamma-Gamma on {customers:,} customers ({len(h):,} histories)")
    spend, free = _spend(now)
    fitted, notes = _fit(h, spend, free, cfg)
    if len(spend) == SPEND_SAMPLE and "gamma_gamma" in fitted:
        notes.append(f"Gamma-Gamma was fitted on a sample of {SPEND_SAMPLE:,} repeat buyers")
    say("scoring P(alive), CLV and lifecycle stages")
    before = engine.scratch(con, "value_summary_before", summary(p, prev))
    gap = _gap(h, cfg)
    scores = ibis.union(
        _score(now, fitted, cfg, gap).mutate(snapshot=ibis.literal("current")),
        _score(before, fitted, cfg, gap).mutate(snapshot=ibis.literal("previous")),
    )
    sc = engine.scratch(con, "value_scores", scores)
    facts = now.drop("T").rename(first_purchase="first", last_purchase="last")
    out = engine.write(con, CUSTOMER_VALUE, _customer_value(con, sc, facts, cfg, as_of))
    _record_history(con, out, prev, as_of)
    _alive_history(con, p, fitted, cfg, as_of)
    say(f"checking predictions on the last {cfg.holdout_days} days")
    check = _check(con, p, cfg, fitted, customers, as_of, notes)
    say("projecting each cohort forward")
    _project(con, p, cfg, fitted, as_of, notes)
    counts = out.status.value_counts().to_pandas().set_index("status")["status_count"]
    result = {name: int(counts.get(status, 0)) for status, name in STATUS.items()}
    result["warnings"] = notes
    if check is not None:
        result.update(
            holdout_predicted=round(float(check.predicted.sum())), holdout_actual=int(check.actual.sum())
        )
    return result


def _alive_history(con: BaseBackend, p: ir.Table, m: dict, cfg: Value, as_of: date) -> None:
    """Write each customer's P(alive) at the end of each of the last ``ALIVE_MONTHS`` months (the last
    one cut at ``as_of``), from the serving model: the summaries at every cut in one query, and the model
    run once per distinct history, as for today's scores."""
    cuts = [as_of]
    for _ in range(ALIVE_MONTHS - 1):
        cuts.append(cuts[-1].replace(day=1) - timedelta(days=1))
    parts = [summary(p, c).select("person_id", *HISTORY, month=ibis.literal(c)) for c in cuts]
    s = engine.scratch(con, "value_alive", ibis.union(*parts))
    h = s.select(*HISTORY).distinct().order_by(list(HISTORY)).to_pandas()
    main = m.get(_serving(m, cfg))
    h["p_alive"] = main.p_alive(h.frequency, h.recency, h["T"]) if main is not None and len(h) else np.nan
    engine.write(
        con, P_ALIVE_HISTORY, s.join(ibis.memtable(h), list(HISTORY)).select("person_id", "month", "p_alive")
    )


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
    note saying why); return the holdout check per calibration history, if any."""
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
        frames.append(_models_frame({main: cal}, int(check.customers.sum()), split, "calibration"))
    engine.write(con, VALUE_MODELS, pd.concat(frames))
    return check


def _project(con: BaseBackend, p: ir.Table, cfg: Value, fitted: dict, as_of: date, notes: list[str]) -> None:
    """Write ``cohort_projection``: each cohort from ``as_of`` for the CLV horizon, and from a fit that kept
    the last whole months out, beside what happened in them."""
    main, frames = _serving(fitted, cfg), []
    if main:
        ahead = project(p, fitted[main], fitted.get("gamma_gamma"), as_of, horizon(as_of, cfg.horizon_days))
        frames.append(labelled(ahead, "all") if len(ahead) else ahead)
        cut, end, months = calibration(as_of, cfg.holdout_days)
        before = summary(p, cut)
        cal, _ = _fit(histories(before).to_pandas(), *_spend(before), cfg)
        if main in cal:
            back = project(p, cal[main], cal.get("gamma_gamma"), cut, months)
            if len(back):
                back = labelled(checked(back, actuals(p, cut, end)), "calibration")
                frames.append(back.astype({"actual_active": "int64", "actual_purchases": "int64"}))
        else:
            notes.append(f"No check of the cohort projection: {NAMES[main]} could not be fitted on the "
                         f"purchases up to {cut}")  # fmt: skip
    # each part written as it is: ahead, the actual columns are absent (null), not NaN in an integer column
    engine.write(con, COHORT_PROJECTION, frames[0] if frames else pd.DataFrame())
    for f in frames[1:]:
        engine.append(con, COHORT_PROJECTION, f)


STAGE = Stage("value", "Customer value", run, writes=WRITES, needs=("orders", PROFILES), config_key="value")
