"""Attribution models against their defining properties and hand computations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cxlens.errors import InputError
from cxlens.journeys import MODELS, attribute, removal_effects
from cxlens.journeys.attribution import _checked


def random_paths(n_channels: int, n_paths: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    channels = [f"c{i}" for i in range(n_channels)]
    paths = [" > ".join(rng.choice(channels, rng.integers(1, 6))) for _ in range(n_paths)]
    conv = rng.integers(0, 5, n_paths)
    return pd.DataFrame(
        {
            "path": paths,
            "conversions": conv,
            "non_conversions": rng.integers(0, 20, n_paths),
            "value": conv * rng.uniform(10, 90, n_paths),
        }
    )


@pytest.mark.parametrize("model", MODELS)
def test_every_model_credits_exactly_the_total_conversions_and_value(model):
    paths = random_paths(6, 200, seed=1)
    got = attribute(paths, model=model)
    assert got.conversions.sum() == pytest.approx(paths.conversions.sum(), rel=1e-12)
    assert got.value.sum() == pytest.approx(paths.value.sum(), rel=1e-12)
    assert set(got.channel) <= {f"c{i}" for i in range(6)} and (got.conversions >= -1e-12).all()


@pytest.mark.parametrize("order", [1, 2, 3])
def test_the_markov_baseline_is_the_observed_conversion_rate(order):
    paths = random_paths(5, 300, seed=2)
    base, _ = removal_effects(_checked(paths), order)
    observed = paths.conversions.sum() / (paths.conversions.sum() + paths.non_conversions.sum())
    assert base == pytest.approx(observed, rel=1e-10)


def test_simplified_shapley_equals_the_sum_over_coalitions():
    paths = random_paths(6, 400, seed=3)
    fast = attribute(paths, model="shapley").set_index("channel").sort_index()
    exact = attribute(paths, model="shapley_exact").set_index("channel").sort_index()
    np.testing.assert_allclose(fast.to_numpy(), exact.to_numpy(), rtol=0, atol=1e-9)


def test_removal_effects_match_a_hand_computation():
    # start → A → B and start → B, each half the journeys; B converts half the time
    paths = pd.DataFrame({"path": ["A > B", "B"], "conversions": [1, 1], "non_conversions": [1, 1]})
    base, effects = removal_effects(_checked(paths), 1)
    assert base == pytest.approx(0.5)
    assert effects["A"] == pytest.approx(0.5)  # without A: only start → B → conversion, 0.25
    assert effects["B"] == pytest.approx(1.0)  # nothing converts without B
    got = attribute(paths, model="markov").set_index("channel")
    assert got.conversions["A"] == pytest.approx(2 / 3) and got.conversions["B"] == pytest.approx(4 / 3)


def test_repeated_touches_do_not_change_first_order_removal_effects():
    paths = random_paths(5, 200, seed=4)
    collapsed = paths.assign(
        path=paths.path.str.split(" > ").map(
            lambda p: " > ".join(c for i, c in enumerate(p) if i == 0 or c != p[i - 1])
        )
    )
    _, a = removal_effects(_checked(paths), 1)
    _, b = removal_effects(_checked(collapsed), 1)
    pd.testing.assert_series_equal(a.sort_index(), b.sort_index(), rtol=1e-10)


def test_heuristic_weights():
    one = pd.DataFrame({"path": ["a > b > c"], "conversions": [10], "non_conversions": [0]})
    pos = attribute(one, model="position").set_index("channel").conversions
    assert pos.to_dict() == pytest.approx({"a": 4.0, "b": 2.0, "c": 4.0})
    decay = (
        attribute(one.assign(path="a > b"), model="time_decay", half_life=1).set_index("channel").conversions
    )
    assert decay.to_dict() == pytest.approx({"a": 10 / 3, "b": 20 / 3})
    assert attribute(one, model="first_touch").set_index("channel").conversions.to_dict() == {
        "a": 10,
        "b": 0,
        "c": 0,
    }


ONE = pd.DataFrame({"path": ["a"], "conversions": [1], "non_conversions": [0]})


@pytest.mark.parametrize(
    ("paths", "kwargs", "message"),
    [
        (pd.DataFrame(columns=["path", "conversions", "non_conversions"]), {}, "paths is empty"),
        (pd.DataFrame({"path": ["a"], "conversions": [1]}), {}, "lacks column.*non_conversions"),
        (pd.DataFrame({"path": [" > "], "conversions": [1], "non_conversions": [0]}), {},
         r"attribute: no row can be used; row 0: 'path' is ' > '; expected channels separated by ' > '"),
        (ONE.assign(conversions=-1), {}, r"row 0: 'conversions' is '-1'; expected a number >= 0"),
        (ONE, {"model": "magic"}, "model is 'magic'; expected one of"),
        (ONE, {"order": 4}, "order is 4"),
    ],
)  # fmt: skip
def test_bad_input_is_named(paths, kwargs, message):
    with pytest.raises(InputError, match=message):
        attribute(paths, **kwargs)


def test_a_bad_row_is_left_out_with_a_warning_naming_it():
    paths = random_paths(5, 200, seed=2)
    messy = paths.assign(conversions=paths.conversions.astype(object), note="x")
    messy.loc[3, "conversions"], messy.loc[5, "path"] = "lots", " > "
    with (
        pytest.warns(UserWarning, match=r"attribute: 2 path row\(s\) left out: row 3: 'conversions' is "
                     r"'lots'; expected a number >= 0 \| row 5: 'path' is ' > '"),
        pytest.warns(UserWarning, match=r"attribute: column\(s\) note are not used"),
    ):  # fmt: skip
        got = attribute(messy)
    pd.testing.assert_frame_equal(got, attribute(paths.drop(index=[3, 5])))


def test_exact_shapley_refuses_too_many_channels():
    with pytest.raises(InputError, match="use model='shapley'"):
        attribute(random_paths(18, 300, seed=5), model="shapley_exact")
