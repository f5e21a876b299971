"""The forms real exports write dates and amounts in, read as Ibis expressions (the same on every engine).

Dates: ISO 8601 (``T`` or a space), ``YYYYMMDD``, Unix epoch seconds (10 digits) and milliseconds (13), and,
with ``dayfirst`` set on the source, ``01/02/2024``; or a strftime pattern per column (``formats:``), turned
into a regular expression whose groups are reassembled as ISO text. Amounts: currency symbols and codes
around the number, thousands separators, and a decimal comma when the source says ``decimal: ","``.
"""

from __future__ import annotations

import re

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir

UTC = dt.Timestamp(timezone="UTC")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# strftime directives a pattern may use: the regular expression each reads, and the ISO part it fills
DIRECTIVES = {  # keys: config.DIRECTIVES
    "Y": (r"(\d{4})", "year"),
    "y": (r"(\d{2})", "year2"),
    "m": (r"(\d{1,2})", "month"),
    "d": (r"(\d{1,2})", "day"),
    "b": (r"([A-Za-z]{3})", "month_name"),
    "B": (r"([A-Za-z]{3})[A-Za-z]*", "month_name"),
    "H": (r"(\d{1,2})", "hour"),
    "I": (r"(\d{1,2})", "hour12"),
    "p": (r"([AaPp][Mm])", "ampm"),
    "M": (r"(\d{2})", "minute"),
    "S": (r"(\d{2})", "second"),
    "f": (r"(\d{1,6})", "fraction"),
    "z": (r"(Z|[+-]\d{2}:?\d{2})", "offset"),
}
SLASHED = r"^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}$"
ISO = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$"  # as ``localise`` writes a local time in UTC
CURRENCY = r"(?:[A-Z]{3}|US\$|[$€£¥₹])"
NUMBER = r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$"


def _regex(pattern: str) -> tuple[str, list[str]]:
    """The regular expression a pattern reads, and the ISO part each of its groups fills."""
    out, parts, i = "^", [], 0
    while i < len(pattern):
        if pattern[i] == "%" and i + 1 < len(pattern):
            d = pattern[i + 1]
            if d == "%":
                out += "%"
            else:
                regex, part = DIRECTIVES[d]
                out, parts = out + regex, [*parts, part]
            i += 2
        else:
            out += r"\s+" if pattern[i] == " " else re.escape(pattern[i])
            i += 1
    return out + "$", parts


def _two(v: ir.StringValue) -> ir.StringValue:
    return v.lpad(2, "0")


def strptime(s: ir.StringValue, pattern: str) -> ir.TimestampValue:
    """The time ``s`` holds in the form ``pattern`` (NULL where it does not match or is no real date)."""
    regex, parts = _regex(pattern)
    got = {p: s.re_extract(regex, i + 1) for i, p in enumerate(parts)}
    if "year2" in got:
        yy = got["year2"]
        year = ibis.ifelse(yy.try_cast("int64") < 69, "20", "19") + yy
    else:
        year = got["year"]
    if "month_name" in got:
        name = got["month_name"].lower()
        month = ibis.cases(*[(name == m, f"{i + 1:02d}") for i, m in enumerate(MONTHS)], else_="")
    else:
        month = _two(got["month"]) if "month" in got else ibis.literal("01")
    day = _two(got["day"]) if "day" in got else ibis.literal("01")
    if "hour12" in got:
        pm = got.get("ampm", ibis.literal("am")).lower() == "pm"
        h = got["hour12"].try_cast("int64") % 12 + ibis.ifelse(pm, 12, 0)
        hour = _two(h.cast("string"))
    else:
        hour = _two(got["hour"]) if "hour" in got else ibis.literal("00")
    minute = got.get("minute", ibis.literal("00"))
    second = got.get("second", ibis.literal("00"))
    iso = year + "-" + month + "-" + day + "T" + hour + ":" + minute + ":" + second
    if "fraction" in got:
        iso = iso + "." + got["fraction"]
    if "offset" in got:
        z = got["offset"]
        iso = iso + ibis.ifelse(z == "Z", "+00:00", z.substr(0, 3) + ":" + z.right(2))
    matched = s.re_search(regex)
    return ibis.ifelse(matched, iso.try_cast(UTC), ibis.null(UTC))


def when(s: ir.StringValue, pattern: str | None, dayfirst: bool | None) -> ir.TimestampValue:
    """The time ``s`` holds: in ``pattern`` when given, else in any unambiguous form (and ``01/02/2024``
    when ``dayfirst`` says which comes first)."""
    if pattern:  # or ISO 8601, which ingest writes for local times it has placed in UTC
        return ibis.coalesce(strptime(s, pattern), s.re_search(ISO).ifelse(s.try_cast(UTC), ibis.null(UTC)))
    digits = s.re_search(r"^\d+$")
    cases = [  # ISO 8601 first, found by where its dashes lie: most values are, and need no regex
        ((s.substr(4, 1) == "-") & (s.substr(7, 1) == "-"), s.try_cast(UTC)),
        (s.re_search(r"^\d{8}$"), strptime(s, "%Y%m%d")),
        (digits & (s.length() == 10), s.try_cast("int64").as_timestamp("s").cast(UTC)),
        (digits & (s.length() == 13), (s.try_cast("int64") // 1000).as_timestamp("s").cast(UTC)),
    ]
    if dayfirst is not None:
        slashed = s.re_replace(r"[.\-]", "/")
        form = "%d/%m/%Y" if dayfirst else "%m/%d/%Y"
        cases.append((s.re_search(SLASHED), strptime(slashed, form)))
    return ibis.cases(*cases, else_=s.try_cast(UTC))


def ambiguous(s: ir.StringValue) -> ir.BooleanValue:
    """Whether ``s`` is a date like ``01/02/2024`` that reads either way round."""
    return s.re_search(SLASHED)


def amount(s: ir.StringValue, decimal: str) -> ir.StringValue:
    """The number in an amount as plain text (``-1234.56``): a sign, a currency symbol or code before or
    after it, thousands separators and the source's decimal mark taken off."""
    negative = s.re_search(r"^\D*-") | s.re_search(r"^\(.*\)$")  # -$5, $-5, (5.00)
    t = s.re_replace(r"^[+-]|^\(|\)$", "")
    t = t.re_replace(rf"^{CURRENCY}\s*", "").re_replace(rf"\s*{CURRENCY}$", "").re_replace(r"^[+-]", "")
    gap = "[\\s\u00a0\u202f']"  # a space, no-break spaces (the characters themselves) or an apostrophe
    spaced = t.re_search(rf"^\d{{1,3}}({gap}\d{{3}})+([.,]\d*)?$")  # 1 234,56 and 1'234.56
    t = ibis.ifelse(spaced, t.re_replace(gap, ""), t)
    group, point = (",", ".") if decimal == "." else (".", ",")
    grouped = rf"^\d{{1,3}}(\{group}\d{{3}})+(\{point}\d*)?$"
    t = ibis.ifelse(t.re_search(grouped), t.replace(group, ""), t)
    if decimal != ".":
        t = t.replace(",", ".")
    return ibis.ifelse(negative, "-" + t, t)


def number(s: ir.StringValue, decimal: str) -> ir.FloatingValue:
    """The number an amount holds (see ``amount``), NULL when it holds none."""
    a = amount(s, decimal)
    return ibis.ifelse(a.re_search(NUMBER), a.try_cast("float64"), ibis.null("float64"))
