"""Importing the rosters clerks really have through the real window (issue 21): an old
.xls picked in the file dialog, a footer said and left out, a damaged .xls explained."""

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from branchdesk.storage.models import Member
from tests.helpers import make_id, type_text
from ui.dialogs.member_dialog import MemberDialog
from ui.dialogs.roster_import import RosterImportDialog
from ui.main_window import MainWindow

XLS = Path(__file__).parents[1] / "data" / "roster_xls" / "roster.xls"
SHOTS = os.environ.get("BRANCHDESK_SHOTS")  # a folder: save screenshots of the preview there


@pytest.fixture
def members_page(qtbot, archive, monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    window = MainWindow(archive)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    return window.show_page("members")


def import_button(page) -> QPushButton:
    return next(b for b in page.findChildren(QPushButton) if b.text().startswith("导入名册"))


def test_an_xls_roster_is_picked_previewed_with_its_footer_and_imported(qtbot, members_page, monkeypatch):
    offered = {}

    def pick(parent, caption, folder, filters, *rest):
        offered["filters"] = filters
        return str(XLS), filters.split(";;")[0]

    seen = {}

    def look_then_import(dialog):
        seen["summary"] = dialog.summary.text()
        seen["names"] = [dialog.table.item(row, 1).text() for row in range(dialog.table.rowCount())]
        seen["enabled"] = dialog.import_button.isEnabled()
        if SHOTS:
            for width, height in ((1366, 768), (1024, 768)):
                dialog.resize(min(900, width - 40), min(560, height - 80))
                dialog.show()
                dialog.grab().save(f"{SHOTS}/roster-import-xls-{width}.png")
        dialog.do_import()  # the real button's slot: the dialog closes itself when the import is done
        return dialog.exec_real()

    monkeypatch.setattr(QFileDialog, "getOpenFileName", pick)
    monkeypatch.setattr(RosterImportDialog, "exec_real", RosterImportDialog.exec, raising=False)
    monkeypatch.setattr(RosterImportDialog, "exec", look_then_import)
    import_button(members_page).click()
    qtbot.waitUntil(lambda: members_page.model.rowCount() == 3, timeout=5000)
    assert "*.xls " in offered["filters"] and "*.xlsx" in offered["filters"]
    assert seen["enabled"] and seen["names"] == ["王堃", "李秀英", "赵秀英"]
    summary = seen["summary"]
    assert "第 7、8 行是表尾" in summary and "已略过" in summary
    assert "名册在工作表「党员花名册」中" in summary and "「出生年月」→出生日期" in summary


def test_a_damaged_xls_is_explained_in_chinese(qtbot, members_page, monkeypatch, tmp_path):
    broken = tmp_path / "名册.xls"
    broken.write_bytes(XLS.read_bytes()[:1500])
    told = []

    def show_error(parent, error, title=""):
        told.append(error)

    monkeypatch.setattr("ui.pages.members.show_error", show_error)
    members_page.import_roster(str(broken))
    qtbot.waitUntil(lambda: bool(told), timeout=5000)
    from ui.errors import message_for

    text = message_for(told[0])
    assert "不是有效的 .xls 文件" in text and "另存为 .xlsx" in text and "Traceback" not in text


def test_the_member_editor_cleans_the_name_and_names_no_check_digit(qtbot, members_page, archive):
    dialog = MemberDialog(archive)
    qtbot.addWidget(dialog)
    type_text(dialog.name_edit, "\u3000赵\u3000秀英\u3000")
    number = make_id(dt.date(1968, 3, 12), 131)
    dialog.id_edit.setText(number[:17] + ("1" if number[17] != "1" else "2"))
    dialog.joined.setText("1995-07-01")
    dialog.full.setText("1996-07-02")
    dialog.save()
    message = dialog.form.error_text("id_number")
    assert "对照本人身份证" in message and not any(ch.isdigit() for ch in message)
    dialog.id_edit.setText(number)
    dialog.save()
    assert archive.members.get(dialog.saved_id).name == "赵秀英"
    with archive.bound():  # a row stored with spaces before names were cleaned
        Member.update(name="赵\u3000秀英").where(Member.id == dialog.saved_id).execute()
    type_text(members_page.search, "赵秀英")
    qtbot.waitUntil(lambda: members_page.model.rowCount() == 1)
