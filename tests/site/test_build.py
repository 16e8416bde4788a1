"""The whole site builds in strict mode, and every nav page exists in every language."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.conftest import ROOT, site_languages


def _nav_files(nav: list) -> list[str]:
    out: list[str] = []
    for item in nav:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                out.extend(_nav_files(value) if isinstance(value, list) else [value])
    return out


def _config() -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def test_every_nav_page_exists_in_every_language(site_dir: Path) -> None:
    pages = _nav_files(_config()["nav"])
    assert len(pages) > 10
    for lang in site_languages():
        prefix = site_dir if lang == "nl" else site_dir / lang
        for src in pages:
            rel = src[: -len("index.md")] if src.endswith("index.md") else src[:-3] + "/"
            out = prefix / rel / "index.html"
            assert out.is_file(), f"{lang}: {src} was not built at {out}"


def test_no_google_fonts_or_cdn_in_config() -> None:
    assert _config()["theme"]["font"] is False
