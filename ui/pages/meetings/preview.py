"""Preview of an exported PDF, and printing it: Qt's print dialog, then exactly the
PDF's pages, rendered with QtPdf and placed at true scale on A4 paper."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from branchdesk.errors import BranchDeskError

from ...errors import show_error
from ...text import tr

# Pages are rendered at most at this resolution and scaled to the printer's: sharp on
# paper, and an A4 page stays ~35 MB in memory whatever the driver reports.
RENDER_DPI = 300


def a4_printer(printer: QPrinter) -> QPrinter:
    """Full page A4, no margins: the PDF brings its own."""
    printer.setFullPage(True)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                      QMarginsF(0, 0, 0, 0)))
    return printer


def print_document(document: QPdfDocument, printer: QPrinter, first: int = 0, last: int | None = None) -> int:
    """Print pages ``first``..``last`` (0-based, inclusive) of ``document`` at true scale;
    returns how many pages were printed."""
    last = document.pageCount() - 1 if last is None else last
    painter = QPainter()
    if not painter.begin(printer):
        raise BranchDeskError(tr("meetings", "无法开始打印：打印机没有准备好。请检查打印机是否连接、是否有纸。"))
    printed = 0
    try:
        device_dpi = printer.resolution()
        for page in range(first, last + 1):
            if printed:
                printer.newPage()
            points = document.pagePointSize(page)
            dpi = min(device_dpi, RENDER_DPI)
            image = document.render(page, QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi)))
            # device pixels for the page's size in points: 1 pt on the PDF is 1 pt on paper
            target = QRectF(0, 0, points.width() / 72 * device_dpi, points.height() / 72 * device_dpi)
            painter.drawImage(target, image)
            printed += 1
    finally:
        painter.end()
    return printed


class PdfPreview(QDialog):
    """Shows one PDF; 打印… opens the print dialog; 另存为… copies the file."""

    def __init__(self, path: Path, title: str, parent=None):
        super().__init__(parent)
        self.path = Path(path)
        self.setWindowTitle(tr("meetings", "预览：{0}").format(title))
        self.resize(820, 900)
        self.document = QPdfDocument(self)
        self.document.load(str(self.path))
        # Kept for the dialog's life: a print dialog on a temporary QPrinter crashes.
        self.printer = a4_printer(QPrinter(QPrinter.PrinterMode.HighResolution))
        self.view = QPdfView(self)
        self.view.setObjectName("pdf_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pages = QLabel(tr("meetings", "共 {0} 页 · A4").format(self.document.pageCount()))
        self.pages.setObjectName("preview_pages")
        print_button = QPushButton(tr("meetings", "打印… (Ctrl+P)"))
        print_button.setShortcut("Ctrl+P")
        print_button.clicked.connect(self.ask_print)
        save = QPushButton(tr("meetings", "另存为…"))
        save.clicked.connect(self.save_as)
        close = QPushButton(tr("meetings", "关闭"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pages)
        buttons.addStretch(1)
        for button in (print_button, save, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def ask_print(self) -> None:
        dialog = QPrintDialog(self.printer, self)
        dialog.setMinMax(1, max(self.document.pageCount(), 1))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        first, last = 0, self.document.pageCount() - 1
        if dialog.printRange() == QPrintDialog.PrintRange.PageRange:
            first, last = dialog.fromPage() - 1, dialog.toPage() - 1
        self.print_to(a4_printer(self.printer), first, last)

    def print_to(self, printer: QPrinter, first: int = 0, last: int | None = None) -> int:
        try:
            return print_document(self.document, printer, first, last)
        except BranchDeskError as error:
            show_error(self, error, tr("meetings", "打印失败"))
            return 0

    def save_as(self) -> None:
        target, _ = QFileDialog.getSaveFileName(self, tr("meetings", "另存为"), str(Path.home() / self.path.name),
                                                tr("meetings", "PDF 文件 (*.pdf)"))
        if not target:
            return
        try:
            from branchdesk.fileio import write_bytes_atomic

            write_bytes_atomic(Path(target), self.path.read_bytes())
        except OSError as error:
            show_error(self, error, tr("meetings", "保存失败"))
            return
        QMessageBox.information(self, tr("meetings", "已保存"), tr("meetings", "已保存到\n{0}").format(target))

    def closeEvent(self, event) -> None:
        self.document.close()
        super().closeEvent(event)



