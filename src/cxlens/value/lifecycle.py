"""Lifecycle stages, decided in Ibis from each customer's scores; rules apply in this order:

1. ``new``: first purchase fewer than ``new_days`` ago.
2. ``won_back``: lapsed a period ago (``period_days``) and bought since.
3. ``lapsed``: P(no purchase in the next ``window_days``) >= ``lapsed`` and the time since the last purchase
   is at least ``lapsed_overdue`` times the person's usual gap between purchases.
4. ``at_risk``: the same with ``at_risk`` and ``at_risk_overdue``.
5. ``loyal``: among the top ``best_share`` of customers by predicted CLV.
6. ``active``: everyone else who bought.

A known person who never bought is a ``prospect``. The usual gap is the person's own average (recency over
repeat purchases); a one-time buyer is measured against the median gap of repeat buyers. The probability
rule alone would misjudge one-time buyers under BG/NBD (P(alive) = 1 for all of them), so both a model
probability and the person's own rhythm must agree before anyone is called at risk or lapsed.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from cxlens.config import Lifecycle
from cxlens.tables import LIFECYCLE_STAGES

STAGES = LIFECYCLE_STAGES


def stage(t: ir.Table, cfg: Lifecycle) -> ir.Table:
    """Add ``clv_rank`` (share of customers with a higher CLV or equal) and ``stage`` to scored customers
    (``days_since_first``, ``days_since_last``, ``p_no_purchase``, ``overdue``, ``clv``, and
    ``previous_stage`` where a customer can be won back)."""
    t = t.mutate(clv_rank=ibis.cume_dist().over(order_by=t.clv.desc()))
    rules = [
        (t.days_since_first < cfg.new_days, "new"),
        ((t.p_no_purchase >= cfg.lapsed) & (t.overdue >= cfg.lapsed_overdue), "lapsed"),
        ((t.p_no_purchase >= cfg.at_risk) & (t.overdue >= cfg.at_risk_overdue), "at_risk"),
        (t.clv_rank <= cfg.best_share, "loyal"),
    ]
    if "previous_stage" in t.columns:
        lapsed = t.previous_stage.fill_null("") == "lapsed"
        rules.insert(1, (lapsed & (t.days_since_last < cfg.period_days), "won_back"))
    return t.mutate(stage=ibis.cases(*rules, else_="active"))


def history(old: ir.Table | None, new: ir.Table) -> ir.Table:
    """Stage changes with the day each began: ``old`` history plus ``new`` (person_id, stage, since) rows
    later than a person's last recorded change, keeping only rows whose stage differs from the one before.
    Re-running on the same data adds nothing."""
    if old is not None:
        last = old.group_by("person_id").aggregate(latest=old.since.max())
        new = new.left_join(last, "person_id")
        new = new.filter(new.latest.isnull() | (new.since > new.latest)).select("person_id", "stage", "since")
        new = ibis.union(old.select("person_id", "stage", "since"), new)
    before = new.stage.lag().over(group_by=new.person_id, order_by=new.since)
    new = new.mutate(before=before)
    return new.filter(new.before.isnull() | (new.before != new.stage)).drop("before")
