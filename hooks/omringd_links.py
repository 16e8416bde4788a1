"""Thin MkDocs adapter: external links get rel="noopener noreferrer"; Material's checkbox
toggles lose the `autocomplete` attribute HTML does not allow on them; internal links in a
page's article carry their absolute address for print (`data-print-href`, see print.css).

Runs on the finished HTML (pages and the 404 template), so links written in Markdown, in data
and in templates are all covered. The logic is in `omringd.site.links`. Also keeps Material's
sitemap-fetching alternate links out of the 404 page (see on_pre_template).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig

from omringd.site.links import add_print_href, safe_tags
from omringd_mkdocs import site_url


def _fix(html: str, config: MkDocsConfig) -> str:
    site_host = urlsplit(config.site_url or "").netloc
    return safe_tags(html, site_host)


def on_post_page(output: str, page: Any, config: MkDocsConfig) -> str:
    return add_print_href(_fix(output, config), site_url(config) + page.url)


def on_pre_template(template: Any, template_name: str, config: MkDocsConfig) -> Any:
    # Static templates (404.html) are rendered before any page, so before omringd_site clears
    # Material's alternate links; Material's script then fetches a sitemap.xml beside each
    # alternate language, which does not exist (a 404 per language, caught by the browser
    # gate). Our own language links replace them, as on every page.
    config.extra.alternate = []
    return template


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name.endswith(".html"):
        return _fix(output_content, config)
    return output_content
