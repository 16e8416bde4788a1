"""The parallel build's parts without building: how languages are split into shards, how the
shards' folders are merged, and which post-build steps run where."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config

from omringd_mkdocs import (
    Shard,
    after_all_languages,
    build_order,
    building_shard,
    built_languages,
    current_shard,
    limit_languages,
    run_after_all_languages,
)
from omringd_mkdocs.shards import Builder, discard_parts, merge, part_dir, split
from tests.conftest import ROOT, site_languages

SIX = ["nl", "fr", "en", "ar", "tr", "pl"]


@pytest.mark.parametrize(
    ("jobs", "expected"),
    [
        (1, [("nl", "fr", "en", "ar", "tr", "pl")]),
        (2, [("nl", "fr", "en"), ("ar", "tr", "pl")]),
        (4, [("nl", "fr"), ("en", "ar"), ("tr",), ("pl",)]),
        (9, [(code,) for code in SIX]),
        (0, [("nl", "fr", "en", "ar", "tr", "pl")]),
    ],
)
def test_languages_are_split_into_runs_in_build_order(jobs: int, expected: list) -> None:
    runs = split(SIX, jobs)
    assert runs == expected
    assert [code for run in runs for code in run] == SIX  # each once, in order


def test_the_plan_starts_with_the_default_language_and_keeps_the_preview_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert build_order(config) == list(site_languages())
    shards = Builder(2).plan(config)
    assert shards[0].languages[0] == "nl"
    assert all(s.site_languages == tuple(site_languages()) for s in shards)
    monkeypatch.setenv("OMRINGD_LANG", "fr")
    limited = Builder(2).plan(load_config(str(ROOT / "mkdocs.yml")))
    assert [s.languages for s in limited] == [("nl",), ("fr",)]


def test_a_shard_sees_every_language_of_the_build_and_keeps_its_own_flags() -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    for lang in config.plugins["i18n"].config.languages:
        lang.build = lang.locale in ("ar", "tr")
    shard = Shard(("ar", "tr"), tuple(SIX))
    with building_shard(shard):
        assert current_shard() == shard
        assert built_languages(config) == SIX  # e.g. for the leaflets' links
        limit_languages(config, "fr")  # `make serve LANG=fr` does not undo the shard's flags
        assert [x.locale for x in config.plugins["i18n"].config.languages if x.build] == [
            "ar",
            "tr",
        ]
    assert current_shard() is None


def _shard_folder(path: Path, langs: tuple[str, ...], root: bool) -> None:
    for lang in langs:
        (path / lang).mkdir(parents=True)
        (path / lang / "index.html").write_text(lang, "utf-8")
    (path / "assets").mkdir(parents=True)
    (path / "assets" / "main.css").write_text("root" if root else "copy", "utf-8")


def test_merge_moves_the_later_shards_languages_and_drops_the_rest(tmp_path: Path) -> None:
    staging = tmp_path / "site.building"
    shards = [Shard(("nl", "fr"), tuple(SIX[:4])), Shard(("en", "ar"), tuple(SIX[:4]))]
    _shard_folder(staging, ("fr",), root=True)
    _shard_folder(part_dir(staging, 1), ("en", "ar"), root=False)
    merge(staging, shards, "nl")
    discard_parts(staging)
    assert (staging / "en" / "index.html").read_text("utf-8") == "en"
    assert (staging / "ar" / "index.html").read_text("utf-8") == "ar"
    assert (staging / "assets" / "main.css").read_text("utf-8") == "root"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site.building"]


def test_merge_refuses_a_language_built_twice(tmp_path: Path) -> None:
    staging = tmp_path / "site.building"
    _shard_folder(staging, ("fr",), root=True)
    _shard_folder(part_dir(staging, 1), ("fr",), root=False)
    shards = [Shard(("nl", "fr"), ("nl", "fr")), Shard(("fr",), ("nl", "fr"))]
    with pytest.raises(RuntimeError, match="'fr'"):
        merge(staging, shards, "nl")


class _I18n:
    building = False


class _Plugins(dict):
    def __init__(self, steps: list) -> None:
        super().__init__(i18n=_I18n())
        self.events = {"post_build": steps}


class _Config:
    def __init__(self, steps: list) -> None:
        self.plugins = _Plugins(steps)


def test_steps_after_all_languages_run_once_at_the_end_and_never_in_a_shard() -> None:
    ran: list[str] = []

    @after_all_languages(-150)
    def first(config: object) -> None:
        ran.append("first")

    @after_all_languages(-300)
    def second(config: object) -> None:
        ran.append("second")

    def per_language(config: object) -> None:
        ran.append("per language")

    config = _Config([first, per_language, second])
    config.plugins["i18n"].building = True  # a language before the last: nothing yet
    first(config)
    assert ran == []
    config.plugins["i18n"].building = False
    with building_shard(Shard(("ar",), tuple(SIX))):
        first(config)  # the last language of a shard: the parent runs it after the merge
    assert ran == []
    first(config)  # the last language of a sequential build
    assert ran == ["first"]
    ran.clear()
    run_after_all_languages(config)  # the parent, after merging: in MkDocs' order
    assert ran == ["first", "second"]


def test_a_step_after_all_languages_runs_after_the_i18n_plugin_built_them() -> None:
    # The i18n plugin builds the other languages in its own on_post_build, at priority -100: a
    # step above it would run in a sequential build before they exist.
    assert after_all_languages(-150)(lambda config: None).mkdocs_priority == -150
    with pytest.raises(ValueError, match="below -100"):
        after_all_languages(0)
