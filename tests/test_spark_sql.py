"""The Spark SQL of everything the pipeline writes, checked on every run of the DuckDB suite: each
expression compiles for Spark, and the SQL matches its snapshot in tests/sql/pyspark (``.sql.snap``: data,
not code), so a change that would alter or break what Spark runs shows up here without a JVM. What a run
may vary is evened out first: the day of the run (segments record when people joined) and the last digits
of fitted parameters (the optimiser's end point moves with the order DuckDB sums in), kept to 5 figures.

After a deliberate change: ``CXLENS_UPDATE_SQL=1 pytest tests/test_spark_sql.py`` and review the diff.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

SNAPSHOTS = Path(__file__).parent / "sql" / "pyspark"
DECIMAL = re.compile(r"(?<![\w.])\d+\.\d+(?:[eE][-+]?\d+)?")


def _even(sql: str) -> str:
    """``sql`` without what varies from run to run: today's date (or yesterday's, for a run that crossed
    midnight) and digits of decimals beyond the fifth significant one."""
    for back in (0, 1):
        d = datetime.now(UTC).date() - timedelta(days=back)
        sql = sql.replace(f"MAKE_DATE({d.year}, {d.month}, {d.day})", "MAKE_DATE(<the day of the run>)")
    return DECIMAL.sub(lambda m: f"{float(m[0]):.5g}", sql)


def test_every_expression_the_pipeline_writes_compiles_for_spark(loaded):
    failed = {
        name: sql for name, texts in loaded.spark_sql.items() for sql in texts if sql.startswith("ERROR")
    }
    assert not failed, failed
    assert {"profiles", "customer_value", "touchpoints", "alerts"} <= set(loaded.spark_sql)


def test_the_spark_sql_of_each_table_matches_its_snapshot(loaded):
    update = os.environ.get("CXLENS_UPDATE_SQL") == "1"
    SNAPSHOTS.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, texts in sorted(loaded.spark_sql.items()):
        text = _even("\n;\n\n".join(texts) + "\n")
        path = SNAPSHOTS / f"{name}.sql.snap"
        if update:
            path.write_text(text)
        elif not path.exists() or path.read_text() != text:
            changed.append(name)
    stale = sorted(
        {p.name.removesuffix(".sql.snap") for p in SNAPSHOTS.glob("*.sql.snap")} - set(loaded.spark_sql)
    )
    if update:
        for name in stale:
            (SNAPSHOTS / f"{name}.sql.snap").unlink()
        return
    assert not changed, f"the Spark SQL of {', '.join(changed)} changed; see this file's docstring"
    assert not stale, f"snapshots of tables no longer written: {', '.join(stale)}"
