"""Search is per language: each language fetches and searches only its own index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from omringd.site.search import defer_index_loading, language_index, lunr_language
from tests.conftest import ROOT, site_languages

INDEX = {
    "config": {"lang": ["nl", "fr"], "separator": "x"},
    "docs": [
        {"location": "fr/", "title": "Accueil", "text": ""},
        {"location": "fr/ouders/", "title": "Parents", "text": ""},
        {"location": "ouders/", "title": "Ouders", "text": ""},
    ],
}


def test_language_index_keeps_only_that_language_relative_to_its_root() -> None:
    result = language_index(INDEX, "fr", "fr/")
    assert [d["location"] for d in result["docs"]] == ["", "ouders/"]
    assert result["config"]["lang"] == ["fr"]
    assert result["config"]["separator"] == "x"


def test_a_language_without_a_lunr_stemmer_gets_the_default_pipeline() -> None:
    assert lunr_language("pl") == "en"
    assert lunr_language("tr") == "tr"


def test_every_language_has_its_own_index(site_dir: Path) -> None:
    default = site_languages()[0]
    for lang in site_languages():
        root = site_dir if lang == default else site_dir / lang
        index = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"] == [lunr_language(lang)]
        assert len(index["docs"]) >= 10
        for doc in index["docs"]:
            page = doc["location"].split("#")[0]
            assert not page.startswith(tuple(f"{x}/" for x in site_languages())), doc["location"]
            assert (root / page / "index.html").is_file(), f"{lang}: {doc['location']}"


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_searching_a_page_returns_only_its_language(server: str, browser, lang: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    fetched: list[str] = []
    context.on("request", lambda r: fetched.append(r.url))
    page.goto(f"{server}{lang}/")
    # A programme name stays in Dutch in every language, so it is in every language's index
    # (and in the Dutch one, whose pages must not come up here).
    field = page.locator("input.md-search__input")
    field.fill("Zorggarantie")
    # Material searches on keyup, not on input: a key without a character, as a reader's last
    # key. (fill alone only worked while the index happened to load after the text was in.)
    field.press("End")
    results = page.locator(".md-search-result__link")
    results.first.wait_for()
    # Read in one go: the list is rendered by the search worker's answer.
    hrefs = results.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert hrefs, "no results"
    assert all(h.startswith(f"{server}{lang}/") for h in hrefs), hrefs
    indexes = [u for u in fetched if u.endswith("search_index.json")]
    assert indexes == [f"{server}{lang}/search/search_index.json"]
    context.close()


def _material_bundle() -> str:
    import material

    scripts = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
    return next(scripts.glob("bundle.*.min.js")).read_text(encoding="utf-8")


def test_the_pinned_material_bundle_loads_the_index_only_when_search_opens() -> None:
    bundle = _material_bundle()
    changed = defer_index_loading(bundle)
    assert 'location.protocol!=="file:"),' in bundle
    assert (
        changed != bundle and len(changed) == len(bundle) - len('location.protocol!=="file:"') + 2
    )
    # A second build (mkdocs serve) finds the file already changed and leaves it alone.
    assert defer_index_loading(changed) == changed


def test_an_unknown_bundle_fails_loudly() -> None:
    with pytest.raises(ValueError, match="found 0 places"):
        defer_index_loading("function Ei(e,t){return fetch(t)}")


def test_the_built_bundle_is_changed(site_dir: Path) -> None:
    bundle = next((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert 'location.protocol!=="file:"),' not in bundle.read_text(encoding="utf-8")


def test_decision_tree_questions_are_not_search_results_but_outcomes_are(site_dir: Path) -> None:
    import yaml

    routing = yaml.safe_load((ROOT / "data" / "decision-tree.yml").read_text())
    kinds = {node_id: node["kind"] for node_id, node in routing["nodes"].items()}
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = {d["location"].split("#")[0] for d in index["docs"]}
    found = {node_id: f"professionals/doorverwijzen/{node_id}/" in pages for node_id in kinds}
    assert not [n for n, k in kinds.items() if k == "question" and found[n]]
    assert all(found[n] for n, k in kinds.items() if k == "outcome")


def test_no_build_placeholder_reaches_a_search_index(site_dir: Path) -> None:
    for index in site_dir.rglob("search/search_index.json"):
        assert "@@" not in index.read_text(encoding="utf-8"), index
