"""Adding or changing one indicator of a year's library, and the library's name.

The library is saved whole (``library.save``): the dialog edits one row of the list of
forms and hands the whole list to the domain, which checks every rule (points of the
二级 rows add up to their 一级, codes unique …) and stores all or nothing. Because of
that sum rule, a 二级 row's change of points carries to its 一级 unless unticked, and a
new 一级 comes with its first 二级 row."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit

from branchdesk.errors import ErrorCollector, ValidationError
from branchdesk.targets import IndicatorForm, measure_labels, parse_tenths, tenths_text

from ...text import tr
from ...toolkit.forms import FormDialog
from .common import text_box


class IndicatorDialog(FormDialog):
    """``indicator_id`` None: a new row of ``level`` (under ``parent_id`` for a 二级)."""

    def __init__(self, archive, year: int, level: int, indicator_id: int | None = None,
                 parent_id: int | None = None, parent=None):
        title = {(1, True): "新增一级指标", (2, True): "新增二级指标", (1, False): "修改一级指标",
                 (2, False): "修改二级指标"}[(level, indicator_id is None)]
        super().__init__(tr("targets", title), parent, width=640, height=540)
        self.archive, self.year, self.level, self.indicator_id = archive, year, level, indicator_id
        self.detail = archive.targets.library.get(year)
        current = next((r for r in self.detail.indicators if r.id == indicator_id), None)
        form = self.form
        self.parent_box = None
        if level == 2:
            self.parent_box = form.add_row("parent", tr("targets", "所属一级指标"), QComboBox())
            self.parent_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            for first in self.detail.firsts:
                self.parent_box.addItem(f"{first.code} {first.name}（{first.points_text} 分）", first.id)
            wanted = current.parent_id if current is not None else parent_id
            self.parent_box.setCurrentIndex(max(self.parent_box.findData(wanted), 0))
        self.code = form.add_row("code", tr("targets", "编号"), QLineEdit())
        self.code.setPlaceholderText(tr("targets", "留空自动编号（如 1、1.2）"))
        self.name = form.add_row("name", tr("targets", "指标名称 *"), QLineEdit())
        self.points = form.add_row("points", tr("targets", "分值 *"), QLineEdit())
        self.points.setPlaceholderText(tr("targets", "如 5 或 2.5"))
        self.rule = form.add_row("scoring_rule", tr("targets", "评分标准"), text_box(90))
        self.evidence = form.add_row("evidence_required", tr("targets", "佐证材料"), text_box(60))
        self.measure = None
        self.carry = None
        self.child_name = self.child_points = None
        if level == 2:
            self.measure = form.add_row("measure", tr("targets", "自动计量"), QComboBox())
            self.measure.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            self.measure.addItem(tr("targets", "（不自动计量，检查时人工评分）"), "")
            for key, text in measure_labels().items():
                self.measure.addItem(text, key)
            self.carry = form.add_row("carry", "", QCheckBox(tr("targets", "所属一级指标的分值随之增减（保持合计相等）")))
            self.carry.setChecked(True)
        elif indicator_id is None:
            # A 一级 row needs at least one 二级 row: the first one is named here.
            self.child_name = form.add_row("child_name", tr("targets", "首个二级指标 *"), QLineEdit())
            self.child_name.setPlaceholderText(tr("targets", "分值与一级指标相同，保存后可再细分"))
        if current is not None:
            self.code.setText(current.code)
            self.name.setText(current.name)
            self.points.setText(current.points_text)
            self.rule.setPlainText(current.scoring_rule)
            self.evidence.setPlainText(current.evidence_required)
            if self.measure is not None:
                self.measure.setCurrentIndex(max(self.measure.findData(current.measure), 0))
        self.note = QLabel(tr("targets", "{0} 年度指标库现有 {1} 项一级指标，合计 {2} 分。").format(
            year, len(self.detail.firsts), tenths_text(self.detail.total_points_x10)))
        self.note.setWordWrap(True)
        form.layout_.addRow(self.note)

    def commit(self) -> int | None:
        errors = ErrorCollector()
        points = errors.check(parse_tenths, self.points.text(), "points", tr("targets", "分值"))
        if self.child_name is not None and not self.child_name.text().strip():
            errors.add("child_name", "required", tr("targets", "请填写首个二级指标的名称：一级指标下至少要有一项二级指标。"))
        errors.raise_if_any()
        row = IndicatorForm(self.level, self.name.text(), points, self.rule.toPlainText(),
                            self.evidence.toPlainText(), self.measure.currentData() if self.measure else "",
                            self.code.text().strip(), self.indicator_id)
        forms = self.placed(row)
        position = next(n for n, f in enumerate(forms) if f is row)
        library = self.archive.targets.library
        library.save(self.year, forms)
        # rows are stored in the order handed in: the saved row is found by its place
        return library.get(self.year).indicators[position].id

    def placed(self, row: IndicatorForm) -> list[IndicatorForm]:
        """The whole library with ``row`` put in (or replacing its old self)."""
        forms = self.detail.forms()
        old = next((f for f in forms if f.id is not None and f.id == row.id), None)
        if self.level == 1:
            if old is not None:
                forms[forms.index(old)] = row
                return forms
            child = IndicatorForm(2, self.child_name.text(), row.points_x10)
            return forms + [row, child]
        parent_id = self.parent_box.currentData()
        parents = {f.id: f for f in forms if f.level == 1}
        if old is not None:
            old_parent = self._parent_of(forms, old)
            forms.remove(old)
            if self.carry.isChecked() and old_parent is not None:
                old_parent.points_x10 -= old.points_x10
        if self.carry.isChecked() and parent_id in parents:
            parents[parent_id].points_x10 += row.points_x10
        if old is not None and self._parent_id_of(self.detail, old.id) == parent_id:
            forms.insert(self._old_position(old), row)
        else:
            forms.insert(self._end_of(forms, parent_id), row)
        for first in parents.values():
            if first.points_x10 <= 0:
                raise ValidationError("points", "parent", tr("targets", "调整后一级指标「{0}」的分值不大于 0，请先修改一级指标的分值。")
                                      .format(first.name))
        return forms

    def _old_position(self, old: IndicatorForm) -> int:
        return [f.id for f in self.detail.forms()].index(old.id)

    @staticmethod
    def _parent_id_of(detail, indicator_id: int) -> int | None:
        return next((r.parent_id for r in detail.indicators if r.id == indicator_id), None)

    @staticmethod
    def _parent_of(forms: list[IndicatorForm], child: IndicatorForm) -> IndicatorForm | None:
        parent = None
        for form in forms:
            if form is child:
                return parent
            if form.level == 1:
                parent = form
        return None

    @staticmethod
    def _end_of(forms: list[IndicatorForm], parent_id: int) -> int:
        """Where a new 二级 row of ``parent_id`` goes: after its last 二级 row."""
        start = next(n for n, f in enumerate(forms) if f.id == parent_id)
        end = start + 1
        while end < len(forms) and forms[end].level == 2:
            end += 1
        return end


def without(detail, indicator_id: int, carry: bool = True) -> list[IndicatorForm]:
    """The library's forms with one row removed (a 一级 row with its 二级 rows); a
    removed 二级 row's points are taken off its 一级 when ``carry``."""
    forms = [dataclasses.replace(f) for f in detail.forms()]
    target = next(f for f in forms if f.id == indicator_id)
    if target.level == 1:
        children = {r.id for r in detail.children(indicator_id)}
        return [f for f in forms if f.id != indicator_id and f.id not in children]
    parent = IndicatorDialog._parent_of(forms, target)
    if carry and parent is not None:
        parent.points_x10 -= target.points_x10
    return [f for f in forms if f is not target]


class LibraryInfoDialog(FormDialog):
    """The library's name, who issued it and a note; creates the year's library when
    there is none yet."""

    def __init__(self, archive, year: int, parent=None):
        super().__init__(tr("targets", "{0} 年度指标库").format(year), parent, width=560, height=360)
        self.archive, self.year = archive, year
        detail = archive.targets.library.get_or_none(year)
        self.exists = detail is not None
        self.name = self.form.add_row("name", tr("targets", "指标库名称"), QLineEdit())
        self.name.setPlaceholderText(tr("targets", "{0}年度党支部目标管理考核指标").format(year))
        self.issued_by = self.form.add_row("issued_by", tr("targets", "制定单位"), QLineEdit())
        self.issued_by.setPlaceholderText(tr("targets", "如 中共××镇委员会"))
        self.note_edit = self.form.add_row("note", tr("targets", "说明"), text_box(90))
        if detail is not None:
            self.name.setText(detail.name)
            self.issued_by.setText(detail.issued_by)
            self.note_edit.setPlainText(detail.note)

    def commit(self) -> int:
        library = self.archive.targets.library
        if not self.exists:
            return library.create(self.year, self.name.text(), [], self.issued_by.text(), self.note_edit.toPlainText())
        library.save_info(self.year, self.name.text(), self.issued_by.text(), self.note_edit.toPlainText())
        return library.library_id(self.year)
