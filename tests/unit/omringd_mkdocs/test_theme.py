"""The theme's work done once per process gives what MkDocs gives when it does it every time."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import get_files
from mkdocs.config import load_config
from mkdocs.structure.files import Files
from mkdocs.theme import Theme

from omringd_mkdocs import theme


def _project(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", "utf-8")
    (tmp_path / "overrides" / "assets").mkdir(parents=True)
    (tmp_path / "overrides" / "assets" / "a.css").write_text("p {}", "utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: t\ntheme:\n  name: material\n  custom_dir: overrides\n", encoding="utf-8"
    )
    return config


def _theme_files(config_file: Path) -> list[tuple[str, str]]:
    config = load_config(str(config_file))
    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)
    return sorted((f.src_uri, f.abs_src_path or "") for f in files)


@pytest.fixture
def shared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """MkDocs' own listing is restored after the test."""
    monkeypatch.setattr(Files, "add_files_from_theme", Files.add_files_from_theme)
    monkeypatch.setattr(Theme, "get_env", Theme.get_env)
    return tmp_path / "jinja"


def test_the_kept_listing_is_mkdocs_own_and_sees_a_new_project_file(
    tmp_path: Path, shared: Path
) -> None:
    config = _project(tmp_path)
    own = _theme_files(config)
    assert any(uri == "assets/a.css" for uri, _ in own)
    theme.share_theme_work(shared)
    assert _theme_files(config) == own
    assert _theme_files(config) == own  # the second time from the kept listing
    (tmp_path / "overrides" / "assets" / "b.css").write_text("p {}", "utf-8")
    assert any(uri == "assets/b.css" for uri, _ in _theme_files(config))


def test_every_theme_environment_keeps_its_compiled_templates(tmp_path: Path, shared: Path) -> None:
    config = load_config(str(_project(tmp_path)))
    theme.share_theme_work(shared)
    env = config.theme.get_env()
    assert env.bytecode_cache is not None
    env.get_template("partials/language.html")
    assert list(shared.iterdir())  # compiled once, kept for the next environment


@pytest.mark.parametrize("lang", ["nl", "fr", "ar", "pl"])
def test_interface_texts_are_materials_own(lang: str) -> None:
    import re

    import material
    from jinja2 import Environment, FileSystemLoader

    from tests.conftest import ROOT

    config = load_config(str(ROOT / "mkdocs.yml"))
    config.theme["language"] = lang
    materials = Path(material.__file__).parent / "templates"
    own = Environment(loader=FileSystemLoader(str(materials)))
    original = own.get_template("partials/language.html", globals={"config": config}).module
    english = (materials / "partials" / "languages" / "en.html").read_text("utf-8")
    keys = re.findall(r'^\s*"([\w.]+)":', english, re.M)
    assert len(keys) > 50
    translate = theme.interface_texts(config.theme.get_env(), lang)
    for key in [*keys, "no.such.text"]:
        assert str(translate(key)) == str(original.t(key)), key
