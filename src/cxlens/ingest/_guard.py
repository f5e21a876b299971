"""A source whose rows are mostly refused fails ingest loudly: its top reasons, a value of each, and the
setting that would read them (e.g. ``formats: {ordered_at: "%d-%b-%Y"}``), found by trying the sample value
with Python's own parsers."""

from __future__ import annotations

import re
from datetime import datetime

from ibis.backends import BaseBackend

from cxlens.config import Source
from cxlens.tables import QUARANTINE, TABLES

# date forms people export, tried in this order on a refused value to suggest a pattern
PATTERNS = (
    "%d/%m/%Y", "%m/%d/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d", "%d-%b-%Y", "%d %b %Y", "%b %d, %Y",
    "%d %B %Y", "%B %d, %Y", "%d/%m/%Y %H:%M", "%m/%d/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%m/%d/%Y %H:%M:%S",
    "%d/%m/%y", "%m/%d/%y", "%Y%m%d%H%M%S", "%d-%b-%y", "%Y-%m-%d %H:%M:%S %z",
)  # fmt: skip


def fix(source: Source, field: str, reason: str) -> str | None:
    """The setting that would read the value ``reason`` quotes, if one would."""
    kind = TABLES[source.table].field(field).kind if field in TABLES[source.table].columns else None
    value = m[1] if (m := re.search(r" is '(.*)'(?:;|, which)", reason)) else None
    if "set dayfirst" in reason:
        return f"set dayfirst: true or false on source '{source.name}'"
    if "it is required" in reason:
        return f"map the column that holds {field} under columns: in source '{source.name}'"
    if value is None:
        return None
    if kind in ("timestamp", "date"):
        for pattern in PATTERNS:
            try:
                datetime.strptime(value, pattern)
            except ValueError:
                continue
            return f"add formats: {{{field}: \"{pattern}\"}} to source '{source.name}'"
        return f"add formats: {{{field}: \"...\"}} with its strftime pattern to source '{source.name}'"
    if kind == "float" and re.fullmatch(r"\D*\d{1,3}([.\s]\d{3})*,\d+\D*", value):
        return f"set decimal: \",\" on source '{source.name}'"
    return None


def refused(con: BaseBackend, source: Source, read: int, quarantined: int, reasons: dict[str, int]) -> str:
    """Why a source was refused: how many rows, the top three reasons with a value and a fix each."""
    q = con.table(QUARANTINE)
    lines = [
        f"source '{source.name}': {quarantined:,} of {read:,} rows ({quarantined / read:.0%}) were "
        f"quarantined, more than max_quarantine_share {source.max_quarantine_share:g} allows:"
    ]
    for field, n in sorted(reasons.items(), key=lambda kv: -kv[1])[:3]:
        mine = q.filter((q.source == source.name) & (q.field == field))
        sample = mine.order_by([mine.ingested_at.desc(), "file", "row"]).limit(1).reason.to_pandas()
        reason = sample.iloc[0] if len(sample) else ""
        hint = fix(source, field, reason)
        lines.append(f"  {field}: {n:,} rows, e.g. {reason}" + (f"; fix: {hint}" if hint else ""))
    lines.append(
        "The rows are kept in the quarantine table; after the fix, `cxlens ingest` loads them (or raise "
        "max_quarantine_share on the source to accept them as they are)."
    )
    return "\n".join(lines)
