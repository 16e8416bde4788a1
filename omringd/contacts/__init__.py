"""The contact directory: every phone number, e-mail and opening hour, checked once.

Owns data/contacts.yml (`model`: strict models; `loading`: the checked, cached `Directory`),
opening hours and holidays (`hours`), places and the team finder's data (`places`), the
contact cards, help box and roster (`render`), the contact markers of a page (`markers`),
the language checks of contact texts (`languages`) and the downloads: vCard, JSON, CSV and
JSON-LD (`exports`).
"""

from omringd.contacts.exports import write_downloads
from omringd.contacts.languages import check_languages, language_pages
from omringd.contacts.loading import CONTACTS_FILE, Directory, load_directory, parse_directory
from omringd.contacts.markers import MARKER_SPECS, render_page
from omringd.contacts.model import Contact, Email, Hours, LocalText, Phone, Roster
from omringd.contacts.places import render_team_finder
from omringd.contacts.render import (
    render_contact,
    render_contacts,
    render_directory,
    render_help,
    render_roster,
)
from omringd.core.regions import REGIONS

__all__ = [
    "CONTACTS_FILE",
    "Contact",
    "Directory",
    "Email",
    "Hours",
    "LocalText",
    "MARKER_SPECS",
    "Phone",
    "REGIONS",
    "Roster",
    "check_languages",
    "language_pages",
    "load_directory",
    "parse_directory",
    "render_contact",
    "render_contacts",
    "render_directory",
    "render_help",
    "render_page",
    "render_roster",
    "render_team_finder",
    "write_downloads",
]
