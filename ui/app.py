"""Starting the window: Qt application, fonts, the archive, first-run wizard, screenshot mode."""

from __future__ import annotations

import logging
import os
import sys

from branchdesk import __version__
from branchdesk.archive import Archive
from branchdesk.errors import BranchDeskError


def _prepare_platform(screenshot: bool) -> None:
    # A screenshot needs no screen: fall back to the offscreen platform when there is none.
    if screenshot and not os.environ.get("QT_QPA_PLATFORM") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or sys.platform in ("win32", "darwin")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def make_application():
    from PySide6.QtWidgets import QApplication

    from .fonts import ensure_cjk_font

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("BranchDesk")
    app.setApplicationName("BranchDesk")
    app.setApplicationVersion(__version__)
    ensure_cjk_font(app)
    return app


def run(args) -> int:
    _prepare_platform(bool(args.screenshot))
    app = make_application()
    from .errors import show_error
    from .main_window import MainWindow
    from .wizard import FirstRunWizard

    try:
        archive = Archive.open(args.data_dir, args.db_url, read_only=args.read_only)
    except BranchDeskError as error:
        if args.screenshot:
            print(f"错误：{error.message()}", file=sys.stderr)
        else:
            show_error(None, error, "无法打开档案库")
        return 1
    _log_to(archive)
    try:
        if not archive.is_initialised():
            if args.screenshot or archive.read_only:
                print("错误：档案库还没有建立支部信息，请先运行 branchdesk init 或 branchdesk demo。", file=sys.stderr)
                return 1
            if FirstRunWizard(archive).exec() != FirstRunWizard.DialogCode.Accepted:
                return 0
        window = MainWindow(archive)
        if args.page:
            if args.page not in window.page_keys:
                print(f"错误：没有名为 {args.page} 的页面，可用：{', '.join(window.page_keys)}", file=sys.stderr)
                return 2
            window.show_page(args.page)
        if args.screenshot:
            window.resize(1100, 720)  # the same picture whatever size was saved last time
        window.show()
        if args.screenshot:
            return _save_screenshot(app, window, args.screenshot)
        return app.exec()
    finally:
        archive.close()


def _save_screenshot(app, window, path: str) -> int:
    from PySide6.QtCore import QTimer

    result = {"code": 1}

    def grab() -> None:
        window.repaint()
        ok = window.grab().save(path)
        result["code"] = 0 if ok else 1
        if not ok:
            print(f"错误：无法保存截图到 {path}", file=sys.stderr)
        app.quit()

    # The first event-loop turn after show() has laid out and painted the window.
    QTimer.singleShot(0, grab)
    app.exec()
    window.close()
    return result["code"]


def _log_to(archive) -> None:
    handler = logging.FileHandler(archive.layout.root / "branchdesk.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger("branchdesk").addHandler(handler)
    logging.getLogger("branchdesk").setLevel(logging.INFO)
