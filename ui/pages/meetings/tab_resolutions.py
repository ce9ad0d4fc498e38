"""决议: resolutions with their votes; the quorum, the pass rule and 「票数超过到会人数」
are worked out as the secretary types, not only when saving."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from branchdesk.meetings import ResolutionForm, rules

from ...text import tr
from ...toolkit import styles
from ...toolkit.forms import error_label
from ...toolkit.models.rows_model import Column, RowsModel
from ...toolkit.tables import editable_table
from .grid import RowButtons
from .tab_content import _show
from .typing import DirectTyping, typing_hint

RULES = {
    "general": "支部党员大会：只有正式党员有表决权。到会有表决权的党员须超过应到的半数；"
               "赞成票须超过应到会有表决权党员的半数，决议才通过。",
    "committee": "支委会：须有半数以上委员到会；赞成票须超过应到委员的半数，决议才通过。",
    "other": "需要表决的事项，赞成票须超过到会正式党员的半数。不表决的决定不必勾选「表决」。",
}
COUNTS = ("yes", "no", "abstain")


class VoteRows(RowsModel):
    """Typing a vote count ticks 「表决」; 赞成 typed with 反对 and 弃权 still empty
    fills them with 0 (most votes are unanimous; they stay editable); unticking
    「表决」 clears the counts."""

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not super().setData(index, value, role):
            return False
        key, row = self.columns[index.column()].key, self._rows[index.row()]
        changed = False
        if key == "voted" and not row["voted"] and any(row[k] is not None for k in COUNTS):
            row.update(dict.fromkeys(COUNTS))
            changed = True
        elif key in COUNTS and row[key] is not None:
            if not row["voted"]:
                row["voted"] = changed = True
            if key == "yes" and row["no"] is None and row["abstain"] is None:
                row.update(no=0, abstain=0)
                changed = True
        if changed:
            self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(self.columns) - 1))
            self.edited.emit()
        return True


class ResolutionsTab(QWidget):
    """Votes are checked against the attendance grid of the same editor (``entries``)."""

    def __init__(self, entries, kind):
        super().__init__()
        self._entries, self._kind = entries, kind
        self.model = VoteRows([
            Column("text", "决议内容", width=380),
            Column("voted", "表决", "check", width=50),
            Column("yes", "赞成", "int", width=55),
            Column("no", "反对", "int", width=55),
            Column("abstain", "弃权", "int", width=55),
            Column("result", "结果", width=80, display=self._result),
        ], "meetings", self)
        self.table = editable_table(self.model, "resolution_table", stretch=0)
        new_row = lambda: {"text": "", "voted": False, "yes": None, "no": None, "abstain": None}  # noqa: E731
        self.buttons = RowButtons(self.table, self.model, new_row, tr("meetings", "决议"))
        self.typing = DirectTyping(self.table, self.model, [0, 2, 3, 4], new_row)
        self.typing.text(0)
        for column in (2, 3, 4):
            self.typing.line(column)
        self.buttons.typing = self.typing
        self.explanation = QLabel()
        self.explanation.setObjectName("vote_explanation")
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = error_label("resolution_error")
        self.hint = hint = QLabel()
        hint.setWordWrap(True)
        hint.setStyleSheet(styles.HINT_TEXT)
        typing = QLabel(typing_hint() + tr("meetings", "填写赞成票数即记为表决，反对、弃权默认为 0。"))
        typing.setWordWrap(True)
        typing.setStyleSheet(styles.HINT_TEXT)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(typing)
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
        if any(row[k] is None or row[k] < 0 for k in COUNTS):
            return ""
        if sum(row[k] for k in COUNTS) > rules.voters_present(self._entries()):
            return tr("meetings", "票数有误")
        return rules.outcome(self._kind(), self._entries(), self._form(row)).result_label

    def load(self, form) -> None:
        self.hint.setText(RULES.get(form.kind, RULES["other"]))
        self.model.set_rows([{"text": r.text, "voted": r.voted, "yes": r.yes, "no": r.no, "abstain": r.abstain}
                             for r in form.resolutions])
        self.update_explanation()

    def fill(self, form) -> None:
        form.resolutions = [self._form(r) for r in self.model.rows() if r["text"].strip() or r["voted"]]

    def vote_problems(self) -> list[str]:
        """What is wrong with the counts typed so far (the same checks saving makes)."""
        voters = rules.voters_present(self._entries())
        problems = []
        for n, row in enumerate(self.model.rows(), start=1):
            counts = [row[k] for k in COUNTS]
            if not row["voted"] or any(c is None for c in counts):
                continue
            if any(c < 0 for c in counts):
                problems.append(tr("meetings", "决议 {0}：票数请填写数字（没有的填 0）。").format(n))
            elif sum(counts) > voters:
                problems.append(tr("meetings", "决议 {0}：票数超过到会人数——共 {1} 票，到会有表决权的正式党员只有 {2} 名。"
                                               "请核对票数和出席情况。").format(n, sum(counts), voters))
        return problems

    def update_explanation(self) -> None:
        entries, kind = self._entries(), self._kind()
        lines = []
        voted = [r for r in self.model.rows() if r["voted"]]
        check = rules.quorum(kind, entries)
        if voted and check.applies:
            lines.append(check.explanation)
        for n, row in enumerate(self.model.rows(), start=1):
            if row["voted"] and self._result(row) not in ("", tr("meetings", "票数有误")):
                lines.append(tr("meetings", "决议 {0}：").format(n) + rules.outcome(kind, entries, self._form(row)).explanation)
        self.explanation.setText("\n".join(lines))
        _show(self.error, self.vote_problems())
        self.model.refresh_computed()

    def show_errors(self, messages: list[str]) -> None:
        _show(self.error, messages)

    def set_editable(self, editable: bool) -> None:
        self.model.set_read_only(not editable)
        self.buttons.set_enabled(editable)
