"""「预览 / 打印」 for every paper that was export-only (issue 19 item 9), through the real
main window: the 组织生活会 情况报告 and 会议记录, the 民主评议党员登记表, the 整改台账 公示,
the 目标管理考核表 (from the 档案 tab and from the open inspection), the 目标管理档案, the
年度档案 and the higher committee's 汇总表. Each opens the same preview as a meeting paper,
written in a worker into the archive's previews/ folder: QtPdf has loaded every page and
renders the first with ink on it, the first page says what paper it is, printing to a PDF
printer gives every page, and the temporary file is gone once the preview closes."""

from __future__ import annotations

import re
import threading
import time

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox

from branchdesk.archive import Archive
from branchdesk.errors import ValidationError
from tests.domain.meetings_support import branch  # noqa: F401 - fixture
from tests.domain.papers_support import pages_of, text_of
from tests.domain.yearbook_support import small_year
from ui.main_window import MainWindow
from ui.pages.upper.dashboard import DashboardPage
from ui.toolkit.pdf_preview import PdfPreview
from ui.toolkit.printing import a4_printer
from ui.toolkit.tables import selected_id

WAIT_MS = 60000
LAST_YEAR = 2025  # the fixed clock's today is 2026-12-06: the demo's last complete 组织生活会 and 民主评议


@pytest.fixture
def window(qtbot, demo_archive, monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    main = MainWindow(demo_archive)
    qtbot.addWidget(main)
    main.show()
    return main


def shown_preview(qtbot, previews, start) -> PdfPreview:
    """Run ``start`` (a click or a menu entry) and wait for the preview it opens."""
    before = previews.shown[-1] if previews.shown else None
    start()
    qtbot.waitUntil(lambda: (previews.shown and previews.shown[-1] is not before) or previews.last_error is not None,
                    timeout=WAIT_MS)
    assert previews.last_error is None, previews.last_error
    dialog = previews.shown[-1]
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    return dialog


def ink_on(image) -> int:
    """Pixels on the rendered page that are not paper-white."""
    step = 4
    return sum(1 for x in range(0, image.width(), step) for y in range(0, image.height(), step)
               if QColor(image.pixel(x, y)).lightness() < 128)


def check_preview_and_print(dialog: PdfPreview, archive, tmp_path, title_words: str, file_name: str) -> int:
    """The preview holds the whole paper, shows its first page, prints every page, and its
    temporary file in the archive's previews/ folder goes when it closes; returns the pages."""
    path = dialog.path
    assert path.parent == archive.layout.previews and path.exists()
    document = dialog.document
    assert document.status() == QPdfDocument.Status.Ready
    pages = document.pageCount()
    assert pages >= 1 and pages == pages_of(path)
    assert dialog.pages.text() == f"第 1 / {pages} 页"
    assert title_words in re.sub(r"\s+", "", text_of(path, page=1))
    assert ink_on(document.render(0, QSize(297, 420))) > 50
    assert dialog.file_name == file_name and file_name.removesuffix(".pdf") in dialog.windowTitle()

    printer = a4_printer(QPrinter(QPrinter.PrinterMode.ScreenResolution))
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / f"printed-{len(list(tmp_path.iterdir()))}.pdf"
    printer.setOutputFileName(str(printed))
    assert dialog.print_to(printer) == pages
    assert pages_of(printed) == pages

    dialog.close()
    assert not path.exists()  # a preview is not an export
    return pages


@pytest.mark.parametrize(("which", "title_words", "name"), [
    ("report", "民主评议党员情况的报告", "2025年度组织生活会情况报告.pdf"),
    ("record", "组织生活会会议记录", "2025年度组织生活会会议记录.pdf"),
    ("appraisal", "民主评议党员登记表", "2025年度民主评议党员登记表.pdf"),
], ids=["report", "record", "appraisal"])
def test_the_life_papers_and_the_appraisal_form(qtbot, window, demo_archive, tmp_path, which, title_words, name):
    page = window.show_page("life")
    page.set_year(LAST_YEAR)
    [action] = [a for a in page.preview_button.menu().actions() if a.objectName() == f"life_preview_{which}"]
    dialog = shown_preview(qtbot, page.exports.previews, action.trigger)
    check_preview_and_print(dialog, demo_archive, tmp_path, title_words, name)


def test_the_ledger_notice_of_the_year_chosen(qtbot, window, demo_archive, tmp_path):
    page = window.show_page("ledger")
    view = page.ledger
    view.year.setCurrentIndex(view.year.findData(LAST_YEAR))
    dialog = shown_preview(qtbot, page.exports.previews, view.preview_pdf.click)
    check_preview_and_print(dialog, demo_archive, tmp_path, "整改", "2025年整改台账公示.pdf")


def test_a_year_without_items_on_notice_says_so_and_opens_nothing(qtbot, window, monkeypatch):
    told = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: told.append(box.text()) or 0)
    page = window.show_page("ledger")
    view = page.ledger
    view.year.setCurrentIndex(view.year.findData(2024))
    for item in page.archive.rectification.items(year=2024, public_only=True):
        page.archive.rectification.set_public(item.id, False)
    assert not page.exports.preview_ledger()
    assert page.exports.previews.shown == [] and not any(page.archive.layout.previews.glob("*.pdf"))
    assert any("没有设为公示的整改事项" in text for text in told), told


def test_the_inspection_form_from_the_archive_tab_and_from_the_open_inspection(qtbot, window, demo_archive,
                                                                              tmp_path):
    page = window.show_page("targets")
    tab = page.show_tab("archive")
    tab.table.selectRow(0)
    inspection_id = selected_id(tab.table)
    dialog = shown_preview(qtbot, page.exports.previews, tab.inspection_preview.click)
    label = demo_archive.targets.inspections.detail(inspection_id).summary.period.label
    pages = check_preview_and_print(dialog, demo_archive, tmp_path, "目标管理考核表", f"{label}目标管理考核表.pdf")

    editor = page.open_inspection(inspection_id)
    assert editor.actions["preview"].isVisible()
    again = shown_preview(qtbot, page.exports.previews, editor.actions["preview"].click)
    assert again.document.pageCount() == pages and again.file_name == f"{label}目标管理考核表.pdf"
    again.close()
    assert not again.path.exists()


def test_the_years_targets_archive(qtbot, window, demo_archive, tmp_path):
    page = window.show_page("targets")
    tab = page.show_tab("archive")
    assert tab.year_preview.text() == f"预览 / 打印 {page.year} 年度档案…"
    dialog = shown_preview(qtbot, page.exports.previews, tab.year_preview.click)
    check_preview_and_print(dialog, demo_archive, tmp_path, "目标管理档案", f"{page.year}年度目标管理档案.pdf")


def test_the_yearly_archive(qtbot, branch, tmp_path):  # noqa: F811
    archive, year = small_year(branch)
    window = MainWindow(archive)
    qtbot.addWidget(window)
    page = window.show_page("archive")
    page.tabs.setCurrentWidget(page.yearbook)
    tab = page.yearbook
    tab.year.setCurrentIndex(tab.year.findData(year))
    dialog = shown_preview(qtbot, tab.previews, tab.preview_button.click)
    check_preview_and_print(dialog, archive, tmp_path, "年度档案", f"{year}年度档案.pdf")
    assert tab.last_result is None  # a preview is not an export: nothing said about a file


def test_the_higher_committees_summary(qtbot, upper_archive, demo_branches, tmp_path, monkeypatch):
    first, second = demo_branches
    upper = upper_archive.upper
    upper.enrol(first.card, first.fingerprint)
    upper.import_bundle(first.bundles[0])
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    page = DashboardPage(upper_archive)
    qtbot.addWidget(page)
    page.show()
    dialog = shown_preview(qtbot, page.previews, page.preview_pdf.click)
    year = page.model.board.year
    check_preview_and_print(dialog, upper_archive, tmp_path, "汇总", f"{year}年各支部汇总.pdf")


# -- what a preview leaves behind ---------------------------------------------------------
def test_a_failed_or_cancelled_preview_leaves_no_file_and_says_why_in_chinese(qtbot, window, demo_archive,
                                                                           monkeypatch):
    previews = window.show_page("ledger").exports.previews
    folder = demo_archive.layout.previews
    told = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: told.append((box.windowTitle(), box.text())) or 0)

    def refused(path, report):
        path.write_bytes(b"%PDF-1.7 half")  # a paper cut off half-way
        raise ValidationError("items", "empty", "没有设为公示的整改事项可以导出。")

    assert previews.open("整改台账公示", "整改台账公示.pdf", refused)
    qtbot.waitUntil(lambda: previews.last_error is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not any(folder.iterdir()), timeout=WAIT_MS)
    assert told == [("无法预览", "没有设为公示的整改事项可以导出。")] and previews.shown == []

    started = threading.Event()

    def endless(path, report):
        started.set()
        while True:
            report(0, 0, "正在排版")
            time.sleep(0.005)

    assert previews.open("整改台账公示", "整改台账公示.pdf", endless)
    assert started.wait(10) and any(folder.iterdir())
    previews.job.cancel()  # what the progress dialog's 取消 does
    qtbot.waitUntil(lambda: not any(folder.iterdir()), timeout=WAIT_MS)
    assert len(told) == 1 and previews.shown == []  # 取消 is not an error


def test_a_read_only_archive_previews_outside_it_and_the_temporary_folder_goes_too(qtbot, demo_archive, tmp_path):
    data_dir, url = demo_archive.layout.root, demo_archive.url
    demo_archive.close(auto_backup=False)
    archive = Archive.open(data_dir, url, read_only=True, auto_backup=False)
    try:
        window = MainWindow(archive)
        qtbot.addWidget(window)
        page = window.show_page("ledger")
        dialog = shown_preview(qtbot, page.exports.previews, page.ledger.preview_pdf.click)
        path = dialog.path
        assert data_dir not in path.parents and path.parent.name.startswith("branchdesk-preview-")
        assert dialog.document.pageCount() == pages_of(path)
        dialog.close()
        assert not path.exists() and not path.parent.exists()
        assert not archive.layout.previews.exists()
        window.close()
    finally:
        archive.close(auto_backup=False)
