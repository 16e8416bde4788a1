"""The import rules of the code, read from the source with an AST walk (nothing is imported).

core <- capabilities (contacts, tree, leaflets, i18n, ...) <- site <- omringd_mkdocs <- hooks.
A capability uses another one through its public face (`omringd.contacts`), never its
modules; nothing under omringd/ imports MkDocs; no two modules or packages import each other
in a circle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CORE, SITE = "core", "site"
ENGINE = ("mkdocs", "material", "mkdocs_static_i18n")


@dataclass(frozen=True)
class Import:
    """One import found in the source: who imports what, and where."""

    module: str  # the importing module, e.g. omringd.tree.render
    target: str  # the imported module, e.g. omringd.contacts
    line: int


def module_name(root: Path, path: Path) -> str:
    """`<root>/omringd/tree/render.py` -> 'omringd.tree.render'."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(root: Path, path: Path) -> Iterator[Import]:
    """Every import of one file, function-level and TYPE_CHECKING ones included."""
    name = module_name(root, path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(name, alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                # `from omringd.contacts import model` imports the module omringd.contacts.model.
                sub = f"{base}.{alias.name}"
                is_module = _exists(root, sub) and alias.name not in _bound(root, base)
                yield Import(name, sub if is_module else base, node.lineno)


def _bound(root: Path, package: str) -> set[str]:
    """Names a package's __init__ binds itself (a function may share a module's name)."""
    init = root.joinpath(*package.split("."), "__init__.py")
    if not init.is_file():
        return set()
    names: set[str] = set()
    for node in ast.parse(init.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom):
            names |= {a.asname or a.name for a in node.names}
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
    return names


def _exists(root: Path, module: str) -> bool:
    path = root.joinpath(*module.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def all_imports(root: Path, top: str = "omringd") -> list[Import]:
    """The imports of every module under `root/top`."""
    return [imp for path in sorted((root / top).rglob("*.py")) for imp in imports(root, path)]


def _package(module: str) -> str | None:
    """'omringd.tree.render' -> 'tree'; 'omringd' itself -> None."""
    parts = module.split(".")
    return parts[1] if parts[0] == "omringd" and len(parts) > 1 else None


def violations(root: Path, top: str = "omringd") -> list[str]:
    """Every broken rule under `root/top`, as 'file:line: what is wrong'."""
    problems = []
    for imp in all_imports(root, top):
        where = f"{imp.module.replace('.', '/')}.py:{imp.line}"
        own, other = _package(imp.module), _package(imp.target)
        if imp.target.split(".")[0] in ENGINE or imp.target.split(".")[0] in (
            "omringd_mkdocs",
            "hooks",
        ):
            problems.append(f"{where}: imports {imp.target} (omringd stays free of the engine)")
            continue
        if not imp.target.startswith("omringd.") or other is None or own == other:
            continue
        if own == CORE:
            problems.append(f"{where}: core imports {imp.target} (core imports no capability)")
        elif other == SITE:
            problems.append(f"{where}: {own} imports {imp.target} (site sits above it)")
        elif other != CORE and imp.target != f"omringd.{other}":
            problems.append(
                f"{where}: imports {imp.target}, an inside of '{other}' "
                f"(use its public face: from omringd.{other} import ...)"
            )
    problems += [f"import circle: {' -> '.join(c)}" for c in circles(root, top)]
    return problems


def _graph(root: Path, top: str, by_package: bool) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for imp in all_imports(root, top):
        if not imp.target.startswith(top):
            continue
        src, dst = imp.module, imp.target
        if by_package:
            src, dst = _package(src) or top, _package(dst) or top
        if src != dst:
            graph.setdefault(src, set()).add(dst)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def circles(root: Path, top: str = "omringd") -> list[list[str]]:
    """One import circle between packages and one between modules, if there are any."""
    found = []
    for by_package in (True, False):
        graph = _graph(root, top, by_package)
        # A package's __init__ importing its own modules is not a circle with them.
        if not by_package:
            graph = {k: {v for v in vs if k != _parent(v)} for k, vs in graph.items()}
        if cycle := _cycle(graph):
            found.append(cycle)
    return found


def _parent(module: str) -> str:
    return module.rpartition(".")[0]


def adapter_violations(root: Path) -> list[str]:
    """omringd_mkdocs never imports hooks; omringd imports neither (checked above)."""
    return [
        f"{imp.module.replace('.', '/')}.py:{imp.line}: imports {imp.target} (hooks sit above it)"
        for imp in all_imports(root, "omringd_mkdocs")
        if imp.target.split(".")[0] == "hooks"
    ]
