"""Profiles: one row per person, assembled from every record identity gave them.

Every source value is kept in ``profile_values`` with where it came from; the profile shows the chosen one:
the first source in ``identity.source_priority``, then the most recent. Consent follows recency alone, and
on a tie an opt-out wins, so an older opt-in never overrides a later opt-out. Splitting a wrong merge loses
nothing: profiles are rebuilt from the untouched source tables.

>>> run(con, config.identity)  # doctest: +SKIP
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
from ibis import _
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.config import Identity
from cxlens.ids import PUBLIC, TRAIT_FIELDS, event_ids, event_record, json_text, record_id, trait_keys, trim
from cxlens.privacy import CONSENT_FIELDS, consent_keys
from cxlens.stage import Stage
from cxlens.tables import IDENTITY_MAP, IDENTITY_RECORDS, PROFILE_VALUES, PROFILES

WRITES = (PROFILE_VALUES, PROFILES)
SCRATCH = "profile_event_traits"
# Trait values an event carries as it was sent, kept only in the form contacts hold them after ingest.
SHAPES = {
    "email": r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
    "phone": r"^\+[1-9]\d{6,14}$",
    "birth_date": r"^\d{4}-\d{2}-\d{2}$",  # an ISO date-time (Segment's birthday) is cut to its date
    "gender": r"^(female|male|other|unknown)$",
}


def _contact_values(con: BaseBackend, recs: ir.Table) -> list[ir.Table]:
    c = con.table("contacts")
    c = c.mutate(record=record_id("contacts", c)).join(recs, "record")
    return [
        c.select(
            "person_id", "source", "record", field=ibis.literal(f), value=c[f].cast("string"),
            observed_at=c.created_at,
        )
        for f in (*TRAIT_FIELDS, *CONSENT_FIELDS)
    ]  # fmt: skip


def _event_values(con: BaseBackend, recs: ir.Table) -> list[ir.Table]:
    """Traits and consent an identify call carried, each observed when the call was made: a live opt-out
    is a source value like a CRM's, so the next run keeps it; an opt-in sent with a public key is not. The
    calls are read once, every field in one pass, then turned into one row per field."""
    e = con.table("events")
    e = e.filter(e.traits.notnull() & e.traits.contains('"'))
    public = (e.trust.fill_null("") == PUBLIC) if "trust" in e.columns else ibis.literal(False)
    ids = event_ids(e.mutate(public=public), "message_id", "timestamp", "traits", "source", "public")
    e = ids.mutate(record=event_record(ids)).join(recs, "record")
    keys: dict[str, list[str]] = {}
    for key, f in (trait_keys() | consent_keys()).items():
        keys.setdefault(f, []).append(key)
    fields = {}
    for f, names in keys.items():
        if f in CONSENT_FIELDS:
            found = [e.traits.re_extract(rf'"{k}"\s*:\s*"?(true|false)"?', 1).nullif("") for k in names]
        else:
            found = [trim(json_text(e.traits, k)) for k in names]
        value = ibis.coalesce(*found) if len(found) > 1 else found[0]
        if f in ("email", "gender"):
            value = value.lower()
        if f == "birth_date":
            value = value.re_extract(r"^(\d{4}-\d{2}-\d{2})(T|$)", 1).nullif("")
        if f in SHAPES:
            value = ibis.ifelse(value.re_search(SHAPES[f]), value, ibis.null("string"))
        if f in CONSENT_FIELDS:  # a public key may opt out, never in (docs/security.md)
            value = ibis.ifelse(e.public & (value == "true"), ibis.null("string"), value)
        fields[f] = value
    wide = engine.scratch(
        con,
        SCRATCH,
        e.select(
            "person_id",
            "source",
            "public",
            record="events:" + e.message_id,
            observed_at=e.timestamp,
            **fields,
        ),
    )
    parts = [
        wide.select(
            "person_id", "source", "record", field=ibis.literal(f), value=wide[f], observed_at="observed_at"
        )
        for f in fields
    ]
    # an opt-out sent with a public key also holds for the person whose email it names (an unsubscribe page)
    m = con.table(IDENTITY_MAP)
    named = wide.filter(wide.public & wide.email.notnull())
    named = named.join(m, ("email:" + named.email) == m.node)
    return parts + [
        named.select(
            person_id=m.person_id,
            source=named.source,
            record=named.record,
            field=ibis.literal(f),
            value=ibis.ifelse(named[f] == "false", "false", ibis.null("string")),
            observed_at=named.observed_at,
        )
        for f in CONSENT_FIELDS
    ]


def values(con: BaseBackend, cfg: Identity) -> ir.Table:
    """Every trait and consent value of every person's contact records and identify calls, ranked: rank 1
    is shown."""
    recs = con.table(IDENTITY_RECORDS)
    parts = []
    if engine.has_table(con, "contacts"):
        parts += _contact_values(con, recs)
    if engine.has_table(con, "events"):
        parts += _event_values(con, recs)
    long = ibis.union(*parts)
    long = long.filter(long.value.notnull() & (long.value != ""))
    pri = long.source.substitute(
        {s: i for i, s in enumerate(cfg.source_priority)}, else_=len(cfg.source_priority)
    )
    consent = long.field.isin(list(CONSENT_FIELDS))
    order = [
        ibis.ifelse(consent, 0, pri),
        long.observed_at.desc(nulls_first=False),
        ibis.ifelse(consent, long.value, ""),  # on a tie, 'false' (opt-out) before 'true'
        long.record,
    ]
    rank = ibis.row_number().over(group_by=[long.person_id, long.field], order_by=order) + 1
    return long.mutate(rank=rank)


def _activity(con: BaseBackend) -> tuple[list[ir.Table], list[ir.Table]]:
    """Per person and source table: count, revenue, first and last seen; and (person_id, channel) rows.
    Events are grouped by identifier combination first: far fewer rows to join than events."""
    recs = con.table(IDENTITY_RECORDS)
    counts, channels = [], []
    for table, at, amount in (
        ("orders", "ordered_at", "total"),
        ("feedback", "submitted_at", None),
        ("tickets", "opened_at", None),
        ("mentions", "posted_at", None),
        ("contacts", "created_at", None),
        ("events", "timestamp", None),
    ):
        if not engine.has_table(con, table):
            continue
        t = con.table(table)
        has_channel = "channel" in t.columns
        channel = t.channel if has_channel else ibis.null("string")
        if table == "events":
            e = event_ids(t, "timestamp", "channel")
            t = e.group_by(record=event_record(e), channel=e.channel).aggregate(
                n=_.count(), amount=ibis.literal(0.0), first=e.timestamp.min(), last=e.timestamp.max()
            )
        else:
            amt = t[amount].cast("float64") if amount else ibis.literal(0.0)
            t = t.select(
                record=record_id(table, t),
                channel=channel,
                n=ibis.literal(1),
                amount=amt,
                first=t[at],
                last=t[at],
            )
        t = t.join(recs, "record")
        counts.append(
            t.group_by("person_id").aggregate(
                table=ibis.literal(table),
                n=t.n.sum(),
                revenue=t.amount.sum(),
                first=t.first.min(),
                last=t.last.max(),
            )
        )
        if has_channel:
            channels.append(t.filter(t.channel.notnull()).select("person_id", "channel").distinct())
    return counts, channels


def run(con: BaseBackend, cfg: Identity | None = None, progress: bool = False) -> dict:
    """Write ``profile_values`` and ``profiles``; return the headline counts."""
    cfg = cfg or Identity()
    pmap = con.table(IDENTITY_MAP)
    ids = pmap.group_by("person_id").aggregate(
        identifiers=pmap.node.collect().sort(),
        devices=pmap.node.startswith("anonymous_id:").sum(),
    )
    prof = ids
    if engine.has_table(con, "contacts") or engine.has_table(con, "events"):
        v = engine.write(con, PROFILE_VALUES, values(con, cfg))
        top = v.filter(v.rank == 1)
        chosen = top.group_by("person_id").aggregate(
            **{f: top.value.max(where=top.field == f) for f in (*TRAIT_FIELDS, *CONSENT_FIELDS)}
        )
        chosen = chosen.mutate(
            **{f: chosen[f] == "true" for f in CONSENT_FIELDS}, birth_date=chosen.birth_date.cast("date")
        )
        prof = prof.left_join(chosen, "person_id").drop("person_id_right")
    else:  # no traits anywhere: the declared columns, empty, so a profile reads the same whatever the sources
        engine.drop(con, PROFILE_VALUES)
    acts, chans = _activity(con)
    if acts:
        a = ibis.union(*acts)
        counts = {
            t: a.n.sum(where=a.table == t).fill_null(0)
            for t in ("contacts", "orders", "events", "feedback", "tickets", "mentions")
        }
        agg = a.group_by("person_id").aggregate(
            **counts,
            revenue=a.revenue.sum().round(2),
            first_seen=a.first.min(),
            last_seen=a.last.max(),
        )
        prof = prof.left_join(agg, "person_id").drop("person_id_right")
    if chans:
        ch = ibis.union(*chans)
        ch = ch.group_by("person_id").aggregate(channels=ch.channel.collect(distinct=True).sort())
        prof = prof.left_join(ch, "person_id").drop("person_id_right")
    p = engine.write(con, PROFILES, prof)
    engine.drop(con, SCRATCH)
    return {"people": int(p.count().execute())}


STAGE = Stage("profiles", "Profiles", run, writes=WRITES, needs=(IDENTITY_RECORDS,), config_key="identity")
