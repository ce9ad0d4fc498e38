"""The main window: a thin shell of navigation and pages."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from branchdesk import __version__

from . import font_size
from .help import install_help
from .pages import pages_for
from .text import tr
from .toolkit import styles
from .toolkit.drafting import DraftKeeper, offer_drafts
from .toolkit.fitting import ElidedLabel, page_scroller
from .toolkit.unsaved import ask_before_leaving
from .view_menu import install_view_menu
from .window_place import place, remember

NAV_WIDTH = 140
# which page restores a draft of which kind (ui/toolkit/drafting.py)
DRAFT_PAGES = {"meeting": "meetings", "life": "life", "appraisal": "life", "settings": "settings",
               "inspection": "targets", "dues": "dues", "recruit": "recruit"}


def archive_place(archive) -> str:
    """Where the archive is, as the secretary chose it: the folder (not the database file
    inside it), or the PostgreSQL server and database."""
    return archive.location if archive.url else str(archive.layout.root)


def _install_fitting_style() -> None:
    from .toolkit.fitting_style import install_fitting_style

    install_fitting_style(QApplication.instance())


class MainWindow(QMainWindow):
    def __init__(self, archive, settings: QSettings | None = None, session=None, quick_start: bool = False):
        super().__init__()
        self.archive = archive
        # The program's start (ui.app): the first page paints what it can at once and
        # leaves its slower reads for after_first_paint (docs/tech-notes.md "Window start").
        self.quick_start = quick_start
        # The unlock state of this window (app password, sensitive-text gate); pages read it.
        self.session = session or archive.access.session()
        self.pending_restore = None
        self.qsettings = settings or QSettings("BranchDesk", "BranchDesk")
        # The user's font size (and the style that keeps long texts from widening windows)
        # before the first widget is made.
        font_size.apply_font_size(font_size.saved_size(self.qsettings), remember=False, fitting_style=not quick_start)
        self.mode = archive.mode
        if self.mode == "upper":
            title = f"BranchDesk 上级汇总 — {archive.upper.organisation()['name']}"
        else:
            title = f"BranchDesk 党支部工作台 — {archive.branch.own().name}"
        if archive.read_only:
            title += tr("main", "（只读）")
        if archive.settings.get("archive.is_demo", False):
            title += tr("main", "【演示数据，人物均为虚构】")
        self.setWindowTitle(title)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(NAV_WIDTH)
        self.nav.setStyleSheet(styles.NAVIGATION)
        self.stack = QStackedWidget()
        # Pages are built the first time they are shown: start-up stays fast.
        self.pages: dict[str, QWidget] = {}
        self.page_keys: list[str] = []
        self._factories = {}
        for number, (key, label, factory) in enumerate(pages_for(self.mode), start=1):
            self._factories[key] = factory
            self.page_keys.append(key)
            self.stack.addWidget(QWidget())
            self.nav.addItem(tr("main", label))
            if number <= 9:  # Alt+1 … Alt+9 jump between pages
                QShortcut(QKeySequence(f"Alt+{number}"), self, activated=lambda n=number - 1: self.nav.setCurrentRow(n))
        self._shown_row = -1  # the page on screen; the navigation may already point elsewhere
        self.nav.currentRowChanged.connect(self._show_page)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        # Words a secretary reads (the archive's folder, 版本), not a database file: the
        # database's whole path is in the tool tip. A deep folder never widens the window: it
        # is cut in its middle, and the version beside it stays whole.
        self.place_label = ElidedLabel(tr("main", "档案库：{0}").format(archive_place(archive)), cut_in_middle=True)
        self.place_label.setToolTip(tr("main", "档案数据：{0}").format(archive.location))
        self.version_label = QLabel(tr("main", "版本 {0}").format(__version__))
        self.statusBar().addPermanentWidget(self.place_label, 1)
        self.statusBar().addPermanentWidget(self.version_label)
        self.help_dialog = None
        install_view_menu(self)
        install_help(self)  # 帮助 menu, last as in every program: 使用说明 (F1, at the current page's section) and 关于
        self.opens_maximised = place(self, self.qsettings)
        self.nav.setCurrentRow(0)
        self._keep_drafts_of_edits()

    def show_as_placed(self) -> None:
        """Show the window as ``window_place`` decided: maximised on a small screen or when
        it was left maximised (``showMaximized`` sets the state on Qt's side, see
        ``window_place.place``), otherwise where and as large as it was placed."""
        if self.opens_maximised:
            self.showMaximized()
        else:
            self.show()

    def _page(self, key: str) -> QWidget:
        page = self.pages.get(key)
        if page is None:
            if key != self.page_keys[0]:
                _install_fitting_style()  # the 首页 paints first without it
            page = self._factories[key](self.archive, self)
            page.setObjectName(f"page_{key}")
            index = self.page_keys.index(key)
            stand_in = self.stack.widget(index)
            font_size.fit_tables(page)
            self.stack.insertWidget(index, page_scroller(page))
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
            self.pages[key] = page
            return page
        refresh = getattr(page, "refresh", None)
        if refresh is not None:
            refresh()
        return page

    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        leaving = self.pages.get(self.page_keys[self._shown_row]) if 0 <= self._shown_row != row else None
        if leaving is not None and not ask_before_leaving(self, [leaving]):
            # 取消 (or a refused save): the page and its edits stay, and so does the navigation
            self._point_navigation_at(self._shown_row)
            return
        self._shown_row = row
        self._page(self.page_keys[row])
        self.stack.setCurrentIndex(row)

    def _point_navigation_at(self, row: int) -> None:
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(row)
        self.nav.blockSignals(False)

    def _reveal(self, page) -> None:
        """Bring ``page`` forward without asking (its save was refused; its errors show)."""
        for key, built in self.pages.items():
            if built is page:
                row = self.page_keys.index(key)
                self._point_navigation_at(row)
                self._shown_row = row
                self.stack.setCurrentIndex(row)

    def confirm_unsaved_changes(self) -> bool:
        """Ask about every page with edits; True when the window may go."""
        built = [self.pages[key] for key in self.page_keys if key in self.pages]
        return ask_before_leaving(self, built, reveal=self._reveal)

    def show_page(self, key: str) -> QWidget:
        self.nav.setCurrentRow(self.page_keys.index(key))
        return self._page(key) if key not in self.pages else self.pages[key]

    def after_first_paint(self) -> None:
        """The slower part of the start, once the window is on screen (ui.app arms it):
        each built page's ``after_first_paint`` (the 首页's to-dos and seal check)."""
        self.quick_start = False
        _install_fitting_style()
        for key in self.page_keys:
            finish = getattr(self.pages.get(key), "after_first_paint", None)
            if finish is not None:
                finish()

    def current_page_key(self) -> str:
        return self.page_keys[self.stack.currentIndex()]

    def request_restore(self, backup_path) -> None:
        """Close the window so the archive can be closed, restored and reopened (ui.app)."""
        self.pending_restore = backup_path
        if not self.close():  # 取消 on unsaved edits: no restore now, nor at the next close
            self.pending_restore = None

    # -- power-cut drafts (ui/toolkit/drafting.py) -----------------------------------
    def _keep_drafts_of_edits(self) -> None:
        self.drafts = DraftKeeper(self, lambda: [self.pages[k] for k in self.page_keys if k in self.pages])
        self.drafts.settled.connect(self.statusBar().clearMessage)  # 「已恢复…尚未保存」 no longer true
        self._closing_keeps_drafts = False

    def keep_drafts(self) -> None:
        self.drafts.keep()

    def offer_drafts(self) -> None:
        """At start: restore what an earlier session left unsaved (asks first)."""
        restored = offer_drafts(self, self.drafts, self._draft_page)
        if restored:
            self._reveal(restored[-1])
            # the restored typing is on screen but not in the archive yet: say so where it stays visible
            self.statusBar().showMessage(tr("main", "已恢复上次未保存的内容，尚未保存：请核对后点「保存」。"))

    def _draft_page(self, draft):
        key = DRAFT_PAGES.get(draft.kind)
        if key not in self.page_keys:
            return None
        # built without being shown: showing a page refreshes it, which would reload a
        # draft restored into it a moment ago
        return self.pages[key] if key in self.pages else self._page(key)

    def close_keeping_drafts(self) -> bool:
        """Close without the question, the edits kept as drafts for the next start (the
        idle lock was not unlocked: whoever is at the PC may neither save nor discard)."""
        self.keep_drafts()
        self._closing_keeps_drafts = True
        return self.close()

    def commit_session_data(self, manager) -> None:
        """Logging off or shutting down (QGuiApplication.commitDataRequest): the question
        when the session lets us ask, else drafts; 取消 asks the session to stay."""
        self.keep_drafts()
        if manager.allowsInteraction():
            go_on = self.confirm_unsaved_changes()
            manager.release()
            if not go_on:
                manager.cancel()
                return
            self.drafts.forget_all()

    def closeEvent(self, event) -> None:
        if self._closing_keeps_drafts:
            self.drafts.stop()
        elif not self.confirm_unsaved_changes():
            event.ignore()
            return
        else:
            self.drafts.forget_all()
            self.drafts.stop()
        remember(self, self.qsettings)
        # Background reads (the seal check) end before the archive is closed behind them.
        QThreadPool.globalInstance().waitForDone(3000)
        super().closeEvent(event)
