"""A member died: the secretary records it in the main window, is asked for the day and the reason,
and the roster, 首页 and history follow; a 转出 is not offered there (docs/domain.md §1, 党员状态的变更)."""

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from tests.helpers import type_text
from ui.main_window import MainWindow


def test_recording_a_death_from_the_roster(qtbot, demo_archive):
    window = MainWindow(demo_archive)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    assert "在册党员 30 名（正式党员 27 名" in window.pages["home"].facts.text()
    page = window.show_page("members")
    member_id = demo_archive.members.ids_named("李喆")[0]
    seen = {}

    def fill():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, fill)
            return
        seen["offered"] = [dialog.status.itemText(i) for i in range(dialog.status.count())]
        dialog.status.setCurrentIndex(dialog.status.findData("deceased"))
        dialog.save()  # no day, no reason: refused, the dialog stays
        seen["errors"] = (dialog.form.error_text("status_changed_on"), dialog.form.error_text("status_reason"))
        seen["open_after_first_save"] = dialog.isVisible()
        dialog.status_date.setText("2026-11-28")
        type_text(dialog.status_reason, "因病去世")
        dialog.save()

    QTimer.singleShot(0, fill)
    assert page.edit_member(member_id) == member_id
    assert "已转出" not in seen["offered"] and "已去世" in seen["offered"]
    assert seen["open_after_first_save"] and "去世日期" in seen["errors"][0] and "状态变更原因" in seen["errors"][1]
    assert "李喆" not in [page.model.data(page.model.index(r, 0)) for r in range(page.model.rowCount())]
    last = demo_archive.members.status_history(member_id)[-1]
    assert (last.status_to, last.changed_on, last.reason) == ("deceased", dt.date(2026, 11, 28), "因病去世")
    home = window.show_page("home")
    assert "在册党员 29 名（正式党员 26 名，预备党员 3 名；其中流动党员 1 名）" in home.facts.text()
    window.close()
