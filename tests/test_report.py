"""The report is one self-contained file with the data-overview sections."""

from __future__ import annotations

import re
from html import escape as html_escape

import pytest

from cxlens.experiments import METRICS, headline


@pytest.fixture(scope="module")
def report(loaded, tmp_path_factory) -> str:
    """The loaded company's report, rendered once for every test of its sections."""
    return loaded.project.report(tmp_path_factory.mktemp("report") / "r.html").read_text()


def test_report_is_self_contained_with_overview_charts(loaded, report):
    html = report
    assert not re.search(r"<script[^>]+src=", html)  # no CDN, nothing fetched
    assert "Plotly.newPlot" in html and html.count("Plotly.newPlot") >= 4
    for section in ("sources", "quarantine", "gaps", "activity", "identity", "customers", "coverage"):
        assert f'id="{section}"' in html
    assert "Quarantine reasons" in html
    q = loaded.project.table("quarantine").to_pandas()
    shown = q.sort_values(["source", "file", "row"]).groupby(["source", "field"]).head(1)
    assert all(html_escape(r) in html for r in shown.reason)


def test_report_identity_section_shows_the_funnel_and_the_junk_kept_out(loaded, report):
    html = report
    section = html[html.index('id="identity"') : html.index('id="coverage"')]
    people = loaded.project.table("identity_map").person_id.nunique().execute()
    assert f"<b>{people:,}</b><span>people</span>" in section
    assert '"type":"funnel"' in section and "Identifiers per person" in section
    blocked = loaded.project.table("identity_blocked").to_pandas()
    assert all(html_escape(v) in section for v in blocked.value)
    # Splink's match weight chart and the waterfall of the weakest linked match
    assert "Splink&#x27;s match weights" in section or "Splink's match weights" in section
    assert '"type":"waterfall"' in section
    f = loaded.project.table("identity_fuzzy").to_pandas()
    weakest = f[f.status == "linked"].sort_values("probability").iloc[0]
    assert f"{weakest.record_l} ~ {weakest.record_r}" in section


def test_report_customers_section_shows_stages_flows_value_and_the_holdout_check(loaded, report):
    html = report
    section = html[html.index('id="customers"') : html.index('id="personas"')]
    cv = loaded.project.table("customer_value").to_pandas()
    customers = int((cv.status == "customer").sum())
    assert f"<b>{customers:,}</b><span>customers</span>" in section
    assert '"type":"sankey"' in section and '"type":"heatmap"' in section
    h = loaded.project.table("value_holdout").to_pandas()
    actual = (h.customers * h.actual).sum()
    assert f"vs actual {actual:,.0f}" in section
    titles = ("Lifecycle stages", "RFM grid", "P(alive) against recency", "Share of predicted value")
    for title in (*titles, "Customer lifetime value: most customers"):
        assert title in section


def test_report_personas_section_shows_cards_hours_lifecycle_and_segments(loaded, report):
    html = report
    section = html[html.index('id="personas"') : html.index('id="journeys"')]
    personas = loaded.project.table("personas").to_pandas()
    for r in personas.itertuples():
        assert f"<h3>{html_escape(r.name)}</h3>" in section
        assert html_escape(r.narrative) in section and html_escape(r.engagement) in section
    assert section.count('class="card"') == len(personas)
    for title in ("When each persona orders", "Channel mix", "where each persona", "Segment sizes"):
        assert title in section
    members = loaded.project.table("segment_members").to_pandas().segment.value_counts()
    for name, n in members.items():
        assert f"<td>{name}</td>" in section and f'<td class="num">{n:,}</td>' in section


def test_report_journeys_section_shows_the_map_flows_funnel_pain_points_and_attribution(loaded, report):
    html = report
    section = html[html.index('id="journeys"') : html.index('id="voice"')]
    j = loaded.project.table("journeys").to_pandas()
    assert f"<b>{len(j):,}</b><span>journeys</span>" in section
    assert '"type":"sankey"' in section and '"type":"funnel"' in section and '"type":"heatmap"' in section
    pain = loaded.project.table("pain_points").order_by("rank").to_pandas()
    assert "Pain points, ranked by lost value" in section and html_escape(pain.step.iloc[0]) in section
    moments = loaded.project.table("moments_of_truth").to_pandas()
    assert html_escape(moments.words.iloc[0]) in section
    for title in ("Journey map", "Time to convert", "Attribution: conversions credited"):
        assert title in section


def test_report_voice_section_shows_scores_sentiment_themes_and_signals(loaded, report):
    html = report
    section = html[html.index('id="voice"') : html.index('id="experiments"')]
    s = loaded.project.table("voc_scores").to_pandas()
    overall = s[(s.metric == "nps") & (s.dimension == "all")].iloc[0]
    assert f"<b>{overall.score * 100:+.0f}</b>" in section
    for title in (
        "NPS by period",
        "NPS by persona",
        "Sentiment of comments",
        "Top themes",
        "Why lines come back",
    ):
        assert title in section
    f = loaded.project.table("feedback_scored").to_pandas()
    top = f.theme.value_counts().index[0]
    assert f"<td>{top}</td>" in section  # the most mentioned theme heads the table


def test_report_experiments_section_says_each_result_in_plain_words(loaded, report):
    html = report
    section = html[html.index('id="experiments"') : html.index('id="alerts"')]
    assert "<h3>checkout_redesign</h3>" in section and "Lift in conversion over control" in section
    # the sentences are those of the analysis of the experiment's own units, for every metric
    r = loaded.project.experiment("checkout_redesign")
    alpha = loaded.project.config.experiments.alpha
    said = [s for metric in METRICS for s in headline(r, metric, alpha)]
    assert len(said) == len(METRICS) and all(f"<p><b>{html_escape(s)}</b></p>" in section for s in said)
    at = [section.index(html_escape(s)) for s in said]
    assert at == sorted(at)  # conversion, then revenue, then NPS


def test_report_alerts_section_lists_the_unusual_orders_with_reasons(loaded, report):
    html = report
    section = html[html.index('id="alerts"') : html.index('id="coverage"')]
    a = loaded.project.table("alerts").to_pandas()
    assert f"<b>{len(a):,}</b><span>alerts</span>" in section
    for order in a.order_id:
        assert f"<td>{order}</td>" in section


def _expected_findings(p) -> list[tuple[str, str]]:
    """(section, number) of each finding, recomputed from the tables with pandas, in the report's order."""
    money, other = [], []
    pain = p.table("pain_points").to_pandas().sort_values("rank")
    if len(pain) and pain.lost_value.iloc[0] > 0:
        money.append((pain.lost_value.iloc[0], "journeys", f"{round(pain.lost_value.iloc[0]):,.0f}"))
    cv = p.table("customer_value").to_pandas()
    risk = cv[cv.stage == "at_risk"].clv.sum()
    if risk > 0:
        money.append((risk, "customers", f"{round(risk):,.0f}"))
    a = p.table("persona_assignments").to_pandas().merge(cv, on="person_id")
    g = a.groupby("persona_name").apply(
        lambda d: (d.status == "prospect").sum() * d.clv[d.status == "customer"].mean(), include_groups=False
    )
    if g.max() > 0:
        money.append((g.max(), "personas", f"{round(g.max()):,.0f}"))
    d = p.table("voc_drivers").to_pandas()
    d = d[(d.metric == "nps") & d.fix_first].sort_values("rank")
    if len(d):
        other.append(("drivers", f"{d.share_affected.iloc[0]:.0%}"))
    x = p.table("experiment_actions").to_pandas()
    x = x[x.verdict.isin(["works", "harms"])]
    if len(x):
        harm = x[x.verdict == "harms"]
        diff = harm.difference.min() if len(harm) else x.difference.max()
        other.append(("actions", f"{100 * diff:+.1f}"))
    al = p.table("alerts").to_pandas().sort_values("amount_z", ascending=False)
    if len(al):
        t = round(al.total.iloc[0], 2)
        other.append(("alerts", f"{t:,.0f}" if float(t).is_integer() else f"{t:,.2f}"))
    return ([(s, n) for _, s, n in sorted(money, key=lambda m: -m[0])] + other)[:5]


def test_the_report_opens_with_what_to_act_on_and_each_number_is_its_tables(loaded, report):
    main = report[report.index("<main>") :]
    assert main.index('id="act"') < main.index('id="identity"') < main.index('id="about"')
    assert main.index('id="about"') < main.index('id="sources"') and main.index('id="quarantine"') > 0
    act = main[main.index('id="act"') : main.index('id="identity"')]
    got = re.findall(r'<li data-section="([a-z]+)">.*?<b class="n">([^<]+)</b>', act)
    want = _expected_findings(loaded.project)
    assert len(want) == 5 and got == want
    for section, number in got:  # each number is shown in the section it links to
        at = main.index(f'id="{section}"')
        start, end = main.rindex("<section id=", 0, at + 1), main.find("<section id=", at + 1)
        assert html_escape(number) in main[start:end], (section, number)
    assert "Details under" in act and "rows in" in act and "people resolved" in act


def test_long_tables_scroll_and_every_chart_has_a_caption(report):
    figures = re.findall(r'<figure class="chart">.*?<figcaption>(.*?)</figcaption></figure>', report, re.S)
    assert len(figures) == report.count("Plotly.newPlot") and all(len(c) > 30 for c in figures)
    for t in re.findall(r"(<div class=\"scroll\">)?<table>(.*?)</table>", report, re.S):
        assert (t[1].count("<tr>") - 1 > 15) == bool(t[0])
