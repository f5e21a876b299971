"""The 360° pages in Debian's Chromium against the live service on a copy of the test company: one person
with every record and why (checked against the truth the generator planted), live updates from the Python
SDK, the read key, inert HTML, segments and erasure."""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import duckdb
import httpx
import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from segment.analytics import Client

from cxlens.config import load_config
from tests.conftest import Server, Watched
from tests.realtime.test_live import READ, SERVER, WRITE, project

pytestmark = pytest.mark.browser
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def server(loaded, tmp_path_factory) -> Iterator[Server]:
    loaded.project.con.raw_sql("CHECKPOINT")  # the copy is of the file alone
    config = load_config(project(loaded, tmp_path_factory.mktemp("ui")))
    srv = Server(config)
    srv.config = config
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def warehouse(loaded) -> dict[str, pd.DataFrame]:
    con = loaded.project.con
    return {
        name: con.table(name).to_pandas()
        for name in ("people", "identity_map", "segment_members", "alerts", "events", "feedback")
    }


@pytest.fixture(scope="module")
def subject(truth, warehouse) -> dict:
    """A person the generator planted with two devices, a CRM duplicate only fuzzy matching finds, an
    anonymous history that was later identified, and a survey comment; with their truth."""
    ids = truth("identifiers")
    crm = truth("crm")
    fuzzy_dup = set(crm[crm.dup_kind.fillna("") == "typo_no_shared_id"].person_id)
    devices = ids[ids.kind == "anonymous_id"].groupby("person_id").size()
    e = warehouse["events"]
    signed = set(e[e.user_id.notna()].anonymous_id)
    anonymous = set(e[e.user_id.isna() & e.anonymous_id.isin(signed)].anonymous_id)
    identified = set(ids[(ids.kind == "anonymous_id") & ids.value.isin(anonymous)].person_id)
    answers = truth("feedback").merge(warehouse["feedback"], on="response_id")
    commented = answers[answers.comment.notna()]
    people = sorted(fuzzy_dup & set(devices[devices >= 2].index) & identified & set(commented.person_id))
    assert people, "the sample plants people with all of these"
    person = people[0]
    mine = ids[ids.person_id == person]
    return {
        "person": person,
        "nodes": sorted(mine.kind + ":" + mine.value),
        "orders": truth("orders")[lambda o: o.person_id == person],
        "comments": list(commented[commented.person_id == person].comment),
        "user_id": mine[mine.kind == "user_id"].value.iloc[0],
        "email": mine[mine.kind == "email"].value.iloc[0],
    }


class Browser(Watched):
    """A watched page (``Watched``) logged in with ``key``, which also records and accepts dialogs."""

    def __init__(self, browser, key: str = READ, width: int = 1280, **options):
        viewport = {"width": width, "height": 900}
        super().__init__(
            browser, http_credentials={"username": key, "password": ""}, viewport=viewport, **options
        )
        self.dialogs: list[str] = []
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.accept()


@pytest.fixture
def tab(browser) -> Iterator[Browser]:
    b = Browser(browser)
    yield b
    b.close()


def test_every_page_needs_the_read_key_and_a_browser_is_asked_for_it(server):
    paths = ["/ui", "/ui/suggest?q=an", "/ui/people/x", "/ui/people/x/export.json", "/ui/people/x/stream",
             "/ui/segments/valuable_at_risk", "/ui/segments/valuable_at_risk/audience.csv"]  # fmt: skip
    for key in (None, WRITE, SERVER):
        auth = (key, "") if key else None
        for path in paths:
            r = httpx.get(server.url + path, auth=auth)
            assert r.status_code == 401, (path, key)
            assert r.headers["www-authenticate"] == 'Basic realm="cxlens"'
        assert (
            httpx.post(server.url + "/ui/people/x/erase", auth=auth, data={"confirm": "erase"}).status_code
            == 401
        )
    r = httpx.get(server.url + "/ui/segments/valuable_at_risk?page=0", auth=(READ, ""))
    assert r.status_code == 400 and "page" in r.json()["message"]
    r = httpx.get(server.url + "/ui/segments/valuable_at_risk?sort=name", auth=(READ, ""))
    assert r.status_code == 400 and "sort" in r.json()["message"]
    assert httpx.get(server.url + "/ui/people/a%01b", auth=(READ, "")).status_code == 400


def test_a_search_for_a_whole_identifier_opens_the_person(server, subject, warehouse):
    m = warehouse["identity_map"]
    pid = m[m.node == "email:" + subject["email"]].person_id.iloc[0]
    for typed in (subject["email"].upper(), subject["user_id"], pid):
        r = httpx.get(server.url + "/ui", params={"q": f" {typed} "}, auth=(READ, ""))
        assert r.status_code == 303 and r.headers["location"] == f"/ui/people/{pid}", typed


def test_one_person_with_every_record_and_why_and_live_updates_from_the_sdk(server, subject, tab):
    page = tab.page
    page.goto(server.url + "/ui")
    page.fill("#q", subject["email"][:12])  # part of the email: suggestions
    page.locator("#suggestions li").first.wait_for()
    options = page.locator("#suggestions li")
    index = next(i for i in range(options.count()) if subject["email"] in options.nth(i).inner_text())
    for _ in range(index + 1):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/ui/people/**")
    page.wait_for_selector("#identity .plot .main-svg")  # the graph was drawn

    identity = page.inner_text("#identity")
    missing = [n for n in subject["nodes"] if n not in identity]
    assert not missing, f"identifiers of {subject['person']} not on the page: {missing}"
    assert "fuzzy match" in identity  # the CRM duplicate, with its reason
    assert page.locator("#identity table.why").first.locator("tbody tr").count() >= len(subject["nodes"])
    timeline = page.inner_text("#timeline")
    for total in subject["orders"].total:
        assert f"{total:,.2f}" in timeline
    for comment in subject["comments"]:
        assert comment in timeline

    # live: an identify and an order from the Python SDK show without a reload
    page.evaluate("window.untouched = true")
    sdk = Client(SERVER, host=server.url, sync_mode=True, max_retries=0, on_error=pytest.fail)
    sdk.identify(user_id=subject["user_id"], traits={"firstName": "Brendalyn"})
    sdk.track(
        user_id=subject["user_id"], event="Order Completed", properties={"order_id": "UI1", "total": 123.45}
    )
    page.locator("#head h1", has_text="Brendalyn").wait_for(timeout=2000)
    page.locator("#timeline li", has_text="123.45").wait_for(timeout=2000)
    assert page.evaluate("window.untouched") is True
    assert not tab.errors and not tab.outside and not tab.dialogs


def test_a_timeline_filter_and_the_json_export(server, subject, tab):
    page = tab.page
    page.goto(f"{server.url}/ui/people/{quote(subject['email'])}")
    page.select_option("select[name=channel]", "email")
    page.wait_for_url("**channel=email**")
    channels = page.locator("#timeline li .muted", has_text="via ").all_inner_texts()
    assert channels and all(c == "via email" for c in channels)
    with page.expect_download() as got:
        page.click("text=Export JSON")
    exported = pd.read_json(got.value.path(), typ="series")
    assert exported["profile"]["email"] == subject["email"]
    assert set(subject["nodes"]) <= set(exported["identifiers"])
    assert not tab.errors and not tab.outside


def test_html_in_a_trait_or_the_path_stays_text_and_an_unknown_person_gets_a_helpful_page(server, tab):
    sdk = Client(SERVER, host=server.url, sync_mode=True, max_retries=0, on_error=pytest.fail)
    sdk.identify(user_id="ui-xss", traits={"firstName": SCRIPT, "email": "xss@example.com"})
    page = tab.page
    r = page.goto(server.url + "/ui/people/user_id:ui-xss")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert page.inner_text("#head h1") == SCRIPT
    r = page.goto(server.url + "/ui/people/" + quote(SCRIPT, safe=""))
    assert r.status == 404 and SCRIPT in page.inner_text("main")
    r = page.goto(server.url + "/ui/people/" + quote(SCRIPT))  # its slash unescaped: still one identifier
    assert r.status == 404 and "No one has the identifier" in page.inner_text("h1")
    r = page.goto(server.url + "/ui/people/xss@exa")  # part of an email: where to go
    assert r.status == 404 and page.locator("main a", has_text=SCRIPT).count() == 1
    errors = [e for e in tab.errors if "status of 404" not in e]  # the three 404 pages themselves
    assert not tab.dialogs and not errors and not tab.outside


def test_the_start_page_lists_segments_alerts_and_the_just_lapsed_as_the_warehouse_has_them(
    server, warehouse, tab
):
    page = tab.page
    page.goto(server.url + "/ui")
    members = warehouse["segment_members"].merge(warehouse["people"], on="person_id")
    for name, m in members.groupby("segment"):
        row = page.locator("section", has_text="Segments").locator("tr", has_text=name)
        cells = row.locator("td.num").all_inner_texts()
        assert cells == [
            f"{len(m):,}",
            *(f"{m[f'consent_{c}'].eq(True).sum():,}" for c in ("email", "sms", "ads")),
        ]
    latest = warehouse["alerts"].sort_values("ordered_at").iloc[-1]
    p = warehouse["people"].set_index("person_id").loc[latest.person_id]
    assert f"{p.first_name} {p.last_name}" in page.locator("section", has_text="Recent alerts").inner_text()
    lapsed = page.locator("section", has_text="Just lapsed").locator("li a").all_inner_texts()
    stages = (
        warehouse["people"].assign(name=lambda d: d.first_name + " " + d.last_name).set_index("name").stage
    )
    assert lapsed and all(stages.get(n) == "lapsed" for n in lapsed)
    assert not tab.errors and not tab.outside


def test_a_segment_page_sorts_pages_and_downloads_the_consented_audience(server, warehouse, subject, tab):
    page = tab.page
    name = "browsing_prospects"
    m = warehouse["segment_members"].query("segment == @name").merge(warehouse["people"], on="person_id")
    page.goto(f"{server.url}/ui/segments/{name}?sort=last_seen&order=desc")
    shown = [
        a.split("?")[0] for a in page.locator("table.members td a").evaluate_all("es => es.map(e => e.href)")
    ]
    expected = m.sort_values(["last_seen", "person_id"], ascending=[False, True]).person_id.head(50)
    assert [s.rsplit("/", 1)[1] for s in shown] == list(expected)
    assert page.locator("th[aria-sort=descending]").inner_text().startswith("Last seen")
    members = warehouse["segment_members"].merge(warehouse["people"], on="person_id")
    for (name, m), fmt in itertools.product(members.groupby("segment"), ("csv", "parquet")):
        r = httpx.get(f"{server.url}/ui/segments/{name}/audience.{fmt}?channel=email", auth=(READ, ""))
        assert r.status_code == 200
        got = (
            pd.read_csv(io.StringIO(r.text), dtype=str)
            if fmt == "csv"
            else pq.read_table(io.BytesIO(r.content)).to_pandas()
        )
        want = m[m.consent_email.eq(True)].set_index("person_id").sort_index()
        got = got.set_index("person_id").sort_index()
        assert list(got.index) == list(want.index), (name, fmt)
        renamed = warehouse["identity_map"].query("node == 'email:' + @subject['email']").person_id
        got, want = got.drop(renamed, errors="ignore"), want.drop(renamed, errors="ignore")  # renamed live
        for field in got.columns:  # the segment's fields, as the warehouse has them
            if pd.api.types.is_numeric_dtype(want[field]):
                assert np.allclose(got[field].astype(float), want[field].astype(float), equal_nan=True), field
            else:
                same = got[field].fillna("").astype(str) == want[field].fillna("").astype(str)
                assert same.all(), (name, field)
    assert not tab.errors and not tab.outside


def test_the_person_page_fits_a_phone(server, subject, browser):
    phone = Browser(browser, width=390)
    phone.page.goto(f"{server.url}/ui/people/{quote(subject['email'])}")
    phone.page.wait_for_selector("#identity .plot .main-svg")
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 390
    assert not phone.errors
    phone.close()


def test_erase_from_the_page_removes_the_person_everywhere(server, warehouse, subject, tab):
    page = tab.page
    m = (
        warehouse["segment_members"]
        .query("segment == 'valuable_at_risk'")
        .merge(warehouse["people"], on="person_id")
    )
    target = m[m.email.notna() & (m.email != subject["email"])].iloc[0]
    page.goto(f"{server.url}/ui/people/{quote(target.email)}")
    r = httpx.post(
        f"{server.url}/ui/people/{target.person_id}/erase", auth=(READ, ""), data={"confirm": "erase"},
        headers={"Origin": "http://elsewhere.example"},
    )  # fmt: skip
    assert r.status_code == 403  # a form on another site, riding the browser's key
    page.click("summary:has-text('Erase')")
    page.fill("#confirm", "erase")
    page.click("button:has-text('Erase for good')")
    page.locator("h1", has_text="Erased").wait_for()
    assert tab.dialogs  # it asked first
    for ident in (target.email, target.person_id):
        assert httpx.get(f"{server.url}/v1/profiles/{ident}", auth=(READ, "")).status_code == 404
        assert httpx.get(f"{server.url}/ui/people/{quote(ident)}", auth=(READ, "")).status_code == 404
    home = httpx.get(server.url + "/ui", auth=(READ, "")).text
    assert target.person_id not in home
    con = duckdb.connect(str(server.config.warehouse_path), read_only=True)
    for (table,) in con.sql("SHOW TABLES").fetchall():
        if "person_id" in [c[0] for c in con.sql(f'DESCRIBE "{table}"').fetchall()]:
            count = con.sql(f'SELECT count(*) FROM "{table}" WHERE person_id = ?', params=[target.person_id])
            assert not count.fetchone()[0], table
    assert not con.sql("SELECT count(*) FROM contacts WHERE email = ?", params=[target.email]).fetchone()[0]
    con.close()
    assert not tab.errors and not tab.outside


AXE = Path(__file__).parents[1] / "browser" / "node_modules" / "axe-core" / "axe.min.js"


def test_the_three_pages_pass_axe_and_work_from_the_keyboard(server, subject, browser):
    """axe-core's WCAG 2 A and AA rules (labels, contrast, landmarks, ARIA) on each page (the test injects
    axe, which the pages' own policy would refuse)."""
    tab = Browser(browser, bypass_csp=True)
    page = tab.page
    for path in ("/ui", f"/ui/people/{quote(subject['email'])}", "/ui/segments/valuable_at_risk"):
        page.goto(server.url + path)
        page.add_script_tag(path=str(AXE))
        found = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']}).then(r => r.violations)")
        assert not found, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in found]
    page.goto(server.url + "/ui")
    order = []
    for _ in range(3):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.id || document.activeElement.textContent"))
    assert order == ["Skip to content", "cxlens", "q"]  # the skip link, home, then the search
    tab.close()
