"""批评与自我批评: the entries in the order the meeting followed — the secretary first,
then each member's self-criticism and the criticism by others with the response.
The texts are covered until the sensitive-text check passes."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...text import tr
from ...toolkit import styles
from ...toolkit.actions import button, delete_selected, exec_dialog
from ...toolkit.models.ids_model import Col, IdsModel
from ...toolkit.tables import read_only_table, selected_id
from .dialogs import CriticismDialog
from .sensitive_cover import SensitiveCover


class CriticismTab(QWidget):
    def __init__(self, page):
        super().__init__()
        self.page = page
        self.model = IdsModel([
            Col("类别", lambda c: c.kind_label, 70),
            Col("发言人", lambda c: c.from_name, 70),
            Col("被批评人", lambda c: "—" if c.kind == "self" else c.to_name, 70),
            Col("发言内容", lambda c: c.content, 330),
            Col("本人回应", lambda c: c.response if c.kind == "mutual" else "", 200),
        ], "life", self)
        self.model.tint = lambda c: styles.ROW_WARN if c.kind == "mutual" and not c.response else None
        self.table = read_only_table(self.model, "criticism_table", stretch=3)
        self.table.doubleClicked.connect(lambda _: self.edit())
        self.buttons = [
            button(tr("life", "登记自我批评…"), lambda: self.add("self"), "add_self_criticism"),
            button(tr("life", "登记相互批评…"), lambda: self.add("mutual"), "add_mutual_criticism"),
            button(tr("life", "修改…"), self.edit),
            button(tr("life", "删除"), self.delete),
        ]
        self.status = QLabel()
        self.status.setObjectName("criticism_status")
        self.status.setWordWrap(True)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        for widget in self.buttons:
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.cover = SensitiveCover(content, page.session, tr("life", "批评与自我批评的发言"))
        QVBoxLayout(self).addWidget(self.cover)

    def load(self) -> None:
        detail = self.page.detail
        entries = detail.criticism if detail else []
        self.model.set_items(entries)
        self.cover.check()
        people = self.page.expected_people()
        selves = {c.from_member_id for c in entries if c.kind == "self"}
        targets = {c.to_member_id for c in entries if c.kind == "mutual"}
        waiting = sum(1 for c in entries if c.kind == "mutual" and not c.response)
        self.status.setText(tr("life", "到会党员 {0} 名：已作自我批评 {1} 名，已接受批评 {2} 名；相互批评 {3} 条，未记录回应 {4} 条。").format(
            len(people), sum(1 for i, _ in people if i in selves), sum(1 for i, _ in people if i in targets),
            sum(1 for c in entries if c.kind == "mutual"), waiting))
        for widget in self.buttons:
            widget.setEnabled(self.page.editable)

    def showEvent(self, event) -> None:
        self.cover.check()
        super().showEvent(event)

    def add(self, kind: str) -> int | None:
        if not self.cover.revealed and not self.cover.reveal():
            return None
        return self._after(CriticismDialog(self.page.archive, self.page.cycle_id, kind, parent=self))

    def edit(self) -> int | None:
        entry_id = selected_id(self.table)
        if entry_id is None or not self.page.editable:
            return None
        kind = self.page.archive.life.criticism.get(entry_id).kind
        return self._after(CriticismDialog(self.page.archive, self.page.cycle_id, kind, entry_id, self))

    def _after(self, dialog) -> int | None:
        return exec_dialog(dialog, self.page.reload_cycle, self.table)

    def delete(self) -> None:
        delete_selected(self.page, self.table, tr("life", "确定删除这条发言记录吗？"),
                        self.page.archive.life.criticism.delete, self.page.reload_cycle)
