"""Ingest on arbitrary small exports: every row is accounted for, and reloading changes nothing."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import pytest
import sklearn.datasets
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxlens import Project
from tests.conftest import write_project

ids = st.sampled_from(["A1", "A2", "A3", "A4", "", " A1 "])
emails = st.sampled_from(["a@b.com", "A@B.COM", "not-an-email", "", "c@d.org"])
stamps = st.sampled_from(
    ["2025-01-02", "2025-01-02T10:00:00Z", "31/02/2024", "", "2025-01-02 10:00:00+02:00"]
)
totals = st.sampled_from(["10", "10.0", "-1", "x", "", "1e2"])
rows = st.lists(st.tuples(ids, emails, stamps, totals), min_size=1, max_size=25)


ACCEPT_ALL = {"max_quarantine_share": 1}  # these files are meant to be mostly bad


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=rows)
def test_every_row_is_loaded_quarantined_or_a_duplicate_and_reloading_changes_nothing(rows):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        df = pd.DataFrame(rows, columns=["order_id", "email", "ordered_at", "total"])
        df.to_csv(folder / "o.csv", index=False)
        p = Project(
            write_project(folder, [{"name": "o", "table": "orders", "path": "o.csv", **ACCEPT_ALL}]),
            progress=False,
        )
        (first,) = p.ingest()
        assert first.read == len(rows) and first.balanced
        orders = p.table("orders").to_pandas()
        assert orders.order_id.is_unique
        assert first.loaded == len(orders)
        quarantine = p.table("quarantine").to_pandas() if first.quarantined else pd.DataFrame()
        assert len(quarantine) == first.quarantined
        (second,) = p.ingest()
        assert second.loaded == 0 and second.quarantined == first.quarantined
        assert second.duplicates == first.loaded + first.duplicates
        assert len(p.table("orders").to_pandas()) == len(orders)
        p.close()


def _load(folder: Path, sources: list[dict]) -> tuple[dict, dict[str, pd.DataFrame]]:
    p = Project(write_project(folder, sources), progress=False)
    reports = {r.source: (r.read, r.loaded, r.quarantined, r.duplicates, r.files) for r in p.ingest()}
    key = {"orders": "order_id", "events": "message_id", "quarantine": ["source", "row"]}
    tables = {
        name: p.table(name)
        .to_pandas()
        .drop(columns="ingested_at", errors="ignore")
        .sort_values(by)
        .reset_index(drop=True)
        for name, by in key.items()
    }
    runs = p.table("ingest_runs").to_pandas()
    tables["runs"] = runs[["source", "file", "rows_read", "loaded", "quarantined", "duplicates"]]
    p.close()
    return reports, tables


def test_a_file_read_in_pieces_loads_exactly_what_it_loads_whole(tmp_path: Path, monkeypatch):
    """Large files are read in pieces of PIECE_BYTES to bound memory: in pieces of 100 bytes, the same messy
    CSV and JSON-lines exports (bad values, malformed rows, exact repeats and conflicting repeats in other
    pieces) give the same tables, quarantine rows with the same row numbers, and reconciliation as whole."""
    import cxlens.ingest._read as reading
    import cxlens.ingest.stage as stage

    calls = []
    load_piece = stage._load_piece
    monkeypatch.setattr(stage, "_load_piece", lambda *a: calls.append(1) or load_piece(*a))
    monkeypatch.setattr(reading, "BLOCK_BYTES", 64)  # the CSV reader's blocks: a few rows each

    csv_rows = ["order_id,email,ordered_at,total"]
    events = []
    for i in range(1, 31):
        oid = f"A{i % 11}"  # ids come back in later pieces: exact repeats and conflicting ones
        total = "x" if i % 7 == 0 else str(10 + (i if i > 22 else i % 11))
        csv_rows.append(f"{oid},a{i % 11}@b.com,2025-01-{1 + i % 11:02d},{total}")
        events.append(
            f'{{"messageId": "m{i % 9}", "type": "track", "event": "E{i % 9}", "userId": "U{i % 9}", '
            f'"timestamp": "2025-01-0{1 + i % 9}T10:00:00Z"}}'
        )
    csv_rows[5] += ",extra"  # a row with a field too many
    csv_rows[17] = csv_rows[17].replace("2025-01", "31/02")  # a bad date
    events[4] = events[4][:-1]  # a line that is not JSON
    events[20] = '["not", "an", "object"]'
    sources = [
        {"name": "o", "table": "orders", "path": "o.csv"},
        {"name": "e", "table": "events", "path": "e.jsonl"},
    ]
    out = {}
    for piece in (2**30, 100):
        folder = tmp_path / str(piece)
        folder.mkdir()
        (folder / "o.csv").write_text("\n".join(csv_rows) + "\n")
        (folder / "e.jsonl").write_text("\n".join(events) + "\n")
        monkeypatch.setattr(stage, "PIECE_BYTES", piece)
        out[piece] = _load(folder, sources)
    (whole, whole_tables), (pieces, piece_tables) = out[2**30], out[100]
    assert len(calls) > 2 + 20  # whole: a piece per file; then many pieces of each
    assert whole["o"][0] == 30 and whole["e"][0] == 30 and whole["o"][2] >= 4  # the mess is there
    assert pieces == whole
    # a key repeated with other values in a later piece conflicts with a loaded row, not a row of its piece
    said = {"the key (order_id) is already loaded with different values; corrections to loaded rows are not "
            "applied"}  # fmt: skip
    q = piece_tables["quarantine"]
    conflicts = whole_tables["quarantine"].reason.str.match(r"the key \(order_id\) repeats row \d+ of o.csv")
    assert conflicts.sum() >= 4 and set(q.reason[conflicts]) == said
    q.loc[conflicts, "reason"] = whole_tables["quarantine"].reason[conflicts]
    for name, t in whole_tables.items():
        pd.testing.assert_frame_equal(piece_tables[name], t, obj=name)


def _read_all(path: Path, piece: int) -> tuple[pd.DataFrame, list]:
    from cxlens.ingest._read import read

    parts, bad = [], []
    for t, b in read(path, "csv", ",", piece):
        parts.append(t.to_pandas())
        bad += [(m.row, m.text, m.reason) for m in b]
    return pd.concat(parts, ignore_index=True), bad


@pytest.mark.parametrize(
    ("name", "malformed"), [("breast_cancer.csv", 569), ("wine_data.csv", 178), ("iris.csv", 0)]
)
def test_csvs_we_did_not_write_read_the_same_in_pieces(name, malformed, monkeypatch):
    """scikit-learn's bundled CSVs open with a line of counts and labels, not a header: against it the rows of
    two of them have too many fields. Read in pieces of 2 KB (blocks of 1 KB), the rows kept, their numbers
    and the malformed rows with their numbers and text are those of a whole read."""
    import cxlens.ingest._read as reading

    path = Path(sklearn.datasets.__file__).parent / "data" / name
    whole = _read_all(path, 2**30)
    monkeypatch.setattr(reading, "BLOCK_BYTES", 1024)
    pieces = _read_all(path, 2048)
    lines = len(path.read_text().splitlines()) - 1
    assert len(whole[0]) + len(whole[1]) == lines and len(whole[1]) == malformed
    assert pieces[1] == whole[1]
    pd.testing.assert_frame_equal(pieces[0], whole[0])


def test_json_lines_read_as_the_standard_library_reads_them(tmp_path: Path, monkeypatch):
    """JSON lines are split by Arrow and parsed by DuckDB: on messy lines (CRLF, blank lines, a BOM, keys
    that need escaping in a JSON pointer, nested values, a separator character, lines that are not JSON or
    not objects), whole and in pieces of 80 bytes, every value, row number and malformed row is what
    ``json.loads`` line by line gives."""
    import json

    from cxlens.ingest._read import _text, read

    lines = [
        '{"id": "a", "n": 2, "x": 1.5, "ok": true, "nested": {"k": [1, 2.0, "é"]}, "none": null}',
        "",
        '{"id": "b", "a/b": "slash", "t~": "tilde", "it\'s": "quote", "": "empty key", "q": "say \\"hi\\""}',
        "   ",
        '{"id": "c", "late": "a key first seen here", "n": -7}',
        '{"id": "d", "bad": }',
        '["an", "array"]',
        '{"id": "e", "sep": "\x1e"}',
        '{"id": "f", "ok": false, "big": 123456789012345678901234567890}',
        "not json at all",
        '{"id": "g"}',
    ]
    path = tmp_path / "e.jsonl"
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\n").encode())
    expected, malformed = {}, {}
    for i, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            malformed[i] = line
            continue
        if isinstance(rec, dict):
            expected[i] = {k: _text(v) for k, v in rec.items()}
        else:
            malformed[i] = line
    for piece in (2**20, 80):
        rows, bad = {}, {}
        for t, b in read(path, "jsonl", piece=piece):
            for rec in t.to_pylist():
                row = rec.pop("_row")
                rows[row] = {k: v for k, v in rec.items() if v is not None}
            bad |= {m.row: m.text for m in b}
        assert bad == malformed, piece
        assert rows == {i: {k: v for k, v in r.items() if v is not None} for i, r in expected.items()}, piece


def test_pieces_read_ahead_arrive_in_order_and_a_reader_error_or_an_early_stop_ends_the_reader():
    """Ingest reads the next piece in a thread while the current one loads: the pieces come in order, an
    error while reading is raised to the loader, and a loader that stops early frees the reader, which is
    then asked for at most two pieces more than were used."""
    import threading

    from cxlens.ingest.stage import ahead

    assert list(ahead(iter(range(50)))) == list(range(50))

    def failing():
        yield 1
        raise ValueError("piece 2 cannot be read")

    got = []
    with pytest.raises(ValueError, match="piece 2 cannot be read"):
        for x in ahead(failing()):
            got.append(x)
    assert got == [1]

    pulled, closed = [], threading.Event()

    def endless():
        try:
            for i in range(10**6):
                pulled.append(i)
                yield i
        finally:
            closed.set()

    stream = ahead(endless())
    assert [next(stream) for _ in range(3)] == [0, 1, 2]
    stream.close()  # the loader stops early, as when a piece fails to load
    assert closed.wait(timeout=30)  # the reader ended rather than blocking on a full queue
    assert len(pulled) <= 3 + 2


@pytest.mark.parametrize("name", ["election.geojson", "gapminder.csv", "stocks.csv", "carshare.csv"])
def test_public_data_written_as_json_lines_reads_as_the_standard_library_reads_it(name, tmp_path: Path):
    """Plotly's bundled data sets (map features with nested coordinates; country figures with long decimals)
    as JSON lines, read in pieces of 16 KB: every value is the text ``json.loads`` gives, none malformed."""
    import gzip
    import json

    import plotly

    from cxlens.ingest._read import _text, read

    src = Path(plotly.__file__).parent / "package_data" / "datasets" / f"{name}.gz"
    if name.endswith(".geojson"):
        records = json.loads(gzip.decompress(src.read_bytes()))["features"]
    else:
        records = json.loads(pd.read_csv(src).to_json(orient="records"))
    path = tmp_path / "data.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    rows, bad = {}, []
    for t, b in read(path, "jsonl", piece=16_384):
        for rec in t.to_pylist():
            row = rec.pop("_row")
            rows[row] = {k: v for k, v in rec.items() if v is not None}
        bad += b
    assert not bad and len(rows) == len(records) > 50
    assert rows == {i: {k: _text(v) for k, v in r.items() if v is not None} for i, r in enumerate(records, 1)}
