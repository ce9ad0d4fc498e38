"""Bundles upward through REAL main windows: two demo branches (前进村, 红旗社区) each
write a bundle in 档案 → 上报数据包 (红旗社区 with a password) and export their key card
in 设置; an upper-level archive made through the first-run wizard enrols both cards
with the fingerprint typed from paper, imports both bundles (the password is asked
for the encrypted one only), and its dashboard shows each branch's TRUE figures,
counted here with plain SQL from the branches' own databases. Importing the same
bundles again changes nothing and says so."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from branchdesk import clock
from branchdesk.archive import Archive
from branchdesk.branch import BranchInfo
from tests.domain.upper_support import (
    KINDS,
    DemoBranch,
    _papers_only_for,
    month_day,
    table_contents,
)
from tests.helpers import answer_modal, type_text
from ui.main_window import MainWindow
from ui.wizard import FirstRunWizard

PASSWORD = "镇党委2026收"
WAIT_MS = 600_000  # bundle writing makes the yearly PDFs: generous on a busy machine


def _branch_through_window(qtbot, templates, root, name: str, code: str, today: dt.date,
                           password: str | None) -> DemoBranch:
    folder, _ = templates.copy(root / code, "sqlite", "demo", today)  # build_demo(archive, today=today)
    stick = root / f"stick-{code}"
    stick.mkdir()
    archive = Archive.open(folder, auto_backup=False)
    try:
        own = archive.branch.own()
        archive.branch.save_own(BranchInfo(name=name, kind=own.kind, code=code, higher_org=own.higher_org,
                                           founded_on=own.founded_on, term_started_on=own.term_started_on,
                                           committee=own.committee))
        window = MainWindow(archive)
        window.show()
        page = window.show_page("archive")
        tab = page.show_tab(page.bundles)
        tab.folder.setText(str(stick))
        if password:
            type_text(tab.password, password)
            type_text(tab.password_again, password)
        assert tab.chosen_years() is None  # 全部年份: open 整改 items of earlier years count too
        assert tab.make_bundle() is not None
        qtbot.waitUntil(lambda: tab.last_written is not None or tab.last_error is not None, timeout=WAIT_MS)
        assert tab.last_error is None, tab.last_error
        written = tab.last_written
        assert written.encrypted == bool(password) and written.sequence == 1
        assert written.path.name in tab.result.text() and tab.model.rowCount() == 1
        settings = window.show_page("settings")
        card = settings.branch_key.export_card(str(stick))
        fingerprint = settings.branch_key.fingerprint.text()
        window.close()
        window.deleteLater()
    finally:
        archive.close(auto_backup=False)
    return DemoBranch(name, code, folder, card, fingerprint, [written.path], password)


@pytest.fixture(scope="module")
def branches(qapp, request, tmp_path_factory, templates):
    """Both branches, made once for both engines of the upper level."""
    qtbot = QtBot(request)
    root = tmp_path_factory.mktemp("upper-journey")
    today = clock.today()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(QMessageBox, "information", lambda *a, **k: None)
        # Yearly PDFs take seconds each and the journey reads none: the first bundle carries
        # last year's, the second none (the domain tests check the papers that travel).
        with _papers_only_for(today.year - 1):
            first = _branch_through_window(qtbot, templates, root, "前进村党支部", "330523-0117", today, None)
        with _papers_only_for(None):
            second = _branch_through_window(qtbot, templates, root, "红旗社区党支部", "330523-0245",
                                            today - dt.timedelta(days=137), PASSWORD)
    return first, second


def _answer_password(asked: list):
    def answer(dialog):
        asked.append(dialog.labelText())
        type_text(dialog.findChild(QLineEdit), PASSWORD)
        dialog.accept()
    answer_modal(answer)


@pytest.mark.slow
def test_two_branches_go_up_through_the_windows(qtbot, branches, archive_factory, engine, monkeypatch):
    first, second = branches
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    data_dir, url = archive_factory(engine)
    archive = Archive.open(data_dir, url)
    window = None
    try:
        wizard = FirstRunWizard(archive)
        qtbot.addWidget(wizard)
        wizard.choose_mode("upper")
        type_text(wizard.org_name, "中共安溪镇委员会")
        type_text(wizard.org_code, "330523")
        wizard.create()
        assert wizard.result() == wizard.DialogCode.Accepted and archive.mode == "upper"
        window = MainWindow(archive)
        qtbot.addWidget(window)
        window.show()
        assert window.page_keys == ["home", "dashboard", "recruitment", "transfers", "honours", "study", "browser",
                                    "intake", "archive", "settings"]

        # -- enrol both cards, the fingerprint typed from paper ---------------------------------
        intake = window.show_page("intake")
        for branch in (first, second):
            paper = branch.fingerprint.lower().replace("-", " ")
            answer_modal(lambda d, paper=paper: (type_text(d.fingerprint, paper), d.save()))
            assert intake.enrol(str(branch.card)).outcome == "enrolled"
        assert intake.branches.rowCount() == 2 and "已登记" in told[-1]

        # -- import both: the password is asked for the encrypted one only ------------------------
        asked = []
        _answer_password(asked)
        intake.import_files([str(first.bundles[0]), str(second.bundles[0])])
        qtbot.waitUntil(lambda: intake.job is None, timeout=WAIT_MS)
        assert len(asked) == 1 and second.bundles[0].name in asked[0]
        assert sorted((r.branch_name, r.outcome) for r in intake.last_results) == [
            (first.name, "imported"), (second.name, "imported")]
        assert "已导入 2 个" in intake.summary.text()

        # -- the dashboard shows each branch's true figures -----------------------------------------
        dashboard = window.show_page("dashboard")
        keys = dashboard.model.column_keys()
        today = clock.today()
        for year in (today.year - 1, today.year):
            dashboard.year.setCurrentIndex(dashboard.year.findData(year))
            by_branch: dict[str, dict[int, int]] = {}
            for row_number, row in enumerate(dashboard.model.rows()):
                by_branch.setdefault(row.branch_name, {})[row.month] = row_number
            assert set(by_branch) == {first.name, second.name}
            for branch in (first, second):
                assert sorted(by_branch[branch.name]) == list(range(1, 13))
                for month, row_number in by_branch[branch.name].items():
                    row = dashboard.model.row_at(row_number)

                    def shown(key, row_number=row_number):
                        return dashboard.model.index(row_number, keys.index(key)).data()
                    for kind in (*KINDS, "group"):
                        assert row.kinds[kind].month_held == branch.held_in_month(year, month, kind), (
                            branch.name, year, month, kind)
                    open_, overdue = branch.ledger(month_day(year, month, today))
                    assert shown("ledger_open") == str(open_), (branch.name, year, month)
                    assert shown("ledger_overdue") == (f"逾期 {overdue} 项" if overdue else "0")
                    assert shown("life_held") == ("已完成" if branch.life_held(year) else "未完成")
                    assert shown("appraisal_done") == ("已完成" if branch.appraisal_done(year) else "未完成")

        # -- the same bundles again: nothing changes, and the window says so --------------------------
        before = table_contents(archive)
        asked.clear()
        _answer_password(asked)
        intake = window.show_page("intake")
        intake.import_files([str(second.bundles[0]), str(first.bundles[0])])
        qtbot.waitUntil(lambda: intake.job is None, timeout=WAIT_MS)
        assert len(asked) == 1
        assert [r.outcome for r in intake.last_results] == ["unchanged", "unchanged"]
        assert all("已导入，未作更改" in r.message for r in intake.last_results)
        assert "未作更改 2 个" in intake.summary.text()
        assert table_contents(archive) == before

        home = window.show_page("home")
        assert first.name in home.facts.text() and second.name in home.facts.text()
        browser = window.show_page("browser")
        assert browser.branch_model.rowCount() == 2 and browser.record_model.rowCount() > 0
    finally:
        if window is not None:
            window.close()
        archive.close(auto_backup=False)
