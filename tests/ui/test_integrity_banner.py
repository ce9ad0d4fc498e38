"""The home page says so when a reported record no longer matches its seal (checked in
the background once the window is open) and when the database's guards were missing."""

from branchdesk.archive import Archive
from tests.domain.safety_support import raw_connection
from ui.main_window import MainWindow


def _change_a_reported_meeting(archive) -> int:
    conn = raw_connection(archive.layout.root, None)
    try:
        meeting = conn.execute("SELECT MIN(id) FROM meeting WHERE state = 'reported'").fetchone()[0]
        conn.execute("DROP TRIGGER bd_seal_meeting_update")
        conn.execute("UPDATE meeting SET title = title || '（改）' WHERE id = ?", (meeting,))
    finally:
        conn.close()
    return meeting


def test_a_sound_archive_shows_no_banner(qtbot, demo_archive):
    window = MainWindow(demo_archive)
    qtbot.addWidget(window)
    home = window.show_page("home")
    qtbot.waitUntil(lambda: demo_archive.seal_audit is not None, timeout=10000)
    assert demo_archive.seal_audit.ok and demo_archive.seal_audit.checked > 0
    assert home.integrity.isHidden()


def test_tampering_is_shown_on_the_home_page(qtbot, demo_archive):
    meeting = _change_a_reported_meeting(demo_archive)
    data_dir = demo_archive.layout.root
    demo_archive.close(auto_backup=False)
    archive = Archive.open(data_dir, auto_backup=False)
    try:
        window = MainWindow(archive)
        qtbot.addWidget(window)
        home = window.show_page("home")
        qtbot.waitUntil(lambda: not home.integrity.isHidden(), timeout=10000)
        text = home.integrity.text()
        assert "防改动设置" in text and "「会议记录」" in text and "恢复原样" in text and "bd_" not in text
        assert f"编号 {meeting}" in text and "封存" in text
        window.close()
    finally:
        archive.close(auto_backup=False)
