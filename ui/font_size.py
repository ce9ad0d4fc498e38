"""The window's font size for older eyes (issue 13): 正常 / 大 / 特大, chosen in 设置 or
the 查看 menu (Ctrl+= and Ctrl+-), applied to every open window at once and
remembered per user in QSettings — not in the archive: it belongs to the person at this
computer, not to the branch's records (docs/design.md §3, rule 10)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QApplication, QHeaderView, QListWidget, QTableView

from .text import tr
from .toolkit.row_size import ROW_HEIGHT, row_height
from .toolkit.styles import NAV_ITEM_PADDING

SETTING = "view/font_size"
# key -> (label, factor of the normal size); in order from small to large
FONT_SIZES = {
    "normal": (tr("font_size", "正常"), 1.0),
    "large": (tr("font_size", "大"), 1.2),
    "larger": (tr("font_size", "特大"), 1.4),
}
DEFAULT = "normal"
_BASE_PROPERTY = "branchdesk_base_point_size"
_COLUMN_SCALE = "branchdesk_column_scale"  # the font factor a table's column widths are set for
_NAV_WIDTH = "branchdesk_nav_width"  # the page list's width as the main window made it
NAVIGATION = "navigation"  # the main window's page list (its objectName)


class FontSizeSignals(QObject):
    changed = Signal(str)


# One per process, like the application whose font it changes: the 查看 menu and 设置 follow it.
signals = FontSizeSignals()


def settings() -> QSettings:
    return QSettings("BranchDesk", "BranchDesk")


def saved_size(store: QSettings | None = None) -> str:
    value = str((store or settings()).value(SETTING, DEFAULT))
    return value if value in FONT_SIZES else DEFAULT


def current_size() -> str:
    app = QApplication.instance()
    value = app.property("branchdesk_font_size") if app is not None else None
    return value if value in FONT_SIZES else DEFAULT


def _base_point_size(app) -> float:
    base = app.property(_BASE_PROPERTY)
    if not base:
        base = app.font().pointSizeF()
        app.setProperty(_BASE_PROPERTY, base)
    return float(base)


def apply_font_size(key: str, remember: bool = True, store: QSettings | None = None,
                    fitting_style: bool = True) -> None:
    """Show every window of the application at font size ``key`` (and remember it);
    ``fitting_style=False`` leaves the style for later (the window's first paint)."""
    key = key if key in FONT_SIZES else DEFAULT
    app = QApplication.instance()
    if fitting_style:
        from .toolkit.fitting_style import install_fitting_style

        install_fitting_style(app)
    font = app.font()
    font.setPointSizeF(round(_base_point_size(app) * FONT_SIZES[key][1], 1))
    app.setProperty("branchdesk_font_size", key)
    app.setFont(font)
    for view in app.allWidgets():
        if view.styleSheet():
            # A widget with a style sheet of its own (the page list, the 首页's banners) keeps
            # the font it was polished with when the application's changes: polished again,
            # it takes the new one.
            view.setStyleSheet(view.styleSheet())
        if isinstance(view, QTableView):
            fit_table(view)
        elif isinstance(view, QListWidget) and view.objectName() == NAVIGATION:
            fit_navigation(view)
    if remember:
        store = store or settings()
        store.setValue(SETTING, key)
        store.sync()  # now, not whenever the settings object is destroyed (branchdesk/start_collector.py)
    signals.changed.emit(key)


def fit_table(view: QTableView) -> None:
    """Rows as tall as one line of the current font needs, and columns (set in pixels for
    the normal size) widened in proportion, so dates and names are not cut at 特大."""
    header = view.verticalHeader()
    if header.defaultSectionSize() >= ROW_HEIGHT:
        header.setDefaultSectionSize(row_height())
    factor = FONT_SIZES[current_size()][1]
    before = float(view.property(_COLUMN_SCALE) or 1.0)
    if abs(factor - before) < 0.01:
        return
    columns = view.horizontalHeader()
    for column in range(columns.count()):
        if columns.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive:
            view.setColumnWidth(column, round(view.columnWidth(column) * factor / before))
    view.setProperty(_COLUMN_SCALE, factor)


def fit_navigation(nav: QListWidget) -> None:
    """The page list wide enough for its longest page name at the application's font (its
    style sheet is polished again by ``apply_font_size``: it stayed at 10.5 pt at 特大). Its
    width, fixed by the main window, only grows: never narrower than the window made it."""
    base = nav.property(_NAV_WIDTH)
    if not base:
        base = nav.maximumWidth()
        nav.setProperty(_NAV_WIDTH, base)
    metrics = nav.fontMetrics()
    widest = max((metrics.horizontalAdvance(nav.item(row).text()) for row in range(nav.count())), default=0)
    # both paddings, the frame, and a scroll bar in case the rows outgrow the height
    needed = widest + 2 * NAV_ITEM_PADDING[1] + 2 * nav.frameWidth() + nav.verticalScrollBar().sizeHint().width()
    nav.setFixedWidth(max(int(base), needed))


def fit_tables(root) -> None:
    """``fit_table`` for every table of a page built after the size was chosen. A page that
    lists its tables itself (``tables()``: the 首页, painted at the window's start) is not
    searched: ``findChildren`` hands every widget, text document and model of the page to
    Python, a dozen more Qt classes built and 0.5 MiB before the first paint
    (docs/tech-notes.md "Window start")."""
    listed = getattr(root, "tables", None)
    for view in listed() if callable(listed) else root.findChildren(QTableView):
        fit_table(view)


def step(by: int) -> str:
    """One size larger (``by`` 1) or smaller (-1) than now; the new size."""
    keys = list(FONT_SIZES)
    index = min(max(keys.index(current_size()) + by, 0), len(keys) - 1)
    apply_font_size(keys[index])
    return keys[index]
