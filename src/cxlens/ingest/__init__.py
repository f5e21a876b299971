"""Ingest: sources named in `cxlens.yaml` into the canonical tables, bad rows into `quarantine`.

>>> reports = ingest(con, config)  # doctest: +SKIP
>>> all(r.balanced for r in reports)  # rows read == loaded + quarantined + duplicates
True
"""

from cxlens.ingest.stage import STAGE, WRITES, SourceReport, ingest, run

__all__ = ["STAGE", "WRITES", "SourceReport", "ingest", "run"]
