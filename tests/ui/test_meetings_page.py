"""The meetings page offscreen, on the demo branch: list, calendar, search, editor states."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from branchdesk import clock
from branchdesk.meetings.compliance import ComplianceReport
from tests.helpers import type_text
from ui.pages.home import HomePage
from ui.pages.meetings import MeetingsPage
from ui.pages.meetings.compliance_model import ComplianceModel, MeetingIdRole
from ui.pages.meetings.meeting_table import MeetingTableModel
from ui.toolkit.attendance import attendance_columns
from ui.toolkit.models.rows_model import RowsModel
from ui.toolkit.styles import ROW_WARN as OVERDUE_COLOUR

TODAY = clock.today()


@pytest.fixture
def page(qtbot, demo_archive):
    widget = MeetingsPage(demo_archive)
    qtbot.addWidget(widget)
    return widget


def test_models_pass_qt_checks(qtmodeltester, demo_archive):
    qtmodeltester.check(MeetingTableModel(demo_archive), force_py=True)
    compliance = ComplianceModel()
    compliance.set_report(demo_archive.meetings.compliance(TODAY.year))
    qtmodeltester.check(compliance, force_py=True)
    rows = RowsModel(attendance_columns(), "meetings")
    rows.set_rows([vars(e) for e in demo_archive.meetings.due_entries("committee")])
    qtmodeltester.check(rows, force_py=True)


def test_list_filters_in_sql_and_marks_overdue_meetings(qtbot, page, demo_archive):
    listing = page.list
    this_year = listing.model.rowCount()
    assert this_year > 40
    listing.kind.setCurrentIndex(listing.kind.findData("committee"))
    kinds = {listing.model.data(listing.model.index(r, 1)) for r in range(listing.model.rowCount())}
    assert kinds == {"支委会"}
    listing.kind.setCurrentIndex(0)
    listing.overdue.setChecked(True)
    assert listing.model.rowCount() == 2
    assert listing.model.data(listing.model.index(0, 0), Qt.ItemDataRole.BackgroundRole) == OVERDUE_COLOUR
    assert "逾期" in listing.model.data(listing.model.index(0, 4))
    assert "逾期未开 2 次" in listing.count.text()
    listing.overdue.setChecked(False)
    listing.year.setCurrentIndex(listing.year.findData(0))
    assert listing.model.rowCount() > this_year


def test_calendar_marks_held_missing_and_overdue_and_plans_the_rest(qtbot, page, demo_archive):
    calendar = page.calendar
    report: ComplianceReport = calendar.model.report
    assert [r.label for r in report.rows][:2] == ["支部党员大会", "支委会"]
    states = {cell.state for row in report.rows for cell in row.cells}
    assert {"held", "missing", "overdue"} <= states
    overdue_row = next(n for n, row in enumerate(report.rows) if any(c.state == "overdue" for c in row.cells))
    month = next(c.month for c in report.rows[overdue_row].cells if c.state == "overdue")
    index = calendar.model.index(overdue_row, month)
    assert calendar.model.data(index).startswith("逾期")
    assert calendar.model.data(index, MeetingIdRole) in demo_archive.meetings.query_ids(year=None, overdue_only=True)
    before = calendar.plan.rowCount()
    ids = calendar.generate_plan()
    if TODAY.month == 12 and TODAY.day > 20:
        assert ids == []
    else:
        assert ids and calendar.plan.rowCount() == before + len(ids)
        assert all(s.planned_on > TODAY for s in demo_archive.meetings.summaries(ids))
    assert "会议计划" in calendar.message.text() or "没有新建" in calendar.message.text()
    assert calendar.generate_plan() == []  # nothing left to plan


def test_search_shows_hits_in_context_and_opens_the_meeting(qtbot, page):
    search = page.search
    type_text(search.query, "路")
    qtbot.waitUntil(lambda: search.model.rowCount() > 0)
    row = search.model.row(0)
    assert "【路】" in row["context"]
    page.open_meeting(row["id"])
    assert page.stack.currentWidget() is page.editor and page.editor.meeting_id == row["id"]


def test_a_reported_record_is_read_only_until_corrected(qtbot, page, demo_archive):
    reported = demo_archive.meetings.query_ids(year=TODAY.year - 1, state="reported")[0]
    editor = page.open_meeting(reported)
    assert editor.state_badge.text().strip() == "已上报"
    assert not editor.save_button.isVisible() and editor.correct_button.isVisibleTo(editor)
    assert not editor.attendance.model.flags(editor.attendance.model.index(0, 2)) & Qt.ItemFlag.ItemIsEditable
    new_id = editor.correct("缺席原因记错")
    assert editor.meeting_id == new_id and editor.state_badge.text().strip() == "已召开"
    assert editor.save_button.isVisibleTo(editor)
    assert editor.attendance.model.flags(editor.attendance.model.index(0, 2)) & Qt.ItemFlag.ItemIsEditable


def test_changing_the_kind_changes_who_is_due_until_attendance_is_marked(qtbot, page, demo_archive):
    from branchdesk.meetings import MeetingForm

    meeting_id = demo_archive.meetings.plan(MeetingForm(kind="committee", planned_on=TODAY + dt.timedelta(days=3)))
    editor = page.open_meeting(meeting_id)
    assert editor.attendance.model.rowCount() == 5
    editor.basic.kind.setCurrentIndex(editor.basic.kind.findData("general"))
    assert editor.attendance.model.rowCount() == 30
    assert editor.dirty
    assert "应到30人" in editor.attendance.summary.text()


def test_home_page_lists_overdue_meetings_and_tasks(qtbot, demo_archive):
    home = HomePage(demo_archive)
    qtbot.addWidget(home)
    sentences = home.todo_sentences()
    assert sum("仍未登记召开情况" in sentence for sentence in sentences) == 2
    assert any(sentence.startswith("落实事项") and "已逾期" in sentence for sentence in sentences)
