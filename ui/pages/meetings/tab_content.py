"""议题与发言 (agenda items and speeches in order) and 决议 (resolutions with their
votes, the quorum and the pass rule computed as the secretary types)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from branchdesk.meetings import AgendaItem, ResolutionForm, Speech, rules

from ...text import tr
from ...toolkit import styles
from ...toolkit.forms import error_label
from ...toolkit.models.rows_model import ChoiceDelegate, Column, RowsModel
from ...toolkit.tables import editable_table
from .grid import RowButtons, boxed


def _show(label: QLabel, messages: list[str]) -> None:
    label.setText("\n".join(messages))
    label.setVisible(bool(messages))


class ContentTab(QWidget):
    def __init__(self):
        super().__init__()
        self.agenda = RowsModel([Column("title", "议题", width=300), Column("summary", "说明 / 讨论情况", width=400)],
                                "meetings", self)
        self.agenda_table = editable_table(self.agenda, "agenda_table", stretch=1)
        self.agenda_buttons = RowButtons(self.agenda_table, self.agenda, lambda: {"title": "", "summary": ""},
                                         tr("meetings", "议题"))
        self.speech_choices = {0: ""}
        self.speeches = RowsModel([
            Column("agenda_no", "议题", "choice", self.speech_choices, width=160),
            Column("speaker", "发言人", width=90),
            Column("content", "发言内容", width=500),
        ], "meetings", self)
        self.speech_table = editable_table(self.speeches, "speech_table", stretch=2)
        self.speech_buttons = RowButtons(self.speech_table, self.speeches,
                                         lambda: {"agenda_no": 0, "speaker": "", "content": ""},
                                         tr("meetings", "发言"))
        self.agenda.edited.connect(self._agenda_changed)
        self.agenda_error = error_label("agenda_error")
        self.speech_error = error_label("speech_error")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(boxed(QLabel(tr("meetings", "会议议题")), self.agenda_table, self.agenda_buttons,
                                 self.agenda_error))
        splitter.addWidget(boxed(QLabel(tr("meetings", "发言记录（按发言顺序；双击单元格填写）")), self.speech_table,
                                 self.speech_buttons, self.speech_error))
        QVBoxLayout(self).addWidget(splitter)

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


RULES = {
    "general": "支部党员大会：只有正式党员有表决权。到会有表决权的党员须超过应到的半数；"
               "赞成票须超过应到会有表决权党员的半数，决议才通过。",
    "committee": "支委会：须有半数以上委员到会；赞成票须超过应到委员的半数，决议才通过。",
    "other": "需要表决的事项，赞成票须超过到会正式党员的半数。不表决的决定不必勾选「表决」。",
}


class ResolutionsTab(QWidget):
    """Votes are checked against the attendance grid of the same editor (``entries``)."""

    def __init__(self, entries, kind):
        super().__init__()
        self._entries, self._kind = entries, kind
        self.model = RowsModel([
            Column("text", "决议内容", width=380),
            Column("voted", "表决", "check", width=50),
            Column("yes", "赞成", "int", width=55, editable=lambda r: r["voted"]),
            Column("no", "反对", "int", width=55, editable=lambda r: r["voted"]),
            Column("abstain", "弃权", "int", width=55, editable=lambda r: r["voted"]),
            Column("result", "结果", width=80, display=self._result),
        ], "meetings", self)
        self.table = editable_table(self.model, "resolution_table", stretch=0)
        self.buttons = RowButtons(self.table, self.model,
                                  lambda: {"text": "", "voted": False, "yes": None, "no": None, "abstain": None},
                                  tr("meetings", "决议"))
        self.explanation = QLabel()
        self.explanation.setObjectName("vote_explanation")
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = error_label("resolution_error")
        self.hint = hint = QLabel()
        hint.setWordWrap(True)
        hint.setStyleSheet(styles.HINT_TEXT)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        layout.addWidget(self.explanation)
        layout.addWidget(self.error)
        self.model.edited.connect(self.update_explanation)

    def _form(self, row: dict) -> ResolutionForm:
        return ResolutionForm(row["text"], bool(row["voted"]), row["yes"], row["no"], row["abstain"])

    def _result(self, row: dict) -> str:
        if not row["voted"]:
            return tr("meetings", "未表决")
        if any(row[k] is None or row[k] < 0 for k in ("yes", "no", "abstain")):
            return ""
        return rules.outcome(self._kind(), self._entries(), self._form(row)).result_label

    def load(self, form) -> None:
        self.hint.setText(RULES.get(form.kind, RULES["other"]))
        self.model.set_rows([{"text": r.text, "voted": r.voted, "yes": r.yes, "no": r.no, "abstain": r.abstain}
                             for r in form.resolutions])
        self.update_explanation()

    def fill(self, form) -> None:
        form.resolutions = [self._form(r) for r in self.model.rows() if r["text"].strip() or r["voted"]]

    def update_explanation(self) -> None:
        entries, kind = self._entries(), self._kind()
        lines = []
        voted = [r for r in self.model.rows() if r["voted"]]
        check = rules.quorum(kind, entries)
        if voted and check.applies:
            lines.append(check.explanation)
        for n, row in enumerate(self.model.rows(), start=1):
            if row["voted"] and self._result(row):
                lines.append(tr("meetings", "决议 {0}：").format(n) + rules.outcome(kind, entries, self._form(row)).explanation)
        self.explanation.setText("\n".join(lines))
        self.model.refresh_computed()

    def show_errors(self, messages: list[str]) -> None:
        _show(self.error, messages)

    def set_editable(self, editable: bool) -> None:
        self.model.set_read_only(not editable)
        self.buttons.set_enabled(editable)
