"""omringd.publish without MkDocs or a server: compression, inline code and its hashes, the
policy, and the checks of the shipped headers include."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import brotli
import pytest

from omringd.core.errors import DataError
from omringd.publish import (
    DEPLOY_DIR,
    InlineCode,
    check_headers_include,
    content_security_policy,
    csp_include_path,
    externalize_css,
    externalize_icons,
    inline_code,
    policy_hashes,
    precompress,
    read_policy,
    site_inline_code,
    uncovered,
    write_csp_include,
)
from omringd.publish.compress import gzip_bytes
from omringd.publish.headers import locations_without_headers

PAGE = """<!doctype html><html><head>
<script>alert(1)</script>
<script src="x.js"></script>
<script type="application/json" id="d">{"a": 1}</script>
</head><body><p>hi</p></body></html>"""


def test_gzip_is_reproducible_without_name_or_time() -> None:
    data = b"<p>hello</p>" * 100
    once = gzip_bytes(data)
    assert once == gzip_bytes(data)
    assert once[4:8] == b"\0\0\0\0", "mtime is 0"
    assert not once[3] & 0x08, "no file name (FNAME flag)"
    assert gzip.decompress(once) == data


def test_precompress_writes_gz_and_br_for_text_files_only(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("<p>x</p>" * 50)
    (tmp_path / "style.css").write_text("p{color:red}" * 50)
    (tmp_path / "logo.png").write_bytes(b"\x89PNG....")
    done = precompress(tmp_path)
    assert sorted(p.name for p in done) == ["index.html", "style.css"]
    html = tmp_path / "a" / "index.html"
    assert gzip.decompress((tmp_path / "a" / "index.html.gz").read_bytes()) == html.read_bytes()
    assert brotli.decompress((tmp_path / "a" / "index.html.br").read_bytes()) == html.read_bytes()
    assert not (tmp_path / "logo.png.gz").exists()
    assert not (tmp_path / "index.html.gz.gz").exists()


def test_precompress_again_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / "app.js").write_text("console.log(1);" * 40)
    precompress(tmp_path)
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()}
    precompress(tmp_path)
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()}
    assert before == after


def test_inline_code_finds_executable_scripts_only() -> None:
    assert inline_code(PAGE) == [InlineCode("script", "alert(1)")]


def test_a_hash_source_is_the_base64_sha256_of_the_utf8_text() -> None:
    # printf 'alert(1)' | openssl dgst -sha256 -binary | base64
    assert InlineCode("script", "alert(1)").source == (
        "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
    )


def test_inline_code_a_hash_cannot_allow_is_found() -> None:
    html = (
        '<style>p{}</style><p style="color:red" onclick="go()">'
        '<a href=" JavaScript:void(0)">x</a></p>'
    )
    kinds = [c.kind for c in inline_code(html)]
    assert kinds == ["style", "style attribute", "event handler", "javascript: URL"]


def test_the_policy_is_strict() -> None:
    policy = content_security_policy(["'sha256-abc='"], [])
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self' 'sha256-abc='"
    assert directives["style-src"] == "'self'"
    for name in ("base-uri", "frame-ancestors", "form-action"):
        assert directives[name] == "'none'"
    assert "unsafe" not in policy
    assert policy_hashes(policy)["script-src"] == {"'sha256-abc='"}


def _site(tmp_path: Path, html: str) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(html, encoding="utf-8")
    return site


def test_the_include_allows_every_inline_script_of_the_site(tmp_path: Path) -> None:
    site = _site(tmp_path, PAGE)
    include = write_csp_include(site)
    assert include == tmp_path / "site.nginx" / "csp.conf"
    assert include == csp_include_path(site)
    policy = read_policy(include)
    assert InlineCode("script", "alert(1)").source in policy
    assert uncovered(site_inline_code(site), policy) == []


def test_a_script_added_after_the_build_is_reported_with_its_page(tmp_path: Path) -> None:
    site = _site(tmp_path, PAGE)
    policy = read_policy(write_csp_include(site))
    (site / "late.html").write_text("<script>alert(2)</script>", encoding="utf-8")
    problems = uncovered(site_inline_code(site), policy)
    assert len(problems) == 1
    assert problems[0].startswith("late.html") and "alert(2)" in problems[0]


def test_a_style_attribute_stops_the_build_with_its_page(tmp_path: Path) -> None:
    site = _site(tmp_path, '<p style="color:red">x</p>')
    with pytest.raises(DataError, match=r"index\.html: style attribute 'color:red'.*unsafe-hashes"):
        write_csp_include(site)


def test_a_policy_file_without_a_policy_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "csp.conf").write_text("# nothing\n")
    with pytest.raises(DataError, match="no policy found"):
        read_policy(tmp_path / "csp.conf")


def test_the_shipped_headers_include_passes_its_check() -> None:
    headers = check_headers_include(DEPLOY_DIR / "security-headers.conf")
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Content-Security-Policy"] == "$omringd_csp"


def _include(tmp_path: Path, old: str, new: str) -> Path:
    text = (DEPLOY_DIR / "security-headers.conf").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "security-headers.conf"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_an_unknown_header_name_is_an_error(tmp_path: Path) -> None:
    path = _include(tmp_path, "add_header Referrer-Policy", "add_header Referer-Policy")
    with pytest.raises(DataError, match=r"add_header Referer-Policy: unknown header name"):
        check_headers_include(path)


def test_a_header_without_always_is_an_error(tmp_path: Path) -> None:
    path = _include(tmp_path, '"nosniff" always;', '"nosniff";')
    with pytest.raises(DataError, match="missing `always`"):
        check_headers_include(path)


def test_a_missing_header_is_an_error(tmp_path: Path) -> None:
    path = _include(tmp_path, 'add_header Referrer-Policy "no-referrer" always;', "")
    with pytest.raises(DataError, match="missing Referrer-Policy"):
        check_headers_include(path)


def test_every_location_includes_the_security_headers() -> None:
    text = (DEPLOY_DIR / "site.conf").read_text(encoding="utf-8")
    assert text.count("location ") >= 3
    assert locations_without_headers(text, "omringd/security-headers.conf") == []
    bad = text.replace("    include omringd/security-headers.conf;\n", "", 1)
    assert len(locations_without_headers(bad, "omringd/security-headers.conf")) == 1


SVG = "<svg xmlns='http://www.w3.org/2000/svg'><path d='M0 0h24'/></svg>"
CSS = f':root{{--a:url("data:image/svg+xml;charset=utf-8,{SVG}");--b:url("x.png")}}'


def test_inline_svg_icons_become_files_beside_the_site(tmp_path: Path) -> None:
    css, files = externalize_css(CSS, str(tmp_path / "assets/stylesheets"), str(tmp_path))
    assert "data:" not in css
    (rel,) = files
    assert files[rel] == SVG and rel.startswith("assets/images/icons/icon-")
    assert f'--a:url("../../{rel}")' in css and '--b:url("x.png")' in css


def test_the_built_stylesheets_hold_no_data_url_and_every_icon_exists(tmp_path: Path) -> None:
    sheet = tmp_path / "assets" / "stylesheets" / "main.css"
    sheet.parent.mkdir(parents=True)
    sheet.write_text(CSS + CSS.replace("24", "12"), encoding="utf-8")
    written = externalize_icons(tmp_path)
    assert len(written) == 2 and all(p.read_text("utf-8").startswith("<svg") for p in written)
    again = sheet.read_text("utf-8")
    assert "data:" not in again
    for url in re.findall(r'url\("(\.\./[^"]+)"\)', again):
        assert (sheet.parent / url).resolve().is_file(), url
    assert externalize_icons(tmp_path) == []  # nothing left to move the second time


def test_the_policy_allows_no_data_images() -> None:
    policy = content_security_policy([], [])
    img = next(d for d in policy.split(";") if d.strip().startswith("img-src"))
    assert img.split() == ["img-src", "'self'"]


def test_precompressed_copies_come_from_the_cache_when_the_bytes_are_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from omringd.publish import compress

    site = tmp_path / "site"
    site.mkdir()
    (site / "a.html").write_text("<p>" + "tekst " * 200 + "</p>", "utf-8")
    (site / "b.css").write_text("p { color: red }" * 50, "utf-8")
    cache = tmp_path / "cache"
    compress.precompress(site, cache)
    first = {p.name: p.read_bytes() for p in site.iterdir()}
    calls: list[int] = []
    real = compress.brotli_bytes
    monkeypatch.setattr(compress, "brotli_bytes", lambda data: calls.append(1) or real(data))
    compress.precompress(site, cache)
    assert calls == []  # nothing compressed again
    assert {p.name: p.read_bytes() for p in site.iterdir()} == first
    assert brotli.decompress(first["a.html.br"]) == (site / "a.html").read_bytes()
    assert gzip.decompress(first["b.css.gz"]) == (site / "b.css").read_bytes()
    # A changed file is compressed again; the copies nobody uses leave the cache.
    (site / "b.css").write_text("p { color: blue }", "utf-8")
    compress.precompress(site, cache)
    assert calls == [1]
    assert gzip.decompress((site / "b.css.gz").read_bytes()) == b"p { color: blue }"
    assert len(list(cache.iterdir())) == 4


def test_the_inline_code_scan_finds_the_same_in_parallel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from omringd.publish import csp

    for i in range(70):
        extra = f'<p style="color: red">{i}</p>' if i % 7 == 0 else ""
        (tmp_path / f"p{i:02}.html").write_text(f"<script>var a{i % 3};</script>{extra}", "utf-8")
    parallel = csp.site_inline_code(tmp_path)
    monkeypatch.setattr(csp, "PARALLEL_FROM", 10_000)
    assert csp.site_inline_code(tmp_path) == parallel
    assert len(parallel) == 4  # three scripts, one style attribute
    assert len(parallel[csp.InlineCode("style attribute", "color: red")]) == 10


def test_precompressed_copies_are_links_to_the_cache_and_a_change_never_reaches_it(
    tmp_path: Path,
) -> None:
    from omringd.publish import compress

    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    page = site / "a.html"
    page.write_text("<p>" + "eerste " * 100 + "</p>", "utf-8")
    compress.precompress(site, cache)
    gz = site / "a.html.gz"
    cached = next(p for p in cache.iterdir() if p.suffix == ".gz")
    assert gz.samefile(cached)  # linked, not written again
    before = cached.read_bytes()
    page.write_text("<p>" + "tweede " * 100 + "</p>", "utf-8")
    compress.precompress(site, cache)
    assert gzip.decompress(gz.read_bytes()) == page.read_bytes()
    assert not cached.exists() or cached.read_bytes() == before  # the old copy was not written


def test_the_inline_code_scan_reuses_what_it_found_in_pages_with_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from omringd.publish import csp

    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    for i in range(3):
        (site / f"p{i}.html").write_text(f"<script>var a{i};</script>", "utf-8")
    first = csp.site_inline_code(site, cache)
    parsed: list[int] = []
    real = csp.inline_code
    monkeypatch.setattr(csp, "inline_code", lambda html: parsed.append(1) or real(html))
    assert csp.site_inline_code(site, cache) == first
    assert parsed == []  # every page came from the cache
    (site / "p1.html").write_text('<p style="x">changed</p>', "utf-8")
    found = csp.site_inline_code(site, cache)
    assert parsed == [1]  # only the changed page was parsed again
    assert csp.InlineCode("style attribute", "x") in found
    assert csp.InlineCode("script", "var a1;") not in found
    assert found == csp.site_inline_code(site)  # the same as a scan without a cache
    (cache / csp.CACHE_NAME).write_text("{not json", "utf-8")
    assert csp.site_inline_code(site, cache) == found  # a broken cache is scanned afresh
