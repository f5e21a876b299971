"""Ingest: sources named in `cxlens.yaml` into the canonical tables, bad rows into `quarantine`.

>>> reports = ingest(con, config)  # doctest: +SKIP
>>> all(r.balanced for r in reports)  # rows read == loaded + quarantined + duplicates
True
"""

from cxlens.ingest._load import WRITES, SourceReport, ingest

__all__ = ["WRITES", "SourceReport", "ingest"]
