"""A new secretary's first hour, through the program as it starts (ui.app.run) from an empty
folder: the wizard takes the branch, its committee of three and two more members (赵𠮷 among
them), then the first 支委会 is recorded with one absence and a vote, finalised and exported
as PDF. Every click and key press beyond the text typed is counted (tests/e2e/user.py): the
whole job must take at most 45 (issue 13).

The count stands at 42: 24 in the wizard (Tab from cell to cell, Enter after each row and
on an empty row to go on), then 18 for the record — 导航「会议」, 「新建会议」, 「新建」 (主持人
书记 and 记录人 组织委员 come from the committee), a click into 「实际召开日期」 and one into
「会议内容」 (the minutes stand for the 议题, docs/domain.md §2.2), 页签「出席情况」, the
absent member's 「出席情况」 cell, 「缺席」, 「病假」 (the reason's list opens by itself),
「未登记的都记为出席」, 页签「决议」, 「增加决议」, Enter after the text, Enter after 赞成
(反对 and 弃权 become 0), 「定稿」 (shown once the date is typed; it saves first), 「打印与
导出」, 「导出会议记录 PDF…」 and Enter in the save dialog; the 导出完成 notice needs no 确定.
The failure message lists the actions as they were counted."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from branchdesk import clock
from tests.e2e.user import CountingUser, Journey, modal, top_level
from tests.helpers import export_notice, make_id, open_list
from ui import app as app_module
from ui.main_window import MainWindow
from ui.pages.meetings.plan_dialog import PlanDialog
from ui.wizard import FirstRunWizard

MOST_ACTIONS = 45
TODAY = clock.today()
ABSENT = "孙三"
MINUTES = "传达上级会议精神，研究本月工作。"
RESOLUTION = "同意将村道路灯维修列入本月为民办实事项目"
SHOTS = os.environ.get("BRANCHDESK_SHOTS")  # a folder: the key screens at 1366×768 and 1024×768
COMMITTEE = [  # name, ID number, 入党日期, 转正日期 (the post follows the row: 书记, 副书记/组织委员 …)
    ("赵𠮷", make_id(dt.date(1970, 3, 1), 111), "1995-07-01", "1996-07-01"),
    ("钱二", make_id(dt.date(1975, 5, 2), 122), "2000-06-30", "2001-07-01"),
    ("孙三", make_id(dt.date(1980, 8, 3), 133), "2005-06-30", "2006-07-01"),
]
OTHERS = [
    ("李四", make_id(dt.date(1985, 1, 4), 144), "2010-06-30", "2011-07-01"),
    ("周五", make_id(dt.date(1999, 2, 5), 155), "2026-06-30", ""),  # 预备党员
]


def args_for(data_dir):
    return argparse.Namespace(data_dir=str(data_dir), db_url=None, read_only=False, screenshot=None, page=None,
                              bundles=[])


@pytest.fixture(autouse=True)
def quiet(monkeypatch):
    # pytest-qt owns sys.excepthook during tests.
    monkeypatch.setattr(app_module, "install_exception_hooks", lambda: None)


def open_cell_editor(table):
    """The editor open on a cell of ``table`` (typing goes there), or None."""
    editors = [w for kind in (QLineEdit, QPlainTextEdit) for w in table.viewport().findChildren(kind)
               if w.isVisible() and w.parentWidget() is table.viewport()]
    assert len(editors) <= 1, f"{len(editors)} cell editors open"
    return editors[0] if editors else None


def cell_editor(table):
    editor = open_cell_editor(table)
    assert editor is not None, f"no cell editor open at {table.currentIndex().row()},{table.currentIndex().column()}"
    return editor


def button_with_text(dialog, text: str) -> QPushButton:
    return next(b for b in dialog.findChildren(QPushButton) if b.text() == text and b.isVisible())


def shoot(window, name: str, notice=None) -> None:
    """With BRANCHDESK_SHOTS set: the window (and the notice over it) at both screen sizes."""
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    was_maximised = window.isMaximized()
    window.showNormal()
    for width, height in ((1366, 768), (1024, 768)):
        window.resize(width, height - 40)  # the taskbar's share of the screen
        QApplication.processEvents()
        assert window.width() <= width, f"the window is {window.width()} px wide on a {width} px screen"
        window.grab().save(str(Path(SHOTS) / f"{name}-{width}.png"))
        if notice is not None:
            notice.grab().save(str(Path(SHOTS) / f"{name}-notice-{width}.png"))
    if was_maximised:
        window.showMaximized()


def type_rows(user, table, rows) -> None:
    """Each row cell by cell: the text, then Tab, and Enter after the last cell."""
    for row in rows:
        for position, text in enumerate(row):
            editor = cell_editor(table)
            if text:
                user.type(editor, text)
            user.press(Qt.Key.Key_Return if position == len(row) - 1 else Qt.Key.Key_Tab, editor)


def test_from_an_empty_folder_to_a_finalised_committee_meeting_in_45_actions(qtbot, tmp_path):
    user = CountingUser(qtbot)
    journey = Journey()
    data_dir = tmp_path / "档案"
    seen = {}

    def script():
        # -- the wizard ------------------------------------------------------------
        wizard = yield modal(FirstRunWizard)
        user.type(wizard.name, "前进村党支部")
        user.press(Qt.Key.Key_Return, wizard.name)  # the branch is made; on to the committee
        yield lambda: wizard.step_index == 1
        type_rows(user, wizard.current_step().table, COMMITTEE)
        user.press(Qt.Key.Key_Return, cell_editor(wizard.current_step().table))  # empty row: next step
        yield lambda: wizard.step_index == 2
        user.press(Qt.Key.Key_Return, cell_editor(wizard.current_step().table))  # no party groups
        yield lambda: wizard.step_index == 3
        type_rows(user, wizard.current_step().table, OTHERS)
        user.press(Qt.Key.Key_Return, cell_editor(wizard.current_step().table))  # done
        window = yield top_level(MainWindow)
        seen["members"] = window.archive.members.count()
        seen["after_wizard"] = user.count

        # -- the first 支委会, held today -------------------------------------------------
        user.click_cell(window.nav, window.page_keys.index("meetings"), 0, "导航「会议」")
        page = yield lambda: window.pages.get("meetings") if window.pages.get("meetings", QWidget()).isVisible() else None
        user.click(page.list.new_button, opens=True)
        plan = yield modal(PlanDialog)
        assert plan.kind.currentData() == "committee"  # the monthly meeting the branch owes first
        user.click(button_with_text(plan, "新建"))
        editor = yield lambda: page.editor if page.stack.currentWidget() is page.editor else None
        basic = editor.basic
        # the committee set up by the wizard chairs and minutes it: nothing to pick
        assert (basic.host.currentText(), basic.recorder.currentText()) == ("赵𠮷", "钱二")
        user.click(basic.held_on, "「实际召开日期」")
        user.type(basic.held_on, TODAY.isoformat())
        user.click(basic.minutes, "「会议内容」")
        user.type(basic.minutes, MINUTES)
        shoot(window, "basic")

        user.click_tab(editor.tabs, editor.tabs.indexOf(editor.attendance))
        grid = editor.attendance
        assert [r["name"] for r in grid.model.rows()] == ["赵𠮷", "钱二", "孙三"]
        user.click_cell(grid.table, grid.row_of(ABSENT), grid.status_column, f"「出席情况」格（{ABSENT}）")
        yield open_list
        user.pick("缺席")
        yield lambda: open_list() is not None and grid.table.currentIndex().column() == grid.reason_column
        user.pick("病假")
        yield lambda: open_list() is None
        user.click(grid.all_present)
        assert "应到3人，实到2人，缺席1人" in grid.summary.text(), grid.summary.text()
        shoot(window, "attendance")

        votes = editor.resolutions
        user.click_tab(editor.tabs, editor.tabs.indexOf(votes))
        user.click(votes.buttons.add)
        user.type(cell_editor(votes.table), RESOLUTION)
        user.press(Qt.Key.Key_Return, cell_editor(votes.table))  # on to 赞成
        yield lambda: votes.table.currentIndex().column() == 2 and open_cell_editor(votes.table)
        user.type(cell_editor(votes.table), "2")
        user.press(Qt.Key.Key_Return, cell_editor(votes.table))  # 反对 and 弃权 become 0
        yield lambda: votes.model.row(0)["abstain"] == 0
        assert "赞成票超过应到支部委员（3名）的半数（至少2票），通过" in votes.explanation.text(), votes.explanation.text()
        shoot(window, "vote")

        user.click(editor.finalise_button)
        yield lambda: editor.state == "final"

        # -- exported as PDF -------------------------------------------------------------
        user.click(editor.papers_button, opens=True)
        menu = yield lambda: QApplication.activePopupWidget() if isinstance(QApplication.activePopupWidget(), QMenu) else None
        user.click_menu_item(menu, editor.paper_actions["record"][1], opens=True)
        save_as = yield modal(QFileDialog)
        user.press(Qt.Key.Key_Return, save_as, opens=True)  # the suggested name in the exports folder
        notice = yield lambda: export_notice(editor)
        assert QApplication.activeModalWidget() is None  # the notice waits for nothing
        assert notice.findChild(QPushButton, "open_folder").isVisible()
        seen["pdf"] = editor.papers.last_export
        shoot(window, "exported", notice)
        window.close()

    journey.drive(script)
    assert app_module.run(args_for(data_dir)) == 0
    journey.check()
    assert seen["members"] == 5
    pdf = seen["pdf"]
    assert pdf.parent == data_dir / "exports" and pdf.name == "2026年12月支委会会议记录.pdf", pdf
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                                             check=True).stdout)
    for expected in ("中共前进村党支部", "主持人赵𠮷记录人钱二", "应到3人，实到2人", f"缺席人员及原因{ABSENT}（病假）",
                     RESOLUTION[:12], "决议1：赞成2票，反对0票，弃权0票", "通过", MINUTES):
        assert expected in text, f"「{expected}」 not in the PDF: {text}"
    assert user.count <= MOST_ACTIONS, f"{user.count} actions:\n{user.story()}"
    print(f"\n{user.count} actions ({seen['after_wizard']} in the wizard):\n{user.story()}")
