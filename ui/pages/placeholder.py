"""A page for a capability that is not built yet: says so plainly."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..text import tr


class PlaceholderPage(QWidget):
    def __init__(self, title: str, explanation: str):
        super().__init__()
        heading = QLabel(f"<h2>{title}</h2>")
        note = QLabel(tr("placeholder", explanation))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)

    def refresh(self) -> None:
        """Nothing to reload."""
