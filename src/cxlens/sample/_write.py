"""Writers that stream each source to CSV, JSON lines or Parquet parts, planting malformed rows as they go.

Every planted fault is recorded (file, row, field) so tests can check that ingest quarantines it.
Rows are numbered as ingest numbers them: data rows from 1 (a CSV header is not a row), lines of a JSONL file.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

# Per table: (column, bad text value, bad typed value or None when only a text column can carry it).
FAULTS = {
    "contacts": (
        ("email", "jane.doe.example.com", None),
        ("birth_date", "31/02/1990", None),
        ("contact_id", "", None),
        ("created_at", "last tuesday", None),
        ("consent_email", "maybe", None),
    ),
    "orders": (
        ("total", "12,50 EUR", -5.0),
        ("ordered_at", "not a date", pd.NaT),
        ("order_id", "", ""),
        ("total", "-5", -5.0),
    ),
    "order_items": (("quantity", "0", 0), ("unit_price", "-1", -1.0)),
    "events": (
        ("type", "trak", None),
        ("message_id", None, None),
        ("timestamp", "soon", None),
        ("event", None, None),
    ),
    "feedback": (("score", "14", 14), ("kind", "survey", None), ("submitted_at", "n/a", pd.NaT)),
    "tickets": (("opened_at", "n/a", pd.NaT), ("ticket_id", None, None)),
    "mentions": (("posted_at", "yesterday", pd.NaT), ("mention_id", None, None)),
}
RATE = 0.0004  # planted faults per row, at least one per source and chunk


def _text(df: pd.DataFrame) -> pd.DataFrame:
    """Render values as a company's export would: ISO timestamps, plain numbers, empty for missing."""
    out = {}
    for c in df.columns:
        s = df[c]
        if pd.api.types.is_datetime64_any_dtype(s):
            v = np.char.add(
                np.datetime_as_string(s.dt.tz_convert(None).to_numpy().astype("datetime64[s]")), "Z"
            )
            out[c] = pd.Series(np.where(s.isna(), None, v), index=df.index, dtype=object)
        elif pd.api.types.is_bool_dtype(s):
            out[c] = s.map({True: "true", False: "false"})
        elif pd.api.types.is_float_dtype(s):
            out[c] = pd.Series(np.where(s.isna(), None, s.round(2).astype(str)), index=df.index, dtype=object)
        else:
            out[c] = pd.Series(np.where(s.isna(), None, s.astype(str)), index=df.index, dtype=object)
    return pd.DataFrame(out, index=df.index)


class Sink:
    """One source file (CSV, JSONL) or folder of Parquet parts, written chunk by chunk."""

    def __init__(
        self,
        root: Path,
        table: str,
        fmt: str,
        rng: np.random.Generator,
        raw_json: tuple[str, ...] = (),
        rename: dict[str, str] | None = None,
    ):
        self.table, self.fmt, self.rng, self.raw_json = table, fmt, rng, raw_json
        self.rename = rename or {}
        self.rows = 0
        self.faults: list[dict] = []
        self.duplicates = 0
        self._csv: pacsv.CSVWriter | None = None
        self._schema: pa.Schema | None = None
        self._parts = 0
        ext = {"csv": ".csv", "jsonl": ".jsonl"}.get(fmt)
        self.path = root / (f"{table}{ext}" if ext else table)
        self.rel = f"data/{table}{ext}" if ext else f"data/{table}/*.parquet"
        if fmt == "parquet":
            self.path.mkdir(parents=True, exist_ok=True)
        else:
            self.path.write_text("")

    def write(self, df: pd.DataFrame, duplicates: float = 0.0) -> None:
        """Append a chunk; ``duplicates`` is the share of rows exported twice, identically."""
        if not len(df):
            return
        df = df.reset_index(drop=True)
        copied: pd.Index = pd.Index([])
        if duplicates:
            extra = df.sample(max(1, int(len(df) * duplicates)), random_state=int(self.rng.integers(2**31)))
            copied = extra.index
            df = pd.concat([df, extra], ignore_index=True)
            self.duplicates += len(extra)
        text = self.fmt != "parquet"
        if text:
            df = _text(df)
        # faults go to rows that have no planted identical copy, so each stays one quarantined row
        pool = np.setdiff1d(np.arange(len(df) - len(copied)), copied)
        file = self.path.name if text else f"part-{self._parts:05d}.parquet"
        first_row = self.rows if text else 0  # Parquet rows are numbered within each part
        for r in self.rng.choice(pool, min(len(pool), max(1, round(len(df) * RATE))), replace=False):
            col, bad_text, bad_typed = FAULTS[self.table][self.rng.integers(len(FAULTS[self.table]))]
            if not text and bad_typed is None and not pd.api.types.is_object_dtype(df[col]):
                continue
            if bad_text is None and pd.isna(df.at[r, col]):
                continue  # already empty where that is allowed (e.g. no event name on a page call)
            df.loc[r, col] = bad_text if text or bad_typed is None else bad_typed
            self.faults.append(
                {"table": self.table, "file": file, "row": first_row + int(r) + 1, "field": col}
            )
        df = df.rename(columns=self.rename)
        if self.fmt == "jsonl":
            self._jsonl(df, broken=int(self.rng.choice(pool)))
        elif self.fmt == "csv":
            self._write_csv(df)
        else:
            self._parquet(df)
        self.rows += len(df)

    def _write_csv(self, df: pd.DataFrame) -> None:
        t = pa.Table.from_pandas(
            df, preserve_index=False, schema=pa.schema([(c, pa.string()) for c in df.columns])
        )
        if self._csv is None:
            self._csv = pacsv.CSVWriter(str(self.path), t.schema)
        self._csv.write_table(t)

    def _parquet(self, df: pd.DataFrame) -> None:
        if self._schema is None:
            t = pa.Table.from_pandas(df, preserve_index=False)
            self._schema = pa.schema(
                [f.with_type(pa.string()) if pa.types.is_null(f.type) else f for f in t.schema]
            )
        t = pa.Table.from_pandas(df, preserve_index=False, schema=self._schema)
        pq.write_table(t, self.path / f"part-{self._parts:05d}.parquet")
        self._parts += 1

    def _jsonl(self, df: pd.DataFrame, broken: int) -> None:
        # one SQL projection (C++), not a Python loop: a missing value leaves its key out (concat_ws skips
        # NULL), text is escaped by to_json, JSON columns are written as they are
        fields = ", ".join(
            f"""'"{c}":' || """ + (f'"{c}"' if c in self.raw_json else f'to_json(CAST("{c}" AS VARCHAR))')
            for c in df.columns
        )
        with duckdb.connect() as con:
            con.register("df", df)
            lines = con.execute(f"SELECT '{{' || concat_ws(',', {fields}) || '}}' FROM df").fetchnumpy()
        lines = list(next(iter(lines.values())))
        lines[broken] = lines[broken][: len(lines[broken]) // 2]  # a truncated line: not valid JSON
        self.faults.append(
            {"table": self.table, "file": self.path.name, "row": self.rows + broken + 1, "field": "(line)"}
        )
        with self.path.open("a") as fh:
            fh.write("\n".join(lines) + "\n")

    def close(self) -> None:
        if self._csv is not None:
            self._csv.close()
        if self.fmt == "csv" and self.table == "contacts":
            # two rows an unquoted comma split into too many fields
            with self.path.open("a") as fh:
                for _ in range(2):
                    fh.write(
                        "C99999999,someone@example.com,,Ann,Lee,1980-01-01,female,12 Main St, Apt 4,"
                        "10001,Springfield,,2025-01-01T00:00:00Z,yes,no,no\n"
                    )
                    self.rows += 1
                    self.faults.append(
                        {"table": self.table, "file": self.path.name, "row": self.rows, "field": "(row)"}
                    )
