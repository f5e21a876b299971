"""The shape of the code: imports point down the layers, `import cxlens` stays light, every table written is
declared and every write is typed by its declaration."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import ibis
import pandas as pd
import pytest

from cxlens import engine, pipeline, tables

SRC = Path(__file__).parents[1] / "src" / "cxlens"
GROUND = {"errors", "tables", "config", "engine"}
CONTRACTS = {"ids", "privacy", "people", "unusual", "stage", "canonical", "holdout"}
STAGES = {"ingest", "identity", "profiles", "value", "personas", "segments", "journeys", "voc", "experiments",
          "alerts", "cohorts"}  # fmt: skip
FACADE = {"project", "pipeline", "report"}  # Project.report() renders the report; it reads tables only
SURFACES = {"cli", "realtime", "sample"}
LAYER = {**dict.fromkeys(GROUND, 0), **dict.fromkeys(CONTRACTS, 1), **dict.fromkeys(STAGES, 2),
         **dict.fromkeys(FACADE, 3), **dict.fromkeys(SURFACES, 4)}  # fmt: skip


def _imports() -> list[tuple[str, str, int]]:
    """(importing top-level part, imported top-level part, line) for every cxlens import, at any depth."""
    out = []
    for path in SRC.rglob("*.py"):
        part = path.relative_to(SRC).parts[0].removesuffix(".py")
        if part == "__init__":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("cxlens"):
                mods = node.module.split(".")
                names = [mods[1]] if len(mods) > 1 else [a.name for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name.split(".")[1] for a in node.names if a.name.startswith("cxlens.")]
            out += [(f"{path.relative_to(SRC)}", part, n, node.lineno) for n in names if n != part]
    return out


def test_every_part_of_the_package_has_a_layer():
    parts = {p.name.removesuffix(".py") for p in SRC.iterdir() if p.suffix == ".py" or p.is_dir()}
    parts -= {"__init__", "__pycache__"}
    assert parts == set(LAYER)


def test_no_module_imports_from_a_layer_above_it_and_stages_talk_through_tables():
    wrong = []
    for path, part, imported, line in _imports():
        if LAYER[imported] > LAYER[part]:
            wrong.append(f"{path}:{line} imports {imported} (a layer above)")
        elif part in STAGES and imported in STAGES:
            wrong.append(f"{path}:{line} imports the stage {imported}")
        elif part == "realtime" and LAYER[imported] > 1:
            wrong.append(f"{path}:{line}: realtime imports only contracts and declarations, not {imported}")
        elif part == "report" and imported in STAGES:
            wrong.append(f"{path}:{line}: the report reads tables, not the stage {imported}")
    assert not wrong, "\n".join(wrong)


def test_import_cxlens_and_the_cli_load_no_service_chart_or_model_library():
    heavy = ("fastapi", "plotly", "sklearn", "scipy", "vaderSentiment", "splink", "pyspark", "ibis", "pandas")
    code = (
        "import sys, cxlens, cxlens.cli; "
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({heavy!r})))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"


def test_every_stage_writes_only_declared_tables_and_every_declaration_has_its_name():
    for s in pipeline.STAGES:
        for name in s.writes:
            assert tables.declared(name).name == name, (s.name, name)
    constants = {v for k, v in vars(tables).items() if k.isupper() and isinstance(v, str)}
    assert set(tables.DERIVED) <= constants
    for d in tables.DERIVED.values():  # erasure finds a person's rows through this column
        assert d.person == ("person_id" if "person_id" in d.columns else None), d.name
    with pytest.raises(KeyError, match=r"table 'nope' is not declared in cxlens/tables\.py"):
        tables.declared("nope")


def test_a_write_is_typed_by_its_declaration_even_when_a_column_is_empty_or_all_null():
    con = engine.memory()
    empty = pd.DataFrame({c: [] for c in tables.declared("moments_of_truth").columns})
    t = engine.write(con, "moments_of_truth", empty)
    assert t.schema() == tables.declared("moments_of_truth").schema and t.count().execute() == 0
    nulls = pd.DataFrame({"touchpoint": ["Home"], "lift": [None], "words": [None]})  # the rest missing
    t = engine.write(con, "moments_of_truth", nulls)
    assert t.schema() == tables.declared("moments_of_truth").schema
    assert t.to_pandas().lift.isna().all()
    with pytest.raises(Exception, match="column 'surprise' is not declared"):
        engine.write(con, "moments_of_truth", nulls.assign(surprise=1))
    # an expression too: a column of another type is cast to the declared one
    t = engine.write(con, "identity_map", ibis.memtable({"node": ["email:a@b.c"], "person_id": [7]}))
    assert t.schema()["person_id"].is_string() and t.person_id.execute().tolist() == ["7"]


def test_the_table_reference_in_the_docs_is_the_declarations():
    doc = (Path(__file__).parents[1] / "docs" / "tables.md").read_text()
    assert doc == tables.reference(), "regenerate docs/tables.md from tables.reference()"
