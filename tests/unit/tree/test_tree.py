"""The decision tree: the data against the seed flowchart, one test per edge on the built
pages (smart-answers style), and every validation failure with its message."""

from __future__ import annotations

import html as html_lib
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from omringd.contacts import load_directory
from omringd.core.errors import DataError
from omringd.core.languages import direction
from omringd.i18n import load_ui
from omringd.sources import is_source, load_registry
from omringd.tree import Tree, check_stubs, diagram, load_tree
from omringd.tree.render import (
    PageLinks,
    render_node_page,
    render_overview,
    render_start,
    render_step,
)
from tests.conftest import ROOT, build_site

DATA = ROOT / "data" / "decision-tree.yml"
STUBS = ROOT / "docs" / "nl" / "professionals" / "doorverwijzen"
LANGS = ["nl", "fr", "en", "ar", "tr", "pl"]
TREE = load_tree(DATA, languages=LANGS)

# The referral flowchart of seed 001, written out by hand, with what this site adds and says it
# adds: the acute-danger check, the age (Zorggarantie is from -9 months to 3 years, seed 004),
# the region wherever the contacts differ by region, and the routes the flowchart does not
# give (pregnancy with limited cooperation outside Limburg; a child of 3 or more). A change to
# the routing must be a deliberate change here too.
REGIONS = ["antwerpen", "limburg", "oost-vlaanderen", "vlaams-brabant-brussel", "west-vlaanderen"]
ELSEWHERE = [r for r in REGIONS if r != "limburg"]
FLOWCHART: dict[tuple[str, str], str] = {
    ("acuut-gevaar", "ja"): "bel-112",
    ("acuut-gevaar", "nee"): "baby-of-kind",
    ("baby-of-kind", "buik"): "samenwerking-zwangerschap",
    ("baby-of-kind", "geboren-jonger-dan-3"): "samenwerking-geboren",
    ("baby-of-kind", "geboren-3-of-ouder"): "samenwerking-ouder-kind",
    ("samenwerking-zwangerschap", "mogelijk"): "nood-aan-ondersteuning",
    ("samenwerking-zwangerschap", "beperkt"): "regio-zwangerschap",
    ("samenwerking-geboren", "mogelijk"): "nood-aan-ondersteuning",
    ("samenwerking-geboren", "beperkt"): "regio-geboren",
    ("samenwerking-ouder-kind", "mogelijk"): "nood-aan-ondersteuning-ouder-kind",
    ("samenwerking-ouder-kind", "beperkt"): "gemandateerde-voorziening-ouder-kind",
    ("nood-aan-ondersteuning", "geen"): "zorgmelding",
    ("nood-aan-ondersteuning", "regulier"): "regulier-aanbod",
    ("nood-aan-ondersteuning", "onvoldoende"): "regio",
    ("nood-aan-ondersteuning-ouder-kind", "geen"): "zorgmelding",
    ("nood-aan-ondersteuning-ouder-kind", "regulier"): "regulier-aanbod",
    ("nood-aan-ondersteuning-ouder-kind", "onvoldoende"): "geen-zorggarantie",
    **{("regio", r): f"zorggarantie-{r}" for r in REGIONS},
    **{
        ("regio-zwangerschap", r): "veilig-in-de-buik"
        if r == "limburg"
        else f"zwangerschap-buiten-limburg-{r}"
        for r in REGIONS
    },
    **{("regio-geboren", r): f"gemandateerde-voorziening-{r}" for r in REGIONS},
}
OUTCOME_CONTACTS = {
    "bel-112": ["noodnummer-112", "hulplijn-1712"],
    "veilig-in-de-buik": ["veilig-van-in-de-buik", "ocj-limburg", "kind-en-gezin-lijn"],
    "zorggarantie-limburg": ["zorggarantie-limburg", "veilig-van-in-de-buik"],
    **{f"zorggarantie-{r}": [f"zorggarantie-{r}"] for r in ELSEWHERE},
    **{f"zwangerschap-buiten-limburg-{r}": [f"zorggarantie-{r}"] for r in ELSEWHERE},
    "gemandateerde-voorziening-limburg": [
        "ocj-limburg",
        "zorggarantie-limburg",
        "veilig-van-in-de-buik",
    ],
    **{f"gemandateerde-voorziening-{r}": [f"zorggarantie-{r}"] for r in ELSEWHERE},
    "gemandateerde-voorziening-ouder-kind": [],
    "geen-zorggarantie": [],
}


def test_routing_is_the_seed_flowchart() -> None:
    assert {(q, o): n for q, o, n in TREE.edges()} == FLOWCHART
    for node_id, contacts in OUTCOME_CONTACTS.items():
        assert list(TREE.nodes[node_id].contacts) == contacts, node_id


def test_every_path_ends_at_an_outcome() -> None:
    paths = TREE.outcome_paths()
    assert len(paths) == 29
    for path in paths:
        assert path[0].question == TREE.start
        assert not TREE.nodes[path[-1].next].is_question


# --- region, age, sources: what the reader is shown on every path ----------------------------

# Every phone number the contact directory gives, by contact id (as printed on the cards).
DIRECTORY = load_directory()
ZG_TEAMS = {f"zorggarantie-{r}" for r in REGIONS}


def _numbers(contact_id: str) -> list[str]:
    return [p.number for p in DIRECTORY.by_id[contact_id].phones]


def _region_of(path: tuple) -> str | None:
    """The region answered on a path, if a region question was asked."""
    return next((s.option for s in path if s.question.startswith("regio")), None)


def _age_of(path: tuple) -> str:
    first = next(s.option for s in path if s.question == "baby-of-kind")
    return {"buik": "unborn", "geboren-jonger-dan-3": "under 3", "geboren-3-of-ouder": "3+"}[first]


def _shown(node_id: str, lang: str = "nl") -> str:
    """The text of the outcome's page as a reader sees it (tags dropped)."""
    html = render_node_page(TREE, node_id, lang, _links())
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", html.split("omr-tree__trail")[0]))


ADVICE_PATHS = [p for p in TREE.outcome_paths() if p[0].option == "nee"]


@pytest.mark.parametrize(
    "path", ADVICE_PATHS, ids=["/".join(s.option for s in p) for p in ADVICE_PATHS]
)
def test_a_region_dependent_advice_shows_only_that_regions_contacts(path: tuple) -> None:
    """Every path that asks the region ends at that region's cards only: no team, OCJ or
    project of another region, and none of their numbers anywhere on the page."""
    region = _region_of(path)
    outcome = path[-1].next
    contacts = set(TREE.nodes[outcome].contacts)
    regional = {
        c
        for c in contacts
        if DIRECTORY.by_id[c].regions != DIRECTORY.by_id["noodnummer-112"].regions
    }
    if region is None:
        # No region asked: no card that belongs to one region only.
        assert not regional, (outcome, regional)
        return
    own = {"vlaams-brabant-brussel": {"vlaams-brabant", "brussel"}}.get(region, {region})
    for cid in regional:
        assert set(DIRECTORY.by_id[cid].regions) <= own, (outcome, cid)
    page = _shown(outcome)
    for cid in DIRECTORY.by_id:
        if set(DIRECTORY.by_id[cid].regions) & own or cid in contacts:
            continue
        for number in _numbers(cid):
            assert number not in page, (outcome, cid, number)


@pytest.mark.parametrize("region", REGIONS)
def test_born_child_with_limited_cooperation_gets_its_regions_contact(region: str) -> None:
    outcome = FLOWCHART[("regio-geboren", region)]
    contacts = list(TREE.nodes[outcome].contacts)
    page = _shown(outcome)
    if region == "limburg":
        assert contacts[0] == "ocj-limburg"
        assert "011 30 34 30" in page
    else:
        # No OCJ or VK card outside Limburg, a plain statement, and the region's own team.
        assert contacts == [f"zorggarantie-{region}"]
        assert "011 30 34 30" not in page
        assert "geven geen telefoonnummer van het OCJ of het VK in jouw regio" in page
        for number in _numbers(f"zorggarantie-{region}"):
            assert number in page


@pytest.mark.parametrize("region", REGIONS)
def test_pregnancy_with_limited_cooperation_outside_limburg_says_what_it_is(region: str) -> None:
    outcome = FLOWCHART[("regio-zwangerschap", region)]
    page = _shown(outcome)
    if region == "limburg":
        assert outcome == "veilig-in-de-buik"
        return
    assert TREE.nodes[outcome].contacts == (f"zorggarantie-{region}",)
    assert "geen eigen route" in page  # not presented as the flowchart's route
    assert (
        TREE.nodes[outcome].source == "pagina-zorggarantie"
    )  # seed 004: "tijdens de zwangerschap"
    assert "011 30 34 30" not in page


def test_a_child_of_3_or_more_never_reaches_zorggarantie() -> None:
    """Walk every path: a child of 3 or more never ends at a Zorggarantie card, a born child
    under 3 and an unborn baby can."""
    ends = {"unborn": set(), "under 3": set(), "3+": set()}
    for path in ADVICE_PATHS:
        outcome = TREE.nodes[path[-1].next]
        ends[_age_of(path)] |= set(outcome.contacts)
    assert not ends["3+"] & ZG_TEAMS, ends["3+"]
    assert ends["under 3"] >= ZG_TEAMS and ends["unborn"] >= ZG_TEAMS
    page = _shown("geen-zorggarantie")
    assert "alleen voor kinderen tot 3 jaar" in page


def test_every_node_is_reachable_and_every_outcome_reached() -> None:
    reached = {TREE.start} | {s.next for p in TREE.outcome_paths() for s in p}
    assert reached == set(TREE.nodes)


def test_every_outcome_names_its_source_and_check_date() -> None:
    registry = load_registry(tuple(TREE.languages))
    for node_id, node in TREE.nodes.items():
        if node.is_question and node.source is None:
            assert node.checked is None, node_id
            continue
        assert is_source(node.source, registry.sources), node_id
        assert isinstance(node.checked, date) and node.checked <= date.today(), node_id
        if not node.is_question:
            assert node.contacts or node.no_contact, node_id


def test_limburg_advice_offers_the_project_after_birth_with_its_status() -> None:
    for node_id in ("zorggarantie-limburg", "gemandateerde-voorziening-limburg"):
        node = TREE.nodes[node_id]
        assert "veilig-van-in-de-buik" in node.contacts
        assert node.status == "veilig-en-omringd"
        html = render_node_page(TREE, node_id, "nl", _links())
        assert 'class="omr-status"' in html
        assert "proefproject" in _shown(node_id)
    # The status sentence comes from data/programmes.yml, in the page's language.
    status = load_registry(tuple(TREE.languages)).programmes["veilig-en-omringd"]
    assert " ".join(status.text("fr")[0].split()) in " ".join(
        _shown("veilig-in-de-buik", "fr").split()
    )


def test_outcome_without_contact_says_why() -> None:
    html = render_node_page(TREE, "gemandateerde-voorziening-ouder-kind", "nl", _links())
    assert "omr-tree__no-contact" in html
    assert TREE.ui("nl")["no_contact_not_in_sources"] in html
    assert "data-omr-contact" not in html


@pytest.mark.parametrize("lang", ["ar", "tr", "pl"])
def test_a_step_in_dutch_says_so_in_the_readers_language(lang: str) -> None:
    notice = load_ui(ROOT / "data" / "ui.yml", LANGS).for_lang(lang)["fallback_banner"]
    for node_id in TREE.nodes:
        html = render_step(TREE, node_id, lang, _links(), heading=1)
        assert (notice in html) == (TREE.text(node_id, lang).lang != lang), node_id
    # ... and a step in the reader's own language does not.
    assert load_ui(ROOT / "data" / "ui.yml", LANGS).for_lang("nl")["fallback_banner"] not in (
        render_step(TREE, "regio", "fr", _links(), heading=1)
    )


class _Links(HTMLParser):
    """The answer links (data-omr-next) of a built node page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []
        self._open: tuple[str, str] | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("data-omr-next"):
            self._open, self._text = (a["data-omr-next"] or "", a.get("href") or ""), ""

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            self.links.append((*self._open, self._text.strip()))
            self._open = None


@pytest.mark.parametrize(
    ("node", "option", "expected"),
    list(TREE.edges()),
    ids=[f"{q}--{o}" for q, o, _ in TREE.edges()],
)
def test_edge(site_dir: Path, node: str, option: str, expected: str) -> None:
    """On the built page of `node`, the answer `option` is a link to the page of `expected`."""
    page = site_dir / "professionals" / "doorverwijzen" / node / "index.html"
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    label = TREE.text(node, "nl").options[option].label
    assert (expected, f"../{expected}/", label) in parser.links
    assert (site_dir / "professionals" / "doorverwijzen" / expected / "index.html").is_file()


def test_stubs_exist_exactly_for_the_nodes() -> None:
    check_stubs(TREE, STUBS)
    pages = {p.stem for p in STUBS.glob("*.md")} - {"overzicht"}
    assert pages == set(TREE.nodes)


def test_outcome_pages_show_the_data(site_dir: Path) -> None:
    for node_id, node in TREE.nodes.items():
        html = (site_dir / "professionals/doorverwijzen" / node_id / "index.html").read_text()
        text = TREE.text(node_id, "nl")
        title = html_lib.unescape(re.search(r"<title>([^<]*)</title>", html).group(1))
        assert title.startswith(text.title), node_id
        assert f'data-omr-node="{node_id}"' in html
        shown = re.findall(r'data-omr-contact="([^"]+)"', html.split("omr-tree__trail")[0])
        assert shown == list(node.contacts), node_id


class _Element:
    """An element of a parsed page: tag, attributes, children (elements and text)."""

    def __init__(self, tag: str, attrs: dict[str, str | None], parent: _Element | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[_Element | str] = []

    def iter(self) -> Iterator[_Element]:
        yield self
        for child in self.children:
            if isinstance(child, _Element):
                yield from child.iter()

    def texts(self) -> Iterator[tuple[str, _Element]]:
        """Every text in document order with the element it is in."""
        for child in self.children:
            if isinstance(child, _Element):
                yield from child.texts()
            else:
                yield child, self

    def ancestors(self) -> Iterator[_Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def has_class(self, name: str) -> bool:
        return name in (self.attrs.get("class") or "").split()


_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
        "path",
        "rect",
    }
)


class _Dom(HTMLParser):
    """A small DOM of a page from html.parser (our markup closes every element it opens)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self._open = _Element("#root", {}, None)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = _Element(tag, dict(attrs), self._open)
        self._open.children.append(element)
        if tag not in _VOID:
            self._open = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open.children.append(_Element(tag, dict(attrs), self._open))

    def handle_endtag(self, tag: str) -> None:
        node: _Element | None = self._open
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:  # an unmatched end tag is ignored
            self._open = node.parent

    def handle_data(self, data: str) -> None:
        self._open.children.append(data)


def _dom(html: str) -> _Element:
    parser = _Dom()
    parser.feed(html)
    parser.close()
    return parser.root


def _node_words(lang: str) -> dict[str, set[str]]:
    """Every text of every node as shown on `lang` pages, mapped to the language it is in."""
    words: dict[str, set[str]] = {}
    for node_id in TREE.nodes:
        t = TREE.text(node_id, lang)
        texts = [t.title, t.short, t.help, t.summary, t.why, *t.conditions, *t.next_steps]
        texts += [o.label for o in t.options.values()] + [o.short for o in t.options.values()]
        for text in texts:
            if text:
                words.setdefault(" ".join(text.replace("**", "").split()), set()).add(t.lang)
    return words


def _source_languages(fragment: str, words: dict[str, set[str]]) -> set[str]:
    """The languages of the node words that contain `fragment` (none: an interface string)."""
    return {code for text, codes in words.items() if fragment in text for code in codes}


def _direction(lang: str) -> str:
    return direction(lang)


def _dir(element: _Element) -> str | None:
    """The direction an element sets: `dir` in HTML, the `direction` property in SVG."""
    svg = any(e.tag == "svg" for e in (element, *element.ancestors()))
    return element.attrs.get("direction" if svg else "dir")


def _check_word_languages(root: _Element, lang: str) -> int:
    """Node words carry the language they are in, everything else is in the page's language.

    Every text outside the contact cards (which are in the page language and mark their own
    proper names): when it is part of the node words, its nearest `lang` (the page's when no
    element has one) is the language of those words with the matching `dir`; when it is not
    (interface strings, arrows, punctuation), no element around it changes the language.
    Cards are never inside an element in another language. Returns how many texts it saw in
    another language than the page's.
    """
    words = _node_words(lang)
    seen = 0
    for element in root.iter():
        if element.has_class("omr-card"):
            around = [a.attrs["lang"] for a in element.ancestors() if "lang" in a.attrs]
            assert set(around) <= {lang}, f"a card inside lang={around}"
    for text, parent in root.texts():
        fragment = " ".join(text.split())
        chain = [parent, *parent.ancestors()]
        if not re.search(r"\w", fragment) or any(
            e.tag in ("script", "style") or e.has_class("omr-card") for e in chain
        ):
            continue
        marked = next((e for e in chain if "lang" in e.attrs), None)
        effective = marked.attrs["lang"] if marked else lang
        expected = _source_languages(fragment, words) or {lang}
        assert effective in expected, f"{fragment!r} is in lang={effective}, not {expected}"
        direction = next(
            (d for d in map(_dir, chain) if d),
            _direction(lang),  # what the page sets on its body
        )
        assert direction == _direction(effective), f"{fragment!r} is {direction}"
        seen += effective != lang
    return seen


def _fallback_language() -> str:
    """A site language that shows Dutch words for some nodes (picked from the data)."""
    return next(
        code
        for code in LANGS[1:]
        if any(TREE.text(node_id, code).lang == "nl" for node_id in TREE.nodes)
    )


def _tree_pages(lang: str) -> dict[str, str]:
    """The markup of every node page, the start page and the overview in `lang`."""
    pages = {n: render_node_page(TREE, n, lang, _links()) for n in TREE.nodes}
    pages["start"] = render_start(TREE, lang, _links())
    pages["overview"] = render_overview(TREE, lang, _links())
    return pages


@pytest.mark.parametrize("lang", LANGS)
def test_node_words_carry_their_own_language(lang: str) -> None:
    dutch = 0
    for name, html in _tree_pages(lang).items():
        try:
            dutch += _check_word_languages(_dom(html), lang)
        except AssertionError as err:
            raise AssertionError(f"{lang}, {name}: {err}") from err
    falls_back = any(TREE.text(n, lang).lang != lang for n in TREE.nodes)
    assert (dutch > 0) == falls_back


def test_interface_strings_and_cards_are_never_marked_dutch() -> None:
    lang = _fallback_language()
    ui = TREE.ui(lang)
    for name, html in _tree_pages(lang).items():
        root = _dom(html)
        for element in root.iter():
            if element.attrs.get("lang") != "nl":
                continue
            inside = " ".join(" ".join(t.split()) for t, _ in element.texts())
            assert not element.has_class("omr-tree__step"), name
            assert not [e for e in element.iter() if e.has_class("omr-card")], name
            assert not [v for v in ui.values() if v in inside], f"{name}: {inside!r}"
            # The answer list's label ("Choose an answer") is an interface string too.
            assert not [e for e in element.iter() if "aria-label" in e.attrs], name


def _built_tree(site_dir: Path, lang: str, page: str) -> _Element:
    html = (site_dir / lang / page / "index.html").read_text(encoding="utf-8")
    return next(e for e in _dom(html).iter() if e.has_class("omr-tree"))


def _nearest_lang(element: _Element) -> tuple[str, str]:
    """The language and direction in effect at `element` (the page sets dir on its body)."""
    chain = [element, *element.ancestors()]
    lang = next(e.attrs["lang"] or "" for e in chain if "lang" in e.attrs)
    return lang, next(d for d in map(_dir, chain) if d)


@pytest.mark.parametrize(
    "page",
    [
        "professionals/doorverwijzen/regio",
        "professionals/doorverwijzen/bel-112",
        "professionals/doorverwijzen/nood-aan-ondersteuning",
        "professionals/waar-doorverwijzen",
        "professionals/doorverwijzen/overzicht",
    ],
)
def test_fallback_page_as_built_marks_only_the_words(site_dir: Path, page: str) -> None:
    lang = _fallback_language()
    tree = _built_tree(site_dir, lang, page)
    # The tree is in the page's language, also inside a page whose own text is still Dutch.
    assert _nearest_lang(tree) == (lang, _direction(lang))
    assert _check_word_languages(tree, lang) > 0
    words = next(e for e in tree.iter() if e.has_class("omr-tree__title") or e.tag == "text")
    assert _nearest_lang(words) == ("nl", "ltr")


def test_tree_marks_its_root_only_inside_content_in_another_language() -> None:
    lang = _fallback_language()
    for render_page in (render_start, render_overview):
        root = next(e for e in _dom(render_page(TREE, lang, _links())).iter() if e.tag == "div")
        assert "lang" not in root.attrs
        root = next(
            e for e in _dom(render_page(TREE, lang, _links(), around="nl")).iter() if e.tag == "div"
        )
        assert root.attrs.get("lang") == lang


@pytest.mark.parametrize(
    "lang", [code for code, state in TREE.languages.items() if state == "complete" and code != "nl"]
)
def test_complete_language_shows_its_own_words_unmarked(site_dir: Path, lang: str) -> None:
    html = (site_dir / lang / "professionals/doorverwijzen/regio/index.html").read_text()
    tree = next(e for e in _dom(html).iter() if e.has_class("omr-tree"))
    text = TREE.text("regio", lang)
    assert text.lang == lang
    shown = " ".join(t for t, _ in tree.texts())
    assert text.title in shown and text.options["antwerpen"].label in shown
    for name, page in {
        "regio (built)": tree,
        **{k: _dom(v) for k, v in _tree_pages(lang).items()},
    }.items():
        marked = [
            e.tag
            for e in page.iter()
            if "lang" in e.attrs and not any(a.has_class("omr-card") for a in e.ancestors())
        ]
        assert not marked, f"{name}: {marked}"


def test_overview_prefix_is_each_languages_own() -> None:
    # French puts a non-breaking space before the colon; the prefix comes from the ui strings.
    assert "Question\u00a0: " in render_overview(TREE, "fr", _links())
    assert "Question : " not in render_overview(TREE, "fr", _links())
    assert "Vraag: " in render_overview(TREE, "nl", _links())
    for lang in LANGS:
        assert set(TREE.ui(lang)) == set(TREE.ui("nl")), lang


def test_answers_in_two_languages_are_each_marked(tmp_path: Path) -> None:
    """A join whose questions are translated in one branch only: each answer has its lang."""
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["languages"].update(en="fallback"))
    _edit(
        d["en"],
        lambda x: x.update(
            nodes={"samenwerking-zwangerschap": x["nodes"]["samenwerking-zwangerschap"]}
        ),
    )
    tree = load_tree(d["routing"], languages=["nl", "en"])
    assert tree.text("samenwerking-zwangerschap", "en").lang == "en"
    assert tree.text("samenwerking-geboren", "en").lang == "nl"
    svg = ET.fromstring(diagram(tree, "en", lambda n: f"../{n}/", title="T", desc="D"))
    langs = {t.text: t.get("lang") for t in svg.iter("{http://www.w3.org/2000/svg}text")}
    en_short = tree.text("samenwerking-zwangerschap", "en").options["mogelijk"].short
    nl_short = tree.text("samenwerking-geboren", "en").options["mogelijk"].short
    assert langs[en_short] is None and langs[nl_short] == "nl"
    for t in svg.iter("{http://www.w3.org/2000/svg}text"):
        assert (t.get("lang") is None) == (t.get("direction") is None)
    overview = _dom(render_overview(tree, "en", _links()))
    answers = {
        " ".join(t for t, _ in e.texts()): e.attrs.get("lang")
        for e in overview.iter()
        if e.has_class("omr-tree__answer")
    }
    assert answers[tree.text("samenwerking-zwangerschap", "en").options["mogelijk"].label] is None
    assert answers[tree.text("samenwerking-geboren", "en").options["mogelijk"].label] == "nl"


def _links() -> PageLinks:
    return PageLinks(
        href=lambda n: f"../{n}/", start="../../start/", overview="../o/", base="", assets=""
    )


def test_text_from_the_data_is_escaped(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    _edit(data["nl"], lambda d: d["nodes"]["acuut-gevaar"].update(help="<script>x</script>"))
    tree = load_tree(data["routing"])
    html = render_step(tree, "acuut-gevaar", "nl", _links(), heading=1)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_node_page_with_several_ways_in_links_each_previous_question() -> None:
    html = render_node_page(TREE, "nood-aan-ondersteuning", "nl", _links())
    assert 'href="../samenwerking-zwangerschap/"' in html
    assert 'href="../samenwerking-geboren/"' in html


def test_svg_diagram_is_xml_with_a_link_per_node() -> None:
    svg = diagram(TREE, "nl", lambda n: f"../{n}/", title="T", desc="D")
    root = ET.fromstring(svg)
    ns = {"s": "http://www.w3.org/2000/svg"}
    hrefs = {a.get("href") for a in root.iterfind(".//s:a", ns)}
    assert hrefs == {f"../{n}/" for n in TREE.nodes}
    assert len(root.findall(".//s:path", ns)) == len(list(TREE.edges())) + 1  # + arrow head
    # Readable on A4: at most 1000 units wide, so text stays above ~9 px when scaled to 18 cm.
    assert float(root.get("viewBox").split()[2]) <= 1000


# --- validation failures ---------------------------------------------------------------------


def _copy(tmp_path: Path) -> dict[str, Path]:
    out = {"routing": tmp_path / "decision-tree.yml"}
    shutil.copy(DATA, out["routing"])
    for lang_file in DATA.parent.glob("decision-tree.*.yml"):
        shutil.copy(lang_file, tmp_path / lang_file.name)
        out[lang_file.name.split(".")[1]] = tmp_path / lang_file.name
    return out


def _edit(path: Path, change) -> None:  # noqa: ANN001
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _fails(path: Path, *expected: str, **kwargs) -> DataError:  # noqa: ANN003
    with pytest.raises(DataError) as info:
        load_tree(path, **kwargs)
    for text in expected:
        assert text in info.value.message, info.value.message
    return info.value


def test_unreachable_node(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["acuut-gevaar"]["options"].pop(0))
    err = _fails(d["routing"], "decision-tree.yml", "node 'bel-112'", "cannot be reached")
    assert err.line is not None


def test_loop(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["regio"]["options"][0].update(next="baby-of-kind"))
    _fails(d["routing"], "decision-tree.yml", "node 'regio'", "makes a loop", "baby-of-kind →")


def test_question_without_options_ends_without_advice(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["regio"].update(options=[]))
    _fails(d["routing"], "decision-tree.yml", "node 'regio'", "without an advice")


def test_unknown_next_node(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["regio"]["options"][1].update(next="limburgg"))
    err = _fails(d["routing"], "node 'regio', option 'limburg'", "unknown node 'limburgg'")
    assert "bel-112" in err.message  # lists the valid ids


def test_unknown_start(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x.update(start="begin"))
    _fails(d["routing"], "start", "unknown node 'begin'")


def test_unknown_contact(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["bel-112"].update(contacts=["noodnummer-113"]))
    _fails(d["routing"], "decision-tree.yml", "node 'bel-112'", "'noodnummer-113' is not in")


@pytest.mark.parametrize("field", ["source", "checked"])
def test_outcome_without_source_or_check_date_is_refused(tmp_path: Path, field: str) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["zorgmelding"].pop(field))
    err = _fails(d["routing"], "decision-tree.yml", f"node 'zorgmelding', field {field}", "missing")
    assert err.line is not None
    assert err.valid and ("sources.yml" in err.valid or "2026" in err.valid)


def test_unknown_source_future_date_and_unknown_programme(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["zorgmelding"].update(source="seed 001"))
    err = _fails(d["routing"], "node 'zorgmelding', field source", "'seed 001' is not a source")
    assert "folder-zorggarantie" in err.message and err.line is not None
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["zorgmelding"].update(checked=date(2999, 1, 1)))
    _fails(d["routing"], "node 'zorgmelding', field checked", "2999-01-01 is in the future")
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["zorgmelding"].update(status="veilig"))
    err = _fails(d["routing"], "node 'zorgmelding', field status", "not a programme")
    assert "veilig-en-omringd" in err.message


def test_outcome_without_contact_and_without_reason_is_refused(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["geen-zorggarantie"].pop("no_contact"))
    err = _fails(
        d["routing"],
        "decision-tree.yml",
        "node 'geen-zorggarantie'",
        "without contacts and without a reason",
        "no_contact: not-in-sources",
    )
    assert err.line is not None
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["geen-zorggarantie"].update(no_contact="onbekend"))
    _fails(d["routing"], "node 'geen-zorggarantie', field no_contact", "(valid: not-in-sources)")


def test_outcome_with_options_and_bad_kind(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["bel-112"].update(options=[{"id": "a", "next": "x"}]))
    err = _fails(d["routing"], "decision-tree.yml", "node 'bel-112', field options", "no options")
    assert err.line is not None
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["bel-112"].update(kind="advies"))
    err = _fails(
        d["routing"],
        "decision-tree.yml",
        "node 'bel-112', field kind",
        "'advies'",
        "(valid: question, outcome)",
    )
    assert err.line is not None


def test_duplicate_option_id(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["regio"]["options"][1].update(id="antwerpen"))
    _fails(d["routing"], "node 'regio', option 'antwerpen'", "appears twice")


def test_duplicate_answer_labels(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(
        d["nl"],
        lambda x: x["nodes"]["baby-of-kind"]["options"].update(
            {"geboren-jonger-dan-3": "Een baby in de buik (tijdens de zwangerschap)"}
        ),
    )
    _fails(d["routing"], "decision-tree.nl.yml", "node 'baby-of-kind'", "same answer")


def test_duplicate_answer_labels_in_a_translation(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["languages"].update(en="fallback"))
    ui = d["en"].read_text(encoding="utf-8").split("\nnodes:")[0]
    (tmp_path / "decision-tree.en.yml").write_text(
        ui + "\nnodes:\n  acuut-gevaar:\n    title: Danger?\n    short: Danger?\n"
        "    options: {ja: Yes, nee: 'Yes'}\n",
        encoding="utf-8",
    )
    # Unquoted Yes is a boolean in YAML: the message says so.
    _fails(
        d["routing"],
        "decision-tree.en.yml",
        "option 'ja'",
        "put the text in quotes",
        languages=["nl", "en"],
    )
    text = (tmp_path / "decision-tree.en.yml").read_text(encoding="utf-8")
    (tmp_path / "decision-tree.en.yml").write_text(text.replace("ja: Yes", "ja: 'yes'"))
    _fails(
        d["routing"],
        "decision-tree.en.yml",
        "node 'acuut-gevaar'",
        "same answer",
        "'en'",
        languages=["nl", "en"],
    )


def test_complete_language_missing_a_text(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["nl"], lambda x: x["nodes"]["zorgmelding"].pop("why"))
    _fails(d["routing"], "decision-tree.nl.yml", "node 'zorgmelding', field 'why'", "missing")


def test_complete_language_missing_a_node(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["languages"].update(fr="complete"))
    ui = yaml.safe_load(d["nl"].read_text(encoding="utf-8"))["ui"]
    (tmp_path / "decision-tree.fr.yml").write_text(
        yaml.safe_dump({"ui": ui, "nodes": {"bel-112": {"title": "Appelez le 112"}}}),
        encoding="utf-8",
    )
    _fails(
        d["routing"],
        "decision-tree.fr.yml",
        "node 'bel-112', field 'short'",
        "missing",
        languages=["nl", "fr"],
    )
    _edit(
        d["fr"] if "fr" in d else tmp_path / "decision-tree.fr.yml",
        lambda x: x["nodes"]["bel-112"].update(
            yaml.safe_load(d["nl"].read_text())["nodes"]["bel-112"]
        ),
    )
    _fails(
        d["routing"],
        "decision-tree.fr.yml",
        "node 'acuut-gevaar'",
        "listed as complete",
        languages=["nl", "fr"],
    )


def test_complete_language_without_file(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["languages"].update(tr="complete"))
    (tmp_path / "decision-tree.tr.yml").unlink(missing_ok=True)
    _fails(
        d["routing"], "decision-tree.yml", "language 'tr'", "does not exist", languages=["nl", "tr"]
    )


def test_fallback_language_may_have_some_nodes(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["languages"].update(en="fallback"))
    _edit(d["en"], lambda x: x.update(nodes={"bel-112": {"title": "Call 112"}}))
    tree = load_tree(d["routing"], languages=["nl", "en"])
    assert tree.ui("en")["why"] == "Why?"
    # A node whose words are incomplete falls back as a whole, so no step mixes languages.
    assert tree.text("bel-112", "en").lang == "nl"
    assert tree.text("bel-112", "en").title == TREE.text("bel-112", "nl").title


def test_fallback_language_needs_every_interface_string(tmp_path: Path) -> None:
    # A Dutch button among Turkish ones would be unmarked Dutch: the ui never falls back.
    d = _copy(tmp_path)
    _edit(d["tr"], lambda x: x["ui"].pop("why"))
    _fails(
        d["routing"],
        "decision-tree.tr.yml",
        "language 'tr', ui",
        "missing keys: why",
        languages=LANGS,
    )
    d["tr"].unlink()
    _fails(
        d["routing"],
        "decision-tree.yml",
        "language 'tr'",
        "needs its interface strings",
        "decision-tree.tr.yml does not exist",
        languages=LANGS,
    )


def test_language_not_listed(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["languages"].pop("pl"))
    _fails(d["routing"], "decision-tree.yml", "language 'pl'", "not listed", languages=LANGS)


def test_words_for_unknown_node_or_option(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["nl"], lambda x: x["nodes"]["regio"]["options"].update(gent="Gent"))
    _fails(d["routing"], "decision-tree.nl.yml", "node 'regio', option 'gent'", "not an option")
    d = _copy(tmp_path)
    _edit(d["nl"], lambda x: x["nodes"].update(extra={"title": "x"}))
    _fails(d["routing"], "decision-tree.nl.yml", "node 'extra'", "not in the routing file")


def test_unknown_field_and_bad_id(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["bel-112"].update(contact=["x"]))
    err = _fails(
        d["routing"],
        "decision-tree.yml",
        "node 'bel-112', field contact",
        "unknown field (did you mean 'contacts'?)",
        "(valid: checked, contacts, kind, no_contact, options, source, status)",
    )
    assert err.line is not None
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"].update(Overzicht=x["nodes"].pop("bel-112")))
    _fails(d["routing"], "node 'Overzicht'", "not a valid node id")


def test_yaml_syntax_error(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    d["routing"].write_text("start: [acuut-gevaar\n", encoding="utf-8")
    err = _fails(d["routing"], "decision-tree.yml", "YAML syntax")
    assert err.line is not None


def _tree_with_stubs(tmp_path: Path) -> tuple[Tree, Path]:
    stubs = tmp_path / "stubs"
    shutil.copytree(STUBS, stubs)
    return TREE, stubs


def test_missing_stub_page(tmp_path: Path) -> None:
    tree, stubs = _tree_with_stubs(tmp_path)
    (stubs / "regio.md").unlink()
    with pytest.raises(DataError, match=r"regio\.md: node 'regio': has no page"):
        check_stubs(tree, stubs)


def test_stub_page_with_wrong_marker(tmp_path: Path) -> None:
    tree, stubs = _tree_with_stubs(tmp_path)
    (stubs / "regio.md").write_text("<!-- decision-tree: node=bel-112 -->\n")
    with pytest.raises(DataError, match=r"regio\.md: node 'regio': the page must contain"):
        check_stubs(tree, stubs)


def test_stub_page_that_would_be_translated(tmp_path: Path) -> None:
    tree, stubs = _tree_with_stubs(tmp_path)
    text = (stubs / "regio.md").read_text(encoding="utf-8")
    (stubs / "regio.md").write_text(text.replace("translate: false\n", ""), encoding="utf-8")
    with pytest.raises(DataError, match=r"regio\.md: node 'regio': .*translate: false"):
        check_stubs(tree, stubs)


def test_left_over_stub_page(tmp_path: Path) -> None:
    tree, stubs = _tree_with_stubs(tmp_path)
    (stubs / "oud.md").write_text("<!-- decision-tree: node=oud -->\n")
    with pytest.raises(DataError, match=r"oud\.md: node 'oud': has a page but is not in"):
        check_stubs(tree, stubs)


def test_build_stops_when_a_node_page_is_missing(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    for name in ("docs", "overrides", "hooks", "data"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs/nl/professionals/doorverwijzen/zorgmelding.md").unlink()
    result = build_site(tmp_path / "site", root=root)
    assert result.returncode != 0
    assert "zorgmelding.md: node 'zorgmelding': has no page" in result.stderr
