"""Calibration and holdout: fit on purchases up to a date, predict the rest, compare with what happened.

>>> per_history, model = holdout(tx, split=date(2025, 12, 31), end=date(2026, 6, 30))  # doctest: +SKIP
"""

from __future__ import annotations

from datetime import date

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd

from cxlens.errors import InputError
from cxlens.value.bgnbd import BetaGeo
from cxlens.value.paretonbd import ParetoNBD
from cxlens.value.summary import histories, summary

MODELS = {"pareto_nbd": ParetoNBD, "bg_nbd": BetaGeo}


def _as_purchases(transactions: ir.Table | pd.DataFrame) -> ir.Table:
    """A purchases table (person_id, day, value, orders) from the pipeline's, or from a user's DataFrame
    of ``person_id``, ``day`` (or ``date``) and optional ``value``, one row per transaction."""
    if isinstance(transactions, ir.Table):
        return transactions
    df = transactions.rename(columns={"date": "day"})
    missing = {"person_id", "day"} - set(df.columns)
    if missing:
        raise InputError(f"transactions need columns person_id and day; missing {', '.join(sorted(missing))}")
    df = df.assign(day=pd.to_datetime(df["day"]).dt.date, value=df.get("value", 0.0), orders=1)
    t = ibis.memtable(df[["person_id", "day", "value", "orders"]])
    return t.group_by("person_id", "day").aggregate(value=t.value.sum(), orders=t.orders.sum())


def holdout(
    transactions: ir.Table | pd.DataFrame, split: date, end: date, model: str = "pareto_nbd"
) -> tuple[pd.DataFrame, BetaGeo | ParetoNBD]:
    """Per distinct calibration history (frequency, recency, T) of the customers first seen by ``split``:
    how many ``customers`` share it, their ``actual`` purchases in (split, end] and the model's
    ``predicted`` ones (totals over those customers), with the model fitted on the calibration. Histories,
    not customers, so what comes out of the engine is bounded by the calendar, not the customer count."""
    if model not in MODELS:
        raise InputError(f"model is '{model}'; expected one of {', '.join(MODELS)}")
    if end <= split:
        raise InputError(f"the holdout ends ({end}) on or before the split ({split}); expected a later end")
    s = summary(_as_purchases(transactions), split, end)
    h = histories(s, actual=s.holdout.sum()).to_pandas()
    if (n := int(h.customers.sum())) < 10:
        raise InputError(f"only {n} customers bought by {split}; a holdout check needs at least 10")
    m = MODELS[model]().fit(h.frequency, h.recency, h["T"], weights=h.customers)
    h["predicted"] = h.customers * m.predict((end - split).days, h.frequency, h.recency, h["T"])
    return h, m


def by_frequency(h: pd.DataFrame, top: int = 7) -> pd.DataFrame:
    """Mean predicted against actual holdout purchases per customer, by calibration frequency (``top`` and
    above together), from ``holdout``'s histories."""
    g = h.assign(frequency=np.minimum(h.frequency.to_numpy(), top)).groupby("frequency", as_index=False)
    out = g[["customers", "actual", "predicted"]].sum()
    out["actual"] /= out.customers
    out["predicted"] /= out.customers
    out["label"] = out.frequency.astype(int).astype(str).where(out.frequency < top, f"{top}+")
    return out
