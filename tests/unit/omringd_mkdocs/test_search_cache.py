"""Search entries kept from an earlier build stand in for Material's indexing of a page that is
the same, and only of such a page."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from omringd_mkdocs.search_cache import SearchEntryCache, page_key


def _page(content: str = "<h1 id='a'>A</h1><p>tekst</p>", **meta: Any) -> SimpleNamespace:
    anchor = SimpleNamespace(id="a", url="#a", title="A", children=[])
    return SimpleNamespace(url="ouders/", title="A", meta=dict(meta), toc=[anchor], content=content)


def _config() -> SimpleNamespace:
    index = SimpleNamespace(entries=[])
    return SimpleNamespace(plugins={"material/search": SimpleNamespace(search_index=index)})


def _material(page: SimpleNamespace, config: SimpleNamespace, calls: list[str]) -> None:
    """What Material's search plugin does with a page: index it unless it is excluded."""
    if (page.meta.get("search") or {}).get("exclude"):
        return
    calls.append(page.url)
    text = page.content.split("<p>")[1].split("</p>")[0]
    entries = config.plugins["material/search"].search_index.entries
    entries.append({"location": page.url, "title": page.title, "text": text})


def _index(cache: SearchEntryCache, page: SimpleNamespace, calls: list[str]) -> list[dict]:
    config = _config()
    cache.before(page, config)
    _material(page, config, calls)
    cache.after(page, config)
    return config.plugins["material/search"].search_index.entries


def test_a_page_the_same_as_before_gets_its_kept_entries_instead_of_material_indexing_it(
    tmp_path: Path,
) -> None:
    calls: list[str] = []
    first = SearchEntryCache(tmp_path, "nl")
    fresh = _index(first, _page(), calls)
    first.save()
    assert calls == ["ouders/"]
    again = SearchEntryCache(tmp_path, "nl")
    page = _page()
    assert _index(again, page, calls) == fresh
    assert calls == ["ouders/"]  # not indexed again
    assert "search" not in page.meta  # the page's own settings are as they were


def test_a_changed_page_is_indexed_again_and_unused_entries_leave_the_file(
    tmp_path: Path,
) -> None:
    calls: list[str] = []
    first = SearchEntryCache(tmp_path, "nl")
    _index(first, _page(), calls)
    first.save()
    changed = _page("<h1 id='a'>A</h1><p>nieuwe tekst</p>")
    assert page_key(changed) != page_key(_page())
    second = SearchEntryCache(tmp_path, "nl")
    assert _index(second, changed, calls)[0]["text"] == "nieuwe tekst"
    assert calls == ["ouders/", "ouders/"]
    second.save()
    assert list(SearchEntryCache(tmp_path, "nl").kept) == [page_key(changed)]


def test_an_excluded_page_is_left_to_material_and_its_setting_kept(tmp_path: Path) -> None:
    calls: list[str] = []
    cache = SearchEntryCache(tmp_path, "nl")
    page = _page(search={"exclude": True})
    assert _index(cache, page, calls) == []
    assert page.meta == {"search": {"exclude": True}}
    first = SearchEntryCache(tmp_path, "nl")
    _index(first, _page(search={"boost": 2}), calls)
    first.save()
    boosted = _page(search={"boost": 2})
    _index(SearchEntryCache(tmp_path, "nl"), boosted, calls)  # kept: Material skips it
    assert calls == ["ouders/"]
    assert boosted.meta == {"search": {"boost": 2}}
