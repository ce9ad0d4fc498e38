"""Printing the year's 组织生活会 record from the window, as a secretary does it (issue 19
item 9): 预览 / 打印 → 组织生活会会议记录, the app password for the criticism texts, the
preview (turn a page), 打印… → Qt's print dialog (the printer and pages 2–3 chosen there)
→ exactly those pages on A4, and nothing of the preview left in the archive afterwards."""

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog

from tests.domain.papers_support import pages_of, run
from tests.helpers import answer_modal, type_text
from ui.main_window import MainWindow
from ui.toolkit import pdf_preview

PASSWORD = "支部密码2026"
YEAR = 2025  # the demo's last complete 组织生活会 (the fixed clock's today is 2026-12-06)


def test_preview_and_print_two_pages_of_the_life_record(qtbot, demo_archive, tmp_path, monkeypatch):
    access = demo_archive.access
    access.set_password(PASSWORD)
    access.set_policy(lock_after_minutes=0, sensitive_grace_minutes=0)  # the criticism texts ask every time
    session = access.session()
    assert session.unlock(PASSWORD).ok  # the window itself is open
    window = MainWindow(demo_archive, session=session)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("life")
    page.set_year(YEAR)
    assert page.preview_button.isVisible() and page.preview_button.text() == "预览 / 打印"

    # the criticism texts are behind the password: asked before anything is read
    asked = []

    def give_password(dialog):
        asked.append(dialog.windowTitle())
        type_text(dialog.password, PASSWORD)
        dialog.try_unlock()

    answer_modal(give_password)
    [record] = [a for a in page.preview_button.menu().actions() if a.text() == "组织生活会会议记录…"]
    record.trigger()
    previews = page.exports.previews
    qtbot.waitUntil(lambda: bool(previews.shown) or previews.last_error is not None, timeout=60000)
    assert previews.last_error is None, previews.last_error
    assert len(asked) == 1
    preview = previews.shown[-1]
    qtbot.addWidget(preview)
    qtbot.waitExposed(preview)
    temporary = preview.path
    assert temporary.parent == demo_archive.layout.previews
    pages = preview.document.pageCount()
    assert pages >= 3 and preview.windowTitle() == f"预览：{YEAR}年度组织生活会会议记录"
    preview.buttons["next"].click()
    assert preview.pages.text() == f"第 2 / {pages} 页"

    # 打印…: the system's print dialog, where the user picks the printer and pages 2–3
    printed = tmp_path / "打印件.pdf"
    chosen = {}

    class PrintDialogAsAnswered(QPrintDialog):
        def exec(self):
            chosen["range"] = (self.minPage(), self.maxPage())
            self.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.printer().setOutputFileName(str(printed))
            self.printer().setResolution(150)
            self.setPrintRange(QPrintDialog.PrintRange.PageRange)
            self.setFromTo(2, 3)
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(pdf_preview, "installed_printers", lambda: ["办公室打印机"])
    monkeypatch.setattr(pdf_preview, "QPrintDialog", PrintDialogAsAnswered)
    preview.buttons["print"].click()
    assert chosen["range"] == (1, pages)
    assert pages_of(printed) == 2
    assert "595 x 842 pts (A4)" in run("pdfinfo", str(printed))
    # what went to paper is the paper's second page, with its ink
    image = preview.document.render(1, QSize(150, 212))
    assert any(QColor(image.pixel(x, y)).lightness() < 128 for x in range(0, 150, 3) for y in range(0, 212, 3))

    preview.buttons["close"].click()
    assert not temporary.exists() and list(demo_archive.layout.previews.iterdir()) == []
    window.close()
