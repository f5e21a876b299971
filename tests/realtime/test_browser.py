"""Websites send to cxlens unchanged: the real analytics.js and RudderStack SDKs (npm, installed by `make
test` into tests/browser/node_modules) in Debian's Chromium, on pages of another origin, against `cxlens
serve` as its own process."""

from __future__ import annotations

import functools
import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx
import pytest

from cxlens.realtime import EventLog, key_hash
from tests.conftest import Watched, serve

pytestmark = pytest.mark.browser
PAGES = Path(__file__).parents[1] / "browser"
SDKS = PAGES / "node_modules"
KEY, READ_KEY = "browser-write-key", "browser-read-key"
KEYS = {"write_keys": [key_hash(KEY)], "read_keys": [key_hash(READ_KEY)]}
# rudder-sdk-js 2 says this on every load, in console.error; nothing else may be said there
DEPRECATED = "This RudderStack JavaScript SDK package is deprecated"


class _Site(SimpleHTTPRequestHandler):
    """The shop: the test pages, and the SDKs under /sdk/ as the shop would host its copy."""

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        if path.startswith("/sdk/"):
            return str(SDKS / path.removeprefix("/sdk/"))
        return str(PAGES / path.lstrip("/"))

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """Another origin than the collector's: a second port (``localhost``, not ``127.0.0.1``)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Site, directory=str(PAGES)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://localhost:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module", autouse=True)
def sdks() -> None:
    if not (SDKS / "@segment" / "analytics-next").exists() or not (SDKS / "rudder-sdk-js").exists():
        pytest.fail("the browser SDKs are missing: npm ci --prefix tests/browser (make test does)")


class Page(Watched):
    """A watched page (``Watched``) that also records what the collector acknowledged."""

    def __init__(self, browser, collector: str):
        super().__init__(browser)
        self.acked: list[dict] = []
        self.page.on("response", lambda r: self._response(r, collector))

    def _response(self, r, collector: str) -> None:
        if r.url.startswith(collector) and r.request.method == "POST" and r.status == 200:
            body = json.loads(r.request.post_data)
            self.acked += body.get("batch") or [body]

    def open(self, url: str) -> None:
        self.page.goto(url)

    def wait_acked(self, n: int, timeout: float = 20) -> None:
        """Until the collector acknowledged ``n`` calls (each response is an event: no polling)."""
        deadline = time.monotonic() + timeout
        while len(self.acked) < n:
            left = deadline - time.monotonic()
            assert left > 0, f"the collector acknowledged {len(self.acked)} calls of {n}"
            self.page.wait_for_event("response", timeout=left * 1000)


def _profile(collector: str, identifier: str) -> dict:
    r = httpx.get(f"{collector}/v1/profiles/{identifier}", auth=(READ_KEY, ""))
    assert r.status_code == 200, r.text
    return r.json()


@pytest.fixture(scope="module")
def collector(tmp_path_factory) -> Iterator[str]:
    with serve(tmp_path_factory.mktemp("browser"), KEYS) as (url, _):
        yield url


@pytest.mark.parametrize(
    ("page", "settings"),
    [
        ("analytics-npm.html", "page"),  # apiHost given on the page, no CDN at all
        ("analytics-npm.html", "cxlens"),  # AnalyticsBrowser.load({writeKey, cdnURL: cxlens})
        ("analytics-snippet.html", "cxlens"),  # Segment's snippet, the shop's copy of analytics.js
        ("rudder.html", "cxlens"),  # rudder-sdk-js, data plane and config from cxlens
    ],
)
def test_a_browser_sdk_on_another_origin_builds_one_customer(browser, site, collector, page, settings):
    user = f"{page.split('.')[0]}-{settings}"
    p = Page(browser, collector)
    try:
        p.open(
            f"{site}/{page}?" + urlencode({"key": KEY, "api": collector, "user": user, "settings": settings})
        )
        p.wait_acked(4)  # page, identify, Product Viewed, Order Completed
        anonymous = p.page.evaluate("anonymousId()")
    finally:
        p.close()
    prof = _profile(collector, anonymous)
    assert {f"anonymous_id:{anonymous}", f"user_id:{user}"} <= set(prof["identifiers"])
    # the email a web page sent is the person's trait, but links no one: anyone can type anyone's email
    assert prof["email"] == f"{user}@example.com" and not any(
        n.startswith("email:") for n in prof["identifiers"]
    )
    assert (prof["status"], prof["orders"]) == ("customer", 1)
    assert {t["touchpoint"] for t in prof["recent"]} >= {
        "Home",
        "identify",
        "Product Viewed",
        "Order Completed",
    }
    assert _profile(collector, user)["person_id"] == prof["person_id"]
    assert p.outside == []  # no request left the machine
    assert [e for e in p.errors if not e.startswith(DEPRECATED)] == []


def test_kill_9_during_a_browser_load_loses_no_acknowledged_event(browser, site, tmp_path):
    """analytics.js sends eight calls at a time from a page; `cxlens serve` gets SIGKILL after 200
    acknowledgements: every call the browser saw acknowledged is in the log after a restart."""
    with serve(tmp_path, KEYS) as (url, proc):
        p = Page(browser, url)
        try:
            p.open(f"{site}/load.html?" + urlencode({"key": KEY, "api": url}))
            p.wait_acked(200)
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            acked = {m["messageId"] for m in p.acked}
        finally:
            p.close()
    EventLog(tmp_path / "collector")  # the restart seals what the crash left
    logged = {
        json.loads(line)["messageId"]
        for f in (tmp_path / "collector").glob("*.jsonl")
        for line in f.read_text().splitlines()
    }
    assert len(acked) >= 200 and acked <= logged
