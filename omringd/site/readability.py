"""Plain-language measures for Dutch text: sentence length and the Flesch-Douma reading ease.

Pure functions, no MkDocs: the tests feed them the main content of the built parent pages.

The formula
-----------
Rudolf Flesch's "reading ease" (Flesch, R. (1948). A new readability yardstick. Journal of
Applied Psychology 32(3), 221-233) was adapted to Dutch by W.H. Douma (1960, Landbouwhogeschool
Wageningen, "De leesbaarheid van landbouwbladen"). The Flesch-Douma score is

    206.835 - 0.93 x (words per sentence) - 77 x (syllables per word)

(Douma writes it as 206.84 - 0.77 x syllables per 100 words - 0.93 x words per sentence).
Douma gave a table of scores (reproduced e.g. in an article on dbnl.org,
https://dbnl.org/tekst/_taa014197701_01/_taa014197701_01_0089.php, and on the Dutch
Wikipedia page "Leesbaarheid"): 0-30 very difficult (university), 30-45 difficult,
45-60 fairly difficult, 60-70 normal, 70-80 fairly easy, 80-90 easy, 90-100 very easy.

Syllables are counted as the hyphenation points pyphen finds with its Dutch ('nl_NL')
dictionary, plus one. Hyphenation points are close to Dutch syllable boundaries, but pyphen's
default keeps two letters at each end of a word, so a one-letter first or last syllable is
missed; we set both margins to 1 to count those too.

Thresholds (see `MAX_AVG_SENTENCE_WORDS` and `MIN_FLESCH_DOUMA`)
-----------------------------------------------------------------
- Average sentence length at most 15 words. Dutch advice for writing at language level B1 (the
  level Dutch government plain-language guidance aims at for texts to citizens) keeps
  sentences short: for example "an average of ten words a sentence" (HVDS, "Schrijven op
  B1-niveau", tip 1, https://hvds.nl/tipsentricks/schrijven-op-b1-niveau/), and the common
  rule of thumb of no sentence longer than twenty words. The figure 15 for the average is our
  own choice between those (it is also the figure set in the project's issue): strict enough
  to catch officialese, loose enough for a page that must name an organisation or a number.
- Flesch-Douma at least 60: the lower bound of Douma's "normal" band. This number is our own
  choice. A formula like this only counts word and sentence length; it cannot say whether a text
  is B1 (it knows nothing of word frequency, passive voice or structure), so we use it as a
  floor that catches long words and long sentences, not as a B1 certificate. Dutch has long
  compounds ("ondersteuningscentrum", "veiligheidsplan") that the site has to use and explain;
  a floor of 60 leaves room for those while a text full of officialese falls well below it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

MAX_AVG_SENTENCE_WORDS = 15.0
MIN_FLESCH_DOUMA = 60.0

# A word: letters or digits, parts joined by a hyphen or apostrophe ("e-mail", "baby's").
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
# Common Dutch abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = (
    "bv",
    "bijv",
    "bijvoorbeeld",
    "o.a",
    "a.u.b",
    "enz",
    "etc",
    "ca",
    "nr",
    "tel",
    "m.a.w",
    "d.w.z",
    "i.p.v",
    "t.e.m",
    "t/m",
    "z.o.z",
    "dr",
    "mr",
    "mevr",
)
# Arabic ends a question with "؟" (and may end a sentence with "۔").
_SENTENCE_END = re.compile(r"(?<=[.!?…؟۔])[\"'”’)]*\s+")


@lru_cache(maxsize=1)
def _dictionary():
    import pyphen

    return pyphen.Pyphen(lang="nl_NL", left=1, right=1)


def words(text: str) -> list[str]:
    """The words of a text (numbers count as words)."""
    return _WORD.findall(text)


def syllables(word: str) -> int:
    """Syllables in one word: pyphen's Dutch hyphenation points plus one, per hyphen part."""
    dic = _dictionary()
    return sum(len(dic.positions(part)) + 1 for part in re.split(r"[-'’]", word) if part)


def sentences(block: str) -> list[str]:
    """Split one block of text (a paragraph, a list item) into sentences.

    A block always ends a sentence, so a list item without a full stop counts as one sentence.
    A full stop after a known abbreviation ("bv.", "o.a.") does not end a sentence.
    """
    block = " ".join(block.split())
    if not block:
        return []
    out: list[str] = []
    current = ""
    for piece in _SENTENCE_END.split(block):
        current = f"{current} {piece}".strip() if current else piece
        last = current.rstrip("\"'”’)").rsplit(" ", 1)[-1].lower().rstrip(".")
        if current.rstrip("\"'”’)").endswith(".") and last in _ABBREVIATIONS:
            continue
        out.append(current)
        current = ""
    if current:
        out.append(current)
    return [s for s in out if words(s)]


@dataclass(frozen=True)
class Readability:
    """Counts and scores for one text."""

    sentences: int
    words: int
    syllables: int

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0

    @property
    def flesch_douma(self) -> float:
        """206.835 - 0.93 x words/sentence - 77 x syllables/word."""
        return 206.835 - 0.93 * self.words_per_sentence - 77 * self.syllables_per_word

    def passes(
        self,
        max_words: float = MAX_AVG_SENTENCE_WORDS,
        min_score: float = MIN_FLESCH_DOUMA,
    ) -> bool:
        return self.words_per_sentence <= max_words and self.flesch_douma >= min_score

    def summary(self) -> str:
        return (
            f"{self.sentences} sentences, {self.words} words, "
            f"{self.words_per_sentence:.1f} words/sentence, "
            f"{self.syllables_per_word:.2f} syllables/word, "
            f"Flesch-Douma {self.flesch_douma:.1f}"
        )


def measure(blocks: list[str] | str) -> Readability:
    """Measure a text given as blocks (each block ends a sentence) or as one string."""
    if isinstance(blocks, str):
        blocks = [blocks]
    sents = [s for block in blocks for s in sentences(block)]
    all_words = [w for s in sents for w in words(s)]
    return Readability(
        sentences=len(sents),
        words=len(all_words),
        syllables=sum(syllables(w) for w in all_words),
    )


# Blocks of running text; headings are left out (they are labels, not sentences).
_BLOCK_TAGS = {"p", "li", "td", "th", "dd", "dt", "blockquote", "figcaption", "summary"}
_SKIP_TAGS = {"script", "style", "pre", "code", "h1", "h2", "h3", "h4", "h5", "h6", "nav"}
_VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}


class _MainText(HTMLParser):
    """Collect the text blocks inside the page's <article> (Material's main content)."""

    def __init__(self, skip_classes: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_classes = skip_classes
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, opens a block, skipped)
        self.in_article = 0
        self.blocks: list[str] = []
        self.current: list[str] = []

    def _skipping(self) -> bool:
        return any(skipped for _, _, skipped in self.stack)

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID_TAGS:
            if tag == "br" and self.in_article and not self._skipping():
                self.current.append(" ")
            return
        classes = set((dict(attrs).get("class") or "").split())
        if tag == "article":
            self.in_article += 1
        skipped = tag in _SKIP_TAGS or bool(classes & self.skip_classes)
        block = tag in _BLOCK_TAGS
        if block and self.in_article and not self._skipping():
            self._flush()
        self.stack.append((tag, block, skipped))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID_TAGS or all(open_tag != tag for open_tag, _, _ in self.stack):
            return
        while self.stack:
            open_tag, block, _ = self.stack.pop()
            if block and self.in_article and not self._skipping():
                self._flush()
            if open_tag == "article":
                self.in_article -= 1
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.in_article and not self._skipping():
            self.current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def main_text_blocks(
    html: str, skip_classes: frozenset[str] = frozenset({"omr-reviewed", "headerlink"})
) -> list[str]:
    """The blocks of running text in a built page's main content (<article>).

    Headings, code, the "last reviewed" line and permalink anchors are left out; text directly
    inside the article but outside a block element becomes a block of its own.
    """
    parser = _MainText(skip_classes)
    parser.feed(html)
    parser.close()
    return parser.blocks
