"""Shared fixtures: one site build per test run, nginx serving it, and headless Chromium."""

from __future__ import annotations

import fcntl
import functools
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from omringd.contacts import Directory, load_directory
from omringd.leaflets import LeafletConfig, load_leaflets
from omringd.publish import NginxServer
from omringd.tree import Tree, load_tree

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


# --- The real data, loaded once and only when a test asks (never at import) ----------------


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving its tags (`!ENV`)."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


@functools.cache
def site_languages() -> tuple[str, ...]:
    """The site's languages as mkdocs.yml lists them, the source language first."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), _ConfigLoader)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    return tuple(lang["locale"] for lang in i18n["languages"])


@functools.cache
def real_tree() -> Tree:
    """The referral tree of data/ in every site language."""
    return load_tree(languages=site_languages())


@functools.cache
def real_directory() -> Directory:
    """The contact directory of data/contacts.yml."""
    return load_directory()


@functools.cache
def real_leaflets() -> LeafletConfig:
    """The leaflets of data/leaflets.yml."""
    return load_leaflets()


def leaflet_cases() -> list[tuple[str, str]]:
    """Every (leaflet, language) the build renders."""
    return [(lf.id, lang) for lf in real_leaflets().leaflets for lang in lf.languages]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize over the real tree at collection, not import: `tree_edge` (question,
    option, next node), `outcome_path` (every path to an advice), `advice_path` (those that
    pass the acute-danger check), `site_language` (each language of mkdocs.yml),
    `translated_tree_language` (those the tree lists as complete, Dutch aside),
    `leaflet_id` with `lang` (every leaflet in each of its languages)."""
    names = metafunc.fixturenames
    if "leaflet_id" in names:
        metafunc.parametrize(("leaflet_id", "lang"), leaflet_cases())
    if "site_language" in names:
        metafunc.parametrize("site_language", site_languages())
    if "translated_tree_language" in names:
        complete = [c for c, s in real_tree().languages.items() if s == "complete" and c != "nl"]
        metafunc.parametrize("translated_tree_language", complete)
    if "tree_edge" in names:
        edges = list(real_tree().edges())
        metafunc.parametrize("tree_edge", edges, ids=[f"{q}--{o}" for q, o, _ in edges])
    for name, keep in (("outcome_path", None), ("advice_path", "nee")):
        if name in names:
            paths = [p for p in real_tree().outcome_paths() if keep in (None, p[0].option)]
            ids = ["/".join(s.option for s in p) + "->" + p[-1].next for p in paths]
            metafunc.parametrize(name, paths, ids=ids)


def copy_project(dest: Path, *, code: bool = False) -> Path:
    """A copy of the project's sources (what a build reads) in `dest`, for a build test that
    breaks one of them. With `code`, the packages too: they find data/ next to themselves
    (omringd.core.paths), so a test that breaks a data file needs its own copy of them."""
    dest.mkdir(parents=True)
    names = ("docs", "overrides", "hooks", "data")
    for name in names + (("deploy", "omringd", "omringd_mkdocs") if code else ()):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def cache_dir(dest: Path) -> Path:
    """The cache of a test build into `dest`: its own, not the checkout's shared .cache/."""
    return dest.with_name(dest.name + ".cache")


def build_site(
    dest: Path,
    root: Path = ROOT,
    cache: Path | None = None,
    *,
    jobs: int | None = None,
    plain: bool = False,
) -> subprocess.CompletedProcess[str]:
    """Build the site from `root` into `dest` with strict mode, exactly as `make site` does
    (`jobs`: its processes; `plain`: with a plain `mkdocs build` instead, one language after
    another in one process)."""
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "OMRINGD_CACHE_DIR": str(cache or cache_dir(dest)),
        "OMRINGD_SITE_URL": SITE_URL,
    }
    if plain:
        command = ["-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(dest)]
    else:
        command = ["-m", "omringd_mkdocs.build", "--site-dir", str(dest)]
        command += ["--jobs", str(jobs)] if jobs is not None else []
    return subprocess.run(
        [sys.executable, *command],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The whole site, built once for the test run: by the first test worker that needs it,
    while the others wait for it (no test writes into it)."""
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":  # pytest-xdist: the run's folder, above each worker's own
        shared = shared.parent
    dest, built = shared / "site", shared / "site.built"
    with (shared / "site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not built.exists():
            result = build_site(dest)
            assert result.returncode == 0, result.stderr[-4000:]
            built.touch()
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
