"""Regular expressions compiled the first time they are used, not when their module is
imported: about forty module-level ``re.compile`` calls cost several milliseconds of every
start, though a command uses few of them (``branchdesk members list``, issue 18)."""

from __future__ import annotations

import re

# What callers use of a compiled pattern; each is copied onto the stand-in at first use.
_USED = ("match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer",
         "pattern", "flags", "groups", "groupindex")


class LazyPattern:
    """Stands for ``re.compile(source, flags)`` and behaves as it does (``.match``,
    ``.sub``, ``.pattern`` …); the pattern is compiled when one of them is first read."""

    def __init__(self, source: str, flags: int = 0):
        self._source = source
        self._flags = flags

    def __getattr__(self, name: str):
        # Reached only for what is not set yet: the first use compiles and keeps the methods.
        if name not in _USED:
            raise AttributeError(name)
        compiled = re.compile(self._source, self._flags)
        for used in _USED:
            setattr(self, used, getattr(compiled, used))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self._source!r}, {self._flags!r})"


def compile_on_use(source: str, flags: int = 0) -> LazyPattern:
    """``re.compile``'s stand-in for module-level patterns."""
    return LazyPattern(source, flags)
