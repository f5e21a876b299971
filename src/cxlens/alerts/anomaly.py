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
taking its own contribution out (leave one out). The formulas and thresholds live in ``cxlens/unusual.py``:
the live service judges an arriving order with them against the person's habits (``habits``, which the stage
writes as ``order_habits`` and ``order_population``) as of the last run.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
from ibis.backends import BaseBackend

from cxlens.ids import with_person
from cxlens.unusual import DIMENSIONS, MIN_HISTORY, P, Z, amount_score, share


def orders(con: BaseBackend) -> ir.Table:
    """Every order of a known person with what it is judged on, and its person's other orders' count and
    sums (leave one out): what ``unusual_orders`` and ``habits`` read; the stage materialises it once."""
    o = with_person(con, "orders")
    return _others(
        o.select(
            "order_id",
            "person_id",
            "ordered_at",
            "total",
            x=(o.total.cast("float64") + 1.0).ln(),
            hour=(o.ordered_at.hour() // 4 * 4).cast("string"),
            channel=o.channel.fill_null("unknown"),
            store=o.store_id,
        )
    )


def _share(o: ir.Table, dim: str) -> ir.Table:
    """Per order: the prior-smoothed chance of its ``dim`` value among the person's other orders."""
    t = o.filter(o[dim].notnull())
    everyone = t.group_by(dim).aggregate(_n=t.count())
    total = everyone._n.sum().as_scalar()
    everyone = everyone.select(dim, _pop=everyone._n.cast("float64") / total)
    mine = t.group_by("person_id", dim).aggregate(_k=t.count())
    j = t.select("order_id", "person_id", dim, "n").join(mine, ["person_id", dim]).join(everyone, dim)
    return j.select("order_id", **{f"{dim}_p": share((j._k - 1).cast("float64"), j.n, j._pop)})


def _population(o: ir.Table) -> ir.Table:
    """Everyone's mean log amount and the usual spread of a person's orders around their own mean, from
    orders with the person's other orders' count ``n`` and squared deviations ``_ss``."""
    return o.aggregate(m0=o.x.mean(), vw=(o._ss.sum() / (o.n - 1).clip(lower=0).sum().nullif(0)))


def _others(o: ir.Table) -> ir.Table:
    """Each order with the count ``n`` and the sums ``_s1``, ``_s2`` of log amounts of its person's other
    orders (leave one out), and their squared deviations ``_ss``."""
    per = o.group_by("person_id").aggregate(_c=o.count(), _t1=o.x.sum(), _t2=(o.x * o.x).sum())
    o = o.join(per, "person_id")
    n, s1, s2 = (o._c - 1).cast("float64"), o._t1 - o.x, o._t2 - o.x * o.x
    return o.mutate(n=n, _s1=s1, _s2=s2, _ss=s2 - s1 * s1 / (n + 1e-9)).drop("_c", "_t1", "_t2")


def habits(o: ir.Table) -> tuple[ir.Table, ir.Table]:
    """What the live service judges an arriving order against: per person the count and sums of log
    amounts of every order (``n``, ``s1``, ``s2``) and, in ``dims``, how often they used each value of each
    dimension (``k``); and per dimension and value everyone's share ``pop``, with everyone's ``m0`` and
    ``vw`` on every row. ``o`` is ``orders``."""
    per = o.group_by("person_id").aggregate(n=o.count(), s1=o.x.sum(), s2=(o.x * o.x).sum())
    pop = _population(o)
    dims, shares = [], []
    for dim in DIMENSIONS:
        t = o.filter(o[dim].notnull())
        mine = t.group_by("person_id", value=t[dim]).aggregate(k=t.count())
        dims.append(mine.mutate(dim=ibis.literal(dim)))
        every = t.group_by(value=t[dim]).aggregate(k=t.count())
        shares.append(every.select("value", dim=ibis.literal(dim), pop=every.k / every.k.sum().as_scalar()))
    d = ibis.union(*dims)
    d = d.group_by("person_id").aggregate(
        dims=ibis.struct({"dim": d.dim, "value": d.value, "k": d.k}).collect()
    )
    return per.left_join(d, "person_id").drop("person_id_right"), ibis.union(*shares).cross_join(pop)


def unusual_orders(o: ir.Table) -> ir.Table:
    """Every order of ``orders`` scored: amount_z, usual_amount, hour_p, channel_p, store_p, history (the
    person's other orders), unusual (how many dimensions), alert and reasons."""
    chances = [_share(o, dim) for dim in DIMENSIONS]  # from the orders alone, not from each other's joins
    o = o.cross_join(_population(o))
    z, mean = amount_score(o.x, o.n, o._s1, o._s2, o.m0, o.vw)
    o = o.mutate(amount_z=z, usual_amount=mean.exp() - 1.0)
    for chance in chances:
        o = o.left_join(chance, "order_id").drop("order_id_right")
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
