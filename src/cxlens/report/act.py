"""The report's first screen: at most five things to act on, each one sentence with its number and a link to
the section that shows it, and a one-line health check of the data underneath.

Findings worth money (the costliest pain point, the value held by customers at risk, the persona with the
most headroom) come first, largest first; then the first NPS driver to fix, the action whose holdout shows
the clearest effect, and the most unusual order. Each number is formatted as its section shows it, so a
reader who follows the link finds it there.

>>> findings(con)  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass

import ibis
import pandas as pd
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.report._page import Section, esc, frame, number
from cxlens.report.experiments import _points
from cxlens.report.personas import headroom
from cxlens.tables import (
    ALERTS,
    CUSTOMER_VALUE,
    EXPERIMENT_ACTIONS,
    IDENTITY_MAP,
    PAIN_POINTS,
    PERSONAS,
    QUARANTINE,
    STAGE_RUNS,
    VOC_DRIVERS,
)

MOST = 5


@dataclass
class Finding:
    section: str  # the id of the section that shows it
    text: str  # the sentence, with {n} where the number goes
    number: str  # as the section shows it
    stake: float | None = None  # money at stake, which orders the findings that have it

    def html(self) -> str:
        before, _, after = esc(self.text).partition("{n}")
        return f'<li data-section="{self.section}">{before}<b class="n">{esc(self.number)}</b>{after} ' \
            f'<a href="#{self.section}">See it</a></li>'  # fmt: skip


def _pain(con: BaseBackend) -> Finding | None:
    p = con.table(PAIN_POINTS).order_by("rank").limit(1).to_pandas()
    if p.empty or not p.lost_value.iloc[0] > 0:
        return None
    r = p.iloc[0]
    return Finding(
        "journeys",
        f"Journeys hurt most at {r.step} ({r.dimension}: {r.value}): {r.excess_drop:,.0f} more stop there "
        "than "
        "expected, losing {n} in value. Fix that step first.",
        number(round(float(r.lost_value))),
        float(r.lost_value),
    )


def _at_risk(con: BaseBackend) -> Finding | None:
    cv = con.table(CUSTOMER_VALUE)
    cv = cv.filter(cv.stage == "at_risk")
    r = cv.aggregate(n=cv.count(), clv=cv.clv.sum()).to_pandas().iloc[0]
    if not r.n or pd.isna(r.clv) or not r.clv > 0:
        return None
    return Finding(
        "customers",
        f"{int(r.n):,} customers are at risk of lapsing; the models still expect {{n}} from them over the "
        "next year, which a win-back now protects.",
        number(round(float(r.clv))),
        float(r.clv),
    )


def _headroom(con: BaseBackend) -> Finding | None:
    h = headroom(con)
    if h is None or h.empty or not h.headroom.iloc[0] > 0:
        return None
    r = h.iloc[0]
    return Finding(
        "personas",
        f"{int(r.prospects):,} prospects look like {r.persona}, whose customers are each expected to bring "
        f"{r.clv:,.0f}: {{n}} if they bought. That persona has the most headroom.",
        number(round(float(r.headroom))),
        float(r.headroom),
    )


def _driver(con: BaseBackend) -> Finding | None:
    d = frame(con, VOC_DRIVERS)
    d = d[(d.metric == "nps") & d.fix_first].sort_values("rank") if len(d) else d
    if d.empty:
        return None
    r = d.iloc[0]
    what = r.driver if pd.isna(r.level) else f"{r.driver} ({r.level})"
    return Finding(
        "drivers",
        f"The first thing to fix for NPS: {what}. It touches {{n}} of answers, who score "
        f"{r.score_affected:.1f} "
        f"out of 10 against {r.score_others:.1f}.",
        f"{r.share_affected:.0%}",
    )


def _action(con: BaseBackend) -> Finding | None:
    a = frame(con, EXPERIMENT_ACTIONS)
    a = a[a.verdict.isin(["works", "harms"])] if len(a) else a
    if a.empty:
        return None
    harm = a[a.verdict == "harms"]
    r = (harm.sort_values("difference") if len(harm) else a.sort_values("difference", ascending=False)).iloc[
        0
    ]
    does = "lowers" if r.verdict == "harms" else "lifts"
    then = "Stop it or change it." if r.verdict == "harms" else "Keep it, and give it to more people."
    return Finding(
        "actions",
        f"The action {r.action} {does} conversion by {{n}} points against its holdout. {then}",
        _points(r.difference),
    )


def _alert(con: BaseBackend) -> Finding | None:
    a = con.table(ALERTS).order_by(ibis.desc("amount_z")).limit(1).to_pandas()  # the section's first
    if a.empty:
        return None
    r = a.iloc[0]
    return Finding(
        "alerts",
        f"Order {r.order_id} of {{n}} is far outside {r.person_id}'s pattern ({r.reasons}): worth a look.",
        number(round(float(r.total), 2)),
    )


SOURCES = {PAIN_POINTS: _pain, CUSTOMER_VALUE: _at_risk, PERSONAS: _headroom, VOC_DRIVERS: _driver,
           EXPERIMENT_ACTIONS: _action, ALERTS: _alert}  # fmt: skip


def findings(con: BaseBackend) -> list[Finding]:
    """At most ``MOST`` findings: those worth money by how much, then the others in a fixed order."""
    got = [f for table, find in SOURCES.items() if engine.has_table(con, table) and (f := find(con))]
    money = sorted((f for f in got if f.stake is not None), key=lambda f: -f.stake)
    return (money + [f for f in got if f.stake is None])[:MOST]


def health(con: BaseBackend, sizes: dict[str, int]) -> str:
    """One line on the data under it all: rows held and set aside, people resolved, stages that failed."""
    held = sum(sizes.values())
    if not held:
        return "No data loaded yet: run <code>cxlens run</code>."
    q = engine.rows(con, QUARANTINE)
    parts = [f"{held:,} rows in {sum(n > 0 for n in sizes.values())} tables"]
    parts.append(f"{q:,} quarantined ({q / (held + q):.2%})" if q else "none quarantined")
    if engine.has_table(con, IDENTITY_MAP):
        parts.append(f"{int(con.table(IDENTITY_MAP).person_id.nunique().execute()):,} people resolved")
    if engine.has_table(con, STAGE_RUNS):
        s = con.table(STAGE_RUNS).to_pandas().sort_values("finished_at").groupby("stage").tail(1)
        bad = s[s.status == "failed"].stage.tolist()
        parts.append(f"failed: {', '.join(bad)}" if bad else "every stage ran")
    return (
        "Data: " + "; ".join(esc(p) for p in parts) + '. Details under <a href="#about">About the data</a>.'
    )


def act(con: BaseBackend, sizes: dict[str, int]) -> Section:
    s = Section(
        "act",
        "What to act on",
        lead="The findings worth the most, each with its number and a link to the section that shows it.",
    )
    found = findings(con)
    items = (
        "".join(f.html() for f in found) or "<li>Nothing stands out yet: run the pipeline on more data.</li>"
    )
    s.body = f'<ol class="findings">{items}</ol><p class="health">{health(con, sizes)}</p>'
    return s
