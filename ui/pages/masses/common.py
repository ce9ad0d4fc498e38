"""What the 群众工作 tabs share: a table column with its starting width, and the page's
gate for showing phones and circumstances in full (the app password, when one is set)."""

from __future__ import annotations

from dataclasses import dataclass

from ...access import confirm_sensitive
from ...toolkit.models.plain_table import TextColumn


@dataclass(frozen=True)
class Column(TextColumn):
    width: int = 100  # the table's starting width of the column (read_only_table)


class Reveal:
    """Phones and circumstances show masked until the user asks (and confirms the app
    password if one is set); shown again masked each time the page is shown."""

    def __init__(self, page):
        self.page = page
        self.shown = False

    def ask(self) -> bool:
        session = getattr(self.page.window_, "session", None) or self.page.archive.access.session()
        if confirm_sensitive(self.page, session):
            self.shown = True
        return self.shown
