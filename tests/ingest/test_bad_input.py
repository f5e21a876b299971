"""Bad input: every failure names the file, row or field and what was expected."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from cxlens import Project, SourceError
from cxlens.errors import ConfigError
from tests.conftest import write_project


def _project(tmp_path: Path, source: dict) -> Project:
    return Project(write_project(tmp_path, [source]), progress=False)


def test_a_missing_sheet_is_named_with_the_sheets_there_are(tmp_path: Path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "Orders 2024"
    book.active.append(["order_id", "total"])
    book.save(tmp_path / "orders.xlsx")
    p = _project(tmp_path, {"name": "o", "table": "orders", "path": "orders.xlsx", "sheet": "Orders"})
    with pytest.raises(
        SourceError, match=r"orders.xlsx: there is no sheet 'Orders'; its sheets are 'Orders 2024'"
    ):
        p.ingest()


def test_a_missing_file_stops_the_run_naming_it(tmp_path: Path):
    p = _project(tmp_path, {"name": "o", "table": "orders", "path": "nowhere/orders.csv"})
    with pytest.raises(SourceError, match=r"nowhere/orders.csv not found"):
        p.ingest()


def test_a_glob_matching_nothing_is_an_error(tmp_path: Path):
    p = _project(tmp_path, {"name": "o", "table": "orders", "path": "exports/*.csv"})
    with pytest.raises(SourceError, match=r"no file matches .*exports/\*\.csv"):
        p.ingest()


@pytest.mark.parametrize(
    ("name", "content", "fmt", "message"),
    [
        ("orders.parquet", b"this is not parquet at all", "parquet", "cannot be read as PARQUET"),
        ("orders.csv", b"", "csv", "the file is empty"),
        (
            "orders.csv",
            b"order_id,total\n\xff\xfe\x00bad",
            "csv",
            r"at byte offset 15 \(line 2\) the bytes FF are not utf-8; set encoding: cp1252 on the source",
        ),
        (
            "orders.jsonl",
            '{"order_id": "Zoë"}\n'.encode("cp1252"),
            "jsonl",
            "offset 16 .line 1. the bytes EB",
        ),
        ("orders.csv.gz", b"order_id,total\n1,2\n", "csv", "cannot be read as CSV .Not a gzipped file"),
        ("orders.xlsx", b"PK not a workbook", "xlsx", "cannot be read as an Excel workbook"),
    ],
)
def test_an_unreadable_file_stops_the_run_naming_it(
    tmp_path: Path, name: str, content: bytes, fmt: str, message: str
):
    (tmp_path / name).write_bytes(content)
    p = _project(tmp_path, {"name": "o", "table": "orders", "path": name})
    with pytest.raises(SourceError, match=rf"{name}.*{message}|{message}"):
        p.ingest()
    assert (
        not p.con.list_tables()
        or "orders" not in p.con.list_tables()
        or p.table("orders").count().execute() == 0
    )


def test_a_mapping_to_a_column_the_file_lacks_is_refused(tmp_path: Path):
    (tmp_path / "o.csv").write_text("id,when,amount,email\n1,2025-01-01,10,a@b.com\n")
    p = _project(
        tmp_path,
        {
            "name": "o",
            "table": "orders",
            "path": "o.csv",
            "columns": {"order_id": "id", "ordered_at": "when", "total": "Amount"},
        },
    )
    with pytest.raises(
        SourceError, match=r"column 'Amount' \(mapped to total.*its columns are: id, when, amount"
    ):
        p.ingest()


def test_a_required_column_without_a_mapping_is_refused(tmp_path: Path):
    (tmp_path / "o.csv").write_text("id,when,amount,email\n1,2025-01-01,10,a@b.com\n")
    p = _project(tmp_path, {"name": "o", "table": "orders", "path": "o.csv"})
    with pytest.raises(SourceError, match=r"no column for required orders field\(s\) ordered_at, total"):
        p.ingest()


def test_wrong_types_are_quarantined_with_row_field_and_expectation(tmp_path: Path):
    (tmp_path / "o.csv").write_text(
        "order_id,email,ordered_at,total,minutes_in_store\n"
        "A1,Ann@Example.com,2025-01-02T10:00:00Z,10.5,12\n"
        "A2,bob@example.com,31/02/2024,7,\n"
        "A3,not-an-email,2025-01-02,7,\n"
        "A4,cy@example.com,2025-01-02,seven,\n"
        "A5,,2025-01-02,7,\n"
        "A6,di@example.com,2025-01-02,7,2000\n"
    )
    p = _project(tmp_path, {"name": "o", "table": "orders", "path": "o.csv", "max_quarantine_share": 1})
    (report,) = p.ingest()
    assert (report.read, report.loaded, report.quarantined) == (6, 1, 5)
    q = p.table("quarantine").order_by("row").to_pandas()
    assert list(q.row) == [2, 3, 4, 5, 6]
    assert list(q.field) == ["ordered_at", "email", "total", "email", "minutes_in_store"]
    assert "'31/02/2024', which reads as day/month or month/day; set dayfirst" in q.reason[0]
    assert "'seven'; expected a number" in q.reason[2]
    assert "no person reference" in q.reason[3]
    assert "expected at most 1440" in q.reason[4]
    assert p.table("orders").to_pandas().email.tolist() == ["ann@example.com"]


def test_a_row_repeating_a_key_with_other_values_is_quarantined(tmp_path: Path):
    (tmp_path / "o.csv").write_text(
        "order_id,email,ordered_at,total\nA1,a@b.com,2025-01-02,10\n"
        "A1,a@b.com,2025-01-02,10\nA1,a@b.com,2025-01-02,99\n"
    )
    p = _project(tmp_path, {"name": "o", "table": "orders", "path": "o.csv"})
    (r,) = p.ingest()
    assert (r.loaded, r.duplicates, r.quarantined) == (1, 1, 1)
    assert "repeats row 1 of o.csv with different values" in p.table("quarantine").to_pandas().reason[0]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_files_of_one_glob_are_checked_against_each_other(tmp_path: Path, fmt: str):
    (tmp_path / "exports").mkdir()
    days = [
        pd.DataFrame(
            {
                "order_id": ["A1", "A2"],
                "email": ["a@b.com", "c@d.com"],
                "ordered_at": ["2025-01-02"] * 2,
                "total": ["10", "20"],
            }
        ),
        pd.DataFrame(
            {
                "order_id": ["A3", "A1", "A2"],
                "email": ["e@f.com", "a@b.com", "c@d.com"],
                "ordered_at": ["2025-01-03", "2025-01-02", "2025-01-02"],
                "total": ["5", "10", "21"],
            }
        ),
    ]
    for i, df in enumerate(days, start=1):
        path = tmp_path / "exports" / f"day{i}.{fmt}"
        df.to_csv(path, index=False) if fmt == "csv" else df.to_parquet(path, index=False)
    p = _project(tmp_path, {"name": "o", "table": "orders", "path": f"exports/*.{fmt}"})
    (r,) = p.ingest()
    assert (r.files, r.read, r.loaded, r.duplicates, r.quarantined) == (2, 5, 3, 1, 1)
    q = p.table("quarantine").to_pandas()
    assert (q.file.iloc[0], q.row.iloc[0]) == (f"exports/day2.{fmt}", 3)
    assert f"repeats row 2 of exports/day1.{fmt} with different values" in q.reason.iloc[0]
    runs = p.table("ingest_runs").to_pandas().set_index("file")
    assert (
        runs.loc[f"exports/day1.{fmt}", "loaded"] == 2 and runs.loc[f"exports/day2.{fmt}", "rows_read"] == 3
    )


def test_naive_timestamps_are_read_in_the_source_time_zone(tmp_path: Path):
    (tmp_path / "o.csv").write_text(
        "order_id,email,ordered_at,total\nA1,a@b.com,2025-07-01 09:30:00,1\n"
        "A2,a@b.com,2025-01-15 09:30:00,1\nA3,a@b.com,2025-07-01T09:30:00Z,1\n"
    )
    p = _project(tmp_path, {"name": "o", "table": "orders", "path": "o.csv", "timezone": "America/New_York"})
    p.ingest()
    got = (
        p.table("orders")
        .order_by("order_id")
        .to_pandas()
        .ordered_at.dt.tz_convert("UTC")
        .dt.strftime("%H:%M")
    )
    assert got.tolist() == ["13:30", "14:30", "09:30"]  # EDT is UTC-4, EST UTC-5, an explicit Z stays


def test_a_project_with_only_an_orders_csv_in_its_own_column_names(tmp_path: Path):
    (tmp_path / "export.csv").write_text(
        "Order No;Customer E-mail;Order Date;Amount (USD)\n"
        "1001;ann@example.com;2025-03-01 10:00;25.00\n"
        "1002;BOB@example.com;2025-03-04 12:30;12.50\n"
        "1003;ann@example.com;2025-04-10 09:00;40\n"
    )
    p = _project(
        tmp_path,
        {
            "name": "shop",
            "table": "orders",
            "path": "export.csv",
            "delimiter": ";",
            "columns": {
                "order_id": "Order No",
                "email": "Customer E-mail",
                "ordered_at": "Order Date",
                "total": "Amount (USD)",
            },
        },
    )
    records = p.run()
    assert records[0]["status"] == "ran"
    orders = p.table("orders").order_by("order_id").to_pandas()
    assert orders.order_id.tolist() == ["1001", "1002", "1003"]
    assert orders.email.tolist() == ["ann@example.com", "bob@example.com", "ann@example.com"]
    assert orders.total.sum() == pytest.approx(77.5)
    html = p.report().read_text()
    assert "missing: add a source for it" in html and "journeys, funnels" in html


def test_an_aligned_text_file_is_split_on_runs_of_spaces_and_a_short_line_set_aside(tmp_path: Path):
    (tmp_path / "o.txt").write_text(
        "order_id   email     ordered_at   total\r\n"
        "  A1  a@x.com  2024-01-01  10\r\n"
        "\n"
        "A2 b@x.com 2024-01-02\n"
        "A3\tc@x.com\t2024-01-03\t7\n"
    )
    src = {"name": "o", "table": "orders", "path": "o.txt", "format": "csv", "delimiter": "whitespace"}
    p = _project(tmp_path, src)
    (r,) = p.ingest()
    assert (r.read, r.loaded, r.quarantined) == (3, 2, 1)
    assert p.table("orders").to_pandas().total.tolist() == [10.0, 7.0]
    q = p.table("quarantine").to_pandas()
    assert q.row.tolist() == [3] and q.reason[0] == "row has 3 fields, expected 4 like the header"
    with pytest.raises(ConfigError, match="'tabs' is not a delimiter; expected one character"):
        _project(tmp_path, {**src, "delimiter": "tabs"})


def test_a_source_mostly_quarantined_fails_ingest_with_the_fix_and_loads_once_fixed(tmp_path: Path):
    rows = [f'O{i},p{i}@x.com,0{1 + i % 9}-Mar-2024,"{i},50"' for i in range(20)]
    (tmp_path / "o.csv").write_text("order_id,email,ordered_at,total\n" + "\n".join(rows) + "\n")
    src = {"name": "shop", "table": "orders", "path": "o.csv"}
    p = _project(tmp_path, src)
    with pytest.raises(SourceError) as err:
        p.ingest()
    assert str(err.value).splitlines()[:2] == [
        "source 'shop': 20 of 20 rows (100%) were quarantined, more than max_quarantine_share 0.5 allows:",
        "  ordered_at: 20 rows, e.g. 'ordered_at' is '01-Mar-2024'; expected a date-time (ISO 8601, e.g. "
        "2025-03-01T14:05:00Z); fix: add formats: {ordered_at: \"%d-%b-%Y\"} to source 'shop'",
    ]
    assert p.table("quarantine").count().execute() == 20  # nothing accepted is lost
    p.close()
    p = _project(tmp_path, {**src, "formats": {"ordered_at": "%d-%b-%Y"}})
    with pytest.raises(SourceError) as again:
        p.ingest()
    p.close()
    assert str(again.value).splitlines()[1] == (
        "  total: 20 rows, e.g. 'total' is '0,50'; expected a number like 12.50; fix: set decimal: \",\" "
        "on source 'shop'"
    )
    # docs/ingest.md quotes these messages as ingest prints them
    doc = (Path(__file__).parents[2] / "docs" / "ingest.md").read_text()
    for message in (str(err.value).splitlines()[1], str(again.value).splitlines()[1]):
        assert message.strip() in doc
    p = _project(tmp_path, {**src, "formats": {"ordered_at": "%d-%b-%Y"}, "decimal": ","})
    (r,) = p.ingest()
    assert (r.read, r.loaded, r.quarantined) == (20, 20, 0)
    assert p.table("quarantine").count().execute() == 0  # the rows that load now left quarantine
    assert p.table("orders").to_pandas().total.sum() == pytest.approx(sum(i + 0.5 for i in range(20)))


def test_the_docs_quote_each_common_export_problem_as_ingest_says_it(tmp_path: Path):
    """docs/ingest.md's table of common export problems quotes what ingest prints (after the file's path)."""
    doc = (Path(__file__).parents[2] / "docs" / "ingest.md").read_text()
    openpyxl = pytest.importorskip("openpyxl")
    cases = {
        "dayfirst.csv": ("order_id,email,ordered_at,total\nO1,a@x.com,01/02/2024,3\n", {}),
        "named.csv": ("order_id,email,date,amount\nO1,a@x.com,2024-01-02,3\n", {}),
        "aligned.txt": ("customer_id   date   amount\n1   19970101   12.00\n", {"format": "csv"}),
        "semicolons.txt": ("customer_id;date;amount\n1;19970101;12.00\n", {"format": "csv"}),
        "orders.xlsx": (None, {"sheet": "Orders"}),
    }
    for name, (text, extra) in cases.items():
        folder = tmp_path / name.replace(".", "_")
        folder.mkdir()
        if text is None:
            book = openpyxl.Workbook()
            book.active.title = "Orders 2024"
            book.save(folder / name)
        else:
            (folder / name).write_text(text)
        src = {"name": "shop", "table": "orders", "path": name, "max_quarantine_share": 1, **extra}
        p = _project(folder, src)
        try:
            p.ingest()
            said = p.table("quarantine").to_pandas().reason.iloc[0]
        except SourceError as exc:
            said = str(exc).split(f"{name}: ", 1)[1]
        finally:
            p.close()
        assert f"`{said}`" in doc, said
