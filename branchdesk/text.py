"""Cleaning and bounding of text the user types or pastes."""

from __future__ import annotations

import functools
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


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def clean_name(value: object) -> str:
    """A person's name as stored and compared: ``clean_line`` plus whitespace of any kind
    (full-width 　, no-break, several in a row) removed next to Chinese characters, so
    「赵　秀英　」 is 「赵秀英」, while 「John  Smith」 keeps one space between its parts."""
    text = re.sub(r"\s+", " ", clean_line(value)).strip()
    if " " not in text:
        return text
    parts = text.split(" ")
    joined = parts[0]
    for part in parts[1:]:
        joined += part if _wide(joined[-1]) or _wide(part[0]) else " " + part
    return joined


def name_key(value: object) -> str:
    """What two spellings of one name share: the name without any whitespace (matching
    rows stored before names were cleaned, and 「王 芳」 typed for 「王芳」)."""
    return re.sub(r"\s+", "", clean_line(value))


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


def sentences(parts: list[str], joiner: str = "；") -> str:
    """Several messages as one sentence: 「甲；乙。」, never 「甲。；乙。」."""
    kept = [part.strip().rstrip("。；;.") for part in parts if part and part.strip()]
    return joiner.join(kept) + "。" if kept else ""


def like_pattern(query: str) -> str:
    """A LIKE pattern that matches ``query`` literally (``%`` and ``_`` escaped with ``\\``).
    Only the first ``LINE_MAX`` characters count: SQLite refuses a pattern over 50 000
    bytes (a pasted page), and no one-line field is longer than that anyway."""
    query = query[:LINE_MAX]
    escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# An ASCII space between a Chinese character (or full-width punctuation) and a digit or
# Latin letter, either way round: 「评为优秀 7 名」. Chinese print sets none there.
# Compiled on first use (3 ms, paid by papers only).
@functools.cache
def _loose() -> re.Pattern:
    return re.compile(
        r"(?<=[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]) +(?=[0-9A-Za-z])"
        r"|(?<=[0-9A-Za-z%]) +(?=[\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff])"
    )


def tight(text: str) -> str:
    """``text`` as printed on paper: no space between Chinese and a number or a Latin
    word (「评为优秀 7 名」 → 「评为优秀7名」). Sentences the program words for the screen
    keep their spaces there; papers pass them through this."""
    return _loose().sub("", text)


def grouped(hex_digits: str, per_line: int = 8) -> str:
    """「3F2A 9C01 …」: groups of four, ``per_line`` groups a line, as read aloud over the phone."""
    text = hex_digits.replace(" ", "").upper()
    groups = [text[i : i + 4] for i in range(0, len(text), 4)]
    return "\n".join(" ".join(groups[i : i + per_line]) for i in range(0, len(groups), per_line))
