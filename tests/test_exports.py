"""Real exports, first try: public data in the forms people export it, run end to end and checked against
the reference library of the field."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cxlens import Project

lifetimes = pytest.importorskip("lifetimes")


def test_the_cdnow_log_runs_end_to_end_and_its_models_match_lifetimes(tmp_path: Path):
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
    peers = {
        "bg_nbd": lifetimes.BetaGeoFitter().fit(s.frequency, s.recency, s["T"]).params_,
        "pareto_nbd": lifetimes.ParetoNBDFitter().fit(s.frequency, s.recency, s["T"]).params_,
    }
    for model, params in peers.items():
        for name, value in params.items():
            assert ours[model, name] == pytest.approx(value, rel=1e-3), (model, name)
    h = p.table("value_holdout").to_pandas()
    predicted, actual = (h.customers * h.predicted).sum(), (h.customers * h.actual).sum()
    assert abs(predicted / actual - 1) < 0.05
    page = p.report().read_text()
    assert "Holdout check" in page and "P(alive)" in page and "Gamma-Gamma left out" in page
