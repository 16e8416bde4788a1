"""What MkDocs does again for every language with the same result, done once.

- The theme's files: MkDocs lists every file of the theme's folders at the start of each build
  to find the static files to copy. Material's folder holds some fifteen thousand files (its
  icons), and the i18n plugin runs a build per language: a tenth of a second each time. The
  installed themes do not change while we run, so their listing is kept; folders of the
  project (overrides/) are listed every time, since an editor may add an image while
  `make serve` runs.
- The theme's templates: every Jinja environment MkDocs makes (one per language, and more for
  the search plugin's translations) loads the compiled templates from one bytecode cache
  instead of compiling them again (Jinja checks each template's source before reusing it).

`share_theme_work()` is called by our build commands (omringd_mkdocs.build, .shards); a plain
`mkdocs build` does this work as MkDocs does, with the same result.
"""

from __future__ import annotations

import sysconfig
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.structure.files import File, Files
from mkdocs.theme import Theme

_ORIGINAL = Files.add_files_from_theme
_ORIGINAL_GET_ENV = Theme.get_env
_compiled: dict[str, FileSystemBytecodeCache] = {}
_INSTALLED = tuple(
    Path(p).resolve() for p in {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
)
# (theme folders, static templates, what the project's folders hold) -> (path, folder) pairs
_listings: dict[tuple[Any, ...], list[tuple[str, str]]] = {}


def _installed(folder: str) -> bool:
    path = Path(folder).resolve()
    return any(path.is_relative_to(root) for root in _INSTALLED)


def _key(config: Any) -> tuple[Any, ...]:
    project = tuple(
        (folder, tuple(sorted(str(p) for p in Path(folder).rglob("*"))))
        for folder in config.theme.dirs
        if not _installed(folder)
    )
    return tuple(config.theme.dirs), frozenset(config.theme.static_templates), project


class _VisibleTemplates:
    """The environment as `add_files_from_theme` uses it, listing no hidden file: MkDocs
    refuses those ('.*', '*/.*') after matching each of Material's fifteen thousand icon
    paths against a dozen patterns, most of the listing's time."""

    def __init__(self, env: Environment) -> None:
        self.env = env

    def list_templates(self, filter_func: Any = None) -> list[str]:
        names = [n for n in self.env.list_templates() if not _hidden(n)]
        return [n for n in names if filter_func(n)] if filter_func else names


def _hidden(name: str) -> bool:
    return any(part.startswith(".") for part in name.split("/"))


def _add_files_from_theme(self: Files, env: Any, config: Any) -> None:
    """Files.add_files_from_theme, with the theme's listing made once per key."""
    key = _key(config)
    listing = _listings.get(key)
    if listing is None:
        probe = Files([])
        _ORIGINAL(probe, _VisibleTemplates(env), config)
        listing = [(file.src_uri, file.src_dir) for file in probe]
        _listings[key] = listing
    for path, folder in listing:
        # Theme files do not override the pages' own files (as in MkDocs).
        if self.get_file_from_path(path) is None:
            self.append(File(path, folder, config.site_dir, config.use_directory_urls))


def _get_env(self: Theme) -> Environment:
    """Theme.get_env, with the shared bytecode cache."""
    env = _ORIGINAL_GET_ENV(self)
    if "cache" in _compiled and env.bytecode_cache is None:
        env.bytecode_cache = _compiled["cache"]
    return env


def interface_texts(env: Environment, language: str) -> Callable[[str], Any]:
    """Material's `lang.t(key)` for `language`, each text asked of Material's own macros once
    (they build the dict of every text at each call; overrides/partials/language.html)."""
    own = env.get_template(f"partials/languages/{language}.html").module
    fallback = env.get_template("partials/languages/en.html").module
    texts: dict[str, Any] = {}

    def translate(key: str) -> Any:
        if key not in texts:
            texts[key] = own.t(key) or fallback.t(key) or key  # type: ignore[attr-defined]
        return texts[key]

    return translate


def share_theme_work(compiled_templates: Path) -> None:
    """From now on in this process, list the theme's files once and keep compiled templates
    in `compiled_templates` (idempotent)."""
    compiled_templates.mkdir(parents=True, exist_ok=True)
    _compiled["cache"] = FileSystemBytecodeCache(str(compiled_templates))
    Files.add_files_from_theme = _add_files_from_theme  # type: ignore[method-assign]
    Theme.get_env = _get_env  # type: ignore[method-assign]
