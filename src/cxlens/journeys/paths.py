"""Sessions and journeys from touchpoints, and what paths people take through them.

A session ends after ``session_gap_minutes`` without a touchpoint; a journey ends at a conversion or after
``journey_gap_days`` of silence. Both are window functions in Ibis, so they run where the data is. A
journey's marketing path is the channels of its arrivals in order (``ads > email > direct``), the input of
attribution.

>>> j = journeys(sessions(touchpoints(con, cfg), cfg))  # doctest: +SKIP
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import pandas as pd

from cxlens.config import Journeys
from cxlens.errors import InputError
from cxlens.journeys.touchpoints import ARRIVALS

SEP = " > "


def seconds(ts: ir.TimestampValue) -> ir.IntegerValue:
    """Whole seconds since 1970: Spark has no finer epoch, so both engines count whole seconds alike."""
    return ts.epoch_seconds().floor().cast("int64")


def hours(a: ir.TimestampValue, b: ir.TimestampValue) -> ir.FloatingValue:
    """Hours from ``b`` to ``a``, as a float on both engines (Spark would otherwise divide in decimals)."""
    return (seconds(a) - seconds(b)).cast("float64") / 3600.0


def ordered(values: ir.Column, by: ir.Column, where: ir.BooleanValue | None = None) -> ir.ArrayValue:
    """``values`` collected in the order of ``by``: a sorted array of (by, value) pairs, since Ibis cannot
    order an aggregation on Spark."""
    pairs = ibis.struct({"k": by, "v": values}).collect(where=where)
    return pairs.sort().map(lambda x: x.v)


def sessions(t: ir.Table, cfg: Journeys) -> ir.Table:
    """Touchpoints with ``journey_id``, ``session_id``, ``step`` (1-based, within the journey) and
    ``switch`` (the channel differs from the previous touchpoint's in the journey).

    Two passes over one ordering (person, time): the first looks back one touchpoint, the second carries
    running counts, so the warehouse sorts twice however many columns come out."""
    w = ibis.window(group_by=t.person_id, order_by=[t.at, t.source, t.touchpoint])
    gap = seconds(t.at) - seconds(t.at.lag().over(w))
    after_conversion = t.is_conversion.lag().over(w).fill_null(False)
    new_journey = gap.isnull() | after_conversion | (gap > cfg.journey_gap_days * 86400)
    new_session = new_journey | (gap > cfg.session_gap_minutes * 60)
    rn = ibis.row_number().over(w)
    t = t.mutate(
        _nj=new_journey.cast("int64"),
        _ns=new_session.cast("int64"),
        _rn=rn,
        _js=ibis.ifelse(new_journey, rn, 0),
        switch=(~new_journey & (t.channel != t.channel.lag().over(w))).fill_null(False),
    )
    c = ibis.cumulative_window(group_by=t.person_id, order_by=[t.at, t.source, t.touchpoint])
    t = t.mutate(
        journey_id=t.person_id + ":" + t._nj.sum().over(c).cast("string"),
        session_id=t.person_id + ":" + t._ns.sum().over(c).cast("string"),
        step=t._rn - t._js.max().over(c) + 1,
    )
    return t.drop("_nj", "_ns", "_rn", "_js")


def journeys(s: ir.Table) -> ir.Table:
    """One row per journey: who, when, how many touchpoints, sessions, devices and channels, loops and
    channel switches, whether and when it converted, its value, and its marketing path."""
    touch = s.channel.isin(ARRIVALS)
    j = s.group_by("journey_id").aggregate(
        person_id=s.person_id.first(),
        start=s.at.min(),
        end=s.at.max(),
        touchpoints=s.count(),
        sessions=s.session_id.nunique(),
        devices=s.device.nunique(),
        channels=s.channel.nunique(),
        loops=s.count() - s.touchpoint.nunique(),
        channel_switches=s.switch.cast("int64").sum(),
        converted=s.is_conversion.any(),
        converted_at=s.at.min(where=s.is_conversion),
        value=s.value.sum(where=s.is_conversion).fill_null(0.0),
        path=ibis.literal(SEP).join(ordered(s.channel, s.step, where=touch)),
        first_channel=s.channel.argmin(s.step),
    )
    return j.mutate(
        path=j.path.nullif(""),
        hours_to_convert=hours(j.converted_at, j.start),
    )


def conversion_paths(j: ir.Table) -> pd.DataFrame:
    """Distinct marketing paths with their conversions, non-conversions and value: attribute()'s input."""
    p = j.filter(j.path.notnull())
    return (
        p.group_by("path")
        .aggregate(
            conversions=p.converted.cast("int64").sum(),
            non_conversions=(~p.converted).cast("int64").sum(),
            value=p.value.sum(),
        )
        .to_pandas()
    )


def flows(s: ir.Table, column: str) -> pd.DataFrame:
    """Counts of moves from one ``column`` value (stage or channel) to a different next one, within
    journeys: the Sankey of stage-to-stage or channel-to-channel flows."""
    w = ibis.window(group_by=s.journey_id, order_by=s.step)
    m = s.mutate(_from=s[column], _to=s[column].lead().over(w))
    m = m.filter(m._to.notnull() & (m._to != m._from))
    return (
        m.group_by(source="_from", target="_to")
        .aggregate(moves=m.count())
        .order_by(ibis.desc("moves"))
        .to_pandas()
    )


def paths_from(
    s: ir.Table, anchor: str, steps: int = 4, top: int = 5, backward: bool = False
) -> pd.DataFrame:
    """Where journeys go after (or, ``backward``, came from before) their first ``anchor`` touchpoint: links
    between the touchpoints ``offset`` and ``offset + 1`` steps away, keeping the ``top`` names per step and
    folding the rest into "Others". Consecutive repeats of one touchpoint count once."""
    w = ibis.window(group_by=s.journey_id, order_by=s.step)
    s = s.mutate(_new=(s.touchpoint != s.touchpoint.lag().over(w)).fill_null(True))
    s = s.filter(s._new)
    s = s.mutate(step=ibis.row_number().over(group_by=s.journey_id, order_by=s.step))
    first = s.filter(s.touchpoint == anchor).group_by("journey_id").aggregate(_a=ibis._.step.min())
    m = s.join(first, "journey_id")
    m = m.mutate(offset=(m._a - m.step) if backward else (m.step - m._a))
    m = m.filter((m.offset >= 0) & (m.offset <= steps))
    df = m.select("journey_id", "offset", "touchpoint").to_pandas()
    if df.empty:
        raise InputError(f"path analysis: no journey reaches '{anchor}'; check the touchpoint name")
    keep = df.groupby("offset").touchpoint.agg(lambda x: set(x.value_counts().index[:top]))
    df["node"] = [t if t in keep[o] else "Others" for o, t in zip(df.offset, df.touchpoint, strict=True)]
    df = df.sort_values(["journey_id", "offset"])
    df["next"] = df.groupby("journey_id").node.shift(-1)
    links = df.dropna(subset=["next"])
    return (
        links.groupby(["offset", "node", "next"], as_index=False)
        .size()
        .rename(columns={"size": "journeys"})
        .sort_values(["offset", "journeys"], ascending=[True, False])
        .reset_index(drop=True)
    )
