"""Labelled data with a known number of groups, for judging how ``Personas`` chooses that number.

Planted tables span what customer data looks like: 2 to 8 groups, equal and very unequal sizes, noise
columns that carry no group, mixed numeric (some skewed like money) and categorical traits, groups that
overlap, and tables with no groups at all; beside them scikit-learn's bundled labelled sets (iris, wine,
breast cancer), which nobody here wrote. ``tests/personas/test_choosing.py`` runs a small battery,
``bench/bench_personas_k.py`` the full one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.spatial.distance import pdist
from sklearn.datasets import load_breast_cancer, load_iris, load_wine


@dataclass(frozen=True)
class Case:
    name: str
    frame: pd.DataFrame
    truth: np.ndarray  # the planted group of each row; all zeros when nothing is planted

    @property
    def k(self) -> int:
        return len(np.unique(self.truth))


def planted(
    k: int,
    n: int,
    seed: int,
    unequal: bool = False,
    noise: int = 0,
    mixed: bool = False,
    overlap: bool = False,
) -> Case:
    """``k`` groups of ``n`` people in all. Groups differ in 6 numeric traits (4 in a mixed table, plus 3
    categorical ones), two of them skewed like money; centres are drawn so groups lie at least 3 standard
    deviations apart (1.8 when they overlap). Unequal sizes run from 1 to 8 parts, so the smallest
    group holds a few per cent. Noise columns are the same distribution in every group."""
    rng = np.random.default_rng(seed)
    share = np.geomspace(1, 8, k) if unequal else np.ones(k)
    share = rng.permutation(share / share.sum())
    truth = np.sort(rng.choice(k, n, p=share)) if k > 1 else np.zeros(n, int)
    dims = 4 if mixed else 6
    spread = (0.9 if overlap else 1.5) if k > 1 else 0.0
    centres = rng.normal(0, spread, (k, dims))
    while k > 1 and pdist(centres).min() < 2 * spread:  # groups that coincide are not two groups
        centres = rng.normal(0, spread, (k, dims))
    x = centres[truth] + rng.normal(0, 1, (n, dims))
    cols = {f"trait{j}": x[:, j] for j in range(dims)}
    cols["trait0"] = np.round(np.exp(3 + 0.6 * x[:, 0]), 2)  # spend-like: log-normal, non-negative
    cols["trait1"] = np.exp(1 + 0.5 * x[:, 1]).round()  # count-like
    if mixed:
        for j in range(3):
            levels = [f"v{i}" for i in range(4)]
            probs = rng.dirichlet(np.full(4, 0.5 if k > 1 else 50.0), k)
            cols[f"kind{j}"] = [levels[rng.choice(4, p=probs[g])] for g in truth]
    for j in range(noise):
        cols[f"noise{j}"] = rng.normal(0, 1, n)
    label = f"k={k}" + "".join(
        f" {w}" for w, on in [("unequal", unequal), (f"noise{noise}", noise), ("mixed", mixed)] if on
    )
    label += " overlapping" if overlap else ""
    return Case(label if k > 1 else f"no groups{' mixed' if mixed else ''}", pd.DataFrame(cols), truth)


def sets() -> list[Case]:
    """scikit-learn's labelled sets, as they ship."""
    out = []
    for name, load in [("iris", load_iris), ("wine", load_wine), ("breast cancer", load_breast_cancer)]:
        X, y = load(return_X_y=True, as_frame=True)
        out.append(Case(name, X, y.to_numpy()))
    return out


def battery(n: int = 1_000, seed: int = 0, full: bool = True, bundled: bool = True) -> list[Case]:
    """The planted tables (``full``: every k from 2 to 8 in each kind; else a few of each) and, with
    ``bundled``, scikit-learn's sets."""
    ks = range(2, 9) if full else (3, 6)
    cases = [planted(k, n, seed + k) for k in ks]
    cases += [planted(k, n, seed + 10 + k, unequal=True) for k in ks]
    cases += [planted(k, n, seed + 20 + k, noise=4) for k in ks]
    cases += [planted(k, n, seed + 30 + k, mixed=True, unequal=True, noise=2) for k in ks]
    cases += [planted(k, n, seed + 40 + k, overlap=True) for k in ks]
    cases += [planted(1, n, seed + 50), planted(1, n, seed + 51, mixed=True, noise=2)]
    return cases + (sets() if bundled else [])
