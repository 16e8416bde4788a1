"""Which contact texts each language must have, and a check that stops the build without them.

Interface labels (open now, phone, hours ...) are needed in every language of the site. The
texts of a contact (description, note, phone/e-mail/link labels; names may stay as they are,
being proper names) are needed in a language when that language has its own pages for one of
the contact's audiences, or when one of its pages places the contact with a marker. Everywhere
else the Dutch text is shown, marked lang="nl".
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from omringd.contacts.loading import Directory
from omringd.contacts.model import Contact, LocalText
from omringd.core.errors import DataError
from omringd.core.languages import SOURCE_LANGUAGE
from omringd.core.markers import find_markers
from omringd.core.pages import front_matter

# An `audience: all` page shows contacts for everyone.
_AUDIENCES = {"parents": {"parents"}, "professionals": {"professionals"}}


@dataclass(frozen=True)
class LanguagePages:
    """What a language's own pages (not the Dutch fallbacks) show of the directory."""

    audiences: frozenset[str] = frozenset()
    placed: frozenset[str] = field(default_factory=frozenset)


def language_pages(docs_dir: Path, languages: Collection[str]) -> dict[str, LanguagePages]:
    """For each language but Dutch: the audiences of its pages and the contacts they place."""
    # Read again only when a page changed: the i18n plugin configures the build per language.
    langs = tuple(lang for lang in languages if lang != SOURCE_LANGUAGE)
    pages = sorted(p for lang in langs for p in (docs_dir / lang).glob("**/*.md"))
    stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in pages)
    return dict(_language_pages(docs_dir, langs, stamp))


@lru_cache(maxsize=4)
def _language_pages(
    docs_dir: Path, languages: tuple[str, ...], stamp: object
) -> tuple[tuple[str, LanguagePages], ...]:
    out = {}
    for lang in languages:
        if lang == SOURCE_LANGUAGE:
            continue
        audiences: set[str] = set()
        placed: set[str] = set()
        for page in sorted((docs_dir / lang).glob("**/*.md")):
            text = page.read_text(encoding="utf-8")
            audiences |= _AUDIENCES.get(str(front_matter(text).get("audience")), set())
            for marker in find_markers(text):
                if marker.name == "contact":
                    placed.update(marker.args)
        out[lang] = LanguagePages(frozenset(audiences), frozenset(placed))
    return tuple(out.items())


def contact_texts(contact: Contact) -> Iterator[tuple[str, LocalText]]:
    """(field, text) for every text a card shows besides the name."""
    if contact.description:
        yield "description", contact.description
    if contact.note:
        yield "note", contact.note
    for name, items in (("phones", contact.phones), ("emails", contact.emails)):
        for i, item in enumerate(items):
            if item.label:
                yield f"{name}[{i}].label", item.label
    for i, link in enumerate(contact.links):
        yield f"links[{i}].label", link.label


def check_languages(
    directory: Directory, languages: Collection[str], pages: Mapping[str, LanguagePages]
) -> None:
    """Stop at the first label or contact text a language of the site needs and lacks."""
    source = directory.labels(SOURCE_LANGUAGE)
    for lang in languages:
        missing = sorted(set(source) - set(directory.own_labels(lang)))
        if missing:
            raise DataError(
                directory.path,
                f"labels.{lang}",
                f"misses {', '.join(missing)} (every language of the site needs every label)",
            )
    for lang, shown in pages.items():
        for contact in directory.contacts:
            why = _why_needed(contact, shown)
            if not why:
                continue
            for name, text in contact_texts(contact):
                if not text.has(lang):
                    raise DataError(
                        directory.path,
                        f"contact '{contact.id}', field '{name}'",
                        f"has no '{lang}' text, which is needed because {why}",
                    )


def _why_needed(contact: Contact, shown: LanguagePages) -> str:
    if contact.id in shown.placed:
        return "a page in that language places this contact"
    audiences = sorted(set(contact.audience) & shown.audiences)
    if audiences:
        return f"that language has its own pages for {audiences[0]}"
    return ""
