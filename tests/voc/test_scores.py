"""NPS and CSAT intervals: coverage by simulation, textbook values, and named errors."""

from __future__ import annotations

import numpy as np
import pytest

from cxlens.errors import InputError
from cxlens.voc import csat, nps, nps_change, nps_interval, wilson


@pytest.mark.parametrize(("p_pro", "p_det", "n"), [(0.5, 0.2, 100), (0.3, 0.4, 50), (0.8, 0.05, 200)])
def test_nps_intervals_cover_the_truth_about_95_percent_of_the_time(p_pro, p_det, n):
    rng = np.random.default_rng(1)
    counts = rng.multinomial(n, [p_pro, 1 - p_pro - p_det, p_det], size=20_000)
    _, low, high = nps_interval(counts[:, 0], counts[:, 1], counts[:, 2])
    truth = p_pro - p_det
    assert np.mean((low <= truth) & (truth <= high)) == pytest.approx(0.95, abs=0.015)


def test_csat_wilson_intervals_cover_the_truth():
    rng = np.random.default_rng(2)
    k = rng.binomial(80, 0.85, 20_000)
    _, low, high = wilson(k, 80)
    assert np.mean((low <= 0.85) & (high >= 0.85)) == pytest.approx(0.95, abs=0.015)


def test_nps_by_hand():
    got = nps([10, 9, 9, 8, 7, 6, 0, 10, 3, 9])  # 5 promoters, 2 passives, 3 detractors
    assert (got["nps"], got["promoters"], got["passives"], got["detractors"]) == (0.2, 5, 2, 3)
    n, pa, da = 13, 5.75 / 13, 3.75 / 13
    half = 1.959964 * np.sqrt((pa + da - (pa - da) ** 2) / n)
    assert (got["ci_low"], got["ci_high"]) == pytest.approx((pa - da - half, pa - da + half), rel=1e-6)
    assert "only 10 responses" in got["warning"]


def test_csat_and_a_real_change():
    assert csat([5, 4, 3, 5, 1])["csat"] == pytest.approx(0.6)
    rng = np.random.default_rng(3)
    before = rng.choice(11, 800, p=[0.02] * 7 + [0.14, 0.14] + [0.29, 0.29])
    after = rng.choice(11, 800, p=[0.04] * 7 + [0.15, 0.15] + [0.21, 0.21])
    change = nps_change(before, after)
    assert change["p_value"] < 0.01 and change["ci_high"] < 0
    assert nps_change(before, before)["p_value"] == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: nps([10, 11]), "NPS score 11 is not a whole number from 0 to 10"),
        (lambda: nps(["great"]), "NPS scores must be numbers"),
        (lambda: csat([4, 6]), "CSAT score 6 is not a whole number from 1 to 5"),
        (lambda: nps([9], alpha=2), "alpha is 2"),
    ],
)
def test_bad_scores_are_named(call, message):
    with pytest.raises(InputError, match=message):
        call()
