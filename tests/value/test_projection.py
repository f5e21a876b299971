"""Cohorts projected forward: the simulation agrees with the models' closed forms, and months kept out of
the fit fall inside their 90% bands about nine times in ten."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd
import pytest

from cxlens import Project
from cxlens.value import BetaGeo, GammaGamma, ParetoNBD
from cxlens.value.projection import LEVEL, calibration, project
from cxlens.value.summary import purchases, summary

MEASURES = ("active", "purchases", "value")


def _inside(t: pd.DataFrame, k: str) -> pd.Series:
    return (t[f"{k}_low"] <= t[f"actual_{k}"]) & (t[f"actual_{k}"] <= t[f"{k}_high"])


@pytest.mark.parametrize("model", [ParetoNBD, BetaGeo])
def test_the_simulated_future_agrees_with_the_closed_forms(loaded, model):
    con = loaded.project.con
    p = purchases(con)
    cut = pd.Timestamp(p.day.max().execute()).date() - timedelta(days=200)
    s = summary(p, cut).to_pandas()
    m = model().fit(s.frequency, s.recency, s["T"])
    rep = s[(s.frequency > 0) & (s.monetary > 0)]
    gg = GammaGamma().fit(rep.frequency, rep.monetary)
    ahead = project(p, m, gg, cut, 6)
    days = (pd.Timestamp(cut).to_period("M") + 6).start_time.date() - timedelta(days=1) - cut
    expected = m.predict(days.days, s.frequency, s.recency, s["T"])
    assert ahead.purchases.sum() == pytest.approx(expected.sum(), rel=0.04)
    spend = gg.expected_spend(s.frequency, s.monetary)
    assert ahead.value.sum() == pytest.approx((expected * spend).sum(), rel=0.06)
    assert (ahead.purchases_low <= ahead.purchases).all() and (ahead.purchases <= ahead.purchases_high).all()
    assert ahead.groupby("cohort").customers.first().sum() == len(s)


def test_calibration_keeps_whole_months_out():
    from datetime import date

    assert calibration(date(2026, 6, 29), 180) == (date(2025, 11, 30), date(2026, 5, 31), 6)
    assert calibration(date(2026, 6, 30), 180) == (date(2025, 12, 31), date(2026, 6, 30), 6)
    assert calibration(date(2026, 6, 30), 7) == (date(2026, 5, 31), date(2026, 6, 30), 1)


@pytest.mark.parametrize("fixture", ["loaded", "company20k"])
def test_held_out_months_fall_inside_their_bands_at_the_nominal_rate(fixture, request):
    """Every cohort in every held-out month is one check: 100 or more of them per company."""
    got = request.getfixturevalue(fixture)
    project_ = got.project if fixture == "loaded" else Project(got / "cxlens.yaml", progress=False)
    t = project_.table("cohort_projection").to_pandas()
    back = t[t.fitted_on == "calibration"]
    assert len(back) >= 100 and back.month.nunique() == 6
    for k in MEASURES:
        share = _inside(back, k).mean()
        assert LEVEL - 0.1 <= share <= 0.98, (k, share)
    ahead = t[t.fitted_on == "all"]
    assert ahead.actual_purchases.isna().all() and (ahead.month > back.month.max()).all()
    first = ahead.groupby("cohort").value_ahead.apply(lambda v: np.all(np.diff(v) >= 0))
    assert first.all()  # value ahead only adds up
