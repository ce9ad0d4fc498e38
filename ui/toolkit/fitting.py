"""Widgets that keep a window on a small screen whatever the user typed (issue 13): a
200-character meeting name or a 50-character party group must never set a window's
minimum width. See docs/design.md §5.

- ``ElidedLabel``: one line of user text, whole when there is room, otherwise cut with
  「…」 and shown whole in its tool tip. Its minimum width is a few characters.
- ``WrappedLabel``: a message on as many lines as it needs, never cut at the first.
- ``SearchBox``: a search field that never shrinks below its hint (「查找：姓名…」), so a
  crowded tool row cannot squeeze it to 「···」.
- ``page_scroller``: a page of the main window inside a scroll area.
- ``FittingStyle`` (in ``fitting_style``, loaded only when installed: touching ``QStyle``
  from Python builds its hundreds of enum members, tens of milliseconds at start): the
  application's style, which caps how wide the text of a drop-down makes it (a combo box
  lists group names, member names, titles …); the list that opens still shows every item
  whole.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLayout,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QWidget,
)

from .by_name import set_by_name

# A search field is at least as wide as its placeholder, up to this many characters.
SEARCH_MAX_EMS = 16
# An elided label keeps at least this many characters before the 「…」.
ELIDED_MIN_CHARS = 4


class ElidedLabel(QLabel):
    """One line of plain text that shrinks with its window: cut with 「…」 when there is
    no room, with the whole text in the tool tip. ``text()`` is always the whole text."""

    def __init__(self, text: str = "", parent: QWidget | None = None, cut_in_middle: bool = False):
        super().__init__(parent)
        set_by_name(self, "textFormat", "PlainText")  # at the first paint (the status bar's path)
        # a folder's path is cut in the middle: its last folder tells archives apart
        self._cut_in_middle = cut_in_middle
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._whole = ""
        self._own_tooltip = ""
        self._cut_for = None  # the font and width the shown text was cut for
        self.setText(text)

    def text(self) -> str:
        return self._whole

    def shown_text(self) -> str:
        """What is drawn now (cut with 「…」 when the label is too narrow)."""
        return super().text()

    def is_elided(self) -> bool:
        return super().text() != self._whole

    def setText(self, text: str) -> None:
        self._whole = text or ""
        self._elide()
        self.updateGeometry()

    def setToolTip(self, tip: str) -> None:
        """A tool tip of the caller's own; the whole text is added below it when cut."""
        self._own_tooltip = tip
        self._elide()

    def _elide(self) -> None:
        # Before it is laid out and shown a label has no width of its own yet.
        width = self.contentsRect().width() - 2 * self.margin()
        self._cut_for = (self.font().key(), width)
        shown = self._whole
        # Qt's enums only to cut: a text that fits (the first paint's, mostly) names none (by_name.py)
        if self.isVisible() and self.fontMetrics().horizontalAdvance(self._whole) > width:
            from PySide6.QtCore import Qt

            mode = Qt.TextElideMode.ElideMiddle if self._cut_in_middle else Qt.TextElideMode.ElideRight
            shown = self.fontMetrics().elidedText(self._whole, mode, width)
        if super().text() != shown:
            super().setText(shown)
        tips = [t for t in (self._own_tooltip, self._whole if shown != self._whole else "") if t]
        super().setToolTip("\n".join(tips))

    def sizeHint(self) -> QSize:
        """As wide as the whole text: a layout with room shows it uncut."""
        hint = super().sizeHint()
        extra = self.fontMetrics().horizontalAdvance(self._whole) - self.fontMetrics().horizontalAdvance(super().text())
        return QSize(hint.width() + max(extra, 0), hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        margins = self.contentsMargins()
        metrics = self.fontMetrics()
        narrowest = metrics.horizontalAdvance(self._whole[:ELIDED_MIN_CHARS] + "…") + 2 * self.margin()
        return QSize(min(hint.width(), narrowest + margins.left() + margins.right()), hint.height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._elide()

    def paintEvent(self, event) -> None:
        # A new font or style (the 查看 menu's sizes, the fitting style after the first paint)
        # repaints the label: the text is cut again for it first. Not in changeEvent: the first
        # plain QEvent handed to Python makes PySide build every event class it might be, some
        # fifty, 1.7 MiB, at the window's start (docs/tech-notes.md "Window start").
        if self._cut_for != (self.font().key(), self.contentsRect().width() - 2 * self.margin()):
            self._elide()
        super().paintEvent(event)


class WrappedLabel(QLabel):
    """A message that wraps onto as many lines as it needs and is given the height for
    them: a form or tab that lays its rows out by their first line otherwise cuts the
    second (「党小组会请选择是」)."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setWordWrap(True)

    def setText(self, text: str) -> None:
        super().setText(text)
        self._claim_height()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._claim_height()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (event.Type.FontChange, event.Type.StyleChange):
            self._claim_height()

    def _claim_height(self) -> None:
        needed = self.heightForWidth(self.width()) if self.width() > 0 else -1
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)


class SearchBox(QLineEdit):
    """A search field at least as wide as its placeholder (up to ``SEARCH_MAX_EMS``
    characters) at whatever font size the window shows."""

    def __init__(self, placeholder: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        metrics = self.fontMetrics()
        wanted = min(metrics.horizontalAdvance(self.placeholderText()), metrics.horizontalAdvance("国") * SEARCH_MAX_EMS)
        # room for the frame, the text margins and the clear button
        return QSize(max(hint.width(), wanted + metrics.height() + 16), hint.height())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(hint.width(), self.minimumSizeHint().width()), hint.height())


def page_scroller(page: QWidget) -> QScrollArea:
    """``page`` in a frameless scroll area that gives it all the room there is: a page
    that needs more than the screen (at 特大, on 1024×768) scrolls instead of pushing the
    window off the screen."""
    scroller = QScrollArea()
    scroller.setObjectName(f"scroller_{page.objectName()}")
    scroller.setFrameShape(QFrame.Shape.NoFrame)
    scroller.setWidgetResizable(True)
    scroller.setWidget(page)
    return scroller


class FlowLayout(QLayout):
    """A row of buttons that continues on a second line when the window is too narrow
    for all of them (a 1024-pixel screen, the 特大 font), instead of widening it."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6):
        super().__init__(parent)
        self._items: list = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:
        self._items.append(item)

    def addStretch(self, stretch: int = 0) -> None:
        """Kept for the QHBoxLayout calls it replaces: a flow has no spare room to fill."""

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self):
        from PySide6.QtCore import (
            Qt,  # not at import: the first paint loads this module (by_name.py)
        )

        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        shown = [i for i in self._items if not i.isEmpty()]
        width = sum(i.sizeHint().width() for i in shown) + self._spacing * max(len(shown) - 1, 0)
        height = max((i.sizeHint().height() for i in shown), default=0)
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right(), height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line_height = area.x(), area.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x > area.x() and x + hint.width() > area.right() + 1:
                x, y, line_height = area.x(), y + line_height + self._spacing, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + margins.bottom()
