"""Every image the build emits carries width and height, so nothing moves while it loads."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from tests.conftest import built_pages, site_languages


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.images: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.images.append({name: value or "" for name, value in attrs})

    handle_startendtag = handle_starttag


def images(path: Path) -> list[dict[str, str]]:
    parser = _Images()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.images


def test_every_img_has_a_width_and_a_height(site_dir: Path) -> None:
    pages = built_pages(site_dir)
    found = {page: images(page) for page in pages}
    total = sum(len(imgs) for imgs in found.values())
    print(f"{total} images in {len(pages)} pages")
    assert total >= len(pages), "expected at least the logo on every page"
    missing = [
        f"{page.relative_to(site_dir)}: {img.get('src')} width={img.get('width')!r} "
        f"height={img.get('height')!r}"
        for page, imgs in found.items()
        for img in imgs
        if not (img.get("width", "").isdigit() and img.get("height", "").isdigit())
        or "0" in (img["width"], img["height"])
    ]
    assert not missing, f"{len(missing)} images without a size:\n" + "\n".join(missing[:50])


def test_the_home_pages_show_both_pictograms_with_their_size(site_dir: Path) -> None:
    others = site_languages()[1:]
    homes = [site_dir / "index.html", *(site_dir / lang / "index.html" for lang in others)]
    for home in homes:
        srcs = {Path(img["src"]).name: img for img in images(home) if "pictograms" in img["src"]}
        assert set(srcs) == {"parent.svg", "professional.svg"}, home
        assert all(img["alt"] == "" and img["width"] == "64" for img in srcs.values()), home
