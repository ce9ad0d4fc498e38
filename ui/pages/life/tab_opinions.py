"""征求意见: the opinions gathered before the meeting, each answered or put on the
rectification ledger (rows still waiting are tinted)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from branchdesk.life import ItemForm

from ...text import tr
from ...toolkit import styles
from ...toolkit.actions import button, delete_selected, exec_dialog
from ...toolkit.models.ids_model import Col, IdsModel
from ...toolkit.tables import read_only_table, selected_id
from .dialogs import OpinionDialog
from .item_dialog import ledger_item_from


def _how(page):
    def text(o) -> str:
        linked = page.detail.linked_items.get(o.uid) if page.detail else None
        if linked:
            return tr("life", "列入整改 ") + "、".join(f"{page.year}-{n:02d}" for n in linked)
        return o.answer or tr("life", "（待答复）")
    return text


class OpinionsTab(QWidget):
    def __init__(self, page):
        super().__init__()
        self.page = page
        columns = [
            Col("收到日期", lambda o: o.received_on.isoformat(), 90),
            Col("来源", lambda o: o.source_label, 70),
            Col("渠道", lambda o: o.channel_label, 80),
            Col("类别", lambda o: o.category_label, 70),
            Col("意见对象", lambda o: o.addressed_label, 80),
            Col("意见内容", lambda o: o.content, 300),
            Col("答复或整改", _how(page), 200),
        ]
        self.model = IdsModel(columns, "life", self)
        self.model.tint = lambda o: None if page.detail.opinion_answered(o) else styles.ROW_WARN
        self.table = read_only_table(self.model, "opinion_table", stretch=5)
        self.table.doubleClicked.connect(lambda _: self.edit())
        self.add_button = button(tr("life", "登记意见…"), self.add, "add_opinion")
        self.edit_button = button(tr("life", "修改或答复…"), self.edit)
        self.delete_button = button(tr("life", "删除"), self.delete)
        self.item_button = button(tr("life", "列入整改台账…"), self.to_ledger, "opinion_to_ledger")
        self.summary = QLabel()
        self.summary.setObjectName("opinion_summary")
        row = QHBoxLayout()
        for widget in (self.add_button, self.edit_button, self.delete_button, self.item_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)

    def load(self) -> None:
        detail = self.page.detail
        opinions = detail.opinions if detail else []
        self.model.set_items(opinions)
        waiting = sum(1 for o in opinions if not detail.opinion_answered(o)) if detail else 0
        self.summary.setText(tr("life", "共 {0} 条，待答复 {1} 条").format(len(opinions), waiting))
        for widget in (self.add_button, self.edit_button, self.delete_button, self.item_button):
            widget.setEnabled(self.page.editable)

    def add(self) -> int | None:
        dialog = OpinionDialog(self.page.archive, self.page.cycle_id, parent=self)
        return self._after(dialog)

    def edit(self) -> int | None:
        opinion_id = selected_id(self.table)
        if opinion_id is None or not self.page.editable:
            return None
        return self._after(OpinionDialog(self.page.archive, self.page.cycle_id, opinion_id, parent=self))

    def _after(self, dialog) -> int | None:
        return exec_dialog(dialog, self.page.reload_cycle, self.table)

    def delete(self) -> None:
        delete_selected(self.page, self.table, tr("life", "确定删除这条意见吗？（录入错误时使用）"),
                        self.page.archive.life.opinions.delete, self.page.reload_cycle)

    def to_ledger(self) -> int | None:
        """A rectification item prefilled from the selected opinion and linked to it."""
        opinion_id = selected_id(self.table)
        if opinion_id is None:
            return None
        opinion = self.page.archive.life.opinions.get(opinion_id)
        return ledger_item_from(self.page, self, ItemForm(
            self.page.year, opinion.content, source="opinion", source_ref=opinion.uid, category=opinion.category,
            scope="member" if opinion.addressed_member_id else "branch",
            owner_member_id=opinion.addressed_member_id, owner_name=opinion.addressed_name))
