"""Dates and amounts in the forms real exports write them, read as Python's own parsers read them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cxlens import Project, config
from cxlens.canonical.forms import DIRECTIVES
from cxlens.errors import ConfigError
from tests.conftest import write_project

PATTERNS = ["%Y%m%d", "%d/%m/%Y %H:%M", "%m/%d/%y %I:%M:%S %p", "%b %d, %Y", "%d.%m.%Y",
            "%Y-%m-%d %H:%M:%S.%f", "%B %d %Y %H:%M:%S%z"]  # fmt: skip


def _orders(tmp_path: Path, when: list[str], totals: list[str] | None = None, **source) -> Project:
    n = len(when)
    pd.DataFrame(
        {
            "order_id": [f"O{i}" for i in range(n)],
            "email": [f"p{i}@example.com" for i in range(n)],
            "ordered_at": when,
            "total": totals or ["1"] * n,
        }
    ).to_csv(tmp_path / "o.csv", index=False)
    src = {"name": "shop", "table": "orders", "path": "o.csv", "max_quarantine_share": 1, **source}
    return Project(write_project(tmp_path, [src]), progress=False)


def _loaded(p: Project) -> pd.DataFrame:
    p.ingest()
    return p.table("orders").to_pandas().set_index("order_id").sort_index(key=lambda s: s.str[1:].astype(int))


@pytest.mark.parametrize("pattern", PATTERNS)
def test_a_pattern_reads_what_python_strptime_reads(tmp_path: Path, pattern: str):
    rng = np.random.default_rng(len(pattern))
    start = datetime(1970, 1, 1, tzinfo=UTC)
    times = [start + timedelta(seconds=int(s)) for s in rng.integers(0, 2_000_000_000, 200)]
    text = [t.strftime(pattern) for t in times]
    got = _loaded(_orders(tmp_path, text, formats={"ordered_at": pattern}))
    expected = [datetime.strptime(s, pattern).replace(tzinfo=UTC) for s in text]
    assert list(got.ordered_at) == [pd.Timestamp(e) for e in expected]


def test_unambiguous_forms_are_recognised_without_a_pattern(tmp_path: Path):
    text = ["2024-03-01T10:00:00Z", "2024-03-01 10:00:00", "19970101", "1700000000", "1700000000123"]
    got = _loaded(_orders(tmp_path, text)).ordered_at.tolist()
    assert got == [
        pd.Timestamp("2024-03-01T10:00:00Z"),
        pd.Timestamp("2024-03-01T10:00:00Z"),
        pd.Timestamp(datetime.strptime("19970101", "%Y%m%d").replace(tzinfo=UTC)),
        pd.Timestamp(datetime.fromtimestamp(1700000000, UTC)),
        pd.Timestamp(datetime.fromtimestamp(1700000000, UTC)),  # milliseconds, to the second
    ]


@pytest.mark.parametrize("dayfirst", [True, False])
def test_a_day_month_date_is_read_only_when_the_source_says_which_comes_first(tmp_path: Path, dayfirst):
    p = _orders(tmp_path, ["01/02/2024", "13/02/2024" if dayfirst else "02/13/2024"], dayfirst=dayfirst)
    got = _loaded(p).ordered_at.dt.strftime("%Y-%m-%d").tolist()
    assert got == (["2024-02-01", "2024-02-13"] if dayfirst else ["2024-01-02", "2024-02-13"])
    (tmp_path / "plain").mkdir()
    p = _orders(tmp_path / "plain", ["01/02/2024"])
    (r,) = p.ingest()
    assert r.loaded == 0 and r.quarantined == 1
    reason = p.table("quarantine").to_pandas().reason[0]
    assert reason == (
        "'ordered_at' is '01/02/2024', which reads as day/month or month/day; set dayfirst: true or false "
        "on source 'shop' (or formats: {ordered_at: \"%d/%m/%Y\"})"
    )


@pytest.mark.parametrize(
    ("text", "decimal", "value"),
    [
        ("$12.00", ".", 12.0), ("12,00 €", ",", 12.0), ("EUR 12", ".", 12.0), ("1,234.56", ".", 1234.56),
        ("1.234,56", ",", 1234.56), ("1 234,56", ",", 1234.56), ("-$5", ".", -5.0), ("(3.50)", ".", -3.5),
        ("12,5", ",", 12.5), ("1e3", ".", 1000.0),
    ],
)  # fmt: skip
def test_amounts_are_read_with_symbols_and_separators(tmp_path: Path, text: str, decimal: str, value):
    p = _orders(tmp_path, ["2024-01-01"], totals=[text], decimal=decimal)
    p.ingest()
    got = p.table("orders").to_pandas()
    if value < 0:  # totals are at least 0: the row is quarantined with the number it read
        assert got.empty
        assert p.table("quarantine").to_pandas().reason[0] == f"'total' is {text}; expected at least 0"
    else:
        assert got.total.tolist() == [value]


def test_a_decimal_comma_without_the_setting_is_quarantined(tmp_path: Path):
    p = _orders(tmp_path, ["2024-01-01"], totals=["12,50"])
    (r,) = p.ingest()
    assert r.quarantined == 1
    assert p.table("quarantine").to_pandas().reason[0] == "'total' is '12,50'; expected a number like 12.50"


def test_orders_without_an_id_get_one_from_their_content(tmp_path: Path):
    rows = "email,ordered_at,total\na@x.com,2024-01-01,10\na@x.com,2024-01-01,10\na@x.com,2024-01-02,10\n"
    (tmp_path / "o.csv").write_text(rows)
    p = Project(write_project(tmp_path, [{"name": "o", "table": "orders", "path": "o.csv"}]), progress=False)
    (r,) = p.ingest()
    assert (r.read, r.loaded, r.duplicates) == (3, 2, 1)  # the identical row is a duplicate
    ids = sorted(p.table("orders").to_pandas().order_id)
    assert all(i.startswith("h") and len(i) == 33 for i in ids) and ids[0] != ids[1]
    (again,) = p.ingest()
    assert (again.loaded, again.duplicates) == (0, 3)
    assert sorted(p.table("orders").to_pandas().order_id) == ids


@pytest.mark.parametrize(
    ("formats", "message"),
    [
        ({"total": "%Y"}, "formats: 'total' is not a date column of table 'orders'; expected one of ordered"),
        ({"ordered_at": "%Y%q"}, "formats: ordered_at: '%q' in '%Y%q' is not a directive cxlens reads"),
        ({"ordered_at": "%d/%m"}, r"formats: ordered_at: '%d/%m' has no year \(%Y or %y\)"),
    ],
)
def test_a_format_that_cannot_be_read_is_refused_when_the_project_loads(tmp_path: Path, formats, message):
    src = {"name": "o", "table": "orders", "path": "o.csv", "formats": formats}
    with pytest.raises(ConfigError, match=message):
        Project(write_project(tmp_path, [src]), progress=False)


def test_every_directive_the_project_file_allows_is_read():
    assert "".join(DIRECTIVES) == config.DIRECTIVES
