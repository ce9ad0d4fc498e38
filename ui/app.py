"""Starting the window: Qt application, fonts, the archive, first-run wizard, screenshot mode."""

from __future__ import annotations

import logging
import os
import sys

from branchdesk import __version__, start_collector
from branchdesk.archive import Archive
from branchdesk.errors import BranchDeskError
from branchdesk.logs import log_to


def _prepare_platform(screenshot: bool) -> None:
    # A screenshot needs no screen: fall back to the offscreen platform when there is none.
    if screenshot and not os.environ.get("QT_QPA_PLATFORM") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or sys.platform in ("win32", "darwin")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _read_sources_quicker() -> None:
    """PySide6 asks, of every module imported after it, whether its source mentions
    "PySide6" (its ``__feature__`` switching), through ``inspect.getsource``, which keeps
    every line of every such module in ``linecache`` for the life of the process: about
    3 MiB and tens of milliseconds at start (docs/tech-notes.md "Window start"). The
    same question answered from the file's bytes, with nothing kept; PySide6 versions
    without the hook are left alone."""
    import PySide6  # noqa: F401  (loads the hook's module)

    feature = sys.modules.get("PySide6.support.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return

    def uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return False  # compiled or built in: inspect.getsource finds no source either
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return False

    feature._mod_uses_pyside = uses_pyside


def make_application(fitting_style: bool = True):
    """The application, in Chinese, with the UI font and the user's font size; the window's
    own start passes ``fitting_style=False`` and installs the style when a page needs it
    (ui/toolkit/fitting_style.py)."""
    _read_sources_quicker()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from .font_size import apply_font_size, saved_size
    from .fonts import ensure_cjk_font
    from .translations import install_qt_chinese

    app = QApplication.instance() or QApplication(sys.argv[:1])
    # The program's start ends at the first turn of an event loop: the main window's, or a
    # dialog's that waits for the user (branchdesk/start_collector.py).
    QTimer.singleShot(0, start_collector.release)
    # Before any window: Qt's own buttons, dialogs and menus in Chinese.
    install_qt_chinese(app)
    app.setOrganizationName("BranchDesk")
    app.setApplicationName("BranchDesk")
    app.setApplicationVersion(__version__)
    # The taskbar and title-bar icon; the desktop entry's name lets Wayland match the window to it.
    app.setWindowIcon(window_icon())
    app.setDesktopFileName("branchdesk")
    ensure_cjk_font(app)
    # The user's font size from the first window on (the wizard too).
    apply_font_size(saved_size(), remember=False, fitting_style=fitting_style)
    install_exception_hooks()
    return app


def window_icon():
    """The program's icon from its drawings at each size (resources/icons/hicolor, the same
    the Linux package installs), each read when first drawn. The SVG would load Qt's SVG
    icon plugin and library at start: 1.5 MiB more at the first paint (docs/tech-notes.md
    "Window start"); it stays the fallback should the drawings be missing."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    from branchdesk.resources import ICON_SVG, RESOURCES

    icon = QIcon()
    for drawing in sorted((RESOURCES / "icons" / "hicolor").glob("*/apps/branchdesk.png")):
        side = int(drawing.parent.parent.name.split("x")[0])
        icon.addFile(str(drawing), QSize(side, side))
    return icon if not icon.isNull() else QIcon(str(ICON_SVG))


def install_exception_hooks() -> None:
    """An exception that escapes a Qt slot would otherwise vanish (no console on
    Windows): log it and show it with its details and a copy button."""
    import threading

    log = logging.getLogger("branchdesk.ui")

    def on_main_thread(kind, error, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        log.error("unhandled error", exc_info=(kind, error, tb))
        from PySide6.QtWidgets import QApplication

        from .errors import show_error

        if QApplication.instance() is not None and error is not None:
            show_error(QApplication.activeWindow(), error.with_traceback(tb))

    def on_other_thread(hook_args) -> None:
        log.error("unhandled error in a thread", exc_info=(hook_args.exc_type, hook_args.exc_value, hook_args.exc_traceback))

    sys.excepthook = on_main_thread
    threading.excepthook = on_other_thread


def open_archive_interactively(args, take_over_lock: bool = False):
    """Open the archive, asking the user where a decision is needed: restore the
    newest good backup of a damaged or missing file, or take over a lock left behind."""
    from branchdesk.errors import ArchiveMissing, DamagedArchive

    start_new = False
    while True:
        try:
            archive = Archive.open(
                args.data_dir, args.db_url, read_only=args.read_only, take_over_lock=take_over_lock, start_new=start_new
            )
        except (DamagedArchive, ArchiveMissing) as lost:
            if args.screenshot:
                _report(args, lost)
                return None
            choice = _ask_restore(lost)
            if choice == "restore" and _restore_and_tell(args, lost.offered.path):
                continue
            if choice == "new":
                start_new = True
                continue
            return None
        except (BranchDeskError, OSError) as error:
            _report(args, error)
            return None
        if archive.read_only and archive.lock_holder is not None and not args.read_only and not args.screenshot:
            from PySide6.QtWidgets import QMessageBox

            box = QMessageBox(QMessageBox.Icon.Information, "档案库正在被使用", archive.read_only_reason)
            read = box.addButton("只读打开", QMessageBox.ButtonRole.AcceptRole)
            take = None
            if archive.can_take_over:
                box.setInformativeText(
                    "可以只读查看。只有确认那台电脑上的 BranchDesk 已经关闭（例如断电后没有再打开）时，才可以接管。"
                )
                take = box.addButton("接管并编辑", QMessageBox.ButtonRole.DestructiveRole)
            else:
                box.setInformativeText("它仍在本机运行：请切换到那个窗口编辑，或先把它关闭。现在可以只读查看。")
            box.setDefaultButton(read)
            box.exec()
            if take is not None and box.clickedButton() is take:
                archive.close(auto_backup=False)
                take_over_lock = True
                continue
        return archive


def _ask_restore(lost) -> str:
    """'restore', 'new' (only for a missing file) or '' to quit."""
    from PySide6.QtWidgets import QMessageBox

    from branchdesk.errors import ArchiveMissing

    box = QMessageBox(QMessageBox.Icon.Warning, "档案库需要恢复", lost.message())
    restore = box.addButton("从备份恢复", QMessageBox.ButtonRole.AcceptRole) if lost.offered is not None else None
    new = box.addButton("新建空档案库", QMessageBox.ButtonRole.DestructiveRole) if isinstance(lost, ArchiveMissing) else None
    box.addButton("退出", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    return "restore" if clicked is restore and restore else "new" if clicked is new and new else ""


def _restore_and_tell(args, backup_path) -> bool:
    from PySide6.QtWidgets import QMessageBox

    from branchdesk.safety import restore as restore_mod

    from .errors import show_error

    try:
        result = restore_mod.restore(args.data_dir, backup_path, db_url=args.db_url)
    except BranchDeskError as error:
        show_error(None, error, "恢复失败")
        return False
    QMessageBox.information(None, "恢复完成", result.message())
    return True


def _report(args, error: Exception) -> None:
    from .errors import message_for, show_error

    if args.screenshot:
        print(f"错误：{message_for(error)}", file=sys.stderr)
    else:
        show_error(None, error, "无法打开档案库")


def demo_folder(real_root) -> os.PathLike:
    """Where the try-out demo lives, next to (never inside) the real archive."""
    from pathlib import Path

    return Path(real_root).parent / (Path(real_root).name + "-demo")


def run(args) -> int:
    _prepare_platform(bool(args.screenshot))
    app = make_application(fitting_style=False)

    from PySide6.QtCore import QTimer

    from .main_window import MainWindow

    building_demo = False
    while True:
        archive = open_archive_interactively(args)
        if archive is None:
            return 1
        _log_to(archive)
        pending_restore = None
        try:
            if building_demo and not archive.is_initialised():
                from branchdesk.demo import build_demo

                build_demo(archive)
            if not archive.is_initialised():
                if args.screenshot or archive.read_only:
                    print("错误：档案库还没有建立支部信息，请先运行 branchdesk init 或 branchdesk demo。", file=sys.stderr)
                    return 1
                from .toolkit.fitting_style import install_fitting_style
                from .wizard import FirstRunWizard  # only on a first start

                install_fitting_style(app)
                wizard = FirstRunWizard(archive)
                if wizard.exec() != FirstRunWizard.DialogCode.Accepted:
                    return 0
                if wizard.demo_requested:
                    # The demo lives in its own folder: the real archive stays empty and clean.
                    archive.close(auto_backup=False)
                    args.data_dir, args.db_url = str(demo_folder(archive.layout.root)), None
                    building_demo = True
                    continue
            session = archive.access.session()
            if not args.screenshot and session.locked():
                from .access import ask_to_unlock

                if not ask_to_unlock(None, session, explanation="请输入应用密码打开档案库。"):
                    return 0
            # A screenshot is the window as it first appears (bench/startup.py times it).
            window = MainWindow(archive, session=session, quick_start=True)
            if args.page:
                if args.page not in window.page_keys:
                    print(f"错误：没有名为 {args.page} 的页面，可用：{', '.join(window.page_keys)}", file=sys.stderr)
                    return 2
                window.show_page(args.page)
                window.after_first_paint()  # a page asked for by name is shown whole (the 首页 with its to-dos)
            bundles = getattr(args, "bundles", None) or []
            if bundles and args.screenshot:
                window.show_page("intake")  # where the files would go; nothing is imported
            if args.screenshot:
                # the same picture whatever the screen's size and the size saved last time
                window.showNormal()
                window.resize(1100, 720)
                return _save_screenshot(app, window, args.screenshot)
            from .access import InactivityLock  # a screenshot has no idle lock

            idle_lock = InactivityLock(window, session)
            app.installEventFilter(idle_lock)
            # logging off or shutting down asks about unsaved edits too (or keeps drafts)
            app.commitDataRequest.connect(window.commit_session_data)
            window.show_as_placed()
            _after_first_paint(window)  # the 首页's to-dos and the seal check
            QTimer.singleShot(0, window.offer_drafts)  # what a power cut left unsaved last time
            if bundles:
                from .bundle_opening import open_bundles

                # Once the window is on screen, so the progress and questions have a parent.
                QTimer.singleShot(0, lambda shown=window, files=bundles: open_bundles(shown, files))
                args.bundles = []  # a reopen after a restore does not import them again
            app.exec()
            app.commitDataRequest.disconnect(window.commit_session_data)
            window.drafts.stop()
            app.removeEventFilter(idle_lock)
            # The archive closes next: the lock must not look at it again, nor the window's pages.
            idle_lock.timer.stop()
            window.deleteLater()
            pending_restore = window.pending_restore
        finally:
            archive.close()
        if pending_restore is None:
            return 0
        _restore_and_tell(args, pending_restore)


def _after_first_paint(window, at_the_latest_ms: int = 1000) -> None:
    """``window.after_first_paint()`` on the event loop's turn after the window's first
    paint, so the window is on screen before the slower reads; at the latest after
    ``at_the_latest_ms`` (a window started minimised may not paint)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        done = False

        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, self, self.finish)
            return False

        def finish(self) -> None:
            if not self.done:
                self.done = True
                window.removeEventFilter(self)
                window.after_first_paint()

    watcher = FirstPaint(window)
    window.installEventFilter(watcher)
    QTimer.singleShot(at_the_latest_ms, watcher, watcher.finish)  # gone with the window


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
    # A read-only folder (a write-protected stick, a CD) keeps no log file.
    log_to(archive.layout.log_file)
