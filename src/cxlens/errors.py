"""User-facing errors: one line naming the thing, the value received, what was expected and what to do."""


class CxlensError(Exception):
    """An error caused by the user's input; the CLI prints its message alone and exits 2."""


class ConfigError(CxlensError):
    """`cxlens.yaml` is missing, unreadable or invalid."""


class SourceError(CxlensError):
    """A source file cannot be read at all (missing, unreadable, wrong column mapping)."""


class InputError(CxlensError, ValueError):
    """Values passed to a Python API (arrays, parameters) are out of range or of the wrong kind."""


class NotFittedError(CxlensError, AttributeError):
    """A model was used before ``fit``."""


class StageError(CxlensError):
    """A pipeline stage failed: names the stage, the table it was writing (when known) and the first line of
    the cause; ``sql`` holds the statement that failed, where there was one."""

    def __init__(self, stage: str, table: str | None, cause: BaseException, sql: str | None = None):
        self.stage, self.table, self.sql = stage, table, sql
        where = f" writing table '{table}'" if table else ""
        first = (str(cause).strip().splitlines() or [type(cause).__name__])[0]
        super().__init__(f"stage '{stage}' failed{where}: {type(cause).__name__}: {first}")
