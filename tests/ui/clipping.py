"""Finding text a person cannot read whole: a label, button or drop-down on screen whose text
needs more room than the widget was given (issue 13: 「党小组会请选择是」, 「导出 PDF」).

Labels cut with 「…」 on purpose (``ElidedLabel``, whole in the tool tip) and texts inside
scrolling areas that the user can scroll to are not clipping."""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QToolButton,
    QWidget,
)

from ui.toolkit.fitting import ElidedLabel

TAGS = re.compile(r"<[^>]*>")
ACCELERATOR = re.compile(r"&(?=\S)")


def _lines(text: str) -> list[str]:
    return [line for line in ACCELERATOR.sub("", text).split("\n")]


def _needs(widget: QWidget, text: str) -> int:
    metrics = widget.fontMetrics()
    return max((metrics.horizontalAdvance(line) for line in _lines(text)), default=0)


def clipped_label(label: QLabel) -> str:
    text = label.text()
    if not text or isinstance(label, ElidedLabel):
        return ""
    room = label.contentsRect()
    if label.wordWrap() or label.textFormat() == label.textFormat().RichText or TAGS.search(text):
        # Wrapped (or rich) text: every line it wraps into must be given height.
        needed = label.heightForWidth(label.width())
        if needed > label.height() + 1:
            return f"needs {needed}px of height, has {label.height()}"
        if label.wordWrap():
            return ""
        needed_width = label.minimumSizeHint().width()
        return f"needs {needed_width}px, has {label.width()}" if needed_width > label.width() + 1 else ""
    needed = _needs(label, text) + 2 * label.margin() + label.indent() * (label.indent() > 0)
    return f"needs {needed}px, has {room.width()}" if needed > room.width() + 1 else ""


def clipped_button(button: QAbstractButton) -> str:
    text = button.text()
    if not text:
        return ""
    if isinstance(button, (QCheckBox, QRadioButton)):
        needed = button.sizeHint().width()
        return f"needs {needed}px, has {button.width()}" if needed > button.width() + 1 else ""
    option = QStyleOptionButton()
    option.initFrom(button)
    option.text = text
    option.icon = button.icon()
    option.iconSize = button.iconSize()
    style = button.style()
    room = button.contentsRect().width()
    room -= 2 * style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, option, button)
    if not button.icon().isNull():
        room -= button.iconSize().width() + 4
    if isinstance(button, QPushButton) and button.menu() is not None:
        room -= style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, option, button)
    if isinstance(button, QToolButton) and button.menu() is not None:
        room -= style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, option, button)
    needed = _needs(button, text)
    return f"needs {needed}px, has {room}" if needed > room + 1 else ""


def clipped_combo(combo: QComboBox) -> str:
    """Only short texts must show whole in a drop-down: long names are cut by design."""
    text = combo.currentText()
    if not text or len(text) > 12:
        return ""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    needed = _needs(combo, text)
    return f"needs {needed}px, has {field.width()}" if needed > field.width() + 1 else ""


def clipped_texts(root: QWidget) -> list[str]:
    """Every visible text under ``root`` that is cut, with where it is and by how much."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.width() <= 0:
            continue
        if isinstance(widget, QLabel):
            problem, text = clipped_label(widget), widget.text()
        elif isinstance(widget, QAbstractButton):
            problem, text = clipped_button(widget), widget.text()
        elif isinstance(widget, QComboBox):
            problem, text = clipped_combo(widget), widget.currentText()
        else:
            continue
        if problem:
            found.append(f"{type(widget).__name__}({widget.objectName()}) {TAGS.sub('', text)[:40]!r}: {problem}")
    return found
