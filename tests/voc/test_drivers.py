"""Key drivers: the two experiences planted in the sample company rank first for NPS, Shapley shares add up
to R² and equal a brute-force average over orderings with scikit-learn's R², and what a driver affects
equals a recomputation from the orders."""

from __future__ import annotations

from itertools import permutations

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_diabetes
from sklearn.linear_model import LinearRegression

from cxlens.voc.drivers import EXPERIENCES, WINDOW_DAYS, _cov, shapley


@pytest.fixture(scope="module")
def drivers(loaded) -> pd.DataFrame:
    return loaded.project.table("voc_drivers").to_pandas()


def test_the_planted_nps_drivers_rank_first_and_second(drivers, summary):
    nps = drivers[drivers.metric == "nps"].sort_values("rank")
    planted = set(summary["nps_drivers"]["points"])
    assert set(nps.driver.iloc[:2]) == planted
    top = nps.iloc[:2]
    assert (top.importance_low > nps.importance.iloc[2:].max() / 2).all()  # clearly above the rest
    assert (top.effect < -1).all() and top.fix_first.all()
    assert nps.importance.sum() == pytest.approx(nps.r2.iloc[0])  # the shares add up to the model's R²


def test_shapley_shares_equal_an_average_over_orderings_with_sklearn():
    x, y = load_diabetes(return_X_y=True)
    players = [[0], [1, 3], [2], [8, 9]]  # a driver may have several columns (a touchpoint's levels)

    def r2(order: tuple[int, ...]) -> float:
        cols = [c for p in order for c in players[p]]
        return LinearRegression().fit(x[:, cols], y).score(x[:, cols], y) if cols else 0.0

    want = np.zeros(len(players))
    orders = list(permutations(range(len(players))))
    for order in orders:
        for k, p in enumerate(order):
            want[p] += (r2(order[: k + 1]) - r2(order[:k])) / len(orders)
    got = shapley(_cov(x, y), players)
    np.testing.assert_allclose(got, want, rtol=1e-8)
    assert got.sum() == pytest.approx(r2(tuple(range(len(players)))))


def test_who_is_affected_equals_a_recomputation_from_the_orders(loaded, drivers):
    p = loaded.project
    rec = p.table("identity_records").to_pandas().set_index("record").person_id
    items = p.table("order_items").to_pandas()
    o = p.table("orders").to_pandas()
    o = o[o.order_id.isin(items.order_id[items.returned])]
    o = o.assign(person_id=("orders:" + o.order_id).map(rec)).dropna(subset=["person_id"])
    f = p.table("feedback_scored").to_pandas()
    a = f[(f.kind == "nps") & f.score.notna() & f.person_id.notna()]
    j = a.merge(o[["person_id", "ordered_at"]], on="person_id")
    j = j[(j.ordered_at < j["at"]) & (j.ordered_at >= j["at"] - pd.Timedelta(days=WINDOW_DAYS))]
    got = drivers[(drivers.metric == "nps") & (drivers.driver == EXPERIENCES[0])].iloc[0]
    assert got.affected == j.ref.nunique() and got.answers == len(a)
    hit = a.ref.isin(j.ref)
    assert got.score_affected == pytest.approx(a.score[hit].mean())
    assert got.score_others == pytest.approx(a.score[~hit].mean())
