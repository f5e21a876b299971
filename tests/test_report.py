"""The report is one self-contained file with the data-overview sections."""

from __future__ import annotations

import re
from html import escape as html_escape


def test_report_is_self_contained_with_overview_charts(loaded, tmp_path):
    html = loaded.project.report(tmp_path / "r.html").read_text()
    assert not re.search(r"<script[^>]+src=", html)  # no CDN, nothing fetched
    assert "Plotly.newPlot" in html and html.count("Plotly.newPlot") >= 4
    for section in ("sources", "quarantine", "gaps", "activity", "coverage"):
        assert f'id="{section}"' in html
    assert "Quarantine reasons" in html
    q = loaded.project.table("quarantine").to_pandas()
    shown = q.sort_values(["source", "file", "row"]).groupby(["source", "field"]).head(1)
    assert all(html_escape(r) in html for r in shown.reason)
