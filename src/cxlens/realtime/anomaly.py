"""Transactions out of a person's usual pattern: amount, hour, channel and store, each against the person's
own other orders, shrunk toward everyone's so that a short history does not make everything look unusual.

- **Amount**: the z score of log(1 + total) against the person's other orders (only far above is unusual).
  Their mean and variance are blended with everyone's (``PRIOR_ORDERS`` pseudo-orders), so a second order
  is judged mostly by what people usually spend and a fiftieth by what this person does.
- **Hour** (4-hour bands), **channel** and **store**: the chance of this value among the person's other
  orders, with a Dirichlet prior of ``PRIOR_ORDERS`` pseudo-orders spread like everyone's orders. Only people
  with at least ``MIN_HISTORY`` other orders are judged on these, since a newcomer has no habit to break.

An order is unusual on a dimension past ``Z`` or below ``P``. It raises an **alert** when its amount is
unusual and so is at least one other dimension: a large sum at an odd hour or place. A new store at a new
hour alone is a trip, not an alert (on the sample company it would be seven false alarms for each true
one). The alert names every unusual dimension. Everything is Ibis: one pass of per-person sums, each order
taking its own contribution out (leave one out).
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
from ibis.backends import BaseBackend

from cxlens.schema import with_person

PRIOR_ORDERS = 3.0
MIN_HISTORY = 3
Z = 4.0  # amount: this many standard deviations above the person's usual
P = 0.05  # hour, channel, store: a value the person uses this rarely
DIMENSIONS = ("hour", "channel", "store")


def _orders(con: BaseBackend) -> ir.Table:
    o = with_person(con, "orders")
    return o.select(
        "order_id",
        "person_id",
        "ordered_at",
        "total",
        x=(o.total.cast("float64") + 1.0).ln(),
        hour=(o.ordered_at.hour() // 4 * 4).cast("string"),
        channel=o.channel.fill_null("unknown"),
        store=o.store_id,
    )


def _share(o: ir.Table, dim: str) -> ir.Table:
    """Per order: the prior-smoothed chance of its ``dim`` value among the person's other orders."""
    t = o.filter(o[dim].notnull())
    everyone = t.group_by(dim).aggregate(_n=t.count())
    total = everyone._n.sum().as_scalar()
    everyone = everyone.select(dim, _pop=everyone._n.cast("float64") / total)
    mine = t.group_by("person_id", dim).aggregate(_k=t.count())
    j = t.select("order_id", "person_id", dim, "n").join(mine, ["person_id", dim]).join(everyone, dim)
    p = ((j._k - 1).cast("float64") + PRIOR_ORDERS * j._pop) / (j.n + PRIOR_ORDERS)
    return j.select("order_id", **{f"{dim}_p": p})


def unusual_orders(con: BaseBackend) -> ir.Table:
    """Every order scored: amount_z, usual_amount, hour_p, channel_p, store_p, history (the person's other
    orders), unusual (how many dimensions), alert and reasons."""
    o = _orders(con)
    per = o.group_by("person_id").aggregate(_c=o.count(), _s1=o.x.sum(), _s2=(o.x * o.x).sum())
    o = o.join(per, "person_id")
    n = (o._c - 1).cast("float64")
    s1, s2 = o._s1 - o.x, o._s2 - o.x * o.x
    o = o.mutate(n=n, _m=s1 / n.nullif(0), _ss=(s2 - s1 * s1 / n.nullif(0)).fill_null(0.0))
    # everyone's: the mean order and the usual spread of a person's orders around their own mean
    pop = o.aggregate(m0=o.x.mean(), vw=(o._ss.sum() / (o.n - 1).clip(lower=0).sum().nullif(0)))
    o = o.cross_join(pop)
    mean = (o._m.fill_null(0.0) * o.n + PRIOR_ORDERS * o.m0) / (o.n + PRIOR_ORDERS)
    var = (o._ss + PRIOR_ORDERS * o.vw) / (o.n + PRIOR_ORDERS)
    o = o.mutate(amount_z=(o.x - mean) / var.sqrt(), usual_amount=mean.exp() - 1.0)
    for dim in DIMENSIONS:
        o = o.left_join(_share(o, dim), "order_id").drop("order_id_right")
    judged = o.n >= MIN_HISTORY
    flags = {
        "amount": o.amount_z >= Z,  # far above; a small basket is no risk
        **{d: judged & (o[f"{d}_p"] < P).fill_null(False) for d in DIMENSIONS},
    }
    unusual = sum(f.cast("int64") for f in flags.values())
    words = {
        "amount": "amount " + o.total.round(2).cast("string") + " against a usual "
        + o.usual_amount.round(2).cast("string"),
        "hour": "ordered at " + o.ordered_at.hour().cast("string") + ":00, a rare hour for them",
        "channel": "through " + o.channel + ", a channel they rarely use",
        "store": "at store " + o.store.fill_null("") + ", where they rarely shop",
    }  # fmt: skip
    reasons = ibis.literal("")
    for name, flag in flags.items():
        reasons = reasons + ibis.ifelse(flag, words[name] + "; ", "")
    return o.select(
        "order_id", "person_id", "ordered_at", "total", "amount_z", "usual_amount", "hour_p", "channel_p",
        "store_p", history=o.n.cast("int64"), unusual=unusual, alert=flags["amount"] & (unusual >= 2),
        reasons=reasons.re_replace(r"; $", ""),
    )  # fmt: skip
