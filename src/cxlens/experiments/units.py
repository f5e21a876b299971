"""Who was in which test arm, and what they did: one row per experiment and person, built in Ibis.

A person is assigned by their first exposure event (Segment's "Experiment Viewed", with
``experiment_name``/``experiment_id`` and ``variation_name``/``variant_name`` in its properties). People
logged in more than one arm are kept out of the analysis and counted: their outcome belongs to neither.
Outcomes follow the first exposure (to the end of the data, or ``window_days``, or the exposure's own
``window_days`` property, which the exposures of actions carry): ``converted`` (a conversion event),
``revenue`` (order totals), and ``nps``: the person's next NPS answer, as NPS counts it (+100 a promoter,
9–10; 0 a passive; −100 a detractor, 0–6), so an arm's mean is its NPS; null for people who gave none.
The same measures over ``pre_days`` before the exposure (for NPS the last answer) are CUPED's
covariates. ``allocation`` is the planned share of the person's arm when the exposure says it
(actions' exposures do), so the sample-ratio check tests the plan.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.config import Experiments
from cxlens.ids import event_ids, event_record, json_number, json_text, with_person
from cxlens.tables import IDENTITY_RECORDS, LIFECYCLE_HISTORY, PERSONA_ASSIGNMENTS

COLUMNS = ("experiment", "person_id", "variant", "exposed_at", "converted", "revenue", "pre_conversions",
           "pre_revenue", "nps", "pre_nps", "allocation")  # fmt: skip


def _track(con: BaseBackend, name: str, *keep: str) -> ir.Table:
    """Track events called ``name``, with the person identity gave them."""
    e = con.table("events")
    e = e.filter((e.type == "track") & (e.event == name))
    e = event_ids(e, "timestamp", *keep)
    return e.mutate(record=event_record(e)).join(con.table(IDENTITY_RECORDS), "record")


def exposures(con: BaseBackend, cfg: Experiments) -> ir.Table:
    """(experiment, person_id, variant, exposed_at, arms): each person's first exposure per experiment;
    ``arms`` > 1 marks people seen in several arms (their ``variant`` is then null)."""
    e = _track(con, cfg.exposure, "properties")
    p = e.properties
    e = e.select(
        "person_id",
        "timestamp",
        window=json_number(p, "window_days"),
        allocation=json_number(p, "allocation"),
        experiment=json_text(p, "experiment_name").coalesce(json_text(p, "experiment_id")),
        variant=json_text(p, "variation_name").coalesce(
            json_text(p, "variant_name"), json_text(p, "variation_id"), json_text(p, "variant_id")
        ),
    )
    e = e.filter(e.experiment.notnull() & e.variant.notnull())
    g = e.group_by("experiment", "person_id").aggregate(
        exposed_at=e.timestamp.min(),
        arms=e.variant.nunique(),
        variant=e.variant.min(),
        window=e.window.min(),
        allocation=e.allocation.min(),
    )
    return g.mutate(variant=ibis.ifelse(g.arms == 1, g.variant, ibis.null("string")))


def _within(x: ir.Table, at: ir.TimestampValue, cfg: Experiments) -> tuple[ir.BooleanValue, ir.BooleanValue]:
    """Whether ``at`` falls after the exposure (in the window), or in the pre-period before it."""
    after = at >= x.exposed_at
    days = x.window.fill_null(float(cfg.window_days)) if cfg.window_days else x.window
    since = at.epoch_seconds() - x.exposed_at.epoch_seconds()
    after = after & (days.isnull() | (since < days * 86_400))
    before = (at < x.exposed_at) & (at >= x.exposed_at - ibis.interval(days=cfg.pre_days))
    return after, before


def units(con: BaseBackend, cfg: Experiments) -> ir.Table:
    """``COLUMNS`` for every person assigned to exactly one arm."""
    x = exposures(con, cfg)
    x = x.filter(x.arms == 1).select(
        "experiment", "person_id", "variant", "exposed_at", "window", "allocation"
    )
    c = _track(con, cfg.conversion).select(person_id="person_id", _at="timestamp")
    j = x.join(c, "person_id")
    after, before = _within(j, j._at, cfg)
    conv = j.group_by("experiment", "person_id").aggregate(
        converted=after.any().cast("int64"), pre_conversions=before.sum().cast("float64")
    )
    out = x.left_join(conv, ["experiment", "person_id"]).drop("experiment_right", "person_id_right")
    if engine.has_table(con, "orders"):
        o = with_person(con, "orders").select(person_id="person_id", _at="ordered_at", _total="total")
        j = x.join(o, "person_id")
        after, before = _within(j, j._at, cfg)
        money = j.group_by("experiment", "person_id").aggregate(
            revenue=j._total.sum(where=after), pre_revenue=j._total.sum(where=before)
        )
        out = out.left_join(money, ["experiment", "person_id"]).drop("experiment_right", "person_id_right")
    else:
        out = out.mutate(revenue=ibis.null("float64"), pre_revenue=ibis.null("float64"))
    if engine.has_table(con, "feedback"):
        f = with_person(con, "feedback")
        f = f.filter((f.kind == "nps") & f.score.notnull())
        f = f.select(person_id="person_id", _at="submitted_at", _nps=nps_points(f.score))
        j = x.join(f, "person_id")
        after, before = _within(j, j._at, cfg)
        said = j.group_by("experiment", "person_id").aggregate(
            nps=j._nps.argmin(j._at, where=after), pre_nps=j._nps.argmax(j._at, where=before)
        )
        out = out.left_join(said, ["experiment", "person_id"]).drop("experiment_right", "person_id_right")
    else:
        out = out.mutate(nps=ibis.null("float64"), pre_nps=ibis.null("float64"))
    return out.mutate(
        converted=out.converted.fill_null(0),
        pre_conversions=out.pre_conversions.fill_null(0.0),
        revenue=out.revenue.fill_null(0.0),
        pre_revenue=out.pre_revenue.fill_null(0.0),
    ).select(*COLUMNS)


def nps_points(score: ir.NumericValue) -> ir.FloatingValue:
    """An NPS answer (0–10) as it counts in NPS: +100 a promoter (9–10), 0 a passive, −100 a detractor."""
    return ibis.cases((score >= 9, 100.0), (score <= 6, -100.0), else_=0.0)


def with_breakdowns(con: BaseBackend, u: ir.Table) -> ir.Table:
    """``u`` with each person's ``persona`` and their lifecycle ``stage`` on the day of exposure: the stage
    now would be partly an outcome of the test, and splitting by an outcome biases the comparison."""
    if engine.has_table(con, PERSONA_ASSIGNMENTS):
        a = con.table(PERSONA_ASSIGNMENTS).select("person_id", persona="persona_name")
        u = u.left_join(a, "person_id").drop("person_id_right")
    if engine.has_table(con, LIFECYCLE_HISTORY):
        h = con.table(LIFECYCLE_HISTORY)
        j = u.select("experiment", "person_id", "exposed_at").join(h, "person_id")
        j = j.filter(j.since <= j.exposed_at.cast("date"))
        w = ibis.window(group_by=[j.experiment, j.person_id], order_by=ibis.desc(j.since))
        j = j.mutate(k=ibis.row_number().over(w))
        at = j.filter(j.k == 0).select("experiment", "person_id", "stage")
        u = u.left_join(at, ["experiment", "person_id"]).drop("experiment_right", "person_id_right")
    return u
