"""The shape of data/leaflets.yml as frozen pydantic models.

These check each value on its own: its type, that it is not empty, its range; an unknown key
is refused with the nearest known one. What relates values to each other or to other data
(a paper that exists, Dutch texts, fonts for each family, contacts in the directory) is checked
in `omringd.leaflets.model`, which turns the file into the leaflets the build uses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, ValidationError, model_validator
from pydantic_core import InitErrorDetails

from omringd.core.validation import StrictModel, raise_first
from omringd.core.yamlio import Loc, YamlDoc

# Crop marks sit outside the bleed (the print shop's bleed must stay clean): the PDF's sheet
# grows by this much on each side when they are on.
CROP_MARK_SPACE_MM = 6.0

Text = Annotated[str, Field(min_length=1)]
#: A text per language, e.g. {nl: ..., fr: ...}.
Texts = Annotated[dict[str, Text], Field(min_length=1)]
NonEmpty = Field(min_length=1)


def _markdown(value: str) -> str:
    if not value.endswith(".md"):
        raise ValueError(f"page {value!r} is not a Markdown file")
    return value


#: A source page under docs/<lang>/, e.g. "ouders/veilige-start.md".
MarkdownPage = Annotated[str, AfterValidator(_markdown)]


class PrintOptions(StrictModel):
    """What the print shop needs: bleed, crop marks, resolution for pixel images."""

    bleed_mm: float = 3.0
    crop_marks: bool = False
    image_dpi: int = 300

    @property
    def sheet_bleed_mm(self) -> float:
        """Paper around the page in the PDF: the bleed, plus room for the crop marks."""
        return self.bleed_mm + (CROP_MARK_SPACE_MM if self.crop_marks else 0)


class FontFace(StrictModel):
    """One font file for one family, weight and style."""

    family: Text
    file: Path
    weight: int = 400
    style: str = "normal"


class Labels(StrictModel):
    """The words on the leaflets and on the download link, each a text per language."""

    download: Texts
    other_language: Texts
    scan: Texts
    preview: Texts
    reviewed: Texts
    version: Texts
    flowchart: Texts
    flowchart_desc: Texts
    contacts: Texts
    roster: Texts  # the title of a roster (content item `roster`)
    help: Texts  # the title of a folder's back page
    find_team: Texts  # before the address of the team finder
    translation_notice: Texts  # on a translated leaflet: the Dutch text prevails, not sworn
    paper_a5_folded: Texts  # the paper, as the leaflets page names it
    paper_a4: Texts


#: What a content item can be, one key each.
KINDS = ("page", "flowchart", "contacts", "roster")


class ContentItem(StrictModel):
    """One item of a leaflet's content: a page (or some of its sections), the flowchart,
    contacts or a roster."""

    page: MarkdownPage | None = None
    sections: tuple[str, ...] = ()  # heading ids; empty: the whole page
    flowchart: Literal["decision-tree"] | None = None
    contacts: Annotated[tuple[str, ...], NonEmpty] | None = None
    roster: str | None = None  # a roster id of data/contacts.yml
    # One pictogram per section heading of the page, in order (overrides/omringd/pictograms/).
    pictograms: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _one_kind(self) -> ContentItem:
        kinds = [k for k in KINDS if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError(
                f"each content item needs exactly one of {', '.join(map(repr, KINDS))}"
            )
        if self.sections and self.page is None:
            raise ValueError("'sections' go with a 'page'")
        if self.pictograms and self.page is None:
            raise ValueError("'pictograms' go with a 'page'")
        return self


class Cover(StrictModel):
    """A folder's first page: the title, who it is for, a pictogram."""

    tagline: Texts
    pictogram: Text


class Back(StrictModel):
    """A folder's last page: the contacts that matter, the team finder, the QR code."""

    contacts: Annotated[tuple[str, ...], NonEmpty]
    team_finder: MarkdownPage | None = None  # the page where a postcode finds the team


class LeafletEntry(StrictModel):
    """One leaflet as written in the file."""

    id: Text
    title: Texts
    paper: str
    page: MarkdownPage  # the web page that links to the leaflet; the QR code points to it
    languages: Annotated[tuple[str, ...], NonEmpty]
    content: Annotated[tuple[ContentItem, ...], NonEmpty]
    cover: Cover | None = None
    back: Back | None = None


class LeafletsFile(StrictModel):
    """The whole of data/leaflets.yml."""

    author: str
    print: PrintOptions | None = None
    fonts: tuple[FontFace, ...]
    families: dict[str, Annotated[tuple[str, ...], NonEmpty]]
    text_size: dict[str, Annotated[float, Field(ge=0.5, le=2)]] | None = None
    labels: Labels
    leaflets: tuple[LeafletEntry, ...] | None


LABEL_KEYS: tuple[str, ...] = tuple(Labels.model_fields)


def item_ids(data: Any) -> dict[Loc, str]:
    """How messages name the items of the file: "leaflet 'ouders-folder'", "font 2", ..."""
    ids: dict[Loc, str] = {}
    if not isinstance(data, dict):
        return ids
    leaflets = data.get("leaflets")
    for i, raw in enumerate(leaflets if isinstance(leaflets, list) else []):
        lid = raw.get("id") if isinstance(raw, dict) else None
        ids[("leaflets", i)] = f"leaflet '{lid}'" if isinstance(lid, str) else f"leaflet {i + 1}"
    fonts = data.get("fonts")
    for i in range(len(fonts) if isinstance(fonts, list) else 0):
        ids[("fonts", i)] = f"font {i + 1}"
    for key, name in (("families", "families"), ("labels", "label")):
        section = data.get(key)
        for sub in section if isinstance(section, dict) else {}:
            ids[(key, sub)] = f"{name} '{sub}'"
    return ids


def _typos_first(err: ValidationError) -> ValidationError:
    """An unknown key is most often a typo of a key reported missing: name it first, so the
    message says which key was meant."""
    unknown = [e for e in err.errors(include_url=False) if e["type"] == "extra_forbidden"]
    if not unknown:
        return err
    first: InitErrorDetails = {
        "type": "extra_forbidden",
        "loc": unknown[0]["loc"],
        "input": unknown[0]["input"],
    }
    return ValidationError.from_exception_data(err.title, [first])


def parse_file(doc: YamlDoc) -> LeafletsFile:
    """`doc`'s data as a LeafletsFile, or a DataError naming file, line, item, key and what is
    valid."""
    try:
        return LeafletsFile.model_validate(doc.data)
    except ValidationError as err:
        raise_first(doc, _typos_first(err), item_ids=item_ids(doc.data), model=LeafletsFile)
        raise  # pragma: no cover - raise_first always raises
