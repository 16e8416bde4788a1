"""The import rules hold for the real code, and the checker catches each kind of break."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.layers import adapter_violations, violations

ROOT = Path(__file__).resolve().parents[2]


def test_the_code_keeps_the_layers() -> None:
    assert violations(ROOT) == []
    assert adapter_violations(ROOT) == []


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    base = {
        "omringd/__init__.py": "",
        "omringd/core/__init__.py": "",
        "omringd/core/errors.py": "class DataError(Exception): ...\n",
        "omringd/contacts/__init__.py": "from omringd.contacts.model import Contact\n",
        "omringd/contacts/model.py": "from omringd.core.errors import DataError\nContact = 1\n",
        "omringd/tree/__init__.py": "",
        "omringd/tree/render.py": "from omringd.contacts import Contact\n",
        "omringd/site/__init__.py": "from omringd.tree import Tree\n",
    }
    for name, text in {**base, **files}.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_a_clean_tree_passes(tmp_path: Path) -> None:
    assert violations(_tree(tmp_path, {})) == []


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"omringd/core/x.py": "from omringd.contacts import Contact\n"}, "core imports"),
        ({"omringd/tree/x.py": "import omringd.site\n"}, "site sits above it"),
        ({"omringd/tree/x.py": "from omringd.contacts.model import Contact\n"}, "an inside of"),
        ({"omringd/tree/x.py": "from mkdocs.plugins import event_priority\n"}, "engine"),
        ({"omringd/tree/x.py": "def f():\n    import omringd_mkdocs\n"}, "engine"),
        ({"omringd/contacts/y.py": "from omringd.tree import Tree\n"}, "import circle"),
        (
            {
                "omringd/contacts/a.py": "from . import b\n",
                "omringd/contacts/b.py": "from omringd.contacts.a import x\n",
            },
            "import circle",
        ),
    ],
)
def test_each_kind_of_break_is_caught(tmp_path: Path, files: dict[str, str], expected: str) -> None:
    found = violations(_tree(tmp_path, files))
    assert any(expected in problem for problem in found), found


def test_the_adapter_may_not_import_hooks(tmp_path: Path) -> None:
    path = tmp_path / "omringd_mkdocs" / "__init__.py"
    path.parent.mkdir(parents=True)
    path.write_text("from hooks.omringd_site import on_config\n", encoding="utf-8")
    assert adapter_violations(tmp_path)
