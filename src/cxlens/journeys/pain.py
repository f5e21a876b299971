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

from collections.abc import Callable

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd

from cxlens.journeys.attribution import removal_effects
from cxlens.journeys.funnels import funnel_units
from cxlens.journeys.paths import SEP, ordered, seconds

FOLLOW_DAYS = 30
RETAIN_DAYS = 90
MIN_UNITS = 30  # smaller groups are not ranked
# Groups that never bought by definition (today's lifecycle stage is read off purchases, people without a
# persona or stage are anonymous browsers): their drop-off at checkout is a tautology, not a pain point.
UNRANKED = ("prospect", "(unknown)")


def breakdown_units(
    s: ir.Table,
    steps: list[str],
    window_days: float,
    people: ir.Table | None,
    dimensions: tuple[str, ...] = ("channel", "persona", "stage"),
) -> tuple[ir.Table, list[str]]:
    """The funnel's units, followed once, with a column per breakdown dimension the data has (the channel
    at entry, the person's persona and lifecycle stage) and what their people said after stopping short;
    and the dimensions present. The funnel table and the pain points are both read off it."""
    u = funnel_units(s, steps, window_days=window_days, breakdown="channel").rename(channel="_bd")
    u = u.mutate(person_id=u.unit.re_extract(r"^(.*):[0-9]+$", 1))
    dims = [d for d in dimensions if d in u.columns or (people is not None and d in people.columns)]
    extra = [d for d in dims if d not in u.columns]
    if extra:
        u = u.left_join(people.select("person_id", *extra), "person_id").drop("person_id_right")
        u = u.mutate(**{d: u[d].cast("string").fill_null("(unknown)") for d in extra})
    return _said(s, u, len(steps)), dims


def pain_points(
    s: ir.Table,
    steps: list[str],
    window_days: float,
    people: ir.Table | None,
    dimensions: tuple[str, ...] = ("channel", "persona", "stage"),
    between: Callable[[ir.Table], ir.Table] | None = None,
) -> pd.DataFrame:
    """Every (step, dimension, value) with its entrants, continuation, expected rate, excess drop-off, lost
    value, z score and what the people who dropped said; ranked by lost value. ``between`` may materialise
    the units, which every dimension reads."""
    u, dims = breakdown_units(s, steps, window_days, people, dimensions)
    return rank_pain(s, between(u) if between else u, steps, dims)


def rank_pain(s: ir.Table, u: ir.Table, steps: list[str], dims: list[str]) -> pd.DataFrame:
    """Pain points from ``breakdown_units``' table."""
    n = len(steps)
    totals = u.aggregate(**{f"r{i}": u[f"t{i}"].notnull().cast("int64").sum() for i in range(n)})
    totals = totals.to_pandas().iloc[0]
    worth = float(s.filter(s.is_conversion).value.mean().execute() or 0.0) or 1.0
    rows = []
    for dim in dims:
        agg = {}
        for i in range(1, n):
            came, went = u[f"t{i - 1}"].notnull(), u[f"t{i}"].notnull()
            agg[f"n{i}"] = came.cast("int64").sum()
            agg[f"c{i}"] = (came & went).cast("int64").sum()
            agg[f"neg{i}"] = u._neg.cast("float64").mean(where=came & ~went)
            agg[f"tick{i}"] = u._tick.cast("float64").mean(where=came & ~went)
        g = u.group_by(value=u[dim]).aggregate(**agg).to_pandas()
        cells = pd.DataFrame(
            [
                {
                    "value": d["value"],
                    "i": i,
                    "entered": int(d[f"n{i}"]),
                    "continued": int(d[f"c{i}"]),
                    "negative_feedback": d[f"neg{i}"],
                    "tickets": d[f"tick{i}"],
                }
                for d in g.to_dict("records")
                for i in range(1, n)
            ]
        )
        cells = cells[(cells.entered >= MIN_UNITS) & ~cells.value.isin(UNRANKED)]
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
                    "negative_feedback": c.negative_feedback,
                    "tickets": c.tickets,
                }
            )
    out = pd.DataFrame(rows)
    if out.empty:
        return out
    out = out.sort_values("lost_value", ascending=False, ignore_index=True)
    out.insert(0, "rank", range(1, len(out) + 1))
    return out


def pain_voices(s: ir.Table, u: ir.Table, pain: pd.DataFrame, steps: list[str], top: int = 10) -> ir.Table:
    """(rank, source, ref) for the ``top`` pain points: the negative survey answers and tickets of the people
    who stopped there, within FOLLOW_DAYS days; the report reads what they said from the voc stage."""
    n = len(steps)
    u = u.mutate(_last=ibis.coalesce(*[u[f"t{i}"] for i in reversed(range(n))]))
    voice = s.filter((s.sentiment == -1) | (s.source == "tickets"))
    voice = voice.select("person_id", "source", "ref", _vat="at")
    moves = {f"{steps[i - 1]} → {steps[i]}": i for i in range(1, n)}
    parts = []
    for row in pain.head(top).itertuples():
        i = moves[row.step]
        g = u.filter(u[f"t{i - 1}"].notnull() & u[f"t{i}"].isnull() & (u[row.dimension] == row.value))
        j = g.select("person_id", "_last").join(voice, "person_id")
        j = j.filter((j._vat >= j._last) & (seconds(j._vat) - seconds(j._last) <= FOLLOW_DAYS * 86400))
        parts.append(
            j.select(rank=ibis.literal(int(row.rank), "int64"), source=j.source, ref=j.ref).distinct()
        )
    return ibis.union(*parts)


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


def _said(s: ir.Table, u: ir.Table, n: int) -> ir.Table:
    """``u`` with ``_neg`` and ``_tick``: whether a unit that stopped short of the last step had its person
    give a negative survey answer or open a ticket within FOLLOW_DAYS days of its last step reached."""
    last = ibis.coalesce(*[u[f"t{i}"] for i in reversed(range(n))])
    u = u.mutate(_last=last, _done=u[f"t{n - 1}"].notnull())
    voice = s.filter((s.sentiment == -1) | (s.source == "tickets")).select(
        "person_id", _vat="at", _isneg=(s.sentiment == -1).fill_null(False), _istick=(s.source == "tickets")
    )
    stopped = u.filter(~u._done).select("unit", "person_id", "_last")
    j = stopped.join(voice, "person_id")
    j = j.filter((j._vat >= j._last) & (seconds(j._vat) - seconds(j._last) <= FOLLOW_DAYS * 86400))
    said = j.group_by("unit").aggregate(_neg=j._isneg.any(), _tick=j._istick.any())
    u = u.left_join(said, "unit").drop("unit_right")
    return u.mutate(_neg=u._neg.fill_null(False), _tick=u._tick.fill_null(False))


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
    """Journeys with ``retained``: converted, and the same person converted again within RETAIN_DAYS.

    The person's next strictly later conversion, by a window over their distinct conversion times: joining
    every journey with every conversion of its person grew with the square of a person's conversions
    (28 s of the stage's 82 s at a million customers)."""
    times = j.filter(j.converted).select("person_id", "converted_at").distinct()
    nxt = times.mutate(
        _next=times.converted_at.lead().over(group_by=times.person_id, order_by=times.converted_at)
    )
    k = j.select("journey_id", "person_id", "converted", "converted_at").left_join(
        nxt, ["person_id", "converted_at"]
    )
    again = seconds(k._next) - seconds(k.converted_at) <= RETAIN_DAYS * 86400
    return k.select("journey_id", "converted", retained=(k.converted & again).fill_null(False))


def _touchpoint_removal(before: ir.Table, j: ir.Table) -> pd.Series:
    """Removal effects of a first-order Markov chain whose states are touchpoints (repeats collapsed)."""
    w = ibis.window(group_by=before.journey_id, order_by=[before.step])
    # windows are computed before filtering on them: Spark takes no window function in a WHERE
    b = before.mutate(_new=(before.touchpoint != before.touchpoint.lag().over(w)).fill_null(True))
    b = b.filter(b._new)
    p = b.group_by("journey_id").aggregate(path=ibis.literal(SEP).join(ordered(b.touchpoint, b.step)))
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
