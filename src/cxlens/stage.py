"""How a stage declares itself: its name, the tables it needs and reads, the tables it writes, the section of
``cxlens.yaml`` it takes and the function that runs it. The pipeline is the list of these declarations.

>>> STAGE = Stage("value", "Customer value", run, writes=(CUSTOMER_VALUE,), needs=("orders", PROFILES),
...               config_key="value")  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from cxlens.tables import ENABLES


@dataclass(frozen=True)
class Stage:
    """One step of the flow. ``needs`` must all exist (and one of ``needs_any``, if given); ``reads`` are used
    when present, so re-running their writer re-runs this stage too. ``run(con, settings, progress)`` gets
    the ``config_key`` section of the project file (the whole file when None) and returns headline counts."""

    name: str
    title: str
    run: Callable[[Any, Any, bool], dict]
    writes: tuple[str, ...]
    needs: tuple[str, ...] = ()
    needs_any: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()
    config_key: str | None = None

    def requirement(self) -> str:
        """What the stage needs, in words: ``orders and profiles``, ``events, orders or feedback``."""
        parts = list(self.needs)
        if self.needs_any:
            parts.append(" or ".join(self.needs_any))
        return " and ".join(parts) or "nothing"

    def missing(self, present: set[str], empty: set[str] = frozenset()) -> str | None:
        """Why the stage cannot run with the tables ``present`` (of which ``empty`` have no rows), or None
        when it can."""
        hollow = [t for t in self.needs if t in empty]
        if self.needs_any and present.intersection(self.needs_any) <= empty:
            hollow += sorted(present.intersection(self.needs_any))
        absent = [t for t in self.needs if t not in present]
        if self.needs_any and not present.intersection(self.needs_any):
            absent.append(" or ".join(self.needs_any))
        if not absent and not hollow:
            return None
        hints = "; ".join(f"{t}: {ENABLES[t]}" for t in absent if t in ENABLES)
        why = [f"needs {', '.join(absent)}" + (f" ({hints})" if hints else "")] if absent else []
        if hollow:
            why.append(
                f"{', '.join(hollow)} {'is' if len(hollow) == 1 else 'are'} empty (no rows loaded: "
                "the quarantine table holds any that were refused, with the reason)"
            )
        return "; ".join(why)


@contextmanager
def steps(stage: str, first: str, enabled: bool = True) -> Iterator[Callable[[str], object]]:
    """A one-line spinner naming the step a long stage is on: yields ``say(text)``, which shows
    ``stage: text`` with the time elapsed."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, disable=not enabled, transient=True) as bar:
        task = bar.add_task(f"{stage}: {first}", total=None)
        yield lambda text: bar.update(task, description=f"{stage}: {text}")
