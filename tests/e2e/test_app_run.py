"""ui.app.run as the user meets it: first start with the demo, and restore-and-reopen."""

import argparse
import datetime as dt

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from branchdesk.archive import Archive
from branchdesk.roster.members import MemberForm
from tests.helpers import make_id
from ui import app as app_module
from ui.main_window import MainWindow
from ui.wizard import FirstRunWizard


def args_for(data_dir):
    return argparse.Namespace(data_dir=str(data_dir), db_url=None, read_only=False, screenshot=None, page=None)


def when(condition, action, tries=500):
    """Poll the event loop until ``condition()`` gives something, then ``action(it)``."""

    def attempt(left=tries):
        found = condition()
        if found:
            action(found)
        elif left:
            QTimer.singleShot(10, lambda: attempt(left - 1))

    QTimer.singleShot(0, attempt)


def shown_main_window():
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)


@pytest.fixture(autouse=True)
def quiet(monkeypatch):
    # pytest-qt owns sys.excepthook during tests; message boxes are answered here.
    monkeypatch.setattr(app_module, "install_exception_hooks", lambda: None)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)


@pytest.mark.slow
def test_trying_the_demo_leaves_the_real_archive_empty(qtbot, tmp_path):
    real = tmp_path / "real"
    seen = {}

    def pick_demo(wizard):
        wizard.create_demo()

    def look_and_close(window):
        seen["title"] = window.windowTitle()
        seen["members"] = window.archive.members.count()
        window.close()

    when(lambda: isinstance(QApplication.activeModalWidget(), FirstRunWizard) and QApplication.activeModalWidget(),
         pick_demo)
    when(shown_main_window, look_and_close)
    assert app_module.run(args_for(real)) == 0
    assert "演示数据" in seen["title"] and seen["members"] == 30
    with Archive.open(real) as archive:
        assert not archive.is_initialised()
    with Archive.open(app_module.demo_folder(real)) as demo:
        assert demo.members.count() == 30


def test_restore_from_the_window_closes_restores_and_reopens(qtbot, demo_dir):
    data_dir = demo_dir
    with Archive.open(data_dir) as archive:
        backup = archive.backup_to()
    seen = {}

    def spoil_then_restore(window):
        window.archive.members.add(MemberForm(name="误录人员", id_number=make_id(dt.date(1980, 1, 1), 777),
                                              joined_on=dt.date(2005, 1, 1), full_on=dt.date(2006, 1, 2), status="full"))
        tab = window.show_page("archive").backups
        seen["first"] = window
        tab.confirm_restore(backup, ask=False)
        when(lambda: (w := shown_main_window()) is not None and w is not seen["first"] and w, check_and_close)

    def check_and_close(window):
        seen["after"] = window.archive.members.query_ids("误录")
        seen["count"] = window.archive.members.count()
        window.close()

    when(shown_main_window, spoil_then_restore)
    assert app_module.run(args_for(data_dir)) == 0
    assert seen["after"] == [] and seen["count"] == 30
    assert list((data_dir / "aside").iterdir()), "the replaced database is kept aside"


def test_a_missing_database_is_restored_not_replaced_by_an_empty_one(qtbot, demo_dir, monkeypatch):
    data_dir = demo_dir
    with Archive.open(data_dir) as archive:
        archive.backup_to()
    for name in ("branchdesk.sqlite3", "branchdesk.sqlite3-wal", "branchdesk.sqlite3-shm"):
        (data_dir / name).unlink(missing_ok=True)
    asked = []
    monkeypatch.setattr(app_module, "_ask_restore", lambda lost: asked.append(lost.message()) or "restore")
    seen = {}

    def look_and_close(window):
        seen["count"] = window.archive.members.count()
        window.close()

    when(shown_main_window, look_and_close)
    assert app_module.run(args_for(data_dir)) == 0
    assert "找不到档案库文件" in asked[0]
    assert seen["count"] == 30


def test_the_start_offers_what_a_power_cut_left_unsaved(qtbot, demo_dir):
    from branchdesk import clock
    from tests.helpers import forget_unsaved_edits

    with Archive.open(demo_dir, auto_backup=False) as archive:
        meeting_id = archive.meetings.query_ids(year=clock.today().year, state="planned")[0]
        before = MainWindow(archive)
        editor = before.show_page("meetings").open_meeting(meeting_id)
        editor.basic.place.setText("断电前输入的地点")
        editor.basic.place.textEdited.emit("断电前输入的地点")
        before.keep_drafts()
        before.drafts._written.clear()  # the power went: this window never removes its draft
        forget_unsaved_edits()
        before.close()
        before.deleteLater()
    seen = {}

    def restore(question):
        seen["question"] = question.text()
        next(b for b in question.buttons() if b.text() == "恢复").click()

    def look_and_leave(window):
        editor = window.pages["meetings"].editor
        seen["place"] = editor.basic.place.text()
        seen["unsaved"] = editor.has_unsaved_changes()
        when(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox) and QApplication.activeModalWidget(),
             lambda box: box.button(QMessageBox.StandardButton.Discard).click())
        window.close()

    when(lambda: (box := QApplication.activeModalWidget()) is not None and box.objectName() == "drafts_question" and box,
         restore)
    when(lambda: (w := shown_main_window()) is not None and "meetings" in w.pages and w.pages["meetings"].editor.dirty
         and w, look_and_leave)
    assert app_module.run(args_for(demo_dir)) == 0
    assert "上次有未保存的内容（会议记录「" in seen["question"]
    assert seen["place"] == "断电前输入的地点" and seen["unsaved"]
    with Archive.open(demo_dir, auto_backup=False) as archive:
        assert archive.meetings.form(meeting_id).place != "断电前输入的地点"
        assert not list((archive.layout.drafts).glob("*.json"))  # 不保存 at the close: the draft went too
