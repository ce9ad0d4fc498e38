"""A new secretary's first day: create the branch, add a member, close, reopen, find them."""

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from branchdesk.archive import Archive
from tests.helpers import make_id, type_text
from ui.main_window import MainWindow
from ui.wizard import FirstRunWizard


def fill_member_dialog_when_open(qtbot, answers):
    """The dialog is modal: fill it from the event loop once it is showing."""

    def fill():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, fill)
            return
        type_text(dialog.name_edit, "王堃")
        type_text(dialog.id_edit, make_id(dt.date(1982, 8, 8), 131))
        dialog.joined.setText("2010-07-01")
        dialog.full.setText("2011-07-01")
        dialog.group.setCurrentIndex(dialog.group.findText("第一党小组"))
        answers["dialog"] = dialog.windowTitle()
        dialog.save()

    QTimer.singleShot(0, fill)


def test_first_day_journey(qtbot, tmp_path, engine, archive_factory):
    data_dir, url = archive_factory(engine)
    archive = Archive.open(data_dir, url)
    wizard = FirstRunWizard(archive)
    qtbot.addWidget(wizard)
    type_text(wizard.name, "前进村党支部")
    assert wizard.create() and wizard.steps  # then the committee, groups and roster steps (skipped here)
    archive.groups.save("第一党小组")

    window = MainWindow(archive)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("members")
    answers = {}
    fill_member_dialog_when_open(qtbot, answers)
    new_id = page.add_member()
    assert answers["dialog"] == "新增党员"
    assert new_id is not None
    window.close()
    from branchdesk.roster.members import MemberForm

    archive.members.add(
        MemberForm(name="李秀英", id_number=make_id(dt.date(1975, 4, 5), 124), joined_on=dt.date(2001, 6, 30),
                   full_on=dt.date(2002, 7, 1), status="full")
    )
    archive.close()

    reopened = Archive.open(data_dir, url)
    window = MainWindow(reopened)
    qtbot.addWidget(window)
    window.show()
    assert "前进村党支部" in window.windowTitle()
    page = window.show_page("members")
    assert page.model.rowCount() == 2
    type_text(page.search, "堃")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    row = page.model.index(0, 0)
    assert page.model.data(row) == "王堃"
    assert page.model.data(page.model.index(0, 7)) == "第一党小组"
    home = window.show_page("home")
    assert "在册党员 2 名" in home.facts.text()
    window.close()
    reopened.close()


def test_screenshot_command_paints_the_window(demo_dir, tmp_path):
    # A process of its own: the window's start (ui.app.run) sets up the process-wide
    # QApplication for the program, which later tests in this process must not inherit
    # (their worker threads then never report back).
    import subprocess
    import sys

    shot = tmp_path / "members.png"
    result = subprocess.run(
        [sys.executable, "-m", "branchdesk", "--data-dir", str(demo_dir), "--screenshot", str(shot), "--page", "members"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert image.width() >= 1000 and image.height() >= 600
    assert len({image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 29)}) > 5
