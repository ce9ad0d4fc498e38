"""The branch side of bundles in the window: 上报数据包 (a tab of 档案) writes a bundle in
a worker and says what went where; 设置 shows the key fingerprint and exports the card;
the first-run wizard makes an upper-level archive."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from branchdesk.bundle import ledger
from branchdesk.bundle.keys import read_public_key_file
from branchdesk.bundle.reader import verify_bundle
from tests.domain.upper_support import _papers_only_for
from tests.helpers import type_text
from ui.main_window import MainWindow
from ui.pages.bundles import BundlesTab
from ui.pages.settings import SettingsPage
from ui.wizard import FirstRunWizard

PASSWORD = "支部上报2026"
WAIT_MS = 600_000  # a cap only: waits end as soon as the work does (the machine may be busy)


@pytest.fixture(autouse=True)
def _no_yearly_pdfs():
    """The tab is under test here, not the yearly archive PDFs a bundle carries (the
    bundle tests read those, and the upper journey writes one from this tab): each took
    ~8 s, five of them in this file."""
    with _papers_only_for(None):
        yield


def _stick(tmp_path):
    """An empty folder standing for a USB stick (tmp_path also holds the archive)."""
    stick = tmp_path / "stick"
    stick.mkdir()
    return stick


def _wait_done(qtbot, tab) -> None:
    qtbot.waitUntil(lambda: tab.last_written is not None or tab.last_error is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: tab.make_button.isEnabled(), timeout=5000)


@pytest.mark.slow
def test_a_bundle_is_written_and_the_tab_says_what_went_where(qtbot, qtmodeltester, demo_archive, tmp_path, monkeypatch):
    tmp_path = _stick(tmp_path)
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    tab = BundlesTab(demo_archive)
    qtbot.addWidget(tab)
    assert tab.model.rowCount() == 0
    tab.folder.setText(str(tmp_path))
    assert tab.make_bundle() is not None
    _wait_done(qtbot, tab)
    written = tab.last_written
    assert written is not None, tab.last_error
    assert written.path.parent == tmp_path and written.path.is_file() and written.path.name.isascii()
    text = tab.result.text()
    for part in (written.path.name, f"第 {written.sequence} 号", str(tmp_path), "读回校验"):
        assert part in text
    assert "KB" in text or "MB" in text
    assert tab.open_folder.isVisible() or not tab.isVisible()
    tab.open_result_folder()
    assert opened == [str(tmp_path)]
    # the list of bundles written is the archive's own log
    assert tab.model.rowCount() == 1 == len(ledger.exports(demo_archive.db))
    assert tab.model.index(0, 2).data() == written.path.name
    assert tab.model.index(0, 3).data() == "未加密"
    qtmodeltester.check(tab.model, force_py=True)
    identity = demo_archive.branch_key.identity()
    verified = verify_bundle(written.path, password=None, known_key=lambda uid: identity.public_key)
    assert verified.sequence == 1


@pytest.mark.slow
def test_a_password_is_entered_twice_and_encrypts_the_bundle(qtbot, demo_archive, tmp_path):
    tmp_path = _stick(tmp_path)
    tab = BundlesTab(demo_archive)
    qtbot.addWidget(tab)
    tab.folder.setText(str(tmp_path))
    type_text(tab.password, PASSWORD)
    type_text(tab.password_again, PASSWORD + "x")
    assert tab.make_bundle() is None
    assert "不一致" in tab.form.error_text("password_again")
    assert list(tmp_path.iterdir()) == []
    tab.password_again.clear()
    type_text(tab.password_again, PASSWORD)
    tab.set_years([tab.available_years()[1]])
    assert tab.make_bundle() is not None
    _wait_done(qtbot, tab)
    written = tab.last_written
    assert written is not None and written.encrypted, tab.last_error
    assert "已加密" in tab.result.text() and tab.password.text() == ""
    assert tab.model.index(0, 3).data() == "已加密"
    key = demo_archive.branch_key.identity().public_key
    assert verify_bundle(written.path, password=PASSWORD, known_key=lambda uid: key).encrypted


@pytest.mark.slow
def test_years_folder_and_bad_targets_are_named(qtbot, demo_archive, tmp_path):
    tmp_path = _stick(tmp_path)
    tab = BundlesTab(demo_archive)
    qtbot.addWidget(tab)
    assert tab.make_bundle() is None
    assert "选择" in tab.form.error_text("folder")
    tab.folder.setText(str(tmp_path))
    tab.set_years([])
    assert tab.make_bundle() is None
    assert "年份" in tab.form.error_text("years")
    year = tab.available_years()[1]
    tab.set_years([year])
    assert tab.chosen_years() == [year]
    assert tab.make_bundle() is not None
    _wait_done(qtbot, tab)
    assert tab.last_written.years == [year]

    tab.folder.setText(str(tmp_path / "没有这个U盘"))
    shown = []
    import ui.pages.bundles as bundles_module

    original = bundles_module.show_error
    bundles_module.show_error = lambda parent, error, title="": shown.append(error)
    try:
        tab.last_written = None
        tab.make_bundle()
        _wait_done(qtbot, tab)
    finally:
        bundles_module.show_error = original
    assert tab.last_written is None and "找不到目标文件夹" in tab.result.text()
    assert shown and len(ledger.exports(demo_archive.db)) == 1  # a failed write uses no number


def test_the_tab_proposes_the_years_changed_since_the_last_bundle_and_says_why(qtbot, demo_archive, tmp_path,
                                                                               monkeypatch):
    from branchdesk.bundle import writer as bundle_writer
    from tests.conftest import TODAY
    from tests.domain.meetings_support import held_form

    monkeypatch.setattr(bundle_writer, "make_year_papers", lambda *args, **kwargs: ([], {}))  # records only
    tmp_path = _stick(tmp_path)
    tab = BundlesTab(demo_archive)
    qtbot.addWidget(tab)
    tab.show()
    assert tab.chosen_years() is None and tab.all_years.isChecked()  # the first bundle: every year
    assert "第一个数据包含全部年份" in tab.why.text()
    tab.folder.setText(str(tmp_path))
    assert tab.make_bundle() is not None
    _wait_done(qtbot, tab)
    assert tab.chosen_years() == [] and "没有任何改动" in tab.why.text()

    demo_archive.meetings.plan(held_form(demo_archive, host_name="", recorder_name="", theme="又一次支委会"))
    tab.refresh()  # as when the tab is shown again
    this_year = TODAY.year
    others = sorted(y for y in tab.available_years() if y != this_year)
    assert tab.chosen_years() == [this_year] and not tab.all_years.isChecked() and tab.years.isEnabled()
    assert tab.why.text() == f"{this_year}年有改动；{'、'.join(map(str, others))}年自上次上报后未变。"
    # the user may still tick any year, and a refresh keeps what they chose
    items = [tab.years.item(i) for i in range(tab.years.count())]
    item = next(i for i in items if i.data(Qt.ItemDataRole.UserRole) == others[-1])
    item.setCheckState(Qt.CheckState.Checked)
    tab.refresh()
    assert tab.chosen_years() == [this_year, others[-1]]
    assert tab.make_bundle() is not None
    _wait_done(qtbot, tab)
    assert tab.last_written.years == sorted([this_year, others[-1]])
    assert tab.chosen_years() == []  # after it, nothing changed again


def test_cancel_leaves_no_file_and_uses_no_number(qtbot, demo_archive, tmp_path):
    tmp_path = _stick(tmp_path)
    tab = BundlesTab(demo_archive)
    qtbot.addWidget(tab)
    tab.folder.setText(str(tmp_path))
    job = tab.make_bundle()
    job.cancel()
    qtbot.waitUntil(lambda: tab.make_button.isEnabled(), timeout=WAIT_MS)
    assert tab.last_written is None and tab.last_error is None
    assert [p for p in tmp_path.iterdir()] == []
    assert ledger.exports(demo_archive.db) == []


def test_settings_show_the_fingerprint_and_export_the_key_card(qtbot, demo_archive, tmp_path, monkeypatch):
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    page = SettingsPage(demo_archive)
    qtbot.addWidget(page)
    assert demo_archive.branch_key.identity_or_none() is None  # the fixture's demo made no key yet
    assert "尚未生成" in page.branch_key.fingerprint.text()
    card_path = page.branch_key.export_card(str(tmp_path))
    fingerprint = demo_archive.branch_key.identity().fingerprint
    assert page.branch_key.fingerprint.text() == fingerprint
    card = read_public_key_file(card_path)
    assert card.fingerprint == fingerprint and card.branch_name == demo_archive.branch.own().name
    assert card_path.name.isascii()
    assert fingerprint in told[0] and "纸" in told[0]


def test_the_archive_page_of_a_branch_has_the_bundles_tab(qtbot, demo_archive):
    window = MainWindow(demo_archive)
    qtbot.addWidget(window)
    page = window.show_page("archive")
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == ["备份与恢复", "年度档案", "上报数据包", "操作记录"]
    assert page.show_tab(page.bundles) is page.bundles


def test_the_wizard_makes_an_upper_archive_and_the_window_follows_its_mode(qtbot, empty_archive):
    wizard = FirstRunWizard(empty_archive)
    qtbot.addWidget(wizard)
    wizard.choose_mode("upper")
    assert wizard.forms.currentWidget() is wizard.upper_form and wizard.demo.isHidden()
    wizard.create()
    assert "名称" in wizard.upper_form.error_text("name") and not empty_archive.is_initialised()
    type_text(wizard.org_name, "中共安溪镇委员会")
    type_text(wizard.org_code, "330523")
    wizard.create()
    assert wizard.result() == wizard.DialogCode.Accepted
    assert empty_archive.mode == "upper"
    assert empty_archive.upper.organisation() == {"name": "中共安溪镇委员会", "code": "330523"}
    window = MainWindow(empty_archive)
    qtbot.addWidget(window)
    assert window.page_keys == ["home", "dashboard", "recruitment", "transfers", "honours", "study", "browser", "intake",
                                "archive", "settings"]
    assert "中共安溪镇委员会" in window.windowTitle()
    archive_page = window.show_page("archive")
    # an upper archive has no yearly archive and no bundles of its own: 备份与恢复 and 操作记录
    assert archive_page.bundles is None
    assert [archive_page.tabs.tabText(i) for i in range(archive_page.tabs.count())] == ["备份与恢复", "操作记录"]
    assert window.show_page("settings").org_name.text() == "中共安溪镇委员会"


def test_a_year_without_records_is_refused_in_chinese_and_uses_no_number(qtbot, demo_archive, tmp_path, monkeypatch):
    """The tab writes through the same write_bundle: a year offered without records (here one
    to come, as a list could hold) is refused, named, and no file or number is used."""
    import ui.pages.bundles as bundles_module

    stick = _stick(tmp_path)
    tab = BundlesTab(demo_archive)
    qtbot.addWidget(tab)
    monkeypatch.setattr(tab, "available_years", lambda: [2031, 2026])
    monkeypatch.setattr(bundles_module, "show_error", lambda parent, error, title="": None)
    tab.refresh()
    tab.folder.setText(str(stick))
    tab.set_years([2031])
    assert tab.make_bundle() is not None
    _wait_done(qtbot, tab)
    assert tab.last_written is None and "2031年还没有到" in tab.result.text()
    assert "编号未占用" in tab.result.text()
    assert list(stick.iterdir()) == [] and ledger.exports(demo_archive.db) == []
