"""Calibration and holdout: fit on purchases up to a date, predict the rest, compare with what happened.

>>> per_customer, model = holdout(tx, split=date(2025, 12, 31), end=date(2026, 6, 30))  # doctest: +SKIP
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
from cxlens.value.summary import summary

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
    """Per customer first seen by ``split``: calibration (frequency, recency, T), ``actual`` purchases
    in (split, end] and the model's ``predicted`` purchases, with the model fitted on the calibration."""
    if model not in MODELS:
        raise InputError(f"model is '{model}'; expected one of {', '.join(MODELS)}")
    if end <= split:
        raise InputError(f"the holdout ends ({end}) on or before the split ({split}); expected a later end")
    s = summary(_as_purchases(transactions), split, end).to_pandas()
    if len(s) < 10:
        raise InputError(f"only {len(s)} customers bought by {split}; a holdout check needs at least 10")
    m = MODELS[model]().fit(s.frequency, s.recency, s["T"])
    s = s.rename(columns={"holdout": "actual"})
    s["predicted"] = m.predict((end - split).days, s.frequency, s.recency, s["T"])
    return s, m


def by_frequency(s: pd.DataFrame, top: int = 7) -> pd.DataFrame:
    """Predicted against actual holdout purchases by calibration frequency (``top`` and above together)."""
    f = np.minimum(s.frequency.to_numpy(), top)
    g = s.assign(frequency=f).groupby("frequency", as_index=False)
    out = g.agg(customers=("actual", "size"), actual=("actual", "mean"), predicted=("predicted", "mean"))
    out["label"] = out.frequency.astype(int).astype(str).where(out.frequency < top, f"{top}+")
    return out
