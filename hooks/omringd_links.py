"""Thin MkDocs adapter: external links get rel="noopener noreferrer"; Material's checkbox
toggles lose the `autocomplete` attribute HTML does not allow on them.

Runs on the finished HTML (pages and the 404 template), so links written in Markdown, in data
and in templates are all covered. The logic is in `omringd.links`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig

from omringd.links import add_external_rel, drop_toggle_autocomplete


def _fix(html: str, config: MkDocsConfig) -> str:
    site_host = urlsplit(config.site_url or "").netloc
    return drop_toggle_autocomplete(add_external_rel(html, site_host))


def on_post_page(output: str, page: Any, config: MkDocsConfig) -> str:
    return _fix(output, config)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name.endswith(".html"):
        return _fix(output_content, config)
    return output_content
