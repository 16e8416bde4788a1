"""Thin MkDocs adapter: every <img> of a page gets width and height from its image file, so
nothing moves when images load (the logic is in `omringd.site.images`). Templates write
their own images' sizes (partials/logo.html); tests/site/test_images.py checks every page."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from omringd.site.images import add_image_sizes
from omringd_mkdocs import build_errors, page_source


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "<img" not in html:
        return html

    def find(site_path: str) -> Path | None:
        # Theme assets and pages' own images alike, by the path they are published under.
        for file in files:
            if file.dest_uri == site_path and file.abs_src_path:
                return Path(file.abs_src_path)
        return None

    with build_errors():
        return add_image_sizes(html, page.url, find, page_source(page))
