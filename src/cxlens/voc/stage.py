"""Voice of the customer: NPS and CSAT with intervals by period, persona, lifecycle stage, touchpoint and
channel; expectation signals from behaviour; and what comments, tickets and social posts say (sentiment,
intent, themes).

>>> from cxlens.voc import nps, csat, classify  # doctest: +SKIP
"""

from __future__ import annotations

import ibis
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.config import Voc
from cxlens.people import breakdowns
from cxlens.stage import Stage, steps
from cxlens.tables import (
    CUSTOMER_VALUE,
    EXPECTATION_SIGNALS,
    FEEDBACK_SCORED,
    IDENTITY_RECORDS,
    PERSONA_ASSIGNMENTS,
    VOC_DRIVERS,
    VOC_SCORES,
)
from cxlens.voc.breakdown import counts, scores
from cxlens.voc.drivers import key_drivers
from cxlens.voc.feedback import score_texts, voices
from cxlens.voc.signals import signals
from cxlens.voc.text import THEMES

WRITES = (FEEDBACK_SCORED, VOC_SCORES, VOC_DRIVERS, EXPECTATION_SIGNALS)


def vocabulary(cfg: Voc) -> dict[str, tuple[str, ...]]:
    """The default themes with ``voc.themes`` added (a theme named there replaces the default's words)."""
    return {**THEMES, **{k: tuple(w.lower() for w in v) for k, v in cfg.themes.items()}}


def run(con: BaseBackend, cfg: Voc | None = None, progress: bool = False) -> dict:
    """Write ``feedback_scored`` (every comment, ticket and post, read), ``voc_scores`` and
    ``expectation_signals``; return the headline figures."""
    cfg = cfg or Voc()
    who = breakdowns(con)
    out: dict = {}
    with steps("Voice of the customer", "reading comments, tickets and posts", progress) as say:
        v = voices(con)
        if v is not None:
            f = engine.write(con, FEEDBACK_SCORED, score_texts(v, vocabulary(cfg)))
            say("scores by period, persona, stage, touchpoint and channel")
            s = scores(counts(f, who, cfg), cfg)
            engine.write(con, VOC_SCORES, ibis.memtable(s))
            overall = s[s.dimension == "all"].set_index("metric").score
            out |= {m: round(float(x), 3) for m, x in overall.items()}
            out["texts"] = int(f.text.count().execute())  # count: a sum over no rows is null
            say("key drivers of NPS, CSAT and churn")
            d = key_drivers(con, f, who)
            engine.write(con, VOC_DRIVERS, d)
            out["drivers"] = {m: g.driver.iloc[0] for m, g in d.groupby("metric")} if len(d) else {}
        say("expectation signals")
        sig = signals(con, cfg, who)
        if len(sig):
            engine.write(con, EXPECTATION_SIGNALS, ibis.memtable(sig.astype({"period_start": object})))
        out["signals"] = int(sig.signal.nunique()) if len(sig) else 0
    return out


STAGE = Stage(
    "voc",
    "Voice of the customer",
    run,
    writes=WRITES,
    needs=(IDENTITY_RECORDS,),
    needs_any=("feedback", "tickets", "mentions", "orders"),
    reads=(CUSTOMER_VALUE, PERSONA_ASSIGNMENTS, "order_items", "orders", "tickets"),
    config_key="voc",
)
