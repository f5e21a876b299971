"""Ingest on arbitrary small exports: every row is accounted for, and reloading changes nothing."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxlens import Project
from tests.conftest import write_project

ids = st.sampled_from(["A1", "A2", "A3", "A4", "", " A1 "])
emails = st.sampled_from(["a@b.com", "A@B.COM", "not-an-email", "", "c@d.org"])
stamps = st.sampled_from(
    ["2025-01-02", "2025-01-02T10:00:00Z", "31/02/2024", "", "2025-01-02 10:00:00+02:00"]
)
totals = st.sampled_from(["10", "10.0", "-1", "x", "", "1e2"])
rows = st.lists(st.tuples(ids, emails, stamps, totals), min_size=1, max_size=25)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=rows)
def test_every_row_is_loaded_quarantined_or_a_duplicate_and_reloading_changes_nothing(rows):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        df = pd.DataFrame(rows, columns=["order_id", "email", "ordered_at", "total"])
        df.to_csv(folder / "o.csv", index=False)
        p = Project(
            write_project(folder, [{"name": "o", "table": "orders", "path": "o.csv"}]), progress=False
        )
        (first,) = p.ingest()
        assert first.read == len(rows) and first.balanced
        orders = p.table("orders").to_pandas()
        assert orders.order_id.is_unique
        assert first.loaded == len(orders)
        quarantine = p.table("quarantine").to_pandas() if first.quarantined else pd.DataFrame()
        assert len(quarantine) == first.quarantined
        (second,) = p.ingest()
        assert second.loaded == 0 and second.quarantined == first.quarantined
        assert second.duplicates == first.loaded + first.duplicates
        assert len(p.table("orders").to_pandas()) == len(orders)
        p.close()
