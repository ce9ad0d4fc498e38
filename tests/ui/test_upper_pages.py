"""The upper level's pages on real bundles of two demo branches (one encrypted): the
models pass Qt's checks, refusals show the reader's own message and change nothing,
a password is asked only for the encrypted file, gaps are said in words, the
dashboard sorts in SQL and filters, the browser walks down to a record."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from branchdesk import clock
from branchdesk.bundle.errors import BundleRefused
from tests.domain.upper_support import PASSWORD, table_contents
from tests.helpers import answer_modal, type_text
from ui.pages.upper.browser import BrowserPage
from ui.pages.upper.dashboard import DashboardPage
from ui.pages.upper.dashboard_model import DashboardModel
from ui.pages.upper.home import UpperHomePage
from ui.pages.upper.intake import IntakePage, import_order
from ui.toolkit.styles import BAD_TINT as BAD

WAIT_MS = 600_000  # a cap only: waits end as soon as the work does (the machine may be busy)


@pytest.fixture
def imported(upper_archive, demo_branches):
    first, second = demo_branches
    upper = upper_archive.upper
    upper.enrol(first.card, first.fingerprint)
    upper.enrol(second.card, second.fingerprint)
    upper.import_bundle(first.bundles[0])
    upper.import_bundle(second.bundles[0], password=PASSWORD)
    return upper_archive, first, second


def _run_import(qtbot, page, paths):
    page.last_results = None
    page.import_files([str(p) for p in paths])
    qtbot.waitUntil(lambda: page.job is None and page.last_results is not None, timeout=WAIT_MS)
    return {r.path.name: r for r in page.last_results}


def _pre_import_backups(archive) -> int:
    from branchdesk.safety.rotation import list_backups

    return sum(1 for info in list_backups(archive.layout.backups) if info.reason == "pre-import")


# -- models -------------------------------------------------------------------------
def test_the_models_pass_qt_checks(qtbot, qtmodeltester, imported):
    archive, first, _ = imported
    dashboard = DashboardPage(archive)
    qtbot.addWidget(dashboard)
    assert dashboard.model.rowCount() == 24
    qtmodeltester.check(dashboard.model, force_py=True)
    qtmodeltester.check(DashboardModel(), force_py=True)  # before anything is loaded
    browser = BrowserPage(archive)
    qtbot.addWidget(browser)
    for model in (browser.branch_model, browser.year_model, browser.category_model, browser.record_model):
        assert model.rowCount() > 0
        qtmodeltester.check(model, force_py=True)
    intake = IntakePage(archive)
    qtbot.addWidget(intake)
    _run_import(qtbot, intake, [first.bundles[0]])
    for model in (intake.results, intake.branches):
        assert model.rowCount() > 0
        qtmodeltester.check(model, force_py=True)


# -- import ---------------------------------------------------------------------------
def test_refusals_show_the_readers_own_message_and_change_nothing(qtbot, upper_archive, demo_branches, tmp_path):
    first, second = demo_branches
    upper = upper_archive.upper
    upper.enrol(first.card, first.fingerprint)
    data = first.bundles[0].read_bytes()
    truncated = tmp_path / "BD-cut-seq0001.bdx"
    truncated.write_bytes(data[: len(data) // 2])
    not_bundle = tmp_path / "notes.bdx"
    not_bundle.write_text("会议记录", encoding="utf-8")
    expected = {}
    for path, password in ((truncated, None), (not_bundle, None), (second.bundles[0], PASSWORD)):
        with pytest.raises(BundleRefused) as refused:
            upper.verify(path, password=password)
        expected[path.name] = (refused.value.code, refused.value.message())
    assert {code for code, _ in expected.values()} == {"truncated", "not_a_bundle", "unknown_key"}
    before = table_contents(upper_archive)
    page = IntakePage(upper_archive)
    qtbot.addWidget(page)
    page.ask_password = lambda path: PASSWORD
    results = _run_import(qtbot, page, [truncated, not_bundle, second.bundles[0]])
    for name, (code, message) in expected.items():
        assert results[name].outcome == "refused" and results[name].code == code
        assert results[name].message == message
    row = [r.path.name for r in page.results.items()].index(truncated.name)
    assert page.results.index(row, 3).data() == "拒绝导入"
    assert page.results.index(row, 5).data() == expected[truncated.name][1]
    assert "拒绝 3 个" in page.summary.text()
    assert table_contents(upper_archive) == before


def test_a_password_is_asked_only_for_the_encrypted_file_and_a_repeat_changes_nothing(
        qtbot, upper_archive, demo_branches):
    first, second = demo_branches
    upper = upper_archive.upper
    upper.enrol(first.card, first.fingerprint)
    upper.enrol(second.card, second.fingerprint)
    page = IntakePage(upper_archive)
    qtbot.addWidget(page)
    answer_modal(lambda dialog: (type_text(dialog.findChild(type(page.search)), PASSWORD), dialog.accept()))
    results = _run_import(qtbot, page, [second.bundles[0], first.bundles[0]])
    assert [r.outcome for r in results.values()] == ["imported", "imported"]
    assert _pre_import_backups(upper_archive) == 0  # each import protected by its undo, no archive copy
    assert page.branches.rowCount() == 2
    assert {page.branches.index(r, 3).data() for r in range(2)} == {"1 个"}
    before = table_contents(upper_archive)
    asked = []
    page.ask_password = lambda path: asked.append(path.name) or PASSWORD
    again = _run_import(qtbot, page, [first.bundles[0], second.bundles[0]])
    assert asked == [second.bundles[0].name]
    assert [r.outcome for r in again.values()] == ["unchanged", "unchanged"]
    assert all("已导入，未作更改" in r.message for r in again.values())
    assert {page.results.index(r, 3).data() for r in range(2)} == {"已导入，未作更改"}
    assert table_contents(upper_archive) == before
    assert _pre_import_backups(upper_archive) == 0
    # a wrong password: the reader says so, for that file only
    page.ask_password = lambda path: "错误的密码"
    wrong = _run_import(qtbot, page, [second.bundles[0]])
    assert wrong[second.bundles[0].name].code == "bad_password"
    # no password given: not imported, and said so
    page.ask_password = lambda path: None
    skipped = _run_import(qtbot, page, [second.bundles[0]])
    assert skipped[second.bundles[0].name].outcome == "skipped" and "密码" in page.results.index(0, 5).data()


def test_a_sequence_gap_is_shown_plainly(qtbot, upper_archive, demo_branches, monkeypatch):
    first, _ = demo_branches
    upper_archive.upper.enrol(first.card, first.fingerprint)
    page = IntakePage(upper_archive)
    qtbot.addWidget(page)
    results = _run_import(qtbot, page, [first.bundles[2], first.bundles[0]])  # put in order by the page
    assert [r.sequence for r in page.results.items()] == [1, 3]
    third = results[first.bundles[2].name]
    assert third.outcome == "imported" and third.gap == 1
    assert page.results.index(1, 4).data() == "缺 1 个" and "缺少 1 个" in third.message
    assert "序号不连续" in page.summary.text() and first.name in page.summary.text()
    assert page.branches.index(0, 6).data() == "共缺 1 个"
    home = UpperHomePage(upper_archive)
    qtbot.addWidget(home)
    assert "序号不连续" in home.facts.text() and first.name in home.facts.text()
    assert import_order(["BD-x-2025-seq0010.bdx", "BD-x-2024-2026-seq0002.bdx"])[0].name == "BD-x-2024-2026-seq0002.bdx"


def test_the_selected_branchs_last_import_is_undone_after_asking(qtbot, upper_archive, demo_branches, monkeypatch):
    first, _ = demo_branches
    upper = upper_archive.upper
    upper.enrol(first.card, first.fingerprint)
    upper.import_bundle(first.bundles[0])
    after_first = table_contents(upper_archive)["upper_record"]
    upper.import_bundle(first.bundles[1])
    page = IntakePage(upper_archive)
    qtbot.addWidget(page)
    asked, told = [], []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text: asked.append(text) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert told == ["请先在「已登记的支部」中选中一个支部。"] and asked == []
    page.branches_view.selectRow(0)
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert "撤销「前进村党支部」最近一次导入的数据包（第 2 号）" in asked[0]
    assert "已撤销「前进村党支部」第 2 号数据包的导入" in told[-1]
    assert table_contents(upper_archive)["upper_record"] == after_first


def test_cancel_during_import_leaves_the_archive_as_it_was(qtbot, upper_archive, demo_branches):
    first, _ = demo_branches
    upper_archive.upper.enrol(first.card, first.fingerprint)
    before = table_contents(upper_archive)
    page = IntakePage(upper_archive)
    qtbot.addWidget(page)
    job = page.import_files([str(first.bundles[0])])
    job.cancel()
    qtbot.waitUntil(lambda: page.job is None, timeout=WAIT_MS)
    assert [r.outcome for r in page.last_results] == ["skipped"] and "取消" in page.last_results[0].message
    assert table_contents(upper_archive) == before


# -- enrolment --------------------------------------------------------------------------
def test_enrolment_takes_the_fingerprint_from_paper(qtbot, upper_archive, demo_branches, monkeypatch, tmp_path):
    from branchdesk.bundle.keys import card_text, fingerprint_of, read_public_key_file

    first, _ = demo_branches
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    page = IntakePage(upper_archive)
    qtbot.addWidget(page)
    wrong = first.fingerprint[:-1] + ("0" if first.fingerprint[-1] != "0" else "1")
    seen = {}

    def wrong_then_right(dialog):
        seen["name"] = dialog.findChild(type(page.summary), "card_branch_name").text()
        seen["uid"] = dialog.findChild(type(page.summary), "card_branch_uid").text()
        type_text(dialog.fingerprint, wrong)
        assert not dialog.save()
        seen["error"] = dialog.form.error_text("fingerprint")
        dialog.fingerprint.clear()
        type_text(dialog.fingerprint, first.fingerprint.lower().replace("-", " "))
        dialog.save()

    answer_modal(wrong_then_right)
    result = page.enrol(str(first.card))
    assert result.outcome == "enrolled" and seen["name"] == first.name
    assert seen["uid"] == read_public_key_file(first.card).branch_uid and "不一致" in seen["error"]
    assert page.branches.rowCount() == 1 and page.branches.index(0, 2).data() == first.fingerprint
    answer_modal(lambda d: (type_text(d.fingerprint, first.fingerprint), d.save()))
    assert page.enrol(str(first.card)).outcome == "unchanged" and "未作更改" in told[-1]

    card = read_public_key_file(first.card)
    new_key = bytes(27) + b"other"
    forged = tmp_path / "new-card.txt"
    forged.write_text(card_text(type(card)(card.branch_uid, card.branch_name, card.branch_code, new_key,
                                           fingerprint_of(new_key))), encoding="utf-8")
    replacing = {}

    def replace(dialog):
        replacing["warning"] = dialog.findChild(type(page.summary), "enrol_replace_warning").text()
        type_text(dialog.fingerprint, fingerprint_of(new_key))
        assert not dialog.save()
        replacing["error"] = dialog.form.error_text("reason")
        type_text(dialog.reason, "支部电脑损坏，重新建档")
        dialog.save()

    answer_modal(replace)
    assert page.enrol(str(forged)).outcome == "replaced"
    assert first.fingerprint in replacing["warning"] and "为什么更换" in replacing["error"]
    assert upper_archive.audit.entries()[-1].details["reason"] == "支部电脑损坏，重新建档"


# -- dashboard ----------------------------------------------------------------------------
def test_dashboard_sorts_in_sql_and_filters(qtbot, imported, tmp_path, monkeypatch):
    archive, _first, second = imported
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    page = DashboardPage(archive)
    qtbot.addWidget(page)
    year = clock.today().year - 1
    page.year.setCurrentIndex(page.year.findData(year))
    keys = page.model.column_keys()
    column = keys.index("ledger_overdue")
    page.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    assert (page.model.sort_key, page.model.descending) == ("ledger_overdue", True)
    expected = archive.upper.dashboard(year, sort="ledger_overdue", descending=True)
    assert [(r.branch_id, r.month) for r in page.model.rows()] == [(r.branch_id, r.month) for r in expected.rows]
    assert [r.ledger_overdue for r in page.model.rows()] == sorted((r.ledger_overdue for r in page.model.rows()), reverse=True)

    type_text(page.search, "0245")
    assert {r.branch_name for r in page.model.rows()} == {second.name}
    page.search.clear()
    type_text(page.search, "%")
    assert page.model.rowCount() == 0
    page.search.clear()
    page.only_behind.setChecked(True)
    assert page.model.rows() and all(r.behind for r in page.model.rows())
    assert "只看" not in page.summary.text() and str(len(page.model.rows())) in page.summary.text()
    page.only_behind.setChecked(False)
    page.first_month.setValue(4)
    page.last_month.setValue(6)
    assert sorted({r.month for r in page.model.rows()}) == [4, 5, 6]
    page.first_month.setValue(9)
    assert page.error.isVisibleTo(page) and "月份" in page.error.text()
    page.first_month.setValue(1)
    page.last_month.setValue(12)
    assert not page.error.isVisibleTo(page)

    # a cell that needs attention is tinted AND says so in words
    missing = [(r, k) for r, row in enumerate(page.model.rows()) for k in row.kinds if row.kinds[k].state == "missing"]
    assert missing
    row, key = missing[0]
    index = page.model.index(row, keys.index(key))
    assert "缺" in index.data() and index.data(Qt.ItemDataRole.BackgroundRole) == BAD
    overdue = next(r for r, item in enumerate(page.model.rows()) if item.ledger_overdue)
    cell = page.model.index(overdue, column)
    assert cell.data().startswith("逾期") and cell.data(Qt.ItemDataRole.BackgroundRole) == BAD
    heights = {page.table.rowHeight(r) for r in range(page.model.rowCount())}
    assert len(heights) == 1

    for suffix in (".xlsx", ".pdf"):
        page.last_export = None
        page.export(suffix, str(tmp_path / f"汇总{suffix}"))
        qtbot.waitUntil(lambda: page.last_export is not None or page.last_error is not None, timeout=WAIT_MS)
        assert page.last_error is None and page.last_export.stat().st_size > 0
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "汇总.xlsx").active
    assert sheet.max_row == 3 + page.model.rowCount()


# -- browser -----------------------------------------------------------------------------
def test_browser_walks_down_to_a_record_with_ids_masked_unless_asked(qtbot, imported, monkeypatch):
    archive, first, _ = imported
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    page = BrowserPage(archive)
    qtbot.addWidget(page)
    assert [b.name for b in page.branch_model.items()] == sorted([first.name, "红旗社区党支部"])
    year = clock.today().year - 1
    page.choose(branch_name=first.name, year=year, category="meeting:committee")
    assert page.branch().name == first.name and page.year() == year
    expected = first.query("SELECT COUNT(*) FROM meeting WHERE kind = 'committee' AND "
                           "substr(COALESCE(held_on, planned_on), 1, 4) = ?", (str(year),))[0][0]
    assert page.record_model.rowCount() == expected > 0
    assert "出席情况" in page.detail.toPlainText() and "会议类型" in page.detail.toPlainText()
    branch = page.branch()
    pdf = archive.upper.year_pdf(branch.id, year)
    assert page.open_pdf.isEnabled() == (pdf is not None)
    if pdf is not None:
        assert page.open_year_pdf() and opened == [str(pdf)]

    page.choose(year=None, category="member")
    member = next(r for r in page.record_model.items())
    page.choose(record_title=member.title)
    masked = dict(archive.upper.record(member.id).fields)["身份证号"]
    full = dict(archive.upper.record(member.id, show_id_numbers=True).fields)["身份证号"]
    assert "*" in masked and masked != full
    assert masked in page.detail.toPlainText() and full not in page.detail.toPlainText()
    page.show_ids.setChecked(True)
    assert full in page.detail.toPlainText()

    type_text(page.search, "红旗")
    assert [b.name for b in page.branch_model.items()] == ["红旗社区党支部"]


def test_browser_covers_criticism_until_the_app_password_is_given(qtbot, imported):
    import datetime as dt
    from types import SimpleNamespace

    archive, first, _ = imported
    password = "上级密码2026"
    archive.access.set_password(password)
    archive.access.set_policy(lock_after_minutes=0)
    session = archive.access.session()
    session.unlock(password, now=clock.now() - dt.timedelta(hours=2))  # unlocked long ago: the grace time is over
    page = BrowserPage(archive, SimpleNamespace(session=session))
    qtbot.addWidget(page)
    page.choose(branch_name=first.name)
    year = next(y for y in page.upper.years(page.branch().id) if any(
        c.key == "life" for c in page.upper.categories(page.branch().id, y)))
    page.choose(year=year, category="life")
    view = archive.upper.record(page.current_record)
    criticism = next(c for c in view.children if c.sensitive and c.rows)
    secret = max((cell for row in criticism.rows for cell in row), key=len)
    assert secret and secret not in page.detail.toPlainText()
    assert "验证应用密码" in page.detail.toPlainText() and not page.reveal.isHidden()
    answer_modal(lambda dialog: (type_text(dialog.password, password), dialog.try_unlock()))
    assert page.reveal_sensitive()
    assert secret in page.detail.toPlainText() and page.reveal.isHidden()


# -- 发展党员 -------------------------------------------------------------------------
def test_the_recruitment_view_counts_each_branchs_people_per_stage_and_lists_its_overdue_steps(qtbot, imported,
                                                                                                monkeypatch):
    import datetime as dt

    from ui.main_window import MainWindow

    archive, _, _ = imported
    window = MainWindow(archive)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    assert "发展党员" in [window.nav.item(r).text() for r in range(window.nav.count())]
    page = window.show_page("recruitment")
    table = page.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["支部", "入党申请人", "入党积极分子", "发展对象", "预备党员", "逾期事项"]
    rows = {table.item(r, 0).text(): [table.item(r, c).text() for c in range(1, table.columnCount())]
            for r in range(table.rowCount())}
    # the demo pipeline of 前进村: two 申请人, two 积极分子, one 发展对象, one 预备党员, nothing overdue
    assert rows["前进村党支部"] == ["2", "2", "1", "1", "0"]
    assert set(rows) == {"前进村党支部", "红旗社区党支部"}
    assert "2 个支部" in page.summary.text()
    # choosing a branch lists its overdue steps in words
    late = {r.branch_name: r.overdue for r in archive.upper.recruitment(clock.today())}
    for row in range(table.rowCount()):
        name = table.item(row, 0).text()
        table.selectRow(row)
        shown = page.overdue.toPlainText()
        assert name in page.overdue_title.text()
        assert shown == ("\n".join(late[name]) if late[name] else "没有逾期事项。")
        assert rows[name][-1] == str(len(late[name]))
    # a year on with nothing done: the 考察 and the 转正 are overdue, shown red and in words
    later = clock.today() + dt.timedelta(days=400)
    monkeypatch.setattr(clock, "today", lambda: later)
    page.refresh()
    first = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "前进村党支部")
    assert int(table.item(first, 5).text()) >= 2 and table.item(first, 5).background().color() == BAD
    table.selectRow(first)
    assert "半年考察已逾期" in page.overdue.toPlainText() and "转正尚未讨论" in page.overdue.toPlainText()


# -- 组织关系 -------------------------------------------------------------------------
def test_the_transfers_view_counts_each_branchs_transfers_and_members_away(qtbot, imported):
    from ui.main_window import MainWindow

    archive, _, _ = imported
    window = MainWindow(archive)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    page = window.show_page("transfers")
    table = page.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["支部", "转入", "转出", "回执未回", "流动党员"]
    rows = {table.item(r, 0).text(): [table.item(r, c).text() for c in range(1, table.columnCount())]
            for r in range(table.rowCount())}
    # each demo branch: this year one in, one out with its 回执, one member away (docs/domain.md §16)
    assert rows["前进村党支部"] == ["1", "1", "0", "1"]
    page.year.setValue(clock.today().year - 1)  # last year's letter whose 回执 never came back
    missing = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "前进村党支部")
    assert table.item(missing, 3).text() == "1" and table.item(missing, 3).background().color() == BAD
    assert "回执未回" in page.summary.text()


def test_the_dashboards_first_screen_fetches_only_its_first_branches(qtbot, imported, monkeypatch):
    """Lazy rows (docs/design.md rule 6): in the 支部 order the first paint asks for the rows
    of its first branches only; the whole board (the summary, the exports) follows once
    the window is idle, and every row is the one the full query gives, in its order."""
    import ui.pages.upper.dashboard_model as dashboard_model

    archive, _first, _second = imported
    monkeypatch.setattr(dashboard_model, "CHUNK_BRANCHES", 1)
    import branchdesk.upper.dashboard as domain

    asked: list = []
    unpatched = domain.dashboard

    def counting(db, year, **kwargs):
        asked.append(kwargs.get("branch_ids"))
        return unpatched(db, year, **kwargs)

    monkeypatch.setattr(domain, "dashboard", counting)
    page = DashboardPage(archive)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.grab()  # the first paint
    first_branch = archive.upper.dashboard_branch_order()[0]
    assert asked[0] == [first_branch]  # the first screen: the first branch's twelve months
    full = unpatched(archive.db, page.selected_year())
    qtbot.waitUntil(lambda: page.model.complete, timeout=WAIT_MS)
    assert None in asked  # then the whole board, once
    assert f"{len(full.rows)} 行" in page.summary.text()
    assert [(r.branch_id, r.month, r.missing) for r in page.model.rows()] == \
        [(r.branch_id, r.month, r.missing) for r in full.rows]
    shown = [page.model.index(r, c).data() for r in range(24) for c in range(page.model.columnCount())]
    page.model.reload()  # lazily again: the same texts
    assert [page.model.index(r, c).data() for r in range(24) for c in range(page.model.columnCount())] == shown


# -- 奖惩 ---------------------------------------------------------------------------
def test_the_honours_view_counts_each_branchs_commendations_and_discipline(qtbot, imported):
    from ui.main_window import MainWindow

    archive, _, _ = imported
    window = MainWindow(archive)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    page = window.show_page("honours")
    table = page.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers[:3] == ["支部", "表彰", "警告"] and headers[-2:] == ["批评教育", "诫勉"]
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "前进村党支部")
    # the demo (docs/domain.md §17): two 表彰 on 七一 and one 批评教育 this year
    assert table.item(row, 1).text() == "2" and table.item(row, headers.index("批评教育")).text() == "1"
    assert "处分和组织处理" in page.summary.text()


# -- 学习汇报 -------------------------------------------------------------------------
def test_the_study_view_counts_what_each_branchs_bundle_says(qtbot, imported):
    from ui.main_window import MainWindow

    archive, _, _ = imported
    window = MainWindow(archive)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    page = window.show_page("study")
    table = page.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["支部", "学习专题", "已学习", "已补学", "应补学未补", "收到汇报", "未按时汇报"]
    for row in archive.upper.study(page.year.value()):  # the same figures as ``upper study``
        shown = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == row.branch_name)
        assert [table.item(shown, c).text() for c in range(1, 7)] == [str(v) for v in row.counts.values()]
    demo = next(r for r in archive.upper.study(page.year.value()) if r.branch_name == "前进村党支部")
    assert demo.counts["topics"] == 3 and demo.counts["studied"] == 1  # the demo's plan (demo/study.py)
    assert "未按时汇报" in page.summary.text()
