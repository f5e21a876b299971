"""Per-person behavioural and demographic features, in Ibis: what personas are found on and described by.

Every feature is a number (shares in 0..1, counts, money, years) or null where the person has no data for
it (no orders, no store visits, no survey answer). Columns that depend on the data's own values (order
channels, categories, social sources) are named ``channel_<value>``, ``category_<value>``,
``social_<value>``. docs/personas.md lists every feature with its definition.

>>> t = features(con, as_of=date(2026, 6, 30))  # doctest: +SKIP
"""

from __future__ import annotations

import re
from datetime import date

import ibis
import ibis.expr.types as ir
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.ids import event_ids, event_record, json_text, with_person
from cxlens.tables import CUSTOMER_VALUE, IDENTITY_RECORDS, PROFILES

# (name, from, to): order hours, in the warehouse's time zone (UTC unless sources said otherwise)
HOUR_BANDS = (("early", 6, 10), ("late_morning", 10, 14), ("afternoon", 14, 18), ("evening", 18, 22))
CHILDREN = ("kid", "baby", "toy", "child", "infant", "school")  # category words that hint at children
MAX_VALUES = 20  # at most this many channels, categories or social sources become features
SOCIAL = ("social",)  # campaign media counted as social


def slug(v: str) -> str:
    """A value as part of a column name: ``Call Centre`` → ``call_centre``."""
    return re.sub(r"[^a-z0-9]+", "_", str(v).lower()).strip("_") or "blank"


def _top(t: ir.Table, col: str) -> list[str]:
    """The most common non-null values of a column, most common first."""
    c = t[col]
    top = t.filter(c.notnull()).group_by(col).aggregate(n=ibis._.count()).order_by(ibis.desc("n"), col)
    return [v for v in top.limit(MAX_VALUES).to_pandas()[col] if slug(v)]


def _shares(t: ir.Table, col: str, prefix: str) -> dict[str, ir.FloatingValue]:
    return {f"{prefix}_{slug(v)}": (t[col] == v).cast("float64").mean() for v in _top(t, col)}


def _people(con: BaseBackend, table: str) -> ir.Table:
    """A source table with the person behind each row (events: their channel and context)."""
    if table != "events":
        return with_person(con, table)
    t = event_ids(con.table("events"), "channel", "context")
    return t.mutate(record=event_record(t)).join(con.table(IDENTITY_RECORDS), "record")


def _orders(con: BaseBackend) -> ir.Table:
    o = _people(con, "orders")
    hour = o.ordered_at.hour()
    coupon = o.coupon_code.notnull() | (o.discount.fill_null(0) > 0)
    agg = {
        "orders": o.count(),
        "basket": o.total.mean(),
        "coupon_rate": coupon.cast("float64").mean(),
        "minutes_in_store": o.minutes_in_store.mean(),
        "weekend": (o.ordered_at.day_of_week.index() >= 5).cast("float64").mean(),
        **{f"hours_{n}": ((hour >= a) & (hour < b)).cast("float64").mean() for n, a, b in HOUR_BANDS},
        "hours_night": ((hour >= 22) | (hour < 6)).cast("float64").mean(),
        **_shares(o, "channel", "channel"),
    }
    return o.group_by("person_id").aggregate(**agg)


def _items(con: BaseBackend) -> ir.Table:
    it = con.table("order_items")
    it = it.join(_people(con, "orders").select("order_id", "person_id"), "order_id")
    n = it.quantity.fill_null(1).cast("float64")
    kids = ibis.or_(*[it.category.lower().contains(w) for w in CHILDREN]).fill_null(False)
    agg = {
        "items_per_order": n.sum() / it.order_id.nunique(),
        "private_label": it.private_label.cast("float64").mean(),
        "eco": it.eco.cast("float64").mean(),
        "clearance": it.clearance.cast("float64").mean(),
        "return_rate": it.returned.cast("float64").mean(),
        "children": kids.cast("float64").max(),
        **_shares(it, "category", "category"),
    }
    return it.group_by("person_id").aggregate(**agg)


def _events(con: BaseBackend) -> ir.Table:
    e = _people(con, "events")
    medium = json_text(e.context, "medium")
    source = json_text(e.context, "source").lower()
    e = e.mutate(social=ibis.ifelse(medium.lower().isin(SOCIAL), source, ibis.null("string")))
    soc = e.filter(e.social.notnull())
    agg = {
        "events": e.count(),
        "mobile": (e.channel == "mobile").cast("float64").mean(),
        "social_visits": e.social.count(),
    }
    out = e.group_by("person_id").aggregate(**agg)
    shares = _shares(soc, "social", "social")
    if shares:
        out = out.left_join(soc.group_by("person_id").aggregate(**shares), "person_id").drop(
            "person_id_right"
        )
    return out


def _feedback(con: BaseBackend) -> ir.Table:
    f = _people(con, "feedback")
    return f.group_by("person_id").aggregate(
        nps=f.score.mean(where=f.kind == "nps"), csat=f.score.mean(where=f.kind == "csat")
    )


def _value(con: BaseBackend) -> ir.Table:
    v = con.table(CUSTOMER_VALUE)
    return v.select(
        "person_id", "stage", "clv", "p_alive", "frequency", "monetary", "r_score", "f_score", "m_score"
    ).mutate(clv=v.clv.cast("float64"), frequency=v.frequency.cast("float64"))


def features(con: BaseBackend, as_of: date) -> ir.Table:
    """One row per profile with every feature the data allows (see the module docstring)."""
    p = con.table(PROFILES)
    age = p.birth_date.delta(ibis.literal(as_of), unit="day").cast("float64") / -365.25
    gender = p.gender.lower()
    out = p.select(
        "person_id",
        age=ibis.ifelse((age >= 0) & (age < 120), age, ibis.null("float64")),
        female=ibis.cases((gender == "female", 1.0), (gender == "male", 0.0), else_=ibis.null("float64")),
    )
    parts = [
        ("orders", _orders),
        ("order_items", _items),
        ("events", _events),
        ("feedback", _feedback),
        (CUSTOMER_VALUE, _value),
    ]
    for table, part in parts:
        if engine.has_table(con, table) and (table != "order_items" or engine.has_table(con, "orders")):
            out = out.left_join(part(con), "person_id").drop("person_id_right")
    return out
