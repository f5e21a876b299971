"""The live service (``cxlens serve``): the collector, the profile API, triggers and erasure in one app.

A request is answered once its events are in the durable log; they are applied to the live store in order
by a second thread, and every read waits until what was answered before it is applied: a profile read
right after an ``identify`` already shows it. Read endpoints need a read key, which is
distinct from the write keys that SDKs carry in web pages. Background work: the webhook deliverer (a
thread), and a sweep that fires date triggers, finishes erasures the warehouse could not take at once and
rebuilds the snapshot after a run (events that arrive meanwhile are applied to both).
"""

from __future__ import annotations

import asyncio
import gc
import logging
import queue
import threading
from collections.abc import Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Annotated, Literal

import fastapi_offline
import orjson
import uvicorn
from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from cxlens import engine
from cxlens.config import MESSAGE_CHANNELS, Config
from cxlens.errors import ConfigError, CxlensError
from cxlens.holdout import NBA_WINDOW_DAYS, exposure, nba
from cxlens.privacy import CHANNELS
from cxlens.realtime import erase as erasure
from cxlens.realtime.collector import Rejected, add_collector, authorised, normalise, refusal
from cxlens.realtime.live import Live
from cxlens.realtime.log import EventLog
from cxlens.realtime.nba import TYPES, next_best_actions
from cxlens.realtime.snapshot import build
from cxlens.realtime.store import LiveStore, snapshot_path
from cxlens.realtime.triggers import Deliverer, anniversaries
from cxlens.realtime.ui import add_ui

log = logging.getLogger("cxlens.realtime")
READ = "read (read key)"
Channel = Literal[MESSAGE_CHANNELS]
Consented = Literal[CHANNELS]
PRINTABLE = r"^[^\x00-\x1f\x7f]+$"  # no identifier holds control characters (a NUL breaks SQL literals)
Identifier = Annotated[
    str, PathParam(min_length=1, max_length=512, pattern=PRINTABLE, description="any identifier")
]
SegmentName = Annotated[str, PathParam(max_length=200)]
Limit = Annotated[int, Query(ge=1, le=10_000)]
Offset = Annotated[int, Query(ge=0)]
ActionId = Annotated[int, PathParam(ge=1, le=2**63 - 1)]  # SQLite integers are 64-bit


class EraseRequest(BaseModel):
    identifier: str = Field(
        min_length=1, max_length=512, pattern=PRINTABLE, description="any identifier of the person"
    )


BROWSED = ("/report", "/docs", "/redoc", "/openapi.json", "/ui")  # pages a browser opens: it asks for the key
CODES = {404: "not_found", 405: "method_not_allowed", 400: "invalid_request", 413: "payload_too_large"}
NOT_FOUND = "no such path; the API is described at /docs"
BACKLOG = 500  # events logged and not yet applied beyond which an answer also waits for the apply


class _Request:
    """One request's events on their way through the log and the live store; ``refused``: its calls
    refused one by one; ``done`` resolves its answer on the event loop; ``waits``: answered only once
    applied (the apply is behind)."""

    __slots__ = ("done", "refused", "rows", "waits")

    def __init__(self, rows: list[dict], refused: list[dict], done: Callable[[BaseException | None], None]):
        self.rows, self.refused, self.done, self.waits = rows, refused, done, False


class Service:
    """The state behind the app: the log, the live store and the background work.

    Events go through two threads. The log thread writes every request that arrived meanwhile with one
    fsync (group commit), and the request is answered: it is durable. The apply thread applies them to the
    live store in order, one transaction per group, while the next group is written. Reads wait until
    everything answered before them is applied (``caught_up``), so a profile read after an ``identify``
    shows it; when the apply falls behind by more than ``BACKLOG`` events, answers wait for it too.
    """

    def __init__(self, config: Config):
        self.config = config
        self.store = LiveStore(config.store_path)
        self.live = Live(config, store=self.store)
        self.log = EventLog(config.collector_path)
        self.rejected = EventLog(config.rejected_path)  # calls refused one by one, with the reason
        rt = config.realtime
        self.deliverer = Deliverer(self.store, config.triggers, rt.webhook_attempts, rt.webhook_backoff)
        self.replay: list[dict] | None = None  # events applied while a rebuild runs
        self.to_log: queue.SimpleQueue[_Request | None] = queue.SimpleQueue()
        self.to_apply: queue.SimpleQueue[tuple[int, list[_Request]] | None] = queue.SimpleQueue()
        self.progress = threading.Condition()  # guards the three counters below
        self.logged = self.applied = 0  # group numbers
        self.behind = 0  # events logged, not yet applied
        self.watching = threading.Lock()  # guards watchers: person → {asyncio event: its loop} (the UI's)
        self.watchers: dict[str, dict[asyncio.Event, asyncio.AbstractEventLoop]] = {}
        self.workers = [
            threading.Thread(target=self._logger, name="cxlens-log", daemon=True),
            threading.Thread(target=self._applier, name="cxlens-apply", daemon=True),
        ]
        for w in self.workers:
            w.start()
        self.erasures = self._erasures()

    def _erasures(self) -> int:
        with self.store.lock:
            return self.store.db.execute("SELECT count(*) FROM main.erasures").fetchone()[0]

    async def accept(self, rows: list[dict], refused: list[dict]) -> None:
        """Return once a request's events (but those of erased people) are durably logged, and its refused
        calls in the rejected log; raise what the log raised (the request is then not acknowledged)."""
        loop = asyncio.get_running_loop()
        answer = loop.create_future()

        def done(error: BaseException | None) -> None:
            loop.call_soon_threadsafe(_settle, answer, error)

        self.to_log.put(_Request(rows, refused, done))
        await answer

    def caught_up(self, timeout: float = 30) -> None:
        """Wait until every event answered so far is applied to the live store."""
        with self.progress:
            target = self.logged
            if not self.progress.wait_for(lambda: self.applied >= target, timeout):
                log.warning("the live store is %d events behind the log; answering anyway", self.behind)

    def _logger(self) -> None:
        while (first := self.to_log.get()) is not None:
            group, stop = _drain(first, self.to_log)
            try:
                for r in group:
                    r.rows = self.live.unsuppressed(r.rows)
                self.log.append([orjson.dumps(e) for r in group for e in r.rows])
                if refused := [orjson.dumps(x) for r in group for x in self.live.unsuppressed(r.refused)]:
                    self.rejected.append(refused)
            except Exception as exc:  # not durable, so not acknowledged: the SDKs retry
                log.exception("writing the event log failed")
                for r in group:
                    r.done(exc)
            else:
                with self.progress:
                    self.logged += 1
                    self.behind += sum(len(r.rows) for r in group)
                    for r in group:  # set before the applier can see the group
                        r.waits = self.behind > BACKLOG
                    self.to_apply.put((self.logged, group))
                for r in group:
                    if not r.waits:
                        r.done(None)
            if stop:
                break
        self.to_apply.put(None)

    def _applier(self) -> None:
        while (first := self.to_apply.get()) is not None:
            groups, stop = _drain(first, self.to_apply)
            work = [r for _, g in groups for r in g]
            events = [e for r in work for e in r.rows]
            with self.store.lock:
                raised = self._apply(events)
                self._log_exposures()
                touched, self.live.touched = self.live.touched, set()
            self._wake(touched)
            with self.progress:
                self.applied = groups[-1][0]
                self.behind -= len(events)
                self.progress.notify_all()
            for r in work:
                if r.waits:
                    r.done(None)
            if raised:
                self.deliverer.wake()
            if stop:
                break

    def _apply(self, events: list[dict]) -> list[int]:
        """Apply events to the live store in one transaction; if that fails, one by one, so an event the
        store cannot take is set aside in the rejected log and no other event is lost with it (all are
        safe in the log, and the next run reads them)."""
        try:
            raised = self.live.apply(events)
        except Exception:
            raised = []
            for ev in events:
                try:
                    raised += self.live.apply([ev])
                except Exception as exc:
                    log.warning("an event could not be applied live (%s); see the rejected log", exc)
                    self.rejected.append([orjson.dumps(refusal(ev, exc, datetime.now(UTC)))])
        if self.replay is not None:
            self.replay += events
        return raised

    def _log_exposures(self) -> None:
        """Send the exposure calls of the actions just recorded to the log (and so to ingest and the
        experiments stage); the caller holds the store lock."""
        if self.live.exposures:
            now = datetime.now(UTC)
            rows = [normalise(e, None, now, None, "an action's exposure: ") for e in self.live.exposures]
            self.live.exposures = []
            self.to_log.put(_Request(rows, [], lambda error: None))

    def served(self, pid: str, answer: dict) -> None:
        """Log an exposure for each measured action type (one with a holdout share) in a next-best-action
        answer, once a day per person and action (the message id repeats, so ingest keeps one)."""
        shares = self.config.realtime.nba_holdout
        measured = [
            (a["action"], held) for held in (False, True) for a in answer["held_out" if held else "actions"]
        ]
        measured = [(a, held) for a, held in measured if shares.get(a)]
        if not measured:
            return
        nodes = self.store.nodes(pid)
        ids = {field: next((n.partition(":")[2] for n in nodes if n.startswith(kind + ":")), None)
               for field, kind in (("userId", "user_id"), ("anonymousId", "anonymous_id"))}  # fmt: skip
        if not (ids["userId"] or ids["anonymousId"]):
            return  # nothing an event could name them by
        now = datetime.now(UTC)
        with self.store.lock:
            self.live.exposures += [
                exposure(
                    nba(a),
                    shares[a],
                    held,
                    ids,
                    now,
                    NBA_WINDOW_DAYS,
                    f"cxlens-nba-{a}-{pid}-{now:%Y%m%d}",
                )
                for a, held in measured
            ]
            self._log_exposures()

    def seal(self) -> None:
        """Hand the open log segment to ingest, without the events of anyone erased meanwhile."""
        sealed = self.log.seal()
        count = self._erasures()
        if count != self.erasures:  # an erasure elsewhere (`cxlens erase`) rewrote the segments sealed before
            self.erasures = count
            erasure.erase_log([sealed] if sealed else [], self.live.suppression.any, self.config.region)

    def warehouse_changed(self) -> bool:
        """Whether a run wrote the warehouse since the snapshot was built."""
        built = self.store.meta("built_at")
        return built is None or engine.changed_since(self.config, datetime.fromisoformat(built))

    def _warehouse(self):
        """A connection to the warehouse; None when there is none yet, or a run holds it (next sweep)."""
        if not engine.exists(self.config):
            return None
        try:
            return engine.connect(self.config)
        except Exception as exc:
            log.info("the warehouse is busy (%s); trying again on the next sweep", type(exc).__name__)
            return None

    def refresh(self) -> dict | None:
        """Finish pending erasures and rebuild the snapshot when a run changed the warehouse; None when there
        was nothing to do or the warehouse is busy."""
        with self.store.lock:
            pending = self.store.db.execute(
                "SELECT 1 FROM main.erasures WHERE warehouse = 'pending'"
            ).fetchone()
        exists = engine.exists(self.config)
        con = self._warehouse() if exists and (pending or self.warehouse_changed()) else None
        if con is None:
            return None
        out = snapshot_path(self.store.path).with_suffix(".building")
        self.replay = []
        try:
            erasure.finish_pending(self.config, self.store, con)
            built = build(con, out, self.config.realtime.recent)
            with self.store.lock:
                self.store.swap(out)
                self.live.population()
                self.live.apply(self.replay, fire=False)
            return built
        except CxlensError as exc:  # no profiles yet: nothing to serve from the warehouse
            log.warning("%s", exc)
            return None
        finally:
            with self.store.lock:
                self.replay = None
            con.disconnect()

    def sweep(self) -> None:
        self.refresh()
        now = datetime.now(UTC)
        with self.store.write() as db:
            db.execute("DELETE FROM main.seen WHERE at < ?", ((now - timedelta(days=1)).isoformat(),))
            found: list[dict] = []
            raised = anniversaries(db, self.config.triggers, now, found)
        with self.store.lock:
            self.live.exposures += found
            self._log_exposures()
        if raised:
            self.deliverer.wake()

    def audience(self, name: str, channel: str | None, offset: int = 0, limit: int | None = None) -> dict:
        """A segment's members who consented to ``channel`` (default: the segment's own), with the
        segment's fields, and how many were left out for lack of consent."""
        seg = self.config.segments.get(name)
        if seg is None:
            known = ", ".join(sorted(self.config.segments)) or "none"
            raise Rejected(404, "not_found", f"no segment named '{name}'; segments: {known}")
        channel = channel or seg.channel
        if channel is None:
            raise Rejected(
                400, "invalid_request", f"segment '{name}' has no channel; pass ?channel=email|sms|ads"
            )
        docs = list(self.store.docs(self.store.members(name)).values())
        ok = [d for d in docs if (d.get("consent") or {}).get(channel) is True]
        rows = [{f: d.get(f) for f in dict.fromkeys(["person_id", *seg.fields])} for d in ok]
        return {
            "segment": name,
            "channel": channel,
            "members": len(ok),
            "no_consent": len(docs) - len(ok),
            "people": rows[offset : None if limit is None else offset + limit],
        }

    def watch(self, pid: str) -> asyncio.Event:
        """An event set (on the calling loop) when an event for the person is next applied."""
        woken = asyncio.Event()
        with self.watching:
            self.watchers.setdefault(pid, {})[woken] = asyncio.get_running_loop()
        return woken

    def unwatch(self, pid: str, woken: asyncio.Event) -> None:
        with self.watching:
            mine = self.watchers.get(pid, {})
            mine.pop(woken, None)
            if not mine:
                self.watchers.pop(pid, None)

    def _wake(self, people: set[str]) -> None:
        with self.watching:
            hits = [(e, loop) for p in people & self.watchers.keys() for e, loop in self.watchers[p].items()]
        for woken, loop in hits:
            loop.call_soon_threadsafe(woken.set)

    def erase(self, identifier: str) -> dict:
        """Erase a person: the live store and logs at once, the warehouse now if it is free."""
        self.log.seal()
        self.rejected.seal()
        con = self._warehouse()  # None: the sweep finishes the warehouse part
        try:
            return erasure.erase(self.config, self.store, identifier, con)
        finally:
            if con is not None:
                con.disconnect()

    def close(self) -> None:
        self.to_log.put(None)
        for w in self.workers:
            w.join()
        late = []  # exposures of the last events applied, queued after the log thread stopped
        while not self.to_log.empty():
            if (r := self.to_log.get()) is not None:
                late += r.rows
        if late:
            self.log.append([orjson.dumps(e) for e in late])
        self.deliverer.stop()
        self.log.close()
        self.rejected.close()
        self.store.close()
        self.live.suppression.close()


def _drain(first, q: queue.SimpleQueue) -> tuple[list, bool]:
    """``first`` and whatever else waits in ``q``; whether the stop mark (None) was among them."""
    items = [first]
    while True:
        try:
            item = q.get_nowait()
        except queue.Empty:
            return items, False
        if item is None:
            return items, True
        items.append(item)


def _settle(answer: asyncio.Future, error: BaseException | None) -> None:
    if answer.done():  # the client went away
        return
    if error is None:
        answer.set_result(None)
    else:
        answer.set_exception(error)


def create_app(config: Config, own_process: bool = False) -> FastAPI:
    """The live service for a project; ``own_process``: the app is the process (``cxlens serve``), so it
    may tune the process's garbage collector (never done to a process it is embedded in)."""
    rt = config.realtime
    if unknown := sorted(set(rt.nba_holdout) - set(TYPES)):
        raise ConfigError(
            f"realtime.nba_holdout names {', '.join(unknown)}; expected next-best-action types: "
            + ", ".join(TYPES)
        )
    holder: dict = {}

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        svc = Service(config)
        await run_in_threadpool(svc.refresh)
        svc.deliverer.start()
        holder["svc"] = svc
        if own_process:
            # What is loaded now lives as long as the service: out of the collector's way. Without this,
            # the cyclic collector scanned every object of the libraries about once a second, stalling
            # requests for 100 ms and more; events and documents are freed by reference counting anyway.
            gc.collect()
            gc.freeze()
            gc.set_threshold(50_000, 20, 100)

        async def every(seconds: float, job) -> None:
            while True:
                await asyncio.sleep(seconds)
                try:
                    await run_in_threadpool(job)
                except Exception:
                    log.exception("background job %s failed", job.__name__)

        tasks = [
            asyncio.create_task(every(rt.seal_seconds, svc.seal)),
            asyncio.create_task(every(rt.sweep_seconds, svc.sweep)),
        ]
        await run_in_threadpool(svc.sweep)
        yield
        for t in tasks:
            t.cancel()
        await run_in_threadpool(svc.close)

    app = FastAPI(
        title="cxlens",
        description=(
            "Segment-compatible HTTP Tracking API (existing SDKs send here unchanged, with a write key) and "
            "the live profile API (with a read key): profiles by any identifier, next best action, "
            "audiences, the actions outbox and erasure."
        ),
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )

    def error(status: int, code: str, message: str, headers: dict | None = None) -> JSONResponse:
        return JSONResponse({"code": code, "message": message}, status, headers=headers)

    @app.exception_handler(Rejected)
    async def _rejected(request: Request, exc: Rejected) -> JSONResponse:
        headers = {"Retry-After": "1"} if exc.status in (429, 503) else None
        if exc.status == 401 and request.url.path.startswith(BROWSED):
            headers = {"WWW-Authenticate": 'Basic realm="cxlens"'}
        return error(exc.status, exc.code, exc.message, headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        try:  # nothing about the request to a caller without the key
            authorised(request, {}, rt.read_keys, "read")
        except Rejected as refused:
            return await _rejected(request, refused)
        e = exc.errors()[0]
        where = ".".join(str(p) for p in e["loc"])
        return error(400, "invalid_request", f"{where}: {e['msg']}")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        headers = getattr(exc, "headers", None)
        message = str(exc.detail)
        if exc.status_code == 404:
            message = NOT_FOUND
        elif exc.status_code == 405:
            message = (
                f"{request.method} is not allowed on {request.url.path}; use {(headers or {}).get('Allow')}"
            )
        return error(exc.status_code, CODES.get(exc.status_code, "error"), message, headers)

    add_docs(app, rt)
    add_collector(app, rt, lambda rows, refused: holder["svc"].accept(rows, refused))

    async def svc(request: Request) -> Service:
        """The service, for a holder of a read key, once it has applied every event answered so far."""
        authorised(request, {}, rt.read_keys, "read")
        s = holder["svc"]
        if s.applied < s.logged:
            await run_in_threadpool(s.caught_up)
        return s

    add_ui(app, config, svc)

    def person(s: Service, identifier: str) -> tuple[str, dict]:
        pid = s.live.find(identifier)
        doc = s.store.doc(pid) if pid else None
        if doc is None:
            raise Rejected(404, "not_found", f"no profile has the identifier '{identifier}'")
        return pid, doc

    @app.get("/v1/profiles/{identifier}", tags=[READ], summary="A profile by any identifier")
    async def profile(request: Request, identifier: Identifier) -> dict:
        """Traits, consent, lifecycle stage, persona, CLV, P(alive), segments and recent touchpoints of the
        person behind a person id, ``kind:value`` (``email:ann@example.com``) or a bare identifier."""
        s = await svc(request)
        pid, doc = await run_in_threadpool(person, s, identifier)
        doc.pop("habit", None)
        doc["identifiers"] = s.store.nodes(pid)
        return doc

    @app.get(
        "/v1/profiles/{identifier}/next-best-action", tags=[READ], summary="Ranked next actions, with reasons"
    )
    async def nba(request: Request, identifier: Identifier, channel: Channel | None = None) -> dict:
        s = await svc(request)
        pid, doc = await run_in_threadpool(person, s, identifier)
        answer = next_best_actions(doc, channel, holdout=s.config.realtime.nba_holdout)
        await run_in_threadpool(s.served, pid, answer)
        return {"person_id": pid, "channel": channel, **answer}

    @app.get("/v1/audiences/{name}", tags=[READ], summary="A segment's members who consented to the channel")
    async def audience(
        request: Request,
        name: SegmentName,
        channel: Consented | None = None,
        limit: Limit = 1000,
        offset: Offset = 0,
    ) -> dict:
        s = await svc(request)
        return await run_in_threadpool(s.audience, name, channel, offset, limit)

    @app.get("/v1/actions", tags=[READ], summary="Due actions in the outbox, oldest first")
    async def actions(request: Request, limit: Limit = 100) -> dict:
        s = await svc(request)
        now = datetime.now(UTC).isoformat()
        with s.store.lock:
            rows = s.store.db.execute(
                "SELECT id, payload, status FROM main.actions WHERE status IN ('ready', 'sent', 'failed')"
                " AND due_at <= ? ORDER BY id LIMIT ?",
                (now, limit),
            ).fetchall()
        return {"actions": [{"id": i, "status": st, **orjson.loads(p)} for i, p, st in rows]}

    @app.post("/v1/actions/{action_id}/done", tags=[READ], summary="Mark an action handled")
    async def done(request: Request, action_id: ActionId) -> dict:
        s = await svc(request)
        with s.store.write() as db:
            n = db.execute("UPDATE main.actions SET status = 'done' WHERE id = ?", (action_id,)).rowcount
        if not n:
            raise Rejected(404, "not_found", f"no action {action_id}")
        return {"id": action_id, "status": "done"}

    @app.get("/report", tags=[READ], summary="The HTML report (a browser asks for the read key)")
    async def report(request: Request) -> FileResponse:
        """The report `cxlens report` last wrote; a browser prompts for the read key as the user name."""
        await svc(request)
        if not config.report_path.exists():
            raise Rejected(
                404, "not_found", f"no report at {config.report_path.name} yet; run `cxlens report`"
            )
        return FileResponse(config.report_path, media_type="text/html")

    @app.post("/v1/erase", tags=[READ], summary="Erase a person everywhere and suppress their identifiers")
    async def erase(request: Request, body: EraseRequest) -> dict:
        s = await svc(request)
        try:
            return await run_in_threadpool(s.erase, body.identifier)
        except CxlensError as exc:
            raise Rejected(404, "not_found", str(exc)) from None

    return app


def add_docs(app: FastAPI, rt) -> None:
    """``/docs`` (Swagger UI), ``/redoc`` and ``/openapi.json`` with the assets served from the
    fastapi-offline package, so the pages load nothing from elsewhere; behind the read key unless
    ``realtime.public_docs``."""
    app.mount("/docs/assets", StaticFiles(directory=Path(fastapi_offline.__file__).parent / "static"))

    def allowed(request: Request) -> None:
        if not rt.public_docs:
            authorised(request, {}, rt.read_keys, "read")

    @app.get("/openapi.json", include_in_schema=False)
    async def openapi(request: Request) -> JSONResponse:
        allowed(request)
        return JSONResponse(app.openapi())

    assets = "/docs/assets"
    pages = {
        "/docs": partial(
            get_swagger_ui_html,
            swagger_js_url=f"{assets}/swagger-ui-bundle.js",
            swagger_css_url=f"{assets}/swagger-ui.css",
            swagger_favicon_url=f"{assets}/favicon.png",
        ),
        "/redoc": partial(
            get_redoc_html,
            redoc_js_url=f"{assets}/redoc.standalone.js",
            redoc_favicon_url=f"{assets}/favicon.png",
            with_google_fonts=False,
        ),
    }

    def shown(page: Callable[..., HTMLResponse]):
        async def show(request: Request) -> HTMLResponse:
            allowed(request)
            return page(openapi_url="/openapi.json", title="cxlens API")

        return show

    for path, page in pages.items():
        app.add_api_route(path, shown(page), methods=["GET"], include_in_schema=False)


class Protocol(HttpToolsProtocol):
    """uvicorn's HTTP protocol, answering a request it cannot parse with the API's error shape."""

    def send_400_response(self, msg: str) -> None:
        body = orjson.dumps({"code": "invalid_http", "message": msg})
        head = b"HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\nconnection: close\r\n"
        self.transport.write(head + b"content-length: %d\r\n\r\n" % len(body) + body)
        self.transport.close()


def serve(config: Config, host: str, port: int) -> None:
    """Run the service as this process (``cxlens serve``)."""
    app = create_app(config, own_process=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", http=Protocol)
