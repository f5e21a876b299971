"""Segment conditions from ``cxlens.yaml`` compiled to Ibis expressions, never to SQL text.

A condition is ``{all: [...]}``, ``{any: [...]}``, ``{not: ...}``, a field test such as
``{field: clv, ">=": 500}`` or an event test such as ``{event: Product Viewed, within_days: 30,
at_least: 2}``. Values become Ibis literals of the field's type, so a value like ``x' OR '1'='1`` is just a
string nobody has. Every mistake is reported with its path in the file: ``segments.vip.where.all[1]``.

>>> rule = compile_where({"field": "stage", "is": "at_risk"}, people, events, as_of, "segments.x.where")
"""

from __future__ import annotations

import difflib
from datetime import date, datetime, timedelta

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir

from cxlens.errors import ConfigError

COMPARE = {
    "is": lambda c, v: c == v,
    "is_not": lambda c, v: c != v,
    ">": lambda c, v: c > v,
    ">=": lambda c, v: c >= v,
    "<": lambda c, v: c < v,
    "<=": lambda c, v: c <= v,
}
OPERATORS = (*COMPARE, "in", "not_in", "between", "contains", "missing")
EVENT_KEYS = ("event", "within_days", "at_least", "at_most")


class SegmentError(ConfigError):
    """A segment definition that cannot be compiled; the message names where in cxlens.yaml."""


def _literal(where: str, field: str, kind: dt.DataType, value: object) -> ir.Value:
    """``value`` as a literal of the field's type, or a SegmentError saying what was expected."""

    def wrong(expected: str) -> SegmentError:
        return SegmentError(f"{where}: field '{field}' holds {expected}; got {value!r}")

    if kind.is_boolean():
        if not isinstance(value, bool):
            raise wrong("true or false")
        return ibis.literal(value)
    if kind.is_numeric():
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise wrong("numbers")
        return ibis.literal(float(value))
    if kind.is_date() or kind.is_timestamp():
        try:
            day = value if isinstance(value, date) else date.fromisoformat(str(value))
        except ValueError:
            raise wrong("dates (YYYY-MM-DD)") from None
        if kind.is_timestamp():
            return ibis.literal(datetime(day.year, day.month, day.day), type=dt.Timestamp(timezone="UTC"))
        return ibis.literal(day)
    if kind.is_string():
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise wrong("text")
        return ibis.literal(str(value), type="string")
    raise wrong(str(kind))


def _field(cond: dict, where: str, people: ir.Table) -> ir.BooleanValue:
    name = cond["field"]
    if name not in people.columns:
        near = difflib.get_close_matches(str(name), people.columns, n=1)
        hint = f"; did you mean '{near[0]}'?" if near else ""
        raise SegmentError(
            f"{where}: unknown field '{name}'{hint} Fields are: {', '.join(sorted(people.columns))}"
        )
    ops = [k for k in cond if k != "field"]
    if len(ops) != 1 or ops[0] not in OPERATORS:
        got = ", ".join(map(str, ops)) or "nothing"
        raise SegmentError(f"{where}: expected one operator ({', '.join(OPERATORS)}) with 'field'; got {got}")
    op, value = ops[0], cond[ops[0]]
    col, kind = people[name], people.schema()[name]
    if op == "missing":
        if not isinstance(value, bool):
            raise SegmentError(f"{where}: 'missing' takes true or false; got {value!r}")
        return col.isnull() if value else col.notnull()
    if op == "contains":
        if kind.is_array():
            return col.contains(_literal(where, name, kind.value_type, value)).fill_null(False)
        if not kind.is_string():
            raise SegmentError(f"{where}: 'contains' needs a text or list field; '{name}' is {kind}")
        return col.contains(_literal(where, name, kind, value)).fill_null(False)
    if op in ("in", "not_in", "between"):
        if not isinstance(value, list) or (op == "between" and len(value) != 2) or not value:
            shape = "a list of two values [low, high]" if op == "between" else "a non-empty list"
            raise SegmentError(f"{where}: '{op}' takes {shape}; got {value!r}")
        values = [_literal(where, name, kind, v) for v in value]
        if op == "between":
            return col.between(*values).fill_null(False)
        test = col.isin(values).fill_null(False)
        return ~test if op == "not_in" else test
    if kind.is_array():
        raise SegmentError(f"{where}: '{name}' is a list; test it with 'contains'")
    return COMPARE[op](col, _literal(where, name, kind, value)).fill_null(False)


def _whole(where: str, key: str, value: object, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise SegmentError(f"{where}: '{key}' must be a whole number >= {low}; got {value!r}")
    return value


def _event(
    cond: dict, where: str, people: ir.Table, events: ir.Table | None, as_of: datetime
) -> ir.BooleanValue:
    """People with at least (at most) so many of an event in the ``within_days`` days up to ``as_of``."""
    unknown = [k for k in cond if k not in EVENT_KEYS]
    if unknown:
        raise SegmentError(
            f"{where}: unknown key '{unknown[0]}' in an event test; expected {', '.join(EVENT_KEYS)}"
        )
    if events is None:
        raise SegmentError(f"{where}: tests an event, but no events are loaded")
    name = cond["event"]
    if not isinstance(name, str) or not name:
        raise SegmentError(f"{where}: 'event' must be an event name such as 'Product Viewed'; got {name!r}")
    days = _whole(where, "within_days", cond.get("within_days", 30), 1)
    least = _whole(where, "at_least", cond.get("at_least", 1), 0)
    most = cond.get("at_most")
    most = None if most is None else _whole(where, "at_most", most, 0)
    start = ibis.literal(as_of - timedelta(days=days), type=dt.Timestamp(timezone="UTC"))
    end = ibis.literal(as_of, type=dt.Timestamp(timezone="UTC"))
    hit = (events.event == ibis.literal(name)) | (events.type == ibis.literal(name.lower()))
    e = events.filter(hit, events.timestamp > start, events.timestamp <= end)
    counts = e.group_by("person_id").aggregate(n=e.count())
    n = (
        people.person_id.isin(counts.filter(counts.n >= max(least, 1)).person_id)
        if least
        else ibis.literal(True)
    )
    if most is not None:
        n = n & ~people.person_id.isin(counts.filter(counts.n > most).person_id)
    return n


def compile_where(
    cond: object, people: ir.Table, events: ir.Table | None, as_of: datetime, where: str
) -> ir.BooleanValue:
    """The condition tree ``cond`` as a boolean expression over ``people`` (one row per person)."""
    if not isinstance(cond, dict) or not cond:
        raise SegmentError(f"{where}: expected a condition (all, any, not, field or event); got {cond!r}")
    if "field" in cond:
        return _field(cond, where, people)
    if "event" in cond:
        return _event(cond, where, people, events, as_of)
    if len(cond) != 1:
        raise SegmentError(f"{where}: one of all, any or not per condition; got {', '.join(map(str, cond))}")
    key, body = next(iter(cond.items()))
    if key == "not":
        return ~compile_where(body, people, events, as_of, f"{where}.not")
    if key in ("all", "any"):
        if not isinstance(body, list) or not body:
            raise SegmentError(f"{where}.{key}: expected a non-empty list of conditions; got {body!r}")
        parts = [compile_where(c, people, events, as_of, f"{where}.{key}[{i}]") for i, c in enumerate(body)]
        return ibis.and_(*parts) if key == "all" else ibis.or_(*parts)
    near = difflib.get_close_matches(str(key), ["all", "any", "not", "field", "event"], n=1)
    hint = f"; did you mean '{near[0]}'?" if near else ""
    raise SegmentError(f"{where}: unknown key '{key}'{hint} Expected all, any, not, field or event")
