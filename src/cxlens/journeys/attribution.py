"""Multi-touch attribution over conversion paths: which channels deserve credit for conversions and value.

Heuristic models (first touch, last touch, linear, time decay, position-based) split each converting path's
conversions among its touches. The Markov model (Anderl, Becker, von Wangenheim & Schumann 2016) credits each
channel with its removal effect: how much the chance of converting drops when the channel is taken out of the
journey graph. The graph is an absorbing Markov chain of order 1–3, solved **exactly** as the linear system
(I − Q) x = r, not by simulating journeys. The Shapley model (Zhao et al. 2018) uses the simplified form
φ_j = Σ_{S ∋ j} R(S) / |S|, exact for their characteristic function; ``shapley_exact`` sums over coalitions.

>>> paths = pd.DataFrame({"path": ["ads > email", "email"], "conversions": [3, 1], "non_conversions": [7, 9]})
>>> attribute(paths, model="markov", order=1)  # doctest: +SKIP
"""

from __future__ import annotations

from math import factorial

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.linalg import spsolve

from cxlens.canonical import numbers, unused, usable
from cxlens.errors import InputError

SEP = " > "
MODELS = (
    "first_touch",
    "last_touch",
    "linear",
    "time_decay",
    "position",
    "markov",
    "shapley",
    "shapley_exact",
)
EXACT_LIMIT = 16  # channels; 2^16 coalitions


def _checked(paths: pd.DataFrame) -> pd.DataFrame:
    """Distinct paths (as tuples of channels) with their conversions, non-conversions and value."""
    if not isinstance(paths, pd.DataFrame):
        raise InputError(f"paths must be a pandas DataFrame; got {type(paths).__name__}")
    missing = [c for c in ("path", "conversions", "non_conversions") if c not in paths.columns]
    if missing:
        raise InputError(
            f"paths lacks column(s) {', '.join(missing)}; expected path, conversions, non_conversions "
            "and optionally value"
        )
    if paths.empty:
        raise InputError("paths is empty: there is nothing to attribute")
    unused(paths, ["path", "conversions", "non_conversions", "value"], "attribute")
    df = paths.assign(value=paths["value"] if "value" in paths else paths["conversions"])
    touches = df["path"].astype("string").fillna("").str.split(">")
    touches = touches.map(lambda p: tuple(c.strip() for c in p if c.strip()))
    reasons = pd.Series("", index=df.index).mask(
        touches.map(len) == 0,
        "'path' is " + df["path"].astype(str).map(repr) + "; expected channels separated by ' > '",
    )
    for col in ("conversions", "non_conversions", "value"):
        v = numbers(df[col])
        bad = (v.isna() | (v < 0)) & (reasons == "")
        reasons = reasons.mask(
            bad, f"'{col}' is " + df[col].astype(str).map(repr) + "; expected a number >= 0"
        )
        df[col] = v
    keep = usable(reasons, "attribute", "path row(s)")
    df, touches = df[keep], touches[keep]
    df = df.assign(path=touches)
    return df.groupby("path", as_index=False, sort=False)[["conversions", "non_conversions", "value"]].sum()


def _weights(n: int, model: str, half_life: float) -> np.ndarray:
    """How a heuristic model splits one conversion among a path's ``n`` touches (summing to 1)."""
    if model == "first_touch":
        w = np.eye(1, n, 0).ravel()
    elif model == "last_touch":
        w = np.eye(1, n, n - 1).ravel()
    elif model == "linear":
        w = np.ones(n)
    elif model == "time_decay":  # halves every `half_life` touches back from the conversion
        w = 0.5 ** ((n - 1 - np.arange(n)) / half_life)
    else:  # position-based (U-shaped): 40% first, 40% last, 20% shared by the middle
        w = np.array([1.0]) if n == 1 else np.r_[0.4, np.full(n - 2, 0.2 / max(n - 2, 1)), 0.4]
        if n == 2:
            w = np.array([0.5, 0.5])
    return w / w.sum()


def _heuristic(df: pd.DataFrame, model: str, half_life: float) -> pd.DataFrame:
    rows = df[df.conversions > 0]
    parts = [
        pd.DataFrame({"channel": sorted({c for p in df.path for c in p}), "conversions": 0.0, "value": 0.0})
    ]
    for n, group in rows.groupby(rows.path.map(len)):
        w = _weights(int(n), model, half_life)
        touches = np.array(group.path.tolist(), dtype=object)
        for k in range(int(n)):
            parts.append(
                pd.DataFrame(
                    {
                        "channel": touches[:, k],
                        "conversions": group.conversions * w[k],
                        "value": group.value * w[k],
                    }
                )
            )
    return pd.concat(parts).groupby("channel", as_index=False).sum()


def _states(df: pd.DataFrame, order: int) -> pd.DataFrame:
    """Every transition of the order-``order`` chain with its weight: journeys move from (start) through
    states (the last ``order`` channels) to (conversion) or (null)."""
    rows = []
    for path, conv, non in zip(df.path, df.conversions, df.non_conversions, strict=True):
        n = conv + non
        prev = ("(start)",)
        for i in range(len(path)):
            state = path[max(0, i + 1 - order) : i + 1]
            rows.append((prev, state, n))
            prev = state
        rows.append((prev, ("(conversion)",), conv))
        rows.append((prev, ("(null)",), non))
    t = pd.DataFrame(rows, columns=["src", "dst", "n"])
    return t[t.n > 0].groupby(["src", "dst"], as_index=False, sort=False).n.sum()


def _chain(df: pd.DataFrame, order: int) -> tuple[pd.Index, dict, sp.csr_matrix, np.ndarray]:
    """The transient states, their index, I − Q and R of the absorbing chain fitted to ``df``."""
    t = _states(df, order)
    transient = pd.Index(pd.unique(pd.concat([t.src, t.dst])))
    transient = transient[~transient.isin([("(conversion)",), ("(null)",)])]
    idx = {s: i for i, s in enumerate(transient)}
    out = t.groupby("src").n.transform("sum")
    p = t.n / out
    inner = t.dst.isin(idx)
    q = sp.csr_matrix((p[inner], (t.src[inner].map(idx), t.dst[inner].map(idx))), shape=(len(idx), len(idx)))
    r = np.zeros(len(idx))
    conv = t.dst == ("(conversion)",)
    np.add.at(r, t.src[conv].map(idx).to_numpy(), p[conv].to_numpy())
    return transient, idx, sp.identity(len(idx), format="csr") - q, r


def removal_effects(df: pd.DataFrame, order: int = 1) -> tuple[float, pd.Series]:
    """(P(conversion) from the start, removal effect per channel) of the Markov chain fitted to ``df``."""
    transient, idx, a, r = _chain(df, order)

    def absorb(keep: np.ndarray) -> float:
        """P(conversion) from the start when only the states in ``keep`` remain (the rest lead to null)."""
        k = np.flatnonzero(keep)
        x = spsolve(a[k][:, k].tocsc(), r[k])
        return float(np.atleast_1d(x)[np.flatnonzero(k == idx[("(start)",)])[0]])

    everything = np.ones(len(idx), bool)
    base = absorb(everything)
    channels = sorted({c for path in df.path for c in path})
    effects = {}
    for c in channels:
        keep = np.array([c not in s for s in transient])
        effects[c] = 1 - absorb(keep) / base if base > 0 else 0.0
    return base, pd.Series(effects)


def conversion_probability(df: pd.DataFrame) -> pd.Series:
    """Per channel, the first-order chain's chance that a touch on it is followed straight by a conversion:
    the channel's effect per touch, where the removal effect also carries how often it is used."""
    transient, idx, _, r = _chain(df, 1)
    keep = [s for s in transient if s != ("(start)",)]
    return pd.Series([r[idx[s]] for s in keep], index=[s[0] for s in keep]).sort_index()


def _markov(df: pd.DataFrame, order: int) -> pd.DataFrame:
    _, effects = removal_effects(df, order)
    share = effects / effects.sum() if effects.sum() > 0 else effects * 0
    out = pd.DataFrame(
        {
            "channel": share.index,
            "conversions": share.to_numpy() * df.conversions.sum(),
            "value": share.to_numpy() * df.value.sum(),
            "removal_effect": effects.to_numpy(),
        }
    )
    if order == 1:
        out["conversion_probability"] = conversion_probability(df).reindex(out.channel).to_numpy()
    return out


def _coalitions(df: pd.DataFrame, col: str) -> pd.Series:
    """R(S): conversions (or value) of converting paths by their set of distinct channels."""
    sets = df.path.map(lambda p: frozenset(p))
    return df[col].groupby(sets).sum()


def _shapley(df: pd.DataFrame) -> pd.DataFrame:
    """The simplified Shapley value: each coalition's result shared equally among its channels."""
    out = {}
    for col in ("conversions", "value"):
        credit: dict[str, float] = {}
        for s, amount in _coalitions(df, col).items():
            for c in s:
                credit[c] = credit.get(c, 0.0) + amount / len(s)
        out[col] = pd.Series(credit)
    return pd.DataFrame(out).rename_axis("channel").reset_index()


def _shapley_exact(df: pd.DataFrame) -> pd.DataFrame:
    """Shapley values by brute force over every coalition, with v(S) = Σ R(T) over T ⊆ S (a subset-sum over
    bit masks), as a check on the simplified form and for few channels."""
    channels = sorted({c for path in df.path for c in path})
    n = len(channels)
    if n > EXACT_LIMIT:
        raise InputError(
            f"shapley_exact sums over 2^{n} coalitions; use model='shapley' above {EXACT_LIMIT} channels"
        )
    bit = {c: 1 << i for i, c in enumerate(channels)}
    masks = np.arange(1 << n)
    size = np.array([bin(m).count("1") for m in masks])
    weight = np.array([factorial(k) * factorial(n - k - 1) / factorial(n) for k in range(n)])
    out = {}
    for col in ("conversions", "value"):
        v = np.zeros(1 << n)
        for s, amount in _coalitions(df, col).items():
            v[sum(bit[c] for c in s)] += amount
        for i in range(n):  # v(S) = Σ over subsets T of S
            has = (masks >> i) & 1 == 1
            v[has] += v[masks[has] ^ (1 << i)]
        phi = {}
        for c, b in bit.items():
            without = masks[(masks & b) == 0]
            phi[c] = float(weight[size[without]] @ (v[without | b] - v[without]))
        out[col] = pd.Series(phi)
    return pd.DataFrame(out).rename_axis("channel").reset_index()


def attribute(
    paths: pd.DataFrame, model: str = "markov", order: int = 1, half_life: float = 2.0
) -> pd.DataFrame:
    """Credit per channel: ``channel``, ``conversions`` and ``value``; for Markov also ``removal_effect``
    and, at order 1, ``conversion_probability`` (the chance a touch on the channel is followed straight by
    a conversion: its effect per touch, where the credit also carries how often it is used).

    ``paths`` has ``path`` (channels separated by " > "), ``conversions``, ``non_conversions`` and optionally
    ``value`` (default: the conversions). Every model's credits sum to the total conversions and value.
    ``order`` (1–3) is the Markov chain's memory; ``half_life`` (touches) is for time decay.
    """
    if model not in MODELS:
        raise InputError(f"model is '{model}'; expected one of {', '.join(MODELS)}")
    if order not in (1, 2, 3):
        raise InputError(f"order is {order!r}; expected 1, 2 or 3 (the Markov chain's memory in touches)")
    if half_life <= 0:
        raise InputError(f"half_life is {half_life!r}; expected a number of touches > 0")
    df = _checked(paths)
    if model == "markov":
        out = _markov(df, order)
    elif model == "shapley":
        out = _shapley(df)
    elif model == "shapley_exact":
        out = _shapley_exact(df)
    else:
        out = _heuristic(df, model, half_life)
    return out.sort_values("conversions", ascending=False, ignore_index=True)
