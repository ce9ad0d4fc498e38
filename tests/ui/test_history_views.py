"""The history the archive keeps, in the real window: a member's status changes under
the roster (党员 page) and the 操作记录 tab of 档案 — filtered, paged as it scrolls, with the
hash chain's verification shown (and its breach, when the log was changed outside)."""

from __future__ import annotations

import datetime as dt

from branchdesk.safety.audit_query import AuditFilter
from tests.domain.test_audit import _tamper
from tests.helpers import type_text
from ui.main_window import MainWindow


def _window(qtbot, archive) -> MainWindow:
    window = MainWindow(archive)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    return window


def test_a_members_status_history_is_shown_under_the_roster(qtbot, demo_archive):
    window = _window(qtbot, demo_archive)
    page = window.show_page("members")
    page.status_filter.setCurrentIndex(page.status_filter.findData("all"))  # 高金花 was transferred out
    (member_id,) = demo_archive.members.ids_named("高金花")
    page.select_member(member_id)
    page.member_tabs.setCurrentWidget(page.history_view)
    view = page.history_view
    assert view.title.text() == "高金花　党员状态变化 2 次"
    rows = [[view.table.item(r, c).text() for c in range(4)] for r in range(view.table.rowCount())]
    assert rows[-1] == ["2025-11-01", "正式党员", "已转出", "组织关系转出至中共镇机关党支部，介绍信〔2025〕第1号"]
    assert rows[0][1] == "新登记"
    page.table.clearSelection()
    assert view.table.rowCount() == 0 and "选中一名党员" in view.title.text()


def test_the_audit_log_tab_filters_pages_and_shows_the_chain_verified(qtbot, demo_archive):
    window = _window(qtbot, demo_archive)
    archive_page = window.show_page("archive")
    tab = archive_page.show_tab(archive_page.audit_log)
    qtbot.waitUntil(lambda: tab.model.total > 0)
    everything = demo_archive.audit.verify().entries
    assert tab.model.total == everything and f"共 {everything} 条" in tab.verification.text()
    assert "逐条校验通过" in tab.verification.text()
    assert tab.model.rowCount() == 200 and tab.model.canFetchMore()  # a page, the rest as it scrolls
    tab.model.fetchMore()
    assert tab.model.rowCount() == 400 and tab.model.entry(0).seq == everything  # newest first
    while tab.model.canFetchMore():
        tab.model.fetchMore()
    assert tab.model.rowCount() == everything
    unnamed = {tab.model.entry(r).action for r in range(everything)
               if tab.model.data(tab.model.index(r, 3)) == "其他操作" or tab.model.data(tab.model.index(r, 4)) == "其他记录"}
    assert not unnamed, f"actions or record kinds the log names without a Chinese name: {unnamed}"

    type_text(tab.text, "高金花")
    expected = demo_archive.audit.count_matching(AuditFilter(text="高金花"))
    qtbot.waitUntil(lambda: tab.model.total == expected)
    assert 0 < expected < 50 and all("高金花" in tab.model.entry(r).summary + tab.model.entry(r).detail
                                     for r in range(tab.model.rowCount()))
    tab.kind.setCurrentIndex(tab.kind.findText("党员"))
    with_kind = demo_archive.audit.count_matching(AuditFilter(kind="member", text="高金花"))
    assert tab.model.total == with_kind and 0 < with_kind < expected
    shown = [tab.model.data(tab.model.index(r, 3)) for r in range(tab.model.rowCount())]
    assert set(shown) <= {"新增党员", "修改党员信息"}
    assert f"符合条件的操作记录 {with_kind} 条" in tab.count.text()

    type_text(tab.date_from, "2026-12-07")
    tab.apply_filter()
    assert tab.model.total == 0 and tab.count.text() == "没有符合条件的操作记录。"
    tab.date_from.clear()
    tab.apply_filter()
    assert tab.model.total == with_kind
    type_text(tab.date_to, "2026-13-45")  # not a date: said in Chinese, the rows stay
    tab.apply_filter()
    assert tab.problem.isVisible() and "结束日期" in tab.problem.text()
    assert tab.model.total == with_kind
    tab.clear_filter()
    assert tab.model.total == everything and not tab.problem.isVisible()
    assert dt.date(2026, 12, 6).isoformat() in tab.model.data(tab.model.index(0, 1))


def test_a_log_changed_outside_the_program_is_shown_broken(qtbot, demo_archive):
    _tamper(demo_archive, ["UPDATE audit_log SET summary = '新增党员 某某' WHERE seq = 5"])
    window = _window(qtbot, demo_archive)
    archive_page = window.show_page("archive")
    tab = archive_page.show_tab(archive_page.audit_log)
    qtbot.waitUntil(lambda: tab.model.total > 0)
    assert "第 5 条" in tab.verification.text() and "校验失败" in tab.verification.text()
