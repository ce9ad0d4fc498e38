"""查找: every place a word occurs in meeting titles, minutes, agendas, speeches and
resolutions, shown in its context; a double click opens the meeting."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from ...text import tr
from ...toolkit.models.rows_model import Column, RowsModel
from ...toolkit.tables import editable_table

SEARCH_DELAY_MS = 200


class SearchView(QWidget):
    open_meeting = Signal(int)

    def __init__(self, archive):
        super().__init__()
        self.archive = archive
        self.query = QLineEdit()
        self.query.setObjectName("meeting_search")
        self.query.setPlaceholderText(tr("meetings", "查找会议内容：名称、议题、发言、决议（一个字也可以）"))
        self.query.setClearButtonEnabled(True)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run)
        self.query.textChanged.connect(self._timer.start)
        self.model = RowsModel([
            Column("date", "日期", width=95),
            Column("title", "会议", width=230),
            Column("where", "位置", width=110),
            Column("context", "内容", width=460),
        ], "meetings", self)
        self.model.set_read_only(True)
        self.table = editable_table(self.model, "search_table", stretch=3)
        self.table.doubleClicked.connect(lambda index: self.open_meeting.emit(self.model.row(index.row())["id"]))
        self.count = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)

    def run(self) -> None:
        hits = self.archive.meetings.search(self.query.text())
        self.model.set_rows([
            {"id": h.meeting_id, "date": h.date.isoformat(), "title": h.title, "where": h.where, "context": h.context}
            for h in hits
        ])
        text = self.query.text().strip()
        self.count.setText(tr("meetings", "找到 {0} 处").format(len(hits)) if text else "")

    def hideEvent(self, event) -> None:
        self._timer.stop()
        super().hideEvent(event)
