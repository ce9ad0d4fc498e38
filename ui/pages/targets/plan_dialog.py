"""The target of one indicator in the yearly plan: words (「党员大会 ≥ 4 次」) and, where
it is a number, its value, which auto-measured indicators are judged against."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit

from branchdesk.errors import ErrorCollector
from branchdesk.targets import PlanItemForm, parse_tenths, tenths_text

from ...text import tr
from ...toolkit.forms import FormDialog
from .common import text_box


class PlanItemDialog(FormDialog):
    def __init__(self, archive, item, measure_label: str = "", parent=None):
        super().__init__(tr("targets", "修改年度目标"), parent, width=580, height=340)
        self.archive, self.item = archive, item
        about = QLabel(tr("targets", "<b>{0} {1}</b>（{2} 分，属「{3}」）<br>评分标准：{4}").format(
            item.code, item.name, tenths_text(item.points_x10), item.parent_name, item.scoring_rule or "—"))
        about.setWordWrap(True)
        self.form.layout_.addRow(about)
        self.target = self.form.add_row("target_text", tr("targets", "目标 *"), QLineEdit(item.target_text))
        self.value = self.form.add_row("target_value", tr("targets", "目标值"), QLineEdit(
            tenths_text(item.target_value_x10)))
        if measure_label:
            self.value.setPlaceholderText(tr("targets", "自动计量「{0}」按此值判断是否达标（次数或百分比）").format(measure_label))
        else:
            self.value.setPlaceholderText(tr("targets", "可不填：没有自动计量的指标由检查人评分"))
        self.note = self.form.add_row("note", tr("targets", "备注"), text_box(70))
        self.note.setPlainText(item.note)

    def commit(self) -> int:
        errors = ErrorCollector()
        value = errors.check(parse_tenths, self.value.text(), "target_value", tr("targets", "目标值"), False)
        errors.raise_if_any()
        self.archive.targets.plans.save_item(self.item.id, PlanItemForm(self.item.indicator_id, self.target.text(),
                                                                          value, self.note.toPlainText()))
        return self.item.id
