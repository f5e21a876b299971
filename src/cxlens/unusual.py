"""What makes an order unusual for the person who places it: the formulas and thresholds, written once for the
batch ``alerts`` stage (Ibis columns) and the live service (floats).

See ``cxlens/alerts/anomaly.py`` for the rule in words. ``amount_score`` and ``share`` are plain arithmetic,
so one definition scores an Ibis column and a float; ``judge`` and ``remember`` apply them to one arriving
order and the person's habits as of the last run.
"""

from __future__ import annotations

import math

PRIOR_ORDERS = 3.0
MIN_HISTORY = 3
Z = 4.0  # amount: this many standard deviations above the person's usual
P = 0.05  # hour, channel, store: a value the person uses this rarely
DIMENSIONS = ("hour", "channel", "store")


def amount_score(x, n, s1, s2, m0, vw):
    """The z score of log amount ``x`` against ``n`` other orders with sums ``s1``, ``s2`` of their log
    amounts, blended with everyone's mean ``m0`` and within-person variance ``vw``; and the usual log amount.
    Arithmetic only, so the same code scores an Ibis column and a float."""
    mean = (s1 + PRIOR_ORDERS * m0) / (n + PRIOR_ORDERS)
    ss = s2 - s1 * s1 / (n + 1e-9)  # the spread of the person's own orders; none for a first order
    var = (ss + PRIOR_ORDERS * vw) / (n + PRIOR_ORDERS)
    return (x - mean) / var**0.5, mean


def share(k, n, pop):
    """The prior-smoothed chance of a value used ``k`` times in ``n`` other orders and by share ``pop`` of
    everyone's; Ibis columns or floats."""
    return (k + PRIOR_ORDERS * pop) / (n + PRIOR_ORDERS)


def judge(order: dict, habit: dict, pop: dict) -> list[str]:
    """Why an arriving order (``total``, ``hour``, ``channel``, ``store``) is an alert, against the
    person's ``habit`` (``n``, ``s1``, ``s2`` and a count per value of each dimension) and everyone's
    ``pop`` (``m0``, ``vw`` and a share per value); empty when it is not. The rule of the alerts stage's
    ``unusual_orders``."""
    n = float(habit.get("n", 0))
    x = math.log1p(float(order["total"]))
    z, mean = amount_score(x, n, habit.get("s1", 0.0), habit.get("s2", 0.0), pop["m0"], pop["vw"])
    if z < Z:
        return []
    reasons = [f"amount {order['total']:.2f} against a usual {math.expm1(mean):.2f}"]
    words = {
        "hour": f"ordered at {order['hour']}:00, a rare hour for them",
        "channel": f"through {order.get('channel')}, a channel they rarely use",
        "store": f"at store {order.get('store')}, where they rarely shop",
    }
    for dim in DIMENSIONS:
        value = str(order["hour"] // 4 * 4) if dim == "hour" else order.get(dim)
        if n < MIN_HISTORY or value is None:
            continue
        k = habit.get(dim, {}).get(value, 0)
        if share(k, n, pop.get(dim, {}).get(value, 0.0)) < P:
            reasons.append(words[dim])
    return reasons if len(reasons) >= 2 else []


def remember(order: dict, habit: dict) -> None:
    """Add an order to the person's habit, so the next one is judged with it."""
    x = math.log1p(float(order["total"]))
    habit["n"] = habit.get("n", 0) + 1
    habit["s1"] = habit.get("s1", 0.0) + x
    habit["s2"] = habit.get("s2", 0.0) + x * x
    for dim in DIMENSIONS:
        value = str(order["hour"] // 4 * 4) if dim == "hour" else order.get(dim)
        if value is not None:
            counts = habit.setdefault(dim, {})
            counts[value] = counts.get(value, 0) + 1
