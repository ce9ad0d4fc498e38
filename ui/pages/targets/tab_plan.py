"""年度计划: the indicators the branch is held to this year and its target for each.
Auto-measured indicators show their value so far, met or not, the sentence saying how
it was computed, and the records behind it (open one with a double click)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QSplitter, QVBoxLayout, QWidget

from branchdesk import clock
from branchdesk.targets import Period, measure_labels, tenths_text

from ...text import tr
from ...toolkit import styles
from ...toolkit.actions import button
from ...toolkit.models.ids_model import Col, IdsModel
from ...toolkit.tables import read_only_table, select_id, selected_id
from .common import on_enter
from .plan_dialog import PlanItemDialog
from .records_list import RecordsList, from_refs


def met_text(result) -> str:
    """达标 / 未达标; while the period runs, a shortfall is 「暂未达标」 (it may yet be met)."""
    if result is None:
        return ""
    if result.met is None:
        return tr("targets", "未到期")
    if result.met:
        return tr("targets", "达标")
    return tr("targets", "暂未达标") if in_progress(result) else tr("targets", "未达标")


def in_progress(result) -> bool:
    return result.period.end >= clock.today()


class PlanTab(QWidget):
    def __init__(self, page):
        super().__init__()
        self.page = page
        self.plan = None
        self.results: dict[int, object] = {}  # plan item id -> MeasureResult
        self.info = QLabel()
        self.info.setObjectName("plan_info")
        self.info.setWordWrap(True)
        labels = measure_labels()
        self.model = IdsModel([
            Col("编号", lambda i: i.code, 48),
            Col("一级指标", lambda i: i.parent_name, 80),
            Col("二级指标", lambda i: i.name, 140),
            Col("分值", lambda i: tenths_text(i.points_x10), 40),
            Col("年度目标", lambda i: i.target_text, 190),
            Col("自动计量", lambda i: labels.get(i.measure, ""), 92),
            Col("当前值", lambda i: self._value(i), 70),
            Col("达标", lambda i: met_text(self.results.get(i.id)), 70),
        ], "targets", self)
        self.model.tint = self._tint
        self.table = read_only_table(self.model, "plan_table", stretch=4)
        self.table.selectionModel().selectionChanged.connect(self.show_item)
        self.table.doubleClicked.connect(lambda _: self.edit())
        on_enter(self.table, self.edit)
        self.explanation = QLabel()
        self.explanation.setObjectName("plan_explanation")
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.records = RecordsList("plan_records", tr("targets", "计入的记录（双击打开）："))
        self.records.opened.connect(self.page.open_record)
        self.buttons = {
            "adopt": button(tr("targets", "采用指标库制定计划"), self.adopt, "plan_adopt"),
            "edit": button(tr("targets", "修改目标…"), self.edit, "plan_edit"),
            "remove": button(tr("targets", "移出计划"), self.remove, "plan_remove"),
        }
        actions = QHBoxLayout()
        for widget in self.buttons.values():
            actions.addWidget(widget)
        actions.addStretch(1)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.explanation)
        detail_layout.addWidget(self.records, 1)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setSizes([400, 180])
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)

    def _value(self, item) -> str:
        result = self.results.get(item.id)
        return result.value_text if result is not None else ""

    def _tint(self, item):
        result = self.results.get(item.id)
        if result is None or result.met is None:
            return None
        if result.met:
            return styles.ROW_DONE
        return styles.ROW_PENDING if in_progress(result) else styles.ROW_WARN

    # -- loading ---------------------------------------------------------------
    def load(self) -> None:
        targets, year = self.page.archive.targets, self.page.year
        keep = selected_id(self.table)
        self.plan = targets.plans.get_or_none(year)
        library = targets.library.get_or_none(year)
        self.results = {}
        if self.plan is not None:
            # the whole year so far: the measures stop at today for the current year
            period = Period(year, "year", 1)
            for item, result in targets.measures_for(period, clock.today()):
                self.results[item.id] = result
            self.model.set_items(self.plan.items)
        else:
            self.model.set_items([])
        writable = not self.page.archive.read_only
        if self.plan is None:
            text = tr("targets", "{0} 年度目标计划尚未制定。").format(year)
            text += tr("targets", "点「采用指标库制定计划」，按 {0} 年度指标库的二级指标逐项列出目标。").format(year) if library \
                else tr("targets", "请先在「指标库」中建立 {0} 年度指标库。").format(year)
        else:
            measured = [r for r in self.results.values()]
            met = sum(1 for r in measured if r.met)
            text = tr("targets", "{0} 年度目标计划，采用「{1}」，共 {2} 项指标；自动计量 {3} 项，目前达标 {4} 项（截至 {5}）。").format(
                year, self.plan.library_name, len(self.plan.items), len(measured), met,
                min(clock.today(), Period(year, "year", 1).end).isoformat())
        self.info.setText(text)
        self.buttons["adopt"].setText(tr("targets", "补充指标库中新增的指标") if self.plan is not None
                                      else tr("targets", "采用指标库制定计划"))
        self.buttons["adopt"].setEnabled(writable and library is not None and (
            self.plan is None or len(self.plan.items) < len(library.seconds)))
        for key in ("edit", "remove"):
            self.buttons[key].setEnabled(writable and self.plan is not None)
        if keep is not None:
            select_id(self.table, keep)
        self.show_item()

    def selected_item(self):
        item_id = selected_id(self.table)
        return None if item_id is None else self.model.record(self.model.row_of(item_id))

    def show_item(self, *args) -> None:
        item = self.selected_item()
        result = self.results.get(item.id) if item is not None else None
        if item is None:
            self.explanation.setText(tr("targets", "选择一项指标，查看评分标准；自动计量的指标还显示计算方法和计入的记录。"))
            self.records.set_records([])
            self.records.setVisible(False)
            return
        lines = [tr("targets", "<b>{0} {1}</b>　评分标准：{2}").format(item.code, item.name, item.scoring_rule or "—")]
        if result is not None:
            lines.append(tr("targets", "自动计量「{0}」：{1}（目标 {2}，{3}）").format(
                result.label, result.value_text, result.target_text or item.target_text, met_text(result)))
            lines.append(result.explanation)
        self.explanation.setText("<br>".join(lines))
        self.records.set_records(from_refs(result.refs) if result is not None else [])
        self.records.setVisible(result is not None)

    # -- actions ---------------------------------------------------------------
    def adopt(self) -> int | None:
        if not self.page.run(self.page.archive.targets.plans.adopt_library, self.page.year):
            return None
        self.load()
        return self.plan.id if self.plan else None

    def edit(self) -> int | None:
        item = self.selected_item()
        if item is None:
            return None
        if self.page.archive.read_only:
            QMessageBox.information(self, tr("targets", "只读"), tr("targets", "档案库以只读方式打开，不能修改目标。"))
            return None
        dialog = PlanItemDialog(self.page.archive, item, measure_labels().get(item.measure, ""), self)
        if dialog.exec() and dialog.saved_id is not None:
            self.load()
            select_id(self.table, dialog.saved_id)
            return dialog.saved_id
        return None

    def remove(self) -> bool:
        item = self.selected_item()
        if item is None:
            return False
        question = tr("targets", "把「{0} {1}」移出 {2} 年度目标计划吗？指标库中的这项指标不受影响。").format(
            item.code, item.name, self.page.year)
        if QMessageBox.question(self, tr("targets", "移出计划"), question) != QMessageBox.StandardButton.Yes:
            return False
        if self.page.run(self.page.archive.targets.plans.remove_item, item.id):
            self.load()
            return True
        return False
