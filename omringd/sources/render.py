"""The `status` marker: a programme's status sentence with its source and check date."""

from __future__ import annotations

from collections.abc import Mapping

from omringd.core.errors import DataError
from omringd.core.jinja import render
from omringd.core.markers import Marker, MarkerSpec, replace_markers
from omringd.sources.loading import Registry, load_registry

MARKER_SPECS = (
    MarkerSpec(
        "status",
        min_args=1,
        max_args=1,
        usage="<!-- status: <programme id> -->",
        known_args=lambda: tuple(load_registry().programmes),
    ),
)


def render_status(
    registry: Registry, programme_id: str, lang: str, src: str, labels: Mapping[str, str]
) -> str:
    """The status box of one programme in `lang` (Dutch, marked so, when not translated)."""
    programme = registry.programmes.get(programme_id)
    if programme is None:
        raise DataError(
            src,
            f"marker 'status: {programme_id}'",
            "names no programme of data/programmes.yml",
            valid=", ".join(registry.programmes),
        )
    text, text_lang = programme.text(lang)
    return render(
        "status.html",
        text=text,
        text_lang=text_lang if text_lang != lang else "",
        source=registry.source(programme.source),
        address=None if registry.source(programme.source) else programme.source,
        checked=programme.checked,
        labels=labels,
        lang=lang,
    )


def render_page(
    html: str, registry: Registry, lang: str, src: str, labels: Mapping[str, str]
) -> str:
    """Replace every `status` marker of a page."""

    def one(marker: Marker) -> str:
        return render_status(registry, marker.args[0], lang, src, labels)

    return replace_markers(html, "status", one)
