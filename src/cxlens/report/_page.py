"""One self-contained HTML page: Plotly's JavaScript inlined once, every chart a div, no CDN, no network."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from ibis.backends import BaseBackend
from plotly.offline import get_plotlyjs

from cxlens import engine
from cxlens.tables import STAGE_RUNS

LONG = 15  # a table longer than this scrolls within its own box
PALETTE = ["#2f6690", "#3a7ca5", "#81c3d7", "#d9dcd6", "#16425b", "#f4a259", "#bc4b51", "#5b8e7d"]
CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f6f7f9;color:#1d2733}
header{background:#16425b;color:#fff;padding:24px 40px}header h1{margin:0 0 4px;font-size:26px}
header p{margin:0;opacity:.8}
main{padding:16px 40px 16px 16px;max-width:1200px}section{background:#fff;border-radius:8px;padding:20px 24px;
margin:16px 0;box-shadow:0 1px 2px rgba(0,0,0,.06)}h2{margin-top:0;font-size:20px}
.lead{color:#52606d;margin-top:-8px}.kpis{display:flex;gap:16px;flex-wrap:wrap}
.kpi{flex:1;min-width:140px;background:#f0f4f8;border-radius:6px;padding:12px 16px}
.kpi b{display:block;font-size:24px}.kpi span{font-size:13px;color:#52606d}
table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e3e6ea;vertical-align:top}
th{background:#f0f4f8}td.num{text-align:right;font-variant-numeric:tabular-nums}
.ok{color:#2d7d46}.bad{color:#bc4b51}.skipped{background:#fff8e6;border-left:4px solid #f4a259}
code{background:#f0f4f8;padding:1px 4px;border-radius:3px;font-size:12px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(360px,1fr));gap:16px;margin:16px 0}
.card{border:1px solid #e3e6ea;border-radius:8px;padding:12px 16px}.card h3{margin:0 0 4px}
.layout{display:flex;align-items:flex-start}
nav.toc{position:sticky;top:0;flex:0 0 220px;max-height:100vh;overflow-y:auto;padding:16px 8px 16px 24px;
box-sizing:border-box;font-size:14px}nav.toc ol{list-style:none;padding:0;margin:8px 0}
nav.toc ol ol{padding-left:12px;margin:2px 0}nav.toc a{display:block;padding:3px 8px;border-radius:4px;
color:#2f6690;text-decoration:none}nav.toc a:hover{background:#e3e6ea}
nav.toc a.current{background:#16425b;color:#fff}main{flex:1;min-width:0}
summary{cursor:pointer;list-style:none}summary::-webkit-details-marker{display:none}
summary h2{display:inline-block;margin-bottom:12px}summary h2::before{content:"▾ ";color:#81c3d7}
details:not([open]) summary h2::before{content:"▸ "}
figure.chart{margin:12px 0}figcaption{color:#52606d;font-size:13px;margin:0 8px 8px;font-style:italic}
.scroll{max-height:480px;overflow:auto;border:1px solid #e3e6ea;border-radius:6px}
.scroll table{margin:0}.scroll th{position:sticky;top:0}
ol.findings{font-size:16px;line-height:1.5;padding-left:24px}ol.findings li{margin:8px 0}
ol.findings b.n{font-size:18px;color:#16425b}
.health{color:#52606d;border-top:1px solid #e3e6ea;padding-top:8px}
section.part{background:none;box-shadow:none;padding:8px 0 0}
@media (max-width:900px){nav.toc{display:none}main{padding:8px}}
@media print{nav.toc,summary h2::before{display:none}body{background:#fff}main{padding:0;max-width:none}
section{box-shadow:none;border:1px solid #e3e6ea;break-inside:auto}figure.chart{break-inside:avoid}
.scroll{max-height:none;overflow:visible;border:0}header{background:#fff;color:#000;padding:0 0 12px}}
"""
# The current section highlighted in the table of contents; every section opened (and charts fitted to
# the page) before printing, so a closed one still prints.
SCRIPT = """
(function(){
var links={};document.querySelectorAll('nav.toc a').forEach(function(a){links[a.hash.slice(1)]=a;});
var seen=new Set();
var io=new IntersectionObserver(function(es){es.forEach(function(e){
if(e.isIntersecting){seen.add(e.target.id);}else{seen.delete(e.target.id);}});
var first=Object.keys(links).find(function(id){return seen.has(id);});
Object.values(links).forEach(function(a){a.classList.remove('current');});
if(first){links[first].classList.add('current');}},{rootMargin:'0px 0px -70% 0px'});
document.querySelectorAll('main section[id]').forEach(function(s){io.observe(s);});
document.querySelectorAll('a[href^="#"]').forEach(function(a){a.addEventListener('click',function(){
var t=document.getElementById(a.hash.slice(1));var d=t&&t.closest('section')&&t.closest('section')
.querySelector('details');if(d){d.open=true;}});});
function fit(){document.querySelectorAll('.js-plotly-plot').forEach(function(p){Plotly.Plots.resize(p);});}
window.addEventListener('beforeprint',function(){document.querySelectorAll('details').forEach(function(d){
d.open=true;});fit();});
document.querySelectorAll('details').forEach(function(d){d.addEventListener('toggle',fit);});
})();
"""


@dataclass
class Section:
    """A section of the report; ``skipped`` says why it is empty and what data would fill it."""

    id: str
    title: str
    body: str = ""
    lead: str = ""
    skipped: str = ""
    part: str = ""  # the id of the part it belongs to ("about": About the data), nested in the contents

    def lacks(self, con: BaseBackend, stage: str, *tables: str, every: bool = True) -> bool:
        """Whether the stage's ``tables`` are missing (any of them; with ``every=False``, all of them), and
        if so the section is marked skipped with why."""
        present = [engine.has_table(con, t) for t in tables]
        if all(present) if every else any(present):
            return False
        self.skipped = not_run(con, stage)
        return True


def esc(v: object) -> str:
    return html.escape("" if v is None else str(v))


def chart(fig: go.Figure, height: int, caption: str) -> str:
    """A chart and, under it, its caption: what to read from it."""
    fig.update_layout(
        height=height,
        margin=dict(l=40, r=20, t=40, b=40),
        template="plotly_white",
        colorway=PALETTE,
        font=dict(size=12),
    )
    div = fig.to_html(full_html=False, include_plotlyjs=False, config={"displaylogo": False})
    return f'<figure class="chart">{div}<figcaption>{esc(caption)}</figcaption></figure>'


def number(v: float) -> str:
    """A figure as tables show it: whole numbers without decimals, others with two."""
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}"


def table(df: pd.DataFrame, numeric: tuple[str, ...] = ()) -> str:
    head = "".join(f"<th>{esc(c)}</th>" for c in df.columns)
    body = []
    for row in df.itertuples(index=False):
        cells = []
        for c, v in zip(df.columns, row, strict=True):
            if c in numeric and isinstance(v, int | float):
                cells.append(f'<td class="num">{number(v)}</td>')
            else:
                cells.append(f"<td>{esc(v)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    out = f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    return f'<div class="scroll">{out}</div>' if len(df) > LONG else out


def kpis(items: list[tuple[str, str]]) -> str:
    return (
        '<div class="kpis">'
        + "".join(f'<div class="kpi"><b>{esc(v)}</b><span>{esc(k)}</span></div>' for k, v in items)
        + "</div>"
    )


def page(title: str, subtitle: str, sections: list[Section]) -> str:
    """The whole report: a table of contents beside the sections, each collapsible under its heading."""
    toc, parts, nested = [], [], False
    for s in sections:
        inner = bool(s.part) and s.part != s.id  # a part's own heading stays at the top level
        if inner != nested:
            toc.append("<ol>" if inner else "</ol>")
        nested = inner
        toc.append(f'<li><a href="#{s.id}">{esc(s.title)}</a></li>')
        lead = f'<p class="lead">{esc(s.lead)}</p>' if s.lead else ""
        if s.skipped:
            parts.append(
                f'<section id="{s.id}" class="skipped"><h2>{esc(s.title)}</h2>'
                f"<p>Skipped: {esc(s.skipped)}</p></section>"
            )
        else:
            kind = ' class="part"' if s.part == s.id else ""
            parts.append(
                f'<section id="{s.id}"{kind}><details open><summary><h2>{esc(s.title)}</h2></summary>'
                f"{lead}{s.body}</details></section>"
            )
    if nested:
        toc.append("</ol>")
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{esc(title)}</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{CSS}</style>'
        f"<script>{get_plotlyjs()}</script></head><body><header><h1>{esc(title)}</h1><p>{esc(subtitle)}</p>"
        '</header><div class="layout"><nav class="toc" aria-label="Contents"><b>Contents</b>'
        f"<ol>{''.join(toc)}</ol></nav><main>{''.join(parts)}</main></div><script>{SCRIPT}</script></body></html>"
    )


def warnings(con: BaseBackend, name: str) -> str:
    """What a stage that ran could not do in its last run (e.g. a model that could not be fitted), as a
    warning paragraph each; empty when it did everything."""
    if STAGE_RUNS not in con.list_tables():
        return ""
    r = con.table(STAGE_RUNS)
    last = r.filter(r.stage == name).order_by(r.finished_at.desc()).limit(1).to_pandas()
    if not len(last) or last.status.iloc[0] != "ran" or not last.detail.iloc[0]:
        return ""
    return "".join(f"<p class='bad'>{esc(w)}.</p>" for w in last.detail.iloc[0].split("; "))


def frame(con: BaseBackend, name: str) -> pd.DataFrame:
    """A table read whole, empty when it is missing: what a part of a section that may have no data reads."""
    return con.table(name).to_pandas() if engine.has_table(con, name) else pd.DataFrame()


def not_run(con: BaseBackend, name: str) -> str:
    """Why a stage's section is empty: what its last run recorded (skipped or failed, and why), else what
    its declaration says it needs."""
    from cxlens.pipeline import stage

    s = stage(name)
    if STAGE_RUNS in con.list_tables():
        r = con.table(STAGE_RUNS)
        last = r.filter(r.stage == name).order_by(r.finished_at.desc()).limit(1).to_pandas()
        if len(last) and last.status.iloc[0] in ("skipped", "failed") and last.detail.iloc[0]:
            return f"the {s.title.lower()} stage was {last.status.iloc[0]}: {last.detail.iloc[0]}"
    return f"the {s.title.lower()} stage has not run; it needs {s.requirement()}"
