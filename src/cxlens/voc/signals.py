"""Expectation signals: what customers do, which is harder to fake than what they say.

Per persona (and for everyone) and period, from orders and order lines:
- ``basket``: the mean order total; ``items_per_order``; ``coupon_share``: orders with a coupon code;
- ``return_rate``: order lines returned; ``private_label_share``: the share of line value in own brands;
- ``repeat_rate``: first-time buyers of the period who bought again within ``voc.repeat_days``, counting
  only buyers whose first purchase is at least that old, so recent periods are not undercounted;
- ``days_to_second``: the median days from a first to a second purchase of those who made one;
- ``return reason: ...``: the share of returned lines given each reason (over the whole history).
A change of strategy can be checked against them: did the coupon push move coupon use, or only NPS?
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import pandas as pd
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.config import Voc
from cxlens.ids import with_person
from cxlens.voc.breakdown import UNKNOWN, period_label, period_start

EVERYONE = "everyone"
COLUMNS = ["persona", "period", "period_start", "signal", "value", "n"]


def _long(t: ir.Table, keys: list[str], signals: dict[str, ir.Value], n: ir.Value) -> list[ir.Table]:
    """One aggregation per signal, as rows of (keys..., signal, value, n)."""
    return [
        t.group_by(keys).aggregate(signal=ibis.literal(name), value=value.cast("float64"), n=n.cast("int64"))
        for name, value in signals.items()
    ]


def _by_persona(t: ir.Table, who: ir.Table | None) -> ir.Table:
    """``t`` twice: under each person's persona, and under 'everyone'."""
    if who is None or "persona" not in who.columns:
        return t.mutate(persona=ibis.literal(EVERYONE))
    j = t.left_join(who.select("person_id", "persona"), "person_id").drop("person_id_right")
    return ibis.union(
        j.mutate(persona=j.persona.fill_null(UNKNOWN)), t.mutate(persona=ibis.literal(EVERYONE))
    )


def signals(con: BaseBackend, cfg: Voc, who: ir.Table | None) -> pd.DataFrame:
    """The expectation signals in long form: ``COLUMNS``; empty without orders."""
    if not engine.has_table(con, "orders"):
        return pd.DataFrame(columns=COLUMNS)
    o = with_person(con, "orders").select("order_id", "person_id", "ordered_at", "total", "coupon_code")
    o = o.mutate(period_start=period_start(o.ordered_at, cfg.period))
    parts = []
    if engine.has_table(con, "order_items"):
        i = con.table("order_items")
        value = i.quantity.fill_null(1).cast("float64") * i.unit_price.fill_null(0)
        lines = i.select("order_id", "returned", "return_reason", "private_label", "quantity", _value=value)
        per_order = lines.group_by("order_id").aggregate(items=lines.quantity.fill_null(1).sum())
        o = o.left_join(per_order, "order_id").drop("order_id_right")
        li = _by_persona(lines.join(o.select("order_id", "person_id", "period_start"), "order_id"), who)
        returned = li.returned.fill_null(False)
        parts += _long(
            li,
            ["persona", "period_start"],
            {
                "return_rate": returned.cast("float64").mean(),
                "private_label_share": li._value.sum(where=li.private_label.fill_null(False))
                / li._value.sum().nullif(0),
            },
            li.count(),
        )
        r = li.filter(returned)
        reason = r.return_reason.lower().fill_null("(none given)")
        by_reason = r.group_by("persona", reason=reason).aggregate(k=r.count())
        total = by_reason.group_by("persona").aggregate(all=by_reason.k.sum())
        rr = by_reason.join(total, "persona")
        parts.append(
            rr.select(
                "persona",
                period_start=ibis.null("string"),
                signal="return reason: " + rr.reason,
                value=(rr.k / rr.all).cast("float64"),
                n=rr.all.cast("int64"),
            )
        )
    op = _by_persona(o, who)
    extra = {"items_per_order": op["items"].mean()} if "items" in op.columns else {}
    parts += _long(
        op,
        ["persona", "period_start"],
        {"basket": op.total.mean(), "coupon_share": op.coupon_code.notnull().cast("float64").mean(), **extra},
        op.count(),
    )
    parts += _repeat(o, who, cfg)
    out = ibis.union(*parts).to_pandas()
    has = out.period_start.notna()
    out["period"] = "all"
    out.loc[has, "period"] = period_label(out.loc[has, "period_start"], cfg.period).to_numpy()
    return out.sort_values(["signal", "persona", "period_start"]).reset_index(drop=True)[COLUMNS]


def _repeat(o: ir.Table, who: ir.Table | None, cfg: Voc) -> list[ir.Table]:
    """repeat_rate and days_to_second, by the period of each buyer's first purchase."""
    w = ibis.window(group_by=o.person_id, order_by=[o.ordered_at, o.order_id])
    ranked = o.mutate(k=ibis.row_number().over(w))
    first = ranked.filter(ranked.k == 0).select("person_id", "period_start", first="ordered_at")
    second = ranked.filter(ranked.k == 1).select("person_id", second="ordered_at")
    b = first.left_join(second, "person_id").drop("person_id_right")
    days = (b.second.epoch_seconds() - b.first.epoch_seconds()).cast("float64") / 86400.0
    last = o.ordered_at.max().as_scalar()
    b = _by_persona(
        b.mutate(days=days, ended=(last.epoch_seconds() - b.first.epoch_seconds()) / 86400.0), who
    )
    due = b.filter(b.ended >= cfg.repeat_days)
    repeated = due.days.notnull() & (due.days <= cfg.repeat_days)
    keys = ["persona", "period_start"]
    return [
        *_long(due, keys, {"repeat_rate": repeated.cast("float64").mean()}, due.count()),
        *_long(b, keys, {"days_to_second": b.days.median()}, b.days.count()),
    ]
