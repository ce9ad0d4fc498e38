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
    """A LIKE pattern that matches ``query`` literally (``%`` and ``_`` escaped with ``\\``)."""
    escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
