"""Signature lines never stand alone on a page (docs/domain.md §6.1.1), seen on the paper
QA found it on: a meeting record whose content ends near the foot of its first page."""

import re

import pytest

from branchdesk.meetings import TaskForm
from branchdesk.meetings.papers import paper_for
from branchdesk.papers import render
from tests.domain.meetings_support import TODAY, branch, held_form  # noqa: F401 - fixture
from tests.domain.papers_support import bundled_fonts, page_texts


@pytest.fixture
def engine() -> str:
    """A dozen records drawn from what the domain API returns, the same on both engines."""
    return "sqlite"


def record_pages(archive, tmp_path, lines: int, tasks: int = 0) -> dict[int, str]:
    """The pages of a committee record whose minutes run ``lines`` paragraphs."""
    form = held_form(archive, minutes="\n".join(["研究部署本村人居环境整治和道路养护工作。"] * lines))
    form.tasks = [TaskForm(f"第{n}项：清理村道两侧垃圾", "王堃", TODAY) for n in range(1, tasks + 1)]
    pdf = tmp_path / f"record-{lines}-{tasks}.pdf"
    render(paper_for(archive.meetings.detail(archive.meetings.plan(form)), "record"), pdf, library=bundled_fonts())
    return page_texts(pdf)


def first_of_two_pages(archive, tmp_path, tasks: int) -> dict[int, str]:
    """The record with the fewest paragraphs of minutes that no longer fits one page: its
    overflow starts at the foot, with the signature lines."""
    short, long = 1, 40
    assert len(record_pages(archive, tmp_path, short, tasks)) == 1
    while long - short > 1:
        middle = (short + long) // 2
        short, long = (middle, long) if len(record_pages(archive, tmp_path, middle, tasks)) == 1 else (short, middle)
    return record_pages(archive, tmp_path, long, tasks)


def test_the_signature_lines_never_stand_alone_on_the_last_page(branch, tmp_path):  # noqa: F811
    """docs/domain.md §6.1.1: a 落实事项 table of one row (「无」) goes over with them, its
    heading too; of a longer table only the last row goes."""
    archive, _, _ = branch
    pages = first_of_two_pages(archive, tmp_path, tasks=0)
    last, before = (re.sub(r"\s+", "", pages[n]) for n in (len(pages), len(pages) - 1))
    assert "主持人" in last and "记录人" in last
    assert "落实事项" in last and "完成期限" in last
    assert "落实事项" not in before  # the heading is not left behind
    pages = first_of_two_pages(archive, tmp_path, tasks=3)
    last, before = (re.sub(r"\s+", "", pages[n]) for n in (len(pages), len(pages) - 1))
    assert "主持人" in last and "第3项" in last and "第2项" not in last
    assert "第1项" in before and "第2项" in before
