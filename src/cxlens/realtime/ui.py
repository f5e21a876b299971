"""The 360° view in the browser (``/ui``): look a person up by anything, see everything the live store knows
and why, and work a segment's members.

Server-rendered pages (Jinja2, autoescaped) behind the read key, like ``/report``: the browser asks for it
as the user name. Everything is read from the live store, so a page is a few index look-ups at any size;
the snapshot carries what the pages show beyond the profile (``snapshot.py``). The JavaScript is small and
only adds to pages that work without it: suggestions while typing, charts (Plotly, served from its
package), and live updates over server-sent events when an event for the person is applied. Pages allow
no inline script and no other origin (Content-Security-Policy), so a trait holding HTML stays text.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import html
import io
import math
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import quote, urlsplit

import orjson
import pandas as pd
import plotly
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from fastapi import FastAPI, Form, Query, Request
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from cxlens.config import Config
from cxlens.errors import CxlensError
from cxlens.privacy import CHANNELS
from cxlens.realtime.nba import next_best_actions
from cxlens.realtime.store import SORTS

HERE = Path(__file__).parent
PLOTLY = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
PAGE = 50  # segment members per page
STREAM_SECONDS = 25  # an event stream ends after this and the browser reconnects (so shutdown never waits)
# Scripts and styles from this server only; no inline script, no frames, forms post here only. Plotly sets
# styles from script, which CSP allows, and injects one <style>, hence 'unsafe-inline' for styles alone.
SECURITY = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",  # no-referrer would send forms with Origin: null
    "Cache-Control": "no-store",  # pages about people stay out of caches
}
Identifier = Annotated[str, PathParam(min_length=1, max_length=512, pattern=r"^[^\x00-\x1f\x7f]+$")]
SOURCES = {"events": "web & app", "orders": "order", "feedback": "survey", "tickets": "ticket",
           "mentions": "post", "action": "action", "alert": "alert", "live": "live event"}  # fmt: skip

plain = functools.partial(
    html.escape, quote=False
)  # Plotly reads a few HTML tags in text: show values as written
env = Environment(loader=PackageLoader("cxlens.realtime", "templates"), autoescape=select_autoescape())


def _json_script(value: object) -> Markup:
    """JSON for a ``<script type="application/json">`` block: no ``<`` can end the block early."""
    text = orjson.dumps(value, default=str, option=orjson.OPT_SERIALIZE_NUMPY).decode()
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _money(v: object) -> str:
    return "" if not isinstance(v, int | float) or v != v else f"{v:,.2f}"


def _share(v: object) -> str:
    return "" if not isinstance(v, int | float) or v != v else f"{v:.0%}"


def _when(v: object) -> str:
    """A time as people read it: date and minute, UTC."""
    if not v:
        return ""
    text = str(v).replace("T", " ")
    return text[:16] if len(text) > 10 else text


env.filters.update(
    json_script=_json_script, money=_money, share=_share, when=_when, q=lambda s: quote(str(s), "")
)


def render(template: str, status: int = 200, **context: object) -> HTMLResponse:
    return HTMLResponse(env.get_template(template).render(**context), status, headers=SECURITY)


def timed(page: Callable[..., Awaitable[Response]]) -> Callable[..., Awaitable[Response]]:
    """A page that tells how long the server took (``Server-Timing``: browsers' developer tools and the
    benchmark read it)."""

    @functools.wraps(page)
    async def run(*args: object, **kwargs: object) -> Response:
        t0 = time.perf_counter()
        response = await page(*args, **kwargs)
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - t0) * 1000:.1f}"
        return response

    return run


def add_ui(app: FastAPI, config: Config, service: Callable[[Request], Awaitable]) -> None:
    """The pages, on ``app``; ``service(request)`` checks the read key and returns the caught-up service."""
    app.mount("/ui/static", StaticFiles(directory=HERE / "static"), name="ui-static")

    @app.get("/ui/plotly.min.js", include_in_schema=False)
    async def plotly_js() -> FileResponse:
        return FileResponse(PLOTLY, media_type="text/javascript", headers={"Cache-Control": "max-age=86400"})

    @app.get("/ui", include_in_schema=False)
    @timed
    async def home(request: Request, q: Annotated[str, Query(max_length=512)] = "") -> Response:
        s = await service(request)
        q = q.strip()
        if q and (pid := await run_in_threadpool(s.live.find, q)):
            return RedirectResponse(f"/ui/people/{quote(pid, '')}", 303)
        found = await run_in_threadpool(_suggest, s, q, 20) if q else []
        segments = orjson.loads(s.store.meta("segments") or "{}")
        return render(
            "home.html",
            q=q,
            found=found,
            segments=[(name, seg, segments.get(name, {})) for name, seg in config.segments.items()],
            alerts=s.store.lists("alerts"),
            lapsed=s.store.lists("lapsed"),
            built=s.store.meta("built_at"),
        )

    @app.get("/ui/suggest", include_in_schema=False)
    async def suggest(request: Request, q: Annotated[str, Query(max_length=512)] = "") -> list[dict]:
        s = await service(request)
        return await run_in_threadpool(_suggest, s, q, 8)

    @app.get("/ui/people/{pid}/stream", include_in_schema=False)
    async def stream(request: Request, pid: Identifier, since: str = "") -> StreamingResponse:
        s = await service(request)
        last = request.headers.get("last-event-id") or since
        return StreamingResponse(
            _changes(s, pid, last), media_type="text/event-stream", headers={"Cache-Control": "no-store"}
        )

    @app.get("/ui/people/{pid}/export.json", include_in_schema=False)
    async def export(request: Request, pid: Identifier) -> Response:
        s = await service(request)
        person = await run_in_threadpool(_person, s, config, pid)
        if person is None:
            return _missing(s, pid)
        body = orjson.dumps(person["export"], default=str, option=orjson.OPT_INDENT_2)
        name = f'attachment; filename="{person["pid"]}.json"'
        return Response(
            body, media_type="application/json", headers={**SECURITY, "Content-Disposition": name}
        )

    @app.post("/ui/people/{pid}/erase", include_in_schema=False)
    async def erase(request: Request, pid: Identifier, confirm: Annotated[str, Form()] = "") -> Response:
        s = await service(request)
        if not _same_origin(request):
            return render("message.html", 403, title="Refused", text="An erasure must come from this page.")
        if confirm.strip().lower() != "erase":
            return render(
                "message.html", 400, title="Not erased", text="Type erase in the box to confirm the erasure."
            )
        try:
            done = await run_in_threadpool(s.erase, pid)
        except CxlensError as exc:
            return render("message.html", 404, title="Nothing to erase", text=str(exc))
        return render("erased.html", done=done)

    @app.get("/ui/people/{identifier:path}", include_in_schema=False)
    @timed
    async def person(
        request: Request,
        identifier: Identifier,
        channel: Annotated[str, Query(max_length=100)] = "",
        stage: Annotated[str, Query(max_length=100)] = "",
    ) -> Response:
        s = await service(request)
        found = await run_in_threadpool(_person, s, config, identifier)
        if found is None:
            return _missing(s, identifier)
        return render("person.html", **found, channel=channel, stage=stage)

    @app.get("/ui/segments/{name}", include_in_schema=False)
    @timed
    async def segment(
        request: Request,
        name: Annotated[str, PathParam(max_length=200)],
        sort: Literal[SORTS] = "clv",
        order: Literal["desc", "asc"] = "desc",
        page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    ) -> Response:
        s = await service(request)
        seg = config.segments.get(name)
        if seg is None:
            known = ", ".join(sorted(config.segments)) or "none"
            return render("message.html", 404, title="No such segment", text=f"Segments: {known}.")
        counts = orjson.loads(s.store.meta("segments") or "{}").get(name, {"people": 0, "consent": {}})

        def members() -> list[dict]:
            ids = s.store.page(name, sort, order == "desc", (page - 1) * PAGE, PAGE)
            docs = s.store.docs(ids)
            return [docs[i] for i in ids if i in docs]

        rows = await run_in_threadpool(members)
        pages = max(1, math.ceil(counts["people"] / PAGE))
        return render(
            "segment.html", name=name, seg=seg, counts=counts, rows=rows, sort=sort, order=order, page=page,
            pages=pages, sorts=SORTS, channels=CHANNELS,
        )  # fmt: skip

    @app.get("/ui/segments/{name}/audience.{fmt}", include_in_schema=False)
    async def audience(
        request: Request,
        name: Annotated[str, PathParam(max_length=200)],
        fmt: Literal["csv", "parquet"],
        channel: Literal[CHANNELS] | None = None,
    ) -> Response:
        s = await service(request)
        answer = await run_in_threadpool(s.audience, name, channel)
        cols = list(dict.fromkeys(["person_id", *config.segments[name].fields]))
        table = pa.Table.from_pandas(pd.DataFrame(answer["people"], columns=cols), preserve_index=False)
        buf = io.BytesIO()
        if fmt == "csv":
            pacsv.write_csv(table, buf)
        else:
            pq.write_table(table, buf)
        kind = "text/csv" if fmt == "csv" else "application/vnd.apache.parquet"
        filename = f'attachment; filename="{name}-{answer["channel"]}.{fmt}"'
        return Response(
            buf.getvalue(), media_type=kind, headers={**SECURITY, "Content-Disposition": filename}
        )


def _same_origin(request: Request) -> bool:
    """Whether a form post came from a page of this server (a cross-site form could carry the browser's
    cached key): the Origin header, which browsers send with every post, names this host."""
    origin = request.headers.get("origin")
    return origin is not None and urlsplit(origin).netloc == request.headers.get("host")


def _missing(s, identifier: str) -> HTMLResponse:
    return render("missing.html", 404, identifier=identifier, found=_suggest(s, identifier, 8))


def _suggest(s, text: str, limit: int) -> list[dict]:
    """People whose name or an identifier starts with ``text``: who they are at a glance."""
    ids = s.store.search(text, limit)
    docs = s.store.docs(ids)
    return [_glance(docs[i]) for i in ids if i in docs]


def _glance(d: dict) -> dict:
    name = " ".join(x for x in (d.get("first_name"), d.get("last_name")) if x) or d["person_id"]
    return {"person_id": d["person_id"], "name": name, "email": d.get("email"), "stage": d.get("stage")}


def stamp(doc: dict | None, outbox: list[dict]) -> str:
    """What changes when anything on a person's page does: their document and their actions."""
    body = orjson.dumps([doc, [(a["id"], a["status"]) for a in outbox]], default=str)
    return hashlib.blake2b(body, digest_size=8).hexdigest()


async def _changes(s, pid: str, last: str) -> AsyncIterator[str]:
    """Server-sent events: ``changed`` (with the page's new stamp as the event id) whenever an event for
    the person is applied, for ``STREAM_SECONDS``; the browser reconnects with the last id it saw."""
    loop = asyncio.get_running_loop()
    end = loop.time() + STREAM_SECONDS
    yield "retry: 500\n\n"
    while loop.time() < end:
        woken = s.watch(pid)  # before reading, so a change in between wakes us
        try:
            now = await run_in_threadpool(lambda: stamp(s.store.doc(pid), s.store.outbox(pid)))
            if now != last:
                last = now
                yield f"id: {now}\nevent: changed\ndata: {now}\n\n"
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(woken.wait(), max(0.0, end - loop.time()))
        finally:
            s.unwatch(pid, woken)


def _person(s, config: Config, identifier: str) -> dict | None:
    """Everything a person's page shows, or None for an identifier no one has."""
    pid = s.live.find(identifier)
    doc = s.store.doc(pid) if pid else None
    if doc is None:
        return None
    outbox = s.store.outbox(pid)
    now = stamp(doc, outbox)
    doc.pop("habit", None)
    detail = s.store.detail(pid)
    nodes = s.store.nodes(pid)
    nba = next_best_actions(doc, None, holdout=config.realtime.nba_holdout)
    personas = orjson.loads(s.store.meta("personas") or "{}")
    timeline = _timeline(doc, detail, outbox)
    links = detail.get("links") or []
    return {
        "pid": pid,
        "doc": doc,
        "name": _glance(doc)["name"],
        "persona_line": personas.get(doc.get("persona") or ""),
        "nodes": nodes,
        "why": _why(links),
        "merged": doc.get("merged") or [],
        "graph": _graph(links, nodes),
        "timeline": timeline,
        "channels": sorted({t["channel"] for t in timeline if t.get("channel")}),
        "stages": sorted({t["stage"] for t in timeline if t.get("stage")}),
        "value": _value(timeline, detail.get("stages") or [], detail.get("alive") or []),
        "stage_changes": detail.get("stages") or [],
        "nba": nba,
        "outbox": outbox,
        "stamp": now,
        "export": {"profile": doc, "identifiers": nodes, **detail, "next_best_action": nba, "outbox": outbox},
    }


def _why(links: list[dict]) -> list[dict]:
    """The links as ``cxlens profile --why`` lists them: per identifier, status and reason, the records
    that carry it counted by source; linked first."""
    groups: dict[tuple, Counter] = {}
    for x in links:
        key = (x["node"], x["status"], x["reason"])
        groups.setdefault(key, Counter())[x["records"].split(":")[0]] += x["count"]
    out = [
        {"node": node, "status": status, "reason": reason,
         "records": ", ".join(f"{n} {src}" for src, n in sorted(by.items()))}
        for (node, status, reason), by in groups.items()
    ]  # fmt: skip
    return sorted(out, key=lambda r: (r["status"] != "linked", r["node"]))


def _group(records: str) -> str:
    """How the graph names a group of records: each contact and fuzzy match alone (so a duplicate shows),
    the other sources' records together."""
    source, _, rest = records.partition(":")
    if source == "contacts":
        return f"contact {rest.split(':')[-1]}"
    if source == "fuzzy":
        return "fuzzy match " + " ~ ".join(r.split(":")[-1] for r in rest.split("~"))
    return source


def _short(text: str, width: int = 30) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _graph(links: list[dict], nodes: list[str], most: int = 40) -> dict:
    """The identity graph as a Plotly figure: the person's source records on the left (each contact and
    fuzzy match alone, other sources grouped), identifiers on the right, a line per link (solid: linked;
    dashed red: cut), its reason on hover; identifiers linked live hang alone. At most ``most`` of each
    side are drawn; the tables below list everything."""
    edges: Counter[tuple[str, str, str, str]] = Counter()
    for x in links:
        edges[(_group(x["records"]), x["node"], x["status"], x["reason"])] += x["count"]
    groups = sorted({g for g, *_ in edges}, key=lambda g: (not g.startswith(("contact", "fuzzy")), g))[:most]
    idents = sorted({n for _, n, *_ in edges} | set(nodes))[:most]
    if not idents:
        return {}
    height = max(len(groups), len(idents), 2)

    def y(i: int, n: int) -> float:  # each side spread over the same height
        return (height - 1) * (1 - i / max(n - 1, 1)) if n > 1 else (height - 1) / 2

    gy = {g: y(i, len(groups)) for i, g in enumerate(groups)}
    iy = {n: y(i, len(idents)) for i, n in enumerate(idents)}
    traces = []
    for linked, colour, dash in ((True, "#2f6690", "solid"), (False, "#bc4b51", "dash")):
        xs, ys, mx, my, tips = [], [], [], [], []
        for (g, n, status, reason), count in edges.items():
            if g not in gy or n not in iy or (status == "linked") != linked:
                continue
            xs += [0, 1, None]
            ys += [gy[g], iy[n], None]
            mx.append(0.5)
            my.append((gy[g] + iy[n]) / 2)
            tips.append(plain(f"{g} ({count} record{'s' * (count > 1)}) → {n}: {status}, {reason}"))
        if xs:
            traces.append({"type": "scatter", "mode": "lines", "x": xs, "y": ys, "hoverinfo": "skip",
                           "name": "linked" if linked else "cut",
                           "line": {"color": colour, "dash": dash}})  # fmt: skip
            traces.append({"type": "scatter", "mode": "markers", "x": mx, "y": my, "text": tips,
                           "hovertemplate": "%{text}<extra></extra>", "showlegend": False,
                           "marker": {"size": 8, "color": colour, "opacity": 0.4}})  # fmt: skip
    for side, items, at, colour in ((0, groups, gy, "#81c3d7"), (1, idents, iy, "#16425b")):
        traces.append({
            "type": "scatter", "mode": "markers+text", "x": [side] * len(items), "y": [at[v] for v in items],
            "text": [plain(_short(v)) for v in items], "hovertext": [plain(v) for v in items],
            "textposition": "middle left" if side == 0 else "middle right", "cliponaxis": False,
            "hoverinfo": "text", "showlegend": False, "marker": {"size": 12, "color": colour},
        })  # fmt: skip
    layout = {
        "height": 70 + 34 * height, "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
        "xaxis": {"visible": False, "range": [-0.9, 1.9], "fixedrange": True},
        "yaxis": {"visible": False, "range": [-0.6, height - 0.4], "fixedrange": True},
        "legend": {"orientation": "h", "y": 1.0, "x": 0.5, "xanchor": "center", "yanchor": "bottom"},
        "plot_bgcolor": "#fff", "paper_bgcolor": "#fff",
    }  # fmt: skip
    cut = sum(x["status"] != "linked" for x in links)
    caption = (
        f"Source records on the left (each contact and fuzzy match alone, the rest by source), {len(idents)} "
        f"identifiers on the right; {cut} link(s) cut, dashed red. Hover a line for its reason and records."
    )
    if len(groups) >= most or len(idents) >= most:
        caption += f" The first {most} of each side are drawn; the tables list all."
    return {"data": traces, "layout": layout, "caption": caption}


def _timeline(doc: dict, detail: dict, outbox: list[dict]) -> list[dict]:
    """Every dated thing about the person, newest first: touchpoints as the last run joined them (with
    what was said and returned), events applied live since, actions raised and unusual orders."""
    items = []
    for t in detail.get("timeline") or []:
        items.append({**t, "kind": SOURCES.get(t["source"], t["source"]), "what": t.get("kind")})
    known = {(_instant(t["at"]), t.get("touchpoint")) for t in items}
    for t in doc.get("recent") or []:  # what was applied live since the last run
        if (_instant(t["at"]), t.get("touchpoint")) not in known:
            items.append({**t, "kind": SOURCES["live"], "what": None, "text": None})
    for a in outbox:
        held = a["status"] == "held_out"
        items.append({
            "at": a["created_at"], "kind": SOURCES["action"], "touchpoint": f"{a['trigger']}: {a['action']}",
            "channel": a["channel"], "stage": None, "status": "held out (no action: measures the effect)"
            if held else a["status"], "source": "action",
        })  # fmt: skip
    for al in detail.get("alerts") or []:
        items.append({"at": al["ordered_at"], "kind": SOURCES["alert"], "touchpoint": "Unusual order",
                      "channel": None, "stage": None, "text": al["reasons"], "value": al["total"],
                      "source": "alert"})  # fmt: skip
    items.sort(key=lambda x: _instant(x.get("at")), reverse=True)
    return items


def _instant(at: object) -> datetime:
    try:
        t = datetime.fromisoformat(str(at))
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def _value(timeline: list[dict], stages: list[dict], alive: list[dict]) -> dict:
    """Purchases and P(alive) over time as a Plotly figure: each purchase's value (bars), P(alive) at each
    month end from the value stage (the line; the last point is today's), the lifecycle stage changes."""
    bought = sorted(
        (t for t in timeline if t.get("is_conversion") and isinstance(t.get("value"), int | float)),
        key=lambda t: _instant(t["at"]),
    )
    if not bought and not alive:
        return {}
    data = [
        {"type": "bar", "x": [str(t["at"])[:10] for t in bought], "y": [t["value"] for t in bought],
         "name": "purchase value", "marker": {"color": "#81c3d7"},
         "hovertemplate": "%{x}: %{y:,.2f}<extra>purchase</extra>"},
        {"type": "scatter", "mode": "lines+markers", "x": [a["month"] for a in alive],
         "y": [a["p_alive"] for a in alive], "name": "P(alive) at month end", "yaxis": "y2",
         "line": {"color": "#16425b"}, "hovertemplate": "%{x}: %{y:.0%}<extra>P(alive)</extra>"},
    ]  # fmt: skip
    shapes, notes = [], []
    for s in stages:
        day = s["since"]
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": day, "x1": day, "y0": 0, "y1": 1,
                       "line": {"color": "#bc4b51", "dash": "dot", "width": 1}})  # fmt: skip
        notes.append({"x": day, "y": 1, "yref": "paper", "text": plain(s["stage"]), "showarrow": False,
                      "yanchor": "bottom", "font": {"size": 11, "color": "#bc4b51"}})  # fmt: skip
    layout = {
        "height": 300, "margin": {"l": 50, "r": 60, "t": 30, "b": 40}, "shapes": shapes, "annotations": notes,
        "yaxis": {"title": {"text": "purchase value"}}, "bargap": 0.3,
        "yaxis2": {"title": {"text": "P(alive)"}, "overlaying": "y", "side": "right", "range": [0, 1.05],
                   "tickformat": ".0%", "tickvals": [0, 0.25, 0.5, 0.75, 1], "showgrid": False},
        "legend": {"orientation": "h", "y": -0.2}, "plot_bgcolor": "#fff", "paper_bgcolor": "#fff",
    }  # fmt: skip
    return {"data": data, "layout": layout}
