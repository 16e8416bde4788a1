"""The preview server (`make serve`, omringd_mkdocs.serve) started in a project folder and
polled over HTTP: shared by the editor-loop test and bench/serve_loop.py."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    """A TCP port on loopback nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    """The page at `url`, or '' if it cannot be had (yet)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (OSError, urllib.error.URLError):
        return ""


def wait_for(url: str, word: str, timeout: float = 60) -> float:
    """Seconds until the page at `url` holds `word` (polled every 50 ms)."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if word in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    raise TimeoutError(f"{url} never showed {word!r}")


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in a file by `new`, as an editor saving it."""
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


@contextmanager
def preview(root: Path, lang: str, log: Path, cache: Path) -> Iterator[str]:
    """`make serve` (OMRINGD_LANG=lang) in `root`, its terminal in `log`; yields the base URL."""
    port = free_port()
    env = {**os.environ, "OMRINGD_LANG": lang, "NO_MKDOCS_2_WARNING": "1"}
    env["OMRINGD_CACHE_DIR"] = str(cache)
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "omringd_mkdocs.serve", "-a", f"127.0.0.1:{port}"],
            cwd=root,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            yield f"http://127.0.0.1:{port}/"
        finally:
            server.terminate()
            server.wait(timeout=30)
