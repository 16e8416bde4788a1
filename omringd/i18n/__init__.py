"""Translation: how each translated page stands against its Dutch source (`freshness`), the
interface texts with their per-language checks (`ui`), and the PO round trip of data texts
for translators (`po`)."""

from omringd.i18n.freshness import Freshness, body_hash, check_translation, status_table
from omringd.i18n.ui import UiStrings, load_ui

__all__ = ["Freshness", "UiStrings", "body_hash", "check_translation", "load_ui", "status_table"]
