"""The one place that knows MkDocs and its i18n plugin; the hooks in hooks/ use it.

`omringd` (the logic) never imports MkDocs. Everything a hook needs from the engine — which
language is being built, the configured languages, turning a data error into a build error,
relative URLs — is here, so that a change of engine touches this module and hooks/ only.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemBytecodeCache
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from omringd.core.errors import DataError
from omringd.core.languages import Language, prefix


def i18n(config: MkDocsConfig) -> Any | None:
    """The mkdocs-static-i18n plugin object, or None when the site has one language."""
    return config.plugins.get("i18n")


def current_language(config: MkDocsConfig) -> str:
    """The language being built now: the i18n plugin builds one language after another."""
    plugin = i18n(config)
    return plugin.current_language if plugin is not None else config.theme["language"]


def default_language(config: MkDocsConfig) -> str:
    """The source language, built at the site root."""
    plugin = i18n(config)
    return plugin.default_language if plugin is not None else config.theme["language"]


def languages(config: MkDocsConfig) -> list[Language]:
    """Every configured language with its own name, the default first as configured."""
    plugin = i18n(config)
    if plugin is None:
        lang = config.theme["language"]
        return [Language(lang, lang)]
    return [Language(lang.locale, lang.name) for lang in plugin.config.languages]


def language_codes(config: MkDocsConfig) -> list[str]:
    """The codes of every configured language."""
    return [lang.code for lang in languages(config)]


@dataclass(frozen=True)
class Shard:
    """The languages one process builds in a parallel build (omringd_mkdocs.shards)."""

    languages: tuple[str, ...]  # built in this process, in build order
    site_languages: tuple[str, ...]  # built by the whole build, across every process


# Per process, not per language: a worker of the parallel build builds one shard at a time,
# and the i18n plugin's language still comes from the plugin (current_language).
_shard: Shard | None = None


@contextmanager
def building_shard(shard: Shard) -> Iterator[None]:
    """Mark this process as building `shard` only, for the time of the block."""
    global _shard
    _shard = shard
    try:
        yield
    finally:
        _shard = None


def current_shard() -> Shard | None:
    """The shard this process builds, or None in a whole (sequential) build."""
    return _shard


def preview_language() -> str:
    """The language `make serve LANG=..` previews beside the source language ('' for all)."""
    return os.environ.get("OMRINGD_LANG", "")


def limit_languages(config: MkDocsConfig, wanted: str) -> None:
    """Build only the source language and `wanted` (`make serve LANG=fr`: a translator's
    preview). Not the i18n plugin's build_only_locale: it makes that language the default,
    and the pages a translation has not got yet fall back to nothing."""
    plugin = i18n(config)
    if plugin is None or not wanted or _shard is not None:  # a shard's languages are set
        return
    codes = language_codes(config)
    if wanted not in codes:
        raise PluginError(f"OMRINGD_LANG={wanted}: not a language of the site ({', '.join(codes)})")
    for lang in plugin.config.languages:
        lang.build = lang.default or lang.locale == wanted


# name -> (the build's configuration, the value loaded for it)
_per_build: dict[str, tuple[MkDocsConfig, Any]] = {}


def once_per_build(config: MkDocsConfig, name: str, load: Callable[[], Any]) -> Any:
    """`load()` once per build, not once per page: the i18n plugin gives every language of one
    build the same configuration object, and every build (a rebuild of `make serve`) a new
    one. A `load` that raises is tried again at the next call."""
    held = _per_build.get(name)
    if held is None or held[0] is not config:
        held = (config, load())
        _per_build[name] = held
    return held[1]


def cache_root(config: MkDocsConfig) -> Path:
    """Where builds keep what the next build may reuse: $OMRINGD_CACHE_DIR, else .cache/ beside
    mkdocs.yml (builds that run at the same time, in tests, each give their own)."""
    return cache_folder(Path(config.config_file_path))


def cache_folder(config_file: Path) -> Path:
    """`cache_root` for the configuration file `config_file`."""
    root = os.environ.get("OMRINGD_CACHE_DIR")
    return Path(root) if root else config_file.parent / ".cache"


def share_compiled_templates(env: Environment, folder: Path) -> None:
    """Keep the compiled templates in `folder`: the next language, and the next build, load
    them instead of compiling again (Jinja checks each template's source before reusing it)."""
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))


def built_languages(config: MkDocsConfig) -> list[str]:
    """The languages this build makes: all, or those `limit_languages` kept (in a shard of a
    parallel build, those of the whole build, not only the shard's)."""
    if _shard is not None:
        return list(_shard.site_languages)
    plugin = i18n(config)
    if plugin is None:
        return language_codes(config)
    return [lang.locale for lang in plugin.config.languages if lang.build]


def building_last_language(config: MkDocsConfig) -> bool:
    """True in the outermost build, once every language is done (or without i18n)."""
    plugin = i18n(config)
    return plugin is None or not plugin.building


def build_order(config: MkDocsConfig) -> list[str]:
    """The languages in the order a sequential build makes them: the default first (the i18n
    plugin builds it at the root), then the others as configured."""
    plugin = i18n(config)
    if plugin is None:
        return language_codes(config)
    default = plugin.default_language
    built = [lang.locale for lang in plugin.config.languages if lang.build]
    return [default, *(code for code in built if code != default)]


PostBuild = Callable[[MkDocsConfig], None]
#: The i18n plugin builds the other languages in its on_post_build, at this priority.
I18N_POST_BUILD = -100


def after_all_languages(priority: int) -> Callable[[PostBuild], PostBuild]:
    """Make a step a hook's on_post_build that needs every language built (leaflets, the
    search index, publishing), at `priority` (below the i18n plugin's, which builds the other
    languages). It runs once: after the last language of a sequential build, or, in a
    parallel build, by `run_after_all_languages` once the shards are merged."""
    if priority >= I18N_POST_BUILD:
        raise ValueError(f"priority {priority}: a step after all languages runs below -100")

    def decorate(step: PostBuild) -> PostBuild:
        @event_priority(priority)
        @functools.wraps(step)
        def on_post_build(config: MkDocsConfig) -> None:
            if building_last_language(config) and _shard is None:
                step(config)

        on_post_build.after_all_languages = step  # type: ignore[attr-defined]
        return on_post_build

    return decorate


def run_after_all_languages(config: MkDocsConfig) -> None:
    """Run every hook's `after_all_languages` step, in MkDocs' order of event priority."""
    for method in config.plugins.events["post_build"]:
        step = getattr(method, "after_all_languages", None)
        if step is not None:
            step(config)


def language_root(config: MkDocsConfig, lang: str) -> str:
    """The folder of a language's pages: '' for the default language, else 'fr/' etc."""
    return prefix(lang, default_language(config))


def site_root(page: Page) -> str:
    """The relative URL from this page to the site root, ending in '/' (or empty)."""
    return get_relative_url("index.html", page.url)[: -len("index.html")]


def page_source(page: Page) -> str:
    """The page's source file as editors know it, for error messages."""
    return f"docs/{page.file.src_uri}"


@contextmanager
def build_errors() -> Iterator[None]:
    """Stop the build with the data error's message (file, place, what would be valid)."""
    try:
        yield
    except DataError as err:
        raise PluginError(err.message) from err


def for_template(texts: Mapping[str, str]) -> dict[str, Markup]:
    """Data texts escaped for Material's templates, which do not escape what they print."""
    return {key: escape(value) for key, value in texts.items()}


def page_title(text: str) -> Markup:
    """A page title from data, escaped: Material prints titles as they are."""
    return escape(text)


#: The address a build without a public one uses (mkdocs.yml's default for site_url).
PREVIEW_URL = "http://localhost:8000/"


def site_url(config: MkDocsConfig) -> str:
    """The public address of the site, ending in '/' (a local one when none is configured)."""
    url = config.site_url or PREVIEW_URL
    return url if url.endswith("/") else url + "/"


def is_preview(config: MkDocsConfig) -> bool:
    """True when the build has no public address (SITE_URL not set): a preview."""
    host = urlsplit(site_url(config)).hostname or ""
    return host in ("localhost", "127.0.0.1", "::1") or host.endswith(".localhost")
