"""Previewing, printing and exporting a meeting's papers through the real main window
(issues 13 and 21): the preview fits a 1024×768 or 1366×768 screen with zoom, views and
page navigation; a CUPS printer gets the PDF itself (vector text) on A4 at 1:1, any other
printer images at its own resolution; with no printer installed the user is offered a
PDF; exports go to the archive's exports folder under a Chinese name, and the folder
opens in one click."""

import json
import re
import subprocess
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QPushButton

from tests.domain.papers_support import fonts_of, pages_of, text_of
from tests.helpers import answer_modal, export_notice
from ui.main_window import MainWindow
from ui.toolkit import pdf_preview as preview_module
from ui.toolkit import printing
from ui.toolkit.printing import a4_printer

WAIT_MS = 30000


@pytest.fixture
def editor(qtbot, demo_archive):
    """The meeting editor on the year's first 支委会 record (two A4 pages)."""
    window = MainWindow(demo_archive)
    qtbot.addWidget(window)
    window.show()
    meeting_id = demo_archive.meetings.query_ids(year=2026, kind="committee", descending=False)[0]
    return window.show_page("meetings").open_meeting(meeting_id)


@pytest.fixture
def save_dialog(monkeypatch):
    """The save dialog answered with the path it suggests; the suggestions are kept."""
    suggested = []

    def answer(parent, title, directory, filters):
        suggested.append(Path(directory))
        return directory, filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return suggested


@pytest.fixture
def opened(monkeypatch):
    """Folders the app asked the desktop to open (none is opened)."""
    urls = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url) or True)
    return urls


def open_preview(qtbot, editor):
    assert editor.papers.preview("record")
    qtbot.waitUntil(lambda: bool(editor.papers.previews), timeout=WAIT_MS)
    dialog = editor.papers.previews[-1]
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    return dialog


@pytest.mark.parametrize(("width", "height"), [(1024, 768), (1366, 768)])
def test_the_preview_and_all_its_buttons_fit_a_small_screen(qtbot, editor, monkeypatch, width, height, tmp_path):
    room = QRect(0, 0, width, height - 40)  # a task bar at the bottom
    monkeypatch.setattr(preview_module, "screen_room", lambda widget: room)
    dialog = open_preview(qtbot, editor)
    assert room.contains(dialog.frameGeometry()), (dialog.frameGeometry(), room)
    # room left for a real window manager's title bar and borders
    assert dialog.width() <= width - 16 and dialog.height() <= room.height() - 40
    assert dialog.minimumSizeHint().width() <= width - 16
    buttons = dialog.findChildren(QPushButton)
    assert {b.text() for b in buttons} >= {"上一页", "下一页", "缩小", "放大", "适合宽度", "整页",
                                          "打印… (Ctrl+P)", "另存为 PDF…", "关闭"}
    for button in buttons:
        assert button.isVisible(), button.text()
        where = QRect(button.mapTo(dialog, button.rect().topLeft()), button.size())
        assert dialog.rect().contains(where), (button.text(), where, dialog.rect())
        assert button.width() >= button.sizeHint().width(), button.text()  # no clipped text
    dialog.grab().save(str(tmp_path / f"preview-{width}.png"))
    dialog.close()


def test_pages_zoom_and_views_by_buttons_and_keys(qtbot, editor):
    dialog = open_preview(qtbot, editor)
    dialog.activateWindow()
    count = dialog.document.pageCount()
    assert count == 2 and dialog.pages.text() == "第 1 / 2 页"
    assert not dialog.buttons["previous"].isEnabled()
    qtbot.keyClick(dialog.view, Qt.Key.Key_PageDown)
    assert dialog.pages.text() == "第 2 / 2 页" and not dialog.buttons["next"].isEnabled()
    qtbot.keyClick(dialog.view, Qt.Key.Key_PageUp)
    assert dialog.pages.text() == "第 1 / 2 页"
    dialog.buttons["next"].click()
    assert dialog.current_page() == 1

    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitToWidth and dialog.buttons["fit_width"].isChecked()
    width_zoom = dialog.zoom_label.text()
    assert 70 <= int(width_zoom.rstrip("%")) <= 130  # an A4 page across a dialog of ~820 px
    qtbot.keyClick(dialog.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.Custom and not dialog.buttons["fit_width"].isChecked()
    larger = dialog.view.zoomFactor()
    assert int(dialog.zoom_label.text().rstrip("%")) > int(width_zoom.rstrip("%"))
    qtbot.keyClick(dialog.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert dialog.view.zoomFactor() < larger
    dialog.buttons["whole_page"].click()
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitInView and dialog.buttons["whole_page"].isChecked()
    assert int(dialog.zoom_label.text().rstrip("%")) < int(width_zoom.rstrip("%"))  # a whole page is smaller
    dialog.buttons["fit_width"].click()
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitToWidth and dialog.zoom_label.text() == width_zoom
    dialog.close()


def test_with_no_printer_the_message_says_so_and_saves_a_pdf_in_one_click(qtbot, editor, monkeypatch,
                                                                         save_dialog, opened):
    monkeypatch.setattr(preview_module, "installed_printers", lambda: [])
    dialog = open_preview(qtbot, editor)
    told = {}

    def choose_pdf(box):
        told["text"] = box.text()
        next(b for b in box.buttons() if b.text() == "另存为 PDF…").click()

    answer_modal(choose_pdf)
    dialog.buttons["print"].click()
    assert "还没有安装打印机" in told["text"] and "另存为 PDF" in told["text"]
    assert "是否有纸" not in told["text"]
    exports = editor.archive.layout.exports
    saved = save_dialog[-1]
    assert saved.parent == exports and re.fullmatch(r"2026年\d+月支委会会议记录\.pdf", saved.name)
    assert saved.read_bytes() == dialog.path.read_bytes()
    notice = export_notice(dialog)
    assert str(saved) in notice.text()
    notice.findChild(QPushButton, "open_folder").click()
    assert opened == [QUrl.fromLocalFile(str(exports))]
    preview_file = dialog.path
    dialog.close()
    assert not preview_file.exists()  # a preview is not an export
    assert saved.exists()


class CupsPrinter(QPrinter):
    """A printer the system prints to through the CUPS queue ``办公室打印机``."""

    def outputFormat(self):
        return QPrinter.OutputFormat.NativeFormat

    def printerName(self):
        return "办公室打印机"

    def duplex(self):  # chosen in the print dialog (a PDF engine keeps no duplex)
        return QPrinter.DuplexMode.DuplexLongSide


@pytest.fixture
def cups(tmp_path, monkeypatch):
    """A stand-in for CUPS with a PDF queue (like cups-pdf): ``lp`` records its arguments
    and keeps the file it was given; ``refuse`` makes it fail as for a stopped queue."""
    folder = tmp_path / "cups"
    folder.mkdir()
    lp = folder / "lp"
    lp.write_text(textwrap.dedent(f"""\
        #!/usr/bin/env python3
        import json, shutil, sys
        if open({str(folder / "refuse")!r}, "a+").seek(0, 2):
            print("lp: The printer or class does not exist.", file=sys.stderr)
            sys.exit(1)
        json.dump(sys.argv[1:], open({str(folder / "args.json")!r}, "w"))
        shutil.copy(sys.argv[-1], {str(folder / "job.pdf")!r})
        print("request id is 办公室打印机-1 (1 file(s))")
        """), encoding="utf-8")
    lp.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}:{__import__('os').environ['PATH']}")
    monkeypatch.setattr(printing, "installed_printers", lambda: ["办公室打印机"])
    return folder


def test_a_cups_printer_gets_the_pdf_itself_on_a4_at_true_scale(qtbot, editor, cups):
    dialog = open_preview(qtbot, editor)
    printer = a4_printer(CupsPrinter(QPrinter.PrinterMode.HighResolution))
    printer.setCopyCount(2)
    assert dialog.print_to(printer, 1, 1) == 1
    args = json.loads((cups / "args.json").read_text(encoding="utf-8"))
    assert args[args.index("-d") + 1] == "办公室打印机" and args[args.index("-n") + 1] == "2"
    assert args[args.index("-P") + 1] == "2-2"
    options = {args[i + 1] for i, arg in enumerate(args) if arg == "-o"}
    assert {"media=A4", "print-scaling=none", "sides=two-sided-long-edge"} <= options
    job = cups / "job.pdf"
    assert job.read_bytes() == dialog.path.read_bytes()  # vector text, not images
    assert "595.276 x 841.89 pts (A4)" in subprocess.run(["pdfinfo", str(job)], capture_output=True, text=True).stdout
    assert fonts_of(job) and "支部委员会会议记录" in re.sub(r"\s+", "", text_of(job))

    # the whole paper: no page range
    assert dialog.print_to(printer) == 2
    assert "-P" not in json.loads((cups / "args.json").read_text(encoding="utf-8"))

    (cups / "refuse").write_text("1")
    told = []
    answer_modal(lambda box: (told.append(box.text()), box.accept()))
    assert dialog.print_to(printer) == 0
    assert "没有接收打印任务" in told[0] and "does not exist" not in told[0]
    dialog.close()


def test_other_printers_get_images_at_their_resolution_on_a4_at_true_scale(qtbot, editor, tmp_path):
    dialog = open_preview(qtbot, editor)
    printer = a4_printer(QPrinter(QPrinter.PrinterMode.HighResolution))
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert printer.resolution() == 1200
    assert dialog.print_to(printer) == 2
    assert pages_of(printed) == 2
    info = subprocess.run(["pdfinfo", str(printed)], capture_output=True, text=True, check=True).stdout
    assert "595 x 842 pts (A4)" in info
    listed = subprocess.run(["pdfimages", "-list", str(printed)], capture_output=True, text=True,
                            check=True).stdout.splitlines()[2:]
    # page, width and x-ppi of each band: the full A4 width at 600 dpi (not the old 300)
    bands = [(int(row.split()[0]), int(row.split()[3]), int(row.split()[12])) for row in listed]
    assert {page for page, _, _ in bands} == {1, 2} and len(bands) > 2
    assert all(width == 4961 and 595 <= ppi <= 605 for _, width, ppi in bands), bands
    dialog.close()


def test_exports_suggest_the_exports_folder_and_offer_to_open_it(qtbot, editor, save_dialog, opened):
    exports = editor.archive.layout.exports
    detail = editor.archive.meetings.detail(editor.meeting_id)
    name = f"{detail.date.year}年{detail.date.month}月支委会会议记录"
    assert editor.papers.export_pdf("record")
    qtbot.waitUntil(lambda: export_notice(editor) is not None, timeout=WAIT_MS)
    assert save_dialog[-1] == exports / f"{name}.pdf" and save_dialog[-1].exists()
    notice = export_notice(editor)
    assert notice.windowTitle() == "导出完成" and str(exports / f"{name}.pdf") in notice.text()
    notice.findChild(QPushButton, "open_folder").click()
    assert opened == [QUrl.fromLocalFile(str(exports))]

    # the next export of the same paper does not overwrite the first
    assert editor.papers.export_pdf("record")
    qtbot.waitUntil(lambda: len(save_dialog) == 2 and save_dialog[-1].exists(), timeout=WAIT_MS)
    assert save_dialog[-1] == exports / f"{name}（2）.pdf"
    qtbot.waitUntil(lambda: export_notice(editor) is not None, timeout=WAIT_MS)
    next(b for b in export_notice(editor).buttons() if b.text() == "确定").click()
    assert len(opened) == 1 and export_notice(editor) is None  # 确定 opens nothing
