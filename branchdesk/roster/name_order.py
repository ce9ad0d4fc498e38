"""The order of names on rosters, and finding a name by its pinyin.

Two orders (archive setting ``members.name_order``, docs/domain.md §1.1):

* ``strokes`` 姓氏笔画 (the default, as party rosters are): the surname's stroke count, then
  each following character's; characters with the same count in the same place are told
  apart by code point, so one surname's members stay together. Counts are Unihan's
  kTotalStrokes (``resources/unihan/strokes.txt``, built by tools/make-name-order-tables),
  which covers Extensions A–H (𠮷 U+20BB7 has 6). Characters with no count (Latin
  letters, ·) come after every ideograph in their place.
* ``pinyin`` 拼音: the toneless syllables of the name (pypinyin), the surname read as a
  surname (单 shàn, 曾 zēng, 乜 niè …); a character pypinyin does not know reads like the
  variant Unihan names for it (𠮷 like 吉 jí), else it sorts after every syllable.

``pinyin_matches`` finds a name from what is typed with a Latin keyboard: every character,
from any one on, is typed as a prefix of one of its readings — ``wk``, ``wangk``,
``wangkun`` and ``kun`` find 王堃; every reading of a polyphonic character counts."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from ..patterns import compile_on_use

NAME_ORDER_SETTING = "members.name_order"
NAME_ORDERS = {"strokes": "姓氏笔画", "pinyin": "拼音"}
DEFAULT_NAME_ORDER = "strokes"

UNIHAN_DIR = Path(__file__).resolve().parents[2] / "resources" / "unihan"
_STROKE_BASE = 0x21
_NO_STROKES = 1000  # after every ideograph (the largest count is 84)
_NO_READING = "~"  # after every syllable (lower-case letters)
# What may be typed as pinyin: Latin letters, with spaces or apostrophes between syllables.
_PINYIN_QUERY = compile_on_use(r"^[A-Za-z][A-Za-z' ]*$")

# Surnames that read otherwise than the character's first (common) reading: how
# 《百家姓》 and the 通用规范汉字表 read them. Compound surnames pypinyin already reads
# as a phrase (万俟 mò qí, 尉迟 yù chí, 单于 chán yú).
SURNAME_READINGS = {
    "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "区": "ou", "朴": "piao", "查": "zha",
    "覃": "qin", "乜": "nie", "盖": "ge", "缪": "miao", "翟": "zhai", "召": "shao", "种": "chong",
    "繁": "po", "员": "yun", "洗": "xian", "秘": "bi", "宿": "su", "那": "na", "阚": "kan", "厍": "she",
    "长孙": "zhang sun",
}


@functools.cache
def _stroke_runs() -> tuple[tuple[int, str], ...]:
    """The table's few runs of consecutive code points, each (first code point, one mark
    per character), read as they are: a dict of every character took 40 ms to build,
    most of ``branchdesk members list`` (issue 18)."""
    runs = []
    for line in (UNIHAN_DIR / "strokes.txt").read_text(encoding="ascii").splitlines():
        if line and not line.startswith("#"):
            start, counts = line.split(" ", 1)
            runs.append((int(start, 16), counts))
    return tuple(runs)


@functools.cache
def _reading_stand_ins() -> dict[str, str]:
    found = {}
    for line in (UNIHAN_DIR / "pinyin-variants.txt").read_text(encoding="ascii").splitlines():
        if line and not line.startswith("#"):
            code, other = line.split()
            found[chr(int(code, 16))] = chr(int(other, 16))
    return found


def strokes(character: str) -> int | None:
    """The total stroke count of one character, or None when Unihan has none."""
    point = ord(character)
    for first, counts in _stroke_runs():
        if first <= point < first + len(counts):
            mark = counts[point - first]
            return None if mark == "!" else ord(mark) - _STROKE_BASE
    return None


def stroke_key(name: str) -> tuple:
    """Sort key of 姓氏笔画 order: (strokes, code point) of each character in turn."""
    return tuple((strokes(c) or _NO_STROKES, ord(c)) for c in name)


def _readings(character: str) -> list[str]:
    """Every toneless reading of one character ('' when unknown), the common one first."""
    from pypinyin import Style, pinyin

    found = pinyin(character, style=Style.NORMAL, heteronym=True, errors=lambda text: [""] * len(text))[0]
    found = [r for r in found if r and r.isascii()]
    if not found and character in _reading_stand_ins():
        return _readings(_reading_stand_ins()[character])
    return found


@functools.lru_cache(maxsize=4096)
def name_readings(name: str) -> tuple[tuple[str, ...], ...]:
    """For each character of ``name``: its readings, the one it has in this name first
    (the surname's, then the reading pypinyin chooses for the whole name)."""
    from pypinyin import Style, lazy_pinyin

    in_context = lazy_pinyin(name, style=Style.NORMAL, errors=lambda text: [""] * len(text))
    if len(in_context) != len(name):  # pypinyin split something unexpectedly: read alone
        in_context = [""] * len(name)
    surname = _surname_reading(name)
    result = []
    for index, character in enumerate(name):
        first = surname[index] if index < len(surname) else in_context[index]
        others = _readings(character)
        ordered = [first] if first and first.isascii() else []
        ordered += [r for r in others if r not in ordered]
        ordered += [r.replace("v", "u") for r in ordered if "v" in r]  # lv / lu both find 吕
        result.append(tuple(dict.fromkeys(ordered)))
    return tuple(result)


def _surname_reading(name: str) -> list[str]:
    for length in (2, 1):
        reading = SURNAME_READINGS.get(name[:length])
        if reading:
            return reading.split()
    return []


def pinyin_key(name: str) -> tuple:
    """Sort key of 拼音 order: the syllables in turn, then 姓氏笔画 to separate homophones."""
    syllables = tuple(r[0] if r else _NO_READING for r in name_readings(name))
    return syllables, stroke_key(name)


def sort_key(order: str):
    """The key function of ``order`` (``strokes`` or ``pinyin``)."""
    return pinyin_key if order == "pinyin" else stroke_key


def sorted_names(names, order: str = DEFAULT_NAME_ORDER, key=None) -> list:
    """``names`` (or items whose name ``key`` gives) in ``order``."""
    by = sort_key(order)
    return sorted(names, key=(lambda item: by(key(item))) if key else by)


def looks_like_pinyin(query: str) -> bool:
    return bool(_PINYIN_QUERY.match(query.strip()))


def pinyin_matches(name: str, query: str) -> bool:
    """True when ``query`` (Latin letters) spells characters of ``name`` from some
    character on, each as a non-empty prefix of one of its readings."""
    typed = re.sub(r"[' ]", "", query).lower()
    if not typed or not typed.isascii() or not typed.isalpha():
        return False
    readings = name_readings(name)

    @functools.cache
    def spells(char: int, at: int) -> bool:
        if at == len(typed):
            return True
        if char == len(readings):
            return False
        rest = typed[at:]
        for reading in readings[char]:
            common = 0
            while common < min(len(reading), len(rest)) and reading[common] == rest[common]:
                common += 1
            if any(spells(char + 1, at + length) for length in range(common, 0, -1)):
                return True
        return False

    return any(spells(start, 0) for start in range(len(readings)))
