"""`Project`: the front object that reads like the domain.

>>> p = Project("cxlens.yaml")  # doctest: +SKIP
>>> p.run()  # doctest: +SKIP
>>> p.table("orders").to_pandas()  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import ibis.expr.types as ir
import pandas as pd
from ibis.backends import BaseBackend

from cxlens import engine
from cxlens.config import Config, load_config
from cxlens.errors import CxlensError
from cxlens.people import find_person, people
from cxlens.tables import EXPERIMENT_UNITS, PROFILE_VALUES, PROFILES, declared

if TYPE_CHECKING:
    from cxlens.ingest import SourceReport

# What a profile shows: the profile's own columns, then who the person is to us.
VALUE_FIELDS = ("status", "stage", "rfm_segment", "p_alive", "expected_purchases", "clv")


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
        from cxlens.ingest import ingest

        return ingest(self.con, self.config, sources, progress=self.progress)

    def run(self, stage: str | None = None) -> list[dict]:
        """Run the pipeline: every stage, or ``stage`` and the stages that depend on it."""
        from cxlens import pipeline

        return pipeline.run(self.con, self.config, stage, progress=self.progress)

    def table(self, name: str) -> ir.Table:
        if not engine.has_table(self.con, name):
            raise CxlensError(
                f"table '{name}' is not in the warehouse; run `cxlens run` first "
                f"(tables: {', '.join(sorted(self.con.list_tables())) or 'none'})"
            )
        return self.con.table(name)

    def profile(self, identifier: str) -> dict:
        """One person's profile, found by any identifier (person id, email, phone, user id, ...): the
        profile's traits and counts, their value and lifecycle stage, and their persona (the people view)."""
        pid = find_person(self.con, identifier, self.config.region)
        p = people(self.con)
        fields = [c for c in (*declared(PROFILES).columns, *VALUE_FIELDS, "persona") if c in p.columns]
        return p.filter(p.person_id == pid).select(*fields).to_pandas().iloc[0].to_dict()

    def why(self, identifier: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        """How a profile was assembled: every link of its records with the reason, and every source value
        of its traits with where it came from (``rank`` 1 is the one shown)."""
        from cxlens.profiles import explain

        pid = find_person(self.con, identifier, self.config.region)
        links = explain(self.con, pid)
        if not engine.has_table(self.con, PROFILE_VALUES):
            return links, pd.DataFrame(columns=["field", "value", "source", "record", "observed_at", "rank"])
        v = self.con.table(PROFILE_VALUES)
        v = v.filter(v.person_id == pid).order_by(["field", "rank"]).drop("person_id")
        return links, v.to_pandas()

    def match_weights(self, identifier: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        """How Splink scored the matches among a person's contacts: each pair (weakest first) with the
        waterfall of its match weight, and the model's match weight of every comparison level."""
        from cxlens.profiles import match_weights

        return match_weights(self.con, find_person(self.con, identifier, self.config.region))

    def audience(
        self,
        segment: str,
        out: str | Path,
        fields: list[str] | None = None,
        channel: str | None = None,
        hash_ids: bool = False,
    ) -> dict:
        """Export a segment's members who consented to ``channel`` (default: the segment's own) to a .csv
        or .parquet file; returns how many were written and how many were left out for lack of consent."""
        from cxlens.segments import export_audience

        return export_audience(self.con, self.config.segments, segment, out, fields, channel, hash_ids)

    def experiment(self, name: str) -> pd.DataFrame:
        """Every analysis of the experiment ``name`` (``cxlens.experiments.results``), from its units in the
        warehouse: per metric the plain test, CUPED, the sequential test and the per-segment tests."""
        from cxlens import experiments

        u = self.table(EXPERIMENT_UNITS)
        names = sorted(u.select("experiment").distinct().to_pandas().experiment)
        if name not in names:
            raise CxlensError(
                f"no experiment named '{name}'; the exposure events name: {', '.join(names) or 'none'}"
            )
        return experiments.results(u.filter(u.experiment == name).to_pandas(), self.config.experiments)

    def report(self, path: str | Path | None = None) -> Path:
        """Write the HTML report and return its path."""
        from cxlens.report import write_report

        return write_report(self.con, self.config, Path(path) if path else None)

    def close(self) -> None:
        if self._con is not None:
            self._con.disconnect()
            self._con = None
