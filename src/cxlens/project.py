"""`Project`: the front object that reads like the domain.

>>> p = Project("cxlens.yaml")  # doctest: +SKIP
>>> p.run()  # doctest: +SKIP
>>> p.table("orders").to_pandas()  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

import ibis.expr.types as ir
from ibis.backends import BaseBackend

from cxlens import engine, pipeline
from cxlens.config import Config, load_config
from cxlens.errors import CxlensError
from cxlens.ingest import SourceReport, ingest
from cxlens.report import write_report


class Project:
    """A project file and its warehouse; the engine connects on first use."""

    def __init__(self, config: str | Path | Config = "cxlens.yaml", progress: bool = True):
        self.config = config if isinstance(config, Config) else load_config(config)
        self.progress = progress
        self._con: BaseBackend | None = None

    @property
    def con(self) -> BaseBackend:
        if self._con is None:
            self._con = engine.connect(self.config)
        return self._con

    def ingest(self, sources: list[str] | None = None) -> list[SourceReport]:
        """Load the sources (all, or those named) and refresh the overview tables."""
        return ingest(self.con, self.config, sources, progress=self.progress)

    def run(self, stage: str | None = None) -> list[dict]:
        """Run the pipeline: every stage, or ``stage`` and the stages that depend on it."""
        return pipeline.run(self.con, self.config, stage, progress=self.progress)

    def table(self, name: str) -> ir.Table:
        if not engine.has_table(self.con, name):
            raise CxlensError(
                f"table '{name}' is not in the warehouse; run `cxlens run` first "
                f"(tables: {', '.join(sorted(self.con.list_tables())) or 'none'})"
            )
        return self.con.table(name)

    def report(self, path: str | Path | None = None) -> Path:
        """Write the HTML report and return its path."""
        return write_report(self.con, self.config, Path(path) if path else None)

    def close(self) -> None:
        if self._con is not None:
            self._con.disconnect()
            self._con = None
