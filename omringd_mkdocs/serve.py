"""`make serve`: MkDocs' development server, with the build of `make site`: every rebuild goes
into a staging folder and replaces the served pages only when it succeeded. After a mistake the
terminal names file and line, and the browser keeps showing the last good pages (plain
`mkdocs serve` empties its folder first, so the reader of the preview loses everything). With
two languages (`make serve LANG=fr`) they are built side by side, as in `make site`."""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.__main__ import ColorFormatter, State
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer, _serve_url

from omringd_mkdocs.build import run
from omringd_mkdocs.shards import Builder

log = logging.getLogger("mkdocs.omringd.serve")
POLL_SECONDS = 0.1
KEEP = "The preview keeps showing the last good pages; save the file again once it is mended."


def _watched(config_file: Path) -> list[str]:
    """What a change to rebuilds after: the pages, mkdocs.yml and its `watch:` folders."""
    config = load_config(config_file=str(config_file))
    return [config.docs_dir, str(config_file), *config.watch]


def serve(config_file: Path, dev_addr: str | None = None) -> int:
    """Serve the site on `dev_addr` (mkdocs.yml's by default) until interrupted."""
    root = Path(tempfile.mkdtemp(prefix="omringd_serve_"))
    site_dir = root / "site"
    site_dir.mkdir()
    config = load_config(config_file=str(config_file), dev_addr=dev_addr)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    serve_url = _serve_url(host, port, mount_path)

    # The languages are built side by side by worker processes kept for the whole session:
    # forked at the first build, before the server starts its threads.
    workers = Builder()

    def builder(config: object = None) -> None:
        log.info("Building the preview...")
        if run(config_file, site_dir, serve_url=serve_url, keep=KEEP, builder=workers) == 0:
            log.info("Preview ready.")

    # The watched folders are polled every tenth of a second (MkDocs: every half second), so a
    # save is seen at once; a poll is a stat of some two hundred files.
    server = LiveReloadServer(
        builder=builder,
        host=host,
        port=port,
        root=str(site_dir),
        mount_path=mount_path,
        polling_interval=POLL_SECONDS,
    )
    server.error_handler = lambda code: _error_page(site_dir, code)
    try:
        builder()
        for item in _watched(config_file):
            server.watch(item)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        workers.close()
        shutil.rmtree(root, ignore_errors=True)
    return 0


def _error_page(site_dir: Path, code: int) -> bytes | None:
    page = site_dir / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None


def main(argv: list[str] | None = None) -> int:
    """Command line: python -m omringd_mkdocs.serve [--config-file F] [--dev-addr HOST:PORT]."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config-file", "-f", default="mkdocs.yml", type=Path)
    parser.add_argument("--dev-addr", "-a", default=None)
    args = parser.parse_args(argv)
    state = State()  # MkDocs' own log format and level
    ColorFormatter.text_wrapper.width = 0  # one message on one line: file:line stays whole
    try:
        return serve(args.config_file.resolve(), args.dev_addr)
    finally:
        del state


if __name__ == "__main__":
    sys.exit(main())
