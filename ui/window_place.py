"""Where the main window opens and how large (issue 13): a size that fits the screen —
maximised on the small screens branches have (1366×768, 1024×768), a comfortable size
in the middle of a large one — and, after the first time, where the user left it,
unless that place is no longer on any screen (a projector unplugged, a smaller monitor)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

GEOMETRY_KEY = "main/geometry"
MAXIMISED_KEY = "main/maximised"
# Where the window was (its normal, not maximised, frame), checked against today's screens
# before the saved geometry is used: Qt's own check moves a window only partly.
PLACE_KEY = "main/place"
# Screens up to this size open maximised: every pixel is needed there.
SMALL_SCREEN = (1366, 800)
# On a larger screen: this size (or less), centred.
COMFORTABLE = (1280, 860)


def available_areas() -> list[QRect]:
    """The usable part (without task bars) of every screen."""
    return [screen.availableGeometry() for screen in QGuiApplication.screens()]


def primary_area() -> QRect:
    screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 768)


def is_small(area: QRect) -> bool:
    return area.width() <= SMALL_SCREEN[0] or area.height() <= SMALL_SCREEN[1]


def default_geometry(area: QRect) -> QRect:
    """The comfortable size for ``area``, centred in it."""
    width = min(COMFORTABLE[0], area.width() * 9 // 10)
    height = min(COMFORTABLE[1], area.height() * 9 // 10)
    rect = QRect(0, 0, width, height)
    rect.moveCenter(area.center())
    return rect


def fits_a_screen(rect: QRect, areas: list[QRect]) -> bool:
    """True when ``rect`` lies mostly on one screen (its title bar reachable)."""
    for area in areas:
        title_bar = QPoint(rect.center().x(), rect.top() + 10)
        if area.contains(rect.center()) and area.contains(title_bar):
            return rect.width() <= area.width() and rect.height() <= area.height()
    return False


def place(window: QWidget, store: QSettings) -> bool:
    """Give ``window`` its opening size and place; True when it is to open maximised (a small
    screen, or left maximised last time). The caller shows it with ``showMaximized``, which
    sets the state on Qt's side: naming ``Qt.WindowState`` here would build all of Qt's enums
    at every start (ui/toolkit/by_name.py)."""
    areas = available_areas() or [primary_area()]
    saved, where = store.value(GEOMETRY_KEY), store.value(PLACE_KEY)
    if (saved is not None and isinstance(where, QRect) and fits_a_screen(where, areas)
            and window.restoreGeometry(saved)):
        return str(store.value(MAXIMISED_KEY, "false")).lower() == "true"
    area = primary_area()
    window.setGeometry(default_geometry(area))
    return is_small(area)


def remember(window: QWidget, store: QSettings) -> None:
    """Keep where ``window`` is (its normal size when maximised) for the next start."""
    store.setValue(GEOMETRY_KEY, window.saveGeometry())
    store.setValue(PLACE_KEY, window.normalGeometry())
    store.setValue(MAXIMISED_KEY, window.isMaximized())
    store.sync()  # now, not whenever the settings object is destroyed (branchdesk/start_collector.py)
