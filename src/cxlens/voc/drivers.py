"""Key drivers: which experiences move NPS, CSAT and churn, and which to fix first.

Each survey answer is described by what the person went through in the ``WINDOW_DAYS`` before it (an order
with a returned line, a ticket, a ticket that took over ``SLOW_DAYS`` days or was never resolved, a theme
they raised in a ticket, post or earlier comment) and by who answered where (touchpoint, channel,
persona). Churn is read per customer: lapsing now (at risk or lapsed) against the same experiences over
their whole history. The answer's own comment is not a driver: it is written with the score and explains
it rather than causes it.

A driver's importance is its Shapley share of R² (Lipovetsky & Conklin 2001): the R² a linear model gains
from it, averaged over every order in which the drivers can enter, so correlated drivers split what they
explain instead of one taking it all; a touchpoint, channel or persona enters as one driver with all its
levels. Intervals are percentiles over bootstrap resamples of the answers. Beside importance, performance:
how many were affected and the score with and without. "Fix first" is a driver that matters more than
the average driver and comes with lower scores.

>>> shapley(X, y, players)  # doctest: +SKIP
"""

from __future__ import annotations

from functools import cache
from math import factorial

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.ids import with_person
from cxlens.tables import CUSTOMER_VALUE

WINDOW_DAYS = 14  # what happened in the two weeks before an answer; a post-purchase survey comes within days
SLOW_DAYS = 2
THEMES = 4  # the most raised themes enter as drivers
BOOTSTRAP = 60
FEWEST = 10  # a driver needs this many answers with it and without it
LAPSING = ("at_risk", "lapsed")
EXPERIENCES = ("returned an item", "opened a ticket", f"a ticket took over {SLOW_DAYS} days")
WHO = ("touchpoint", "channel", "persona")


def _experiences(con: BaseBackend, f: ir.Table) -> ir.Table:
    """(person_id, at, driver, ref): every experience that can drive a score, when it happened."""
    parts = []
    if engine.has_table(con, "orders") and engine.has_table(con, "order_items"):
        it = con.table("order_items")
        back = it.filter(it.returned).select("order_id").distinct()
        o = with_person(con, "orders").join(back, "order_id")
        parts.append(
            o.select("person_id", at=o.ordered_at, driver=ibis.literal(EXPERIENCES[0]), ref=o.order_id)
        )
    if engine.has_table(con, "tickets"):
        t = with_person(con, "tickets")
        took = (t.resolved_at.epoch_seconds() - t.opened_at.epoch_seconds()) / 86400
        parts.append(
            t.select("person_id", at=t.opened_at, driver=ibis.literal(EXPERIENCES[1]), ref=t.ticket_id)
        )
        slow = t.filter(t.resolved_at.isnull() | (took > SLOW_DAYS))
        parts.append(slow.select("person_id", at=slow.opened_at, driver=ibis.literal(EXPERIENCES[2]),
                                 ref=slow.ticket_id))  # fmt: skip
    said = f.filter(f.person_id.notnull() & f.themes.notnull())
    said = said.select("person_id", "at", ref=said.ref, theme=said.themes.split(",").unnest())
    parts.append(said.select("person_id", "at", driver="mentioned " + said.theme.strip(), ref=said.ref))
    return ibis.union(*parts)


def frames(con: BaseBackend, f: ir.Table, who: ir.Table | None) -> dict[str, pd.DataFrame]:
    """Per metric (nps, csat, churn): one row per answer (customer, for churn) with its ``score`` and a
    column per driver: True/False for an experience, the level for touchpoint, channel and persona."""
    ex = _experiences(con, f)
    a = f.filter(f.kind.isin(["nps", "csat"]) & f.score.notnull() & f.person_id.notnull())
    a = a.select(
        "ref", "person_id", "at", metric=a.kind, score=a.score, touchpoint=a.touchpoint, channel=a.channel
    )
    since = a.at - ibis.interval(days=WINDOW_DAYS)
    hit = a.join(ex, [a.person_id == ex.person_id, ex.at < a.at, ex.at >= since, a.ref != ex.ref])
    hit = hit.select(ref=a.ref, metric=a.metric, driver=ex.driver).distinct()
    if who is not None and "persona" in who.columns:
        a = a.left_join(who.select("person_id", "persona"), "person_id").drop("person_id_right")
    out = {}
    answers, hits = a.drop("at").to_pandas(), hit.to_pandas()
    for metric in ("nps", "csat"):
        rows = answers[answers.metric == metric].drop(columns=["metric", "person_id"])
        out[metric] = _wide(rows.set_index("ref"), hits[hits.metric == metric].rename(columns={"ref": "id"}))
    if engine.has_table(con, CUSTOMER_VALUE):
        out["churn"] = _churn(con, ex, who)
    return {k: v for k, v in out.items() if len(v)}


def _wide(rows: pd.DataFrame, hits: pd.DataFrame) -> pd.DataFrame:
    """``rows`` (indexed by id) with a True/False column per experience driver in ``hits`` (id, driver)."""
    flags = pd.crosstab(hits.id, hits.driver).reindex(rows.index, fill_value=0) > 0
    for d in EXPERIENCES:
        if d not in flags:
            flags[d] = False
    who = rows[[c for c in WHO if c in rows]].astype(object).fillna("(unknown)")
    return pd.concat([rows[["score"]].astype(float), flags.astype(bool), who], axis=1).reset_index(drop=True)


def _churn(con: BaseBackend, ex: ir.Table, who: ir.Table | None) -> pd.DataFrame:
    """Per customer: lapsing now (1) or not (0), against every experience they ever had."""
    cv = con.table(CUSTOMER_VALUE)
    c = cv.filter(cv.status == "customer").select("person_id", score=cv.stage.isin(LAPSING).cast("float64"))
    if engine.has_table(con, "orders"):
        o = with_person(con, "orders")
        w = ibis.window(group_by="person_id", order_by=[o.ordered_at, o.order_id])
        first = o.mutate(k=ibis.row_number().over(w)).filter(lambda t: t.k == 0)
        c = c.left_join(first.select("person_id", channel=first.channel), "person_id").drop("person_id_right")
    if who is not None and "persona" in who.columns:
        c = c.left_join(who.select("person_id", "persona"), "person_id").drop("person_id_right")
    hits = ex.select(id=ex.person_id, driver=ex.driver).distinct()
    hits = hits.join(c.select(id=c.person_id), "id")
    rows = c.to_pandas().set_index("person_id")
    return _wide(rows, hits.to_pandas())


def _players(d: pd.DataFrame) -> tuple[np.ndarray, list[tuple[str, str, list[int]]]]:
    """The design matrix and its drivers, each (name, kind, its columns): experiences and the most raised
    themes one column each, a touchpoint, channel or persona one column per level but the first."""
    cols, players = [], []
    flags = [c for c in d.columns if c != "score" and c not in WHO and d[c].dtype == bool]
    themes = sorted((c for c in flags if c.startswith("mentioned ")), key=lambda c: -d[c].sum())[:THEMES]
    for name in [c for c in flags if not c.startswith("mentioned ")] + themes:
        if FEWEST <= d[name].sum() <= len(d) - FEWEST:
            players.append((name, "theme" if name in themes else "experience", [len(cols)]))
            cols.append(d[name].to_numpy(float))
    for name in (c for c in WHO if c in d):
        levels = d[name].value_counts().index[1:]
        if len(levels):
            players.append((name, "who", list(range(len(cols), len(cols) + len(levels)))))
            cols += [(d[name] == v).to_numpy(float) for v in levels]
    return (np.column_stack(cols) if cols else np.empty((len(d), 0))), players


@cache
def _subsets(players: tuple[tuple[int, ...], ...]) -> tuple[list[int], ...]:
    """The columns of every subset of players, by bit mask: the same for every bootstrap resample."""
    return tuple(
        [c for j, cs in enumerate(players) if mask >> j & 1 for c in cs] for mask in range(1 << len(players))
    )


def _r2_all(cov: np.ndarray, players: list[list[int]]) -> np.ndarray:
    """R² of the linear model on every subset of players (indexed by bit mask), from the covariance of
    [columns..., y]: R² = c' C⁻¹ c / var(y); a tiny ridge keeps a player's collinear levels solvable."""
    k = cov.shape[0] - 1
    vy = cov[k, k]
    subsets = _subsets(tuple(map(tuple, players)))
    out = np.zeros(len(subsets))
    if vy <= 0:
        return out
    ridge = np.eye(k) * 1e-10 * max(float(np.trace(cov[:k, :k])) / max(k, 1), 1e-300)
    for mask, idx in enumerate(subsets[1:], start=1):
        c = cov[idx, k]
        out[mask] = c @ np.linalg.solve(cov[np.ix_(idx, idx)] + ridge[: len(idx), : len(idx)], c) / vy
    return out


def shapley(cov: np.ndarray, players: list[list[int]]) -> np.ndarray:
    """Each player's Shapley share of R²: its gain averaged over every order players can enter in (a
    subset of s others comes first in s!(p-s-1)!/p! of the orders)."""
    p = len(players)
    r2 = _r2_all(cov, players)
    weight = [factorial(s) * factorial(p - s - 1) / factorial(p) for s in range(p)]
    phi = np.zeros(p)
    for mask in range(1 << p):
        w = weight[min(mask.bit_count(), p - 1)]
        for j in range(p):
            if not mask >> j & 1:
                phi[j] += w * (r2[mask | 1 << j] - r2[mask])
    return phi


def _cov(x: np.ndarray, y: np.ndarray, w: np.ndarray | None = None) -> np.ndarray:
    return np.atleast_2d(np.cov(np.column_stack([x, y]), rowvar=False, aweights=w))


def drivers(d: pd.DataFrame, metric: str, seed: int = 0) -> pd.DataFrame:
    """One metric's drivers ranked by importance, with bootstrap intervals and performance."""
    x, players = _players(d)
    if not players or len(d) < 30:
        return pd.DataFrame()
    y, cols = d.score.to_numpy(float), [p[2] for p in players]
    phi = shapley(_cov(x, y), cols)
    rng = np.random.default_rng(seed)
    n = len(d)
    boot = np.array([
        shapley(_cov(x, y, np.bincount(rng.integers(0, n, n), minlength=n).astype(float)), cols)
        for _ in range(BOOTSTRAP)
    ])  # fmt: skip
    low, high = np.clip(np.quantile(boot, [0.025, 0.975], axis=0), 0, None)
    rows = []
    for j, (name, kind, _) in enumerate(players):
        if kind == "who":  # its performance is that of its lowest-scoring level
            means = d.groupby(name).score.mean()
            level = str(means.idxmin())
            hit = (d[name] == level).to_numpy()
        else:
            level, hit = None, d[name].to_numpy()
        rows.append({
            "metric": metric, "driver": name, "kind": kind, "level": level, "answers": len(d),
            "r2": float(phi.sum()), "importance": float(phi[j]), "importance_low": float(low[j]),
            "importance_high": float(high[j]), "affected": int(hit.sum()),
            "share_affected": float(hit.mean()), "score_affected": float(y[hit].mean()),
            "score_others": float(y[~hit].mean()),
        })  # fmt: skip
    t = pd.DataFrame(rows)
    t["share"] = t.importance / t.r2 if t.r2.iloc[0] > 0 else 0.0
    t["effect"] = t.score_affected - t.score_others
    worse = t.effect > 0 if metric == "churn" else t.effect < 0  # churn: affected lapse more
    t["fix_first"] = (t.importance >= t.importance.mean()) & worse
    t = t.sort_values("importance", ascending=False, kind="stable").reset_index(drop=True)
    t["rank"] = np.arange(1, len(t) + 1)
    return t


def key_drivers(con: BaseBackend, f: ir.Table, who: ir.Table | None) -> pd.DataFrame:
    """``voc_drivers``: every metric's drivers."""
    parts = [drivers(d, metric) for metric, d in frames(con, f, who).items()]
    parts = [p for p in parts if len(p)]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
