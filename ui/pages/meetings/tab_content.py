"""议题与发言: agenda items and speeches in order, typed as the meeting goes on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from branchdesk.meetings import AgendaItem, Speech

from ...text import tr
from ...toolkit import styles
from ...toolkit.forms import error_label
from ...toolkit.models.rows_model import ChoiceDelegate, Column, RowsModel
from ...toolkit.tables import editable_table
from .grid import RowButtons, boxed
from .typing import DirectTyping, typing_hint


def _show(label: QLabel, messages: list[str]) -> None:
    label.setText("\n".join(messages))
    label.setVisible(bool(messages))


class ContentTab(QWidget):
    """``speakers()``: the names a speaker is picked from (the meeting's attendance)."""

    def __init__(self, speakers=lambda: []):
        super().__init__()
        self.agenda = RowsModel([Column("title", "议题", width=300), Column("summary", "说明 / 讨论情况", width=400)],
                                "meetings", self)
        self.agenda_table = editable_table(self.agenda, "agenda_table", stretch=1)
        self.agenda_buttons = RowButtons(self.agenda_table, self.agenda, lambda: {"title": "", "summary": ""},
                                         tr("meetings", "议题"))
        self.agenda_typing = DirectTyping(self.agenda_table, self.agenda, [0, 1], self.agenda_buttons.new_row)
        self.agenda_typing.line(0)
        self.agenda_typing.text(1)
        self.agenda_buttons.typing = self.agenda_typing
        self.speech_choices = {0: ""}
        self.speeches = RowsModel([
            Column("agenda_no", "议题", "choice", self.speech_choices, width=160),
            Column("speaker", "发言人", width=90),
            Column("content", "发言内容", width=500),
        ], "meetings", self)
        self.speech_table = editable_table(self.speeches, "speech_table", stretch=2)
        self.speech_buttons = RowButtons(self.speech_table, self.speeches, self._new_speech, tr("meetings", "发言"))
        self.speech_typing = DirectTyping(self.speech_table, self.speeches, [1, 2], self._new_speech)
        self.speech_typing.line(1, speakers)
        self.speech_typing.text(2)
        self.speech_buttons.typing = self.speech_typing
        self.agenda.edited.connect(self._agenda_changed)
        self.agenda_error = error_label("agenda_error")
        self.speech_error = error_label("speech_error")
        self.agenda.edited.connect(self.agenda_error.hide)
        self.speeches.edited.connect(self.speech_error.hide)
        hint = QLabel(typing_hint())
        hint.setObjectName("typing_hint")
        hint.setWordWrap(True)
        hint.setStyleSheet(styles.HINT_TEXT)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(boxed(QLabel(tr("meetings", "会议议题")), self.agenda_table, self.agenda_buttons,
                                 self.agenda_error))
        splitter.addWidget(boxed(QLabel(tr("meetings", "发言记录（按发言顺序；发言人可从出席人员中选）")),
                                 self.speech_table, self.speech_buttons, self.speech_error))
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(splitter, 1)

    def _new_speech(self) -> dict:
        """A new speech belongs to the item the one before it did (else the last item)."""
        rows = self.speeches.rows()
        agenda_no = rows[-1]["agenda_no"] if rows else len(self.agenda.rows())
        return {"agenda_no": agenda_no or 0, "speaker": "", "content": ""}

    def _agenda_changed(self) -> None:
        self.speech_choices.clear()
        self.speech_choices[0] = ""
        for n, row in enumerate(self.agenda.rows(), start=1):
            self.speech_choices[n] = f"{n}. {row['title']}"
        delegate = self.speech_table.itemDelegateForColumn(0)
        if isinstance(delegate, ChoiceDelegate):
            delegate.choices = self.speech_choices
        self.speeches.refresh_computed()

    def load(self, form) -> None:
        self.agenda.set_rows([{"title": a.title, "summary": a.summary} for a in form.agenda])
        self._agenda_changed()
        self.speeches.set_rows([{"agenda_no": s.agenda_no, "speaker": s.speaker, "content": s.content}
                                for s in form.speeches])

    def fill(self, form) -> None:
        form.agenda = [AgendaItem(r["title"], r["summary"]) for r in self.agenda.rows()
                       if r["title"].strip() or r["summary"].strip()]
        form.speeches = [Speech(r["speaker"], r["content"], r["agenda_no"] or 0) for r in self.speeches.rows()
                         if r["speaker"].strip() or r["content"].strip()]

    def show_errors(self, agenda: list[str], speeches: list[str]) -> None:
        _show(self.agenda_error, agenda)
        _show(self.speech_error, speeches)

    def set_editable(self, editable: bool) -> None:
        for model in (self.agenda, self.speeches):
            model.set_read_only(not editable)
        self.agenda_buttons.set_enabled(editable)
        self.speech_buttons.set_enabled(editable)
