"""cxlens: who are we talking to? A unified customer view and CX analytics on DuckDB or Spark.

``import cxlens`` is light: the project, its engine and the model libraries load when first used.
"""

from typing import TYPE_CHECKING

from cxlens.errors import ConfigError, CxlensError, SourceError

if TYPE_CHECKING:
    from cxlens.project import Project

__version__ = "0.1.0"
__all__ = ["ConfigError", "CxlensError", "Project", "SourceError"]


def __getattr__(name: str) -> object:
    if name == "Project":
        from cxlens.project import Project

        return Project
    raise AttributeError(f"module 'cxlens' has no attribute {name!r}")
