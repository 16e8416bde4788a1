"""Printed leaflets: their definitions in data/leaflets.yml, loaded and checked.

A leaflet lists the site pages (or sections of them), the decision-tree flowchart and contacts
it is made of. It is printed from the built web pages, so it never holds a second copy of the
text (see `omringd.leaflets.html` and `omringd.leaflets.pdf`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from omringd.core.errors import DataError
from omringd.core.languages import RTL_LANGUAGES
from omringd.core.paths import DATA_DIR
from omringd.core.yamlio import YamlDoc, load_yaml

LEAFLETS_FILE = DATA_DIR / "leaflets.yml"
SOURCE_LANGUAGE = "nl"
LABEL_KEYS = (
    "download",
    "other_language",
    "scan",
    "reviewed",
    "version",
    "flowchart",
    "flowchart_desc",
    "contacts",
)


@dataclass(frozen=True)
class Paper:
    """A paper format: page size in mm and how many pages the leaflet may (or must) have."""

    id: str
    width_mm: float
    height_mm: float
    pages: int
    exact: bool  # a folded sheet has exactly `pages` pages; a flyer at most `pages`
    description: str
    font_pt: float  # body text size; the fit check may go down to FIT_SCALES[-1] of it
    margin_mm: float


PAPERS: Mapping[str, Paper] = MappingProxyType(
    {
        "a5-folded": Paper(
            "a5-folded", 148, 210, 4, True, "A5 portrait, 4 pages (folded A4)", 8.7, 11
        ),
        "a4": Paper("a4", 210, 297, 2, False, "A4 portrait, at most 2 pages", 8.6, 14),
    }
)


# When a text is a little too long (a translation often is), the body text may shrink this far.
FIT_SCALES = (1.0, 0.96, 0.92)


@dataclass(frozen=True)
class Part:
    """One piece of a leaflet: a page (or some of its sections), the flowchart or contacts."""

    kind: str  # "page", "flowchart" or "contacts"
    page: str = ""  # source path under docs/<lang>/, e.g. "ouders/veilige-start.md"
    sections: tuple[str, ...] = ()  # heading ids; empty: the whole page
    contacts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Leaflet:
    """One leaflet as defined in data/leaflets.yml."""

    id: str
    title: Mapping[str, str]
    paper: Paper
    page: str  # the web page that links to the leaflet and that the QR code points to
    languages: tuple[str, ...]
    parts: tuple[Part, ...]
    line: int | None = None

    @property
    def pages(self) -> tuple[str, ...]:
        """Every source page the leaflet prints, in order, without repeats."""
        return tuple(dict.fromkeys(p.page for p in self.parts if p.kind == "page"))


@dataclass(frozen=True)
class FontFace:
    """One font file for one family, weight and style."""

    family: str
    file: Path
    weight: int = 400
    style: str = "normal"


# Crop marks sit outside the bleed (the print shop's bleed must stay clean): the PDF's sheet
# grows by this much on each side when they are on.
CROP_MARK_SPACE_MM = 6.0


@dataclass(frozen=True)
class PrintOptions:
    """What the print shop needs: bleed, crop marks, resolution for pixel images."""

    bleed_mm: float = 3
    crop_marks: bool = False
    image_dpi: int = 300

    @property
    def sheet_bleed_mm(self) -> float:
        """Paper around the page in the PDF: the bleed, plus room for the crop marks."""
        return self.bleed_mm + (CROP_MARK_SPACE_MM if self.crop_marks else 0)


@dataclass(frozen=True)
class LeafletConfig:
    """The whole of data/leaflets.yml, checked."""

    path: Path
    author: str
    print: PrintOptions
    fonts: tuple[FontFace, ...]
    families: Mapping[str, tuple[str, ...]]
    text_size: Mapping[str, float]  # per language, a factor on the paper's text size
    labels: Mapping[str, Mapping[str, str]]
    leaflets: tuple[Leaflet, ...]

    def get(self, leaflet_id: str, where: str = "") -> Leaflet:
        """The leaflet called `leaflet_id`; a DataError naming `where` if there is none."""
        for leaflet in self.leaflets:
            if leaflet.id == leaflet_id:
                return leaflet
        raise DataError(
            where or self.path,
            f"leaflet '{leaflet_id}'",
            "does not exist",
            valid=", ".join(lf.id for lf in self.leaflets),
        )

    def label(self, key: str, lang: str) -> str:
        """A word on the leaflet or the download link in `lang` (Dutch if not translated)."""
        texts = self.labels[key]
        return texts.get(lang) or texts[SOURCE_LANGUAGE]

    def family_stack(self, lang: str) -> tuple[str, ...]:
        """The font families `lang` is set in, first choice first."""
        return self.families.get(lang) or self.families["default"]

    def faces(self, lang: str) -> tuple[FontFace, ...]:
        """The font faces `lang` uses."""
        stack = set(self.family_stack(lang))
        return tuple(f for f in self.fonts if f.family in stack)


def text_direction(lang: str) -> str:
    """'rtl' for right-to-left languages such as Arabic, else 'ltr'."""
    return "rtl" if lang in RTL_LANGUAGES else "ltr"


def _fail(
    doc: YamlDoc, loc: tuple[Any, ...], where: str, problem: str, valid: str = ""
) -> DataError:
    return DataError(doc.path, where, problem, line=doc.line(loc), valid=valid or None)


def _texts(doc: YamlDoc, loc: tuple[Any, ...], where: str) -> dict[str, str]:
    raw = _get(doc, loc)
    if not isinstance(raw, dict) or not raw:
        raise _fail(doc, loc, where, "needs a text per language, e.g. 'nl: ...'")
    for lang, text in raw.items():
        if not isinstance(text, str) or not text.strip():
            raise _fail(doc, (*loc, lang), f"{where}, language '{lang}'", "is empty")
    return {str(k): v.strip() for k, v in raw.items()}


def _get(doc: YamlDoc, loc: tuple[Any, ...]) -> Any:
    value: Any = doc.data
    for key in loc:
        value = value[key] if isinstance(value, dict | list) else None
    return value


def _parse_part(doc: YamlDoc, loc: tuple[Any, ...], where: str, raw: Any) -> Part:
    if not isinstance(raw, dict) or len(set(raw) & {"page", "flowchart", "contacts"}) != 1:
        raise _fail(
            doc,
            loc,
            where,
            "each content item needs exactly one of 'page', 'flowchart', 'contacts'",
            valid="page: ouders/veilige-start.md, flowchart: decision-tree, contacts: [id, ...]",
        )
    if "page" in raw:
        page = raw["page"]
        if not isinstance(page, str) or not page.endswith(".md"):
            raise _fail(doc, (*loc, "page"), where, f"page {page!r} is not a Markdown file")
        sections = raw.get("sections") or []
        if not isinstance(sections, list) or not all(isinstance(s, str) for s in sections):
            raise _fail(doc, (*loc, "sections"), where, "sections must be a list of heading ids")
        return Part("page", page=page, sections=tuple(sections))
    if "flowchart" in raw:
        if raw["flowchart"] != "decision-tree":
            raise _fail(doc, (*loc, "flowchart"), where, "unknown flowchart", "decision-tree")
        return Part("flowchart")
    ids = raw["contacts"]
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
        raise _fail(doc, (*loc, "contacts"), where, "contacts must be a list of contact ids")
    return Part("contacts", contacts=tuple(ids))


def _parse_leaflet(doc: YamlDoc, i: int, raw: Any, contact_ids: Iterable[str] | None) -> Leaflet:
    loc: tuple[Any, ...] = ("leaflets", i)
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise _fail(doc, loc, f"leaflet {i + 1}", "needs an 'id'")
    lid = raw["id"]
    where = f"leaflet '{lid}'"
    for key in ("title", "paper", "page", "languages", "content"):
        if key not in raw:
            raise _fail(doc, loc, where, f"misses '{key}'")
    paper = PAPERS.get(raw["paper"])
    if paper is None:
        raise _fail(
            doc, (*loc, "paper"), where, f"unknown paper {raw['paper']!r}", ", ".join(PAPERS)
        )
    langs = raw["languages"]
    if not isinstance(langs, list) or not langs or not all(isinstance(x, str) for x in langs):
        raise _fail(doc, (*loc, "languages"), where, "languages must be a list of language codes")
    if SOURCE_LANGUAGE not in langs:
        raise _fail(doc, (*loc, "languages"), where, f"must include '{SOURCE_LANGUAGE}'")
    # Other languages may leave the title out: the leaflet then takes its first page's title.
    title = _texts(doc, (*loc, "title"), f"{where}, title")
    if SOURCE_LANGUAGE not in title:
        raise _fail(doc, (*loc, "title"), where, f"has no '{SOURCE_LANGUAGE}' title")
    content = raw["content"]
    if not isinstance(content, list) or not content:
        raise _fail(doc, (*loc, "content"), where, "content must list at least one item")
    parts = tuple(
        _parse_part(doc, (*loc, "content", j), where, item) for j, item in enumerate(content)
    )
    known = set(contact_ids) if contact_ids is not None else None
    for j, part in enumerate(parts):
        for cid in part.contacts:
            if known is not None and cid not in known:
                raise _fail(
                    doc,
                    (*loc, "content", j),
                    where,
                    f"contact '{cid}' is not in data/contacts.yml",
                    ", ".join(sorted(known)),
                )
    return Leaflet(
        id=lid,
        title=MappingProxyType(title),
        paper=paper,
        page=str(raw["page"]),
        languages=tuple(langs),
        parts=parts,
        line=doc.line(loc),
    )


def parse_leaflets(path: Path, contact_ids: Iterable[str] | None = None) -> LeafletConfig:
    """Load and check `path`; `contact_ids` are the ids the directory knows."""
    doc = load_yaml(path)
    data = doc.data
    if not isinstance(data, dict):
        raise DataError(path, "top level", "needs a mapping")
    for key in ("author", "fonts", "families", "labels", "leaflets"):
        if key not in data:
            raise DataError(path, "top level", f"misses '{key}'")
    opts = data.get("print") or {}
    options = PrintOptions(
        bleed_mm=float(opts.get("bleed_mm", 3)),
        crop_marks=bool(opts.get("crop_marks", False)),
        image_dpi=int(opts.get("image_dpi", 300)),
    )
    fonts = []
    for i, raw in enumerate(data["fonts"] or []):
        if not isinstance(raw, dict) or "family" not in raw or "file" not in raw:
            raise _fail(doc, ("fonts", i), f"font {i + 1}", "needs 'family' and 'file'")
        fonts.append(
            FontFace(
                family=str(raw["family"]),
                file=Path(raw["file"]),
                weight=int(raw.get("weight", 400)),
                style=str(raw.get("style", "normal")),
            )
        )
    families: dict[str, tuple[str, ...]] = {}
    known_families = {f.family for f in fonts}
    for lang, stack in (data["families"] or {}).items():
        if not isinstance(stack, list) or not stack:
            raise _fail(doc, ("families", lang), f"families '{lang}'", "needs a list of families")
        for family in stack:
            if family not in known_families:
                raise _fail(
                    doc,
                    ("families", lang),
                    f"families '{lang}'",
                    f"family '{family}' has no font under 'fonts'",
                    ", ".join(sorted(known_families)),
                )
        families[str(lang)] = tuple(stack)
    if "default" not in families:
        raise _fail(doc, ("families",), "families", "misses 'default'")
    sizes = data.get("text_size") or {}
    if not isinstance(sizes, dict) or not all(
        isinstance(v, int | float) and 0.5 <= v <= 2 for v in sizes.values()
    ):
        raise _fail(
            doc, ("text_size",), "text_size", "needs factors between 0.5 and 2 per language"
        )
    labels = {}
    for key in LABEL_KEYS:
        if key not in (data["labels"] or {}):
            raise _fail(doc, ("labels",), "labels", f"misses '{key}'")
        texts = _texts(doc, ("labels", key), f"label '{key}'")
        if SOURCE_LANGUAGE not in texts:
            raise _fail(doc, ("labels", key), f"label '{key}'", f"has no '{SOURCE_LANGUAGE}' text")
        labels[key] = MappingProxyType(texts)
    leaflets = tuple(
        _parse_leaflet(doc, i, raw, contact_ids) for i, raw in enumerate(data["leaflets"] or [])
    )
    ids = [lf.id for lf in leaflets]
    for lid in ids:
        if ids.count(lid) > 1:
            raise DataError(path, f"leaflet '{lid}'", "is defined twice")
    return LeafletConfig(
        path=path,
        author=str(data["author"]),
        print=options,
        fonts=tuple(fonts),
        families=MappingProxyType(families),
        text_size=MappingProxyType({str(k): float(v) for k, v in sizes.items()}),
        labels=MappingProxyType(labels),
        leaflets=leaflets,
    )


@lru_cache(maxsize=4)
def _cached(path: Path, stamp: int, contact_ids: tuple[str, ...] | None) -> LeafletConfig:
    return parse_leaflets(path, contact_ids)


def load_leaflets(
    path: Path = LEAFLETS_FILE, contact_ids: Iterable[str] | None = None
) -> LeafletConfig:
    """Load data/leaflets.yml once per change of the file."""
    stamp = path.stat().st_mtime_ns if path.exists() else 0
    ids = tuple(sorted(contact_ids)) if contact_ids is not None else None
    return _cached(path, stamp, ids)


def check_sources(
    config: LeafletConfig,
    leaflet: Leaflet,
    lang: str,
    docs_dir: Path,
    site_languages: Iterable[str],
) -> None:
    """A declared language needs the site language, its labels, every source page and every font."""
    where = f"leaflet '{leaflet.id}', language '{lang}'"
    langs = list(site_languages)
    if lang not in langs:
        raise DataError(
            config.path,
            where,
            "is not a language of the site",
            line=leaflet.line,
            valid=", ".join(langs),
        )
    for page in (*leaflet.pages, leaflet.page):
        source = docs_dir / lang / page
        if not source.exists():
            raise DataError(
                config.path,
                where,
                f"the page {page} is not translated (missing {source})",
                line=leaflet.line,
            )
    for face in config.faces(lang):
        if not face.file.is_file():
            raise DataError(
                config.path,
                where,
                f"font file {face.file} ({face.family}) is missing",
                line=leaflet.line,
                valid="install the Debian package fonts-noto-core (make site does)",
            )


def check_all(config: LeafletConfig, docs_dir: Path, site_languages: Iterable[str]) -> None:
    """Check every leaflet in every language it declares."""
    langs = list(site_languages)
    for leaflet in config.leaflets:
        for lang in leaflet.languages:
            check_sources(config, leaflet, lang, docs_dir, langs)
