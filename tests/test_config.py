"""The project file: every error names the key, the value received and what was expected."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from cxlens.config import Identity, load_config, parse_config
from cxlens.errors import ConfigError

SOURCE = {"name": "o", "table": "orders", "path": "orders.csv"}


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"sources": [SOURCE], "engin": "duckdb"}, r"engin: unknown key"),
        (
            {"sources": [SOURCE], "engine": "postgres"},
            r"engine: Input should be 'duckdb' or 'spark' \(got 'postgres'\)",
        ),
        ({"sources": []}, r"sources: List should have at least 1 item"),
        ({}, r"sources: required key is missing"),
        ({"sources": [{**SOURCE, "table": "order"}]}, r"sources\[0\]\.table: Input should be 'contacts'"),
        (
            {"sources": [{**SOURCE, "columns": {"amount": "Amount"}}]},
            r"'amount' is not a column of table 'orders'; expected one of order_id",
        ),
        ({"sources": [{**SOURCE, "path": "orders.xls"}]}, r"has no known extension"),
        ({"sources": [{**SOURCE, "encoding": "klingon"}]}, r"'klingon' is not an encoding Python knows"),
        (
            {"sources": [{**SOURCE, "sheet": "Orders"}]},
            r"sheet: is for Excel workbooks .format xlsx.; this source is csv",
        ),
        ({"sources": [{**SOURCE, "timezone": "Mars/Olympus"}]}, r"'Mars/Olympus' is not an IANA time zone"),
        ({"sources": [SOURCE, SOURCE]}, r"names must be unique; repeated: o"),
        ({"sources": [SOURCE], "region": "XX"}, r"region: 'XX' is not a two-letter region code"),
        (
            {"sources": [{**SOURCE, "columns": "order_id"}]},
            r"sources\[0\]\.columns: Input should be a valid dictionary",
        ),
        ([1, 2], r"expected a mapping of keys"),
        (
            {"sources": [SOURCE], "identity": {"caps": {"phone_number": 2}}},
            r"identity\.caps: 'phone_number' is not an identifier kind; expected one of user_id",
        ),
        (
            {"sources": [SOURCE], "identity": {"caps": {"phone": 0}}},
            r"phone: expected a whole number of at least 1",
        ),
        (
            {"sources": [SOURCE], "identity": {"shared_limit": {"phone": None}}},
            r"identity\.shared_limit\.phone: Input should be a valid integer",
        ),
        (
            {"sources": [SOURCE], "identity": {"fuzzy": {"strong": 0}}},
            r"identity\.fuzzy\.strong: Input should be greater than 0",
        ),
        (
            {"sources": [SOURCE], "identity": {"priority": ["email"]}},
            r"identity\.priority: must list each of",
        ),
        (
            {"sources": [SOURCE], "identity": {"blocklist": ["(unclosed"]}},
            r"'\(unclosed' is not a regular exp",
        ),
        (
            {"sources": [SOURCE], "identity": {"block": ["ann@example.com"]}},
            r"'ann@example\.com' is not kind:value",
        ),
        ({"sources": [SOURCE], "identity": {"unlink": ["email:a@b.com"]}}, r"is not 'record kind:value'"),
        (
            {"sources": [SOURCE], "identity": {"source_priority": ["crm"]}},
            r"'crm' is not a source; expected one of o",
        ),
        (
            {"sources": [SOURCE], "identity": {"fuzzy": {"threshold": 1.5}}},
            r"identity\.fuzzy\.threshold: Input should be less than 1",
        ),
        (
            {"sources": [SOURCE], "personas": {"n": 1}},
            r"personas\.n: must be 'auto' or a whole number from 2 to 30 \(got 1\)",
        ),
        ({"sources": [SOURCE], "personas": {"clusters": 4}}, r"personas\.clusters: unknown key"),
        ({"sources": [SOURCE], "voc": {"period": "year"}}, r"voc\.period: Input should be 'week', 'month'"),
        (
            {"sources": [SOURCE], "voc": {"min_responses": 0}},
            r"voc\.min_responses: Input should be greater than or equal to 1 \(got 0\)",
        ),
        (
            {"sources": [SOURCE], "experiments": {"breakdowns": ["channel"]}},
            r"experiments\.breakdowns\[0\]: Input should be 'persona' or 'stage'",
        ),
        (
            {"sources": [SOURCE], "experiments": {"alpha": 1.5}},
            r"experiments\.alpha: Input should be less than 1",
        ),
        (
            {"sources": [SOURCE], "segments": {"vip": {"wher": {"field": "clv", ">": 1}}}},
            r"segments\.vip\.where: required key is missing; segments\.vip\.wher: unknown key",
        ),
        (
            {"sources": [SOURCE], "segments": {"vip": {"where": {}, "channel": "fax"}}},
            r"segments\.vip\.channel: Input should be 'email', 'sms' or 'ads' \(got 'fax'\)",
        ),
        (
            {"sources": [SOURCE], "segments": {"v i p": {"where": {"field": "clv", ">": 1}}}},
            r"segments: 'v i p' is not a valid name",
        ),
    ],
)
def test_invalid_project_files_are_explained(doc: object, message: str):
    with pytest.raises(ConfigError, match=message):
        parse_config(doc)


def test_caps_you_set_are_added_to_the_defaults_and_contacts_are_not_counted():
    cfg = Identity(caps={"user_id": 2, "email": None})
    assert cfg.cap("user_id") == 2 and cfg.cap("anonymous_id") == 50
    assert cfg.cap("contact_id") is None and cfg.cap("email") is None and cfg.cap("phone") == cfg.default_cap


def test_a_missing_file_says_how_to_make_one(tmp_path: Path):
    with pytest.raises(ConfigError, match=r"project file not found; create one with `cxlens init`"):
        load_config(tmp_path / "cxlens.yaml")


def test_broken_yaml_names_the_line(tmp_path: Path):
    path = tmp_path / "cxlens.yaml"
    path.write_text("sources:\n  - name: o\n    table: [orders\n")
    with pytest.raises(ConfigError, match=r"cxlens.yaml line \d+: not valid YAML"):
        load_config(path)


def test_paths_resolve_against_the_project_folder(tmp_path: Path):
    path = tmp_path / "cxlens.yaml"
    path.write_text(yaml.safe_dump({"sources": [SOURCE]}))
    cfg = load_config(path)
    assert cfg.resolve("orders.csv") == tmp_path / "orders.csv"
    assert cfg.warehouse_path == tmp_path / "cxlens.duckdb"
    assert cfg.sources[0].format == "csv"


def test_the_example_written_by_init_is_valid():
    text = resources.files("cxlens").joinpath("cxlens.example.yaml").read_text()
    cfg = parse_config(yaml.safe_load(text))
    assert {s.table for s in cfg.sources} == {"contacts", "orders", "events"}


def test_duckdb_memory_and_spill_folder_are_set_from_the_machine_or_the_project_file(tmp_path: Path):
    """DuckDB holds at most half the machine's memory (its own default, 80%, got a 1M-customer load killed)
    and spills beside the warehouse; both can be set, and a size DuckDB cannot read is named."""
    import os

    from cxlens import engine

    src = [{"name": "o", "table": "orders", "path": "o.csv"}]
    con = engine.connect(parse_config({"sources": src}, base_dir=tmp_path))
    limit, temp = con.raw_sql(
        "SELECT current_setting('memory_limit'), current_setting('temp_directory')"
    ).fetchone()
    half = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2 / 2**30
    number, unit = limit.split()
    assert abs(float(number) * {"GiB": 1, "MiB": 1 / 1024}[unit] - half) < 0.05 * half
    assert temp == str(tmp_path / "cxlens.duckdb.tmp")
    con.disconnect()
    doc = {
        "sources": src,
        "warehouse": "w.duckdb",
        "duckdb": {"memory_limit": "1GB", "temp_directory": "spill"},
    }
    con = engine.connect(parse_config(doc, base_dir=tmp_path))
    limit, temp = con.raw_sql(
        "SELECT current_setting('memory_limit'), current_setting('temp_directory')"
    ).fetchone()
    assert limit == "953.6 MiB" and temp == str(tmp_path / "spill")
    con.disconnect()
    doc["duckdb"]["memory_limit"] = "lots"
    with pytest.raises(ConfigError, match=r"duckdb\.memory_limit in cxlens\.yaml: 'lots' is not a size"):
        engine.connect(parse_config(doc, base_dir=tmp_path))
