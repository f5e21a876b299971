"""The collector's durable log: events are acknowledged only once they are on disk, and ingest reads them.

The warehouse has one writer (DuckDB), so the collector never writes to it. It appends JSON lines to an
open segment (``*.jsonl.open``), flushed and fsync'd before the HTTP answer goes out, and seals the segment
(renames it to ``*.jsonl``) every few seconds. Ingest reads sealed segments only, as an ordinary ``events``
source, so a half-written line is never read, and re-reading a segment changes nothing (``message_id`` is
the key).
After a crash the open segment is sealed at start-up, without a torn last line, which was never
acknowledged.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

OPEN = ".jsonl.open"


class EventLog:
    """Append-only segments in ``folder``; thread-safe."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        for left in sorted(self.folder.glob(f"*{OPEN}")):  # a crash left it open
            self._seal_file(left)
        self._file = None
        self._path: Path | None = None
        self._count = 0

    def _open(self) -> None:
        name = f"events-{time.time_ns():020d}-{os.getpid()}{OPEN}"
        self._path = self.folder / name
        self._file = open(self._path, "ab")  # noqa: SIM115 - kept open across appends, closed by seal()
        self._count = 0

    def append(self, lines: list[bytes]) -> None:
        """Write ``lines`` (each one JSON document, no newline) and make them durable before returning."""
        if not lines:
            return
        data = b"".join(line + b"\n" for line in lines)
        with self._lock:
            if self._file is None:
                self._open()
            self._file.write(data)
            self._file.flush()
            os.fsync(self._file.fileno())
            self._count += len(lines)

    def seal(self) -> Path | None:
        """Close the open segment, if it holds anything, and make it readable by ingest; return its path."""
        with self._lock:
            if self._file is None or self._count == 0:
                return None
            self._file.close()
            path, self._file, self._path = self._path, None, None
        return self._seal_file(path)

    def close(self) -> None:
        self.seal()
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._path.unlink(missing_ok=True)
                self._file = None

    def _seal_file(self, path: Path) -> Path | None:
        """Drop a torn last line (written without its newline, so never acknowledged) and rename. A
        segment closed in order ends with a newline: only its last byte is read."""
        with open(path, "r+b") as f:
            size = f.seek(0, os.SEEK_END)
            if size and (f.seek(size - 1), f.read(1))[1] != b"\n":
                f.seek(0)
                data = f.read()
                size = data.rfind(b"\n") + 1
                f.truncate(size)
                os.fsync(f.fileno())
        if not size:
            path.unlink()
            return None
        sealed = path.with_name(path.name.removesuffix(OPEN) + ".jsonl")
        os.replace(path, sealed)
        return sealed
