"""``archive.masses``: 群众工作 (docs/domain.md §14) — the households members keep in
touch with and their 走访 (``contacts``), the 民情诉求 ledger followed to the end
(``requests``), and the links to 组织生活会, 座谈会 and the 整改台账 (``links``).
Every change is in the audit log, in its own transaction; the audit summaries name
members and ledger numbers, never the people who asked (the log travels upward)."""

from __future__ import annotations

from ..storage.binding import ArchiveBound
from .contacts import ContactsMixin
from .links import LinksMixin
from .requests import RequestsMixin
from .rules import BUNDLE_PEOPLE_SETTING


class MassesManager(ContactsMixin, RequestsMixin, LinksMixin, ArchiveBound):
    def __init__(self, archive):
        self._archive = archive

    @property
    def _branch_id(self) -> int:
        return self._archive.branch.own_id()

    def bundle_people(self) -> bool:
        """Whether bundles carry households, names and what people said (the branch's choice)."""
        return bool(self._archive.settings.get(BUNDLE_PEOPLE_SETTING))

    def set_bundle_people(self, include: bool) -> None:
        self._archive.settings.set(BUNDLE_PEOPLE_SETTING, bool(include))
