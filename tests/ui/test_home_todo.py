"""首页's to-do list acts in one click, 整改台账 is its own page, and 帮助 (F1, 关于)
works — the real main window on the demo branch, offscreen."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

import branchdesk
from branchdesk.roster.members import MemberForm
from branchdesk.targets import Period
from branchdesk.todo import TodoItem
from tests.conftest import TODAY
from tests.helpers import answer_modal, make_id
from ui.dialogs.member_dialog import MemberDialog
from ui.main_window import MainWindow
from ui.pages.meetings.plan_dialog import PlanDialog
from ui.toolkit.tables import selected_id


@pytest.fixture
def window(qtbot, demo_archive):
    # a probationary member whose year is up, so that the list has a 转正 row too
    demo_archive.members.add(MemberForm(name="赵𠮷", id_number=make_id(dt.date(1995, 4, 4), serial=211),
                                        joined_on=dt.date(TODAY.year - 1, 10, 1), status="probationary"))
    main = MainWindow(demo_archive)
    qtbot.addWidget(main)
    main.resize(1024, 768)
    main.show()
    return main


def _click(qtbot, home, opens: str) -> TodoItem:
    row = next(r for r, item in enumerate(home.todo.items) if item.opens == opens)
    qtbot.mouseClick(home.todo.buttons[row], Qt.MouseButton.LeftButton)
    return home.todo.items[row]


def _answer(read, seen: dict):
    """Note what the next modal dialog shows (``read(dialog)``), then close it."""
    def check(dialog):
        seen["dialog"] = type(dialog)
        seen.update(read(dialog))
        dialog.reject()
    answer_modal(check)


def test_each_row_opens_its_record_in_one_click(qtbot, window, demo_archive):
    home = window.pages["home"]
    kinds = {item.opens for item in home.todo.items}
    assert {"meeting", "new_meeting", "member", "inspection", "rectification", "backups", "life"} <= kinds
    assert all(button is not None for button in home.todo.buttons)

    item = _click(qtbot, home, "meeting")
    meetings = window.pages["meetings"]
    assert window.current_page_key() == "meetings" and meetings.stack.currentWidget() is meetings.editor
    assert meetings.editor.meeting_id == item.record_id

    window.show_page("home")
    seen = {}
    _answer(lambda d: {"kind": d.kind.currentData(), "day": d.planned_on.date(), "group": d.group.currentData()}, seen)
    item = _click(qtbot, home, "new_meeting")
    assert seen["dialog"] is PlanDialog
    assert (seen["kind"], seen["day"]) == (item.meeting_kind, item.day)
    if item.group_id is not None:
        assert seen["group"] == item.group_id
    assert window.current_page_key() == "meetings"

    # the quarter's 党员大会 or 党课 not arranged with weeks to go: 安排会议 on its kind and day
    window.show_page("home")
    seen = {}
    _answer(lambda d: {"kind": d.kind.currentData(), "day": d.planned_on.date()}, seen)
    item = _click(qtbot, home, "plan_meeting")
    assert seen["dialog"] is PlanDialog and (seen["kind"], seen["day"]) == (item.meeting_kind, item.day)
    assert item.day >= TODAY

    window.show_page("home")
    seen = {}
    _answer(lambda d: {"member_id": d.member_id}, seen)
    item = _click(qtbot, home, "member")
    assert seen["dialog"] is MemberDialog and seen["member_id"] == item.record_id
    assert demo_archive.members.get(item.record_id).name == "赵𠮷"

    window.show_page("home")
    item = _click(qtbot, home, "inspection")
    targets = window.pages["targets"]
    assert window.current_page_key() == "targets"
    assert targets.inspections.currentWidget() is targets.inspections.editor
    assert targets.inspections.editor.inspection_id == item.record_id

    window.show_page("home")
    item = _click(qtbot, home, "rectification")
    ledger = window.pages["ledger"]
    assert window.current_page_key() == "ledger" and selected_id(ledger.ledger.table) == item.record_id
    assert item.sentence.split("：", 1)[0].split()[1] in ledger.ledger.detail.toPlainText()  # its code

    window.show_page("home")
    _click(qtbot, home, "backups")
    archive_page = window.pages["archive"]
    assert window.current_page_key() == "archive" and archive_page.tabs.currentWidget() is archive_page.backups

    window.show_page("home")
    _click(qtbot, home, "life")
    life = window.pages["life"]
    assert window.current_page_key() == "life" and life.tabs.currentWidget() is life.talks

    window.show_page("home")
    item = _click(qtbot, home, "dues")
    dues = window.pages["dues"]
    assert window.current_page_key() == "dues" and dues.tabs.currentWidget() is dues.month
    assert dues.month.month == item.day and dues.month.selected()["member_id"] == item.record_id
    assert dues.month.selected()["state"] == "unpaid" and "连续6个月" in dues.warnings.text()

    window.show_page("home")  # a member who owes dues with no base set (docs/domain.md §9, §10)
    row = next(r for r, i in enumerate(home.todo.items) if i.sentence.startswith("宋志强未设定党费基数"))
    qtbot.mouseClick(home.todo.buttons[row], Qt.MouseButton.LeftButton)
    assert window.current_page_key() == "dues" and dues.month.month == home.todo.items[row].day
    assert dues.month.selected()["member_id"] == home.todo.items[row].record_id
    assert dues.month.selected()["state"] == "no_base"


def test_a_double_click_does_what_the_button_does(qtbot, window):
    home = window.pages["home"]
    row = next(r for r, item in enumerate(home.todo.items) if item.opens == "rectification")
    rect = home.todo.visualRect(home.todo.model().index(row, 1))
    # a real double-click: the first press and release, then the second (QTest sends only that)
    qtbot.mouseClick(home.todo.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_page_key() == "home"  # one click on the sentence only selects the row
    qtbot.mouseDClick(home.todo.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_page_key() == "ledger"
    assert selected_id(window.pages["ledger"].ledger.table) == home.todo.items[row].record_id


def test_an_inspection_not_begun_opens_the_new_inspection_form_on_its_period(qtbot, window):
    home = window.pages["home"]
    period = Period(TODAY.year + 1, "half", 2)  # a year with no inspection yet
    seen = {}

    def check(dialog):
        seen["period"] = dialog.period.currentData()
        dialog.reject()
    answer_modal(check)
    home.act(TodoItem("inspection", "…", "new_inspection", period_year=period.year,
                      period_kind=period.kind, period_no=period.no))
    assert seen["period"] == period and window.current_page_key() == "targets"


def test_the_ledger_is_its_own_page_in_the_navigation(qtbot, window, demo_archive):
    row = window.page_keys.index("ledger")
    assert window.nav.item(row).text() == "整改台账"
    window.nav.setCurrentRow(row)
    page = window.pages["ledger"]
    assert window.current_page_key() == "ledger" and page.isVisible()
    # every year at first: last year's overdue items are there
    assert page.ledger.model.rowCount() == len(demo_archive.rectification.query_ids())
    assert "逾期 2 项" in page.ledger.count.text()
    life = window.show_page("life")
    assert "ledger" not in life.tab_keys
    assert window.findChild(type(life.export_button.parent()), "page_life") is life


def test_f1_opens_the_manual_at_the_current_pages_section(qtbot, window):
    window.show_page("members")
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.help_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.section == "members"
    text = dialog.browser.toPlainText()
    assert "第一次使用" in text and "三会一课" in text and "U 盘" in text and "民主评议" in text
    # the browser scrolled to the section: its heading is at the top of the view
    top = dialog.browser.cursorForPosition(dialog.browser.viewport().rect().topLeft())
    top.select(top.SelectionType.BlockUnderCursor)
    assert "党员名册" in top.selectedText() or dialog.browser.verticalScrollBar().value() > 0
    first = dialog.browser.verticalScrollBar().value()
    window.show_page("ledger")
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert window.help_dialog is dialog and dialog.section == "ledger"
    assert dialog.browser.verticalScrollBar().value() != first
    dialog.close()


def test_a_deep_archive_folder_is_cut_in_its_middle_and_the_version_stays_whole(qtbot, window):
    window.resize(1024, 768)
    window.show()
    deep = "/" + "/".join(f"第{n}层很长很长的文件夹名称" for n in range(12)) + "/前进村档案"
    window.place_label.setText(f"档案库：{deep}")
    qtbot.waitUntil(window.place_label.is_elided)
    shown = window.place_label.shown_text()
    # the start and the last folder (which tells one archive from another) stay readable
    assert shown.startswith("档案库：/第0层") and shown.endswith("前进村档案") and "…" in shown
    assert window.place_label.text() == f"档案库：{deep}" and deep in window.place_label.toolTip()
    version = window.version_label
    assert version.isVisible() and version.width() >= version.sizeHint().width()
    assert window.width() <= 1024


def test_the_help_menu_has_the_manual_and_about_with_the_version(qtbot, window, monkeypatch):
    menu = window.help_menu
    assert menu.title() == "帮助(&H)"
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles[-1] == "帮助(&H)" and "查看(&V)" in titles  # 帮助 last, as in every program
    # the status bar names the archive's folder and the version in words, the file in its tip
    place = window.place_label
    assert place.text().startswith("档案库：") and window.version_label.text() == f"版本 {branchdesk.__version__}"
    assert ".sqlite3" not in place.text() and " v0" not in place.text()
    assert window.archive.location in place.toolTip()
    texts = [action.text() for action in menu.actions()]
    assert texts == ["使用说明", "关于 BranchDesk…"]
    shown = {}

    def capture(box):
        shown["text"] = box.text()
        shown["title"] = box.windowTitle()
        return 0
    monkeypatch.setattr(QMessageBox, "exec", capture)
    menu.actions()[1].trigger()
    assert f"版本 {branchdesk.__version__}" in shown["text"] and shown["title"] == "关于 BranchDesk"
    assert "Unihan" in shown["text"] and "字体" in shown["text"]
    menu.actions()[0].trigger()
    assert window.help_dialog.isVisible()
    window.help_dialog.close()
    assert QApplication.activeModalWidget() is None


def test_the_home_page_counts_every_open_task_as_the_task_list_does(window, demo_archive):
    """首页 once said 「进行中的落实事项 1 项」 while 「会议」 listed 8 open, 7 of them overdue."""
    tasks = demo_archive.meetings.tasks(open_only=True)
    overdue = [t for t in tasks if t.is_overdue(TODAY)]
    assert len(tasks) >= len(overdue) > 0  # the old line left the overdue ones out
    facts = window.pages["home"].facts.text()
    assert f"未完成的落实事项 {len(tasks)} 项（其中逾期 {len(overdue)} 项" in facts
    assert len([i for i in window.pages["home"].todo.items if i.kind == "task"]) == len(overdue)


def test_the_home_page_counts_a_member_away_among_the_full_members(qtbot, window, demo_archive):
    """QA read 「正式党员 26 名，预备党员 3 名，流动党员 1 名」: the 流动党员 became 正式 in 2016
    (docs/domain.md §1, 党员人数)."""
    facts = window.pages["home"].facts.text()
    # the demo's 30 and the fixture's 预备党员 赵𠮷
    assert "在册党员 31 名（正式党员 27 名，预备党员 4 名；其中流动党员 1 名）" in facts
