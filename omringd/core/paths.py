"""Where the repository's data files and component templates are."""

from pathlib import Path

#: The repository root; data files, templates and docs are found relative to it.
ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"
TEMPLATE_DIR = ROOT / "overrides" / "omringd"
