"""Small modules and small functions: a newcomer reads one screen at a time."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def _code() -> list[Path]:
    return sorted(
        p for top in ("omringd", "omringd_mkdocs", "hooks") for p in (ROOT / top).rglob("*.py")
    )


def long_functions(path: Path, limit: int = MAX_FUNCTION_LINES) -> list[str]:
    """Functions of `path` longer than `limit` lines, as 'file:line name (n lines)'."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.name}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1})"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > limit
    ]


def test_every_module_is_small() -> None:
    big = [
        f"{p.relative_to(ROOT)} ({n} lines)"
        for p in _code()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    ]
    assert big == [], f"split these into named modules: {big}"


@pytest.mark.parametrize("path", _code(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_function_is_small(path: Path) -> None:
    assert long_functions(path) == [], "make these named steps"


def test_the_check_finds_a_long_function(tmp_path: Path) -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    fake = tmp_path / "m.py"
    fake.write_text(f"def short():\n    pass\n\n\ndef long():\n{body}\n", encoding="utf-8")
    assert long_functions(fake) == [f"m.py:5 long ({MAX_FUNCTION_LINES + 1})"]
