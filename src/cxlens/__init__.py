"""cxlens: who are we talking to? A unified customer view and CX analytics on DuckDB or Spark."""

from cxlens.errors import ConfigError, CxlensError, SourceError
from cxlens.project import Project

__version__ = "0.1.0"
__all__ = ["ConfigError", "CxlensError", "Project", "SourceError"]
