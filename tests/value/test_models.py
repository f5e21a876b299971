"""The buy-till-you-die and spend models against the truth they were simulated from."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.integrate import quad
from scipy.special import gammaln

from cxlens.errors import InputError, NotFittedError
from cxlens.value import BetaGeo, GammaGamma, ParetoNBD, clv
from cxlens.value.simulate import purchases_ahead, simulate_bgnbd, simulate_pareto, simulate_spend

N = 100_000
BG = {"r": 0.8, "alpha": 40.0, "a": 0.8, "b": 2.5}
PNBD = {"r": 0.8, "alpha": 40.0, "s": 0.9, "beta": 400.0}
GG = {"p": 6.0, "q": 4.0, "v": 40.0}


def rft(d):
    return d.frequency.to_numpy(), d.recency.to_numpy(), d["T"].to_numpy()


@pytest.fixture(scope="module")
def pareto_data():
    return simulate_pareto(N, **PNBD, days=730, seed=1)


@pytest.fixture(scope="module")
def pareto(pareto_data):
    return ParetoNBD().fit(*rft(pareto_data))


def assert_recovered(fitted: dict, truth: dict, tol: float = 0.05) -> None:
    for k, v in truth.items():
        assert fitted[k] == pytest.approx(v, rel=tol), (k, fitted[k], v)


def test_bgnbd_recovers_its_parameters():
    m = BetaGeo().fit(*rft(simulate_bgnbd(N, **BG, days=730, seed=2)))
    assert_recovered(m.params_, BG)
    # the truth lies within a few standard errors
    for k, v in BG.items():
        assert abs(m.params_[k] - v) < 4 * m.standard_errors_[k]


def test_pareto_nbd_recovers_its_parameters(pareto):
    assert_recovered(pareto.params_, PNBD)
    for k, v in PNBD.items():
        assert abs(pareto.params_[k] - v) < 4 * pareto.standard_errors_[k]


def test_gamma_gamma_recovers_its_parameters(pareto_data):
    f = pareto_data.frequency.to_numpy()
    m = GammaGamma().fit(f, simulate_spend(f, **GG, seed=3))
    assert_recovered(m.params_, GG)


def test_pareto_likelihood_matches_numerical_integration():
    """The hypergeometric forms (both α ≥ β and α < β) against the likelihood's integral over lifetimes."""
    for theta in ((0.8, 40.0, 0.9, 400.0), (1.5, 300.0, 0.7, 20.0)):
        r, alpha, s, beta = theta
        m = ParetoNBD()
        m._set(np.array(theta), 0.0, np.zeros(4))
        for x, tx, T in ((0, 0.0, 300.0), (3, 120.0, 300.0), (12, 290.0, 300.0), (40, 10.0, 700.0)):
            c = np.exp(gammaln(r + x) - gammaln(r) + r * np.log(alpha))
            alive = c * (alpha + T) ** -(r + x) * (beta / (beta + T)) ** s

            def density(u: float, x: int = x) -> float:  # no purchase after t_x, then dropping out at u
                return (alpha + u) ** -(r + x) * s * beta**s * (beta + u) ** -(s + 1)  # noqa: B023

            dies = quad(density, tx, T, epsabs=0, epsrel=1e-12)[0]
            expected = alive / (alive + c * dies)
            got = m.p_alive(np.array([x]), np.array([tx]), np.array([T]))[0]
            assert got == pytest.approx(expected, rel=1e-7)


def test_p_alive_ranks_the_living_above_the_dead(pareto_data, pareto):
    y = pareto_data.alive.to_numpy()
    p = pareto.p_alive(*rft(pareto_data))
    # AUC by the rank-sum: the chance a living customer scores above a dead one
    from scipy.stats import rankdata

    ranks = rankdata(p)
    auc = (ranks[y].sum() - y.sum() * (y.sum() + 1) / 2) / (y.sum() * (~y).sum())
    assert auc > 0.85


@pytest.mark.parametrize(
    ("model", "simulate", "truth"), [(BetaGeo, simulate_bgnbd, BG), (ParetoNBD, simulate_pareto, PNBD)]
)
def test_predictions_match_what_the_customers_then_do(model, simulate, truth):
    """Expected purchases and P(no purchase) in the next 90 days against each customer's own future,
    overall and for one-time, occasional and frequent buyers."""
    d = simulate(50_000, **truth, days=730, seed=7)
    m = model()
    m._set(np.array(list(truth.values())), 0.0, np.zeros(4))  # the true parameters: no estimation noise
    ahead = purchases_ahead(d, 90, seed=8)
    expected = m.predict(90, *rft(d))
    quiet = m.p_no_purchase(90, *rft(d))
    groups = np.digitize(d.frequency, [1, 5])
    for g in range(3):
        sel = groups == g
        assert expected[sel].mean() == pytest.approx(ahead[sel].mean(), rel=0.05)
        assert quiet[sel].mean() == pytest.approx((ahead[sel] == 0).mean(), abs=0.01)


def test_bgnbd_gives_every_one_time_buyer_p_alive_one():
    m = BetaGeo().fit(*rft(simulate_bgnbd(20_000, **BG, days=730, seed=4)))
    assert (m.p_alive(np.zeros(3), np.zeros(3), np.array([1.0, 300, 700])) == 1).all()


@pytest.mark.parametrize("model", [BetaGeo, ParetoNBD])
def test_extreme_histories_stay_finite(model, pareto_data):
    m = model().fit(*rft(pareto_data.iloc[:20_000]))
    x = np.array([0, 0, 1, 1, 5_000, 50_000, 200, 200])
    tx = np.array([0, 0, 700, 1e-6, 700, 699, 1, 700])
    T = np.array([0, 1e5, 700, 700, 700, 700, 700, 700])
    for values in (
        m.p_alive(x, tx, T),
        m.predict(np.array([1.0, 90, 3650]), x, tx, T).ravel(),
        m.p_no_purchase(90, x, tx, T),
    ):
        assert np.isfinite(values).all()
    p = m.p_alive(x, tx, T)
    assert ((p >= 0) & (p <= 1)).all()
    if model is ParetoNBD:  # bought today, so surely alive (BG/NBD lets them leave right after a purchase)
        assert p[2] == pytest.approx(1.0) and p[7] == pytest.approx(1.0)
    # many purchases long ago, none since: gone
    assert p[6] < 1e-6
    q = m.p_no_purchase(90, x, tx, T)
    assert ((q >= 0) & (q <= 1)).all()


def test_predictions_agree_with_each_other(pareto):
    x, tx, T = np.array([0, 2, 10]), np.array([0, 100, 500]), np.array([300, 400, 600])
    many = pareto.predict(np.array([30.0, 90.0]), x, tx, T)
    assert many[1] == pytest.approx(pareto.predict(90.0, x, tx, T))
    assert (many[1] > many[0]).all()
    # expected purchases are at least the chance of buying at all
    assert (many[1] >= 1 - pareto.p_no_purchase(90, x, tx, T) - 1e-12).all()


def test_clv_discounting(pareto, pareto_data):
    f, r, T = rft(pareto_data.iloc[:1000])
    mon = simulate_spend(f, **GG, seed=5)
    gg = GammaGamma().fit(
        pareto_data.frequency, simulate_spend(pareto_data.frequency.to_numpy(), **GG, seed=6)
    )
    plain = clv(pareto, gg, f, r, T, mon, horizon=365, discount_rate=0.0)
    expected = gg.expected_spend(f, mon) * pareto.predict(365, f, r, T)
    assert plain == pytest.approx(expected)
    assert (clv(pareto, gg, f, r, T, mon, horizon=365, discount_rate=0.2) < plain).all()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (([1, -2], [1, 1], [5, 5]), r"'frequency' row 1 is -2.0; expected a finite number >= 0"),
        (([1, 2.5], [1, 1], [5, 5]), r"'frequency' row 1 is 2.5; expected a whole number"),
        (([1, 2], [1, 9], [5, 5]), r"'recency' row 1 \(9.0, T 5.0\) is after T"),
        (([0, 2], [3, 1], [5, 5]), r"'recency' row 0 .* with frequency 0"),
        (([1, 2], [1, 1], [5]), r"'T' has 1 values; expected 2"),
        (([1, 2], [1, np.nan], [5, 5]), r"'recency' row 1 is nan"),
        ((["a", 2], [1, 1], [5, 5]), r"'frequency' must hold numbers"),
    ],
)
@pytest.mark.parametrize("model", [BetaGeo, ParetoNBD])
def test_bad_input_is_named(model, args, message):
    with pytest.raises(InputError, match=message):
        model().fit(*args)


def test_gamma_gamma_leaves_out_free_repeat_purchases(pareto_data):
    """A repeat buyer whose purchases were all free (a mean value of 0, which the model has no room for)
    is left out of the fit, counted, and expected to spend what the population does."""
    f = pareto_data.frequency.to_numpy()
    m = simulate_spend(f, **GG, seed=3)
    free = np.flatnonzero(f > 0)[:50]
    m0 = m.copy()
    m0[free] = 0.0
    fitted = GammaGamma().fit(f, m0)
    keep = np.ones(f.size, dtype=bool)
    keep[free] = False
    assert fitted.left_out_ == 50
    assert fitted.params_ == pytest.approx(GammaGamma().fit(f[keep], m[keep]).params_)
    p, q, v = (fitted.params_[k] for k in "pqv")
    assert fitted.expected_spend(f, m0)[free] == pytest.approx(np.full(50, p * v / (q - 1)))


def test_bad_spend_and_unfitted_models():
    with pytest.raises(InputError, match=r"'monetary' row 1 is -1.0; expected a finite number >= 0"):
        GammaGamma().fit([1, 3], [10.0, -1.0])
    with pytest.raises(InputError, match=r"at least two customers .* got 1 \(1 more whose repeat purchases"):
        GammaGamma().fit([1, 3], [10.0, 0.0])
    with pytest.raises(NotFittedError, match="Call 'fit' first"):
        ParetoNBD().p_alive([1], [1], [2])
    with pytest.raises(InputError, match="discount_rate"):
        clv(BetaGeo(), GammaGamma(), [1], [1], [2], [3.0], discount_rate=1.5)


def test_bgnbd_predicts_when_dropout_is_all_but_fixed():
    """A fit to customers who hardly ever leave sends a and b into the millions, where the hypergeometric
    closed form overflows; the expectation is then integrated over p, and meets the limit of a fixed p."""
    m = BetaGeo()
    m._set(np.array([3.0, 600.0, 4e5, 1.6e6]), 0.0, np.zeros(4))
    x, tx, T = np.array([0, 2, 5, 40]), np.array([0, 100, 300, 390.0]), np.array([50, 200, 400, 400.0])
    p = 0.2  # a / (a + b)
    fixed = (1 - ((600 + T) / (600 + T + p * 180)) ** (3 + x)) / p * m.p_alive(x, tx, T)
    got = m.predict(180, x, tx, T)
    assert np.isfinite(got).all() and got == pytest.approx(fixed, rel=1e-4)
