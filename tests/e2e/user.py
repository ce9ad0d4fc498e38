"""A user at the real window who counts what they do, and a driver that lets a journey be
written as one straight script even though the program shows modal dialogs.

Counting: each mouse click and each key press beyond the text typed is one action (typing a
name or a date is text; the Tab, Enter or arrow key after it is an action). Every action goes
through Qt's own input events (pytest-qt's mouse and key clicks), so a button that is hidden,
disabled or covered by a modal dialog cannot be "clicked".

Driving: ``drive(script)`` runs a generator from the event loop. The script ``yield``s a
condition (a function); it resumes, with the condition's value, once that is true. So a
step that opens a modal dialog or a menu (whose ``exec`` blocks) is done with
``opens=True`` — its event goes in once the script has yielded — and is followed by
``dialog = yield modal(SomeDialog)``; the script goes on inside it."""

from __future__ import annotations

import traceback

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QMenu,
    QTabWidget,
    QWidget,
)

from tests.helpers import pick_from_open_list, type_text

POLL_MS = 10
WAIT_LIMIT_MS = 30000


class CountingUser:
    def __init__(self, qtbot):
        self.qtbot = qtbot
        self.actions: list[str] = []  # what was done, in order: the count and its story

    @property
    def count(self) -> int:
        return len(self.actions)

    def story(self) -> str:
        return "\n".join(f"{n:2d}. {what}" for n, what in enumerate(self.actions, start=1))

    # -- the mouse ----------------------------------------------------------------
    def click(self, widget: QWidget, what: str = "", opens: bool = False) -> None:
        """One left click in the middle of a visible, enabled widget. ``opens``: it opens
        a dialog or a menu that waits for the user (the click lands once the script yields)."""
        self.click_at(widget, widget.rect().center(), what or _label(widget), opens)

    def click_at(self, widget: QWidget, pos, label: str, opens: bool = False) -> None:
        assert widget.isVisible(), f"clicked something not shown: {label}"
        assert widget.isEnabled(), f"clicked something disabled: {label}"
        blocker = QApplication.activePopupWidget() or QApplication.activeModalWidget()
        assert blocker is None or blocker is widget.window(), f"{label} is behind {blocker.windowTitle() or blocker}"
        self.actions.append(label)
        _act(lambda: self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos), opens)

    def click_tab(self, tabs: QTabWidget, index: int) -> None:
        bar = tabs.tabBar()
        self.click_at(bar, bar.tabRect(index).center(), f"页签「{tabs.tabText(index)}」")

    def click_menu_item(self, menu: QMenu, action: QAction, opens: bool = False) -> None:
        assert action.isVisible() and action.isEnabled(), f"the menu item 「{action.text()}」 cannot be used"
        self.click_at(menu, menu.actionGeometry(action).center(), f"菜单「{action.text()}」", opens)

    def click_cell(self, view: QAbstractItemView, row: int, column: int, what: str = "",
                   double: bool = False) -> None:
        index = view.model().index(row, column)
        view.scrollTo(index)
        centre = view.visualRect(index).center()
        self.actions.append(what or f"单元格（{row + 1}，{column + 1}）")
        if double:
            self.actions.append("（双击的第二下）")
            self.qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        else:
            self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)

    def choose(self, combo: QComboBox, text: str) -> None:
        """Open a drop-down and pick an entry: two clicks."""
        index = combo.findText(text)
        offered = [combo.itemText(i) for i in range(combo.count())]
        assert index >= 0, f"「{text}」 is not offered: {offered}"
        assert combo.isVisible() and combo.isEnabled(), f"the drop-down for 「{text}」 cannot be used"
        self.actions += [f"打开下拉（{combo.currentText()}）", f"选「{text}」"]
        combo.setCurrentIndex(index)
        combo.activated.emit(index)

    def pick(self, text: str) -> None:
        """Click an entry of the drop-down list already open (a grid's list opens on the
        click on its cell): one click."""
        self.actions.append(f"选「{text}」")
        pick_from_open_list(text)

    # -- the keyboard --------------------------------------------------------------
    def press(self, key: Qt.Key, widget: QWidget | None = None,
              modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier, what: str = "",
              opens: bool = False) -> None:
        target = widget or QApplication.focusWidget()
        assert target is not None, "a key pressed with nothing focused"
        self.actions.append(what or f"按 {Qt.Key(key).name.removeprefix('Key_')}")
        _act(lambda: self.qtbot.keyClick(target, key, modifier), opens)

    def type(self, widget: QWidget, text: str) -> None:
        """Text typed (through the input method, as Chinese is): not an action."""
        type_text(widget, text)


def _act(event, later: bool) -> None:
    """Send the input now, or — when it opens something whose ``exec`` waits — from the
    event loop, after the script has yielded to wait for it."""
    if later:
        QTimer.singleShot(0, event)
    else:
        event()


def _label(widget: QWidget) -> str:
    if isinstance(widget, QAbstractButton) and widget.text():
        return f"「{widget.text()}」"
    return widget.objectName() or type(widget).__name__


# -- waiting for what the program shows ----------------------------------------------
def modal(kind=QWidget):
    """A condition: the active modal dialog, when it is a ``kind``."""
    def shown():
        dialog = QApplication.activeModalWidget()
        return dialog if isinstance(dialog, kind) and dialog.isVisible() else None
    return shown


def top_level(kind):
    """A condition: the shown top-level window of class ``kind``."""
    def shown():
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()), None)
    return shown


class Journey:
    """Runs a script from the event loop; a failure ends every event loop (so the
    program's ``run`` returns) and is raised again by ``check``."""

    def __init__(self):
        self.error: BaseException | None = None
        self.where = ""
        self.finished = False

    def drive(self, script) -> None:
        steps = script()

        def resume(value=None):
            try:
                condition = steps.send(value)
            except StopIteration:
                self.finished = True
                return
            except BaseException as error:  # reported by check()
                self._fail(error)
                return
            wait(condition, WAIT_LIMIT_MS // POLL_MS)

        def wait(condition, left):
            try:
                found = condition()
            except BaseException as error:  # reported by check()
                self._fail(error)
                return
            if found:
                QTimer.singleShot(0, lambda: resume(found))
            elif left:
                QTimer.singleShot(POLL_MS, lambda: wait(condition, left - 1))
            else:
                code = getattr(condition, "__code__", None)
                where = f" (line {code.co_firstlineno})" if code is not None else ""
                self._fail(AssertionError(f"waited {WAIT_LIMIT_MS} ms in vain for {condition.__qualname__}{where}"))

        QTimer.singleShot(0, resume)

    def _fail(self, error: BaseException) -> None:
        self.error = error
        self.where = "".join(traceback.format_exception(error))
        QApplication.exit(1)  # leaves the modal dialogs' loops too

    def check(self) -> None:
        if self.error is not None:
            raise AssertionError(f"the journey stopped:\n{self.where}") from self.error
        assert self.finished, "the program ended before the journey did"
