"""The report in Debian's Chromium: what to act on comes first, every finding's link lands on a section
that shows its number, the contents follow the reader, sections fold, and nothing is fetched."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def opened(loaded, browser, tmp_path_factory):
    """The loaded company's report open in a page that refuses (and records) anything but the file."""
    out = tmp_path_factory.mktemp("report_browser")
    path = loaded.project.report(out / "report.html")
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    outside, errors = [], []

    def route(r) -> None:
        if urlsplit(r.request.url).scheme in ("file", "data", "about", "blob"):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length > 20")
    yield page, outside, errors, out
    context.close()


def test_the_summary_comes_first_and_each_number_is_in_the_section_it_links_to(opened):
    page, outside, errors, out = opened
    first = page.locator("main > section").first
    assert first.get_attribute("id") == "act"
    box = first.bounding_box()
    assert box is not None and box["y"] < 900  # on the first screen
    items = page.locator("ol.findings > li")
    assert items.count() == 5
    for i in range(items.count()):
        item = items.nth(i)
        number = item.locator("b.n").inner_text()
        section = item.get_attribute("data-section")
        item.get_by_role("link").click()
        target = page.locator(f"#{section}")
        page.wait_for_function(
            "id => { const top = document.getElementById(id).getBoundingClientRect().top; "
            "return top < 200 && top > -5; }",
            arg=section,
        )
        shown = target.locator("xpath=ancestor-or-self::section[1]")
        assert number in shown.inner_text(), (section, number)
        page.screenshot(path=str(out / f"finding-{i + 1}-{section}.png"))
        # the contents mark the section being read
        holder = shown.get_attribute("id")
        page.wait_for_function(
            "id => document.querySelector('nav.toc a.current')?.hash === '#' + id", arg=holder
        )
    assert all(
        (out / f"finding-{i + 1}-{s}.png").stat().st_size > 10_000
        for i, s in enumerate(items.nth(j).get_attribute("data-section") for j in range(items.count()))
    )
    assert outside == [] and errors == []


def test_sections_fold_and_print_with_their_charts(opened):
    page, outside, errors, out = opened
    summary = page.locator("#cohorts summary")
    chart = page.locator("#cohorts .js-plotly-plot").first
    assert chart.is_visible()
    summary.click()
    assert not chart.is_visible()
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert chart.is_visible() and not page.locator("nav.toc").is_visible()
    widths = page.evaluate(
        "[...document.querySelectorAll('.js-plotly-plot .main-svg')]"
        ".map(s => s.getBoundingClientRect().width)"
    )
    assert len(widths) > 20 and min(widths) > 100
    pdf = page.pdf(path=str(out / "report.pdf"))
    assert len(pdf) > 100_000
    page.emulate_media(media="screen")
    assert outside == [] and errors == []


def test_long_tables_scroll_inside_their_box(opened):
    page, *_ = opened
    boxes = page.locator("div.scroll")
    assert boxes.count() >= 1
    for i in range(boxes.count()):
        b = boxes.nth(i)
        assert b.evaluate("e => e.scrollHeight > e.clientHeight && e.clientHeight <= 480")
