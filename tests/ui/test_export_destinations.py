"""Every page's export opens the save dialog in the archive's exports folder with a Chinese
name, and the finished export's 「打开所在文件夹」 opens that folder (issue 13)."""

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QMessageBox, QPushButton

from tests.helpers import export_notice
from tests.ui.test_printing import opened, save_dialog  # noqa: F401 - fixtures
from ui.main_window import MainWindow

WAIT_MS = 30000


def life_report(page):
    page.set_year(2025)
    return page.exports.paper("report")


CASES = [
    ("life", life_report, "2025年度组织生活会情况报告.pdf"),
    ("ledger", lambda page: page.exports.ledger("xlsx"), "整改台账.xlsx"),  # every year: the page opens on 全部年度
    ("targets", lambda page: page.exports.year(2026), "2026年度目标管理档案.pdf"),
    ("members", lambda page: page.export_roster(), "党员名册（2026年12月6日）.xlsx"),
]


@pytest.mark.parametrize(("key", "export", "name"), CASES, ids=[c[2] for c in CASES])
def test_the_export_goes_to_the_exports_folder_and_its_folder_opens(qtbot, demo_archive, monkeypatch, save_dialog,  # noqa: F811
                                                                    opened, key, export, name):  # noqa: F811
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.No)  # ID numbers masked
    window = MainWindow(demo_archive)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page(key)
    export(page)
    exports = demo_archive.layout.exports
    assert save_dialog == [exports / name]
    qtbot.waitUntil(lambda: export_notice(page) is not None, timeout=WAIT_MS)
    notice = export_notice(page)
    assert notice.windowTitle() == "导出完成" and str(exports / name) in notice.text()
    assert (exports / name).stat().st_size > 0
    notice.findChild(QPushButton, "open_folder").click()
    assert opened == [QUrl.fromLocalFile(str(exports))]
