"""Sources and status: where every fact comes from (data/sources.yml) and each programme's
status as the sources give it, with its date (data/programmes.yml); the `status` marker."""

from omringd.sources.loading import (
    PROGRAMMES_FILE,
    SOURCES_FILE,
    Registry,
    load_registry,
    parse_registry,
)
from omringd.sources.model import Programme, Source, checked_date, is_source
from omringd.sources.render import MARKER_SPECS, render_page, render_status

__all__ = [
    "PROGRAMMES_FILE",
    "SOURCES_FILE",
    "MARKER_SPECS",
    "Programme",
    "Registry",
    "Source",
    "checked_date",
    "is_source",
    "load_registry",
    "parse_registry",
    "render_page",
    "render_status",
]
