"""Ingest: sources named in `cxlens.yaml` into the canonical tables, bad rows into `quarantine`.

>>> reports = ingest(con, config)  # doctest: +SKIP
>>> all(r.balanced for r in reports)  # rows read == loaded + quarantined + duplicates
True
"""

from cxlens.ingest._load import SourceReport, ingest, table_schema
from cxlens.ingest._overview import overview

__all__ = ["SourceReport", "ingest", "overview", "table_schema"]
