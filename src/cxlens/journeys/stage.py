"""Customer journeys: touchpoints across devices and channels, sessions and journeys, paths, funnels, pain
points, moments of truth and multi-touch attribution.

The stage writes its tables from ``touchpoints`` on; the same functions take any touchpoints table, and
``attribute`` takes a user's own path data.

>>> from cxlens.journeys import attribute, funnel  # doctest: +SKIP
"""

from __future__ import annotations

import ibis
import pandas as pd
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.config import Journeys
from cxlens.errors import InputError
from cxlens.journeys.attribution import attribute
from cxlens.journeys.funnels import ALL, summarise
from cxlens.journeys.pain import breakdown_units, moments_of_truth, pain_voices, rank_pain
from cxlens.journeys.paths import conversion_paths, flows, journeys, sessions
from cxlens.journeys.touchpoints import touchpoints
from cxlens.people import breakdowns
from cxlens.stage import Stage, steps
from cxlens.tables import (
    ATTRIBUTION,
    CUSTOMER_VALUE,
    FUNNEL,
    IDENTITY_RECORDS,
    JOURNEY_FLOWS,
    JOURNEYS,
    MOMENTS_OF_TRUTH,
    PAIN_POINTS,
    PAIN_VOICES,
    PERSONA_ASSIGNMENTS,
    TOUCHPOINTS,
)

SCRATCH = "journeys_funnel_units"
WRITES = (
    TOUCHPOINTS,
    JOURNEYS,
    JOURNEY_FLOWS,
    FUNNEL,
    PAIN_POINTS,
    PAIN_VOICES,
    MOMENTS_OF_TRUTH,
    ATTRIBUTION,
)
BREAKDOWNS = ("channel", "persona", "stage")  # the stage's funnel and pain points are broken down by these
ATTRIBUTION_MODELS = ("first_touch", "last_touch", "linear", "time_decay", "position", "markov", "shapley")


def run(con: BaseBackend, cfg: Journeys | None = None, progress: bool = False) -> dict:
    """Write touchpoints, journeys, flows, the configured funnel (overall and by channel, persona and
    lifecycle stage), pain points, moments of truth and attribution by every model."""
    cfg = cfg or Journeys()
    with steps("Journeys", "collecting touchpoints", progress) as say:
        s = engine.write(con, TOUCHPOINTS, sessions(touchpoints(con, cfg), cfg))
        say("assembling journeys")
        j = engine.write(con, JOURNEYS, journeys(s))
        say("flows between stages and channels")
        f = pd.concat([flows(s, "stage").assign(kind="stage"), flows(s, "channel").assign(kind="channel")])
        engine.write(con, JOURNEY_FLOWS, ibis.memtable(f[["kind", "source", "target", "moves"]]))
        who = breakdowns(con)
        say("funnel and pain points")
        result = {"touchpoints": int(s.count().execute()), "journeys": int(j.count().execute())}
        try:
            u, dims = breakdown_units(s, cfg.funnel, cfg.funnel_window_days, who, BREAKDOWNS)
            u = engine.scratch(con, SCRATCH, u)  # followed once; every breakdown and the pain points read it
            parts = [summarise(u.mutate(_bd=ibis.literal(ALL)), cfg.funnel).assign(dimension=ALL)]
            parts += [summarise(u.mutate(_bd=u[d]), cfg.funnel).assign(dimension=d) for d in dims]
            engine.write(con, FUNNEL, ibis.memtable(pd.concat(parts, ignore_index=True)))
            pain = rank_pain(s, u, cfg.funnel, dims)
            engine.write(con, PAIN_POINTS, ibis.memtable(pain))
            if len(pain):
                engine.write(con, PAIN_VOICES, pain_voices(s, u, pain, cfg.funnel))
            else:
                engine.drop(con, PAIN_VOICES)
            result["top_pain_point"] = (
                f"{pain.step[0]} via {pain.dimension[0]} {pain.value[0]}" if len(pain) else ""
            )
        except InputError as exc:  # the data has no such funnel: say so, keep the rest
            for name in (FUNNEL, PAIN_POINTS, PAIN_VOICES):
                engine.drop(con, name)
            result["funnel"] = str(exc)
        finally:
            engine.drop(con, SCRATCH)
        say("moments of truth")
        engine.write(con, MOMENTS_OF_TRUTH, ibis.memtable(moments_of_truth(s, j)))
        say("attribution")
        paths = conversion_paths(j)
        if len(paths) and paths.conversions.sum() > 0:
            att = [attribute(paths, model=m).assign(model=m) for m in ATTRIBUTION_MODELS]
            engine.write(con, ATTRIBUTION, ibis.memtable(pd.concat(att, ignore_index=True)))
            result["paths"] = len(paths)
    return result


STAGE = Stage(
    "journeys",
    "Journeys",
    run,
    writes=WRITES,
    needs=(IDENTITY_RECORDS, "events"),
    reads=(CUSTOMER_VALUE, PERSONA_ASSIGNMENTS, "orders", "feedback", "tickets"),
    config_key="journeys",
)
