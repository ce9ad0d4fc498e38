"""换届选举 through the real main window (issue 20): the plan and its 批复, the candidates
ticked in the roster, the 大会's attendance and the vote, the 支委会 choosing 书记 and
副书记, and the upper 批复 — after which, and only then, 设置 shows the new committee and
term (docs/domain.md §14)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from tests.domain.meetings_support import branch  # noqa: F401 - fixture: a small branch
from tests.helpers import answer_modal, close_discarding, saved, type_text
from tests.ui.test_paper_previews import shown_preview
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, branch):  # noqa: F811 - the fixture
    archive, _, _ = branch
    main = MainWindow(archive)
    qtbot.addWidget(main)
    main.resize(1024, 768)
    main.show()
    return main


def _step(qtbot, page, name: str, fill) -> None:
    """Click the step's button and fill its dialog; a failed check closes the dialog (a
    modal left open would hang the test) and fails the test."""
    failed = []

    def guarded(dialog):
        try:
            saved(fill)(dialog)
        except Exception as error:
            failed.append(error)
            if dialog.isVisible():
                close_discarding(dialog)
    answer_modal(guarded)
    widget = page.new_button if name == "new" else next(
        b for buttons in page.step_buttons.values() for b in buttons if b.objectName() == f"election_{name}")
    assert widget.isEnabled(), name
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    if failed:
        raise failed[0]


def _committee(window) -> list[tuple[str, str]]:
    table = window.show_page("settings").committee
    return [(table.cellWidget(r, 0).currentText(), table.cellWidget(r, 1).currentText()) for r in range(table.rowCount())]


def test_an_election_from_plan_to_approval(qtbot, window):
    before = _committee(window)
    assert before == [("书记", "王堃"), ("组织委员", "李喆"), ("宣传委员", "赵赟")]
    page = window.show_page("election")
    assert "还没有换届选举记录" in page.detail.toPlainText()

    def plan(dialog):
        type_text(dialog.planned_on, "2026-10-08")
        dialog.places.setValue(3)
        dialog.deputies.setValue(1)
        type_text(dialog.submitted_on, "2026-09-01")
    _step(qtbot, page, "new", plan)
    assert page.state_labels["plan"].text() == "当前：换届工作方案待批复"
    assert not page.step_buttons["candidates"][0].isEnabled()

    def approve_plan(dialog):
        type_text(dialog.approved_on, "2026-09-08")
        type_text(dialog.number, "测组〔2026〕12号")
    _step(qtbot, page, "plan_approval", approve_plan)
    assert page.state_labels["plan"].text() == "已完成（2026-09-08 批复）"
    home = window.show_page("home")
    assert any("2026年换届选举正在进行：待确定候选人" in s for s in home.todo_sentences())
    page = window.show_page("election")

    def refused(dialog):  # 等额 and a 预备党员 are refused in the dialog, by the table
        assert "预备党员" in next(r["status"] for r in dialog.model.rows() if r["name"] == "张伟")
        dialog.tick(["王堃", "李喆", "赵赟", "张伟"])
        assert not any(r["chosen"] for r in dialog.model.rows() if r["name"] == "张伟")  # cannot be ticked
        assert not dialog.save() and "至少4名" in dialog.form.error_text("candidates")
        dialog.tick(["陈镕"])
    _step(qtbot, page, "candidates", refused)
    assert {p.name for p in window.archive.election.open_one().candidates} == {"王堃", "李喆", "赵赟", "陈镕"}
    assert "候选人：王堃、李喆" in page.detail.toPlainText()

    def attend(dialog):
        assert sorted(r["name"] for r in dialog.model.rows()) == sorted(["王堃", "李喆", "赵赟", "陈镕", "刘芳", "孙丽"])
        dialog.mark("孙丽", "not_counted", exclusion="away")
        dialog.mark("刘芳", "absent", reason="sick")
        assert "应到会有选举权的党员5名，实到4名，未超过五分之四" in dialog.summary.text()
        dialog.mark("刘芳", "present")
        assert "实到5名，超过五分之四" in dialog.summary.text()
    _step(qtbot, page, "attendance", attend)

    def vote(dialog):
        dialog.set_votes({"王堃": 5, "李喆": 4, "赵赟": 3, "陈镕": 2})
        assert "3名当选" in dialog.outcome.text()
    _step(qtbot, page, "vote", vote)
    assert page.state_labels["meeting"].text() == "已完成（2026-10-08，当选 3 名）"

    def offices(dialog):
        dialog.assign("王堃", "secretary", 3)
        dialog.assign("李喆", "deputy_secretary", 3)
        dialog.assign("赵赟", "organisation")
        dialog.held_on.clear()
        type_text(dialog.held_on, "2026-10-09")
    _step(qtbot, page, "offices", offices)
    assert _committee(window) == before  # not approved yet: nothing changed
    page = window.show_page("election")

    def approve(dialog):
        type_text(dialog.submitted_on, "2026-10-10")
        type_text(dialog.approved_on, "2026-10-20")
        type_text(dialog.number, "测组〔2026〕30号")
    _step(qtbot, page, "approval", approve)
    assert page.state_labels["approval"].text() == "已完成（2026-10-20 批复）"
    assert "上届支委会：书记 王堃；组织委员 李喆；宣传委员 赵赟" in page.detail.toPlainText()
    assert "2031-10-08 届满" in page.committee.text()
    assert _committee(window) == [("书记", "王堃"), ("副书记", "李喆"), ("组织委员", "赵赟")]
    settings = window.pages["settings"]
    assert settings.term.date() == dt.date(2026, 10, 8)
    assert settings.last_election.text().startswith("由 2026-10-08 换届选举产生（测组〔2026〕30号 批复）")
    assert not any("换届" in s for s in window.show_page("home").todo_sentences())
    page = window.show_page("election")  # the 计票结果 to print, from the papers menu
    tally = next(a for a in page.papers_button.menu().actions() if a.text() == "计票结果…")
    preview = shown_preview(qtbot, page.previews, tally.trigger)
    assert preview.windowTitle() == "预览：2026年换届选举计票结果"
    preview.close()
