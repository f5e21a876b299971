"""The CLI: each command on good input, and one line with exit code 2 on bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cxlens.cli import app

runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def test_init_writes_an_example_and_refuses_to_overwrite(tmp_path: Path):
    path = tmp_path / "cxlens.yaml"
    assert _run("init", path).exit_code == 0 and "sources:" in path.read_text()
    again = _run("init", path)
    assert again.exit_code == 2 and "already exists; use --force" in again.output


def test_generate_ingest_run_and_report(tmp_path: Path, company: Path):
    work = tmp_path / "co"
    shutil.copytree(company / "data", work / "data")
    shutil.copy(company / "cxlens.yaml", work / "cxlens.yaml")
    res = _run("ingest", "-p", work / "cxlens.yaml", "--source", "orders")
    assert res.exit_code == 0, res.output
    assert "orders" in res.output and "yes" in res.output
    res = _run("run", "ingest", "-p", work / "cxlens.yaml")
    assert res.exit_code == 0, res.output
    res = _run("report", "-p", work / "cxlens.yaml", "--out", work / "r.html")
    assert res.exit_code == 0 and (work / "r.html").stat().st_size > 100_000


def test_generate_writes_a_company(tmp_path: Path):
    res = _run("generate", "--customers", 200, "--seed", 1, "--out", tmp_path / "g")
    assert res.exit_code == 0, res.output
    assert json.loads((tmp_path / "g" / "truth" / "summary.json").read_text())["customers"] == 200


@pytest.mark.parametrize(
    "args",
    [
        ("ingest", "-p", "{tmp}/missing.yaml"),
        ("run", "-p", "{tmp}/missing.yaml"),
        ("report", "-p", "{tmp}/missing.yaml"),
        ("profile", "ann@example.com", "-p", "{tmp}/missing.yaml"),
        ("profile", "ann@example.com", "-p", "{tmp}/ok.yaml"),
        ("generate", "--customers", "3", "--out", "{tmp}/x"),
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
    assert (tmp_path / "demo" / "report.html").is_file()
    again = _run("demo", "--dir", tmp_path / "demo", "--customers", 300)  # a demo folder is rebuilt
    assert again.exit_code == 0, again.output


def test_every_command_has_help_with_an_example():
    for name in ("init", "generate", "ingest", "run", "report", "demo", "profile"):
        res = _run(name, "--help")
        assert res.exit_code == 0 and "Example:" in res.output, name


def test_every_command_is_documented():
    doc = (Path(__file__).parents[1] / "docs" / "cli.md").read_text()
    for command in app.registered_commands:
        assert f"`{command.callback.__name__}`" in doc
