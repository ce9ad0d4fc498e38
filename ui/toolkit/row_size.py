"""One row height for every list and grid, so that pages line up alike; a module of its
own so that the font size (ui/font_size.py) needs no table models at start."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

# at the normal font size
ROW_HEIGHT = 28


def row_height() -> int:
    """ROW_HEIGHT, or taller when the window's font is larger (ui/font_size.py)."""
    return max(ROW_HEIGHT, QFontMetrics(QApplication.font()).height() + 10)
