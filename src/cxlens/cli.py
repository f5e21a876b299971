"""The `cxlens` command: argument parsing, one call into the Python API, and output formatting.

Bad input ends with one line naming the problem and exit code 2.
"""

from __future__ import annotations

import functools
import shutil
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from cxlens.errors import CxlensError

if TYPE_CHECKING:  # loaded by the commands that need them: `cxlens --help` stays quick
    import pandas as pd

    from cxlens.ingest import SourceReport
    from cxlens.project import Project

app = typer.Typer(
    help="cxlens: who are we talking to? Customer 360, value, personas and journeys.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)
F = TypeVar("F", bound=Callable)

ProjectOpt = Annotated[Path, typer.Option("--project", "-p", help="The project file.")]


def friendly(fn: F) -> F:
    """Turn a CxlensError into one line on stderr and exit code 2."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except CxlensError as exc:
            err.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def _project(path: Path, progress: bool = True) -> Project:
    from cxlens.project import Project

    return Project(path, progress=progress)


def _reconciliation(reports: list[SourceReport]) -> None:
    t = Table(title="Ingest reconciliation: read = loaded + quarantined + duplicates")
    for col in (
        "source",
        "table",
        "files",
        "read",
        "loaded",
        "quarantined",
        "duplicates",
        "adds up",
        "seconds",
    ):
        t.add_column(col, justify="left" if col in ("source", "table") else "right")
    for r in reports:
        t.add_row(
            r.source,
            r.table,
            str(r.files),
            f"{r.read:,}",
            f"{r.loaded:,}",
            f"{r.quarantined:,}",
            f"{r.duplicates:,}",
            "[green]yes[/green]" if r.balanced else "[red]NO[/red]",
            f"{r.seconds:.1f}",
        )
    out.print(t)
    reasons = {f"{r.source}.{k}": v for r in reports for k, v in r.reasons.items()}
    if reasons:
        out.print("Quarantined by field: " + ", ".join(f"{k} {v:,}" for k, v in sorted(reasons.items())))


@app.command()
@friendly
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the project file.")] = Path("cxlens.yaml"),
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented example project file to edit. Example: cxlens init my/cxlens.yaml"""
    if path.exists() and not force:
        raise CxlensError(f"{path} already exists; use --force to overwrite it")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(resources.files("cxlens").joinpath("cxlens.example.yaml").read_text())
    out.print(f"Wrote {path}: point its sources at your files, then run `cxlens run -p {path}`.")


@app.command()
@friendly
def generate(
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the company to.")],
    customers: Annotated[int, typer.Option(help="Customers in the CRM.")] = 20_000,
    seed: Annotated[int, typer.Option(help="Random seed; the same seed gives the same company.")] = 42,
    fmt: Annotated[str, typer.Option("--format", help="mixed (CSV, Parquet, JSONL) or parquet.")] = "mixed",
    typo_rate: Annotated[
        float,
        typer.Option(help="Chance that each field of a CRM duplicate is mistyped (0.4: a hard dedupe)."),
    ] = 0.0,
) -> None:
    """Generate the sample retailer with its planted truth. Example: cxlens generate --customers 5000 -o co"""
    from cxlens.sample import generate as make

    s = make(out_dir, customers=customers, seed=seed, fmt=fmt, typo_rate=typo_rate)
    c = s["counts"]
    out.print(
        f"Wrote {out_dir}: {c['persons']:,} customers, {c['orders']:,} orders, {c['events']:,} events; "
        f"truth in {out_dir / 'truth'}; project file {out_dir / 'cxlens.yaml'}"
    )


@app.command()
@friendly
def ingest(
    project: ProjectOpt = Path("cxlens.yaml"),
    source: Annotated[list[str] | None, typer.Option(help="Load only this source (repeatable).")] = None,
) -> None:
    """Load the sources and print the reconciliation. Example: cxlens ingest -p cxlens.yaml"""
    reports = _project(project).ingest(source or None)
    _reconciliation(reports)
    if not all(r.balanced for r in reports):
        raise typer.Exit(1)


@app.command()
@friendly
def run(
    stage: Annotated[str | None, typer.Argument(help="Run only this stage and what depends on it.")] = None,
    project: ProjectOpt = Path("cxlens.yaml"),
) -> None:
    """Run the pipeline's stages in order; skip those the data does not allow. Example: cxlens run"""
    records = _project(project).run(stage)
    _print_stages(records)


def _print_stages(records: list[dict]) -> None:
    for r in records:
        if "reports" in r["result"]:
            _reconciliation(r["result"]["reports"])
    t = Table(title="Pipeline")
    for col in ("stage", "status", "seconds", "detail"):
        t.add_column(col)
    for r in records:
        figures = ", ".join(f"{k} {v:,}" for k, v in r["result"].items() if isinstance(v, int))
        detail = "; ".join(x for x in (figures, r["detail"]) if x)
        t.add_row(r["stage"], r["status"], f"{r['seconds']:.1f}", detail)
    out.print(t)


@app.command()
@friendly
def profile(
    identifier: Annotated[str, typer.Argument(help="A person id, email, phone, user/contact/loyalty id...")],
    project: ProjectOpt = Path("cxlens.yaml"),
    why: Annotated[bool, typer.Option("--why", help="Show how the profile was assembled.")] = False,
) -> None:
    """Print one person's profile, found by any identifier. Example: cxlens profile ann@example.com --why"""
    p = _project(project)
    prof = p.profile(identifier)
    t = Table(title=f"Profile {prof['person_id']}", show_header=False)
    t.add_column("field", style="bold")
    t.add_column("value")
    for k, v in prof.items():
        if isinstance(v, list | tuple) or hasattr(v, "tolist"):
            v = ", ".join(map(str, list(v)))
        elif hasattr(v, "normalize") and v == v.normalize():
            v = v.date()  # a date, shown without a time
        elif isinstance(v, float) and v == v:
            v = f"{v:,.4g}"
        t.add_row(k, "" if v is None or (isinstance(v, float) and v != v) else str(v))
    out.print(t)
    if not why:
        return
    links, values = p.why(identifier)
    t = Table(title="Why: the identifiers that link this person's records")
    for col in ("identifier", "status", "reason", "carried by", "e.g."):
        t.add_column(col)
    for r in links.itertuples():
        status = r.status if r.status == "linked" else f"[yellow]{r.status}[/yellow]"
        t.add_row(r.node, status, r.reason, r.records, r.example)
    out.print(t)
    if len(values):
        t = Table(title="Source values (the first of each field is shown)")
        for col in ("field", "value", "source", "record", "observed at"):
            t.add_column(col)
        for r in values.itertuples():
            mark = "[green]✓[/green] " if r.rank == 1 else "  "
            t.add_row(r.field, mark + str(r.value), r.source, r.record, str(r.observed_at))
        out.print(t)
    pairs, model = p.match_weights(identifier)
    if len(pairs):
        _waterfall(pairs.iloc[0], len(pairs))
        _match_weight_chart(model)


def _bar(weight: float, scale: float, width: int = 12) -> str:
    """A match weight as a bar: green to the right for evidence of one person, red to the left against."""
    if weight != weight:  # NaN: a level training never saw
        return ""
    n = min(width, max(1, round(abs(weight) / scale * width))) if weight else 0
    return f"[green]{'█' * n}[/green]" if weight > 0 else f"[red]{'█' * n:>{width}}[/red]"


def _waterfall(pair: pd.Series, n: int) -> None:
    """How one fuzzy match's score was built: the prior, then each field's level and match weight."""
    s = pair.steps
    total = s.weight.cumsum()
    t = Table(
        title=f"How Splink scored {pair.record_l} ~ {pair.record_r}: probability {pair.probability:.6f}"
        + (f" ({pair.status})" if pair.status != "linked" else "")
        + (f"; the weakest of {n} matches" if n > 1 else ""),
        caption="match weight: log2 of how much likelier this agreement is for one person than for two",
    )
    for col in ("step", "level", "weight", "running total", ""):
        t.add_column(col, justify="right" if col in ("weight", "running total") else "left")
    scale = max(s.weight.abs().max(), 1.0)
    for r, run in zip(s.itertuples(), total, strict=True):
        t.add_row(r.step, r.level, f"{r.weight:+.2f}", f"{run:+.2f}", _bar(r.weight, scale))
    out.print(t)


def _match_weight_chart(model: pd.DataFrame) -> None:
    """The model's match weight chart: every comparison level's weight."""
    t = Table(title="The Splink model: match weight of each comparison level")
    for col in ("comparison", "level", "m", "u", "weight", ""):
        t.add_column(col, justify="right" if col in ("m", "u", "weight") else "left")
    scale = max(model.match_weight.abs().max(), 1.0)

    def num(v: float, fmt: str) -> str:
        return "" if v != v else format(v, fmt)  # NaN: a level training never saw (or the prior's u)

    for r in model.itertuples():
        t.add_row(
            r.comparison,
            r.level,
            num(r.m_probability, ".3g"),
            num(r.u_probability, ".3g"),
            num(r.match_weight, "+.2f"),
            _bar(r.match_weight, scale),
        )
    out.print(t)


@app.command()
@friendly
def audience(
    segment: Annotated[str, typer.Argument(help="A segment defined under 'segments:' in the project file.")],
    out_path: Annotated[Path, typer.Option("--out", "-o", help="Where to write: a .csv or .parquet file.")],
    project: ProjectOpt = Path("cxlens.yaml"),
    fields: Annotated[
        str | None, typer.Option("--fields", help="Comma-separated fields (default: the segment's own).")
    ] = None,
    channel: Annotated[
        str | None, typer.Option("--channel", help="email, sms or ads: whose consent is needed.")
    ] = None,
    hash_ids: Annotated[
        bool, typer.Option("--hash", help="Replace emails and phones by SHA-256 of their normalised form.")
    ] = False,
) -> None:
    """Export a segment's consented members for a channel.

    Example: cxlens audience valuable_at_risk --out vips.csv --hash"""
    chosen = [f.strip() for f in fields.split(",") if f.strip()] if fields else None
    r = _project(project).audience(segment, out_path, chosen, channel, hash_ids)
    out.print(
        f"{r['written']:,} members of '{segment}' written to {r['path']}; "
        f"{r['no_consent']:,} left out without {r['channel']} consent"
    )


@app.command()
@friendly
def experiment(
    name: Annotated[
        str, typer.Argument(help="The experiment, as its exposure events name it; or 'plan' to size a test.")
    ],
    project: ProjectOpt = Path("cxlens.yaml"),
    metric: Annotated[str, typer.Option(help="conversion, revenue or nps.")] = "conversion",
    segments: Annotated[bool, typer.Option("--segments", help="Show every persona and stage too.")] = False,
    baseline: Annotated[float | None, typer.Option(help="plan: today's conversion rate, e.g. 0.1.")] = None,
    mde: Annotated[float | None, typer.Option(help="plan: the smallest change worth detecting.")] = None,
    absolute: Annotated[
        bool, typer.Option("--absolute", help="plan: --mde in points, not relative.")
    ] = False,
    alpha: Annotated[float, typer.Option(help="plan: the test's significance level.")] = 0.05,
    power: Annotated[float, typer.Option(help="plan: the chance of detecting the change.")] = 0.8,
    arms: Annotated[int, typer.Option(help="plan: arms, control included.")] = 2,
    holdout: Annotated[
        float | None, typer.Option(help="plan: an action's holdout share, e.g. 0.1, instead of even arms.")
    ] = None,
) -> None:
    """An A/B test's result: lift with its interval, CUPED, the always-valid sequential test, sample-ratio
    check and where the effect is concentrated. `cxlens experiment plan` sizes a test instead.

    Example: cxlens experiment checkout_redesign --metric revenue
    Example: cxlens experiment plan --baseline 0.1 --mde 0.05"""
    from cxlens.experiments import METRICS, headline, sample_size

    if name == "plan":
        if baseline is None or mde is None:
            raise CxlensError("experiment plan needs --baseline (a rate, e.g. 0.1) and --mde (e.g. 0.05)")
        n = sample_size(baseline, mde, alpha, power, relative=not absolute, arms=arms, holdout=holdout)
        change = f"{mde:+.3g} points" if absolute else f"{mde:+.1%} relative"
        need = (
            f"{n:,} people per arm, {n * arms:,} in all ({arms} arms)"
            if holdout is None
            else f"{n:,} people qualifying in all, {round(n * holdout):,} of them held out ({holdout:.0%})"
        )
        out.print(f"To detect {baseline:.3g} → {change} at alpha {alpha:g} with power {power:.0%}: {need}")
        return
    if metric not in METRICS:
        raise CxlensError(f"--metric is '{metric}'; expected one of {', '.join(METRICS)}")
    p = _project(project, progress=False)
    r = p.experiment(name)
    shown = r[(r.metric == metric) & ((r.breakdown == "all") | segments)]
    t = Table(title=f"{name}: {metric}")
    for col in ("method", "breakdown", "segment", "variant", "n", "mean", "control", "lift", "95% CI", "p"):
        t.add_column(col, justify="right" if col in ("n", "mean", "control", "lift", "p") else "left")
    fmt = {"conversion": "{:.1%}", "nps": "{:+.0f}"}.get(metric, "{:,.2f}").format
    for row in shown.to_dict("records"):
        p_value = row["p_adjusted"] if row["breakdown"] != "all" else row["p_value"]
        t.add_row(
            row["method"], row["breakdown"], str(row["segment"]), row["variant"], f"{row['n']:,}",
            fmt(row["mean"]), fmt(row["control_mean"]), f"{row['lift']:+.1%}",
            f"{row['ci_low']:+.1%} to {row['ci_high']:+.1%}", f"{p_value:.3g}",
        )  # fmt: skip
    out.print(t)
    srm = float(r.srm_p_value.iloc[0])
    out.print(f"Sample ratio check: p = {srm:.3g} (arms {', '.join(sorted(r.variant.unique()))} and control)")
    for sentence in headline(r, metric, p.config.experiments.alpha):
        out.print(sentence, style="bold red" if sentence.startswith("Warning") else None)


@app.command()
@friendly
def serve(
    project: ProjectOpt = Path("cxlens.yaml"),
    host: Annotated[str | None, typer.Option(help="Address to listen on (default: realtime.host).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default: realtime.port).")] = None,
) -> None:
    """Run the live service: the Segment-compatible collector, the profile API, triggers and erasure.

    Example: cxlens serve --port 8088"""
    from cxlens.config import load_config
    from cxlens.realtime.service import serve as serve_app

    cfg = load_config(project)
    if not (cfg.realtime.write_keys or cfg.realtime.server_write_keys):
        raise CxlensError(
            "realtime.write_keys and server_write_keys are empty: run `cxlens key` and add the hash it prints"
        )
    where = f"http://{host or cfg.realtime.host}:{port or cfg.realtime.port}"
    out.print(
        f"cxlens on {where}: collector /v1/batch (log {cfg.collector_path}), profiles /v1/profiles/ID, "
        f"API docs {where}/docs"
    )
    if not cfg.realtime.read_keys:
        out.print("No realtime.read_keys: the profile API answers 401 until one is added (`cxlens key`)")
    serve_app(cfg, host or cfg.realtime.host, port or cfg.realtime.port)


@app.command()
@friendly
def erase(
    identifier: Annotated[str, typer.Argument(help="Any identifier of the person (id, email, phone...).")],
    project: ProjectOpt = Path("cxlens.yaml"),
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Erase a person everywhere (GDPR): warehouse tables, identity graph, audience exports, the collector
    log and the live store, and suppress their identifiers so no source re-creates them.

    Example: cxlens erase ann@example.com --yes"""
    from cxlens.realtime.erase import erase as erase_person
    from cxlens.realtime.store import LiveStore

    if not yes and not typer.confirm(
        f"Erase the person behind '{identifier}' everywhere? This cannot be undone"
    ):
        raise typer.Exit(1)
    p = _project(project, progress=False)
    store = LiveStore(p.config.store_path)
    try:
        r = erase_person(p.config, store, identifier, p.con)
    finally:
        store.close()
        p.close()
    out.print(f"Erased {r['person_id']}: {r['identifiers']} identifiers suppressed")
    for where, n in r["removed"].items():
        out.print(f"  {where}: {n:,} rows")


@app.command()
def key() -> None:
    """Make a new random key and print it with the hash to put in cxlens.yaml (only the hash is stored).

    Example: cxlens key"""
    import secrets

    from cxlens.realtime import key_hash

    k = secrets.token_urlsafe(24)
    out.print(
        f"key:  {k}\nhash: {key_hash(k)}\nAdd the hash under one of: realtime.write_keys (browser and app "
        "SDKs send events with it: public), realtime.server_write_keys (your servers send trusted events "
        "with it: keep it secret) or realtime.read_keys (servers read profiles and erase with it)."
    )


@app.command()
@friendly
def report(
    project: ProjectOpt = Path("cxlens.yaml"),
    path: Annotated[Path | None, typer.Option("--out", "-o", help="Where to write it.")] = None,
) -> None:
    """Write the self-contained HTML report. Example: cxlens report -o report.html"""
    written = _project(project).report(path)
    out.print(f"Report: {written}")


@app.command()
@friendly
def demo(
    folder: Annotated[Path, typer.Option("--dir", help="Folder for the sample company.")] = Path("demo"),
    customers: Annotated[int, typer.Option(help="Customers in the sample company.")] = 20_000,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 42,
) -> None:
    """Generate a sample company, run the whole pipeline and write the report. Example: cxlens demo"""
    from cxlens.sample import generate as make

    if folder.exists() and any(folder.iterdir()):
        if not (folder / "truth" / "summary.json").is_file():
            raise CxlensError(f"{folder} is not empty and is not a cxlens demo; choose another --dir")
        for name in ("data", "truth"):
            shutil.rmtree(folder / name, ignore_errors=True)
        for name in ("cxlens.duckdb", "cxlens.duckdb.wal", "cxlens.duckdb.suppressed.sqlite", "report.html"):
            (folder / name).unlink(missing_ok=True)
    out.print(f"Generating a sample company of {customers:,} customers in {folder} ...")
    make(folder, customers=customers, seed=seed)
    p = _project(folder / "cxlens.yaml")
    _print_stages(p.run())
    written = p.report()
    out.print(f"[bold green]Report:[/bold green] {written.resolve()}")
