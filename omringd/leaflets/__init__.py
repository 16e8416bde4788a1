"""Printed leaflets: print-ready PDFs made from the built web pages, never a second copy.

This package owns data/leaflets.yml (its checks: `model`, `schema`, `checks`), taking a leaflet's
content from the built pages (`html`) and the other parts from the data (`parts`), the leaflet
as one HTML document (`document`) of a built site (`site`), its
rendering with WeasyPrint (`pdf`), the render cache (`cache`) and what web pages show of a
leaflet (`web`). It needs no MkDocs: `hooks/omringd_leaflets.py` adapts it to the build.

The names below are its public face; other code imports them from `omringd.leaflets`.
"""

from omringd.leaflets.batch import render_all
from omringd.leaflets.cache import LeafletResult, environment_digest, render_leaflet
from omringd.leaflets.checks import check_all, check_sources
from omringd.leaflets.document import (
    Document,
    build_document,
    output_path,
    output_url,
    picture_url,
    text_sizes,
)
from omringd.leaflets.html import (
    PageContent,
    extract_content,
    heading_ids,
    qr_svg,
    short_url,
    translate_sections,
)
from omringd.leaflets.markers import MARKER_SPECS
from omringd.leaflets.model import (
    CROP_MARK_SPACE_MM,
    FIT_SCALES,
    LABEL_KEYS,
    LEAFLETS_FILE,
    PAPERS,
    SOURCE_LANGUAGE,
    FontFace,
    Leaflet,
    LeafletConfig,
    Paper,
    Part,
    PrintOptions,
    load_leaflets,
    parse_leaflets,
    text_direction,
)
from omringd.leaflets.site import Site
from omringd.leaflets.thumbnail import render_thumbnail, thumbnail_path, thumbnail_size
from omringd.leaflets.web import (
    SIZE_PLACEHOLDER,
    OverviewFile,
    format_size,
    link_lang,
    overview_files,
    paper_label,
    render_link,
    render_overview,
    render_print_footer,
    size_placeholder,
)

__all__ = [
    "MARKER_SPECS",
    "OverviewFile",
    "SIZE_PLACEHOLDER",
    "overview_files",
    "size_placeholder",
    "paper_label",
    "picture_url",
    "render_overview",
    "render_thumbnail",
    "thumbnail_path",
    "thumbnail_size",
    "CROP_MARK_SPACE_MM",
    "FIT_SCALES",
    "LABEL_KEYS",
    "LEAFLETS_FILE",
    "PAPERS",
    "SOURCE_LANGUAGE",
    "Document",
    "FontFace",
    "Leaflet",
    "LeafletConfig",
    "LeafletResult",
    "PageContent",
    "Paper",
    "Part",
    "PrintOptions",
    "Site",
    "build_document",
    "check_all",
    "check_sources",
    "environment_digest",
    "extract_content",
    "format_size",
    "heading_ids",
    "link_lang",
    "load_leaflets",
    "output_path",
    "output_url",
    "parse_leaflets",
    "qr_svg",
    "render_all",
    "render_leaflet",
    "render_link",
    "render_print_footer",
    "short_url",
    "text_direction",
    "text_sizes",
    "translate_sections",
]
