"""Parts of the archive made on first use (issue 18): ``archive.members`` imports
``branchdesk.roster.members`` and builds its manager the first time it is read, so that
opening an archive for one command loads that command's features only.

Both helpers are plain descriptors on the ``Archive`` class; each entry is one line::

    members = Manager("roster.members:MemberManager")

and a feature's setting default is declared as ``"module:CONSTANT"`` in the archive's
table (docs/design.md rule 11), read from its module when that setting is first looked up."""

from __future__ import annotations

import copy
import importlib
import threading
from collections.abc import Iterator, Mapping

# One maker at a time: a worker thread and the GUI thread reading the same manager for
# the first time get the same object. Re-entrant, since a manager may read another.
_making = threading.RLock()


def resolve(where: str) -> object:
    """``"roster.members:MemberManager"`` → that attribute of ``branchdesk.roster.members``."""
    module, _, name = where.partition(":")
    return getattr(importlib.import_module(f"branchdesk.{module}"), name)


class Manager:
    """A manager class named ``"module:Class"`` under ``branchdesk``, made with the archive
    as its one argument when the attribute is first read, then kept on the instance (a
    non-data descriptor: later reads are a plain attribute lookup)."""

    def __init__(self, where: str):
        self.where = where
        self.name = ""

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, archive, owner=None):
        if archive is None:
            return self
        with _making:
            made = archive.__dict__.get(self.name)
            if made is None:
                made = resolve(self.where)(archive)
                archive.__dict__[self.name] = made
            return made


class Defaults(Mapping):
    """Settings defaults declared in one table: each value either the default itself or a
    ``"module:CONSTANT"`` reference (``Reference``) resolved on first lookup. A fresh deep
    copy per lookup, so that a caller may change what it got."""

    def __init__(self, table: Mapping[str, object]):
        self._table = dict(table)
        self._resolved: dict[str, object] = {}

    def __getitem__(self, key: str) -> object:
        if key not in self._resolved:
            value = self._table[key]
            self._resolved[key] = resolve(value.where) if isinstance(value, Reference) else value
        return copy.deepcopy(self._resolved[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)


class Reference:
    """A default kept in its feature's module (``Reference("meetings.templates:DEFAULT_TEMPLATES")``)."""

    def __init__(self, where: str):
        self.where = where

    def __repr__(self) -> str:
        return f"Reference({self.where!r})"
