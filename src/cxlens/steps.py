"""A one-line spinner naming the step a long stage is on, so nobody stares at a silent terminal."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn


@contextmanager
def steps(stage: str, first: str, enabled: bool = True) -> Iterator[Callable[[str], object]]:
    """Yield ``say(text)``, which shows ``stage: text`` with the time elapsed."""
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, disable=not enabled, transient=True) as bar:
        task = bar.add_task(f"{stage}: {first}", total=None)
        yield lambda text: bar.update(task, description=f"{stage}: {text}")
