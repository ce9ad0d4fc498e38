"""设置 → 字号: 正常 / 大 / 特大 for the whole window, applied at once and remembered for
this user on this computer (ui/font_size.py); the same choice as the 查看 menu."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
)

from .. import font_size
from ..text import tr
from ..toolkit import styles


class FontSizeBox(QGroupBox):
    def __init__(self, parent=None):
        super().__init__(tr("settings", "字号"), parent)
        self.setObjectName("font_size_box")
        self.choices = QButtonGroup(self)
        row = QHBoxLayout()
        self.buttons: dict[str, QRadioButton] = {}
        for key, (label, _) in font_size.FONT_SIZES.items():
            choice = QRadioButton(label)
            choice.setObjectName(f"font_size_{key}")
            choice.toggled.connect(lambda on, k=key: on and k != font_size.current_size() and font_size.apply_font_size(k))
            self.choices.addButton(choice)
            self.buttons[key] = choice
            row.addWidget(choice)
        row.addStretch(1)
        hint = QLabel(tr("settings", "整个窗口的文字大小，立即生效，下次打开仍然有效。也可用“查看”菜单或 Ctrl+= / Ctrl+-。"))
        hint.setWordWrap(True)
        hint.setStyleSheet(styles.HINT_TEXT)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(hint)
        self._show(font_size.current_size())
        font_size.signals.changed.connect(self._show)

    def _show(self, key: str) -> None:
        self.buttons[key].setChecked(True)
