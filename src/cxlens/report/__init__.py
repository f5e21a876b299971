"""The HTML report: one self-contained file a marketer can open, with a section per capability.

>>> write_report(con, config)  # doctest: +SKIP
PosixPath('.../report.html')
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from ibis.backends import BaseBackend

from cxlens.config import Config
from cxlens.report import overview
from cxlens.report._page import page


def write_report(con: BaseBackend, config: Config, path: Path | None = None) -> Path:
    """Write the report to ``path`` (default: the project's report.path) and return where it is."""
    out = Path(path) if path else config.report_path
    out.parent.mkdir(parents=True, exist_ok=True)
    subtitle = (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · engine {config.engine} · {len(config.sources)} sources"
    )
    out.write_text(page(config.report.title, subtitle, overview.sections(con)), encoding="utf-8")
    return out


__all__ = ["write_report"]
