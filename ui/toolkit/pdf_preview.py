"""Preview of a paper's PDF, and printing it (ui/toolkit/printing.py); opened for every paper
through ui/toolkit/paper_preview.py.

The dialog fits the screen it opens on (1024×768 included): the pages take what room is
left, with zoom, 适合宽度 / 整页 and page navigation above them and 打印 / 另存为 PDF /
关闭 below."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, QRect, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from branchdesk.errors import BranchDeskError

from ..errors import show_error
from ..text import tr
from .exporting import ask_export_path, tell_exported
from .printing import a4_printer, installed_printers, print_pdf

# What the dialog would like (an A4 page at a readable size), shrunk to fit the screen.
PREFERRED_WIDTH, PREFERRED_HEIGHT = 820, 900
ZOOM_STEP, ZOOM_MIN, ZOOM_MAX = 1.25, 0.25, 4.0


def screen_room(widget) -> QRect:
    """The part of the widget's screen that windows may use (without the task bar)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def _button(text: str, slot, name: str, tip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    if tip:
        button.setToolTip(tip)
    button.clicked.connect(lambda _=False: slot())
    return button


class PdfPreview(QDialog):
    """Shows one PDF; 打印… opens the print dialog (or, with no printer installed, offers
    to save a PDF instead); 另存为 PDF… copies the file into the exports folder."""

    def __init__(self, path: Path, title: str, parent=None, archive=None, file_name: str = ""):
        super().__init__(parent)
        self.path = Path(path)
        self.archive = archive
        self.file_name = file_name or self.path.name
        self.title = title
        self.setWindowTitle(tr("preview", "预览：{0}").format(title))
        self.document = QPdfDocument(self)
        self.document.load(str(self.path))
        # Kept for the dialog's life: a print dialog on a temporary QPrinter crashes.
        self.printer = a4_printer(QPrinter(QPrinter.PrinterMode.HighResolution))
        self.view = QPdfView(self)
        self.view.setObjectName("pdf_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.navigator = self.view.pageNavigator()

        self.pages = QLabel()
        self.pages.setObjectName("preview_pages")
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("preview_zoom")
        self.buttons = {
            "previous": _button(tr("preview", "上一页"), self.previous_page, "preview_previous", "PgUp"),
            "next": _button(tr("preview", "下一页"), self.next_page, "preview_next", "PgDn"),
            "zoom_out": _button(tr("preview", "缩小"), self.zoom_out, "preview_zoom_out", "Ctrl+-"),
            "zoom_in": _button(tr("preview", "放大"), self.zoom_in, "preview_zoom_in", "Ctrl++"),
            "fit_width": _button(tr("preview", "适合宽度"), self.fit_width, "preview_fit_width"),
            "whole_page": _button(tr("preview", "整页"), self.whole_page, "preview_whole_page"),
            "print": _button(tr("preview", "打印… (Ctrl+P)"), self.ask_print, "preview_print"),
            "save": _button(tr("preview", "另存为 PDF…"), self.save_as, "preview_save"),
            "close": _button(tr("preview", "关闭"), self.accept, "preview_close"),
        }
        for key in ("fit_width", "whole_page"):
            self.buttons[key].setCheckable(True)
        self._shortcuts()

        views = QHBoxLayout()
        for key in ("previous", "next"):
            views.addWidget(self.buttons[key])
        views.addWidget(self.pages)
        views.addStretch(1)
        for key in ("zoom_out", "zoom_in"):
            views.addWidget(self.buttons[key])
        views.addWidget(self.zoom_label)
        for key in ("fit_width", "whole_page"):
            views.addWidget(self.buttons[key])
        actions = QHBoxLayout()
        actions.addWidget(QLabel(tr("preview", "共 {0} 页 · A4").format(self.document.pageCount())))
        actions.addStretch(1)
        for key in ("print", "save", "close"):
            actions.addWidget(self.buttons[key])
        layout = QVBoxLayout(self)
        layout.addLayout(views)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)

        self.navigator.currentPageChanged.connect(lambda _page: self._show_state())
        self.view.zoomFactorChanged.connect(lambda _factor: self._show_state())
        self.view.zoomModeChanged.connect(lambda _mode: self._show_state())
        self.view.viewport().installEventFilter(self)
        self._show_state()
        self.fit_to_screen()

    def _shortcuts(self) -> None:
        keys = {
            "previous": [QKeySequence(Qt.Key.Key_PageUp)],
            "next": [QKeySequence(Qt.Key.Key_PageDown)],
            "zoom_in": [QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")],
            "zoom_out": [QKeySequence("Ctrl+-")],
            "print": [QKeySequence("Ctrl+P")],
        }
        for key, sequences in keys.items():
            for sequence in sequences:
                shortcut = QShortcut(sequence, self)
                shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
                shortcut.activated.connect(self.buttons[key].click)

    def fit_to_screen(self) -> None:
        """At most the preferred size, never more than the screen's free room (the window
        frame included), centred on it."""
        room = screen_room(self)
        frame_w, frame_h = 16, 40  # title bar and borders, which the window manager adds
        width = min(PREFERRED_WIDTH, room.width() - frame_w)
        height = min(PREFERRED_HEIGHT, room.height() - frame_h)
        self.setMaximumSize(room.width() - frame_w, room.height() - frame_h)
        self.resize(width, height)
        self.move(room.x() + (room.width() - width - frame_w) // 2, room.y() + (room.height() - height - frame_h) // 2)

    # -- views ------------------------------------------------------------------------
    def current_page(self) -> int:
        return self.navigator.currentPage()

    def go_to(self, page: int) -> None:
        page = max(0, min(page, self.document.pageCount() - 1))
        self.navigator.jump(page, QPointF(), self.navigator.currentZoom())
        self._show_state()

    def previous_page(self) -> None:
        self.go_to(self.current_page() - 1)

    def next_page(self) -> None:
        self.go_to(self.current_page() + 1)

    def zoom_in(self) -> None:
        self._zoom(self.view.zoomFactor() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom(self.view.zoomFactor() / ZOOM_STEP)

    def _zoom(self, factor: float) -> None:
        if self.view.zoomMode() != QPdfView.ZoomMode.Custom:
            factor = self._shown_factor() * (factor / max(self.view.zoomFactor(), 0.01))
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(ZOOM_MIN, min(ZOOM_MAX, factor)))

    def _shown_factor(self) -> float:
        """The zoom the view shows now, also in 适合宽度 / 整页 (which keep factor 1)."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom or self.document.pageCount() == 0:
            return self.view.zoomFactor()
        points = self.document.pagePointSize(self.current_page())
        dpi = self.logicalDpiX() or 96
        page_w, page_h = points.width() / 72 * dpi, points.height() / 72 * dpi
        room = self.view.viewport().size()
        margins = self.view.documentMargins()
        width = room.width() - margins.left() - margins.right()
        height = room.height() - margins.top() - margins.bottom()
        if self.view.zoomMode() == QPdfView.ZoomMode.FitToWidth:
            return width / page_w
        return min(width / page_w, height / page_h)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._show_state()

    def whole_page(self) -> None:
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.go_to(self.current_page())

    def _show_state(self) -> None:
        count = max(self.document.pageCount(), 1)
        page = self.current_page()
        self.pages.setText(tr("preview", "第 {0} / {1} 页").format(page + 1, count))
        self.buttons["previous"].setEnabled(page > 0)
        self.buttons["next"].setEnabled(page < count - 1)
        mode = self.view.zoomMode()
        self.buttons["fit_width"].setChecked(mode == QPdfView.ZoomMode.FitToWidth)
        self.buttons["whole_page"].setChecked(mode == QPdfView.ZoomMode.FitInView)
        self.zoom_label.setText(f"{round(self._shown_factor() * 100)}%")

    def eventFilter(self, watched, event) -> bool:
        # 适合宽度 and 整页 change the shown zoom whenever the pages' area changes size
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._show_state()
        return super().eventFilter(watched, event)

    # -- printing and saving ----------------------------------------------------------
    def ask_print(self) -> None:
        if not installed_printers():
            self.offer_pdf_instead()
            return
        dialog = QPrintDialog(self.printer, self)
        dialog.setMinMax(1, max(self.document.pageCount(), 1))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        first, last = 0, self.document.pageCount() - 1
        if dialog.printRange() == QPrintDialog.PrintRange.PageRange:
            first, last = dialog.fromPage() - 1, dialog.toPage() - 1
        self.print_to(a4_printer(self.printer), first, last)

    def offer_pdf_instead(self) -> bool:
        """No printer is installed: say so, and offer the save dialog in one click."""
        box = QMessageBox(self)
        box.setObjectName("no_printer")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(tr("preview", "没有打印机"))
        box.setText(tr("preview", "这台电脑上还没有安装打印机，所以现在不能打印。\n\n"
                                   "可以先另存为 PDF 文件，用 U 盘拷到有打印机的电脑上打印；"
                                   "或者请人安装好打印机后再点「打印」。"))
        save = box.addButton(tr("preview", "另存为 PDF…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(tr("preview", "取消"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.exec()
        if box.clickedButton() is save:
            return self.save_as() is not None
        return False

    def print_to(self, printer: QPrinter, first: int = 0, last: int | None = None) -> int:
        try:
            return print_pdf(self.path, self.document, printer, first, last, self.title)
        except BranchDeskError as error:
            show_error(self, error, tr("preview", "打印失败"))
            return 0

    def save_as(self) -> Path | None:
        target = ask_export_path(self, self.archive, tr("preview", "另存为 PDF"), self.file_name,
                                 tr("preview", "PDF 文件 (*.pdf)"))
        if not target:
            return None
        try:
            from branchdesk.fileio import write_bytes_atomic

            write_bytes_atomic(Path(target), self.path.read_bytes())
        except OSError as error:
            show_error(self, error, tr("preview", "保存失败"))
            return None
        tell_exported(self, tr("preview", "已保存"), tr("preview", "已保存到\n{0}").format(target), Path(target))
        return Path(target)

    def done(self, result: int) -> None:
        # The file is let go before ``finished`` (whose slot removes a temporary one):
        # Windows cannot remove a file that is still open.
        self.document.close()
        super().done(result)

    def closeEvent(self, event) -> None:
        self.document.close()
        super().closeEvent(event)
