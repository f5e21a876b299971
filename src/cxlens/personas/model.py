"""Personas found in data: k-means on scaled features, the number of personas chosen by a rule judged on a
battery of labelled data.

Numbers are used as they are, skewed non-negative ones (money, minutes, counts) through log1p; true/false
columns become 0/1; text columns become one 0/1 column per value. Missing values take the column mean, so a
person without, say, store visits is placed by what they do have. Every column is then scaled to unit
variance, so no unit dominates, and a text column's one-hot columns share one column's weight (else a
column with 6 values would count 6 times and split people by it alone).

The number of personas, when ``n="auto"``: the n whose solution is most stable under bootstrap resampling
(mean adjusted Rand index between the full-data clustering and clusterings of resamples), among the
candidates whose silhouette is within ``silhouette_slack`` of the best; of equally stable solutions
(within ``STABLE_TIE``) the one with most personas, since it loses no reliability. Unless there are no
groups at all: when no split is reproducible (stability below ``REPRODUCIBLE`` for every n) and the gap
statistic prefers one group to two, there is one persona, and its card says so. Of the rules compared on
a battery of labelled data in ``bench/bench_personas_k.py`` (silhouette, stability, BIC, gap statistic,
prediction strength and combinations; docs/personas.md has the figures) this has the best mean ARI of
those that hold on more people. Personas smaller than ``min_share`` of people are merged into their
nearest neighbour. Results are reproducible by ``random_state``.

>>> m = Personas(n="auto", random_state=0).fit(df)  # doctest: +SKIP
>>> m.labels_, m.cards_[0]["name"]  # doctest: +SKIP
"""

from __future__ import annotations

import operator
import warnings
from collections import Counter
from collections.abc import Callable
from functools import reduce

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, silhouette_score

from cxlens.canonical import listed, numbers, text, times
from cxlens.canonical.forms import number, when
from cxlens.errors import InputError, NotFittedError
from cxlens.personas.cards import describe

MAX_CATEGORIES = 12  # a text column contributes at most this many one-hot columns
READ_SHARE = 0.8  # a text column is dates (or numbers) when this share of its values read as such
YEARS = (1900, 2100)  # a date outside these is a number that looked like one (4155550123 is a phone)
STABLE_TIE = 0.02  # solutions this close to the most stable count as equally stable; the finest is taken
REPRODUCIBLE = 0.85  # a split this stable under resampling is real, whatever the gap statistic says


def _check(name: str, value: object, ok: bool, expected: str) -> None:
    if not ok:
        raise InputError(f"The '{name}' parameter of Personas must be {expected}. Got {value!r} instead.")


def _is_int(v: object) -> bool:
    return isinstance(v, int | np.integer) and not isinstance(v, bool)


class Personas:
    """Cluster people into personas and describe each as a card.

    Parameters
    ----------
    n : "auto" or int in [2, 30]
    max_n : the largest number tried when ``n="auto"``
    features : columns to cluster on; default every column except ``exclude``. All numeric columns of the
        frame still describe the cards.
    exclude : columns never clustered on (ids, outcomes such as CLV that describe rather than define)
    value : the column whose total each persona's "share of value" is taken of, when present
    min_share : personas smaller than this share of people are merged into the nearest one
    sample : at most this many rows are used to choose ``n``: bootstrap fits are the slow part, and the
        choice depends on the shape of the groups, not on how many people there are (on the 20k sample
        company 5,000 rows choose what 20,000 do, in 3.6 s instead of 8.2 s)
    """

    def __init__(
        self,
        n: int | str = "auto",
        random_state: int = 0,
        max_n: int = 10,
        features: list[str] | None = None,
        exclude: tuple[str, ...] = ("person_id",),
        value: str = "clv",
        min_share: float = 0.02,
        silhouette_slack: float = 0.2,
        bootstraps: int = 5,
        sample: int = 5_000,
    ):
        self.n = n
        self.random_state = random_state
        self.max_n = max_n
        self.features = features
        self.exclude = exclude
        self.value = value
        self.min_share = min_share
        self.silhouette_slack = silhouette_slack
        self.bootstraps = bootstraps
        self.sample = sample

    def _validate(self) -> None:
        _check(
            "n",
            self.n,
            self.n == "auto" or (_is_int(self.n) and 2 <= self.n <= 30),
            "'auto' or an int in [2, 30]",
        )
        _check("max_n", self.max_n, _is_int(self.max_n) and 2 <= self.max_n <= 30, "an int in [2, 30]")
        _check("random_state", self.random_state, _is_int(self.random_state), "an int")
        _check(
            "min_share",
            self.min_share,
            isinstance(self.min_share, float | int) and 0 <= self.min_share < 0.5,
            "a number in [0, 0.5)",
        )
        _check(
            "bootstraps", self.bootstraps, _is_int(self.bootstraps) and self.bootstraps >= 2, "an int >= 2"
        )

    # preparing the matrix ---------------------------------------------------------------------------

    def _columns(self, df: pd.DataFrame) -> list[str]:
        if self.features is None:
            return [c for c in df.columns if c not in self.exclude]
        missing = [c for c in self.features if c not in df.columns]
        if missing:
            raise InputError(
                f"Personas: feature '{missing[0]}' is not a column; "
                f"columns are: {', '.join(map(str, df.columns))}"
            )
        return list(self.features)

    def _learn_forms(self, df: pd.DataFrame) -> None:
        """Which text columns hold numbers or dates in the forms ingest reads (``$1,234.50``, ``19560409``):
        those where at least ``READ_SHARE`` of the values read so; the rest read as missing, with a
        warning naming their rows. A date is used as the days before the column's latest."""
        self.forms_: dict[str, tuple[str, float]] = {}
        for c in self._columns(df):
            s = df[c]
            if pd.api.types.is_datetime64_any_dtype(s):
                self.forms_[c] = ("date", _days(pd.to_datetime(s, utc=True)).max())
                continue
            if pd.api.types.is_bool_dtype(s) or pd.api.types.is_numeric_dtype(s):
                continue
            given = s.map(text).notna()
            if not given.any():
                continue
            stamps = times(s)  # dates first: 20240105 is a date more often than a number
            stamps = stamps.where(stamps.dt.year.between(*YEARS))
            read = stamps.notna() & given
            if read.sum() >= READ_SHARE * given.sum():
                self.forms_[c] = ("date", float(_days(stamps).max()))
                _unread(c, s[given & ~read], "date")
                continue
            read = numbers(s).notna() & given
            if read.sum() >= READ_SHARE * given.sum():
                self.forms_[c] = ("number", 0.0)
                _unread(c, s[given & ~read], "number")

    def _number(self, col: ir.Column, c: str) -> ir.FloatingValue:
        """What ``_prepared`` makes of column ``c``, as an Ibis expression."""
        form, ref = self.forms_.get(c, ("number", 0.0))
        if col.type().is_numeric() or col.type().is_boolean():
            return col.cast("float64")
        if form == "date":
            stamp = col if col.type().is_timestamp() else when(col.cast("string").strip(), None, None)
            return ref - stamp.epoch_seconds().cast("float64") / 86_400
        return number(col.cast("string").strip(), ".")

    def _prepared(self, df: pd.DataFrame) -> pd.DataFrame:
        """``df`` with its number and date columns as numbers (dates as days before the latest at fit)."""
        out = df.copy()
        for c, (form, ref) in self.forms_.items():
            if c not in df:
                continue
            if form == "number":
                out[c] = numbers(df[c])
            else:
                typed = pd.api.types.is_datetime64_any_dtype(df[c])
                out[c] = ref - _days(pd.to_datetime(df[c], utc=True) if typed else times(df[c]))
        return out

    def _learn_encoding(self, df: pd.DataFrame) -> None:
        """Decide per column: numeric (maybe log1p) or one-hot categories; learn fill values and scales.
        Columns that say nothing about anybody (empty, the same for all, an identifier that differs for
        each) are left out, named in a warning."""
        self.columns_: list[tuple[str, str, object]] = []  # (column, kind, detail)
        unused: dict[str, str] = {}
        for c in self._columns(df):
            s = df[c]
            if c in self.forms_ or pd.api.types.is_bool_dtype(s) or pd.api.types.is_numeric_dtype(s):
                x = pd.to_numeric(s, errors="coerce").astype(float)
                if x.notna().sum() == 0 or x.nunique() < 2:
                    unused[c] = "empty" if x.notna().sum() == 0 else "the same for everybody"
                    continue
                skewed = x.min() >= 0 and x.max() > 1 and x.skew() > 1
                self.columns_.append((c, "log" if skewed else "num", None))
            else:
                values = s.dropna().astype(str)
                counts = values.value_counts()
                if len(counts) < 2:
                    unused[c] = "empty" if counts.empty else "the same for everybody"
                elif len(counts) == len(values) > MAX_CATEGORIES:
                    unused[c] = "an identifier: every value differs"
                else:
                    self.columns_.extend((c, "cat", v) for v in counts.index[:MAX_CATEGORIES])
        if unused:
            said = ", ".join(f"{c} ({why})" for c, why in unused.items())
            warnings.warn(f"Personas: column(s) {said} are not used", stacklevel=3)
        if not self.columns_:
            raise InputError(
                "Personas: no column varies; give at least one numeric or text feature that does"
            )
        raw = self._raw(df)
        self.fill_ = np.nanmean(raw, axis=0)
        scale = np.nanstd(raw, axis=0)
        # a text column weighs as much as a number column: its L one-hot columns share one column's variance
        levels = Counter(c for c, kind, _ in self.columns_ if kind == "cat")
        self.scale_ = np.where(scale > 0, scale, 1.0) * np.sqrt(
            [levels.get(c, 1) for c, _, _ in self.columns_]
        )

    def _raw(self, df: pd.DataFrame) -> np.ndarray:
        cols = []
        for c, kind, detail in self.columns_:
            if kind == "cat":
                s = df[c]
                cols.append(np.where(s.isna(), np.nan, (s.astype(str) == detail).astype(float)))
                continue
            x = pd.to_numeric(df[c], errors="coerce").astype(float).to_numpy()
            cols.append(np.log1p(np.clip(x, 0, None)) if kind == "log" else x)
        return np.column_stack(cols)

    def transform(self, df: pd.DataFrame) -> np.ndarray:
        """The scaled matrix the personas live in (one row per row of ``df``)."""
        self._fitted()
        missing = [c for c, _, _ in self.columns_ if c not in df.columns]
        if missing:
            raise InputError(f"Personas: column '{missing[0]}' was used in fit and is missing here")
        return self._scaled(self._prepared(df))

    def _scaled(self, df: pd.DataFrame) -> np.ndarray:
        raw = self._raw(df)
        raw = np.where(np.isnan(raw), self.fill_, raw)
        return (raw - self.fill_) / self.scale_

    # choosing and fitting ----------------------------------------------------------------------------

    def _kmeans(self, k: int, seed: int) -> KMeans:
        return KMeans(k, n_init=4, random_state=seed)

    def _choose(self, Z: np.ndarray) -> int:
        """The number of personas: the most stable under bootstrap among those with a near-best silhouette;
        1 when no split is ``REPRODUCIBLE`` and the gap statistic prefers one group. Sets ``selection_``,
        ``runner_up_`` and ``structure_``."""
        rng = np.random.default_rng(self.random_state)
        if len(Z) > self.sample:
            Z = Z[rng.choice(len(Z), self.sample, replace=False)]
        rows = []
        for k in range(2, min(self.max_n, len(Z) - 1) + 1):
            ref = self._kmeans(k, self.random_state).fit(Z)
            sil = silhouette_score(
                Z, ref.labels_, sample_size=min(len(Z), 4000), random_state=self.random_state
            )
            stab = [
                adjusted_rand_score(
                    ref.labels_,
                    self._kmeans(k, self.random_state + b + 1)
                    .fit(Z[rng.integers(0, len(Z), len(Z))])
                    .predict(Z),
                )
                for b in range(self.bootstraps)
            ]
            rows.append({"n": k, "silhouette": sil, "stability": float(np.mean(stab))})
        sel = pd.DataFrame(rows)
        best = sel.silhouette.max()
        ok = sel[sel.silhouette >= best - self.silhouette_slack * abs(best)]
        n = int(ok[ok.stability >= ok.stability.max() - STABLE_TIE].n.max())
        others = ok[ok.n != n].sort_values("stability", ascending=False)
        self.runner_up_ = int(others.n.iloc[0]) if len(others) else None
        self.structure_ = sel.stability.max() >= REPRODUCIBLE or not self._gap_says_one(Z, rng)
        if not self.structure_:
            self.runner_up_, n = n, 1
            sel = pd.concat([pd.DataFrame({"n": [1]}), sel], ignore_index=True)
        self.selection_ = sel.assign(runner_up=sel.n == self.runner_up_)
        return n

    def _gap_says_one(self, Z: np.ndarray, rng: np.random.Generator, references: int = 10) -> bool:
        """Whether the gap statistic (Tibshirani, Walther and Hastie) prefers one group to two: one group's
        gap is within a standard error of two groups' gap, against uniform data in the box of the
        principal components."""
        centred = Z - Z.mean(0)
        rotated = centred @ np.linalg.svd(centred, full_matrices=False)[2].T
        lo, hi = rotated.min(0), rotated.max(0)
        refs = [rng.uniform(lo, hi, rotated.shape) for _ in range(references)]
        gap, se = [], []
        for k in (1, 2):
            fits = [KMeans(k, n_init=2, random_state=self.random_state).fit(r) for r in refs]
            ref_w = [np.log(f.inertia_) for f in fits]
            gap.append(np.mean(ref_w) - np.log(self._kmeans(k, self.random_state).fit(Z).inertia_))
            se.append(np.std(ref_w) * np.sqrt(1 + 1 / references))
        return gap[0] >= gap[1] - se[1]

    def fit(self, df: pd.DataFrame) -> Personas:
        """Find the personas of ``df`` (one row per person); sets ``labels_``, ``centroids_``, ``cards_``."""
        self._validate()
        if not isinstance(df, pd.DataFrame):
            raise InputError(
                f"Personas.fit expects a pandas DataFrame with one row per person; got {type(df).__name__}"
            )
        if len(df) < 10:
            raise InputError(f"Personas.fit needs at least 10 rows to find groups in; got {len(df)}")
        self._learn_forms(df)
        df = self._prepared(df)
        self._learn_encoding(df)
        Z = self._scaled(df)
        self.n_ = self._choose(Z) if self.n == "auto" else min(int(self.n), len(df) - 1)
        km = self._kmeans(self.n_, self.random_state).fit(Z)
        labels, centroids = self._merge_small(Z, km.labels_, km.cluster_centers_)
        # personas numbered by size, largest first, so labels are stable for a given seed and data
        order = np.argsort(-np.bincount(labels, minlength=len(centroids)), kind="stable")
        self.centroids_ = centroids[order]
        self.labels_ = np.argsort(order)[labels]
        self.n_ = len(self.centroids_)
        self.cards_ = describe(df, self.labels_, value=self.value)
        if self.n_ == 1:
            self.cards_[0]["name"] = "Everyone"
            self.cards_[0]["narrative"] = (
                "No distinct groups: these people vary, but not in clusters (no split into personas is "
                "reproducible and the gap statistic prefers one group), so cxlens describes them as one "
                "persona rather than invent several. " + self.cards_[0]["narrative"]
            )
        return self

    def _merge_small(
        self, Z: np.ndarray, labels: np.ndarray, centroids: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Drop personas under ``min_share`` one at a time (smallest first) and re-assign their people."""
        while len(centroids) > 2:
            sizes = np.bincount(labels, minlength=len(centroids)) / len(labels)
            k = int(np.argmin(sizes))
            if sizes[k] >= self.min_share:
                break
            centroids = np.delete(centroids, k, axis=0)
            labels = _nearest(Z, centroids)
            centroids = np.array([Z[labels == j].mean(0) for j in range(len(centroids))])
        return labels, centroids

    def _fitted(self) -> None:
        if not hasattr(self, "columns_"):
            raise NotFittedError("This Personas is not fitted yet. Call 'fit' first.")

    def predict(self, df: pd.DataFrame) -> np.ndarray:
        """The nearest persona of each row."""
        self._fitted()
        return _nearest(self.transform(df), self.centroids_)

    def assign(
        self, t: ir.Table, name: str = "persona", between: Callable[[ir.Table], ir.Table] | None = None
    ) -> ir.Table:
        """``t`` with the nearest persona in column ``name``, as an Ibis expression, so assigning millions of
        people runs in the warehouse: the same arithmetic as ``predict``. ``between`` may materialise the
        scaled columns first (the pipeline does: Spark's code generator chokes on the inlined whole)."""
        self._fitted()
        z = {}
        for j, ((c, kind, detail), fill, scale) in enumerate(
            zip(self.columns_, self.fill_, self.scale_, strict=True)
        ):
            col = t[c]
            if kind == "cat":
                x = ibis.ifelse(
                    col.isnull(), ibis.null("float64"), (col.cast("string") == str(detail)).cast("float64")
                )
            else:
                x = self._number(col, c)
                if kind == "log":
                    x = (ibis.greatest(x, 0) + 1).ln()
            z[f"_z{j}"] = (x.fill_null(float(fill)) - float(fill)) / float(scale)
        s = t.mutate(**z)
        s = between(s) if between else s
        # |z - c|^2 = |z|^2 - 2 z.c + |c|^2, and |z|^2 is the same for every persona: linear scores suffice
        d = {
            f"_d{k}": reduce(operator.add, [s[f"_z{j}"] * float(-2 * cj) for j, cj in enumerate(c)])
            + float(c @ c)
            for k, c in enumerate(self.centroids_)
        }
        s = s.mutate(**d)
        closest = ibis.least(*[s[k] for k in d]) if len(d) > 1 else s["_d0"]
        s = s.mutate(_best=closest)
        label = ibis.cases(*[(s[k] == s._best, i) for i, k in enumerate(d)], else_=0)
        return s.mutate(**{name: label}).drop(*z, *d, "_best")


def _days(stamps: pd.Series) -> pd.Series:
    """Times as days since the Unix epoch (fractional)."""
    return (stamps - pd.Timestamp(0, tz="UTC")).dt.total_seconds() / 86_400


def _unread(column: str, bad: pd.Series, form: str) -> None:
    if not bad.empty:
        warnings.warn(
            f"Personas: {len(bad):,} value(s) of '{column}' cannot be read as a {form} and are read as "
            f"missing: {listed({i: repr(v) for i, v in bad.items()})}",
            stacklevel=4,
        )


def _nearest(Z: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    return ((Z[:, None, :] - centroids[None, :, :]) ** 2).sum(-1).argmin(1)
