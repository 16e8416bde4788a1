"""YAML loading that remembers the line of every key, so errors can point editors to it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from omringd.core.errors import DataError

Loc = tuple[str | int, ...]
_Constructor = Callable[[yaml.Node], Any]

#: libyaml's parser when PyYAML has it: the same nodes, marks and safe tags as yaml.SafeLoader,
#: about ten times faster. Errors are reported by the pure-Python parser, whose messages the
#: README lists for editors.
FAST_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=FAST_LOADER)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=yaml.SafeLoader)  # raises with the usual message


@dataclass(frozen=True)
class YamlDoc:
    """A parsed YAML file with the 1-based line of every mapping key and sequence item."""

    path: Path
    data: Any
    lines: dict[Loc, int]

    def line(self, loc: Loc) -> int | None:
        """The line of `loc`, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return None


class DuplicateKey(Exception):
    """A key written twice in one mapping (YAML would silently keep the last)."""

    def __init__(self, key: Any, line: int, first: int) -> None:
        super().__init__(key)
        self.key, self.line, self.first = key, line, first


class BadScalar(Exception):
    """A value YAML recognises by its form but cannot build, e.g. the date 2026-13-01."""

    def __init__(self, node: yaml.Node, error: Exception, loc: Loc) -> None:
        super().__init__(str(error))
        self.node, self.error, self.loc = node, error, loc


def _scalar(node: yaml.Node, build: _Constructor, loc: Loc = ()) -> Any:
    try:
        return build(node)
    except (ValueError, TypeError, OverflowError) as err:
        raise BadScalar(node, err, loc) from None


def _walk(node: yaml.Node, loc: Loc, lines: dict[Loc, int], build: _Constructor) -> Any:
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, build)
            if key in out:
                raise DuplicateKey(key, key_node.start_mark.line + 1, lines[(*loc, key)])
            lines[(*loc, key)] = key_node.start_mark.line + 1
            out[key] = _walk(value_node, (*loc, key), lines, build)
        return out
    if isinstance(node, yaml.SequenceNode):
        items = []
        for i, item in enumerate(node.value):
            lines[(*loc, i)] = item.start_mark.line + 1
            items.append(_walk(item, (*loc, i), lines, build))
        return items
    return _scalar(node, build, loc)


def _constructor() -> _Constructor:
    """Turns a scalar node into its Python value, exactly as yaml.safe_load would."""
    constructor = yaml.SafeLoader("")
    return lambda node: constructor.construct_object(node, deep=True)


_VALID = {"tag:yaml.org,2002:timestamp": "a real date written YYYY-MM-DD, e.g. 2026-11-23"}


def read_text(path: Path) -> str:
    """The file as UTF-8 text; a missing file or bad bytes become a DataError with the line."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError as err:
        raise DataError(path, "file", "not found") from err
    except OSError as err:
        raise DataError(path, "file", f"cannot be read ({err.strerror})") from err
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise DataError(
            path,
            "text encoding",
            f"byte {err.start} is not UTF-8",
            line=line,
            valid="save the file as UTF-8",
        ) from None


def load_yaml(path: Path) -> YamlDoc:
    """Parse `path`; a syntax error becomes a DataError with the file and line."""
    text = read_text(path)
    try:
        node = _compose(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(err, "problem", None) or str(err)
        raise DataError(path, "YAML syntax", str(problem), line=line) from err
    lines: dict[Loc, int] = {}
    try:
        data = _walk(node, (), lines, _constructor()) if node is not None else None
    except DuplicateKey as dup:
        raise DataError(
            path,
            f"key '{dup.key}'",
            f"is written twice (first on line {dup.first})",
            line=dup.line,
            valid="each key once in a mapping",
        ) from None
    except BadScalar as bad:
        raise DataError(
            path,
            ".".join(str(part) for part in bad.loc) or "value",
            f"{bad.node.value!r} cannot be read ({bad.error})",
            line=bad.node.start_mark.line + 1,
            valid=_VALID.get(bad.node.tag, "a value of the form the key expects"),
        ) from None
    except yaml.YAMLError as err:  # e.g. an unknown tag, found while building values
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise DataError(path, "YAML", str(getattr(err, "problem", err)), line=line) from None
    return YamlDoc(path=path, data=data, lines=lines)
