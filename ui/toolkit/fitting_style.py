"""The application's style that keeps drop-downs and menu buttons within a small screen
(issue 13, docs/design.md §5). A module of its own: touching ``QStyle`` from Python builds
its enums (hundreds of members, tens of milliseconds), which the window's first paint
does without; ``ui.main_window`` installs it after the first paint and before any page
other than the 首页 is built (docs/tech-notes.md "Window start")."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOptionToolButton

# A combo box's text never asks for more than this many characters (CJK, about 1 em each).
COMBO_MAX_EMS = 12


class FittingStyle(QProxyStyle):
    """The window's style with one change: a drop-down is never wider than
    ``COMBO_MAX_EMS`` characters because of what it lists (its text is cut with 「…」,
    and the list that opens shows every item whole); and a tool button whose menu opens
    at once has room for the menu's arrow beside its text."""

    def sizeFromContents(self, kind, option, contents: QSize, widget=None) -> QSize:
        if kind == QStyle.ContentsType.CT_ComboBox and widget is not None:
            cap = widget.fontMetrics().horizontalAdvance("国") * COMBO_MAX_EMS
            if contents.width() > cap:
                contents = QSize(cap, contents.height())
        elif kind == QStyle.ContentsType.CT_ToolButton and isinstance(option, QStyleOptionToolButton):
            # A button that opens its menu at once gets the menu's arrow drawn over its
            # text, and no room for it (「导出 PDF」 showed as 「导出 PD」): add the room.
            features = QStyleOptionToolButton.ToolButtonFeature
            if option.features & features.HasMenu and not option.features & features.MenuButtonPopup:
                indicator = self.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, option, widget)
                contents = QSize(contents.width() + indicator, contents.height())
        return super().sizeFromContents(kind, option, contents, widget)


def install_fitting_style(app) -> None:
    """Make ``FittingStyle`` the application's style (once)."""
    if not isinstance(app.style(), FittingStyle):
        style = FittingStyle(app.style().name())
        app.setStyle(style)
        app.setProperty("fitting_style_installed", True)
