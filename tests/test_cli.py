"""The CLI: each command on good input, and one line with exit code 2 on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from cxlens import Project, pipeline
from cxlens.cli import app
from cxlens.sample import generate
from cxlens.stage import Stage
from tests.conftest import write_project

runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def test_init_writes_an_example_and_refuses_to_overwrite(tmp_path: Path):
    path = tmp_path / "cxlens.yaml"
    assert _run("init", path).exit_code == 0 and "sources:" in path.read_text()
    again = _run("init", path)
    assert again.exit_code == 2 and "already exists; use --force" in again.output


def test_generate_ingest_run_and_report(tmp_path: Path):
    work = tmp_path / "co"
    generate(work, customers=200, seed=3, progress=False)  # a tiny company: the commands, not the analytics
    res = _run("ingest", "-p", work / "cxlens.yaml", "--source", "orders")
    assert res.exit_code == 0, res.output
    p = Project(work / "cxlens.yaml", progress=False)
    assert set(p.table("ingest_runs").to_pandas().source) == {"orders"}
    loaded = p.table("orders").count().execute()
    assert f"{loaded:,}" in res.output and "yes" in res.output  # the reconciliation, as printed
    p.close()
    res = _run("run", "ingest", "-p", work / "cxlens.yaml")
    assert res.exit_code == 0, res.output
    p = Project(work / "cxlens.yaml", progress=False)
    runs = p.table("stage_runs").to_pandas()
    assert (runs[runs.run_id == runs.run_id.max()].status == "ran").all()  # ingest and all it feeds
    p.close()
    for stage in ("identity", "personas", "journeys", "alerts"):
        assert stage in res.output
    res = _run("report", "-p", work / "cxlens.yaml", "--out", work / "r.html")
    html = (work / "r.html").read_text()
    assert res.exit_code == 0 and 'id="customers"' in html and 'id="customers" class="skipped"' not in html


def test_generate_writes_a_company_the_seed_decides(tmp_path: Path):
    res = _run("generate", "--customers", 200, "--seed", 1, "--out", tmp_path / "g")
    assert res.exit_code == 0, res.output
    assert json.loads((tmp_path / "g" / "truth" / "summary.json").read_text())["customers"] == 200
    persons = pd.read_parquet(tmp_path / "g" / "truth" / "persons.parquet")
    assert persons.known.sum() == 200  # in the CRM; the rest are anonymous visitors
    doc = yaml.safe_load((tmp_path / "g" / "cxlens.yaml").read_text())
    files = {s["name"]: sorted((tmp_path / "g").glob(s["path"])) for s in doc["sources"]}
    assert all(files.values()), files  # every source the project file names was written
    assert _run("generate", "--customers", 200, "--seed", 1, "--out", tmp_path / "h").exit_code == 0
    for name, paths in files.items():  # the same seed, the same company
        for path in paths:
            twin = tmp_path / "h" / path.relative_to(tmp_path / "g")
            assert path.read_bytes() == twin.read_bytes(), name


@pytest.mark.parametrize(
    "args",
    [
        ("ingest", "-p", "{tmp}/missing.yaml"),
        ("run", "-p", "{tmp}/missing.yaml"),
        ("report", "-p", "{tmp}/missing.yaml"),
        ("profile", "ann@example.com", "-p", "{tmp}/missing.yaml"),
        ("profile", "ann@example.com", "-p", "{tmp}/ok.yaml"),
        ("generate", "--customers", "3", "--out", "{tmp}/x"),
        ("generate", "--typo-rate", "1.5", "--out", "{tmp}/x"),
        ("run", "nosuchstage", "-p", "{tmp}/ok.yaml"),
        ("ingest", "-p", "{tmp}/ok.yaml", "--source", "nosuch"),
        ("ingest", "-p", "{tmp}/ok.yaml"),
        ("demo", "--dir", "{tmp}/notdemo", "--customers", "200"),
    ],
)
def test_bad_input_gives_one_line_and_exit_code_2(tmp_path: Path, args: tuple):
    (tmp_path / "ok.yaml").write_text("sources:\n  - {name: o, table: orders, path: gone.csv}\n")
    (tmp_path / "notdemo").mkdir()
    (tmp_path / "notdemo" / "mine.txt").write_text("keep me")
    res = _run(*[a.format(tmp=tmp_path) for a in args])
    assert res.exit_code == 2, res.output
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), res.output
    assert (tmp_path / "notdemo" / "mine.txt").exists()


def test_demo_generates_runs_and_reports(tmp_path: Path):
    res = _run("demo", "--dir", tmp_path / "demo", "--customers", 300)
    assert res.exit_code == 0, res.output
    html = (tmp_path / "demo" / "report.html").read_text()
    for section in ("sources", "identity", "customers", "personas", "journeys", "voice", "experiments"):
        assert f'id="{section}"' in html and f'id="{section}" class="skipped"' not in html, section
    p = Project(tmp_path / "demo" / "cxlens.yaml", progress=False)
    runs = p.table("stage_runs").to_pandas()
    assert set(runs.stage) == {s.name for s in pipeline.STAGES} and (runs.status == "ran").all()
    truth = json.loads((tmp_path / "demo" / "truth" / "summary.json").read_text())
    people = p.table("profiles").count().execute()
    p.close()
    again = _run("demo", "--dir", tmp_path / "demo", "--customers", 300)  # a demo folder is rebuilt
    assert again.exit_code == 0, again.output
    p = Project(tmp_path / "demo" / "cxlens.yaml", progress=False)
    assert p.table("profiles").count().execute() == people  # rebuilt from scratch, not added to
    assert p.table("stage_runs").count().execute() == len(runs)
    assert truth["customers"] == 300
    p.close()


def test_every_command_has_help_with_an_example():
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        res = _run(name, "--help")
        assert res.exit_code == 0 and "Example:" in res.output, name


def test_a_failing_stage_ends_the_run_with_one_line_naming_it(tmp_path: Path, monkeypatch):
    (tmp_path / "o.csv").write_text("order_id,email,ordered_at,total\nA1,a@b.com,2025-01-02,10\n")
    path = write_project(tmp_path, [{"name": "o", "table": "orders", "path": "o.csv"}])

    def broken(con, cfg, progress):
        raise RuntimeError("disk full")

    stages = tuple(Stage(s.name, s.title, broken, s.writes, s.needs) if s.name == "value" else s
                   for s in pipeline.STAGES)  # fmt: skip
    monkeypatch.setattr(pipeline, "STAGES", stages)
    res = _run("run", "-p", path)
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    assert res.exit_code == 2 and lines == ["error: stage 'value' failed: RuntimeError: disk full"]


def test_every_command_is_documented():
    doc = (Path(__file__).parents[1] / "docs" / "cli.md").read_text()
    for command in app.registered_commands:
        assert f"`{command.callback.__name__}`" in doc
