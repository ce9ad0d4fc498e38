"""Qt enum settings by the value's name, for the widgets of the window's first paint.

Naming PySide6's ``Qt`` namespace from Python (``from PySide6.QtCore import Qt``, or a call
that hands one of its values back to Python) makes Python enum classes of all 94 of its enums
at once: 14.5 ms and 1.3 MiB, the largest single cost of the window's start beyond a bare
window (docs/tech-notes.md "Window start"). A Qt property of an enum type also takes the
value's name (``QObject.setProperty``, through Qt's meta-object system), which makes none of
them. The widgets the first paint shows set their enum properties this way; everything built
later names ``Qt`` as usual."""

from __future__ import annotations


def set_by_name(widget, prop: str, value: str) -> None:
    """``widget``'s enum property ``prop`` to the value Qt calls ``value`` (``"PlainText"``,
    ``"ScrollBarAlwaysOff"``); a misspelt name fails at once rather than leaving it unset."""
    if not widget.setProperty(prop, value):
        raise ValueError(f"{type(widget).__name__}.{prop} has no value named {value!r}")
