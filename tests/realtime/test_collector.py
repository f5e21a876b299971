"""The collector against Segment's HTTP API contract, a real Segment SDK, and ingest of what it logged."""

from __future__ import annotations

import base64
import gzip
import json
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pandas as pd
import pytest
from fastapi.testclient import TestClient

from cxlens import Project
from cxlens.config import Config, load_config
from cxlens.errors import ConfigError
from cxlens.realtime import EventLog, create_app, key_hash
from tests.conftest import Server, serve, write_project

KEY = "test-write-key"  # public: a browser's
SERVER_KEY = "test-server-key"  # secret: the company's servers'
READ_KEY = "test-read-key"
SOURCE = {"name": "collector", "table": "events", "path": "collector/*.jsonl"}
KEYS = {
    "write_keys": [key_hash(KEY)],
    "server_write_keys": [key_hash(SERVER_KEY)],
    "read_keys": [key_hash(READ_KEY)],
    "seal_seconds": 3600,
}


def config(folder: Path, **realtime) -> Config:
    """A project collecting into ``folder``/collector, with the test keys."""
    return load_config(write_project(folder, [SOURCE], realtime={**KEYS, **realtime}))


def _basic(key: str = KEY) -> dict:
    return {"Authorization": "Basic " + base64.b64encode(f"{key}:".encode()).decode()}


def _lines(folder: Path) -> list[dict]:
    return [json.loads(line) for f in sorted(folder.glob("*.jsonl*")) for line in f.read_text().splitlines()]


@pytest.fixture
def client(tmp_path: Path):
    with TestClient(create_app(config(tmp_path))) as c:
        yield c


def test_every_way_of_sending_the_write_key_works_and_a_wrong_one_is_refused(client, tmp_path):
    msg = {"userId": "u1", "event": "Signed Up"}
    assert client.post("/v1/track", json=msg, headers=_basic()).status_code == 200
    assert client.post("/v1/track", json=msg, headers={"Authorization": f"Bearer {KEY}"}).status_code == 200
    assert client.post("/v1/track", json={**msg, "writeKey": KEY}).status_code == 200
    for headers, body in (({}, msg), (_basic("nope"), msg), ({"Authorization": "Basic %%%"}, msg)):
        r = client.post("/v1/track", json=body, headers=headers)
        assert r.status_code == 401 and r.json()["code"] == "unauthorized"
    assert len(_lines(tmp_path / "collector")) == 3


@pytest.mark.parametrize(
    ("path", "body", "status", "words"),
    [
        ("/v1/track", {"userId": "u1"}, 400, "needs an 'event' name"),
        ("/v1/track", {"event": "X"}, 400, "needs a 'userId' or an 'anonymousId'"),
        ("/v1/track", {"userId": ["u1"], "event": "X"}, 400, "'userId' must be a string"),
        (
            "/v1/track",
            {"userId": "u1", "event": "X", "properties": [1]},
            400,
            "'properties' must be a JSON object",
        ),
        ("/v1/track", {"userId": "u1", "event": "X", "timestamp": "soon"}, 400, "'timestamp' is 'soon'"),
        ("/v1/alias", {"userId": "u1"}, 400, "needs 'previousId' and 'userId'"),
        ("/v1/batch", {"batch": [{"type": "tap", "userId": "u"}]}, 400, "batch[0]: 'type' is 'tap'"),
        ("/v1/batch", {"batch": []}, 400, "non-empty list"),
        (
            "/v1/batch",
            {"batch": [{"type": "track", "userId": "u", "event": "E"}] * 2501},
            413,
            "at most 2,500",
        ),
        (
            "/v1/track",
            {"userId": "u", "event": "E", "properties": {"x": "y" * 33_000}},
            413,
            "at most 32,768",
        ),
    ],
)
def test_bad_requests_get_a_status_and_a_message_and_store_nothing(
    client, tmp_path, path, body, status, words
):
    r = client.post(path, json=body, headers=_basic())
    assert r.status_code == status and words in r.json()["message"]
    assert _lines(tmp_path / "collector") == []


def test_malformed_json_oversize_bodies_and_gzip(client, tmp_path):
    r = client.post("/v1/track", content=b"{not json", headers=_basic())
    assert r.status_code == 400 and r.json()["code"] == "invalid_json"
    r = client.post("/v1/batch", content=b"x" * 600_000, headers=_basic())
    assert r.status_code == 413
    r = client.post("/v1/track", content=b"plain", headers={**_basic(), "Content-Encoding": "gzip"})
    assert r.status_code == 400 and r.json()["code"] == "invalid_gzip"
    body = gzip.compress(json.dumps({"anonymousId": "a1", "type": "page", "name": "Home"}).encode())
    r = client.post("/v1/page", content=body, headers={**_basic(), "Content-Encoding": "gzip"})
    assert r.status_code == 200 and r.json() == {"success": True}
    assert _lines(tmp_path / "collector")[0]["event"] == "Home"


def test_clock_skew_is_corrected_as_segment_does(client, tmp_path):
    """A device clock an hour fast: the event happened 10 s before the device sent it, so 10 s before the
    server received it, whatever the device's clock said."""
    fast = datetime.now(UTC) + timedelta(hours=1)
    msg = {"userId": "u1", "event": "E", "timestamp": (fast - timedelta(seconds=10)).isoformat(),
           "sentAt": fast.isoformat()}  # fmt: skip
    assert client.post("/v1/track", json=msg, headers=_basic()).status_code == 200
    line = _lines(tmp_path / "collector")[0]
    ts, received = (
        datetime.fromisoformat(line[k].replace("Z", "+00:00")) for k in ("timestamp", "receivedAt")
    )
    assert received - ts == timedelta(seconds=10)


def test_a_crash_leaves_only_whole_acknowledged_lines(tmp_path):
    log = EventLog(tmp_path)
    log.append([b'{"messageId": "m1"}', b'{"messageId": "m2"}'])
    with open(next(tmp_path.glob("*.open")), "ab") as f:  # the process died writing the third
        f.write(b'{"messageId": "m3", "ty')
    EventLog(tmp_path)  # the restart seals what the crash left
    assert [r["messageId"] for r in _lines(tmp_path)] == ["m1", "m2"]
    assert not list(tmp_path.glob("*.open"))


@pytest.fixture
def server(tmp_path: Path):
    s = Server(config(tmp_path))
    yield s
    s.stop()


def test_the_segment_sdk_sends_and_ingest_reads_the_events_identities_and_profile(server, tmp_path):
    from segment.analytics import Client

    sdk = Client(SERVER_KEY, host=server.url, sync_mode=True, max_retries=0, on_error=pytest.fail)
    sdk.page(anonymous_id="anon-1", name="Home", properties={"path": "/"})
    sdk.track(anonymous_id="anon-1", event="Product Viewed", properties={"sku": "A1"})
    traits = {"email": "Ann@Example.com", "firstName": "Ann", "lastName": "Lee", "consentEmail": False}
    sdk.identify(user_id="u-42", traits=traits, anonymous_id="anon-1")
    sdk.alias(previous_id="anon-2", user_id="u-42")
    sdk.track(user_id="u-42", event="Order Completed", properties={"order_id": "O1", "revenue": 25.0})
    retried = {"messageId": "fixed-id", "type": "track", "userId": "u-42", "event": "Coupon Applied"}
    for _ in range(2):  # an SDK retry after a lost answer
        r = httpx.post(f"{server.url}/v1/batch", json={"batch": [retried]}, headers=_basic())
        assert r.status_code == 200
    live = httpx.get(f"{server.url}/v1/profiles/ann@example.com", auth=(READ_KEY, "")).json()
    assert live["first_name"] == "Ann" and live["events"] == 6 and live["revenue"] == 25.0
    assert {"user_id:u-42", "anonymous_id:anon-1", "anonymous_id:anon-2"} <= set(live["identifiers"])
    server.stop()  # sealing the log on the way out: what ingest reads
    p = Project(tmp_path / "cxlens.yaml", progress=False)
    p.run()
    e = p.table("events").to_pandas()
    assert len(e) == 6 and (e.message_id == "fixed-id").sum() == 1
    assert set(e.event.dropna()) >= {"Home", "Product Viewed", "Order Completed", "Coupon Applied"}
    who = p.table("identity_map").to_pandas().set_index("node").person_id
    person = who["user_id:u-42"]
    assert who["anonymous_id:anon-1"] == who["anonymous_id:anon-2"] == who["email:ann@example.com"] == person
    prof = p.profile("Ann@Example.com")  # found by the email the identify call sent ...
    assert prof["person_id"] == person
    # ... whose traits and opt-out, as the SDK sent them, are the profile's after the run too
    assert (prof["first_name"], prof["last_name"], prof["email"]) == ("Ann", "Lee", "ann@example.com")
    assert prof["consent_email"] is False and pd.isna(prof["consent_sms"])


def test_every_acknowledged_event_survives_kill_9_during_a_load(tmp_path):
    """`cxlens serve` as its own process, four clients sending batches, SIGKILL after 20 acknowledged
    batches: after a restart every acknowledged message is in the log."""
    import os
    import signal

    acked: list[str] = []
    enough = threading.Event()

    def send(url: str, worker: int) -> None:
        with httpx.Client(base_url=url, headers=_basic(), timeout=5) as c:
            for n in range(10_000):
                ids = [f"w{worker}-{n}-{i}" for i in range(50)]
                batch = [{"type": "track", "userId": f"u{worker}", "event": "E", "messageId": m} for m in ids]
                try:
                    r = c.post("/v1/batch", json={"batch": batch})
                except httpx.HTTPError:
                    return
                if r.status_code == 200:
                    acked.extend(ids)
                    if len(acked) >= 20 * 50:
                        enough.set()

    with serve(tmp_path, {"write_keys": [key_hash(KEY)]}) as (url, proc):
        workers = [threading.Thread(target=send, args=(url, w)) for w in range(4)]
        for w in workers:
            w.start()
        assert enough.wait(60)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        for w in workers:
            w.join()
    EventLog(tmp_path / "collector")  # the restart seals what the crash left
    kept = {r["messageId"] for r in _lines(tmp_path / "collector")}
    assert len(acked) >= 1000 and set(acked) <= kept


def test_serve_without_keys_and_keys_not_hashed_are_refused(tmp_path):
    from typer.testing import CliRunner

    from cxlens.cli import app

    runner = CliRunner()
    project = write_project(tmp_path, [{"name": "collector", "table": "events", "path": "collector/*.jsonl"}])
    r = runner.invoke(app, ["serve", "-p", str(project)])
    assert r.exit_code == 2 and "realtime.write_keys and server_write_keys are empty" in r.output
    project = write_project(
        tmp_path, [{"name": "c", "table": "events", "path": "c/*.jsonl"}], realtime={"write_keys": [KEY]}
    )
    r = runner.invoke(app, ["serve", "-p", str(project)])
    assert r.exit_code == 2 and "keys are stored hashed" in r.output
    made = runner.invoke(app, ["key"]).output.split()
    assert key_hash(made[made.index("key:") + 1]) == made[made.index("hash:") + 1]


def test_browsers_get_cors_on_the_collector_only_short_paths_and_text_plain(client, tmp_path):
    origin = {"Origin": "https://shop.example.com"}
    preflight = {**origin, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "authorization,content-type,x-retry-count"}  # fmt: skip
    for path in ("/v1/t", "/v1/batch", "/v1/b", "/beacon/v1/batch"):
        r = client.options(path, headers=preflight)
        assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "*"
        assert "authorization" in r.headers["access-control-allow-headers"].lower()
    # analytics.js: a short path, a text/plain body with the key in it and in the header
    msg = {"anonymousId": "a-web", "event": "Product Viewed", "writeKey": KEY}
    r = client.post("/v1/t", content=json.dumps(msg), headers={**origin, "Content-Type": "text/plain"})
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "*"
    # an error carries the CORS headers too, so the SDK can read it
    r = client.post("/v1/p", content="{}", headers={**origin, "Content-Type": "text/plain"})
    assert r.status_code == 401 and r.headers["access-control-allow-origin"] == "*"
    # RudderStack's beacon: the key in the query
    batch = {"batch": [{"type": "track", "anonymousId": "a-web", "event": "Cart Viewed"}]}
    assert client.post(f"/beacon/v1/batch?writeKey={KEY}", json=batch).status_code == 200
    assert client.post("/beacon/v1/batch?writeKey=nope", json=batch).status_code == 401
    assert [r["event"] for r in _lines(tmp_path / "collector")] == ["Product Viewed", "Cart Viewed"]
    # the read API is not for other origins
    r = client.options("/v1/profiles/a-web", headers=preflight)
    assert "access-control-allow-origin" not in r.headers
    r = client.get("/v1/profiles/a-web", headers={**origin, **_basic(READ_KEY)})
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers


def test_only_the_configured_origins_may_send(tmp_path):
    with TestClient(create_app(config(tmp_path, allowed_origins=["https://shop.example.com"]))) as c:
        ask = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization"}
        ok = c.options("/v1/t", headers={"Origin": "https://shop.example.com", **ask})
        assert ok.headers["access-control-allow-origin"] == "https://shop.example.com"
        no = c.options("/v1/t", headers={"Origin": "https://evil.example.net", **ask})
        assert no.status_code == 400 and "access-control-allow-origin" not in no.headers
    with pytest.raises(ConfigError, match=r"allowed_origins: 'shop\.example\.com/' is not an origin"):
        config(tmp_path, allowed_origins=["shop.example.com/"])


def test_analytics_js_and_rudderstack_load_their_settings_from_cxlens(client):
    s = client.get(f"/v1/projects/{KEY}/settings").json()["integrations"]["Segment.io"]
    assert (s["apiKey"], s["apiHost"], s["protocol"]) == (KEY, "testserver/v1", "http")
    r = client.get("/v1/projects/not-a-key/settings")
    assert r.status_code == 404 and r.json()["code"] == "not_found"
    src = client.get("/sourceConfig/?p=npm&v=2.52.21", headers=_basic()).json()["source"]
    assert src["enabled"] and src["destinations"] == [] and src["writeKey"] == KEY
    assert client.get("/sourceConfig/", headers=_basic("nope")).status_code == 401
    assert client.post("/v1/m", content="{}").json() == {"success": True}  # analytics.js's own metrics


def _live(server, identifier: str) -> dict:
    r = httpx.get(f"{server.url}/v1/profiles/{identifier}", auth=(READ_KEY, ""))
    assert r.status_code == 200, r.text
    return r.json()


def test_an_anonymous_history_joins_the_signed_in_person_at_once_and_the_run_agrees(server, tmp_path):
    from segment.analytics import Client

    sdk = Client(SERVER_KEY, host=server.url, sync_mode=True, max_retries=0, on_error=pytest.fail)
    sdk.identify(user_id="u-7", anonymous_id="laptop", traits={"email": "kim@example.com"})
    sdk.page(anonymous_id="phone", name="Home")  # a new device: someone we do not know yet
    sdk.track(anonymous_id="phone", event="Product Viewed", properties={"sku": "A1"})
    sdk.page(anonymous_id="tablet", name="Sale")
    phone, tablet = (_live(server, d)["person_id"] for d in ("phone", "tablet"))
    assert len({phone, tablet, _live(server, "u-7")["person_id"]}) == 3
    sdk.identify(user_id="u-7", anonymous_id="phone")  # she signs in on the phone
    sdk.alias(previous_id="tablet", user_id="u-7")  # and the shop aliases the tablet
    kim = _live(server, "kim@example.com")
    assert {"anonymous_id:laptop", "anonymous_id:phone", "anonymous_id:tablet"} <= set(kim["identifiers"])
    assert _live(server, "phone")["person_id"] == _live(server, "tablet")["person_id"] == kim["person_id"]
    assert {"Home", "Product Viewed", "Sale"} <= {t["touchpoint"] for t in kim["recent"]}  # the history
    assert [m["person_id"] for m in kim["merged"]] == [
        phone,
        _live(server, "tablet")["merged"][1]["person_id"],
    ]
    assert "anonymous_id:phone met user_id:u-7 in identify" in kim["merged"][0]["reason"]
    assert httpx.get(f"{server.url}/v1/profiles/{phone}", auth=(READ_KEY, "")).status_code == 404
    server.stop()
    p = Project(tmp_path / "cxlens.yaml", progress=False)
    p.run()
    who = p.table("identity_map").to_pandas().set_index("node").person_id
    assert who["anonymous_id:phone"] == who["anonymous_id:tablet"] == who["user_id:u-7"]


def test_two_known_people_met_in_one_event_are_not_merged_live(tmp_path):
    s = Server(config(tmp_path))
    try:
        send = lambda *calls: httpx.post(  # noqa: E731
            f"{s.url}/v1/batch", json={"batch": list(calls)}, headers=_basic(SERVER_KEY)
        ).raise_for_status()
        send({"type": "identify", "userId": "u-1", "anonymousId": "d-1"},
             {"type": "identify", "userId": "u-2", "anonymousId": "d-2"},
             {"type": "identify", "anonymousId": "d-3", "traits": {"email": "lee@example.com"}})  # fmt: skip
        one, two, three = (_live(s, d)["person_id"] for d in ("d-1", "d-2", "d-3"))
        send(
            {"type": "track", "userId": "u-1", "anonymousId": "d-2", "event": "E"},  # u-2's device
            {"type": "alias", "userId": "u-1", "previousId": "d-3"},
        )  # a device someone's email is on
        assert _live(s, "d-2")["person_id"] == _live(s, "u-2")["person_id"] == two
        assert _live(s, "d-3")["person_id"] == three and _live(s, "u-1")["person_id"] == one
        assert "merged" not in _live(s, "u-1")
    finally:
        s.stop()


def test_a_live_merge_keeps_within_the_anonymous_id_cap(tmp_path):
    project = write_project(tmp_path, [SOURCE], identity={"caps": {"anonymous_id": 2}}, realtime=KEYS)
    s = Server(load_config(project))
    try:
        batch = [{"type": "identify", "userId": "u-9", "anonymousId": "d-1"},
                 {"type": "page", "anonymousId": "d-2", "name": "Home"},
                 {"type": "page", "anonymousId": "d-3", "name": "Home"},
                 {"type": "identify", "userId": "u-9", "anonymousId": "d-2"},
                 {"type": "identify", "userId": "u-9", "anonymousId": "d-3"}]  # fmt: skip
        httpx.post(f"{s.url}/v1/batch", json={"batch": batch}, headers=_basic()).raise_for_status()
        user = _live(s, "u-9")
        assert {"anonymous_id:d-1", "anonymous_id:d-2"} <= set(user["identifiers"])
        assert _live(s, "d-3")["person_id"] != user["person_id"]  # a third device is over the cap of 2
    finally:
        s.stop()


def test_consent_from_the_company_servers_and_from_the_crm_the_latest_word_wins_after_the_run(tmp_path):
    """A CRM export (opted out on 1 June) and two identify calls sent to the collector with a server key:
    one from May (opted in, older than the CRM's word) and one from today (opted in again): after the run,
    today's opt-in stands; for a second person whose only identify is older than the CRM, the CRM's opt-out
    stands."""
    (tmp_path / "crm.csv").write_text(
        "contact_id,email,first_name,consent_email,created_at\n"
        "C1,ann@example.com,Ann,false,2026-06-01T00:00:00Z\n"
        "C2,bo@example.com,Bo,false,2026-06-01T00:00:00Z\n"
    )
    crm = {"name": "crm", "table": "contacts", "path": "crm.csv"}
    s = Server(load_config(write_project(tmp_path, [SOURCE, crm], realtime=KEYS)))
    try:
        may = "2026-05-01T12:00:00Z"

        def said(user: str, email: str, **extra) -> dict:
            return {
                "type": "identify",
                "userId": user,
                "traits": {"email": email, "consentEmail": True},
                **extra,
            }

        batch = [
            said("u-ann", "ann@example.com", timestamp=may),
            said("u-ann", "ann@example.com"),
            said("u-bo", "bo@example.com", timestamp=may),
        ]
        httpx.post(f"{s.url}/v1/batch", json={"batch": batch}, headers=_basic(SERVER_KEY)).raise_for_status()
    finally:
        s.stop()
    p = Project(tmp_path / "cxlens.yaml", progress=False)
    p.run()
    assert p.profile("ann@example.com")["consent_email"] is True  # today's identify is her latest word
    assert p.profile("bo@example.com")["consent_email"] is False  # the CRM's June opt-out is later than May


def test_a_log_that_cannot_be_written_answers_503_and_acknowledges_nothing(client, tmp_path, monkeypatch):
    def full(self, lines):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(EventLog, "append", full)
    r = client.post("/v1/track", json={"userId": "u1", "event": "E"}, headers=_basic())
    assert r.status_code == 503 and r.json()["code"] == "unavailable" and r.headers["retry-after"] == "1"
    monkeypatch.undo()
    assert client.post("/v1/track", json={"userId": "u1", "event": "E"}, headers=_basic()).status_code == 200
    assert len(_lines(tmp_path / "collector")) == 1
