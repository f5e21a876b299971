"""Funnels over touchpoints, in Ibis: sequential, strict or any order; closed or open; a conversion window for
the whole funnel and per step; optional steps; exclusion steps; breakdowns.

The unit is a journey (default: each journey is one attempt, as journeys end at a conversion) or a person.
A step is a touchpoint name (or several names that all count). ``order``:

- ``sequential``: each step after the previous one (other touchpoints may come between);
- ``strict``: each step the very next touchpoint after the previous one (every entry is tried);
- ``any``: the steps in any order; step k counts the units that did k of the steps.

A closed funnel is entered at step 1 only; an open one at any step (the unit's first funnel step), then
continues in order. ``window_days`` bounds the whole funnel from entry, a step's ``within_hours`` the time
from the previous step. A unit with an ``exclude`` touchpoint between entry and its last step reached is
left out. ``breakdown`` is a touchpoint column (its value at entry, e.g. ``channel``) or a column of
``people`` (e.g. ``persona``).

>>> funnel(s, ["Product Viewed", "Order Completed"], breakdown="channel")  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from typing import Literal

import ibis
import ibis.expr.types as ir
import pandas as pd

from cxlens.errors import InputError
from cxlens.journeys.paths import hours, seconds

ALL = "(all)"


@dataclass(frozen=True)
class Step:
    """One funnel step: the touchpoint names that count, whether it may be skipped, and the longest time
    allowed since the previous step."""

    names: tuple[str, ...]
    optional: bool = False
    within_hours: float | None = None

    @property
    def label(self) -> str:
        return " or ".join(self.names) + (" (optional)" if self.optional else "")


def _step(s: str | Step | dict) -> Step:
    if isinstance(s, Step):
        return s
    if isinstance(s, str):
        return Step((s,))
    if isinstance(s, dict) and "name" in s:
        names = s["name"] if isinstance(s["name"], list | tuple) else [s["name"]]
        extra = set(s) - {"name", "optional", "within_hours"}
        if extra:
            raise InputError(
                f"funnel step {s!r}: unknown key '{sorted(extra)[0]}'; expected name, optional, within_hours"
            )
        return Step(tuple(names), bool(s.get("optional", False)), s.get("within_hours"))
    raise InputError(f"funnel step {s!r}: expected a touchpoint name or {{name, optional, within_hours}}")


def _checked(t: ir.Table, steps: list[Step], exclude: tuple[str, ...]) -> None:
    if len(steps) < 2:
        raise InputError(f"a funnel needs at least two steps; got {len(steps)}")
    if steps[0].optional or steps[-1].optional:
        raise InputError("a funnel's first and last steps cannot be optional")
    wanted = {n for s in steps for n in s.names} | set(exclude)
    seen = t.filter(t.touchpoint.isin(list(wanted))).touchpoint.value_counts().to_pandas()
    missing = sorted(wanted - set(seen.iloc[:, 0]))
    if missing:
        common = t.touchpoint.value_counts().order_by(ibis.desc("touchpoint_count")).limit(8).to_pandas()
        raise InputError(
            f"funnel step '{missing[0]}' never occurs in the touchpoints; the most common are: "
            + ", ".join(common.touchpoint)
        )


def _chain(
    e: ir.Table, cur: ir.Table, steps: list[Step], start: int, window_s: float, strict: bool
) -> ir.Table:
    """Follow units from step ``start`` (already in ``cur`` as t{start}/p{start}) through the later steps."""
    cur = cur.mutate(_prev_t=cur[f"t{start}"], _prev_p=cur[f"p{start}"])
    for k in range(start + 1, len(steps)):
        st = steps[k]
        ek = e.filter(e.touchpoint.isin(list(st.names))).select("unit", _at="at", _pos="pos")
        j = cur.select("unit", "_cand", "_entry", "_prev_t", "_prev_p").join(ek, "unit")
        cond = (j._pos > j._prev_p) & (seconds(j._at) - seconds(j._entry) <= window_s)
        if strict:
            cond = j._pos == j._prev_p + 1
            cond &= seconds(j._at) - seconds(j._entry) <= window_s
        if st.within_hours is not None:
            cond &= seconds(j._at) - seconds(j._prev_t) <= st.within_hours * 3600
        nxt = (
            j.filter(cond)
            .group_by("unit", "_cand")
            .aggregate(**{f"t{k}": ibis._._at.min(), f"p{k}": ibis._._pos.argmin(ibis._._at)})
        )
        cur = cur.left_join(nxt, ["unit", "_cand"]).drop("unit_right", "_cand_right")
        if st.optional:  # skipping it is allowed: the next step follows whichever came last
            cur = cur.mutate(
                _prev_t=ibis.coalesce(cur[f"t{k}"], cur._prev_t),
                _prev_p=ibis.coalesce(cur[f"p{k}"], cur._prev_p),
            )
        else:
            cur = cur.mutate(_prev_t=cur[f"t{k}"], _prev_p=cur[f"p{k}"])
    return cur


def funnel_units(
    s: ir.Table,
    steps: list[str | Step | dict],
    order: Literal["sequential", "strict", "any"] = "sequential",
    window_days: float = 7,
    entry: Literal["closed", "open"] = "closed",
    exclude: tuple[str, ...] | list[str] = (),
    breakdown: str | None = None,
    people: ir.Table | None = None,
    unit: Literal["journey", "person"] = "journey",
) -> ir.Table:
    """One row per unit that entered: ``unit``, ``_bd`` (its breakdown value), ``_start`` (entry step),
    ``_entry`` and ``t0``… (when it reached each step; null where it did not). ``order="any"`` instead gives
    ``_done``, the number of steps done."""
    steps = [_step(x) for x in steps]
    exclude = tuple(exclude)
    if order not in ("sequential", "strict", "any"):
        raise InputError(f"funnel order is '{order}'; expected sequential, strict or any")
    if entry not in ("closed", "open"):
        raise InputError(f"funnel entry is '{entry}'; expected closed or open")
    if unit not in ("journey", "person"):
        raise InputError(f"funnel unit is '{unit}'; expected journey or person")
    _checked(s, steps, exclude)
    key = "journey_id" if unit == "journey" else "person_id"
    names = [n for st in steps for n in st.names]
    bd_event = breakdown is not None and breakdown in s.columns
    if breakdown is not None and not bd_event and (people is None or breakdown not in people.columns):
        cols = sorted(set(s.columns) | set(people.columns if people is not None else []))
        raise InputError(
            f"funnel breakdown '{breakdown}' is not a touchpoint or person column; columns: {', '.join(cols)}"
        )
    e = s.filter(s.touchpoint.isin(names + list(exclude)))
    e = e.mutate(unit=e[key], pos=ibis.row_number().over(group_by=e[key], order_by=[e.at, e.step]))
    e = e.mutate(_bd=e[breakdown].cast("string") if bd_event else ibis.literal(ALL))
    window_s = window_days * 86400
    if order == "any":
        return _people_breakdown(_any_units(e, steps, window_s), s, key, breakdown, people, bd_event)
    f = e.filter(e.touchpoint.isin(names))
    idx = ibis.cases(*[(f.touchpoint.isin(list(st.names)), i) for i, st in enumerate(steps)], else_=-1)
    f = f.mutate(_k=idx)
    if entry == "open":  # the unit's first funnel step, whichever it is
        first = f.group_by("unit").aggregate(_fp=f.pos.min())
        starts = f.join(first, "unit").filter(lambda t: t.pos == t._fp)
    else:
        starts = f.filter(f._k == 0)
        if order == "sequential":
            starts = starts.mutate(_fp=starts.pos.min().over(group_by=starts.unit))
            starts = starts.filter(starts.pos == starts._fp).drop("_fp")
    chains = []
    for k0 in range(len(steps) if entry == "open" else 1):
        ent = starts.filter(starts._k == k0).select(
            "unit", "_bd", _cand="pos", _entry="at", **{f"t{k0}": "at", f"p{k0}": "pos"}
        )
        cur = _chain(e, ent, steps, k0, window_s, order == "strict")
        cur = cur.mutate(_start=ibis.literal(k0), **{f"t{i}": ibis.null(e.at.type()) for i in range(k0)})
        chains.append(
            cur.select("unit", "_bd", "_cand", "_start", "_entry", *[f"t{i}" for i in range(len(steps))])
        )
    units = reduce(lambda a, b: a.union(b), chains)
    units = _best(units, len(steps))
    units = _excluded(units, e, exclude, len(steps))
    return _people_breakdown(units, s, key, breakdown, people, bd_event)


def funnel(
    s: ir.Table,
    steps: list[str | Step | dict],
    order: Literal["sequential", "strict", "any"] = "sequential",
    window_days: float = 7,
    entry: Literal["closed", "open"] = "closed",
    exclude: tuple[str, ...] | list[str] = (),
    breakdown: str | None = None,
    people: ir.Table | None = None,
    unit: Literal["journey", "person"] = "journey",
) -> pd.DataFrame:
    """Units reaching each step (per breakdown value): ``reached``, ``entered`` here (open funnels),
    ``conversion`` from the previous step, ``overall`` from the first, ``dropped``, and the median hours
    from the previous step and from entry."""
    u = funnel_units(s, steps, order, window_days, entry, exclude, breakdown, people, unit)
    if order == "any":
        return _any_summary(u, len(steps))
    return summarise(u, steps, entry == "open")


def _best(u: ir.Table, n: int) -> ir.Table:
    """Per unit, the attempt that got furthest (strict funnels try every entry)."""
    reached = reduce(lambda a, b: a + b, [u[f"t{i}"].notnull().cast("int64") for i in range(n)])
    u = u.mutate(_depth=reached)
    best = ibis.row_number().over(group_by=u.unit, order_by=[ibis.desc(u._depth), u._entry, u._cand])
    return u.mutate(_rank=best).filter(lambda t: t._rank == 0).drop("_rank")


def _excluded(u: ir.Table, e: ir.Table, exclude: tuple[str, ...], n: int) -> ir.Table:
    if not exclude:
        return u
    last = ibis.greatest(*[u[f"t{i}"] for i in range(n)]) if n > 1 else u.t0
    u = u.mutate(_last=last)
    x = e.filter(e.touchpoint.isin(list(exclude))).select("unit", _x="at")
    hit = u.join(x, "unit").filter(lambda t: (t._x >= t._entry) & (t._x <= t._last)).select("unit").distinct()
    return u.anti_join(hit, "unit").drop("_last")


def _people_breakdown(
    u: ir.Table, s: ir.Table, key: str, breakdown: str | None, people: ir.Table | None, bd_event: bool
) -> ir.Table:
    if breakdown is None or bd_event:
        return u
    # a journey id is its person's id and a number: "p1a2b:3"
    u = u.mutate(person_id=u.unit.re_extract(r"^(.*):[0-9]+$", 1) if key == "journey_id" else u.unit)
    p = people.select("person_id", _pb=people[breakdown].cast("string"))
    u = u.left_join(p, "person_id").drop("person_id_right")
    return u.mutate(_bd=u._pb.fill_null("(unknown)")).drop("_pb", "person_id")


def summarise(u: ir.Table, steps: list[str | Step | dict], open_: bool = False) -> pd.DataFrame:
    """``funnel``'s table from ``funnel_units``' (a closed or open, not any-order, funnel)."""
    steps = [_step(x) for x in steps]
    n = len(steps)
    agg = {}
    for i in range(n):
        agg[f"r{i}"] = u[f"t{i}"].notnull().cast("int64").sum()
        agg[f"e{i}"] = (u._start == i).cast("int64").sum()
        if i:
            gap = hours(u[f"t{i}"], u[f"t{i - 1}"])
            agg[f"h{i}"] = gap.median()
            agg[f"c{i}"] = (u[f"t{i}"].notnull() & u[f"t{i - 1}"].notnull()).cast("int64").sum()
            agg[f"H{i}"] = hours(u[f"t{i}"], u._entry).median()
    g = u.group_by("_bd").aggregate(**agg).to_pandas()
    rows = []
    for d in g.to_dict("records"):
        first = d["r0"] if not open_ else sum(d[f"e{i}"] for i in range(n))
        for i, st in enumerate(steps):
            prev = d[f"r{i - 1}"] if i else None
            rows.append(
                {
                    "breakdown": d["_bd"],
                    "step": i + 1,
                    "name": st.label,
                    "reached": int(d[f"r{i}"]),
                    "entered": int(d[f"e{i}"]) if open_ else (int(d["r0"]) if i == 0 else 0),
                    "conversion": (d[f"c{i}"] / prev if prev else float("nan")) if i else 1.0,
                    "overall": d[f"r{i}"] / first if first else float("nan"),
                    "dropped": int(prev - d[f"c{i}"]) if i and prev is not None else 0,
                    "median_hours_from_previous": d.get(f"h{i}"),
                    "median_hours_from_entry": d.get(f"H{i}", 0.0) if i else 0.0,
                }
            )
    out = pd.DataFrame(rows)
    return out.sort_values(["breakdown", "step"], ignore_index=True)


def _any_units(e: ir.Table, steps: list[Step], window_s: float) -> ir.Table:
    """Any order: from a unit's first funnel touchpoint, how many of the steps it did within the window."""
    f = e.filter(e.touchpoint.isin([n for st in steps for n in st.names]))
    f = f.mutate(_entry=f.at.min().over(group_by=f.unit))
    f = f.filter(seconds(f.at) - seconds(f._entry) <= window_s)
    done = {f"d{i}": f.touchpoint.isin(list(st.names)).any() for i, st in enumerate(steps)}
    u = f.group_by("unit").aggregate(_entry=f._entry.min(), _bd=f._bd.argmin(f.pos), **done)
    return u.mutate(_done=reduce(lambda a, b: a + b, [u[f"d{i}"].cast("int64") for i in range(len(steps))]))


def _any_summary(u: ir.Table, n: int) -> pd.DataFrame:
    g = u.group_by("_bd").aggregate(**{f"r{i}": (u._done >= i + 1).cast("int64").sum() for i in range(n)})
    rows = []
    for d in g.to_pandas().to_dict("records"):
        for i in range(n):
            prev = d[f"r{i - 1}"] if i else None
            rows.append(
                {
                    "breakdown": d["_bd"],
                    "step": i + 1,
                    "name": f"{i + 1} of the {n} steps",
                    "reached": int(d[f"r{i}"]),
                    "conversion": d[f"r{i}"] / prev if prev else 1.0,
                    "overall": d[f"r{i}"] / d["r0"] if d["r0"] else float("nan"),
                    "dropped": int(prev - d[f"r{i}"]) if prev is not None else 0,
                }
            )
    return pd.DataFrame(rows).sort_values(["breakdown", "step"], ignore_index=True)
