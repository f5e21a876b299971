"""Who was in which test arm, and what they did: one row per experiment and person, built in Ibis.

A person is assigned by their first exposure event (Segment's "Experiment Viewed", with
``experiment_name``/``experiment_id`` and ``variation_name``/``variant_name`` in its properties). People
logged in more than one arm are kept out of the analysis and counted: their outcome belongs to neither.
Outcomes follow the first exposure (to the end of the data, or ``window_days``): ``converted`` (a
conversion event), ``revenue`` (order totals). The same measures over ``pre_days`` before the exposure are
CUPED's covariates.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.config import Experiments
from cxlens.ids import event_ids, event_record, json_text, with_person
from cxlens.tables import IDENTITY_RECORDS, LIFECYCLE_HISTORY, PERSONA_ASSIGNMENTS

COLUMNS = ("experiment", "person_id", "variant", "exposed_at", "converted", "revenue", "pre_conversions",
           "pre_revenue")  # fmt: skip


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
        experiment=json_text(p, "experiment_name").coalesce(json_text(p, "experiment_id")),
        variant=json_text(p, "variation_name").coalesce(
            json_text(p, "variant_name"), json_text(p, "variation_id"), json_text(p, "variant_id")
        ),
    )
    e = e.filter(e.experiment.notnull() & e.variant.notnull())
    g = e.group_by("experiment", "person_id").aggregate(
        exposed_at=e.timestamp.min(), arms=e.variant.nunique(), variant=e.variant.min()
    )
    return g.mutate(variant=ibis.ifelse(g.arms == 1, g.variant, ibis.null("string")))


def _within(x: ir.Table, at: ir.TimestampValue, cfg: Experiments) -> tuple[ir.BooleanValue, ir.BooleanValue]:
    """Whether ``at`` falls after the exposure (in the window), or in the pre-period before it."""
    after = at >= x.exposed_at
    if cfg.window_days:
        after = after & (at < x.exposed_at + ibis.interval(days=cfg.window_days))
    before = (at < x.exposed_at) & (at >= x.exposed_at - ibis.interval(days=cfg.pre_days))
    return after, before


def units(con: BaseBackend, cfg: Experiments) -> ir.Table:
    """``COLUMNS`` for every person assigned to exactly one arm."""
    x = exposures(con, cfg)
    x = x.filter(x.arms == 1).select("experiment", "person_id", "variant", "exposed_at")
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
    return out.mutate(
        converted=out.converted.fill_null(0),
        pre_conversions=out.pre_conversions.fill_null(0.0),
        revenue=out.revenue.fill_null(0.0),
        pre_revenue=out.pre_revenue.fill_null(0.0),
    ).select(*COLUMNS)


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
