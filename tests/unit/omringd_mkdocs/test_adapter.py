"""The MkDocs adapter (omringd_mkdocs) and the marker dispatch the hooks hand over to."""

from __future__ import annotations

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from omringd.contacts.markers import page_assets
from omringd.core.errors import DataError
from omringd.core.markers import find_markers
from omringd.tree.model import load_tree
from omringd.tree.render import PageLinks, render_marker
from omringd_mkdocs import (
    build_errors,
    building_last_language,
    current_language,
    default_language,
    language_codes,
    language_root,
    site_url,
)
from tests.conftest import ROOT, site_languages


@pytest.fixture(scope="module")
def config():  # noqa: ANN201 - MkDocsConfig
    """The project's own configuration, plugins loaded, as MkDocs gives it to the hooks."""
    return load_config(str(ROOT / "mkdocs.yml"))


def test_languages_come_from_the_i18n_plugin(config) -> None:  # noqa: ANN001
    assert language_codes(config) == list(site_languages())
    assert default_language(config) == "nl"
    assert language_root(config, "nl") == "" and language_root(config, "ar") == "ar/"


def test_the_language_being_built_is_the_plugins(config) -> None:  # noqa: ANN001
    plugin = config.plugins["i18n"]
    before = plugin.current_language
    try:
        plugin.current_language = "tr"
        assert current_language(config) == "tr"
    finally:
        plugin.current_language = before


def test_last_language_build(config) -> None:  # noqa: ANN001
    plugin = config.plugins["i18n"]
    before = plugin.building
    try:
        plugin.building = True
        assert not building_last_language(config)
        plugin.building = False
        assert building_last_language(config)
    finally:
        plugin.building = before


def test_site_url_ends_with_a_slash(config) -> None:  # noqa: ANN001
    assert site_url(config).endswith("/")


def test_data_errors_stop_the_build_with_their_message() -> None:
    with pytest.raises(PluginError, match=r"data/x.yml: contact 'a': is wrong"), build_errors():
        raise DataError("data/x.yml", "contact 'a'", "is wrong")


def _marker(text: str):  # noqa: ANN202
    return find_markers(text)[0]


LINKS = PageLinks(href=lambda n: f"{n}/", start="start/", overview="o/", base="", assets="a/")


def test_unknown_tree_marker_names_the_page_and_the_valid_forms() -> None:
    with pytest.raises(DataError) as info:
        render_marker(load_tree(), _marker("<!-- decision-tree: begin -->"), "nl", LINKS, "p.md")
    assert "p.md" in info.value.message and "node=<id>, start, overview" in info.value.message


def test_tree_marker_with_unknown_node_lists_the_nodes() -> None:
    tree = load_tree()
    with pytest.raises(DataError) as info:
        render_marker(tree, _marker("<!-- decision-tree: node=nope -->"), "nl", LINKS, "p.md")
    assert "nope" in info.value.message and tree.start in info.value.message


def test_card_assets_are_added_once_and_only_where_needed() -> None:
    assert page_assets("<p>no cards</p>", lang="nl", base="../") == ""
    card = '<article class="omr-card" data-omr-hours="[]"></article>'
    added = page_assets(card, lang="nl", base="../")
    assert added.count('href="../assets/contacts.css"') == 1
    assert added.count('src="../assets/contacts.js"') == 1
    assert page_assets(card + added, lang="nl", base="../") == ""
    # The tree's start page shows cards from its script: the stylesheet, no hours script.
    runner = page_assets("<div data-omr-tree-runner></div>", lang="nl", base="")
    assert "contacts.css" in runner and "contacts.js" not in runner


def test_a_preview_of_one_language_builds_it_with_the_source_language() -> None:
    from omringd_mkdocs import built_languages, limit_languages

    fresh = load_config(str(ROOT / "mkdocs.yml"))
    assert built_languages(fresh) == list(site_languages())
    limit_languages(fresh, "")  # no OMRINGD_LANG: every language
    assert built_languages(fresh) == list(site_languages())
    limit_languages(fresh, "fr")
    # Dutch stays: a page not translated yet falls back to it.
    assert built_languages(fresh) == ["nl", "fr"]
    limit_languages(fresh, "nl")
    assert built_languages(fresh) == ["nl"]
    with pytest.raises(PluginError, match=r"OMRINGD_LANG=xx: not a language of the site \(nl, "):
        limit_languages(fresh, "xx")


def test_compiled_templates_are_shared_through_a_folder(tmp_path) -> None:  # noqa: ANN001
    from jinja2 import DictLoader, Environment

    from omringd_mkdocs import share_compiled_templates

    templates = {"t.html": "{{ 1 + 1 }}"}
    first = Environment(loader=DictLoader(templates))
    share_compiled_templates(first, tmp_path / "jinja")
    assert first.get_template("t.html").render() == "2"
    assert list((tmp_path / "jinja").iterdir())  # compiled once, kept
    second = Environment(loader=DictLoader(templates))
    share_compiled_templates(second, tmp_path / "jinja")
    assert second.get_template("t.html").render() == "2"


def test_data_is_loaded_once_per_build_and_again_for_the_next() -> None:
    from omringd_mkdocs import once_per_build

    loads: list[int] = []
    first, second = load_config(str(ROOT / "mkdocs.yml")), load_config(str(ROOT / "mkdocs.yml"))
    assert once_per_build(first, "t", lambda: loads.append(1) or "a") == "a"
    assert once_per_build(first, "t", lambda: loads.append(1) or "b") == "a"  # every language
    assert once_per_build(second, "t", lambda: loads.append(1) or "c") == "c"  # a rebuild
    assert loads == [1, 1]

    def broken() -> str:
        raise ValueError("bad data")

    third = load_config(str(ROOT / "mkdocs.yml"))
    for _ in range(2):  # a failed load is not kept: the next call tries again
        with pytest.raises(ValueError):
            once_per_build(third, "t", broken)
