"""Cleaning and bounding of text the user types or pastes."""

from __future__ import annotations

import re
import unicodedata

from .errors import ValidationError

# Characters that arrive by copy-paste from Word or chat apps and make two equal
# names compare unequal. They carry no meaning in a record, so they are removed.
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e"}

NAME_MAX = 50
LINE_MAX = 200
TEXT_MAX = 20000
# How much of a bad value a message quotes (see ``quoted``).
QUOTE_MAX = 30


def clean_line(value: object) -> str:
    """One-line text: invisible and control characters removed, spaces trimmed.
    Line breaks become spaces; full-width spaces inside are kept."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    kept = []
    for ch in text:
        if ch in _INVISIBLE:
            continue
        category = unicodedata.category(ch)
        if category in ("Cc", "Cf", "Zl", "Zp"):
            if ch in "\t\r\n\u2028\u2029":
                kept.append(" ")
            continue
        kept.append(ch)
    return re.sub(" {2,}", " ", "".join(kept)).strip(" ")


def clean_text(value: object) -> str:
    """Multi-line text: keeps line breaks and tabs, drops other control characters."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        ch
        for ch in text
        if ch in "\n\t"
        or (ch not in _INVISIBLE and unicodedata.category(ch) not in ("Cc", "Cf"))
    ).strip()


def quoted(value: object, marks: str = "“”", limit: int = QUOTE_MAX) -> str:
    """What the user wrote, between ``marks``, for a message that names a bad value:
    cleaned to one line and cut to its first ``limit`` characters with its length, so a
    pasted 100 000-character name never comes back whole in an error (or a log)."""
    text = clean_line(value)
    if len(text) <= limit:
        return f"{marks[0]}{text}{marks[1]}"
    return f"{marks[0]}{text[:limit]}…{marks[1]}（共 {len(text)} 字）"


def bounded(field: str, label: str, text: str, limit: int, required: bool = False) -> str:
    """Return ``text`` if it fits, else raise a ValidationError naming ``label``."""
    if required and not text:
        raise ValidationError(field, "required", f"请填写「{label}」。")
    if len(text) > limit:
        raise ValidationError(
            field, "too_long", f"「{label}」太长（{len(text)} 字），最多 {limit} 字，请删减后再保存。"
        )
    return text


def like_pattern(query: str) -> str:
    """A LIKE pattern that matches ``query`` literally (``%`` and ``_`` escaped with ``\\``).
    Only the first ``LINE_MAX`` characters count: SQLite refuses a pattern over 50 000
    bytes (a pasted page), and no one-line field is longer than that anyway."""
    query = query[:LINE_MAX]
    escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
