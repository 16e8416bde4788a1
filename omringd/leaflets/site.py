"""The built site a leaflet is made from: its folder, its public address and languages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from omringd.leaflets.html import page_url_path


@dataclass(frozen=True)
class Site:
    """Where the built site is and how its URLs look."""

    site_dir: Path
    site_url: str  # ends with '/'
    default_lang: str
    languages: tuple[str, ...]
    # No public address yet: leaflets are proofs, marked so, without a QR code that would lead
    # a reader to a dead address.
    preview: bool = False

    def prefix(self, lang: str) -> str:
        """'' for the default language, 'fr/' for French."""
        return "" if lang == self.default_lang else f"{lang}/"

    def url(self, lang: str, src: str) -> str:
        """The public URL of source page `src` in `lang`."""
        return self.site_url + page_url_path(src, self.prefix(lang))
