"""Printing an exported PDF at true scale on A4.

QtPdf renders pages only to images, so there are two ways to paper (docs/tech-notes.md,
"Printing"): a CUPS queue (Linux, macOS) gets the PDF file itself through ``lp``, with
vector text, A4 and no scaling; any other printer (Windows, print to file) gets the pages
as images at the printer's own resolution (at most ``MAX_RENDER_DPI``), drawn band by
band so that a 1200-dpi page never sits in memory whole."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPoint, QRect, QRectF, QSize
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from branchdesk.errors import BranchDeskError

from ..text import tr

log = logging.getLogger("branchdesk.ui")

# 600 dpi is what office lasers print; finer adds spool size, not sharpness.
MAX_RENDER_DPI = 600
# A band of a page rendered at once: ~32 MB of pixels (A4 width at 600 dpi × 1400 rows).
BAND_PIXELS = 8_000_000
LP_TIMEOUT_S = 60


def installed_printers() -> list[str]:
    """Names of the printers the system knows (empty: none is installed)."""
    return [info.printerName() for info in QPrinterInfo.availablePrinters()]


def a4_printer(printer: QPrinter) -> QPrinter:
    """Full page A4, no margins: the PDF brings its own."""
    printer.setFullPage(True)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                      QMarginsF(0, 0, 0, 0)))
    return printer


def lp_program() -> str | None:
    """CUPS's ``lp`` where the platform prints through CUPS, else None."""
    if not sys.platform.startswith(("linux", "darwin", "freebsd")):
        return None
    return shutil.which("lp")


def cups_queue(printer: QPrinter) -> str | None:
    """The CUPS queue ``printer`` prints to, when the PDF can be handed to it as it is."""
    if printer.outputFormat() != QPrinter.OutputFormat.NativeFormat or lp_program() is None:
        return None
    name = printer.printerName()
    return name if name and name in installed_printers() else None


def lp_command(queue: str, pdf: Path, printer: QPrinter, first: int, last: int, pages: int, title: str) -> list[str]:
    """The ``lp`` call that prints pages ``first``..``last`` (0-based) of ``pdf`` on A4 at 1:1."""
    command = [lp_program() or "lp", "-d", queue, "-t", title, "-n", str(max(printer.copyCount(), 1)),
               "-o", "media=A4", "-o", "print-scaling=none", "-o", "fit-to-page=false"]
    if (first, last) != (0, pages - 1):
        command += ["-P", f"{first + 1}-{last + 1}"]
    if printer.collateCopies():
        command += ["-o", "collate=true"]
    sides = {QPrinter.DuplexMode.DuplexLongSide: "two-sided-long-edge",
             QPrinter.DuplexMode.DuplexShortSide: "two-sided-short-edge",
             QPrinter.DuplexMode.DuplexNone: "one-sided"}.get(printer.duplex())
    if sides:
        command += ["-o", f"sides={sides}"]
    return command + ["--", str(pdf)]


def send_to_cups(queue: str, pdf: Path, printer: QPrinter, first: int, last: int, pages: int, title: str) -> int:
    command = lp_command(queue, pdf, printer, first, last, pages, title)
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=LP_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        log.error("lp failed: %s: %s", command, error)
        raise BranchDeskError(tr("preview", "打印机“{0}”没有接收打印任务。请检查打印机是否开着、是否连接好，然后再试。")
                              .format(queue)) from error
    if done.returncode != 0:
        log.error("lp refused (%s): %s %s", done.returncode, command, done.stderr.strip())
        raise BranchDeskError(tr("preview", "打印机“{0}”没有接收打印任务。请检查打印机是否开着、是否连接好，然后再试。")
                              .format(queue))
    return last - first + 1


def print_images(document: QPdfDocument, printer: QPrinter, first: int, last: int) -> int:
    """Draw pages ``first``..``last`` as images at the printer's resolution, 1 pt on the
    PDF being 1 pt on paper."""
    painter = QPainter()
    if not painter.begin(printer):
        raise BranchDeskError(tr("preview", "无法开始打印：打印机没有准备好。请检查打印机是否连接、是否有纸。"))
    printed = 0
    try:
        device_dpi = printer.resolution()
        dpi = min(device_dpi, MAX_RENDER_DPI)
        for page in range(first, last + 1):
            if printed:
                printer.newPage()
            _draw_page(painter, document, page, dpi, device_dpi)
            printed += 1
    finally:
        painter.end()
    return printed


def _draw_page(painter: QPainter, document: QPdfDocument, page: int, dpi: int, device_dpi: int) -> None:
    points = document.pagePointSize(page)
    full = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
    band = max(1, BAND_PIXELS // max(full.width(), 1))
    scale = device_dpi / dpi  # image pixels to device pixels
    for top in range(0, full.height(), band):
        rows = min(band, full.height() - top)
        options = QPdfDocumentRenderOptions()
        options.setScaledSize(full)
        options.setScaledClipRect(QRect(QPoint(0, top), QSize(full.width(), rows)))
        image = document.render(page, QSize(full.width(), rows), options)
        painter.drawImage(QRectF(0, top * scale, full.width() * scale, rows * scale), image)


def print_pdf(pdf: Path, document: QPdfDocument, printer: QPrinter, first: int = 0, last: int | None = None,
              title: str = "") -> int:
    """Print pages ``first``..``last`` (0-based, inclusive) of ``pdf`` (loaded as
    ``document``) at true scale; returns how many pages were sent."""
    last = document.pageCount() - 1 if last is None else last
    queue = cups_queue(printer)
    if queue is not None:
        return send_to_cups(queue, Path(pdf), printer, first, last, document.pageCount(), title or Path(pdf).stem)
    return print_images(document, printer, first, last)
