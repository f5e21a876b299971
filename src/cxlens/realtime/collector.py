"""A collector that speaks Segment's HTTP Tracking API, so existing SDKs send to cxlens unchanged.

``POST /v1/{identify,track,page,screen,group,alias,batch}``, and what browsers send:
- analytics.js's short paths (``/v1/i``, ``/v1/t``, ``/v1/p``, ``/v1/s``, ``/v1/g``, ``/v1/a``, ``/v1/b``),
  text/plain bodies, keepalive requests on page unload, and its settings
  (``GET /v1/projects/{writeKey}/settings``, which point it here); RudderStack's source config
  (``GET /sourceConfig/``) and beacon (``POST /beacon/v1/batch?writeKey=``);
- CORS on these paths only, as Segment's API answers it: any origin (or ``realtime.allowed_origins``);
- the write key comes as the basic-auth user name, a bearer token, or ``writeKey`` in the body (older SDKs);
  keys are compared by their SHA-256, which is all the project file stores;
- gzip bodies are accepted; limits are Segment's: 32 KB per event, 500 KB and 2,500 events per batch (413);
- clock skew is corrected as Segment does: timestamp = receivedAt − (sentAt − timestamp);
- a request is answered 200 only once its events are durably in the log (see ``log.py``); a bad request gets
  a JSON ``{"code", "message"}`` naming the problem and stores nothing; when too many requests are in
  flight the answer is 429 with Retry-After, which the SDKs honour, rather than a dropped event;
- ``messageId`` makes retries idempotent: ingest keeps one row per message id.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import uuid
import zlib
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from functools import lru_cache
from typing import Annotated

import orjson
from fastapi import FastAPI, Request, Response
from fastapi import Path as PathParam
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from cxlens.config import Realtime

TYPES = ("identify", "track", "page", "screen", "group", "alias")
MAX_EVENT = 32 * 1024
MAX_BATCH = 500 * 1024
MAX_EVENTS = 2500
OBJECTS = ("properties", "context", "traits")
SUCCESS = orjson.dumps({"success": True})  # the answer to every accepted call, made once


class Rejected(Exception):
    """A request the collector answers with ``status`` and a JSON ``{"code", "message"}``."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def key_hash(key: str) -> str:
    """How a key is stored in the project file: ``sha256:`` and the hex digest."""
    return "sha256:" + hashlib.sha256(key.encode()).hexdigest()


def _given(request: Request, body: dict) -> str | None:
    """The key a request carries: basic-auth user name, bearer token, or ``writeKey`` in the body."""
    auth = request.headers.get("authorization", "")
    given = body.get("writeKey") if isinstance(body, dict) else None
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "basic":
        try:
            given = base64.b64decode(value).decode().partition(":")[0]
        except (ValueError, UnicodeDecodeError):
            given = None
    elif scheme.lower() == "bearer":
        given = value.strip()
    return given if isinstance(given, str) and given else None


def _known(key: str | None, keys: list[str]) -> bool:
    if key is None:
        return False
    digest = key_hash(key)
    return any(hmac.compare_digest(digest, k) for k in keys)


def _authorised(request: Request, body: dict, keys: list[str]) -> bool:
    return _known(_given(request, body), keys)


async def _body(request: Request) -> tuple[dict, int]:
    """The request's JSON object, un-gzipped, within the size limits, and its size in bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BATCH:
        raise Rejected(
            413, "payload_too_large", f"the body is {declared} bytes; at most {MAX_BATCH:,} are accepted"
        )
    raw = await request.body()
    if len(raw) > MAX_BATCH:
        raise Rejected(
            413, "payload_too_large", f"the body is {len(raw):,} bytes; at most {MAX_BATCH:,} are accepted"
        )
    if request.headers.get("content-encoding", "").lower() == "gzip":
        try:
            raw = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(raw, MAX_BATCH + 1)
        except zlib.error:
            raise Rejected(400, "invalid_gzip", "the body says it is gzip but is not") from None
        if len(raw) > MAX_BATCH:
            raise Rejected(413, "payload_too_large", f"the unzipped body exceeds {MAX_BATCH:,} bytes")
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise Rejected(400, "invalid_json", f"the body is not valid JSON: {exc}") from None
    if not isinstance(body, dict):
        raise Rejected(400, "invalid_request", "the body must be a JSON object")
    return body, len(raw)


def _time(value: object, field: str, where: str) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise Rejected(400, "invalid_request", f"{where}'{field}' must be an ISO 8601 timestamp string")
    try:
        t = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise Rejected(400, "invalid_request", f"{where}'{field}' is {value!r}; expected ISO 8601") from None
    return t if t.tzinfo else t.replace(tzinfo=UTC)


@lru_cache(maxsize=64)
def _iso(t: datetime) -> str:
    """A time as the log writes it (UTC to the microsecond, ``Z``: one width, so times compare as text);
    cached: a request's events share their received time."""
    return t.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _id(msg: dict, field: str, where: str) -> str | None:
    v = msg.get(field)
    if v.__class__ is str:
        return v or None
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, str | int):
        raise Rejected(400, "invalid_request", f"{where}'{field}' must be a string")
    return str(v)


def normalise(
    msg: object, kind: str | None, received: datetime, sent_at: datetime | None, where: str, size: int = 0
) -> dict:
    """One Segment message as a log line in the canonical ``events`` shape (Segment's names, which ingest
    maps), with the skew-corrected timestamp; Rejected names what is wrong. ``size`` is the request's: a
    message can only be too big when its request is."""
    if not isinstance(msg, dict):
        raise Rejected(400, "invalid_request", f"{where}a message must be a JSON object")
    kind = kind or msg.get("type")
    if kind not in TYPES:
        raise Rejected(
            400, "invalid_request", f"{where}'type' is {kind!r}; expected one of {', '.join(TYPES)}"
        )
    if size > MAX_EVENT and len(orjson.dumps(msg)) > MAX_EVENT:
        raise Rejected(413, "payload_too_large", f"{where}an event may hold at most {MAX_EVENT:,} bytes")
    user, anon = _id(msg, "userId", where), _id(msg, "anonymousId", where)
    if not (user or anon):
        raise Rejected(400, "invalid_request", f"{where}a message needs a 'userId' or an 'anonymousId'")
    if kind == "track" and not (isinstance(msg.get("event"), str) and msg["event"].strip()):
        raise Rejected(400, "invalid_request", f"{where}a 'track' call needs an 'event' name")
    previous = _id(msg, "previousId", where)
    if kind == "alias" and not (previous and user):
        raise Rejected(400, "invalid_request", f"{where}an 'alias' call needs 'previousId' and 'userId'")
    for field in OBJECTS:
        if msg.get(field) is not None and not isinstance(msg[field], dict):
            raise Rejected(400, "invalid_request", f"{where}'{field}' must be a JSON object")
    stamp = _time(msg.get("timestamp"), "timestamp", where) or _time(
        msg.get("originalTimestamp"), "originalTimestamp", where
    )
    sent = _time(msg.get("sentAt"), "sentAt", where) or sent_at
    if stamp is None:
        stamp = received
    elif sent is not None:  # the device's clock may be off: keep the gap it measured, on our clock
        try:
            stamp = received - (sent - stamp)
        except OverflowError:
            raise Rejected(
                400, "invalid_request", f"{where}'sentAt' and 'timestamp' are too far apart"
            ) from None
    context = msg.get("context") or {}
    traits = msg.get("traits") or (context.get("traits") if kind == "identify" else None)
    if traits is not None and not isinstance(traits, dict):
        raise Rejected(400, "invalid_request", f"{where}'context.traits' must be a JSON object")
    name = msg.get("event") if kind == "track" else msg.get("name")
    return {
        "messageId": _id(msg, "messageId", where) or str(uuid.uuid4()),
        "type": kind,
        "event": name,
        "userId": user,
        "anonymousId": anon,
        "previousId": previous,
        "timestamp": _iso(stamp),
        "channel": msg.get("channel") or context.get("channel"),
        "properties": msg.get("properties"),
        "context": context or None,
        "traits": traits,
        "receivedAt": _iso(received),
    }


def authorised(request: Request, body: dict, keys: list[str], what: str = "write") -> None:
    """Refuse (401) a request without one of ``keys`` (``what`` keys, for the message)."""
    if not _authorised(request, body, keys):
        how = "basic auth user, bearer or writeKey" if what == "write" else "basic auth user or bearer"
        raise Rejected(401, "unauthorized", f"a valid {what} key is needed ({how})")


# The request bodies as OpenAPI documents them (the validation itself is ``normalise``'s, with its messages).
MESSAGE = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "enum": list(TYPES)},
        "userId": {"type": "string"},
        "anonymousId": {"type": "string"},
        "previousId": {"type": "string"},
        "event": {"type": "string"},
        "name": {"type": "string"},
        "messageId": {"type": "string"},
        "timestamp": {"type": "string", "format": "date-time"},
        "sentAt": {"type": "string", "format": "date-time"},
        "properties": {"type": "object"},
        "traits": {"type": "object"},
        "context": {"type": "object"},
        "writeKey": {"type": "string"},
    },
}
BATCH = {
    "type": "object",
    "required": ["batch"],
    "properties": {"batch": {"type": "array", "items": MESSAGE}},
}


def _body_doc(schema: dict) -> dict:
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


def add_collector(app: FastAPI, cfg: Realtime, accept: Callable[[list[dict]], Awaitable[None]]) -> None:
    """Mount Segment's calls on ``app``; ``accept`` makes a request's events durable, and live, before the
    answer goes out."""
    state = {"in_flight": 0}

    async def collect(request: Request, kind: str | None, query_key: bool = False) -> Response:
        if state["in_flight"] >= cfg.max_in_flight:
            raise Rejected(
                429, "overloaded", "too many requests in flight; retry after the Retry-After delay"
            )
        state["in_flight"] += 1
        try:
            body, size = await _body(request)
            if query_key:  # a beacon cannot set headers: RudderStack puts the key in the query
                body.setdefault("writeKey", request.query_params.get("writeKey"))
            authorised(request, body, cfg.write_keys)
            received = datetime.now(UTC)
            sent_at = _time(body.get("sentAt"), "sentAt", "")
            if kind is None:
                batch = body.get("batch")
                if not isinstance(batch, list) or not batch:
                    raise Rejected(400, "invalid_request", "'batch' must be a non-empty list of messages")
                if len(batch) > MAX_EVENTS:
                    raise Rejected(413, "payload_too_large", f"a batch holds at most {MAX_EVENTS:,} events")
                rows = [
                    normalise(m, None, received, sent_at, f"batch[{i}]: ", size) for i, m in enumerate(batch)
                ]
            else:
                rows = [normalise(body, kind, received, sent_at, "", size)]
            try:
                await accept(rows)
            except OSError:
                raise Rejected(
                    503, "unavailable", "the event log cannot be written now; retry after Retry-After"
                ) from None
            return Response(SUCCESS, media_type="application/json")
        finally:
            state["in_flight"] -= 1

    tags = ["collect (write key)"]
    for kind in TYPES:
        app.add_api_route(
            f"/v1/{kind}",
            _route(collect, kind),
            methods=["POST"],
            summary=f"Segment '{kind}' call",
            tags=tags,
            openapi_extra=_body_doc(MESSAGE),
        )
        app.add_api_route(  # analytics.js's short path
            f"/v1/{kind[0]}", _route(collect, kind), methods=["POST"], include_in_schema=False
        )
    app.add_api_route(
        "/v1/batch",
        _route(collect, None),
        methods=["POST"],
        summary="Segment batch of calls",
        tags=tags,
        openapi_extra=_body_doc(BATCH),
    )
    app.add_api_route("/v1/b", _route(collect, None), methods=["POST"], include_in_schema=False)
    app.add_api_route(
        "/beacon/v1/batch",
        _route(collect, None, query_key=True),
        methods=["POST"],
        summary="RudderStack's beacon batch (the write key in the query: ?writeKey=)",
        tags=tags,
        openapi_extra=_body_doc(BATCH),
    )

    @app.post("/v1/m", include_in_schema=False)
    async def metrics() -> dict:
        """analytics.js's own delivery metrics: acknowledged, not kept."""
        return {"success": True}

    @app.get("/v1/projects/{write_key}/settings", tags=tags, summary="analytics.js settings: send here")
    async def settings(request: Request, write_key: Annotated[str, PathParam(max_length=512)]) -> dict:
        """What analytics.js loads from its CDN (``cdnURL``): Segment's own destination, pointed at this
        server, and nothing else to load."""
        if not _known(write_key, cfg.write_keys):
            raise Rejected(404, "not_found", "no source has this write key")
        segment = {"apiKey": write_key, "apiHost": f"{request.url.netloc}/v1", "protocol": request.url.scheme}
        return {
            "integrations": {
                "Segment.io": {**segment, "unbundledIntegrations": [], "addBundledMetadata": False}
            },
            "plan": {"track": {"__default": {"enabled": True, "integrations": {}}}},
            "enabledMiddleware": {},
            "metrics": {"sampleRate": 0},
            "remotePlugins": [],
        }

    @app.get("/sourceConfig/", tags=tags, summary="RudderStack's source config (write key as basic auth)")
    async def source_config(request: Request) -> dict:
        """What the RudderStack JavaScript SDK loads (``configUrl``): a source with no destinations, so it
        sends everything to its data plane (this server) and loads nothing else."""
        key = _given(request, {})
        if not _known(key, cfg.write_keys):
            raise Rejected(401, "unauthorized", "a valid write key is needed (basic auth user)")
        source = {"id": "cxlens", "name": "cxlens", "writeKey": key, "enabled": True, "destinations": []}
        return {"isHosted": False, "source": {**source, "config": {}, "workspaceId": "cxlens"}}

    app.add_middleware(BrowserCors, origins=cfg.allowed_origins)


# the calls by their long and short names (``b``: batch, ``m``: analytics.js's metrics) and the settings
CALLS = [*TYPES, *(k[0] for k in TYPES), "batch", "b", "m"]
BROWSER = re.compile(rf"^/v1/({'|'.join(CALLS)}|projects/[^/]+/settings)$")


def browser_path(path: str) -> bool:
    """Whether web pages of other origins may call ``path``: the collector's, not the read API's."""
    return path in ("/sourceConfig/", "/beacon/v1/batch") or BROWSER.match(path) is not None


class BrowserCors:
    """CORS on the collector's paths only (the read API stays same-origin), as Segment's API answers it:
    preflights answered, any origin or those configured, whatever headers the SDK sends (analytics.js:
    Authorization, X-Retry-Count; RudderStack: AnonymousId); error answers carry the headers too, so the
    SDK can read them and retry."""

    def __init__(self, app: ASGIApp, origins: list[str]):
        self.app = app
        self.cors = CORSMiddleware(
            app, allow_origins=origins, allow_methods=["GET", "POST"], allow_headers=["*"], max_age=86400
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and browser_path(scope["path"]):
            await self.cors(scope, receive, send)
        else:
            await self.app(scope, receive, send)


def _route(collect, kind: str | None, query_key: bool = False):
    async def endpoint(request: Request) -> Response:
        return await collect(request, kind, query_key)

    return endpoint
