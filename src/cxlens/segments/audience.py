"""Audience export: a segment's members for one channel, only those who consented to it.

Consent is the profile's ``consent_<channel>``; a person whose consent is false or unknown is left out
and counted. With ``hash_ids``, emails and phones are normalised (trimmed and lower-cased; E.164) and
replaced by their SHA-256 hex digest, the form ad platforms match on. Every export is listed in
``audience_exports``, so that erasing a person also removes them from the files already written.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import ibis
import pandas as pd
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.config import Segment
from cxlens.errors import InputError
from cxlens.people import people
from cxlens.privacy import CHANNELS
from cxlens.tables import AUDIENCE_EXPORTS, SEGMENT_MEMBERS

HASHED = ("email", "phone")
WRITERS = {
    ".csv": lambda df, p: df.to_csv(p, index=False),
    ".parquet": lambda df, p: df.to_parquet(p, index=False),
}


def sha256(values: pd.Series, kind: str) -> pd.Series:
    """SHA-256 of normalised emails (trimmed, lower case) or phones (E.164 as profiles hold them)."""
    norm = values.astype("string").str.strip()
    norm = norm.str.lower() if kind == "email" else norm.str.replace(r"[^\d+]", "", regex=True)
    return norm.map(lambda v: hashlib.sha256(v.encode()).hexdigest() if isinstance(v, str) and v else None)


def export_audience(
    con: BaseBackend,
    segments: dict[str, Segment],
    name: str,
    out: str | Path,
    fields: list[str] | None = None,
    channel: str | None = None,
    hash_ids: bool = False,
) -> dict:
    """Write segment ``name``'s consented members to ``out`` (.csv or .parquet); return what was written
    and how many were left out for lack of consent."""
    if name not in segments:
        known = ", ".join(sorted(segments)) or "none are defined under 'segments:' in cxlens.yaml"
        raise InputError(f"audience: no segment named '{name}'; segments: {known}")
    out = Path(out)
    if out.suffix.lower() not in WRITERS:
        raise InputError(f"audience: '{out}' must end in .csv or .parquet")
    seg = segments[name]
    channel = channel or seg.channel
    if channel not in CHANNELS:
        raise InputError(
            f"audience: segment '{name}' needs a channel ({', '.join(CHANNELS)}) to check consent for; "
            f"got {channel!r}. Set segments.{name}.channel or pass --channel"
        )
    if not engine.has_table(con, SEGMENT_MEMBERS):
        raise InputError("audience: segments have not been built yet; run `cxlens run segments` first")
    base = people(con)
    fields = fields or seg.fields
    unknown = [f for f in fields if f not in base.columns]
    if unknown:
        raise InputError(
            f"audience: unknown field '{unknown[0]}'; fields are: {', '.join(sorted(base.columns))}"
        )
    m = con.table(SEGMENT_MEMBERS)
    m = m.filter(m.segment == name).select("person_id", "joined")
    rows = m.join(base, "person_id")
    consent = rows[f"consent_{channel}"].fill_null(False)
    total = int(rows.count().execute())
    keep = rows.filter(consent).select(*dict.fromkeys(["person_id", *fields]))
    df = keep.order_by("person_id").to_pandas()
    if hash_ids:
        for col in HASHED:
            if col in df:
                df[col] = sha256(df[col], col)
                df = df.rename(columns={col: f"{col}_sha256"})
    out.parent.mkdir(parents=True, exist_ok=True)
    WRITERS[out.suffix.lower()](df, out)
    made = {"path": [str(out.resolve())], "segment": [name], "channel": [channel], "written": [len(df)]}
    engine.append(con, AUDIENCE_EXPORTS, ibis.memtable({**made, "exported_at": [datetime.now(UTC)]}))
    return {
        "segment": name,
        "channel": channel,
        "path": str(out),
        "written": len(df),
        "no_consent": total - len(df),
    }
