"""`python -m omringd.publish serve [SITE_DIR] [--port 8080]`: serve a built site with the
shipped nginx configuration until interrupted (make serve-prod)."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from omringd.core.errors import DataError

from .csp import csp_include_path
from .nginx import NginxServer


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and serve; 1 with a message when nginx cannot start."""
    parser = argparse.ArgumentParser(prog="python -m omringd.publish")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="serve a built site with deploy/nginx/")
    serve.add_argument("site_dir", nargs="?", default="site", type=Path)
    serve.add_argument("--port", type=int, default=8080)
    args = parser.parse_args(argv)
    if not csp_include_path(args.site_dir).is_file():
        print(f"{csp_include_path(args.site_dir)} missing: run `make site` first", file=sys.stderr)
        return 1
    server = NginxServer(args.site_dir, port=args.port)
    try:
        url = server.start()
    except DataError as err:
        print(err.message, file=sys.stderr)
        return 1
    print(f"Serving {args.site_dir} with deploy/nginx/ on {url} (Ctrl-C stops)", flush=True)
    # SIGTERM (make's child being stopped) ends the server the way Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        assert server.process is not None
        server.process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
