"""Sizing a test: the closed form, a simulation of the test it sizes, bad input and the command."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from typer.testing import CliRunner

from cxlens.cli import app
from cxlens.errors import InputError
from cxlens.experiments import analyze, sample_size


@pytest.mark.parametrize(
    ("baseline", "mde", "alpha", "power", "relative", "arms"),
    [(0.1, 0.05, 0.05, 0.8, True, 2), (0.02, 0.1, 0.05, 0.9, True, 2), (0.3, 0.02, 0.01, 0.8, False, 2),
     (0.1, 0.05, 0.05, 0.8, True, 4)],
)  # fmt: skip
def test_the_closed_form_normal_approximation(baseline, mde, alpha, power, relative, arms):
    p2 = baseline * (1 + mde) if relative else baseline + mde
    z = stats.norm.isf(alpha / 2 / (arms - 1)) + stats.norm.isf(1 - power)
    n = z**2 * (baseline * (1 - baseline) + p2 * (1 - p2)) / (p2 - baseline) ** 2
    assert sample_size(baseline, mde, alpha, power, relative, arms) == int(np.ceil(n))


def test_a_holdout_needs_more_people_in_all_than_an_even_split():
    """With a share h held out, Var = p0(1-p0)/(hN) + p1(1-p1)/((1-h)N); an even split is twice per arm."""
    z = stats.norm.isf(0.025) + stats.norm.isf(0.2)
    n = z**2 * (0.1 * 0.9 / 0.1 + 0.11 * 0.89 / 0.9) / 0.01**2
    assert sample_size(0.1, 0.1, holdout=0.1) == int(np.ceil(n))
    assert abs(sample_size(0.1, 0.1, holdout=0.5) - 2 * sample_size(0.1, 0.1)) <= 1


@pytest.mark.parametrize("holdout", [None, 0.1])
def test_a_test_of_that_size_detects_the_change_as_often_as_planned(holdout):
    """20,000 simulated tests of 20% against 24% with the planned people (per arm, or in all with 10% held
    out): the test rejects in 80% of them (within three standard errors); and analyze, on a few of them,
    agrees with the simulated test."""
    n = sample_size(0.2, 0.2, holdout=holdout)
    nc, nt = (n, n) if holdout is None else (round(n * holdout), n - round(n * holdout))
    rng = np.random.default_rng(7)
    c, t = rng.binomial(nc, 0.2, 20_000) / nc, rng.binomial(nt, 0.24, 20_000) / nt
    z = (t - c) / np.sqrt(c * (1 - c) / nc + t * (1 - t) / nt)
    power = (np.abs(z) > stats.norm.isf(0.025)).mean()
    assert power == pytest.approx(0.8, abs=3 * np.sqrt(0.8 * 0.2 / 20_000))
    for k in range(3):
        ones_c, ones_t = round(c[k] * nc), round(t[k] * nt)
        df = {"variant": ["control"] * nc + ["treatment"] * nt,
              "y": [1] * ones_c + [0] * (nc - ones_c) + [1] * ones_t + [0] * (nt - ones_t)}  # fmt: skip
        planned = None if holdout is None else {"control": holdout, "treatment": 1 - holdout}
        row = analyze(pd.DataFrame(df), metric="y", allocation=planned).iloc[0]
        assert (row.diff_p_value < 0.05) == (abs(z[k]) > stats.norm.isf(0.025))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"baseline": 1.5, "mde": 0.05}, "baseline is 1.5; expected a share between 0 and 1"),
        ({"baseline": 0.1, "mde": 0}, "mde is 0; expected the smallest change worth detecting"),
        ({"baseline": 0.9, "mde": 0.2}, "is not below 1"),
        ({"baseline": 0.1, "mde": 0.05, "power": 1}, "power is 1"),
        ({"baseline": 0.1, "mde": 0.05, "arms": 1}, "arms is 1"),
        ({"baseline": 0.1, "mde": 0.05, "holdout": 1.0}, "holdout is 1.0 with 2 arms"),
        ({"baseline": 0.1, "mde": 0.05, "holdout": 0.1, "arms": 3}, "holdout is 0.1 with 3 arms"),
    ],
)
def test_bad_input_is_named(kwargs, message):
    with pytest.raises(InputError, match=message.replace(".", r"\.")):
        sample_size(**kwargs)


def test_the_plan_command():
    runner = CliRunner()
    r = runner.invoke(app, ["experiment", "plan", "--baseline", "0.1", "--mde", "0.05"])
    assert r.exit_code == 0 and f"{sample_size(0.1, 0.05):,} people per arm" in " ".join(r.output.split())
    r = runner.invoke(app, ["experiment", "plan", "--baseline", "0.1", "--mde", "0.05", "--holdout", "0.1"])
    n = sample_size(0.1, 0.05, holdout=0.1)
    assert (
        r.exit_code == 0
        and f"{n:,} people qualifying in all, {round(n / 10):,} of them held out"
        in " ".join(r.output.split())
    )
    r = runner.invoke(app, ["experiment", "plan", "--baseline", "0.1"])
    assert r.exit_code == 2 and "needs --baseline" in r.output
    r = runner.invoke(app, ["experiment", "plan", "--baseline", "2", "--mde", "0.05"])
    assert r.exit_code == 2 and "baseline is 2.0" in r.output
