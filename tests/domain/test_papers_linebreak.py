"""Chinese line breaking, checked on the text a receiver extracts from the PDF."""

import itertools
import random

from branchdesk.papers import Paper, Para, render
from branchdesk.papers.kinsoku import CANNOT_END, CANNOT_START, can_break_between
from branchdesk.papers.reportlab_fixes import install

from .papers_support import bundled_fonts, pages_of, text_of

# Punctuation-heavy sentences: closing marks in pairs (」。 ”， ）。), dashes, ellipses,
# numbers with units and long digit runs.
SENTENCES = [
    "会议指出：“要抓好‘三会一课’。”",
    "大家一致认为——必须把学习成果转化为实际行动！",
    "支部书记（兼村委会主任）作了发言……",
    "《中国共产党支部工作条例（试行）》明确规定，",
    "联系电话13800138000；",
    "共计12.5万元（占比37.5%）。",
    "2024年6月30日召开，",
    "是否按时参加？是！",
    "“两学一做”、“三严三实”，",
]


def _long_text(seed: int, count: int = 160) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(SENTENCES) for _ in range(count))


def _lines(pdf):
    return [line for line in text_of(pdf).splitlines() if line.strip()]


def test_no_line_starts_with_closing_punctuation_in_either_preset(tmp_path):
    for index, key in enumerate(("gongwen", "record")):
        target = tmp_path / f"{key}.pdf"
        render(Paper(key, "", [Para(_long_text(index))]), target, library=bundled_fonts())
        lines = [line for line in _lines(target) if not line.startswith("—")]  # page numbers
        assert len(lines) > 60
        bad = [line for line in lines if line[0] in CANNOT_START]
        assert bad == [], f"{key}: lines starting with closing marks: {bad[:5]}"
        assert [line for line in lines if line.rstrip()[-1] in CANNOT_END] == []


def test_dashes_ellipses_and_numbers_stay_whole(tmp_path):
    target = tmp_path / "whole.pdf"
    render(Paper("record", "", [Para(_long_text(7))]), target, library=bundled_fonts())
    lines = [line.strip() for line in _lines(target)]
    for before, after in itertools.pairwise(lines):
        assert not (before.endswith("—") and after.startswith("—")), (before, after)
        assert not (before.endswith("…") and after.startswith("…")), (before, after)
        assert not (before[-1].isdigit() and after[0].isdigit()), (before, after)
        assert not (before[-1].isdigit() and after[0] in "年月日万%"), (before, after)


def test_gongwen_page_holds_22_lines_of_28_characters(tmp_path):
    # First line: 26 characters after the two-character indent, then 21 lines of 28.
    full_page = 26 + 21 * 28
    one = tmp_path / "one.pdf"
    render(Paper("gongwen", "", [Para("国" * full_page)]), one, library=bundled_fonts())
    assert pages_of(one) == 1
    body = [line.strip() for line in _lines(one) if "国" in line]
    assert [len(line) for line in body] == [26] + [28] * 21
    two = tmp_path / "two.pdf"
    render(Paper("gongwen", "", [Para("国" * (full_page + 1))]), two, library=bundled_fonts())
    assert pages_of(two) == 2


def test_break_rules():
    assert not can_break_between("好", "，")
    assert not can_break_between("”", "。")
    assert not can_break_between("（", "兼")
    assert not can_break_between("—", "—")
    assert not can_break_between("3", "8")
    assert not can_break_between("6", "月")
    assert can_break_between("。", "“")
    assert can_break_between("会", "议")


def test_reportlab_tables_are_patched_once():
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    install()
    install()
    table = textsplit.ALL_CANNOT_START
    assert paragraph.ALL_CANNOT_START == table
    for mark in "，。；：！？）》」”":
        assert table.count(mark) == 1
