"""The collector and the service against hostile clients (docs/security.md). Each test is a finding of a
probe made as an attacker would make it, on the loopback only: the write key ships inside web pages, so
anyone can send with it."""

from __future__ import annotations

import base64
import json
import logging
import re
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from cxlens import Project
from cxlens.config import load_config
from cxlens.errors import CxlensError
from cxlens.realtime import create_app, key_hash
from cxlens.realtime.erase import erase_log
from cxlens.realtime.live import Live
from tests.conftest import Server, write_project

KEY, SERVER_KEY, READ_KEY = "public-key", "server-key", "read-key"
KEYS = {
    "write_keys": [key_hash(KEY)],
    "server_write_keys": [key_hash(SERVER_KEY)],
    "read_keys": [key_hash(READ_KEY)],
    "seal_seconds": 3600,
}
COLLECTOR = {"name": "collector", "table": "events", "path": "collector/*.jsonl"}
CRM = {"name": "crm", "table": "contacts", "path": "crm.csv"}


def _auth(key: str) -> dict:
    return {"Authorization": "Basic " + base64.b64encode(f"{key}:".encode()).decode()}


def _lines(folder: Path) -> list[dict]:
    return [json.loads(line) for f in sorted(folder.glob("*.jsonl*")) for line in f.read_text().splitlines()]


@pytest.fixture(scope="module")
def shop(tmp_path_factory) -> Path:
    """A CRM of two people, run once: Ann said no to email and yes to SMS."""
    folder = tmp_path_factory.mktemp("shop")
    (folder / "crm.csv").write_text(
        "contact_id,email,phone,first_name,consent_email,consent_sms,created_at\n"
        "C1,ann@example.com,+1 415 555 0100,Ann,false,true,2026-06-01T00:00:00Z\n"
        "C2,bo@example.com,+1 415 555 0199,Bo,true,true,2026-06-01T00:00:00Z\n"
    )
    project = write_project(folder, [CRM], realtime=KEYS)  # the copies collect too
    Project(project, progress=False).run()
    return project


def _copy(shop: Path, to: Path, **realtime) -> Path:
    """The shop's project and warehouse in ``to``, with realtime settings changed."""
    (to / "crm.csv").write_bytes((shop.parent / "crm.csv").read_bytes())
    (to / "cxlens.duckdb").write_bytes((shop.parent / "cxlens.duckdb").read_bytes())
    return write_project(to, [CRM, COLLECTOR], realtime={**KEYS, **realtime})


def _profile(url: str, identifier: str) -> dict:
    r = httpx.get(f"{url}/v1/profiles/{identifier}", auth=(READ_KEY, ""))
    assert r.status_code == 200, r.text
    return r.json()


def test_a_public_key_cannot_take_over_a_customer_but_may_opt_her_out(shop, tmp_path):
    """Finding 1: an identify from a web page naming a customer's email changed her consent and name and
    linked the attacker's device to her. Now: nothing of hers changes, live or after the run; an opt-in
    from a public key is ignored even on her own account; an opt-out is honoured wherever it names her."""
    project = _copy(shop, tmp_path)
    s = Server(load_config(project))
    try:
        send = lambda kind, body, key=KEY: httpx.post(  # noqa: E731
            f"{s.url}/v1/{kind}", json=body, headers=_auth(key)
        ).raise_for_status()
        hijack = {"email": "ann@example.com", "firstName": "Mallory", "consent_email": True}
        send("identify", {"anonymousId": "attacker-1", "traits": hijack})
        ann = _profile(s.url, "ann@example.com")
        assert (ann["first_name"], ann["consent"]["email"]) == ("Ann", False)
        assert "anonymous_id:attacker-1" not in ann["identifiers"]
        mallory = _profile(s.url, "attacker-1")  # the attacker changed only the person of their own device
        assert mallory["person_id"] != ann["person_id"] and mallory["consent"]["email"] is None
        send("identify", {"userId": "u-ann", "traits": {"email": "ann@example.com"}}, SERVER_KEY)  # trusted
        assert _profile(s.url, "u-ann")["person_id"] == ann["person_id"]
        send("identify", {"userId": "u-ann", "traits": {"consentEmail": True, "firstName": "Annie"}})
        ann = _profile(s.url, "u-ann")
        assert (
            ann["consent"]["email"] is False and ann["first_name"] == "Annie"
        )  # her own: traits, not opt-in
        send("identify", {"anonymousId": "unsubscribe-page", "traits": {"email": "ann@example.com",
                                                                          "consent_sms": False}})  # fmt: skip
        assert _profile(s.url, "ann@example.com")["consent"]["sms"] is False
    finally:
        s.stop()
    logged = _lines(tmp_path / "collector")
    assert {e["trust"] for e in logged} == {"public", "server"}  # the trust goes with each event to the run
    p = Project(project, progress=False)
    p.run()
    ann = p.profile("ann@example.com")
    assert (ann["consent_email"], ann["consent_sms"]) == (False, False)
    assert ann["first_name"] in ("Ann", "Annie")
    who = p.table("identity_map").to_pandas().set_index("node").person_id
    assert who["anonymous_id:attacker-1"] != who["email:ann@example.com"] == who["user_id:u-ann"]
    assert p.profile("attacker-1")["consent_email"] is not True


def _head(path: str, length: int, key: str | None = KEY, extra: str = "") -> bytes:
    auth = f"Authorization: Bearer {key}\r\n" if key else ""
    size = f"Content-Length: {length}\r\n" if length >= 0 else "Transfer-Encoding: chunked\r\n"
    head = f"POST {path} HTTP/1.1\r\nHost: x\r\n{auth}Content-Type: application/json\r\n{size}{extra}"
    return (head + "\r\n").encode()


def _status(sock: socket.socket, seconds: float) -> tuple[int, str]:
    """The status and body of the answer on ``sock``, waiting at most ``seconds``."""
    sock.settimeout(seconds)
    data = b""
    try:
        while b"\r\n\r\n" not in data or len(data.partition(b"\r\n\r\n")[2]) < _length(data):
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    except (TimeoutError, ConnectionResetError):
        pass
    head, _, body = data.partition(b"\r\n\r\n")
    return (int(head.split()[1]) if head else 0), body.decode(errors="replace")


def _length(data: bytes) -> int:
    m = re.search(rb"content-length: (\d+)", data.partition(b"\r\n\r\n")[0], re.IGNORECASE)
    return int(m[1]) if m else 0


def test_slow_clients_cannot_starve_others(tmp_path):
    """Finding 2: 64 connections that send headers and part of a body held every slot. Now a keyed request
    gets 200 at once while they are held; one address holds at most 8 requests (the rest get 429), and the
    8 are answered 408 when their body does not arrive in time."""
    cfg = load_config(write_project(tmp_path, [COLLECTOR], realtime={**KEYS, "body_seconds": 3}))
    s = Server(cfg)
    slow = []
    try:
        for _ in range(64):
            sock = socket.socket()
            sock.bind(("127.0.0.2", 0))  # another address on the loopback: another client
            sock.connect(("127.0.0.1", s.port))
            sock.sendall(_head("/v1/track", 200) + b'{"userId": "slow", ')
            slow.append(sock)
        started = time.monotonic()
        r = httpx.post(f"{s.url}/v1/track", json={"userId": "u1", "event": "E"}, headers=_auth(KEY))
        assert r.status_code == 200 and time.monotonic() - started < 1
        answers = [_status(sock, 10)[0] for sock in slow]
        assert (answers.count(429), answers.count(408)) == (56, 8)
    finally:
        for sock in slow:
            sock.close()
        s.stop()


def test_a_wrong_key_is_refused_before_the_body_and_a_chunked_body_is_cut_at_the_limit(tmp_path):
    cfg = load_config(write_project(tmp_path, [COLLECTOR], realtime=KEYS))
    s = Server(cfg)
    try:
        with socket.create_connection(("127.0.0.1", s.port)) as sock:
            sock.sendall(_head("/v1/batch", 100_000, key="wrong"))  # and no body at all
            status, body = _status(sock, 1)
            assert status == 401 and json.loads(body)["code"] == "unauthorized"
        with socket.create_connection(("127.0.0.1", s.port)) as sock:
            sock.sendall(_head("/v1/batch", -1, key=None))  # chunked, no key: 600 KB of it
            chunk = b"x" * 60_000
            for _ in range(10):
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            status, body = _status(sock, 5)
            assert status == 413 and "no more was read" in json.loads(body)["message"]
    finally:
        s.stop()


def _deep(levels: int) -> dict:
    out: dict = {}
    for _ in range(levels):
        out = {"a": out}
    return out


@pytest.fixture
def client(tmp_path):
    with TestClient(create_app(load_config(write_project(tmp_path, [COLLECTOR], realtime=KEYS)))) as c:
        c.headers.update(_auth(KEY))
        yield c


def test_every_call_of_a_batch_is_judged_alone(client, tmp_path):
    """Finding 3: one bad call failed its whole batch (500, retried forever) or, accepted, failed the live
    apply of others. Now the batch gets 200 naming the refused calls, which go to the rejected log."""
    batch = [
        {"type": "track", "userId": "u1", "event": "Good"},
        {"type": "track", "userId": "u1", "event": "Deep", "properties": _deep(300)},
        {"type": "track", "userId": "u1", "event": "Order Completed", "properties": {"total": -2}},
        {"type": "track", "userId": "u1", "event": "Order Completed",
         "properties": {"total": 5, "store_id": [1]}},
        {"type": "track", "userId": "u1", "event": "Wide", "properties": {f"k{i}": i for i in range(1001)}},
        {"type": "track", "userId": "u1", "event": "Limit", "timestamp": "9999-12-31T23:59:59-23:59"},
        {"type": "track", "userId": "u1", "event": "Order Completed", "properties": {"total": 5}},
    ]  # fmt: skip
    r = client.post("/v1/batch", json={"batch": batch})
    assert r.status_code == 200
    assert [x["index"] for x in r.json()["rejected"]] == [1, 2, 3, 4]
    assert "nested deeper than 32" in r.json()["rejected"][0]["message"]
    assert [e["event"] for e in _lines(tmp_path / "collector")] == ["Good", "Limit", "Order Completed"]
    rejected = _lines(tmp_path / "collector-rejected")
    assert [x["rejected"]["index"] for x in rejected] == [1, 2, 3, 4]
    assert rejected[1]["call"]["properties"] == {"total": -2}
    prof = client.get("/v1/profiles/u1", headers=_auth(READ_KEY)).json()
    assert (prof["events"], prof["orders"], prof["revenue"]) == (3, 1, 5.0)
    r = client.post("/v1/track", json=batch[1])  # a single call: its own answer
    assert r.status_code == 400 and r.json()["code"] == "invalid_request"


def test_an_event_the_live_store_cannot_take_loses_no_other(client, tmp_path, monkeypatch):
    update = Live._update

    def fragile(self, doc, ev, order):
        if ev.get("event") == "Boom":
            raise ValueError("math domain error")
        update(self, doc, ev, order)

    monkeypatch.setattr(Live, "_update", fragile)
    batch = [{"type": "track", "userId": f"u{i}", "event": "Boom" if i == 1 else "Fine"} for i in range(3)]
    assert client.post("/v1/batch", json={"batch": batch}).status_code == 200
    read = _auth(READ_KEY)
    assert [client.get(f"/v1/profiles/u{i}", headers=read).status_code for i in range(3)] == [200, 404, 200]
    assert len(_lines(tmp_path / "collector")) == 3  # acknowledged, so logged: the run reads it
    (refused,) = _lines(tmp_path / "collector-rejected")
    assert refused["call"]["userId"] == "u1" and "math domain error" in refused["rejected"]["message"]


def test_times_out_of_range_are_stamped_when_received(client, tmp_path):
    """Finding 4: times in 9999 or 0001 were stored as sent, and a 2026 time sent in 0001 became 4051."""
    calls = [
        {"timestamp": "9999-01-01T00:00:00Z"},
        {"timestamp": "0001-01-01T00:00:00Z"},
        {"timestamp": "2026-01-01T00:00:00Z", "sentAt": "0001-01-01T00:00:00Z"},
        {"timestamp": "2026-01-01T00:00:00Z"},
    ]
    for c in calls:
        assert client.post("/v1/track", json={"userId": "u1", "event": "E", **c}).status_code == 200
    lines = _lines(tmp_path / "collector")
    assert [e.get("originalTimestamp") for e in lines] == [c["timestamp"] for c in calls[:3]] + [None]
    assert all(e["timestamp"] == e["receivedAt"] for e in lines[:3])
    assert lines[3]["timestamp"] == "2026-01-01T00:00:00.000000Z"


def test_ingest_quarantines_event_times_no_device_could_have(tmp_path):
    (tmp_path / "events.jsonl").write_text(
        "\n".join(
            json.dumps({"messageId": f"m{i}", "type": "page", "anonymousId": "a1", "timestamp": t})
            for i, t in enumerate(["2099-05-01T00:00:00Z", "1999-12-31T00:00:00Z", "2026-05-01T00:00:00Z"])
        )
    )
    source = {"name": "web", "table": "events", "path": "events.jsonl", "max_quarantine_share": 1}
    p = Project(write_project(tmp_path, [source]), progress=False)
    p.ingest()
    assert p.table("events").to_pandas().message_id.tolist() == ["m2"]
    q = p.table("quarantine").to_pandas()
    assert len(q) == 2 and q.reason.str.contains("expected a time from 2000 to a day from now").all()


def test_segment_windows_end_at_the_runs_as_of_day(loaded, tmp_path):
    """A page view stamped in the future (from a file the shop loaded) no longer moves every window."""
    from cxlens import engine
    from cxlens.segments import stage as segments
    from cxlens.segments.events import events

    src = loaded.project.config.base_dir
    con = loaded.project.con
    con.raw_sql("CHECKPOINT")
    (tmp_path / "cxlens.duckdb").write_bytes((src / "cxlens.duckdb").read_bytes())
    (tmp_path / "cxlens.yaml").write_text((src / "cxlens.yaml").read_text())
    config = load_config(tmp_path / "cxlens.yaml")
    copy = engine.connect(config)
    try:
        as_of = copy.table("customer_value").as_of.max().execute()
        _, end = events(copy)
        assert end.date().toordinal() == as_of.toordinal() + 1 and (end.hour, end.minute) == (0, 0)
        before = segments.run(copy, config.segments)
        assert before.get("browsing_prospects", 0) and before.get("checkout_abandoners", 0)  # windows in use
        copy.raw_sql(
            "INSERT INTO events (message_id, type, event, anonymous_id, timestamp) "
            "SELECT 'future', 'page', 'Home', anonymous_id, TIMESTAMPTZ '2099-01-01 00:00:00+00' "
            "FROM events WHERE anonymous_id IS NOT NULL LIMIT 1"
        )
        assert segments.run(copy, config.segments) == before
    finally:
        copy.disconnect()


def test_an_erasure_holds_against_every_place_an_identifier_can_sit(shop, tmp_path):
    """Finding 5: erasing a person whose events filled a whole segment left an empty one that failed
    every later run; her email as a user id or in context.traits, or her phone written another way,
    re-created her. Now every variant is dropped before the log, and the run reads on."""
    project = _copy(shop, tmp_path)
    s = Server(load_config(project))
    read = {"Authorization": f"Bearer {READ_KEY}"}
    try:
        send = lambda kind, body, key=SERVER_KEY: httpx.post(  # noqa: E731
            f"{s.url}/v1/{kind}", json=body, headers=_auth(key)
        ).raise_for_status()
        send(
            "identify",
            {"userId": "u-ann", "anonymousId": "ann-phone", "traits": {"email": "ann@example.com"}},
        )
        send("track", {"userId": "u-ann", "event": "Product Viewed"})
        r = httpx.post(f"{s.url}/v1/erase", json={"identifier": "ann@example.com"}, headers=read)
        assert r.status_code == 200, r.text
        assert list((tmp_path / "collector").glob("*.jsonl*")) == []  # the segment held only her: removed
        variants = [
            ("track", {"userId": "ann@example.com", "event": "E"}),
            ("track", {"userId": " ANN@Example.com ", "event": "E"}),
            (
                "track",
                {"anonymousId": "d-9", "event": "E", "context": {"traits": {"email": "Ann@example.com"}}},
            ),
            ("identify", {"anonymousId": "d-9", "traits": {"email": "ann@EXAMPLE.com "}}),
            ("identify", {"anonymousId": "d-9", "traits": {"phone": "(415) 555-0100"}}),
            ("identify", {"anonymousId": "d-9", "context": {"traits": {"phone": "+14155550100"}}}),
            ("alias", {"userId": "new-user", "previousId": "ann-phone"}),
            ("page", {"anonymousId": "ann-phone", "name": "Home"}),
            ("track", {"userId": "u-ann", "event": "E"}),
        ]
        for kind, body in variants:
            for key in (SERVER_KEY, KEY):
                send(kind, body, key)
        batch = [{"type": "track", "userId": "ann@example.com", "event": "E"},
                 {"type": "track", "userId": "u-ann", "event": "E", "properties": _deep(40)}]  # fmt: skip
        send("batch", {"batch": batch})
        for who in ("ann@example.com", "u-ann", "ann-phone", "d-9", "+14155550100", "new-user"):
            assert httpx.get(f"{s.url}/v1/profiles/{who}", headers=read).status_code == 404, who
    finally:
        s.stop()
    assert _lines(tmp_path / "collector") == [] and _lines(tmp_path / "collector-rejected") == []
    p = Project(project, progress=False)
    p.run()  # the log is empty now, and no empty segment is left to fail on: the run reads on
    assert p.profile("bo@example.com")["first_name"] == "Bo"
    with pytest.raises(CxlensError, match=re.escape("ann@example.com")):
        p.profile("ann@example.com")


def test_erase_log_removes_a_segment_it_empties(tmp_path):
    seg = tmp_path / "events-1.jsonl"
    seg.write_text(json.dumps({"type": "track", "userId": "u-1", "event": "E"}) + "\n")
    assert erase_log([seg], lambda nodes: "user_id:u-1" in nodes, "US") == 1
    assert not seg.exists()


def test_every_error_has_one_shape_and_nothing_is_told_before_the_key(client):
    """Finding 6: validation answered callers without a key; 404 and 405 had another shape."""
    client.headers.clear()
    long = "x" * 600
    for method, path, body in (("GET", f"/v1/profiles/{long}", None), ("POST", "/v1/erase", {"nope": 1})):
        r = client.request(method, path, json=body)
        assert r.status_code == 401 and r.json()["code"] == "unauthorized", path
    r = client.get(f"/v1/profiles/{long}", headers=_auth(READ_KEY))
    assert r.status_code == 400 and r.json()["code"] == "invalid_request"
    r = client.get("/no/such/path")
    assert r.status_code == 404 and r.json() == {"code": "not_found", "message": r.json()["message"]}
    r = client.get("/v1/track")
    assert r.status_code == 405 and r.json()["code"] == "method_not_allowed" and "POST" in r.json()["message"]


def test_the_api_docs_load_nothing_remote_and_can_be_kept_behind_the_read_key(client, tmp_path):
    page = client.get("/docs")
    assert page.status_code == 200
    assets = re.findall(r"""(?:src|href)=["']?([^"' >]+)""", page.text) + re.findall(
        r"url: ?'([^']+)'", page.text
    )
    assert assets and not [a for a in assets if a.startswith(("http:", "https:", "//"))]
    assert all(client.get(a).status_code == 200 for a in assets)
    assert client.get("/redoc").status_code == 200 and "fonts.googleapis" not in client.get("/redoc").text
    folder = tmp_path / "private"
    folder.mkdir()
    cfg = load_config(write_project(folder, [COLLECTOR], realtime={**KEYS, "public_docs": False}))
    with TestClient(create_app(cfg)) as private:
        for path in ("/docs", "/openapi.json", "/redoc"):
            assert private.get(path).status_code == 401
            assert private.get(path, headers=_auth(READ_KEY)).status_code == 200


def test_malformed_http_gets_the_error_shape_and_a_dropped_client_one_line(tmp_path, caplog, capfd):
    went = threading.Event()

    class Watch(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if "went away" in record.getMessage():
                went.set()

    watch = Watch()
    logging.getLogger("cxlens.realtime").addHandler(watch)
    s = Server(load_config(write_project(tmp_path, [COLLECTOR], realtime=KEYS)))
    try:
        with socket.create_connection(("127.0.0.1", s.port)) as sock:
            sock.sendall(b"POST /v1/track HTTP/1.1\r\nHost x\r\n\r\n")  # a header without its colon
            status, body = _status(sock, 5)
            assert status == 400 and json.loads(body)["code"] == "invalid_http"
        for _ in range(3):
            with socket.create_connection(("127.0.0.1", s.port)) as sock:
                sock.sendall(_head("/v1/track", 500) + b'{"userId": ')  # and then the client is gone
        assert went.wait(10)
    finally:
        s.stop()
        logging.getLogger("cxlens.realtime").removeHandler(watch)
    assert "Traceback" not in capfd.readouterr().err
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
