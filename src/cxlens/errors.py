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
