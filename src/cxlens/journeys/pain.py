"""Pain points and moments of truth: where journeys hurt, and which touchpoints decide them.

A **pain point** is a funnel step where a group (a channel, persona or lifecycle stage) continues less often
than expected. The expectation is the group's own propensity times the step's difficulty: a logit model
``group + step`` fitted to the group × step table of one dimension. So a persona that converts less at
every step (it holds many browsers who never buy) is not a pain point; a channel that does fine until one
step and then loses people is. Its excess drop-off is ``entered × expected rate − continued``; its **lost
value** is that excess times what a unit continuing past the step is worth (the chance it goes on to
convert times the mean conversion value). Each is joined with what the people who dropped there said
next: the share who gave a negative survey answer or opened a support ticket within ``FOLLOW_DAYS`` days.

A **moment of truth** is a touchpoint whose presence most changes a journey's outcome: the conversion rate
of journeys with it against those without (a risk ratio with a 95% interval), the share of converting
journeys followed by another conversion within ``RETAIN_DAYS`` days, and its removal effect in a first-order
Markov chain over touchpoints.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd

from cxlens.journeys.attribution import removal_effects
from cxlens.journeys.funnels import funnel_units
from cxlens.journeys.paths import SEP

FOLLOW_DAYS = 30
RETAIN_DAYS = 90
MIN_UNITS = 30  # smaller groups are not ranked


def pain_points(
    s: ir.Table,
    steps: list[str],
    window_days: float,
    people: ir.Table | None,
    dimensions: tuple[str, ...] = ("channel", "persona", "stage"),
) -> pd.DataFrame:
    """Every (step, dimension, value) with its entrants, continuation, expected rate, excess drop-off, lost
    value, z score and what the people who dropped said; ranked by lost value."""
    overall = funnel_units(s, steps, window_days=window_days)
    n = len(steps)
    totals = (
        overall.aggregate(**{f"r{i}": overall[f"t{i}"].notnull().cast("int64").sum() for i in range(n)})
        .to_pandas()
        .iloc[0]
    )
    conv = s.filter(s.is_conversion)
    worth = float(conv.value.mean().execute() or 0.0) or 1.0
    rows = []
    for dim in dimensions:
        if dim not in s.columns and (people is None or dim not in people.columns):
            continue
        u = funnel_units(s, steps, window_days=window_days, breakdown=dim, people=people)
        said = _said(s, u, n)
        agg = {}
        for i in range(1, n):
            agg[f"n{i}"] = u[f"t{i - 1}"].notnull().cast("int64").sum()
            agg[f"c{i}"] = (u[f"t{i - 1}"].notnull() & u[f"t{i}"].notnull()).cast("int64").sum()
        g = u.group_by("_bd").aggregate(**agg).to_pandas()
        cells = pd.DataFrame(
            [
                {"value": d["_bd"], "i": i, "entered": int(d[f"n{i}"]), "continued": int(d[f"c{i}"])}
                for d in g.to_dict("records")
                for i in range(1, n)
            ]
        )
        cells = cells[cells.entered >= MIN_UNITS]
        if cells.empty:
            continue
        cells["expected"] = _expected(cells)
        for c in cells.itertuples():
            onward = totals[f"r{n - 1}"] / totals[f"r{c.i}"] if totals[f"r{c.i}"] else 0.0
            excess = c.entered * c.expected - c.continued
            sd = np.sqrt(c.entered * c.expected * (1 - c.expected)) or 1.0
            rows.append(
                {
                    "step": f"{steps[c.i - 1]} → {steps[c.i]}",
                    "dimension": dim,
                    "value": c.value,
                    "entered": c.entered,
                    "continued": c.continued,
                    "rate": c.continued / c.entered,
                    "expected": c.expected,
                    "step_rate": totals[f"r{c.i}"] / totals[f"r{c.i - 1}"],
                    "excess_drop": excess,
                    "lost_value": max(excess, 0.0) * onward * worth,
                    "z": (c.continued - c.entered * c.expected) / sd,
                    **said.get((c.value, c.i), {"negative_feedback": np.nan, "tickets": np.nan}),
                }
            )
    out = pd.DataFrame(rows)
    if out.empty:
        return out
    out = out.sort_values("lost_value", ascending=False, ignore_index=True)
    out.insert(0, "rank", range(1, len(out) + 1))
    return out


def _expected(cells: pd.DataFrame) -> np.ndarray:
    """Expected continuation per (value, step) cell from a logit model value + step, fitted by weighted
    least squares on the empirical logits (half a unit added to each count)."""
    values, steps = sorted(cells.value.unique()), sorted(cells.i.unique())
    if len(values) < 2:
        return (cells.continued / cells.entered).to_numpy()
    p = (cells.continued + 0.5) / (cells.entered + 1.0)
    y = np.log(p / (1 - p)).to_numpy()
    x = np.zeros((len(cells), len(values) + len(steps) - 1))
    x[np.arange(len(cells)), cells.value.map({v: k for k, v in enumerate(values)}).to_numpy()] = 1
    for k, st in enumerate(steps[1:]):
        x[:, len(values) + k] = (cells.i == st).to_numpy()
    w = np.sqrt((cells.entered * p * (1 - p)).to_numpy())
    beta = np.linalg.lstsq(x * w[:, None], y * w, rcond=None)[0]
    return 1 / (1 + np.exp(-(x @ beta)))


def _said(s: ir.Table, u: ir.Table, n: int) -> dict:
    """Per (breakdown value, step), the share of units that dropped there whose person gave a negative
    survey answer or opened a ticket within FOLLOW_DAYS days after."""
    owner = s.select("journey_id", "person_id").distinct()
    u = u.join(owner, u.unit == owner.journey_id)
    voice = s.filter((s.sentiment == -1) | (s.source == "tickets")).select(
        "person_id", _vat="at", _neg=(s.sentiment == -1), _tick=(s.source == "tickets")
    )
    out = {}
    for i in range(1, n):
        dropped = u.filter(u[f"t{i - 1}"].notnull() & u[f"t{i}"].isnull()).select(
            "unit", "_bd", "person_id", _at=u[f"t{i - 1}"]
        )
        j = dropped.left_join(voice, "person_id")
        near = (j._vat >= j._at) & (j._vat.epoch_seconds() - j._at.epoch_seconds() <= FOLLOW_DAYS * 86400)
        per = j.group_by("unit", "_bd").aggregate(
            neg=(near & j._neg).fill_null(False).any(), tick=(near & j._tick).fill_null(False).any()
        )
        g = per.group_by("_bd").aggregate(
            negative_feedback=per.neg.cast("float64").mean(), tickets=per.tick.cast("float64").mean()
        )
        for d in g.to_pandas().to_dict("records"):
            out[(d["_bd"], i)] = {"negative_feedback": d["negative_feedback"], "tickets": d["tickets"]}
    return out


def _ratio(a: np.ndarray, n1: np.ndarray, b: np.ndarray, n0: np.ndarray) -> tuple[np.ndarray, ...]:
    """Risk ratio (a/n1)/(b/n0) with its 95% interval on the log scale (Katz)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        rr = (a / n1) / (b / n0)
        se = np.sqrt(1 / a - 1 / n1 + 1 / b - 1 / n0)
        return rr, rr * np.exp(-1.96 * se), rr * np.exp(1.96 * se)


def moments_of_truth(s: ir.Table, j: ir.Table) -> pd.DataFrame:
    """Per touchpoint (conversions themselves excepted): journeys with and without it, conversion rates,
    lift with its interval, retention after converting journeys, Markov removal effect, in plain words."""
    before = s.join(j.select("journey_id", "converted_at"), "journey_id")
    before = before.filter(
        (before.converted_at.isnull() | (before.at < before.converted_at)) & ~before.is_conversion
    )
    jt = before.select("journey_id", "touchpoint").distinct()
    # only journeys with something before their outcome compare: a lone store order has no path to judge
    jr = _retained(j).semi_join(jt, "journey_id")
    m = jt.join(jr, "journey_id")
    g = (
        m.group_by("touchpoint")
        .aggregate(
            journeys=m.count(),
            conversions=m.converted.cast("int64").sum(),
            retained=m.retained.cast("int64").sum(),
        )
        .to_pandas()
    )
    tot = (
        jr.aggregate(
            journeys=jr.count(),
            conversions=jr.converted.cast("int64").sum(),
            retained=jr.retained.cast("int64").sum(),
        )
        .to_pandas()
        .iloc[0]
    )
    g["without"] = tot.journeys - g.journeys
    g["conversions_without"] = tot.conversions - g.conversions
    g = g[(g.journeys >= MIN_UNITS) & (g.without >= MIN_UNITS)].copy()
    g["rate_with"] = g.conversions / g.journeys
    g["rate_without"] = g.conversions_without / g.without
    g["lift"], g["lift_low"], g["lift_high"] = _ratio(
        g.conversions.to_numpy(float), g.journeys.to_numpy(float),
        g.conversions_without.to_numpy(float), g.without.to_numpy(float),
    )  # fmt: skip
    g["retention_with"] = g.retained / g.conversions.where(g.conversions > 0)
    g["retention_without"] = (tot.retained - g.retained) / (tot.conversions - g.conversions).where(
        tot.conversions - g.conversions > 0
    )
    effects = _touchpoint_removal(before, j)
    g["removal_effect"] = effects.reindex(g.touchpoint).fillna(0.0).to_numpy()
    g["words"] = [_words(r) for r in g.itertuples()]
    return g.sort_values("removal_effect", ascending=False, ignore_index=True)


def _retained(j: ir.Table) -> ir.Table:
    """Journeys with ``retained``: converted, and the same person converted again within RETAIN_DAYS."""
    c = j.filter(j.converted).select("person_id", _t="converted_at")
    k = j.select("journey_id", "person_id", "converted", "converted_at").left_join(c, "person_id")
    again = (k._t > k.converted_at) & (
        k._t.epoch_seconds() - k.converted_at.epoch_seconds() <= RETAIN_DAYS * 86400
    )
    return k.group_by("journey_id", "converted").aggregate(
        retained=(k.converted & again).fill_null(False).any()
    )


def _touchpoint_removal(before: ir.Table, j: ir.Table) -> pd.Series:
    """Removal effects of a first-order Markov chain whose states are touchpoints (repeats collapsed)."""
    w = ibis.window(group_by=before.journey_id, order_by=[before.step])
    b = before.filter((before.touchpoint != before.touchpoint.lag().over(w)).fill_null(True))
    p = b.group_by("journey_id").aggregate(
        path=ibis.literal(SEP).join(b.touchpoint.collect(order_by=[b.step]))
    )
    p = p.join(j.select("journey_id", "converted"), "journey_id")
    paths = (
        p.group_by("path")
        .aggregate(
            conversions=p.converted.cast("int64").sum(), non_conversions=(~p.converted).cast("int64").sum()
        )
        .to_pandas()
    )
    paths["path"] = paths.path.str.split(SEP).map(tuple)
    paths["value"] = paths.conversions.astype(float)
    if paths.conversions.sum() == 0:
        return pd.Series(dtype=float)
    return removal_effects(paths, 1)[1]


def _words(r) -> str:
    """A moment of truth in plain words."""
    if not np.isfinite(r.lift):
        return f"Journeys with '{r.touchpoint}' convert {r.rate_with:.0%} of the time."
    how = f"{r.lift:.1f}× as often as" if r.lift >= 1 else f"less often ({r.lift:.2f}×) than"
    text = (
        f"Journeys with '{r.touchpoint}' convert {how} those without "
        f"({r.rate_with:.0%} vs {r.rate_without:.0%}; 95% CI {r.lift_low:.2f}–{r.lift_high:.2f}×)"
    )
    if r.removal_effect > 0:
        text += f"; without it the journey map would lose {r.removal_effect:.0%} of conversions"
    return text + "."
