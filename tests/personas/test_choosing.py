"""How many personas, judged on data with a known number of groups (the small battery of
``tests/personas/battery.py``; ``bench/bench_personas_k.py`` runs the full one and compares every rule)."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score

from cxlens.personas import Personas
from tests.personas.battery import Case, battery


def _fit(case: Case, n: int | str) -> Personas:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # e.g. the noise columns of a table without groups
        return Personas(n=n, random_state=0).fit(case.frame)


def _old_rule(sel: pd.DataFrame) -> int:
    """The rule before the battery: the most stable of the n whose silhouette is within 20% of the best."""
    s = sel[sel.n >= 2]
    ok = s[s.silhouette >= s.silhouette.max() - 0.2 * abs(s.silhouette.max())]
    return int(ok[ok.stability >= ok.stability.max() - 0.02].n.max())


@pytest.fixture(scope="module")
def judged() -> pd.DataFrame:
    """Per table of the small battery: the n chosen and its ARI, and the old rule's."""
    rows = []
    for case in battery(n=400, full=False):
        m = _fit(case, "auto")
        old = _old_rule(m.selection_)
        old_labels = m.labels_ if old == m.n_ else _fit(case, old).labels_
        rows.append(
            {
                "case": case.name,
                "truth": case.k,
                "n": m.n_,
                "ari": adjusted_rand_score(case.truth, m.labels_),
                "old_n": old,
                "old_ari": adjusted_rand_score(case.truth, old_labels),
                "narrative": m.cards_[0]["narrative"],
                "runner_up": m.runner_up_,
            }
        )
    return pd.DataFrame(rows).set_index("case")


def test_the_rule_beats_the_old_one_over_the_battery(judged: pd.DataFrame):
    assert judged.ari.mean() > judged.old_ari.mean()


def test_with_no_groups_there_is_one_persona_and_its_card_says_so(judged: pd.DataFrame):
    none = judged[judged.truth == 1]
    assert len(none) == 2 and (none.n == 1).all()
    assert none.narrative.str.startswith("No distinct groups").all()
    assert (none.runner_up >= 2).all()  # the split it did not make, for the report to name
    some = judged[judged.truth > 1]
    assert (some.n > 1).mean() >= 0.8


def test_data_nobody_here_wrote_is_split_as_labelled(judged: pd.DataFrame):
    """scikit-learn's sets: wine's three cultivars and breast cancer's two diagnoses are found as that many
    personas; iris's two overlapping species may be one."""
    assert judged.loc["wine", "n"] == 3 and judged.loc["wine", "ari"] >= 0.85
    assert judged.loc["breast cancer", "n"] == 2 and judged.loc["breast cancer", "ari"] >= 0.6
    assert judged.loc["iris", "n"] in (2, 3) and judged.loc["iris", "ari"] >= 0.5
