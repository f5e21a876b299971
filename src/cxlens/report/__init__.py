"""The HTML report: one self-contained file a marketer can open, with a section per capability.

>>> write_report(con, config)  # doctest: +SKIP
PosixPath('.../report.html')
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.config import Config
from cxlens.report import overview
from cxlens.report._page import Section, page
from cxlens.report.act import act
from cxlens.report.alerts import alerts
from cxlens.report.cohorts import cohorts
from cxlens.report.experiments import experiments
from cxlens.report.identity import identity
from cxlens.report.journeys import journeys
from cxlens.report.personas import personas
from cxlens.report.value import customers
from cxlens.report.voc import voice
from cxlens.tables import TABLES


def sections(con: BaseBackend, config: Config) -> list[Section]:
    """The report's sections in reading order: what to act on, who the people are and what they do, then
    the data underneath it all."""
    sizes = {t: engine.rows(con, t) for t in TABLES}
    about = [
        Section("about", "About the data", lead="What was loaded, what was set aside and why, how full "
                "each field is, and which analyses the data could not feed.", part="about"),
        overview.sources(con, sizes),
        overview.quarantine(con),
        overview.completeness(con),
        overview.activity(con),
        overview.coverage(con, sizes),
    ]  # fmt: skip
    for s in about:
        s.part = "about"
    return [
        act(con, sizes),
        identity(con),
        customers(con),
        cohorts(con),
        personas(con, config.segments),
        journeys(con, config.journeys),
        voice(con),
        experiments(con),
        alerts(con),
        *about,
    ]


def write_report(con: BaseBackend, config: Config, path: Path | None = None) -> Path:
    """Write the report to ``path`` (default: the project's report.path) and return where it is."""
    out = Path(path) if path else config.report_path
    out.parent.mkdir(parents=True, exist_ok=True)
    subtitle = (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · engine {config.engine} · {len(config.sources)} sources"
    )
    out.write_text(page(config.report.title, subtitle, sections(con, config)), encoding="utf-8")
    return out


__all__ = ["write_report"]
