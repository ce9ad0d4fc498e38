"""The 查看 menu of the main window: the font size (正常 / 大 / 特大), also with Ctrl+=
(larger), Ctrl+- (smaller) and Ctrl+0 (正常). See ui/font_size.py."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from . import font_size
from .text import tr


class FontSizeChoices(QActionGroup):
    """The 字号 choices of one window; follows a change made elsewhere (设置, another window)
    for as long as the window lives."""

    def __init__(self, window):
        super().__init__(window)
        self.setExclusive(True)
        self.by_key: dict[str, QAction] = {}

    def show_size(self, key: str) -> None:
        self.by_key[key].setChecked(True)


def install_view_menu(window: QMainWindow) -> QMenu:
    menu = window.menuBar().addMenu(tr("view", "查看(&V)"))
    menu.setObjectName("view_menu")
    larger = QAction(tr("view", "字号放大"), window)
    larger.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++"), QKeySequence.StandardKey.ZoomIn])
    larger.triggered.connect(lambda: font_size.step(1))
    smaller = QAction(tr("view", "字号缩小"), window)
    smaller.setShortcuts([QKeySequence("Ctrl+-"), QKeySequence.StandardKey.ZoomOut])
    smaller.triggered.connect(lambda: font_size.step(-1))
    menu.addAction(larger)
    menu.addAction(smaller)
    menu.addSeparator()
    group = FontSizeChoices(window)
    choices = group.by_key
    for key, (label, _) in font_size.FONT_SIZES.items():
        action = QAction(tr("view", "字号：{0}").format(label), window, checkable=True)
        action.setObjectName(f"font_size_{key}")
        if key == font_size.DEFAULT:
            # the list form: choosing among setShortcut's overloads builds all of Qt's enums
            # (ui/toolkit/by_name.py), and this menu is made at every start
            action.setShortcuts([QKeySequence("Ctrl+0")])
        action.triggered.connect(lambda _=False, k=key: font_size.apply_font_size(k))
        group.addAction(action)
        menu.addAction(action)
        choices[key] = action
    choices[font_size.current_size()].setChecked(True)
    font_size.signals.changed.connect(group.show_size)
    window.font_size_actions = choices
    return menu
