"""Profiles: one row per person, assembled from every record identity gave them.

Every source value is kept in ``profile_values`` with where it came from; the profile shows the chosen one:
the first source in ``identity.source_priority``, then the most recent. Consent follows recency alone, and
on a tie an opt-out wins, so an older opt-in never overrides a later opt-out. Splitting a wrong merge loses
nothing: profiles are rebuilt from the untouched source tables.

>>> build_profiles(con, config.identity)  # doctest: +SKIP
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
from ibis import _
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.config import Identity
from cxlens.profiles.lookup import explain, find_person
from cxlens.schema import (
    IDENTITY_MAP,
    IDENTITY_RECORDS,
    PROFILE_VALUES,
    PROFILES,
    event_ids,
    event_record,
    record_id,
)

TRAITS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "birth_date",
    "gender",
    "address",
    "postcode",
    "city",
    "loyalty_id",
)
CONSENT = ("consent_email", "consent_sms", "consent_ads")
WRITES = (PROFILE_VALUES, PROFILES)


def values(con: BaseBackend, cfg: Identity) -> ir.Table:
    """Every trait and consent value of every person's contact records, ranked: rank 1 is shown."""
    c = con.table("contacts")
    recs = con.table(IDENTITY_RECORDS)
    c = c.mutate(record=record_id("contacts", c)).join(recs, "record")
    long = ibis.union(
        *[
            c.select(
                "person_id",
                "source",
                "record",
                field=ibis.literal(f),
                value=c[f].cast("string"),
                observed_at=c.created_at,
            )
            for f in (*TRAITS, *CONSENT)
        ]
    )
    long = long.filter(long.value.notnull() & (long.value != ""))
    pri = long.source.substitute(
        {s: i for i, s in enumerate(cfg.source_priority)}, else_=len(cfg.source_priority)
    )
    consent = long.field.isin(list(CONSENT))
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


def build_profiles(con: BaseBackend, cfg: Identity | None = None) -> dict:
    """Write ``profile_values`` and ``profiles``; return the headline counts."""
    cfg = cfg or Identity()
    pmap = con.table(IDENTITY_MAP)
    ids = pmap.group_by("person_id").aggregate(
        identifiers=pmap.node.collect().sort(),
        devices=pmap.node.startswith("anonymous_id:").sum(),
    )
    prof = ids
    if engine.has_table(con, "contacts"):
        v = engine.write(con, PROFILE_VALUES, values(con, cfg))
        top = v.filter(v.rank == 1)
        chosen = top.group_by("person_id").aggregate(
            **{f: top.value.max(where=top.field == f) for f in (*TRAITS, *CONSENT)}
        )
        chosen = chosen.mutate(
            **{f: chosen[f] == "true" for f in CONSENT}, birth_date=chosen.birth_date.cast("date")
        )
        prof = prof.left_join(chosen, "person_id").drop("person_id_right")
    else:  # no CRM: the same columns, empty, so a profile reads the same whatever the sources
        engine.drop(con, PROFILE_VALUES)
        types = {
            f: "boolean" if f in CONSENT else "date" if f == "birth_date" else "string"
            for f in (*TRAITS, *CONSENT)
        }
        prof = prof.mutate(**{f: ibis.null(t) for f, t in types.items()})
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
    return {"people": int(p.count().execute())}


__all__ = ["WRITES", "build_profiles", "explain", "find_person"]
