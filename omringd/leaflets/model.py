"""Printed leaflets: their definitions in data/leaflets.yml, loaded and checked.

A leaflet lists the site pages (or sections of them), the decision-tree flowchart and contacts
it is made of. It is printed from the built web pages, so it never holds a second copy of the
text (see `omringd.leaflets.html` and `omringd.leaflets.document`).

The file's values are checked by the models in `omringd.leaflets.schema`; the rules that relate
them to each other and to other data are checked here, each a DataError with file and line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from omringd.core.errors import DataError
from omringd.core.languages import SOURCE_LANGUAGE, direction
from omringd.core.paths import DATA_DIR
from omringd.core.yamlio import Loc, YamlDoc, load_yaml
from omringd.leaflets.pictograms import pictogram_names
from omringd.leaflets.schema import (
    CROP_MARK_SPACE_MM,
    LABEL_KEYS,
    ContentItem,
    FontFace,
    LeafletEntry,
    LeafletsFile,
    PrintOptions,
    parse_file,
)

__all__ = [
    "CROP_MARK_SPACE_MM",
    "FIT_SCALES",
    "LABEL_KEYS",
    "LEAFLETS_FILE",
    "PAPERS",
    "SOURCE_LANGUAGE",
    "FontFace",
    "Leaflet",
    "LeafletConfig",
    "Paper",
    "Part",
    "PrintOptions",
    "load_leaflets",
    "parse_leaflets",
    "text_direction",
]

LEAFLETS_FILE = DATA_DIR / "leaflets.yml"


@dataclass(frozen=True)
class Paper:
    """A paper format: page size in mm and how many pages the leaflet may (or must) have."""

    id: str
    width_mm: float
    height_mm: float
    pages: int
    exact: bool  # a folded sheet has exactly `pages` pages; a flyer at most `pages`
    description: str
    font_pt: float  # body text size the fit check starts from
    min_pt: float  # the floor: the fit check never sets the body text smaller
    margin_mm: float  # top and bottom
    side_mm: float  # left and right: keeps the lines at about 60 characters (clear print)

    def fit_sizes(self, factor: float = 1.0) -> tuple[float, ...]:
        """The body text sizes the fit check tries, largest first, never below the floor."""
        top, floor = self.font_pt * factor, self.min_pt * factor
        sizes = [top * scale for scale in FIT_SCALES if top * scale > floor]
        return (*sizes, floor) if floor < top else (top,)


PAPERS: Mapping[str, Paper] = MappingProxyType(
    {
        # A folder for parents, some of whom read little Dutch or have a mild intellectual
        # disability: clear-print guidance asks for at least 12 pt.
        "a5-folded": Paper(
            "a5-folded", 148, 210, 4, True, "A5 portrait, 4 pages (folded A4)", 12.5, 12, 9, 14
        ),
        # A flyer for professionals: at least 10 pt.
        "a4": Paper("a4", 210, 297, 2, False, "A4 portrait, at most 2 pages", 10.5, 10, 10, 13),
    }
)


# When a text is a little too long (a translation often is), the body text may shrink in these
# steps, never below the paper's floor (Paper.min_pt): then the editor shortens the text.
FIT_SCALES = (1.0, 0.98, 0.96)


@dataclass(frozen=True)
class Part:
    """One piece of a leaflet: a page (or some of its sections), the flowchart, contacts or a
    roster."""

    kind: str  # "page", "flowchart", "contacts" or "roster"
    page: str = ""  # source path under docs/<lang>/, e.g. "ouders/veilige-start.md"
    sections: tuple[str, ...] = ()  # heading ids; empty: the whole page
    contacts: tuple[str, ...] = ()
    pictograms: tuple[str, ...] = ()  # one per section heading of the page, in order
    roster: str = ""  # a roster id of data/contacts.yml


@dataclass(frozen=True)
class Cover:
    """A folder's first page: who it is for (a line per language) and a pictogram."""

    tagline: Mapping[str, str]
    pictogram: str


@dataclass(frozen=True)
class Back:
    """A folder's last page: these contacts, the team finder's page, the QR code."""

    contacts: tuple[str, ...]
    team_finder: str = ""


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
    cover: Cover | None = None
    back: Back | None = None

    @property
    def pages(self) -> tuple[str, ...]:
        """Every source page the leaflet prints, in order, without repeats."""
        return tuple(dict.fromkeys(p.page for p in self.parts if p.kind == "page"))

    @property
    def contacts(self) -> tuple[str, ...]:
        """Every contact the leaflet prints, in its parts and on its back."""
        ids = [c for p in self.parts for c in p.contacts]
        return tuple(dict.fromkeys([*ids, *(self.back.contacts if self.back else ())]))


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
    return direction(lang)


def _fail(doc: YamlDoc, loc: Loc, where: str, problem: str, valid: str = "") -> DataError:
    return DataError(doc.path, where, problem, line=doc.line(loc), valid=valid or None)


def _families(doc: YamlDoc, raw: LeafletsFile) -> dict[str, tuple[str, ...]]:
    """Each language's font families; each family needs a font, and 'default' must be there."""
    known = {f.family for f in raw.fonts}
    for lang, stack in raw.families.items():
        for family in stack:
            if family not in known:
                raise _fail(
                    doc,
                    ("families", lang),
                    f"families '{lang}'",
                    f"family '{family}' has no font under 'fonts'",
                    ", ".join(sorted(known)),
                )
    if "default" not in raw.families:
        raise _fail(doc, ("families",), "families", "misses 'default'")
    return dict(raw.families)


def _labels(doc: YamlDoc, raw: LeafletsFile) -> dict[str, Mapping[str, str]]:
    """Every label, each with its Dutch text (other languages fall back to it)."""
    labels = {}
    for key in LABEL_KEYS:
        texts: dict[str, str] = getattr(raw.labels, key)
        if SOURCE_LANGUAGE not in texts:
            raise _fail(doc, ("labels", key), f"label '{key}'", f"has no '{SOURCE_LANGUAGE}' text")
        labels[key] = MappingProxyType(dict(texts))
    return labels


def _check_pictograms(doc: YamlDoc, loc: Loc, where: str, names: Iterable[str]) -> None:
    known = pictogram_names()
    for name in names:
        if name not in known:
            raise _fail(doc, loc, where, f"pictogram '{name}' does not exist", ", ".join(known))


def _check_contacts(
    doc: YamlDoc, loc: Loc, where: str, ids: Iterable[str], known: set[str] | None
) -> None:
    for cid in ids:
        if known is not None and cid not in known:
            raise _fail(
                doc,
                loc,
                where,
                f"contact '{cid}' is not in data/contacts.yml",
                ", ".join(sorted(known)),
            )


def _cover(doc: YamlDoc, loc: Loc, raw: LeafletEntry) -> Cover | None:
    """The cover, with a tagline in every language the leaflet is printed in."""
    if raw.cover is None:
        return None
    where = f"leaflet '{raw.id}'"
    for lang in raw.languages:
        if lang not in raw.cover.tagline:
            raise _fail(
                doc, (*loc, "cover", "tagline"), where, f"the cover's tagline has no '{lang}' text"
            )
    _check_pictograms(doc, (*loc, "cover", "pictogram"), where, [raw.cover.pictogram])
    return Cover(MappingProxyType(dict(raw.cover.tagline)), raw.cover.pictogram)


def _part(item: ContentItem) -> Part:
    if item.page is not None:
        return Part("page", page=item.page, sections=item.sections, pictograms=item.pictograms)
    if item.flowchart is not None:
        return Part("flowchart")
    if item.roster is not None:
        return Part("roster", roster=item.roster)
    return Part("contacts", contacts=item.contacts or ())


def _leaflet(
    doc: YamlDoc, i: int, raw: LeafletEntry, known_ids: tuple[set[str], set[str]] | None
) -> Leaflet:
    """One leaflet, with the rules that go beyond its own values checked."""
    loc: Loc = ("leaflets", i)
    where = f"leaflet '{raw.id}'"
    paper = PAPERS.get(raw.paper)
    if paper is None:
        raise _fail(doc, (*loc, "paper"), where, f"unknown paper {raw.paper!r}", ", ".join(PAPERS))
    if SOURCE_LANGUAGE not in raw.languages:
        raise _fail(doc, (*loc, "languages"), where, f"must include '{SOURCE_LANGUAGE}'")
    # Other languages may leave the title out: the leaflet then takes its first page's title.
    if SOURCE_LANGUAGE not in raw.title:
        raise _fail(doc, (*loc, "title"), where, f"has no '{SOURCE_LANGUAGE}' title")
    known, rosters = known_ids if known_ids is not None else (None, None)
    for j, item in enumerate(raw.content):
        _check_contacts(doc, (*loc, "content", j), where, item.contacts or (), known)
        if item.roster is not None and rosters is not None and item.roster not in rosters:
            valid = ", ".join(sorted(rosters))
            raise _fail(
                doc,
                (*loc, "content", j, "roster"),
                where,
                f"roster '{item.roster}' is not in data/contacts.yml",
                valid,
            )
        _check_pictograms(doc, (*loc, "content", j, "pictograms"), where, item.pictograms)
    back = None
    if raw.back is not None:
        _check_contacts(doc, (*loc, "back", "contacts"), where, raw.back.contacts, known)
        back = Back(raw.back.contacts, raw.back.team_finder or "")
    return Leaflet(
        id=raw.id,
        title=MappingProxyType(dict(raw.title)),
        paper=paper,
        page=raw.page,
        languages=raw.languages,
        parts=tuple(_part(item) for item in raw.content),
        line=doc.line(loc),
        cover=_cover(doc, loc, raw),
        back=back,
    )


def parse_leaflets(
    path: Path, contact_ids: Iterable[str] | None = None, roster_ids: Iterable[str] = ()
) -> LeafletConfig:
    """Load and check `path`; `contact_ids` and `roster_ids` are the ids the directory knows
    (without `contact_ids`, ids are not checked)."""
    doc = load_yaml(path)
    raw = parse_file(doc)
    families = _families(doc, raw)
    labels = _labels(doc, raw)
    entries = raw.leaflets or ()
    known = (set(contact_ids), set(roster_ids)) if contact_ids is not None else None
    leaflets = tuple(_leaflet(doc, i, entry, known) for i, entry in enumerate(entries))
    ids = [lf.id for lf in leaflets]
    for i, lid in enumerate(ids):
        if lid in ids[:i]:
            raise _fail(doc, ("leaflets", i), f"leaflet '{lid}'", "is defined twice")
    return LeafletConfig(
        path=path,
        author=raw.author,
        print=raw.print or PrintOptions(),
        fonts=raw.fonts,
        families=MappingProxyType(families),
        text_size=MappingProxyType(dict(raw.text_size or {})),
        labels=MappingProxyType(labels),
        leaflets=leaflets,
    )


@lru_cache(maxsize=4)
def _cached(
    path: Path, stamp: int, contact_ids: tuple[str, ...] | None, roster_ids: tuple[str, ...]
) -> LeafletConfig:
    return parse_leaflets(path, contact_ids, roster_ids)


def load_leaflets(
    path: Path = LEAFLETS_FILE,
    contact_ids: Iterable[str] | None = None,
    roster_ids: Iterable[str] = (),
) -> LeafletConfig:
    """Load data/leaflets.yml once per change of the file."""
    stamp = path.stat().st_mtime_ns if path.exists() else 0
    ids = tuple(sorted(contact_ids)) if contact_ids is not None else None
    return _cached(path, stamp, ids, tuple(sorted(roster_ids)))
