"""How many personas: rules for choosing the number compared by mean ARI over a battery of labelled data.

For every table of the battery (``tests/personas/battery.py``: planted groups of many shapes, tables with
none, scikit-learn's iris, wine and breast cancer) and every n from 1 to 10 this measures the criteria a
rule can use (silhouette, bootstrap stability, Gaussian-mixture BIC, the gap statistic) and the ARI that
``Personas(n=...)`` reaches against the truth; then each rule's choice and its ARI. One group (n = 1)
scores ARI 1 on a table without groups and 0 elsewhere; rules that cannot say 1 always split.

python bench/bench_personas_k.py              # the full battery, 1,000 rows per planted table
python bench/bench_personas_k.py --small      # the battery make test runs
python bench/bench_personas_k.py --seeds 2    # each planted table drawn twice (docs/personas.md's figures)
python bench/bench_personas_k.py --seeds 2 --cache /tmp/criteria   # keep the criteria: a new rule in seconds
python bench/bench_personas_k.py --small --rows 4000   # does a rule hold on more people?
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
from rich.progress import track
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, silhouette_score
from sklearn.mixture import GaussianMixture

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from cxlens.personas import Personas
from tests.personas.battery import Case, battery, sets

MAX_N = 10


def criteria(case: Case, seed: int = 0, bootstraps: int = 5, references: int = 10) -> pd.DataFrame:
    """One row per n: silhouette, stability, BIC (diagonal and full), gap and its standard error, ARI."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        Z = Personas(n=2).fit(case.frame).transform(case.frame)
    rng = np.random.default_rng(seed)
    # reference tables for the gap statistic: uniform in the box of the principal components
    centred = Z - Z.mean(0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    rot = centred @ vt.T
    lo, hi = rot.min(0), rot.max(0)
    refs = [rng.uniform(lo, hi, rot.shape) for _ in range(references)]
    rows = []
    for k in range(1, MAX_N + 1):
        km = KMeans(k, n_init=4, random_state=seed).fit(Z)
        row = {"n": k, "log_w": np.log(km.inertia_)}
        ref_w = [np.log(KMeans(k, n_init=2, random_state=seed).fit(r).inertia_) for r in refs]
        row["gap"] = np.mean(ref_w) - row["log_w"]
        row["gap_se"] = np.std(ref_w) * np.sqrt(1 + 1 / references)
        for cov in ("diag", "full"):
            gm = GaussianMixture(k, covariance_type=cov, random_state=seed, reg_covar=1e-3).fit(Z)
            row[f"bic_{cov}"] = gm.bic(Z)
        row["strength"] = _strength(Z, k, rng, seed)
        if k == 1:
            one = adjusted_rand_score(case.truth, np.zeros(len(Z)))
            row.update(silhouette=np.nan, stability=np.nan, ari=one)
        else:
            row["silhouette"] = silhouette_score(Z, km.labels_)
            row["stability"] = np.mean(
                [
                    adjusted_rand_score(
                        km.labels_,
                        KMeans(k, n_init=4, random_state=seed + b + 1)
                        .fit(Z[rng.integers(0, len(Z), len(Z))])
                        .predict(Z),
                    )
                    for b in range(bootstraps)
                ]
            )
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                labels = Personas(n=k, random_state=seed).fit(case.frame).labels_
            row["ari"] = adjusted_rand_score(case.truth, labels)
        rows.append(row)
    return pd.DataFrame(rows).set_index("n")


def _strength(Z: np.ndarray, k: int, rng: np.random.Generator, seed: int, splits: int = 3) -> float:
    """Tibshirani and Walther's prediction strength: cluster two halves; of each test cluster's pairs, the
    share the training half's centres also put together; the worst cluster, averaged over splits."""
    if k == 1:
        return 1.0
    worst = []
    for s in range(splits):
        idx = rng.permutation(len(Z))
        a, b = Z[idx[: len(Z) // 2]], Z[idx[len(Z) // 2 :]]
        train = KMeans(k, n_init=4, random_state=seed + s).fit(a)
        test = KMeans(k, n_init=4, random_state=seed + s).fit(b).labels_
        pred = train.predict(b)
        shares = []
        for j in range(k):
            m = pred[test == j]
            if len(m) > 1:
                c = np.bincount(m, minlength=k)
                shares.append((c * (c - 1)).sum() / (len(m) * (len(m) - 1)))
        worst.append(min(shares))
    return float(np.mean(worst))


def _gap(c: pd.DataFrame) -> int:
    """Tibshirani's rule: the smallest n whose gap is within one standard error of the next n's."""
    for k in c.index[:-1]:
        if c.gap[k] >= c.gap[k + 1] - c.gap_se[k + 1]:
            return int(k)
    return int(c.index[-1])


def _split(c: pd.DataFrame) -> pd.DataFrame:
    """The rows of 2 or more groups, where silhouette and stability are defined."""
    return c.dropna(subset=["silhouette"])


def _old(c: pd.DataFrame) -> int:
    """The rule before the battery: the most stable among silhouettes within 20% of the best."""
    s = _split(c)
    ok = s[s.silhouette >= s.silhouette.max() - 0.2 * abs(s.silhouette.max())]
    return int(ok[ok.stability >= ok.stability.max() - 0.02].index.max())


def _reproducible(c: pd.DataFrame, at: float) -> int:
    """The most groups that resampling reproduces (stability at least ``at``); none reproduced: one group."""
    s = _split(c)
    return int(max([1, *s.index[s.stability >= at]]))


def _old_reproducible(c: pd.DataFrame) -> int:
    """The old rule among the n with stability of at least 0.9; one group when there is none."""
    s = _split(c)
    s = s[s.stability >= 0.9]
    if s.empty:
        return 1
    ok = s[s.silhouette >= s.silhouette.max() - 0.2 * abs(s.silhouette.max())]
    return int(ok[ok.stability >= ok.stability.max() - 0.02].index.max())


def _none_then(rule: Callable[[pd.DataFrame], int], bic: bool = True) -> Callable[[pd.DataFrame], int]:
    """One group when the gap statistic (and, with ``bic``, the diagonal mixture's BIC) says so, else
    ``rule``."""
    return lambda c: 1 if _gap(c) == 1 and (not bic or c.bic_diag.idxmin() == 1) else rule(c)


def _silhouette(c: pd.DataFrame) -> int:
    return int(_split(c).silhouette.idxmax())


def _both(c: pd.DataFrame) -> int:
    return int((_split(c).silhouette * _split(c).stability).idxmax())


RULES: dict[str, Callable[[pd.DataFrame], int]] = {
    "old: stability among near-best silhouette": _old,
    "silhouette": _silhouette,
    "stability": lambda c: int(_split(c).stability.idxmax()),
    "silhouette x stability": _both,
    "largest n with stability >= 0.85": lambda c: _reproducible(c, 0.85),
    "largest n with stability >= 0.9": lambda c: _reproducible(c, 0.9),
    "largest n with stability >= 0.95": lambda c: _reproducible(c, 0.95),
    "old rule, none when no n has stability >= 0.9": lambda c: _old(c) if _reproducible(c, 0.9) > 1 else 1,
    "old rule among stability >= 0.9, else none": _old_reproducible,
    "BIC, diagonal mixture": lambda c: int(c.bic_diag.idxmin()),
    "BIC, full mixture": lambda c: int(c.bic_full.idxmin()),
    "gap statistic": _gap,
    "prediction strength >= 0.8": lambda c: int(c.index[c.strength >= 0.8].max()),
    "gap and BIC agree on none, else silhouette": _none_then(_silhouette),
    "gap and BIC agree on none, else silhouette x stability": _none_then(_both),
    "gap and BIC agree on none, else old rule": _none_then(_old),
    "gap says none, else silhouette": _none_then(_silhouette, bic=False),
    "gap says none, else old rule": _none_then(_old, bic=False),
    "gap says none and no n has stability >= 0.9, else old rule": lambda c: (
        1 if _gap(c) == 1 and _reproducible(c, 0.9) == 1 else _old(c)
    ),
    "gap says none and no n has stability >= 0.85, else old rule": lambda c: (
        1 if _gap(c) == 1 and _reproducible(c, 0.85) == 1 else _old(c)
    ),
}
SHIPPED = 'Personas(n="auto") as shipped'
ORACLE = "oracle: the true n"


def shipped(case: Case) -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Personas(n="auto", random_state=0).fit(case.frame).n_


def main(small: bool, seeds: int, cache: Path | None = None, rows: int | None = None) -> pd.DataFrame:
    n, full = (400, False) if small else (1_000, True)
    n = rows or n
    draws = [(f" #{s}" if seeds > 1 else "", battery(n, 100 * s, full, bundled=False)) for s in range(seeds)]
    cases = [replace(c, name=c.name + tag) for tag, planted in draws for c in planted] + sets()
    t0 = time.perf_counter()
    aris, chosen = {}, {}
    for case in track(cases, description="tables"):
        saved = cache / f"{case.name.replace(' ', '_')}-{n}.csv" if cache else None
        if saved and saved.exists():
            c = pd.read_csv(saved, index_col="n")
        else:
            c = criteria(case)
            if saved:
                c.to_csv(saved)
        pick = {r: f(c) for r, f in RULES.items()} | {SHIPPED: shipped(case), ORACLE: case.k}
        chosen[case.name] = pick
        aris[case.name] = {r: c.ari[min(k, MAX_N)] for r, k in pick.items()}
    ari = pd.DataFrame(aris).T
    print(f"\nn chosen per table (truth in the last column), {time.perf_counter() - t0:.0f} s:\n")
    print(pd.DataFrame(chosen).T.to_string())
    print(f"\nmean ARI over {len(cases)} tables ({'small' if small else 'full'} battery):\n")
    print(ari.mean().sort_values(ascending=False).round(3).to_string())
    return ari


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--small", action="store_true")
    ap.add_argument("--seeds", type=int, default=1, help="draw the planted tables this many times")
    ap.add_argument(
        "--cache", type=Path, help="keep each table's criteria here, to compare new rules at once"
    )
    ap.add_argument("--rows", type=int, help="people per planted table (default 1,000; 400 with --small)")
    args = ap.parse_args()
    main(args.small, args.seeds, args.cache, args.rows)
