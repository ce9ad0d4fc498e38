"""Table cells of one plain line are drawn without the paragraph machinery (papers/
one_line.py): the page must read exactly as with paragraphs — every word at the same
place — while a cell that wraps, needs a fall-back font or holds a run of spaces stays
a paragraph."""

from __future__ import annotations

import pytest

from branchdesk.papers import Paper, Table, render
from branchdesk.papers import tables as paper_tables
from branchdesk.papers.presets import PRESETS
from tests.domain.test_papers_layout import _words

ROWS = [
    ["第1村党支部", "3月", "已开1次", "缺 2 项", "100%"],
    ["𠮷野家党支部", "12月", "本期已开", "0/3 未到期", "86%，3人未交"],  # 𠮷: a fall-back font
    ["一个名字很长很长很长很长很长很长很长很长的党支部", "1月", "未到期", "0", "  两个空格"],  # wraps; spaces
]


@pytest.fixture
def engine() -> str:
    return "sqlite"  # a paper, no storage


def _paper() -> Paper:
    headers = ["支部", "月份", "支委会", "缺项", "党费收缴"]
    return Paper(preset=PRESETS["record"], title="汇总", branch="某镇党委", record_type="汇总",
                 blocks=[Table(headers, ROWS * 20, col_widths=(3, 1, 1.5, 1.5, 2), align=("left", "center", "center",
                                                                                      "center", "right"))])


def test_one_line_cells_read_exactly_as_paragraphs(tmp_path, monkeypatch):
    drawn: list = []
    real = paper_tables.one_line_cell

    def counting(*args, **kwargs):
        cell = real(*args, **kwargs)
        drawn.append(cell)
        return cell

    monkeypatch.setattr(paper_tables, "one_line_cell", counting)
    fast = render(_paper(), tmp_path / "fast.pdf")
    one_line = [c for c in drawn if c is not None]
    assert len(one_line) == 20 * 12  # all but 𠮷野家, the long name and the leading spaces
    monkeypatch.setattr(paper_tables, "one_line_cell", lambda *args, **kwargs: None)
    slow = render(_paper(), tmp_path / "slow.pdf")
    assert fast.pages == slow.pages > 1
    for page in range(1, fast.pages + 1):
        assert _words(tmp_path / "fast.pdf", page) == _words(tmp_path / "slow.pdf", page)


def test_a_repeated_wrapping_cell_is_one_paragraph_placed_as_separate_ones(tmp_path, monkeypatch):
    made: list = []
    real = paper_tables._value_cell

    def counting(*args, **kwargs):
        made.append(args[2])
        return real(*args, **kwargs)

    monkeypatch.setattr(paper_tables, "_value_cell", counting)
    shared = render(_paper(), tmp_path / "shared.pdf")
    # The long name wraps and the spaced text keeps its spaces: one paragraph each for all 20
    # rows; 𠮷野家 needs a fall-back font, so each of its cells is its own (reported per place).
    assert sorted(set(made)) == sorted({ROWS[1][0], ROWS[2][0], ROWS[2][4]})
    assert made.count(ROWS[1][0]) == 20 and made.count(ROWS[2][0]) == 1 and made.count(ROWS[2][4]) == 1
    monkeypatch.setattr(paper_tables, "_shareable", lambda *args: False)
    separate = render(_paper(), tmp_path / "separate.pdf")
    assert shared.pages == separate.pages > 1
    for page in range(1, shared.pages + 1):
        assert _words(tmp_path / "shared.pdf", page) == _words(tmp_path / "separate.pdf", page)
