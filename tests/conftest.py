"""Shared fixtures: one site build per test run, nginx serving it, and headless Chromium."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from omringd.publish import NginxServer

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# The flags keep Chromium from calling home on this closed network (see the env notes).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


#: The public address the test builds are made with: what is tested is a publishing build
#: (QR codes, printed addresses). `.example` is reserved: it never leads anywhere real.
SITE_URL = os.environ.get("OMRINGD_SITE_URL", "https://omringd.example/")


def cache_dir(dest: Path) -> Path:
    """The cache of a test build into `dest`: its own, not the checkout's shared .cache/."""
    return dest.with_name(dest.name + ".cache")


def build_site(
    dest: Path, root: Path = ROOT, cache: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Build the site from `root` into `dest` with strict mode, exactly as `make site` does."""
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "OMRINGD_CACHE_DIR": str(cache or cache_dir(dest)),
        "OMRINGD_SITE_URL": SITE_URL,
    }
    return subprocess.run(
        [sys.executable, "-m", "omringd_mkdocs.build", "--site-dir", str(dest)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole site, built once for the test run."""
    dest = tmp_path_factory.mktemp("site")
    result = build_site(dest)
    assert result.returncode == 0, result.stderr[-4000:]
    return dest


@pytest.fixture(scope="session")
def server(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """nginx with the shipped configuration (deploy/nginx/) serving the built site on
    loopback, as in production: headers, CSP, precompressed files, 404 pages. Yields the base
    URL ending in '/'."""
    nginx = NginxServer(site_dir, run_dir=tmp_path_factory.mktemp("nginx"))
    url = nginx.start()
    yield url
    nginx.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium driven by Playwright (no downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


def built_pages(site_dir: Path) -> list[Path]:
    """Every HTML page of the built site (the 404 pages included)."""
    return sorted(site_dir.rglob("*.html"))


# --- Quality gates (browser, HTML validity, links, readability) ---------------------------

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def page_url(server: str, site_dir: Path, path: Path) -> str:
    """The address a reader uses for a built file: `ouders/index.html` -> `<server>ouders/`."""
    rel = path.relative_to(site_dir).as_posix()
    if rel == "index.html" or rel.endswith("/index.html"):
        rel = rel[: -len("index.html")]
    return server + rel


def page_lang(path: Path) -> str:
    """The `lang` of a built page's <html> element ('' when it has none)."""
    head = path.read_text(encoding="utf-8")[:2000]
    match = re.search(r"<html\b[^>]*\blang=\"([^\"]*)\"", head)
    return match.group(1) if match else ""
