"""A parent page never shows an address meant for professionals: a contact whose audience is
professionals only is refused in a marker on a page whose front matter says
`audience: parents`."""

from __future__ import annotations

from omringd.contacts import Directory, load_directory
from omringd.core.errors import DataError
from omringd.core.markers import find_markers
from omringd.core.pages import front_matter


def check_audience(source: str, src: str, directory: Directory | None = None) -> None:
    """Raise a DataError (page, line, contact) for a professionals-only contact on a parent
    page; `source` is the page's Markdown as written, front matter included."""
    if front_matter(source).get("audience") != "parents":
        return
    d = directory or load_directory()
    for number, line in enumerate(source.splitlines(), 1):
        for marker in find_markers(line):
            if marker.name != "contact":
                continue
            for cid in marker.args:
                contact = d.get(cid, src)
                if "parents" not in contact.audience:
                    raise DataError(
                        src,
                        f"marker 'contact: {cid}'",
                        f"contact '{cid}' is for professionals only and this page says "
                        "'audience: parents'",
                        line=number,
                        valid="a contact whose audience includes parents: "
                        + ", ".join(c.id for c in d.contacts if "parents" in c.audience),
                    )
