"""A collector that speaks Segment's HTTP Tracking API, so existing SDKs send to cxlens unchanged.

``POST /v1/{identify,track,page,screen,group,alias,batch}``, and what browsers send:
- analytics.js's short paths (``/v1/i``, ``/v1/t``, ``/v1/p``, ``/v1/s``, ``/v1/g``, ``/v1/a``, ``/v1/b``),
  text/plain bodies, keepalive requests on page unload, and its settings
  (``GET /v1/projects/{writeKey}/settings``, which point it here); RudderStack's source config
  (``GET /sourceConfig/``) and beacon (``POST /beacon/v1/batch?writeKey=``);
- CORS on these paths only, as Segment's API answers it: any origin (or ``realtime.allowed_origins``);
- the write key comes as the basic-auth user name, a bearer token, or ``writeKey`` in the body (older SDKs);
  keys are compared by their SHA-256, which is all the project file stores. A public key's events are
  logged ``trust: public`` and may change less (docs/security.md); a server key's are trusted;
- work is bounded before trust: a key in the headers is checked before the body is read, bodies are cut
  at the limit as they stream and must arrive in time, one address holds a few requests at most;
- gzip bodies are accepted; limits are Segment's: 32 KB per event, 500 KB and 2,500 events per batch (413),
  and cxlens's on nesting, keys, ids and order amounts;
- clock skew is corrected as Segment does: timestamp = receivedAt − (sentAt − timestamp); a time before
  2000 or over a day ahead becomes the received time (the sent one kept as ``originalTimestamp``);
- a request is answered 200 only once its events are durably in the log (see ``log.py``); each call of a
  batch is judged alone: a bad one is named in the answer and kept in the rejected log, the others stored;
  a bad single call gets a JSON ``{"code", "message"}`` and stores nothing; when too many requests are in
  flight the answer is 429 with Retry-After, which the SDKs honour, rather than a dropped event;
- ``messageId`` makes retries idempotent: ingest keeps one row per message id.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import logging
import math
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
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Receive, Scope, Send

from cxlens.config import Realtime
from cxlens.ids import PUBLIC
from cxlens.tables import CLOCK_AHEAD, CLOCK_EARLIEST

log = logging.getLogger("cxlens.realtime")

TYPES = ("identify", "track", "page", "screen", "group", "alias")
MAX_EVENT = 32 * 1024
MAX_BATCH = 500 * 1024
MAX_EVENTS = 2500
OBJECTS = ("properties", "context", "traits")
MAX_DEPTH, MAX_KEYS, MAX_ID = 32, 1000, 512  # nesting and keys per object in a call; characters in an id
SERVER = "server"
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
ORDER_EVENT = "Order Completed"
SUCCESS = orjson.dumps({"success": True})  # the answer to every accepted call, made once


class Rejected(Exception):
    """A request the collector answers with ``status`` and a JSON ``{"code", "message"}``."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def key_hash(key: str) -> str:
    """How a key is stored in the project file: ``sha256:`` and the hex digest."""
    return "sha256:" + hashlib.sha256(key.encode()).hexdigest()


def _header_key(request: Request) -> str | None:
    """The key in the headers: basic-auth user name or bearer token."""
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    given = None
    if scheme.lower() == "basic":
        try:
            given = base64.b64decode(value).decode().partition(":")[0]
        except (ValueError, UnicodeDecodeError):
            given = None
    elif scheme.lower() == "bearer":
        given = value.strip()
    return given or None


def _given(request: Request, body: dict) -> str | None:
    """The key a request carries: in the headers, else ``writeKey`` in the body (older SDKs)."""
    given = _header_key(request) if "authorization" in request.headers else body.get("writeKey")
    return given if isinstance(given, str) and given else None


def _known(key: str | None, keys: list[str]) -> bool:
    if key is None:
        return False
    digest = key_hash(key)
    return any(hmac.compare_digest(digest, k) for k in keys)


def trust(key: str | None, cfg: Realtime) -> str | None:
    """What a write key may change: ``public`` (a browser's key), ``server`` (a secret one), None: no key."""
    if _known(key, cfg.server_write_keys):
        return SERVER
    return PUBLIC if _known(key, cfg.write_keys) else None


def _too_big(size: int | str) -> Rejected:
    return Rejected(
        413, "payload_too_large", f"the body is {size:,} bytes; at most {MAX_BATCH:,} are accepted"
    )


async def _read(request: Request, seconds: float) -> bytes:
    """The raw body, counted as it streams (a chunked body is cut at the limit, never buffered whole),
    within ``seconds`` (a client that sends slowly gets 408 and frees its slot)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BATCH:
        raise _too_big(int(declared))
    parts, size = [], 0
    try:
        async with asyncio.timeout(seconds):
            async for chunk in request.stream():
                size += len(chunk)
                if size > MAX_BATCH:
                    raise Rejected(
                        413, "payload_too_large", f"the body exceeds {MAX_BATCH:,} bytes; no more was read"
                    )
                parts.append(chunk)
    except TimeoutError:
        raise Rejected(408, "request_timeout", f"the body did not arrive within {seconds:g} s") from None
    except ClientDisconnect:
        raise Gone() from None
    return b"".join(parts)


def _parse(raw: bytes, gzipped: bool) -> tuple[dict, int]:
    """The request's JSON object, un-gzipped, within the size limits, and its size in bytes."""
    if gzipped:
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


class Gone(Exception):
    """The client went away before its body arrived: nothing to answer."""


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


@lru_cache(maxsize=64)
def _latest(received: datetime) -> datetime:
    """The latest time an event received then may carry (cached: a request's events share it)."""
    return received + CLOCK_AHEAD


def _id(msg: dict, field: str, where: str) -> str | None:
    v = msg.get(field)
    if v.__class__ is str and len(v) <= MAX_ID and v.isascii() and v.isprintable():  # the usual id, at once
        return v or None
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, str | int):
        raise Rejected(400, "invalid_request", f"{where}'{field}' must be a string")
    v = str(v)
    if len(v) > MAX_ID or CONTROL.search(v):
        raise Rejected(
            400,
            "invalid_request",
            f"{where}'{field}' must be at most {MAX_ID} characters, none of them control",
        )
    return v or None


def _over(o: dict | list, depth: int = 1) -> bool:
    """Whether an object nests deeper than ``MAX_DEPTH`` or holds more than ``MAX_KEYS`` keys somewhere."""
    if depth > MAX_DEPTH or len(o) > MAX_KEYS:
        return True
    for v in o.values() if o.__class__ is dict else o:
        if (v.__class__ is dict or v.__class__ is list) and _over(v, depth + 1):
            return True
    return False


def _shape(obj: dict, field: str, where: str) -> None:
    """Refuse an object nested too deep or too wide: every later reader (the log, the live apply, the
    warehouse's JSON functions) stays within its limits."""
    if _over(obj):
        raise Rejected(
            400,
            "invalid_request",
            f"{where}'{field}' is nested deeper than {MAX_DEPTH} levels or has an object of more than "
            f"{MAX_KEYS:,} keys",
        )


def _order(props: dict | None, where: str) -> None:
    """An order's amounts and store as the live profile and the value models read them."""
    props = props or {}
    for field in ("total", "revenue"):
        v = props.get(field)
        if isinstance(v, int | float) and not isinstance(v, bool) and not (math.isfinite(v) and v >= 0):
            raise Rejected(
                400,
                "invalid_request",
                f"{where}'properties.{field}' is {v!r}; expected an amount of 0 or more",
            )
    for field in ("store_id", "storeId"):
        v = props.get(field)
        if v is not None and (isinstance(v, bool) or not isinstance(v, str | int)):
            raise Rejected(400, "invalid_request", f"{where}'properties.{field}' must be a string")


def _when(msg: dict, received: datetime, sent_at: datetime | None, where: str) -> tuple[str, str | None]:
    """The event's time as the log writes it, skew-corrected, and the time as sent when it had to be
    replaced: a time before 2000 or more than a day ahead is the device's error, so the event is stamped when
    received (as Segment does)."""
    stamp = _time(msg.get("timestamp"), "timestamp", where) or _time(
        msg.get("originalTimestamp"), "originalTimestamp", where
    )
    if stamp is None:
        return _iso(received), None
    sent = _time(msg.get("sentAt"), "sentAt", where) or sent_at
    try:
        if sent is not None:  # the device's clock may be off: keep the gap it measured, on our clock
            stamp = received - (sent - stamp)
        if CLOCK_EARLIEST <= stamp <= _latest(received):
            return _iso(stamp), None
    except OverflowError:  # an offset at the limits of the calendar
        pass
    return _iso(received), msg.get("timestamp") or msg.get("originalTimestamp")


def normalise(
    msg: object,
    kind: str | None,
    received: datetime,
    sent_at: datetime | None,
    where: str,
    size: int = 0,
    trusted: str = SERVER,
) -> dict:
    """One Segment message as a log line in the canonical ``events`` shape (Segment's names, which ingest
    maps), with the skew-corrected timestamp and the ``trust`` of the key that sent it; Rejected names what
    is wrong. ``size`` is the request's: a message can only be too big when its request is."""
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
        if (obj := msg.get(field)) is not None:
            if not isinstance(obj, dict):
                raise Rejected(400, "invalid_request", f"{where}'{field}' must be a JSON object")
            _shape(obj, field, where)
    if kind == "track" and msg["event"] == ORDER_EVENT:
        _order(msg.get("properties"), where)
    timestamp, original = _when(msg, received, sent_at, where)
    context = msg.get("context") or {}
    traits = msg.get("traits") or (context.get("traits") if kind == "identify" else None)
    if traits is not None and not isinstance(traits, dict):
        raise Rejected(400, "invalid_request", f"{where}'context.traits' must be a JSON object")
    name = msg.get("event") if kind == "track" else msg.get("name")
    row = {
        "messageId": _id(msg, "messageId", where) or str(uuid.uuid4()),
        "type": kind,
        "event": name,
        "userId": user,
        "anonymousId": anon,
        "previousId": previous,
        "timestamp": timestamp,
        "channel": msg.get("channel") or context.get("channel"),
        "properties": msg.get("properties"),
        "context": context or None,
        "traits": traits,
        "receivedAt": _iso(received),
        "trust": trusted,
    }
    if original is not None:
        row["originalTimestamp"] = original
    return row


def refusal(call: object, exc: Exception, received: datetime, index: int | None = None) -> dict:
    """A line of the rejected log: the call as sent and why it was refused."""
    if isinstance(exc, Rejected):
        why = {"status": exc.status, "code": exc.code, "message": exc.message}
    else:
        why = {"status": 500, "code": "not_applied", "message": f"{type(exc).__name__}: {exc}"}
    try:
        orjson.dumps(call)
    except TypeError:  # nested beyond what JSON writers take: its scalars are kept, not its objects
        call = {k: v for k, v in call.items() if not isinstance(v, dict | list)}
    return {"rejected": {**why, "index": index, "at": _iso(received)}, "call": call}


def _unauthorised(what: str = "write") -> Rejected:
    how = "basic auth user, bearer or writeKey" if what == "write" else "basic auth user or bearer"
    return Rejected(401, "unauthorized", f"a valid {what} key is needed ({how})")


def authorised(request: Request, body: dict, keys: list[str], what: str = "write") -> None:
    """Refuse (401) a request without one of ``keys`` (``what`` keys, for the message)."""
    if not _known(_given(request, body), keys):
        raise _unauthorised(what)


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


def add_collector(
    app: FastAPI, cfg: Realtime, accept: Callable[[list[dict], list[dict]], Awaitable[None]]
) -> None:
    """Mount Segment's calls on ``app``; ``accept(rows, refused)`` makes a request's events durable, and
    live, before the answer goes out, and keeps the calls refused one by one (with their reasons).

    Work is bounded before a client is trusted: a key in the headers is checked before the body is read;
    one address holds at most ``max_per_client`` requests, each body must arrive within ``body_seconds``
    and is cut at the size limit as it streams; a slot among ``max_in_flight`` is taken only once the body
    is in."""
    state = {"in_flight": 0}
    clients: dict[str, int] = {}

    async def collect(request: Request, kind: str | None, query_key: bool = False) -> Response:
        client = request.client.host if request.client else ""
        if clients.get(client, 0) >= cfg.max_per_client:
            raise Rejected(429, "overloaded", "too many requests from this address; retry after Retry-After")
        key = request.query_params.get("writeKey") if query_key else None  # a beacon cannot set headers
        if key is None and "authorization" in request.headers:
            key = _header_key(request)
        trusted = trust(key, cfg)
        if key is not None and trusted is None:
            raise _unauthorised()
        clients[client] = clients.get(client, 0) + 1
        try:
            raw = await _read(request, cfg.body_seconds)
            body, size = _parse(raw, request.headers.get("content-encoding", "").lower() == "gzip")
            if trusted is None:  # older SDKs put the key in the body
                trusted = trust(_given(request, body), cfg)
                if trusted is None:
                    raise _unauthorised()
            if state["in_flight"] >= cfg.max_in_flight:
                raise Rejected(
                    429, "overloaded", "too many requests in flight; retry after the Retry-After delay"
                )
            state["in_flight"] += 1
            try:
                return await _collect(body, size, kind, trusted)
            finally:
                state["in_flight"] -= 1
        except Gone:
            log.warning("a client went away before its body arrived (%s)", client or "unknown address")
            return Response(status_code=499)
        finally:
            clients[client] -= 1
            if not clients[client]:
                del clients[client]

    async def _collect(body: dict, size: int, kind: str | None, trusted: str) -> Response:
        received = datetime.now(UTC)
        sent_at = _time(body.get("sentAt"), "sentAt", "")
        if kind is not None:
            rows, refused = [normalise(body, kind, received, sent_at, "", size, trusted)], []
        else:
            batch = body.get("batch")
            if not isinstance(batch, list) or not batch:
                raise Rejected(400, "invalid_request", "'batch' must be a non-empty list of messages")
            if len(batch) > MAX_EVENTS:
                raise Rejected(413, "payload_too_large", f"a batch holds at most {MAX_EVENTS:,} events")
            rows, refused = [], []
            for i, m in enumerate(batch):  # every call judged alone
                try:
                    rows.append(normalise(m, None, received, sent_at, f"batch[{i}]: ", size, trusted))
                except Rejected as exc:
                    refused.append(refusal(m, exc, received, i))
            if not rows:
                first = refused[0]["rejected"]
                raise Rejected(
                    400 if first["status"] == 400 else first["status"], first["code"], first["message"]
                )
        try:
            await accept(rows, refused)
        except OSError:
            raise Rejected(
                503, "unavailable", "the event log cannot be written now; retry after Retry-After"
            ) from None
        if not refused:
            return Response(SUCCESS, media_type="application/json")
        named = [{k: r["rejected"][k] for k in ("index", "code", "message")} for r in refused]
        return Response(orjson.dumps({"success": True, "rejected": named}), media_type="application/json")

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
        if trust(write_key, cfg) is None:
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
        if trust(key, cfg) is None:
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
