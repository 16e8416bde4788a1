"""Thin MkDocs adapter for the printed leaflets (data/leaflets.yml).

- `on_config`: loads the leaflets and checks every declared language has its pages and fonts.
- `on_page_content`: replaces `<!-- leaflet: <id> -->` with the download link (the page named
  as the leaflet's `page` gets it under its title if it has no marker) and
  `<!-- leaflets: all -->` with the leaflets page's list (each PDF with a picture of its
  first page); the file sizes are filled in once the PDFs exist.
- `on_post_build` (the last, outermost build only): renders each leaflet in each language
  from the built pages, or copies it from the cache when no input changed.

The leaflets are defined in data/leaflets.yml beside mkdocs.yml. The cache is
`$OMRINGD_CACHE_DIR/leaflets/` (default: .cache/leaflets/ beside mkdocs.yml); builds that run
at the same time (tests) each give their own.

The logic lives in the `omringd.leaflets` package.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from omringd.contacts import load_directory
from omringd.core.markers import replace_markers
from omringd.leaflets import (
    SIZE_PLACEHOLDER,
    Site,
    check_all,
    format_size,
    link_lang,
    load_leaflets,
    output_path,
    output_url,
    overview_files,
    render_all,
    render_link,
    render_overview,
    render_print_footer,
    size_placeholder,
)
from omringd_mkdocs import (
    after_all_languages,
    build_errors,
    built_languages,
    cache_root,
    current_language,
    default_language,
    is_preview,
    language_codes,
    languages,
    once_per_build,
    site_url,
)

log = logging.getLogger("mkdocs.plugins.omringd.leaflets.model")


def _site(config: MkDocsConfig) -> Site:
    return Site(
        site_dir=Path(config.site_dir),
        site_url=site_url(config),
        default_lang=default_language(config),
        languages=tuple(built_languages(config)),
        preview=is_preview(config),
    )


def _project(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def _load(config: MkDocsConfig) -> Any:
    def load() -> Any:
        d = load_directory()
        return load_leaflets(
            _project(config) / "data" / "leaflets.yml", contact_ids=d.ids, roster_ids=d.rosters
        )

    return once_per_build(config, "leaflets", load)


def cache_dir(config: MkDocsConfig) -> Path:
    """Where rendered leaflets are kept between builds."""
    return cache_root(config) / "leaflets"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    langs = tuple(language_codes(config))
    with build_errors():  # once per build, not again for every language
        once_per_build(
            config,
            "leaflets checked",
            lambda: check_all(_load(config), Path(config.docs_dir), langs),
        )
    return config


def _with_markers(html: str, src: str, config: MkDocsConfig) -> str:
    """The leaflet's own page links to it even if a translation left out the marker."""
    for leaflet in _load(config).leaflets:
        if leaflet.page != src or re.search(rf"<!--\s*leaflet:\s*{leaflet.id}\s*-->", html):
            continue
        marker = f"<!-- leaflet: {leaflet.id} -->"
        end = html.find("</h1>")
        html = html[: end + 5] + marker + html[end + 5 :] if end >= 0 else marker + html
    return html


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Any) -> str:
    html = _with_markers(html, getattr(page.file, "norm_src_uri", page.file.src_uri), config)
    if "leaflet" not in html:
        return html
    lang = current_language(config)
    site = _site(config)
    # Fallback pages show Dutch content: link the leaflet in the language of the content.
    content_lang = page.file.locale if hasattr(page.file, "locale") else lang

    def link(marker: Any) -> str:
        leaflets = _load(config)
        leaflet = leaflets.get(marker.args[0] if marker.args else "", f"docs/{page.file.src_uri}")
        pdf_lang = link_lang(leaflet, content_lang, site.default_lang)
        href = get_relative_url(output_url(site, leaflet.id, pdf_lang), page.url)
        size = size_placeholder(leaflet.id, pdf_lang, content_lang)
        return render_link(leaflets, leaflet, content_lang, href=href, size=size, pdf_lang=pdf_lang)

    def overview(marker: Any) -> str:
        leaflets = _load(config)
        names = {language.code: language.name for language in languages(config)}
        relative = lambda url: get_relative_url(url, page.url)  # noqa: E731
        files = overview_files(leaflets, site, content_lang, names, relative)
        return render_overview(leaflets, content_lang, files)

    with build_errors():
        html = replace_markers(html, "leaflet", link)
        return replace_markers(html, "leaflets", overview)


def _fill_sizes(site: Site) -> None:
    """Put each PDF's size into the download links of the built pages."""

    def size(m: re.Match[str]) -> str:
        pdf = output_path(site, m.group(1), m.group(2))
        if m.group(2) not in site.languages:
            return "–"  # `make serve LANG=..` builds one language and its leaflets only
        if not pdf.exists():
            raise PluginError(f"leaflet '{m.group(1)}' ({m.group(2)}) was linked but not built")
        return format_size(pdf.stat().st_size, m.group(3))

    # The search index holds the page text too (the default language's index may still be
    # parked as search_index.<lang>.json at this point).
    indexes = site.site_dir.rglob("search/search_index*.json")
    for path in [*site.site_dir.rglob("*.html"), *indexes]:
        data = path.read_bytes()
        if b"@@omr-leaflet-size:" in data:  # bytes: most pages have no link to decode
            path.write_text(SIZE_PLACEHOLDER.sub(size, data.decode("utf-8")), encoding="utf-8")


_REVIEWED = re.compile(r'<p class="omr-reviewed">.*?</p>', re.DOTALL)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # A print-only footer (language, address, review date) after the page's review date.
    match = _REVIEWED.search(output)
    if match is None:
        return output
    lang = current_language(config)
    names = {language.code: language.name for language in languages(config)}
    footer = render_print_footer(
        _load(config),
        lang,
        language_name=names.get(lang, lang),
        url=_site(config).site_url + page.url,
        reviewed=page.meta.get("reviewed"),
    )
    return output[: match.end()] + footer + output[match.end() :]


# After every language is built (i18n's own post-build runs at -100).
@after_all_languages(-150)
def on_post_build(config: MkDocsConfig) -> None:
    site = _site(config)
    if site.preview:
        log.info(
            "Preview build: no public address (make site SITE_URL=https://...), so every "
            "leaflet is marked as a proof and has no QR code."
        )
    with build_errors():
        results = render_all(_load(config), site, cache_dir=cache_dir(config))
    for r in results:
        how = "from cache" if r.cached else "rendered"
        why = f" (cache: same {r.cache_hit})" if r.cache_hit else ""
        log.info(
            f"Leaflet {r.leaflet_id} ({r.lang}): {how} in {r.seconds:.2f} s, {r.pages} pages, "
            f"text {r.font_pt} pt, {r.size // 1000} kB, version {r.version}{why}"
        )
    _fill_sizes(site)
