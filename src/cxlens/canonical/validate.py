"""Parse and validate a source as one Ibis expression, so the same checks run on DuckDB and Spark.

A source's columns are matched to the canonical ones by the names and aliases the table declares, in any
case and spacing, or as ``columns:`` maps them. Each canonical column is parsed from its source column
according to its kind (see `cxlens.tables.Field`). A row gets ``_field`` and ``_reason`` from the first
check it fails, e.g. ``'amount' (total) is '12,50 EUR'; expected a number like 12.50``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir
import phonenumbers

from cxlens.canonical.forms import ambiguous, number, when
from cxlens.config import Source
from cxlens.errors import SourceError
from cxlens.ids import trim
from cxlens.tables import CLOCK_AHEAD, CLOCK_EARLIEST, TABLES, Field, Table, dtype

UTC = dt.Timestamp(timezone="UTC")
TRUE, FALSE = ("true", "t", "yes", "y", "1"), ("false", "f", "no", "n", "0")
EARLIEST = ibis.literal(CLOCK_EARLIEST.isoformat(), type=UTC)
AHEAD = ibis.interval(seconds=int(CLOCK_AHEAD.total_seconds()))
EMAIL = r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$"
INTEGER = r"^[+-]?[0-9]+$"
EXPECTED = {
    "email": "an email address like name@example.com",
    "phone": "a phone number, international (+44 20 7946 0958) or national for the project's region",
    "timestamp": "a date-time (ISO 8601, e.g. 2025-03-01T14:05:00Z)",
    "date": "a date (YYYY-MM-DD)",
    "float": "a number like 12.50",
    "int": "a whole number",
    "bool": "yes/no (true, false, y, n, 1, 0)",
}


def _text(col: ir.Column, kind: str) -> ir.StringValue:
    """The text of a value; surrounding white space goes, except around a JSON document, where it means
    nothing and trimming long documents was the largest cost of validation."""
    s = col.cast(dt.string)
    return s.nullif("") if kind == "json" else trim(s)


def _phone(s: ir.StringValue, region: str) -> ir.StringValue:
    """E.164 from the ways people type numbers, using the region's dialling rules from phonenumbers."""
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    cc = str(meta.country_code)
    lengths = list(meta.general_desc.possible_length) or list(range(6, 13))
    intl = (meta.international_prefix or "00") if (meta.international_prefix or "").isdigit() else "00"
    nat = meta.national_prefix or ""
    d = s.re_replace(r"[^0-9]", "")
    n = d.length()
    cases = [(s.startswith("+"), d), (d.startswith(intl), d.substr(len(intl)))]
    cases.append((d.startswith(cc) & n.isin([len(cc) + k for k in lengths]), d))
    if nat:
        cases.append(
            (
                d.startswith(nat) & n.isin([len(nat) + k for k in lengths]),
                ibis.literal(cc) + d.substr(len(nat)),
            )
        )
    cases.append((n.isin(lengths), ibis.literal(cc) + d))
    digits = ibis.cases(*cases, else_=ibis.null(dt.string))
    return ibis.ifelse(digits.length().between(8, 15), "+" + digits, ibis.null(dt.string))


def _parse(col: ir.Column, f: Field, region: str, source: Source) -> ir.Value:
    """The canonical value of one column, NULL when it is missing or cannot be parsed; dates and amounts
    in the forms the source writes them (see ``forms``)."""
    typ = col.type()
    if f.kind in ("float", "int") and typ.is_numeric():
        return col.cast(dtype(f))
    if f.kind == "bool" and typ.is_boolean():
        return col
    if f.kind == "timestamp" and typ.is_timestamp():
        return col.cast(UTC) if typ.timezone is None else col
    if f.kind == "date" and (typ.is_date() or typ.is_timestamp()):
        return col.cast(dt.date)
    s = col.cast(dt.string)  # already cleaned by validate()
    match f.kind:
        case "email":
            e = s.lower()
            return ibis.ifelse(e.re_search(EMAIL), e, ibis.null(dt.string))
        case "phone":
            return _phone(s, region)
        case "enum":
            v = s.lower()
            return ibis.ifelse(v.isin(list(f.values)), v, ibis.null(dt.string))
        case "float":
            return number(s, source.decimal)
        case "int":
            return ibis.ifelse(s.re_search(INTEGER), s.try_cast(dt.int64), ibis.null(dt.int64))
        case "bool":
            v = s.lower()
            return ibis.cases(
                (v.isin(list(TRUE)), True), (v.isin(list(FALSE)), False), else_=ibis.null(dt.boolean)
            )
        case "timestamp":
            return when(s, source.formats.get(f.name), source.dayfirst)
        case "date":
            pattern = source.formats.get(f.name)
            iso = s.re_search(r"^\d{4}-\d\d-\d\d$") if not pattern else ibis.literal(False)
            return ibis.ifelse(iso, s.try_cast(dt.date), when(s, pattern, source.dayfirst).date())
        case _:
            return s


def _shown(col: ir.Column) -> ir.StringValue:
    return col.cast(dt.string).substr(0, 60)


def validate(
    t: ir.Table,
    table: Table,
    mapping: dict[str, str],
    region: str,
    keep: tuple[str, ...] = ("_row",),
    source: Source | None = None,
) -> ir.Table:
    """Canonical columns plus ``keep``, ``_field`` and ``_reason`` (NULL when the row is good).

    ``mapping`` names the source column of each canonical column present in the source; ``keep`` are
    bookkeeping columns passed through; ``source`` says how dates and amounts are written (its
    ``formats``, ``dayfirst`` and ``decimal``). A derived key the source lacks is the digest of the row's
    values, so identical rows share it.
    """
    source = source or Source(name="source", table=table.name, path="-", format="csv")
    # Three projections, so each value is cleaned and parsed once and the checks read plain columns.
    fields = [f for f in table.fields if f.name in mapping]
    clean = t.select(
        *keep,
        **{
            f"_s_{f.name}": _text(c, f.kind) if (c := t[mapping[f.name]]).type().is_string() else c
            for f in fields
        },
    )
    p = clean.select(
        *keep,
        **{f"_s_{f.name}": clean[f"_s_{f.name}"] for f in fields},
        **{f.name: _parse(clean[f"_s_{f.name}"], f, region, source) for f in fields},
    )
    parsed = {f.name: p[f.name] if f.name in mapping else ibis.null(dtype(f)) for f in table.fields}
    derived = [f.name for f in table.fields if f.derived and f.name not in mapping]
    if derived:
        text = ibis.literal("\x1f").join([p[f"_s_{f.name}"].cast(dt.string).fill_null("") for f in fields])
        parsed |= dict.fromkeys(derived, "h" + text.hexdigest("md5"))
    checks = []
    for f in fields:
        label = f"'{f.name}'" if mapping[f.name] == f.name else f"'{mapping[f.name]}' ({f.name})"
        value, given, shown = p[f.name], p[f"_s_{f.name}"].notnull(), _shown(p[f"_s_{f.name}"])
        if f.required:
            checks.append((~given, f.name, ibis.literal(f"{label} is empty; it is required")))
        pattern = source.formats.get(f.name)
        if f.kind in ("timestamp", "date") and not pattern and source.dayfirst is None:
            checks.append(
                (
                    given & value.isnull() & ambiguous(p[f"_s_{f.name}"].cast(dt.string)),
                    f.name,
                    label + " is '" + shown + "', which reads as day/month or month/day; set dayfirst: "
                    f"true or false on source '{source.name}' (or formats: {{{f.name}: \"%d/%m/%Y\"}})",
                )
            )
        if f.kind in EXPECTED or f.kind == "enum":
            expected = EXPECTED.get(f.kind) or "one of " + ", ".join(f.values)
            if pattern:
                expected = f"a {f.kind.replace('timestamp', 'date-time')} in the form {pattern} (formats:)"
            checks.append(
                (given & value.isnull(), f.name, label + " is '" + shown + f"'; expected {expected}")
            )
        if f.clock:
            plausible = (value >= EARLIEST) & (value <= ibis.now() + AHEAD)
            expected = "'; expected a time from 2000 to a day from now"
            checks.append((~plausible, f.name, label + " is '" + shown + expected))
        if f.min is not None:
            checks.append((value < f.min, f.name, label + " is " + shown + f"; expected at least {f.min:g}"))
        if f.max is not None:
            checks.append((value > f.max, f.name, label + " is " + shown + f"; expected at most {f.max:g}"))
    if table.one_of:
        present = [c for c in table.one_of if c in mapping]
        none = ibis.literal(True)
        for c in present:
            none = none & parsed[c].isnull()
        checks.append(
            (
                none,
                " or ".join(present),
                ibis.literal(f"no person reference; expected at least one of {', '.join(table.one_of)}"),
            )
        )
    # a rule over a column the source lacks reads NULL there and so never fails (a track call without any
    # event column still fails: its event is missing)
    for column, rule, message in table.rules:
        checks.append((_rule(rule, parsed), column, ibis.literal(message)))
    field = ibis.cases(
        *[(c.fill_null(False), ibis.literal(name)) for c, name, _ in checks], else_=ibis.null(dt.string)
    )
    reason = ibis.cases(*[(c.fill_null(False), msg) for c, _, msg in checks], else_=ibis.null(dt.string))
    return p.select(*keep, **parsed, _field=field, _reason=reason)


def _rule(rule: str, p: dict) -> ir.BooleanValue:
    if rule == "track_has_event":
        return (p["type"] == "track") & p["event"].isnull()
    if rule == "csat_in_1_5":
        return (p["kind"] == "csat") & ~p["score"].between(1, 5)
    raise ValueError(f"unknown rule {rule}")


def mapping(source: Source, names: list[str], path: Path) -> dict[str, str]:
    """Which source column feeds each canonical column; refuses a file that lacks what the table needs."""
    table = TABLES[source.table]
    have = set(names)
    out: dict[str, str] = {}
    for f in table.fields:
        if f.name in source.columns:
            col = source.columns[f.name]
            if col not in have:
                raise SourceError(
                    f"{path}: column '{col}' (mapped to {f.name} in cxlens.yaml) is not in the file; "
                    f"its columns are: {', '.join(names)}"
                )
            out[f.name] = col
        else:  # its name or an alias, as written or in another case and spacing ("First Name")
            names_of = (f.name, *f.aliases)
            col = next((c for c in names_of if c in have), None)
            col = col or next((c for c in names if _plain(c) in {_plain(n) for n in names_of}), None)
            if col is not None:
                out[f.name] = col
    missing = [f.name for f in table.fields if f.required and not f.derived and f.name not in out]
    if missing:
        raise SourceError(
            f"{path}: no column for required {table.name} field(s) {', '.join(missing)}; map them under "
            f"columns: in source '{source.name}' of cxlens.yaml (the file has: {', '.join(names)})"
            + _delimiter(names, source)
        )
    if table.one_of and not any(c in out for c in table.one_of):
        raise SourceError(
            f"{path}: no column says who the row is about; expected one of {', '.join(table.one_of)} "
            f"(map yours under columns: in source '{source.name}')"
        )
    return out


def _delimiter(names: list[str], source: Source) -> str:
    """When a CSV's header reads as one column, the delimiter its name suggests."""
    if source.format != "csv" or len(names) != 1:
        return ""
    found = next((d for d in (";", "\t", "|") if d in names[0]), None)
    setting = f"delimiter: {json.dumps(found)}" if found else "delimiter: whitespace"
    if not found and not re.search(r"\s", names[0].strip()):
        return ""
    return f"; the header reads as one column: set {setting} on source '{source.name}'"


def _plain(name: str) -> str:
    """A column name without case, spaces or punctuation: ``First Name`` and ``first_name`` are one."""
    return re.sub(r"[^0-9a-z]", "", name.lower())
