"""omringd: load, validate and render the site's content and data, free of MkDocs imports."""

from pathlib import Path

#: The repository root; data files, templates and docs are found relative to it.
ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
TEMPLATE_DIR = ROOT / "overrides" / "omringd"
