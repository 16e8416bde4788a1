"""The sitemap is made from the built pages: each page in each language, its other languages,
and the date its facts were last checked."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from omringd.site.sitemap import built_pages, write_sitemap

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
URL = "https://omringd.example/"


def _page(site: Path, path: str, reviewed: str | None = "2026-11-23") -> None:
    folder = site / path
    folder.mkdir(parents=True, exist_ok=True)
    date = (
        f'<p class="omr-reviewed">Laatst nagekeken op <time datetime="{reviewed}">x</time></p>'
        if reviewed
        else ""
    )
    (folder / "index.html").write_text(f"<html><body>{date}</body></html>", "utf-8")


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    _page(site, "")
    _page(site, "ouders", "2026-12-01")
    _page(site, "fr")
    _page(site, "fr/ouders", None)  # a page that says no review date
    _page(site, "ar")  # Arabic has no parents' page
    (site / "assets").mkdir()
    (site / "assets" / "logo.svg").write_text("<svg/>", "utf-8")
    (site / "404.html").write_text("<html></html>", "utf-8")
    return site


def _urls(path: Path) -> dict[str, tuple[str | None, dict[str, str]]]:
    root = ET.parse(path).getroot()
    out = {}
    for url in root.findall("s:url", NS):
        lastmod = url.find("s:lastmod", NS)
        links = {x.get("hreflang"): x.get("href") for x in url.findall("x:link", NS)}
        out[url.find("s:loc", NS).text] = (None if lastmod is None else lastmod.text, links)
    return out


def test_pages_are_found_per_language_without_other_languages_folders(tmp_path: Path) -> None:
    pages = built_pages(_site(tmp_path), ["nl", "fr", "ar"], "nl")
    assert pages == {"nl": ["", "ouders/"], "fr": ["", "ouders/"], "ar": [""]}


def test_every_page_lists_the_languages_it_exists_in_and_its_review_date(
    tmp_path: Path,
) -> None:
    site = _site(tmp_path)
    urls = _urls(write_sitemap(site, URL, ["nl", "fr", "ar"], "nl"))
    assert list(urls) == [URL, URL + "ouders/", URL + "fr/", URL + "fr/ouders/", URL + "ar/"]
    lastmod, links = urls[URL + "ouders/"]
    assert lastmod == "2026-12-01"
    assert links == {"nl": URL + "ouders/", "fr": URL + "fr/ouders/", "x-default": URL + "ouders/"}
    assert urls[URL + "fr/ouders/"][0] is None  # no date on the page: none in the sitemap
    assert set(urls[URL + "ar/"][1]) == {"nl", "fr", "ar", "x-default"}


def test_the_sitemap_is_the_same_whatever_order_the_folders_were_written_in(
    tmp_path: Path,
) -> None:
    first = write_sitemap(_site(tmp_path / "a"), URL, ["nl", "fr", "ar"], "nl").read_bytes()
    other = tmp_path / "b" / "site"
    _page(other, "ar")
    _page(other, "fr/ouders", None)
    _page(other, "ouders", "2026-12-01")
    _page(other, "fr")
    _page(other, "")
    assert write_sitemap(other, URL, ["nl", "fr", "ar"], "nl").read_bytes() == first
