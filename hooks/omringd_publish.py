"""Thin MkDocs adapter for publishing: once every language is built, move the stylesheets'
inline icons to files, precompress the text files (.gz, .br) and write the
Content-Security-Policy include for nginx.

The logic is in `omringd.publish`; the server configuration is in deploy/nginx/.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger

from omringd.publish import externalize_icons, precompress, write_csp_include
from omringd_mkdocs import after_all_languages, build_errors, cache_root

log = get_plugin_logger(__name__)
_serving = False


def on_startup(command: str, dirty: bool) -> None:
    # `mkdocs serve` rebuilds on each edit into a temporary folder and serves plain files:
    # compression and a CSP for nginx would only slow it down and leave files behind.
    global _serving
    _serving = command == "serve"


# Last of all post-build steps: after i18n (-100), the leaflets (-150) and the search index
# (-200), which still change pages and the JavaScript bundle.
@after_all_languages(-300)
def on_post_build(config: MkDocsConfig) -> None:
    if _serving:
        return
    site_dir = Path(config.site_dir)
    icons = externalize_icons(site_dir)
    with build_errors():
        include = write_csp_include(site_dir, cache_root(config) / "csp")
    files = precompress(site_dir, cache_root(config) / "compressed")
    log.info(
        f"{len(icons)} icons out of the stylesheets; precompressed {len(files)} files; "
        f"CSP for nginx in {include}"
    )
