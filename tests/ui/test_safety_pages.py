"""Backups, restore, the password and the home page's warnings, through the widgets."""

import datetime as dt

from PySide6.QtWidgets import QMessageBox

from branchdesk.archive import Archive
from branchdesk.roster.members import MemberForm
from tests.helpers import answer_modal, make_id, type_text
from ui.access import InactivityLock, confirm_sensitive
from ui.main_window import MainWindow
from ui.pages.security import SecurityBox


def test_backup_now_and_to_a_stick_from_the_archive_page(qtbot, demo_archive, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    window = MainWindow(demo_archive)
    qtbot.addWidget(window)
    tab = window.show_page("archive").backups
    before = tab.table.rowCount()
    tab.start_backup(None)
    qtbot.waitUntil(lambda: tab.table.rowCount() == before + 1, timeout=10000)
    assert tab.last_result.exists() and tab.last_result.parent == demo_archive.layout.backups
    stick = tmp_path / "usb"
    stick.mkdir()
    tab.start_backup(str(stick))
    qtbot.waitUntil(lambda: tab.last_result is not None and tab.last_result.parent == stick, timeout=10000)
    assert "最近一次备份" in tab.summary.text()


def test_backup_to_a_missing_folder_is_explained(qtbot, demo_archive, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("ui.pages.backups.show_error", lambda parent, error, title="": shown.append(error.message()))
    window = MainWindow(demo_archive)
    qtbot.addWidget(window)
    tab = window.show_page("archive").backups
    tab.start_backup(str(tmp_path / "not-plugged-in"))
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert "not-plugged-in" in shown[0] or "不存在" in shown[0]
    assert not (tmp_path / "not-plugged-in").exists()


def test_restore_journey_brings_back_the_backed_up_state(qtbot, archive_factory, engine, monkeypatch):
    from branchdesk.safety import restore as restore_mod

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    data_dir, url = archive_factory(engine, "demo")
    archive = Archive.open(data_dir, url, auto_backup=False)
    window = MainWindow(archive)
    qtbot.addWidget(window)
    tab = window.show_page("archive").backups
    tab.start_backup(None)
    qtbot.waitUntil(lambda: tab.last_result is not None, timeout=10000)
    backup = tab.last_result
    archive.members.add(MemberForm(name="误录人员", id_number=make_id(dt.date(1980, 1, 1), 777),
                                   joined_on=dt.date(2005, 1, 1), full_on=dt.date(2006, 1, 2), status="full"))
    assert archive.members.query_ids("误录")
    assert tab.confirm_restore(backup, ask=False)
    assert window.pending_restore == backup and not window.isVisible()
    archive.close()
    result = restore_mod.restore(data_dir, backup, db_url=url)  # what ui.app does next
    assert "已从备份" in result.message()
    with Archive.open(data_dir, url) as reopened:
        assert reopened.members.query_ids("误录") == []
        assert reopened.members.count() == 30


def test_a_damaged_file_is_refused_before_anything_changes(qtbot, demo_archive, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("ui.pages.backups.show_error", lambda parent, error, title="": shown.append(error.message()))
    window = MainWindow(demo_archive)
    qtbot.addWidget(window)
    bad = tmp_path / "broken.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 500)
    assert not window.show_page("archive").backups.confirm_restore(bad, ask=False)
    assert "不能用于恢复" in shown[0] and window.pending_restore is None


def test_password_set_in_settings_then_sensitive_gate_and_idle_lock(qtbot, demo_archive, monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    box = SecurityBox(demo_archive)
    qtbot.addWidget(box)
    type_text(box.new, "支部密码2026")
    type_text(box.repeat, "支部密码2025")
    assert not box.save()
    assert "不一致" in box.message.text() and not demo_archive.access.has_password()
    type_text(box.new, "支部密码2026")
    type_text(box.repeat, "支部密码2026")
    assert box.save()
    assert box.state.text() == "已设置密码"

    session = demo_archive.access.session()
    assert session.locked()  # a new window starts locked when a password is set

    def wrong_then_right(dialog):
        type_text(dialog.password, "错误的密码")
        dialog.try_unlock()
        assert "密码不正确" in dialog.message.text()
        type_text(dialog.password, "支部密码2026")
        dialog.try_unlock()

    answer_modal(wrong_then_right)
    assert confirm_sensitive(None, session)
    assert not session.locked()

    window = MainWindow(demo_archive)
    qtbot.addWidget(window)
    window.show()
    idle = InactivityLock(window, session)
    session.lock()  # as if the idle time had passed
    answer_modal(lambda dialog: dialog.reject())  # the user walks away: the window closes
    idle.check()
    assert not window.isVisible()


def test_idle_lock_stops_asking_once_the_archive_is_closed(qtbot, archive_factory):
    """A restore, or the end of a session, closes the archive before the window goes:
    the idle check must then stop instead of reading a closed database."""
    from branchdesk.branch import BranchInfo
    from branchdesk.safety.access import AccessSession

    data_dir, url = archive_factory("sqlite")
    archive = Archive.open(data_dir, url)
    archive.branch.save_own(BranchInfo(name="新支部", kind="office"))
    archive.access.set_password("支部密码2026")
    session = AccessSession(archive.access)
    window = MainWindow(archive)
    qtbot.addWidget(window)
    idle = InactivityLock(window, session)
    assert idle.timer.isActive()
    archive.close(auto_backup=False)
    idle.check()  # no error from the closed database, no unlock dialog
    assert not idle.timer.isActive()


def test_home_page_warns_when_there_is_no_backup(qtbot, archive_factory):
    from branchdesk.branch import BranchInfo

    data_dir, _ = archive_factory("sqlite")
    with Archive.open(data_dir, auto_backup=False) as archive:
        archive.branch.save_own(BranchInfo(name="新支部", kind="office"))
        for old in archive.layout.backups.glob("*"):
            old.unlink()
        window = MainWindow(archive)
        qtbot.addWidget(window)
        home = window.show_page("home")
        home.refresh()
        assert any("还没有任何备份" in sentence for sentence in home.todo_sentences())
        window.close()
