"""The live service on a copy of the test company's warehouse: profiles as the warehouse built them, events
changing them at once, triggers into the outbox and signed webhooks, next best action, and erasure."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import shutil
import threading
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pandas as pd
import pytest
import schemathesis
import yaml
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from scipy import stats

from cxlens import Project
from cxlens.config import load_config
from cxlens.errors import ConfigError, CxlensError
from cxlens.holdout import held_out, nba
from cxlens.realtime import create_app, key_hash
from cxlens.realtime.nba import next_best_actions
from cxlens.realtime.store import LiveStore
from cxlens.realtime.triggers import anniversaries

WRITE, SERVER, READ, SECRET = "live-write-key", "live-server-key", "live-read-key", "webhook-secret"


@pytest.fixture(scope="module")
def warehouse(loaded) -> dict[str, pd.DataFrame]:
    """What the batch pipeline concluded, to compare the live service with; the warehouse checkpointed so
    that copies of its file are whole."""
    con = loaded.project.con
    con.raw_sql("CHECKPOINT")
    people = con.table("profiles").to_pandas().set_index("person_id")
    value = con.table("customer_value").to_pandas().set_index("person_id")
    persona = con.table("persona_assignments").to_pandas().set_index("person_id")
    ids = con.table("identity_map").to_pandas()
    return {
        "people": people.join(value[["stage", "clv", "p_alive", "first_purchase"]]).join(persona),
        "ids": ids,
    }


def project(loaded, folder: Path, holdouts: bool = False, **realtime) -> Path:
    """A copy of the loaded company (sources and warehouse) with keys and the sample's triggers (without
    their holdouts, unless ``holdouts``: tests of who fits want everyone who fits treated)."""
    src = loaded.project.config.base_dir
    shutil.copytree(src / "data", folder / "data")
    shutil.copy(src / "cxlens.duckdb", folder / "cxlens.duckdb")
    doc = yaml.safe_load((src / "cxlens.yaml").read_text())
    rt = {
        "write_keys": [key_hash(WRITE)],
        "server_write_keys": [key_hash(SERVER)],
        "read_keys": [key_hash(READ)],
        "seal_seconds": 3600,
    }
    doc["realtime"] = {**rt, "webhook_backoff": 0.05, **realtime}
    for t in doc["triggers"].values():
        t["holdout"] = t.get("holdout", 0) if holdouts else 0
    (folder / "cxlens.yaml").write_text(yaml.safe_dump(doc))
    return folder / "cxlens.yaml"


class Live:
    """The service on a copy of the company, with a read key on every request of ``client``."""

    def __init__(self, config_path: Path):
        self.config = load_config(config_path)
        self.client = TestClient(create_app(self.config))
        self.client.headers["Authorization"] = f"Bearer {READ}"

    def send(self, kind: str, body: dict, key: str = SERVER) -> None:
        """Send a call as the company's servers do (``key``: WRITE for a web page's)."""
        r = self.client.post(f"/v1/{kind}", json=body, headers={"Authorization": f"Bearer {key}"})
        assert r.status_code == 200, r.text

    def actions(self) -> list[dict]:
        return self.client.get("/v1/actions").json()["actions"]

    @contextmanager
    def store(self):
        s = LiveStore(self.config.store_path)
        try:
            yield s
        finally:
            s.close()

    def get(self, path: str, **params) -> dict:
        r = self.client.get(path, params=params)
        assert r.status_code == 200, r.text
        return r.json()


@pytest.fixture
def live(loaded, tmp_path):
    svc = Live(project(loaded, tmp_path))
    with svc.client:
        yield svc


def ref(warehouse, person: str) -> dict:
    """The first of the person's user or device ids, as a Segment call names it."""
    for kind, field in (("user_id", "userId"), ("anonymous_id", "anonymousId")):
        value = node_of(warehouse, person, kind)
        if value:
            return {field: value}
    raise AssertionError(f"{person} has no user or device id")


def node_of(warehouse, person: str, kind: str) -> str | None:
    ids = warehouse["ids"]
    hit = ids[(ids.person_id == person) & ids.node.str.startswith(kind + ":")].node
    return hit.iloc[0].partition(":")[2] if len(hit) else None


def people(warehouse, stage: str | None = None, **where) -> list[str]:
    """People (of the stage) with a user or device id, meeting ``where`` (column: predicate)."""
    p = warehouse["people"]
    p = p[p.stage == stage] if stage else p
    for k, v in where.items():
        p = p[v(p[k]).fillna(False).astype(bool)]
    ids = warehouse["ids"]
    has = set(ids[ids.node.str.startswith(("user_id:", "anonymous_id:"))].person_id)
    return [x for x in p.index if x in has]


def consented(c: pd.Series) -> pd.Series:
    return c.eq(True)


def test_profiles_by_any_identifier_match_the_warehouse_and_need_a_read_key(live, warehouse):
    rows = warehouse["people"]
    shown = 0
    for person in rows[rows.clv.notna() & rows.email.notna()].index[:25]:
        row = rows.loc[person]
        for ident in (row.email.upper(), f"email:{row.email}", person, row.phone, row.loyalty_id):
            if not isinstance(ident, str):
                continue
            got = live.get(f"/v1/profiles/{ident}")
            assert got["person_id"] == person and got["stage"] == row.stage
            assert got["persona"] == row.persona_name and got["consent"]["email"] == row.consent_email
            assert got["clv"] == pytest.approx(row.clv) and got["p_alive"] == pytest.approx(row.p_alive)
            shown += 1
    assert shown >= 50
    r = live.client.get("/v1/profiles/nobody@nowhere.example")
    assert r.status_code == 404
    assert "no profile has the identifier 'nobody@nowhere.example'" in r.json()["message"]
    for auth in ("", f"Bearer {WRITE}"):  # a write key (public, in web pages) cannot read
        r = live.client.get(f"/v1/profiles/{person}", headers={"Authorization": auth})
        assert r.status_code == 401 and r.json()["message"].startswith("a valid read key is needed")
    r = live.client.get("/v1/audiences/valuable_at_risk", params={"limit": 0})
    assert r.status_code == 400 and r.json()["code"] == "invalid_request" and "limit" in r.json()["message"]
    r = live.client.get("/v1/audiences/nope")
    assert r.status_code == 404 and "segments: browsing_prospects" in r.json()["message"]


def test_an_identify_links_ids_at_once_and_consent_takes_effect_for_audiences_and_triggers(live, warehouse):
    before = live.get("/v1/audiences/valuable_at_risk", limit=10_000)
    lapsed = set(people(warehouse, "lapsed"))
    member = next(m["person_id"] for m in before["people"] if m["person_id"] in lapsed)
    email = warehouse["people"].loc[member, "email"]
    traits = {"email": email.upper(), "firstName": "Renamed", "consent_email": False}
    live.send("identify", {"userId": "live-user-1", "anonymousId": "live-device-1", "traits": traits})
    got = live.get("/v1/profiles/live-device-1")  # a device never seen before, linked at once
    assert got["person_id"] == member and got["first_name"] == "Renamed" and got["consent"]["email"] is False
    events = warehouse["people"].loc[member, "events"]
    assert "anonymous_id:live-device-1" in got["identifiers"]
    assert got["events"] == (0 if pd.isna(events) else int(events)) + 1
    after = live.get("/v1/audiences/valuable_at_risk", limit=10_000)
    assert member not in {m["person_id"] for m in after["people"]}
    assert after["members"] == before["members"] - 1 and after["no_consent"] == before["no_consent"] + 1
    live.send("page", {**ref(warehouse, member), "name": "Home"})  # lapsed, but win-back needs email consent
    assert member not in {a["person_id"] for a in live.actions()}


def test_triggers_fire_for_who_fits_once_per_cooldown_with_context_rules(live, warehouse):
    lapsed = people(warehouse, "lapsed", consent_email=consented)
    active = people(warehouse, "active", consent_email=consented)
    for _ in range(2):  # the second visit is within the cooldown
        live.send("page", {**ref(warehouse, lapsed[0]), "name": "Home"})
    live.send("page", {**ref(warehouse, active[0]), "name": "Home"})
    stale = (datetime.now(UTC) - timedelta(days=2)).isoformat()  # a replayed backlog fires nothing
    live.send("page", {**ref(warehouse, lapsed[1]), "name": "Home", "timestamp": stale})
    wins = [a for a in live.actions() if a["trigger"] == "win_back"]
    assert [a["person_id"] for a in wins] == [lapsed[0]] and wins[0]["action"] == "win_back_offer"
    assert wins[0]["email"] == warehouse["people"].loc[lapsed[0], "email"]
    # a first purchase: welcome now, the survey three days later
    prospect = people(warehouse, "prospect", consent_email=consented)[0]
    order = {"event": "Order Completed", "properties": {"total": 30.0}}
    live.send("track", {**ref(warehouse, prospect), **order})
    assert [a["action"] for a in live.actions() if a["person_id"] == prospect] == ["welcome_onboarding"]
    assert live.get(f"/v1/profiles/{prospect}")["stage"] == "new"
    with live.store() as store:
        due = store.db.execute("SELECT due_at FROM main.actions WHERE action = 'short_survey'").fetchall()
    assert len(due) == 1 and datetime.fromisoformat(due[0][0]) - datetime.now(UTC) > timedelta(days=2.9)
    # context rules: adults only, in the app
    year = datetime.now(UTC).year
    born = warehouse["people"].birth_date.map(lambda b: pd.Timestamp(b).year if b is not None else None)
    young = people(warehouse, birth_date=lambda _: born > year - 20)[0]
    adult = people(warehouse, birth_date=lambda _: born < year - 30)[0]
    view = {"event": "Product Viewed", "properties": {"category": "grocery"}}
    for person in (young, adult):
        for channel in ("mobile", "browser"):
            live.send("track", {**ref(warehouse, person), **view, "channel": channel})
    wine = [a for a in live.actions() if a["trigger"] == "wine_pairing"]
    assert [a["person_id"] for a in wine] == [adult] and wine[0]["event"]["channel"] == "mobile"


class Receiver(ThreadingHTTPServer):
    """A webhook endpoint that fails its first ``fail`` deliveries with a 500 and records every one."""

    def __init__(self, fail: int, expect: int = 1):
        self.fail, self.got, self.delivered = fail, [], threading.Event()

        class Handler(BaseHTTPRequestHandler):
            def do_POST(h) -> None:
                body = h.rfile.read(int(h.headers["content-length"]))
                self.got.append(({k.lower(): v for k, v in h.headers.items()}, body))
                ok = len(self.got) > self.fail
                h.send_response(200 if ok else 500)
                h.end_headers()
                if ok and len(self.got) - self.fail >= expect:  # every expected delivery has landed
                    self.delivered.set()

            def log_message(h, *args) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/hook"


def test_an_unusual_order_raises_a_signed_webhook_retried_until_it_lands(
    loaded, warehouse, tmp_path, monkeypatch
):
    receiver = Receiver(fail=2)
    monkeypatch.setenv("CXLENS_TEST_SECRET", SECRET)
    path = project(loaded, tmp_path)
    doc = yaml.safe_load(path.read_text())
    doc["triggers"]["unusual_order"].update(webhook=receiver.url, secret_env="CXLENS_TEST_SECRET")
    path.write_text(yaml.safe_dump(doc))
    con = duckdb.connect(str(tmp_path / "cxlens.duckdb"), read_only=True)
    habits = con.sql(
        "SELECT r.person_id, max(o.total) AS most FROM orders o JOIN identity_records r"
        " ON r.record = 'orders:' || o.order_id GROUP BY 1"
        " HAVING count(*) >= 4 AND count(DISTINCT o.channel) = 1 AND min(o.channel) = 'store'"
        " AND max(hour(o.ordered_at)) < 20 AND min(hour(o.ordered_at)) > 5"
    ).df()
    con.close()
    habits = habits[habits.person_id.isin(people(warehouse))]
    regular, usual = habits.person_id.iloc[0], habits.most.iloc[0]
    live = Live(path)
    with live.client:
        night = datetime.now(UTC).replace(hour=2, minute=30).isoformat()
        normal = {"event": "Order Completed", "channel": "store", "timestamp": night.replace("T02", "T10")}
        live.send("track", {**ref(warehouse, regular), **normal, "properties": {"total": float(usual)}})
        big = {"event": "Order Completed", "channel": "mobile", "timestamp": night}
        live.send("track", {**ref(warehouse, regular), **big, "properties": {"total": float(usual) * 40}})
        assert receiver.delivered.wait(30)
    with live.store() as store:  # the service has stopped: the deliverer recorded its last answer
        rows = store.db.execute(
            "SELECT status, attempts, person_id FROM main.actions WHERE trigger = 'unusual_order'"
        )
        assert rows.fetchall() == [("sent", 3, regular)]  # only the big one, after two failures
    headers, body = receiver.got[-1]
    t, mac = (part.split("=", 1)[1] for part in headers["x-cxlens-signature"].split(","))
    assert hmac.compare_digest(
        mac, hmac.new(SECRET.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    )
    sent = json.loads(body)
    assert sent["person_id"] == regular and sent["action"] == "review_order"
    assert sent["reasons"][0].startswith("amount") and any(
        "channel" in r or "hour" in r for r in sent["reasons"]
    )
    assert SECRET not in json.dumps(receiver.got[0][0])  # the secret signs, it never travels
    receiver.shutdown()


def test_held_out_people_get_no_action_and_every_qualification_is_logged_for_the_experiment(
    loaded, warehouse, tmp_path, monkeypatch
):
    """A trigger with a holdout keeps its share of the people who qualify, by the stable hash: their action
    is recorded as held out, never listed nor POSTed, and each qualification is logged as an exposure the
    experiments stage reads."""
    monkeypatch.setenv("CXLENS_TEST_SECRET", SECRET)
    path = project(loaded, tmp_path, holdouts=True)
    doc = yaml.safe_load(path.read_text())
    who = people(warehouse, consent_email=consented)[:300]
    share = doc["triggers"]["checkout_reminder"]["holdout"]
    held = {p for p in who if held_out(p, "checkout_reminder", share)}
    receiver = Receiver(fail=0, expect=len(who) - len(held))
    doc["triggers"]["checkout_reminder"].update(
        webhook=receiver.url, secret_env="CXLENS_TEST_SECRET", delay="0s"
    )
    path.write_text(yaml.safe_dump(doc))
    live = Live(path)
    with live.client:
        for person in who:
            live.send("track", {**ref(warehouse, person), "event": "Checkout Started"})
        assert receiver.delivered.wait(30)
        listed = {a["person_id"] for a in live.actions() if a["trigger"] == "checkout_reminder"}
    posted = {json.loads(body)["person_id"] for _, body in receiver.got}
    assert posted == set(who) - held and not listed & held
    low, high = stats.binomtest(len(held), len(who), share).proportion_ci(0.99)
    assert low <= len(held) / len(who) <= high
    with live.store() as store:
        rows = store.db.execute(
            "SELECT person_id, status, payload FROM main.actions WHERE trigger = 'checkout_reminder'"
        ).fetchall()
    assert {p for p, status, _ in rows if status == "held_out"} == held
    assert all(json.loads(payload)["held_out"] == (p in held) for p, _, payload in rows)
    logged = [
        json.loads(line)
        for f in sorted(live.config.collector_path.glob("*.jsonl"))
        for line in f.read_text().splitlines()
    ]
    seen = [e for e in logged if e.get("event") == "Experiment Viewed"]
    assert len(seen) == len(who) and {e["context"]["library"]["name"] for e in seen} == {"cxlens"}
    arms = {e["properties"]["variation_name"] for e in seen}
    assert arms == {"held_out", "treated"}
    assert sum(e["properties"]["variation_name"] == "held_out" for e in seen) == len(held)
    receiver.shutdown()


def test_anniversaries_thank_the_loyal_customers_whose_first_purchase_falls_today(live, warehouse):
    p = warehouse["people"]
    loyal = p[(p.stage == "loyal") & p.consent_email.eq(True) & p.first_purchase.notna()]
    first = pd.Timestamp(loyal.first_purchase.iloc[0])
    now = datetime(first.year + 1, first.month, first.day, 9, tzinfo=UTC)
    day = loyal.first_purchase.map(pd.Timestamp)
    on_the_day = (day.dt.month == first.month) & (day.dt.day == first.day) & (day.dt.year < now.year)
    expected = set(loyal.index[on_the_day])
    with live.store() as store:
        with store.write() as db:
            anniversaries(db, live.config.triggers, now, [])
            anniversaries(db, live.config.triggers, now, [])  # a second sweep the same day: cooldown holds
        rows = store.db.execute(
            "SELECT person_id, payload FROM main.actions WHERE trigger = 'member_anniversary'"
        )
        # (the service's own sweep at start fired for today's real date too: those are another day's)
        rows = [r for r in rows.fetchall() if json.loads(r[1])["since"][5:] == f"{now:%m-%d}"]
    assert {r[0] for r in rows} == expected and len(rows) == len(expected) >= 1
    assert json.loads(rows[0][1])["years"] >= 1


def test_next_best_action_ranks_by_stage_value_and_context_and_respects_consent(live, warehouse):
    lapsed = people(warehouse, "lapsed", consent_email=consented)[0]
    got = live.get(f"/v1/profiles/{lapsed}/next-best-action", channel="email")
    assert got["actions"][0]["action"] == "win_back" and "lapsed since" in got["actions"][0]["reason"]
    refused = people(warehouse, "lapsed", consent_email=lambda c: c.eq(False))[0]
    got = live.get(f"/v1/profiles/{refused}/next-best-action", channel="email")
    assert got["actions"] == [] and got["note"] == "no consent for email: nothing may be sent there"
    now = datetime.now(UTC)
    doc = {
        "stage": "active",
        "clv": 800.0,
        "consent": {"email": True},
        "recent": [
            {
                "at": (now - timedelta(hours=2)).isoformat(),
                "touchpoint": "Checkout Started",
                "source": "events",
            }
        ],
    }
    assert [a["action"] for a in next_best_actions(doc, "email", now)["actions"]][:2] == [
        "cart_reminder",
        "cross_sell",
    ]
    doc["recent"].append({"at": (now - timedelta(days=1)).isoformat(), "touchpoint": "Ticket Opened",
                          "source": "tickets", "sentiment": -0.8})  # fmt: skip
    ranked = [a["action"] for a in next_best_actions(doc, "email", now)["actions"]]
    assert ranked == ["service_recovery"]  # no selling to someone who just complained
    r = live.client.get(f"/v1/profiles/{lapsed}/next-best-action", params={"channel": "fax"})
    assert r.status_code == 400 and "channel" in r.json()["message"]


def test_a_next_best_action_with_a_holdout_is_kept_from_its_share_and_each_answer_is_logged(
    loaded, warehouse, tmp_path
):
    """With ``nba_holdout: {win_back: 0.5}`` the held-out half of lapsed customers never get win_back among
    their actions (it is listed under ``held_out``), and each answer is logged once per person and day as
    an exposure of ``action: nba_win_back``; a type that does not exist is named at start."""
    live = Live(project(loaded, tmp_path, nba_holdout={"win_back": 0.5}))
    lapsed = people(warehouse, "lapsed", consent_email=consented)[:80]
    held = {p for p in lapsed if held_out(p, nba("win_back"), 0.5)}
    with live.client:
        for person in lapsed + lapsed[:5]:  # asked twice: still one exposure a day
            got = live.get(f"/v1/profiles/{person}/next-best-action", channel="email")
            offered = "win_back" in [a["action"] for a in got["actions"]]
            kept = "win_back" in [a["action"] for a in got["held_out"]]
            assert (offered, kept) == (person not in held, person in held), person
    logged = [
        json.loads(line)
        for f in sorted(live.config.collector_path.glob("*.jsonl"))
        for line in f.read_text().splitlines()
    ]
    seen = {e["messageId"]: e for e in logged if e.get("event") == "Experiment Viewed"}
    assert len(seen) == len(lapsed) and 0 < len(held) < len(lapsed)
    assert {e["properties"]["experiment_name"] for e in seen.values()} == {"action: nba_win_back"}
    assert sum(e["properties"]["variation_name"] == "held_out" for e in seen.values()) == len(held)
    bad = load_config(project(loaded, tmp_path / "typo", nba_holdout={"winback": 0.1}))
    with pytest.raises(ConfigError, match="nba_holdout names winback; expected next-best-action types"):
        create_app(bad)


def test_erase_removes_a_person_everywhere_and_nothing_re_creates_them(live, warehouse, tmp_path):
    p = Project(live.config, progress=False)
    export = p.audience("valuable_at_risk", tmp_path / "exported.csv")
    listed = pd.read_csv(tmp_path / "exported.csv").person_id
    target = next(x for x in listed if node_of(warehouse, x, "user_id") and node_of(warehouse, x, "email"))
    email, user = node_of(warehouse, target, "email"), node_of(warehouse, target, "user_id")
    p.close()
    assert (
        live.client.post("/v1/erase", json={"identifier": email}, headers={"Authorization": ""}).status_code
        == 401
    )
    r = live.client.post("/v1/erase", json={})
    assert r.status_code == 400 and "identifier" in r.json()["message"]
    r = live.client.post("/v1/erase", json={"identifier": email.upper()})
    assert r.status_code == 200 and r.json()["person_id"] == target and r.json()["warehouse"] == "erased"
    for ident in (email, user, target):
        assert live.client.get(f"/v1/profiles/{ident}").status_code == 404
    live.send("track", {"userId": user, "event": "Product Viewed"})  # an erased id comes back: not stored
    assert live.client.get(f"/v1/profiles/{user}").status_code == 404
    logged = [f.read_text() for f in live.config.collector_path.glob("*.jsonl*")]
    assert not any(user in text for text in logged)
    assert target not in set(pd.read_csv(tmp_path / "exported.csv").person_id)
    assert len(pd.read_csv(tmp_path / "exported.csv")) == export["written"] - 1
    con = duckdb.connect(str(live.config.warehouse_path), read_only=True)
    for (table,) in con.sql("SHOW TABLES").fetchall():
        cols = [c[0] for c in con.sql(f'DESCRIBE "{table}"').fetchall()]
        if "person_id" in cols:
            assert not con.sql(
                f'SELECT count(*) FROM "{table}" WHERE person_id = ?', params=[target]
            ).fetchone()[0]
    for table, col in (("contacts", "email"), ("orders", "email"), ("events", "user_id")):
        value = email if col == "email" else user
        assert not con.sql(f"SELECT count(*) FROM {table} WHERE {col} = ?", params=[value]).fetchone()[0]
    con.close()
    assert live.client.post("/v1/erase", json={"identifier": email}).status_code == 404  # nothing left
    # loading the same sources again: the person's rows are counted as erased, never loaded
    reports = Project(live.config, progress=False).ingest()
    assert all(r.balanced for r in reports)
    assert {r.source for r in reports if r.erased} >= {"contacts", "orders"}
    con = duckdb.connect(str(live.config.warehouse_path), read_only=True)
    assert not con.sql("SELECT count(*) FROM contacts WHERE email = ?", params=[email]).fetchone()[0]
    con.close()


def test_cxlens_erase_names_an_unknown_identifier_and_erases_a_known_one(loaded, warehouse, tmp_path):
    from typer.testing import CliRunner

    from cxlens.cli import app

    path = project(loaded, tmp_path)
    runner = CliRunner()
    r = runner.invoke(app, ["erase", "nobody@nowhere.example", "-p", str(path), "--yes"])
    assert r.exit_code == 2 and "no person has the identifier 'nobody@nowhere.example'" in r.output
    person = people(warehouse, "loyal")[0]
    email = node_of(warehouse, person, "email")
    r = runner.invoke(app, ["erase", email, "-p", str(path), "--yes"])
    assert r.exit_code == 0 and f"Erased {person}" in r.output
    con = duckdb.connect(str(tmp_path / "cxlens.duckdb"), read_only=True)
    assert not con.sql("SELECT count(*) FROM identity_map WHERE person_id = ?", params=[person]).fetchone()[0]
    con.close()


def test_no_request_the_schema_allows_makes_the_service_fail(loaded, tmp_path):
    """Schemathesis generates requests for every operation of the OpenAPI schema, with a valid key of the
    operation's kind, within the collector's limits (nesting, keys, ids, times); none may get a server
    error, and every refusal has the one error shape."""
    app = create_app(load_config(project(loaded, tmp_path)))
    with TestClient(app):  # the service's lifespan runs: store, log, deliverer
        schema = schemathesis.openapi.from_asgi("/openapi.json", app)
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 13
        for op in operations:
            check(op, READ if "read" in (op.tags or [""])[0] else WRITE)


def check(op, key: str) -> None:
    @given(case=op.as_strategy())
    @settings(
        max_examples=int(os.environ.get("CXLENS_FUZZ_EXAMPLES", 25)),
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def no_server_error(case) -> None:
        response = case.call(headers={"Authorization": f"Bearer {key}"})
        assert response.status_code < 500, (case.method, case.formatted_path, response.text)
        if response.status_code >= 400:
            assert set(response.json()) == {"code", "message"}, response.text

    no_server_error()


def test_live_identity_keeps_the_batch_graphs_guards(live, warehouse):
    """A second user id for a person (cap 1) and a junk email are not linked; devices are (cap 50)."""
    person = next(
        p for p in people(warehouse) if node_of(warehouse, p, "user_id") and node_of(warehouse, p, "email")
    )
    email = node_of(warehouse, person, "email")
    live.send(
        "identify", {"userId": "second-account", "anonymousId": "new-phone", "traits": {"email": email}}
    )
    assert live.get("/v1/profiles/new-phone")["person_id"] == person
    assert live.client.get("/v1/profiles/user_id:second-account").status_code == 404
    live.send("identify", {"anonymousId": "kiosk", "traits": {"email": "test@test.com"}})
    assert live.client.get("/v1/profiles/test@test.com").status_code == 404  # a placeholder links nobody
    assert live.get("/v1/profiles/kiosk")["person_id"] != person


def test_the_report_is_served_to_a_browser_with_the_read_key(live):
    r = live.client.get("/report", headers={"Authorization": ""})
    assert r.status_code == 401 and r.headers["www-authenticate"] == 'Basic realm="cxlens"'  # the prompt
    r = live.client.get("/report")
    assert r.status_code == 404 and "run `cxlens report`" in r.json()["message"]
    live.config.report_path.write_text("<html><body>CXMart</body></html>")
    r = live.client.get("/report", auth=(READ, ""), headers={"Authorization": ""})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html") and "CXMart" in r.text


def test_an_identifier_with_control_characters_is_refused_by_name(live, loaded):
    """Found by Schemathesis: a NUL in an identifier reached a SQL literal."""
    r = live.client.post("/v1/erase", json={"identifier": "ann\x00@example.com"})
    assert r.status_code == 400 and r.json()["message"].startswith("body.identifier: String should match")
    with pytest.raises(CxlensError, match="holds control characters"):
        loaded.project.profile("ann\x00@example.com")


def test_a_live_opt_out_is_never_undone_by_the_next_run(loaded, warehouse, tmp_path):
    """An identify with consent_email false reaches the warehouse through the collector's log; the next run
    keeps the opt-out in the profile, the audience and the triggers (it used to restore consent from the
    CRM)."""
    path = project(loaded, tmp_path)
    doc = yaml.safe_load(path.read_text())
    doc["sources"].append({"name": "collector", "table": "events", "path": "collector/*.jsonl"})
    path.write_text(yaml.safe_dump(doc))
    svc = Live(path)
    with svc.client:
        members = {m["person_id"] for m in svc.get("/v1/audiences/valuable_at_risk", limit=10_000)["people"]}
        lapsed = people(warehouse, "lapsed", consent_email=consented)
        member = next(x for x in lapsed if x in members)  # lapsed, valuable, consenting
        control = next(x for x in lapsed if x != member)
        last = loaded.project.con.table("events").timestamp.max().execute()  # as of the data, not today
        at = pd.Timestamp(last).isoformat()
        svc.send("identify", {**ref(warehouse, member), "timestamp": at, "traits": {"consent_email": False}})
    # the service sealed its log on the way out; the next run reads it as events
    p = Project(path, progress=False)
    p.run()
    assert p.profile(member)["consent_email"] is False
    assert p.profile(control)["consent_email"] is True
    m = p.table("segment_members").to_pandas()
    assert member in set(m[m.segment == "valuable_at_risk"].person_id)  # still in the segment ...
    p.audience("valuable_at_risk", tmp_path / "out.csv")
    exported = set(pd.read_csv(tmp_path / "out.csv").person_id)
    assert member not in exported and len(exported)  # ... but never exported for email
    p.close()
    svc = Live(path)  # a new start rebuilds the live store from what the run concluded
    with svc.client:
        assert svc.get(f"/v1/profiles/{member}")["consent"]["email"] is False
        for person in (member, control):
            svc.send("page", {**ref(warehouse, person), "name": "Home"})
        assert [a["person_id"] for a in svc.actions() if a["trigger"] == "win_back"] == [control]


def test_a_snapshot_built_in_parts_is_the_one_built_at_once(loaded, tmp_path, monkeypatch):
    """A million people's touchpoints do not fit the engine's memory at once, so the snapshot is gathered
    in parts by person id: the same snapshot as in one go."""
    import sqlite3

    from cxlens.realtime import snapshot

    con = loaded.project.con
    snapshot.build(con, tmp_path / "whole")
    monkeypatch.setattr(snapshot, "PART", 100)
    assert len(snapshot._parts(1500)) == 17  # every hex digit, and any other id
    snapshot.build(con, tmp_path / "parts")
    tables = {}
    for name in ("whole", "parts"):
        with sqlite3.connect(tmp_path / name) as db:
            tables[name] = {
                t: sorted(db.execute(f"SELECT * FROM {t}").fetchall())
                for t in ("ids", "profiles", "details", "members", "names", "lists")
            }
    assert tables["parts"] == tables["whole"]
    assert len(tables["whole"]["details"]) == len(tables["whole"]["profiles"]) > 1000
