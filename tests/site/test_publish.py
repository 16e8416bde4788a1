"""The built site as nginx serves it with the shipped configuration: `nginx -t`, the security
headers on every response (404s included), caching, per-language 404 pages, precompressed
files, and a CSP that allows every inline script of the build and nothing else."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from omringd.core.errors import DataError
from omringd.publish import (
    COMPRESSIBLE,
    DEPLOY_DIR,
    check_config,
    check_headers_include,
    csp_include_path,
    read_policy,
    site_inline_code,
    uncovered,
)
from omringd.publish.nginx import write_wrapper
from tests.conftest import build_site

LANGS = ["fr", "en", "ar", "tr", "pl"]
# The inline scripts Material 9 emits, as reviewed: its scope and hash helpers (the scope is
# the page's way back to the site root), the palette preference, and the anchor target fix.
# A Material upgrade that changes them fails here: review the new code, then add it.
REVIEWED_SCRIPTS = [
    re.compile(r'__md_scope=new URL\("(\.\.?(/\.\.)*|/)",location\),__md_hash=.*', re.S),
    re.compile(r'var palette=__md_get\("__palette"\);.*', re.S),
    re.compile(r"var target=document\.getElementById\(location\.hash\.slice\(1\)\);.*", re.S),
]


def fetch(url: str, encoding: str = "identity") -> tuple[int, dict[str, str], bytes]:
    """Status, headers and raw body of a GET (no redirects followed, nothing decoded)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object) -> None:
            return None

    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def test_nginx_t_accepts_the_shipped_config(site_dir: Path, tmp_path: Path) -> None:
    output = check_config(write_wrapper(site_dir, tmp_path, 8080))
    assert "syntax is ok" in output


def test_a_config_nginx_rejects_fails_with_nginx_s_message(site_dir: Path, tmp_path: Path) -> None:
    conf = write_wrapper(site_dir, tmp_path, 8080)
    conf.write_text(conf.read_text().replace("sendfile on;", "sendfile on;\n    gzip_statik on;"))
    with pytest.raises(DataError, match=r'nginx -t: .*unknown directive "gzip_statik"'):
        check_config(conf)


def test_a_missing_csp_include_fails_nginx_t(site_dir: Path, tmp_path: Path) -> None:
    conf = write_wrapper(site_dir, tmp_path, 8080, csp_include=tmp_path / "missing.conf")
    with pytest.raises(DataError, match=r"nginx -t: .*missing\.conf"):
        check_config(conf)


def _urls(server: str, site_dir: Path) -> list[str]:
    css = next((site_dir / "assets" / "stylesheets").glob("main.*.min.css")).name
    js = next((site_dir / "assets" / "javascripts").glob("bundle.*.min.js")).name
    return [
        server,
        server + "fr/ouders/",
        server + "fr",
        server + "fr/bestaat-niet/",
        server + "bestaat-niet",
        server + f"assets/stylesheets/{css}",
        server + f"assets/javascripts/{js}",
        server + "assets/omringd.css",
        server + "search/search_index.json",
        server + "sitemap.xml",
    ]


def test_every_response_has_the_security_headers(server: str, site_dir: Path) -> None:
    shipped = check_headers_include(DEPLOY_DIR / "security-headers.conf")
    policy = read_policy(csp_include_path(site_dir))
    problems = []
    for url in _urls(server, site_dir):
        status, headers, _ = fetch(url)
        for name, value in shipped.items():
            want = policy if name == "Content-Security-Policy" else value
            if name == "Strict-Transport-Security":
                # HTTPS only (hsts.conf); this server is plain HTTP.
                if name in headers:
                    problems.append(f"{url} ({status}): HSTS over plain HTTP")
            elif headers.get(name) != want:
                problems.append(f"{url} ({status}): {name} = {headers.get(name)!r}")
    assert not problems, "\n".join(problems)


def test_html_is_revalidated_and_fingerprinted_assets_are_immutable(
    server: str, site_dir: Path
) -> None:
    urls = _urls(server, site_dir)
    for url in urls[:5] + urls[7:]:
        assert fetch(url)[1]["Cache-Control"] == "no-cache", url
    for url in urls[5:7]:
        assert fetch(url)[1]["Cache-Control"] == "public, max-age=31536000, immutable", url


@pytest.mark.parametrize("lang", LANGS)
def test_a_missing_page_gets_its_language_s_404(server: str, lang: str) -> None:
    status, _, body = fetch(f"{server}{lang}/ouders/bestaat-niet/")
    assert status == 404
    assert re.search(rf'<html lang="{lang}"', body.decode()), body[:300]


def test_a_missing_page_elsewhere_gets_the_dutch_404(server: str) -> None:
    for path in ("bestaat-niet", "ouders/bestaat-niet", "french/x", "assets/none.css"):
        status, _, body = fetch(server + path)
        assert status == 404
        assert '<html lang="nl"' in body.decode(), path


def test_a_folder_without_its_slash_is_redirected_relatively(server: str) -> None:
    status, headers, _ = fetch(server + "fr/ouders")
    assert status == 301
    assert headers["Location"] == "/fr/ouders/"


@pytest.mark.parametrize(("accept", "suffix"), [("br, gzip", ".br"), ("gzip", ".gz")])
def test_precompressed_files_are_served_as_built(
    server: str, site_dir: Path, accept: str, suffix: str
) -> None:
    for rel in ("index.html", "ar/index.html", "search/search_index.json"):
        url = server + rel.removesuffix("index.html")
        status, headers, body = fetch(url, accept)
        assert status == 200
        assert headers["Content-Encoding"] == {".br": "br", ".gz": "gzip"}[suffix]
        assert headers["Vary"] == "Accept-Encoding"
        assert body == (site_dir / (rel + suffix)).read_bytes(), rel


def test_every_text_file_has_its_gz_and_br(site_dir: Path) -> None:
    texts = [p for p in site_dir.rglob("*") if p.suffix in COMPRESSIBLE and p.is_file()]
    assert len(texts) > 200
    missing = [
        p.relative_to(site_dir).as_posix()
        for p in texts
        if not p.with_name(p.name + ".gz").is_file() or not p.with_name(p.name + ".br").is_file()
    ]
    assert not missing, missing


def test_two_clean_builds_are_byte_identical_pdfs_included(site_dir: Path, tmp_path: Path) -> None:
    # A clean build: its own empty cache, so every leaflet is rendered again.
    again = tmp_path / "site"
    result = build_site(again)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "rendered in" in result.stderr, "the leaflets came from a cache"
    files = sorted(p.relative_to(site_dir) for p in site_dir.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert sum(p.suffix == ".pdf" for p in files) >= 6
    assert sum(p.suffix in (".gz", ".br") for p in files) > 400
    differ = [
        p.as_posix() for p in files if (site_dir / p).read_bytes() != (again / p).read_bytes()
    ]
    assert not differ, differ
    assert read_policy(csp_include_path(again)) == read_policy(csp_include_path(site_dir))


def test_the_served_policy_allows_every_inline_script_of_every_page(
    server: str, site_dir: Path
) -> None:
    policy = fetch(server)[1]["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    problems = uncovered(site_inline_code(site_dir), policy)
    assert not problems, "inline code the CSP does not allow:\n" + "\n".join(problems)


def test_every_inline_script_is_one_materials_we_reviewed(site_dir: Path) -> None:
    found = site_inline_code(site_dir)
    assert {c.kind for c in found} == {"script"}, "no inline styles"
    unknown = [
        f"{pages[0]}: {code.code[:200]!r}"
        for code, pages in found.items()
        if not any(p.fullmatch(code.code) for p in REVIEWED_SCRIPTS)
    ]
    assert not unknown, "inline scripts nobody reviewed:\n" + "\n".join(unknown)
    assert len(found) <= 12


def test_no_built_stylesheet_or_page_needs_a_data_image(server: str, site_dir: Path) -> None:
    policy = fetch(server)[1]["Content-Security-Policy"]
    assert "data:" not in policy
    found = [
        p.relative_to(site_dir).as_posix()
        for p in site_dir.rglob("*")
        if p.suffix in (".css", ".html") and "url(data:" in p.read_text("utf-8").replace('"', "")
    ]
    assert not found, found
    icons = list((site_dir / "assets" / "images" / "icons").glob("icon-*.svg"))
    assert len(icons) > 20
    status, headers, _ = fetch(server + icons[0].relative_to(site_dir).as_posix())
    assert status == 200 and headers["Content-Type"] == "image/svg+xml"
