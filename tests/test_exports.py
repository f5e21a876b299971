"""Real exports, first try: public data in the forms people export it, run end to end and checked against
the reference library of the field."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from cxlens import Project
from cxlens.errors import SourceError
from tests.conftest import write_project

lifetimes = pytest.importorskip("lifetimes")


def test_the_cdnow_log_runs_end_to_end_and_its_models_and_cohorts_match_peers(tmp_path: Path):
    """CDNOW's transaction log (in lifetimes): aligned columns, dates written 19970101, no order id, repeat
    purchases of 0.00; here with a dollar sign on each amount. One formats: line runs it end to end."""
    from lifetimes.utils import summary_data_from_transaction_data

    master = Path(lifetimes.__file__).parent / "datasets" / "CDNOW_master.txt"
    header, *rows = master.read_text().splitlines()
    dollars = [re.sub(r"(\s)(\d+\.\d\d)$", r"\1$\2", r) for r in rows]
    (tmp_path / "cdnow.txt").write_text("\n".join([header, *dollars]) + "\n")
    (tmp_path / "cxlens.yaml").write_text(
        "sources:\n"
        "  - name: cdnow\n    table: orders\n    path: cdnow.txt\n    format: csv\n"
        "    delimiter: whitespace\n"
        "    columns: {contact_id: customer_id, ordered_at: date, total: dollar_value}\n"
        '    formats: {ordered_at: "%Y%m%d"}\n'
    )
    p = Project(tmp_path / "cxlens.yaml", progress=False)
    records = {r["stage"]: r for r in p.run()}

    tx = pd.read_csv(master, sep=r"\s+", dtype={"customer_id": str})
    (report,) = records["ingest"]["result"]["reports"]
    identical = int(tx.duplicated().sum())  # identical rows get one derived id: duplicates
    assert (report.read, report.quarantined, report.duplicates) == (len(tx), 0, identical)
    tx = tx.drop_duplicates().assign(date=lambda d: pd.to_datetime(d.date.astype(str), format="%Y%m%d"))
    s = summary_data_from_transaction_data(tx, "customer_id", "date", monetary_value_col="dollar_value")

    cv = p.table("customer_value").to_pandas()
    assert (cv.status == "customer").sum() == len(s) == 23_570
    assert np.isfinite(cv[["p_alive", "clv", "expected_purchases"]]).all().all()
    free = int(((s.frequency > 0) & (s.monetary_value == 0)).sum())
    assert free > 0 and records["value"]["result"]["warnings"] == [
        f"Gamma-Gamma left out {free} repeat buyers whose repeat purchases were all free (a mean value of 0, "
        "which it cannot model); they are expected to spend what the population does"
    ]
    m = p.table("value_models").to_pandas()
    ours = m[m.fitted_on == "all"].set_index(["model", "parameter"]).estimate
    # lifetimes' Nelder-Mead stops at its default tol of 1e-7 where Pareto/NBD's likelihood is flat, so
    # its r moved by 0.1% with the memory layout of the same numbers; at 1e-10 it reaches the maximum
    tight = {"tol": 1e-10, "maxiter": 10_000}
    peers = {
        "bg_nbd": lifetimes.BetaGeoFitter().fit(s.frequency, s.recency, s["T"]).params_,
        "pareto_nbd": lifetimes.ParetoNBDFitter().fit(s.frequency, s.recency, s["T"], **tight).params_,
    }
    for model, params in peers.items():
        for name, value in params.items():
            assert ours[model, name] == pytest.approx(value, rel=1e-3), (model, name)
    h = p.table("value_holdout").to_pandas()
    predicted, actual = (h.customers * h.predicted).sum(), (h.customers * h.actual).sum()
    assert abs(predicted / actual - 1) < 0.05
    # cohorts on data we did not write: CDNOW's customers all first bought in January-March 1997
    month = tx.date.dt.year * 12 + tx.date.dt.month - 1
    tx = tx.assign(cohort=month.groupby(tx.customer_id).transform("min"))
    g = tx.assign(period=month - tx.cohort).groupby(["cohort", "period"])
    want = pd.DataFrame(
        {"customers": g.customer_id.nunique(), "orders": g.size(), "revenue": g.dollar_value.sum()}
    )
    got = p.table("cohort_retention").to_pandas()
    got = got[(got.by == "month") & (got.customers > 0)]
    got = got.assign(cohort=pd.to_datetime(got.start).dt.year * 12 + pd.to_datetime(got.start).dt.month - 1)
    got = got.set_index(["cohort", "period"]).sort_index()
    assert got.groupby(level=0).acquired.first().sum() == 23_570 and len(got.groupby(level=0)) == 3
    pd.testing.assert_frame_equal(
        got[["customers", "orders", "revenue"]], want, check_dtype=False, check_index_type=False
    )
    proj = p.table("cohort_projection").to_pandas()
    back = proj[proj.fitted_on == "calibration"]
    # the held-out first half of 1998, projected from 1997 alone, in total (docs/cohorts.md: month by month)
    assert back.month.nunique() == 6 and abs(back.purchases.sum() / back.actual_purchases.sum() - 1) < 0.05
    page = p.report().read_text()
    assert 'id="cohorts"' in page and 'id="cohorts" class="skipped"' not in page
    assert "Holdout check" in page and "P(alive)" in page and "Gamma-Gamma left out" in page

    # the 360° pages on an orders-only log: a customer's page shows each purchase day and their P(alive)
    p.close()
    from fastapi.testclient import TestClient

    from cxlens.config import load_config
    from cxlens.realtime import create_app, key_hash

    doc = yaml.safe_load((tmp_path / "cxlens.yaml").read_text())
    doc["realtime"] = {"read_keys": [key_hash("read")]}
    (tmp_path / "cxlens.yaml").write_text(yaml.safe_dump(doc))
    buyer = tx.groupby("customer_id").date.nunique().idxmax()  # the most purchase days
    days = sorted(tx[tx.customer_id == buyer].date.dt.strftime("%Y-%m-%d").unique())
    with TestClient(create_app(load_config(tmp_path / "cxlens.yaml"))) as client:
        client.headers["Authorization"] = "Bearer read"
        assert client.get("/ui").status_code == 200
        r = client.get(f"/ui/people/contact_id:{buyer}")
        assert r.status_code == 200 and f"contact_id:{buyer}" in r.text
        shown = re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)', r.text)
        assert sorted(set(shown)) == days  # every purchase day on the timeline, nothing else
        alive = json.loads(
            re.search(r'<script type="application/json" id="value-fig">(.*?)</script>', r.text)[1]
        )
        assert len(alive["data"][1]["y"]) == 12 and alive["data"][1]["x"][-1] == "1998-06-30"


# --- a gallery of messy exports, written here, each loaded with its documented settings -------------------


def _load(folder: Path, source: dict) -> tuple[Project, object, pd.DataFrame]:
    """The project of one source, ingested: the project, the source's report and its quarantine."""
    p = Project(write_project(folder, [{"name": "x", **source}]), progress=False)
    (report,) = p.ingest()
    q = p.table("quarantine").to_pandas().sort_values("row", ignore_index=True)
    assert report.balanced and report.read == report.loaded + report.quarantined + report.duplicates
    return p, report, q


def test_a_shopify_orders_export_loads_with_its_offsets_and_a_bom(tmp_path: Path):
    rows = [
        ("#1001", "ann@example.com", "2024-01-05 10:11:12 -0500", "12.50", "paid"),
        ("#1002", "BOB@example.com", "2024-01-06 23:30:00 +0100", "1,234.00", "paid"),
        ("#1003", "", "2024-01-07 09:00:00 -0500", "5.00", "paid"),  # a POS sale without a customer
        ("#1004", "ann@example.com", "2024-01-08 12:00:00 -0500", "0.00", "voided"),
        ("#1005", "cy@example.com", "Jan 9 2024", "7.00", "paid"),
    ]
    head = "Name,Email,Financial Status,Created at,Total,Currency,Shipping Method\n"
    body = "".join(f'{n},{e},{s},{t},"{a}",USD,Standard\n' for n, e, t, a, s in rows)
    (tmp_path / "orders_export.csv").write_bytes(b"\xef\xbb\xbf" + (head + body).encode())
    p, _, q = _load(tmp_path, {
        "table": "orders", "path": "orders_export.csv",
        "columns": {"order_id": "Name", "ordered_at": "Created at"},
        "formats": {"ordered_at": "%Y-%m-%d %H:%M:%S %z"}, "max_quarantine_share": 0.5,
    })  # fmt: skip
    o = p.table("orders").to_pandas().sort_values("order_id", ignore_index=True)
    assert o.order_id.tolist() == ["#1001", "#1002", "#1004"]
    assert o.email.tolist() == ["ann@example.com", "bob@example.com", "ann@example.com"]
    assert o.total.tolist() == [12.5, 1234.0, 0.0]
    assert [t.isoformat() for t in o.ordered_at] == [
        "2024-01-05T15:11:12+00:00", "2024-01-06T22:30:00+00:00", "2024-01-08T17:00:00+00:00"
    ]  # fmt: skip
    assert q.row.tolist() == [3, 5] and q.field.tolist() == ["email", "ordered_at"]
    assert "'Created at' (ordered_at) is 'Jan 9 2024'" in q.reason.iloc[1]


def test_a_salesforce_contacts_workbook_loads_from_its_sheet_under_a_title(tmp_path: Path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    ws = book.create_sheet("Contacts")
    ws.append(["Report: All Contacts"])
    ws.append(["Generated 2024-03-01 by Admin"])
    ws.append([])
    header = ["Contact ID", "First Name", "Last Name", "Email", "Phone", "Mailing City",
              "Mailing State/Province", "Mailing Country", "Birthdate", "Created Date", "Source"]  # fmt: skip
    ws.append(header)
    people = [
        ("0035g00001", "Ann", "Lee", "ann@example.com", "(415) 555-0100", "San Francisco", "CA", "US",
         datetime(1956, 4, 9), datetime(2023, 5, 1, 9, 30), "Web"),
        ("0035g00002", "José", "Núñez", "jose@example.com", "+1 212 555 0101", "New York", "NY", "US",
         datetime(1990, 12, 31), datetime(2023, 6, 2, 14, 0), "Event"),
        ("0035g00003", "Zoë", "Smith", "zoe@example", 4155550102, "Austin", "TX", "US",
         "1980-02-31", datetime(2023, 7, 3), "Web"),  # an impossible date typed as text
        ("0035g00004", "Li", "Wei", "li@example.com", None, "Toronto", "ON", "CA", None, None, None),
    ]  # fmt: skip
    for row in people:
        ws.append(list(row))
    book.save(tmp_path / "contacts.xlsx")
    p, _, q = _load(tmp_path, {
        "table": "contacts", "path": "contacts.xlsx", "sheet": "Contacts",
        "columns": {"contact_id": "Contact ID", "city": "Mailing City", "region": "Mailing State/Province",
                    "country": "Mailing Country", "created_at": "Created Date"},
    })  # fmt: skip
    c = p.table("contacts").to_pandas().sort_values("contact_id", ignore_index=True)
    assert c.contact_id.tolist() == ["0035g00001", "0035g00002", "0035g00004"]
    assert c.first_name.tolist() == ["Ann", "José", "Li"] and c.last_name.tolist()[1] == "Núñez"
    assert c.phone.tolist()[:2] == ["+14155550100", "+12125550101"]
    assert [str(d)[:10] for d in c.birth_date[:2]] == ["1956-04-09", "1990-12-31"]
    assert c.created_at[0].isoformat() == "2023-05-01T09:30:00+00:00"
    assert (c.city.tolist(), c.region.tolist(), c.country.tolist()) == (
        ["San Francisco", "New York", "Toronto"], ["CA", "NY", "ON"], ["US", "US", "CA"]
    )  # fmt: skip
    # rows count from the header; the first data row is 1
    assert q.row.tolist() == [3] and q.field.tolist() == ["email"]
    assert (
        q.reason.iloc[0]
        == "'Email' (email) is 'zoe@example'; expected an email address like name@example.com"
    )


def test_a_pos_export_in_cp1252_gzipped_with_decimal_commas_loads(tmp_path: Path):
    import gzip

    lines = [
        "Beleg;Datum;Kundenkarte;Filiale;Betrag;Bemerkung",
        "A-1;05.01.2024 14:30;K-100;Köln;1.234,50 €;Rückgabe möglich",
        "A-2;06.01.2024 09:05;K-101;Düsseldorf;12,00 €;",
        "A-3;07.01.2024 18:45;K-100;Köln;gratis;Gutschein",
        "A-4;31.01.2024 08:00;K-102;Münster;0,99 €;",
    ]
    with gzip.open(tmp_path / "kasse.csv.gz", "wb") as fh:
        fh.write("\r\n".join(lines).encode("cp1252") + b"\r\n")
    settings = {
        "table": "orders", "path": "kasse.csv.gz", "delimiter": ";", "decimal": ",",
        "timezone": "Europe/Berlin",
        "columns": {"order_id": "Beleg", "ordered_at": "Datum", "loyalty_id": "Kundenkarte",
                    "store_id": "Filiale", "total": "Betrag"},
        "formats": {"ordered_at": "%d.%m.%Y %H:%M"},
    }  # fmt: skip
    with pytest.raises(SourceError) as wrong:
        _load(tmp_path, settings)
    said = str(wrong.value).split("kasse.csv.gz: ")[1]
    assert said == (
        "at byte offset 78 (line 2) the bytes F6 are not utf-8; set encoding: cp1252 on the source (the "
        "whole file reads in it)"
    )
    assert said in (Path(__file__).parents[1] / "docs" / "ingest.md").read_text().replace("\n", " ")
    p, _, q = _load(tmp_path, {**settings, "encoding": "cp1252"})
    o = p.table("orders").to_pandas().sort_values("order_id", ignore_index=True)
    assert o.order_id.tolist() == ["A-1", "A-2", "A-4"] and o.store_id.tolist() == [
        "Köln",
        "Düsseldorf",
        "Münster",
    ]
    assert o.total.tolist() == [1234.5, 12.0, 0.99]
    assert [t.isoformat() for t in o.ordered_at] == [
        "2024-01-05T13:30:00+00:00", "2024-01-06T08:05:00+00:00", "2024-01-31T07:00:00+00:00"
    ]  # fmt: skip
    assert (
        q.row.tolist() == [3]
        and q.reason.iloc[0] == "'Betrag' (total) is 'gratis'; expected a number like 12.50"
    )


def test_a_spreadsheet_kept_by_hand_loads_without_its_title_and_total_rows(tmp_path: Path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Q1 orders (from the shop's till)"])
    ws.append([])
    ws.append(["Order", "Customer email", "Date", "Amount", "Channel"])
    orders = [
        (1001, "ann@example.com", datetime(2024, 1, 5), 12.5, "store"),
        (1002, "bob@example.com", datetime(2024, 2, 11, 16, 45), 30, "store"),
        (1003, "ann@example.com", date(2024, 3, 2), 0, "phone"),
    ]
    for row in orders:
        ws.append(list(row))
    ws.append([])
    ws.append(["Total", None, None, 42.5])
    book.save(tmp_path / "q1.xlsx")
    p, report, q = _load(tmp_path, {
        "table": "orders", "path": "q1.xlsx", "columns": {"order_id": "Order", "email": "Customer email",
                                                          "ordered_at": "Date", "total": "Amount"},
    })  # fmt: skip
    o = p.table("orders").to_pandas().sort_values("order_id", ignore_index=True)
    assert o.order_id.tolist() == ["1001", "1002", "1003"] and o.total.tolist() == [12.5, 30.0, 0.0]
    assert [t.isoformat() for t in o.ordered_at] == [
        "2024-01-05T00:00:00+00:00", "2024-02-11T16:45:00+00:00", "2024-03-02T00:00:00+00:00"
    ]  # fmt: skip
    assert o.channel.tolist() == ["store", "store", "phone"]
    assert (report.read, report.loaded) == (4, 3) and q.row.tolist() == [5]  # the total row, after a blank
    assert q.field.iloc[0] == "ordered_at"
