"""Table cells of one plain line are drawn without the paragraph machinery (papers/
one_line.py): the page must read and look exactly as with paragraphs — every word at the
same place, every rule where it was, pixel for pixel — while a cell that wraps, needs a
fall-back font or holds a run of spaces stays a paragraph. Checked on the ways such a
cell is drawn: a string cell drawn by the table (the usual case), a flowable in a table
whose rows may split inside, in faux bold, and in a paper laid out over several passes
(each pass is a new document with its own font subset)."""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

import pytest

from branchdesk.papers import Heading, PageCount, Paper, Table, render, template
from branchdesk.papers import tables as paper_tables
from branchdesk.papers.one_line import OneLineText
from branchdesk.papers.presets import PRESETS, TextStyle
from tests.domain.test_papers_layout import _words

ROWS = [
    ["第1村党支部", "3月", "已开1次", "缺 2 项", "100%"],
    ["𠮷野家党支部", "12月", "本期已开", "0/3 未到期", "86%，3人未交"],  # 𠮷: a fall-back font
    ["一个名字很长很长很长很长很长很长很长很长的党支部", "1月", "未到期", "0", "  两个空格"],  # wraps; spaces
    ["第2村党支部", "", "", "0", ""],  # empty cells beside text: one-line cells, drawing nothing
    ["", "", "", "", ""],  # nothing in the row: paragraphs, the row only its padding high
]
HEADERS = ["支部", "月份", "支委会", "缺项", "党费收缴"]
ALIGN = ("left", "center", "center", "center", "right")


@pytest.fixture
def engine() -> str:
    return "sqlite"  # a paper, no storage


def _paper(rows=ROWS * 20, preset=PRESETS["record"], **options) -> Paper:
    return Paper(preset=preset, title="汇总", branch="某镇党委", record_type="汇总",
                 blocks=[Table(HEADERS, rows, col_widths=(3, 1, 1.5, 1.5, 2), align=ALIGN)], **options)


def _pictures(pdf: Path, folder: Path) -> list[bytes]:
    folder.mkdir()
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(folder / "p")], check=True)
    return [path.read_bytes() for path in sorted(folder.glob("p*.png"))]


def _fast_and_slow(tmp_path, monkeypatch, paper: Paper) -> list:
    """Renders ``paper`` as it is and with every cell a paragraph, asserts both read and
    look the same page by page; returns the cells of the first rendering's tables."""
    tables: list = []
    real_ruled = paper_tables._ruled

    def keeping(book, data, *args, **kwargs):
        table = real_ruled(book, data, *args, **kwargs)
        tables.append(table)
        return table

    monkeypatch.setattr(paper_tables, "_ruled", keeping)
    fast = render(paper, tmp_path / "fast.pdf")
    # (reportlab keeps a measured flowable cell as a tuple of it)
    cells = [part for table in tables for row in table._cellvalues for cell in row
             for part in (cell if isinstance(cell, (tuple, list)) else (cell,))]
    with monkeypatch.context() as slow_path:
        slow_path.setattr(paper_tables, "one_line_cell", lambda *args, **kwargs: None)
        slow = render(paper, tmp_path / "slow.pdf")
    assert fast.pages == slow.pages > 1
    for page in range(1, fast.pages + 1):
        assert _words(tmp_path / "fast.pdf", page) == _words(tmp_path / "slow.pdf", page)
    assert _pictures(tmp_path / "fast.pdf", tmp_path / "fast") == _pictures(tmp_path / "slow.pdf", tmp_path / "slow")
    return cells


def test_one_line_cells_read_and_look_exactly_as_paragraphs(tmp_path, monkeypatch):
    cells = _fast_and_slow(tmp_path, monkeypatch, _paper())
    one_line = [cell for cell in cells if cell.__class__ is OneLineText]
    # all but 𠮷野家, the long name, the leading spaces and the empty row's cells
    assert len(one_line) == 20 * 17
    assert sum(cell == "" for cell in one_line) == 20 * 3
    assert len({id(cell) for cell in one_line}) < 20  # one object per text and column


def test_cells_of_rows_that_split_inside_are_flowables_placed_as_paragraphs(tmp_path, monkeypatch):
    tall = ["很长的情况说明" * 160, "3月", "已开1次", "", "100%"]  # taller than 40 % of a page
    cells = _fast_and_slow(tmp_path, monkeypatch, _paper(ROWS * 3 + [tall] + ROWS * 3))
    assert not [cell for cell in cells if isinstance(cell, str) and cell]  # no string cells
    assert any(cell.__class__.__name__ == "OneLineCell" for cell in cells)


def test_one_line_cells_in_faux_bold_are_drawn_as_paragraphs(tmp_path, monkeypatch):
    preset = dataclasses.replace(PRESETS["record"], table=TextStyle("song", 10.5, 15, align="left", bold=True))
    cells = _fast_and_slow(tmp_path, monkeypatch, _paper(preset=preset))
    assert any(cell.__class__ is OneLineText and cell for cell in cells)


def test_one_line_cells_in_a_paper_laid_out_in_several_passes(tmp_path, monkeypatch):
    # The contents and a page total take passes, each a new document: the drawn text of
    # a cell is kept per document, since each has its own font subset.
    rows = [[str(n), "共页", "已开1次", "缺 2 项", "100%"] for n in range(60)] + [["总页数", "", "", "", PageCount()]]
    paper = Paper(preset=PRESETS["record"], title="汇总", branch="某镇党委", record_type="汇总", toc=True,
                  blocks=[Heading(1, "一、各支部"), Table(HEADERS, rows, col_widths=(3, 1, 1.5, 1.5, 2), align=ALIGN),
                          Heading(1, "二、再列一次"), Table(HEADERS, ROWS * 10, col_widths=(3, 1, 1.5, 1.5, 2),
                                                          align=ALIGN)])
    drawn_passes: list[int] = []
    settled = template.PaperDocTemplate._allSatisfied

    def one_more_pass(doc):  # the first drawn pass is never the last: its texts are drawn again
        if not doc._frame.dry:
            drawn_passes.append(doc.page)
        return settled(doc) and len(drawn_passes) % 2 == 0

    monkeypatch.setattr(template.PaperDocTemplate, "_allSatisfied", one_more_pass)
    cells = _fast_and_slow(tmp_path, monkeypatch, paper)
    assert len(drawn_passes) == 4  # two drawn passes of each rendering
    assert any(cell.__class__ is OneLineText and cell for cell in cells)


def test_a_repeated_wrapping_cell_is_one_paragraph_placed_as_separate_ones(tmp_path, monkeypatch):
    made: list = []
    real = paper_tables._value_cell

    def counting(*args, **kwargs):
        made.append(args[2])
        return real(*args, **kwargs)

    monkeypatch.setattr(paper_tables, "_value_cell", counting)
    shared = render(_paper(), tmp_path / "shared.pdf")
    # The long name wraps and the spaced text keeps its spaces: one paragraph each for all 20
    # rows, and one for the empty row's cells of each column; 𠮷野家 needs a fall-back font,
    # so each of its cells is its own (reported per place).
    assert sorted(set(made)) == sorted({ROWS[1][0], ROWS[2][0], ROWS[2][4], ""})
    assert made.count(ROWS[1][0]) == 20 and made.count(ROWS[2][0]) == 1 and made.count(ROWS[2][4]) == 1
    assert made.count("") == len(HEADERS)
    monkeypatch.setattr(paper_tables, "_shareable", lambda *args: False)
    separate = render(_paper(), tmp_path / "separate.pdf")
    assert shared.pages == separate.pages > 1
    for page in range(1, shared.pages + 1):
        assert _words(tmp_path / "shared.pdf", page) == _words(tmp_path / "separate.pdf", page)
