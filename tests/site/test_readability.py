"""Plain language on the Dutch parent pages: short sentences and a Flesch-Douma floor.

Every Dutch page whose front matter says `audience: parents` (found in docs/nl/, so new pages
are checked without editing this file) is measured on the main content of its built HTML
(headings, code and the review date left out). Thresholds and their sources: see
`omringd/readability.py`. Unit tests for the counters come first.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from omringd.site.readability import (
    MAX_AVG_SENTENCE_WORDS,
    MIN_FLESCH_DOUMA,
    main_text_blocks,
    measure,
    sentences,
    syllables,
    words,
)
from tests.conftest import ROOT

DOCS_NL = ROOT / "docs" / "nl"

# --- the counters on tiny known texts ------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "count"),
    [("de", 1), ("baby", 2), ("ouders", 2), ("veiligheidsplan", 4), ("e-mail", 2), ("078", 1)],
)
def test_syllables(word: str, count: int) -> None:
    assert syllables(word) == count


def test_words_keep_compounds_and_numbers() -> None:
    assert words("Bel 078 170 000, of mail naar e-mail. Baby's slapen!") == [
        "Bel",
        "078",
        "170",
        "000",
        "of",
        "mail",
        "naar",
        "e-mail",
        "Baby's",
        "slapen",
    ]


def test_sentences_split_on_end_marks_but_not_abbreviations() -> None:
    assert sentences("Je bent welkom. Heb je vragen? Bel ons! Dat kan bv. vandaag.") == [
        "Je bent welkom.",
        "Heb je vragen?",
        "Bel ons!",
        "Dat kan bv. vandaag.",
    ]
    assert sentences("een lijstje zonder punt") == ["een lijstje zonder punt"]
    assert sentences("   ") == []


def test_measure_and_flesch_douma() -> None:
    # 2 sentences, 5 words, 7 syllables (de ba-by slaapt | wij hel-pen).
    r = measure(["De baby slaapt.", "Wij helpen."])
    assert (r.sentences, r.words, r.syllables) == (2, 5, 7)
    expected = 206.835 - 0.93 * (5 / 2) - 77 * (7 / 5)
    assert r.flesch_douma == pytest.approx(expected)
    assert r.passes()
    hard = measure(
        "Indien er sprake is van een verontrustende opvoedingssituatie waarbij de "
        "ontwikkelingskansen van het ongeboren kind ernstig worden bedreigd, wordt het "
        "ondersteuningscentrum jeugdzorg ingeschakeld teneinde de noodzakelijke "
        "beschermingsmaatregelen te onderzoeken."
    )
    assert hard.words_per_sentence > MAX_AVG_SENTENCE_WORDS
    assert hard.flesch_douma < MIN_FLESCH_DOUMA
    assert not hard.passes()


def test_main_text_blocks_take_the_article_without_headings() -> None:
    html = (
        "<html><body><nav><p>Menu tekst</p></nav><article class='md-typeset'>"
        "<h1 id='x'>Titel<a class='headerlink' href='#x'>¶</a></h1>"
        "<p>Eerste zin. Tweede zin.</p><ul><li>punt een</li><li><p>punt twee</p></li></ul>"
        "<p class='omr-reviewed'>Laatst nagekeken op 1 januari</p>"
        "</article><footer><p>voet</p></footer></body></html>"
    )
    assert main_text_blocks(html) == ["Eerste zin. Tweede zin.", "punt een", "punt twee"]


# --- the Dutch parent pages ------------------------------------------------------------------


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return {}
    return yaml.safe_load(text.split("---", 2)[1]) or {}


def parent_sources() -> list[Path]:
    return sorted(p for p in DOCS_NL.rglob("*.md") if front_matter(p).get("audience") == "parents")


def built_page(site_dir: Path, source: Path) -> Path:
    """Where MkDocs (use_directory_urls) writes the Dutch page built from `source`."""
    rel = source.relative_to(DOCS_NL).with_suffix("")
    folder = rel.parent if rel.name == "index" else rel
    return site_dir / folder / "index.html"


def test_dutch_parent_pages_are_plain_language(site_dir: Path) -> None:
    sources = parent_sources()
    assert len(sources) >= 8, "expected the Dutch parent pages (audience: parents)"
    report, failing = [], []
    for source in sources:
        page = built_page(site_dir, source)
        assert page.is_file(), f"{source.relative_to(ROOT)} was not built at {page}"
        result = measure(main_text_blocks(page.read_text(encoding="utf-8")))
        line = f"{source.relative_to(DOCS_NL).as_posix()}: {result.summary()}"
        report.append(line)
        if result.words == 0 or not result.passes():
            failing.append(line)
    print(f"{len(sources)} Dutch parent pages measured:\n" + "\n".join(report))
    assert not failing, (
        f"parent pages above {MAX_AVG_SENTENCE_WORDS:g} words/sentence or below "
        f"Flesch-Douma {MIN_FLESCH_DOUMA:g}:\n" + "\n".join(failing)
    )


# --- the parent pages in the other languages ----------------------------------------------------


def translated_parent_pages(site_dir: Path) -> list[tuple[str, Path]]:
    """(language, built page) for every translated parent page (a file in docs/<lang>/)."""
    out = []
    for source in parent_sources():
        rel = source.relative_to(DOCS_NL)
        for lang_dir in sorted(p for p in (ROOT / "docs").iterdir() if p.name != "nl"):
            if (lang_dir / rel).is_file():
                out.append((lang_dir.name, site_dir / lang_dir.name / built_page(Path(), source)))
    return out


def test_translated_parent_pages_keep_sentences_short(site_dir: Path) -> None:
    # No Flesch formula fits all five languages, but short sentences are plain-language advice
    # in every one of them: the same ceiling as Dutch B1 applies.
    pages = translated_parent_pages(site_dir)
    assert {lang for lang, _ in pages} >= {"fr", "en", "ar", "tr", "pl"}
    report, failing = [], []
    for lang, page in pages:
        result = measure(main_text_blocks(page.read_text(encoding="utf-8")))
        average = result.words_per_sentence
        line = f"{lang} {page.parent.name}: {average:.1f} words/sentence"
        report.append(line)
        if result.words == 0 or average > MAX_AVG_SENTENCE_WORDS:
            failing.append(line)
    print(f"{len(pages)} translated parent pages measured:\n" + "\n".join(report))
    assert not failing, "\n".join(failing)


def test_arabic_question_mark_ends_a_sentence() -> None:
    assert len(sentences("هل أنت حامل؟ اقرأ هذه الصفحة.")) == 2
