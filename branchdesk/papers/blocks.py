"""The blocks a paper is made of: plain data, no reportlab, no widgets, no database.

Exports build a list of blocks from their records and hand it to
:class:`~branchdesk.papers.document.Paper`. Text is plain text (no markup); newlines
start a new paragraph in :class:`Para` and a new line elsewhere. Values in tables may be
any object: dates print as 「2024年6月30日」, None as empty, booleans as 是/否.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..dates import format_date


@dataclass(frozen=True)
class TitleBlock:
    """Title, optional subtitle, and a line with branch name, record type and date.
    Starts an outline entry at ``level`` (0; in an archive made of parts every record
    opens with one at level 1, under its :class:`Part`). Headings that follow nest
    under it."""

    title: str
    branch: str = ""
    record_type: str = ""
    date: dt.date | str | None = None
    subtitle: str = ""
    level: int = 0


@dataclass(frozen=True)
class Part:
    """A division of a long paper (a category of a yearly archive): starts a new page
    with ``title`` centred in 黑体, an outline and contents entry at ``level``. Title
    blocks of level ``level + 1`` and headings that follow nest under it."""

    title: str
    level: int = 0


@dataclass(frozen=True)
class PageCount:
    """The paper's number of pages as a value in a :class:`KeyValues` or :class:`Table`
    cell (a cover's 「共 N 页」): ``template`` with ``{}`` where the number goes. The
    layout is repeated until the number printed is the number of pages."""

    template: str = "共 {} 页"


@dataclass(frozen=True)
class Heading:
    """A heading of ``level`` 1–4: 「一、」黑体, 「（一）」楷体, 「1.」仿宋加粗, 「（1）」仿宋.
    The text carries its own number (see :func:`heading_number`)."""

    level: int
    text: str


@dataclass(frozen=True)
class Para:
    """Body text; each line of ``text`` is one paragraph. ``indent``: two-character
    first-line indent (leading spaces the user typed are dropped, not doubled).
    ``align``: None for the preset's (justified), or left/center/right."""

    text: str
    indent: bool = True
    align: str | None = None


@dataclass(frozen=True)
class KeyValues:
    """A ruled form of label/value pairs, ``columns`` pairs a row (1 or 2). A value too
    long for its half row (e.g. 缺席及原因) takes the whole row. ``label`` names the form
    in error messages."""

    pairs: Sequence[tuple[str, object]]
    columns: int = 2
    label: str = ""


@dataclass(frozen=True)
class Table:
    """A ruled table whose header row repeats on every page it spans. ``col_widths``:
    relative weights (e.g. ``(1, 4, 2)``), None to size from the content. ``align``:
    left/center/right per column, None for left (centred when a column holds only
    numbers). An empty ``rows`` prints one row 「无」."""

    headers: Sequence[str]
    rows: Sequence[Sequence[object]]
    col_widths: Sequence[float] | None = None
    align: Sequence[str] | None = None
    caption: str = ""
    label: str = ""


@dataclass(frozen=True)
class Signatures:
    """Lines to sign on: 「主持人：______」… three to a row. ``names`` (same length) prints
    typed names above the lines instead of leaving them blank."""

    labels: Sequence[str] = ("主持人", "记录人", "书记")
    names: Sequence[str] | None = None


@dataclass(frozen=True)
class DateLine:
    """The signature block: the 成文日期 in Arabic numerals (「2024年6月30日」) with the
    发文机关署名 ``signer`` above it, one blank line below the body, placed as GB/T
    9704-2012 7.3.5 says. ``sealed`` (加盖印章的公文, 7.3.5.1): the date 右空四字 and the
    name centred on it, room for the seal kept clear. Not sealed (7.3.5.2): the name 右空二字
    and the date below it starting two characters to the right of the name's first; a date
    longer than the name 右空二字, the name moved left to keep the two-character step.
    Which papers are sealed: docs/domain.md §6.1.1."""

    date: dt.date | str
    signer: str = ""
    sealed: bool = False


@dataclass(frozen=True)
class Image:
    """A picture: a PNG/JPEG path or bytes, or a reportlab ``Drawing`` (charts). Scaled to
    ``width_mm`` (default: its own size at 150 dpi), never wider than the text block."""

    source: str | Path | bytes | object
    width_mm: float | None = None
    caption: str = ""


@dataclass(frozen=True)
class PageBreak:
    """Continue on a new page (no blank page when the current one is still empty)."""


@dataclass(frozen=True)
class Gap:
    """Blank space of ``lines`` body lines."""

    lines: float = 1


Block = TitleBlock | Part | Heading | Para | KeyValues | Table | Signatures | DateLine | Image | PageBreak | Gap

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一 (1–99)."""
    if not 1 <= n <= 99:
        raise ValueError(f"chinese_number supports 1–99, got {n}")
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def heading_number(level: int, n: int) -> str:
    """The customary number of the ``n``-th heading of ``level``: 一、 （一） 1. （1）."""
    if level == 1:
        return chinese_number(n) + "、"
    if level == 2:
        return f"（{chinese_number(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    raise ValueError(f"heading level must be 1–4, got {level}")


def unbroken(text: str) -> str:
    """``text`` kept on one line wherever it falls in a paragraph or cell (a name in a list
    of names: 「唐春生」 never becomes 「唐春」 and 「生」): word joiners between its
    characters, which are not printed. Longer than a whole line, it still breaks."""
    return "\u2060".join(text)


def unbroken_names(text: str | None) -> str:
    """A list of names (「王堃、李喆」) with each name kept on one line (:func:`unbroken`);
    the list itself still breaks after a 「、」."""
    return re.sub(r"[^、，,；;\s]+", lambda m: unbroken(m.group()), text or "")


def cell_text(value: object) -> str:
    """How a value prints in a table or form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, PageCount):  # as wide as it can get, for sizing
        return value.template.format("8888")
    if isinstance(value, (dt.date, dt.datetime)):
        return format_date(value)
    return str(value)
