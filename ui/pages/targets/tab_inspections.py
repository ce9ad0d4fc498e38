"""检查考核: the year's inspections with their state and totals (what is still expected
is said above the list), and the editor of the one opened."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from branchdesk import clock
from branchdesk.targets import PERIOD_KINDS, InspectionHeader, Period, periods_of, tenths_text

from ...text import tr
from ...toolkit import styles
from ...toolkit.actions import button
from ...toolkit.forms import DateField, FormDialog, read_dates
from ...toolkit.models.ids_model import Col, IdsModel
from ...toolkit.tables import read_only_table, select_id, selected_id
from ...toolkit.unsaved import ask_before_leaving
from .common import on_enter
from .inspection_editor import InspectionEditor


class NewInspectionDialog(FormDialog):
    """A period of the year not yet inspected, and who inspects when."""

    def __init__(self, archive, year: int, parent=None, asked: Period | None = None):
        super().__init__(tr("targets", "新建 {0} 年度检查考核").format(year), parent, width=560, height=320)
        self.archive, self.year = archive, year
        self.period = self.form.add_row("period", tr("targets", "考核周期 *"), QComboBox())
        inspections = archive.targets.inspections
        preferred = None
        for kind in ("half", "quarter", "year"):
            for period in periods_of(year, kind):
                if inspections.find(period) is None:
                    self.period.addItem(f"{period.label}（{PERIOD_KINDS[kind]}）", period)
                    if preferred is None and kind == "half" and period.end >= clock.today().replace(day=1):
                        preferred = self.period.count() - 1
        if asked is not None:  # 首页: the period whose inspection is due
            wanted = next((i for i in range(self.period.count()) if self.period.itemData(i) == asked), None)
            preferred = wanted if wanted is not None else preferred
        self.period.setCurrentIndex(preferred if preferred is not None else 0)
        self.inspected_on = self.form.add_row("inspected_on", tr("targets", "检查日期"), DateField("inspected_on", "检查日期"))
        # today for this year's inspection, the year's last day for an earlier year's, none ahead
        if year <= clock.today().year:
            self.inspected_on.set_date(min(clock.today(), Period(year, "year", 1).end))
        self.inspectors = self.form.add_row("inspectors", tr("targets", "检查人"), QLineEdit())
        self.body = self.form.add_row("inspecting_body", tr("targets", "检查单位"), QLineEdit())
        self.body.setText(archive.branch.own().higher_org)
        note = QLabel(tr("targets", "考核表按 {0} 年度目标计划（没有计划时按指标库）逐项列出二级指标。").format(year))
        note.setWordWrap(True)
        self.form.layout_.addRow(note)

    def commit(self) -> int:
        from branchdesk.errors import ValidationError

        period = self.period.currentData()
        if period is None:
            raise ValidationError("period", "required", tr("targets", "{0} 年度的各个考核周期都已有检查考核。").format(self.year))
        day = read_dates(self.inspected_on)["inspected_on"]
        return self.archive.targets.inspections.create(
            period, InspectionHeader(day, self.inspectors.text(), self.body.text(), ""))


class InspectionsTab(QStackedWidget):
    def __init__(self, page):
        super().__init__()
        self.page = page
        self.gaps = QLabel()
        self.gaps.setObjectName("inspection_gaps")
        self.gaps.setWordWrap(True)
        self.gaps.setStyleSheet(styles.ERROR_TEXT)
        self.model = IdsModel([
            Col("考核周期", lambda s: s.period.label, 130),
            Col("检查日期", lambda s: s.inspected_on.isoformat() if s.inspected_on else "", 90),
            Col("状态", lambda s: s.state_label + (tr("targets", "（更正）") if s.corrects_id else ""), 90),
            Col("自评", lambda s: tenths_text(s.self_total_x10, "—"), 50),
            Col("得分", lambda s: tenths_text(s.total_x10, "—"), 50),
            Col("满分", lambda s: tenths_text(s.total_points_x10), 50),
            Col("等次", lambda s: s.grade or "—", 70),
            Col("考核指标", lambda s: s.library_name, 200),
        ], "targets", self)
        self.model.tint = lambda s: styles.ROW_DONE if s.filed else (styles.ROW_WARN if s.period.end < clock.today() else None)
        self.table = read_only_table(self.model, "inspection_table", stretch=7)
        self.table.doubleClicked.connect(lambda _: self.open_selected())
        on_enter(self.table, self.open_selected)
        self.new_button = button(tr("targets", "新建检查考核…"), self.new, "inspection_new")
        self.open_button = button(tr("targets", "打开"), self.open_selected, "inspection_open")
        self.count = QLabel()
        self.count.setObjectName("inspection_count")
        actions = QHBoxLayout()
        actions.addWidget(self.new_button)
        actions.addWidget(self.open_button)
        actions.addStretch(1)
        actions.addWidget(self.count)
        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.gaps)
        list_layout.addLayout(actions)
        list_layout.addWidget(self.table, 1)
        self.list_box = list_box
        self.editor = InspectionEditor(page)
        self.editor.back.connect(self.show_list)
        self.editor.changed.connect(lambda _: self.page.inspections_changed())
        self.editor.opened.connect(self.open)
        self.addWidget(list_box)
        self.addWidget(self.editor)

    def load(self, editor_too: bool = True) -> None:
        """The year's list again; ``editor_too``: the open inspection as well (not when
        the editor itself reports a change it has just shown)."""
        inspections = self.page.archive.targets.inspections
        keep = selected_id(self.table)
        ids = inspections.query_ids(self.page.year)
        self.model.set_ids(ids, inspections.summaries)
        filed = sum(1 for s in inspections.summaries(ids) if s.filed)
        self.count.setText(tr("targets", "共 {0} 次，已归档 {1} 次").format(len(ids), filed))
        gaps = [g.message for g in self.page.archive.targets.missing_inspections(clock.today())
                if g.period.year == self.page.year]
        self.gaps.setText("\n".join(gaps))
        self.gaps.setVisible(bool(gaps))
        self.new_button.setEnabled(not self.page.archive.read_only)
        if keep is not None:
            select_id(self.table, keep)
        if editor_too and self.currentWidget() is self.editor and self.editor.inspection_id is not None:
            self.editor.reload()

    def set_year(self) -> None:
        """Another year: back to its list."""
        self.setCurrentWidget(self.list_box)
        self.load()

    def show_list(self) -> None:
        self.setCurrentWidget(self.list_box)
        self.load()
        if self.editor.inspection_id is not None:
            select_id(self.table, self.editor.inspection_id)

    def open(self, inspection_id: int) -> InspectionEditor:
        editor = self.editor
        if editor.inspection_id != inspection_id and not ask_before_leaving(self, [editor]):
            return editor  # 取消: the inspection being edited stays
        summary = self.page.archive.targets.inspections.summary(inspection_id)
        if summary.year != self.page.year:
            self.page.set_year(summary.year)
        self.load()
        select_id(self.table, inspection_id)
        self.editor.open(inspection_id)
        self.setCurrentWidget(self.editor)
        return self.editor

    def open_selected(self) -> InspectionEditor | None:
        inspection_id = selected_id(self.table)
        return None if inspection_id is None else self.open(inspection_id)

    def new(self, period: Period | None = None) -> int | None:
        """The 新建检查 form; ``period`` (of the page's year) chosen when given."""
        dialog = NewInspectionDialog(self.page.archive, self.page.year, self, period)
        if dialog.exec() and dialog.saved_id is not None:
            self.page.inspections_changed()
            self.open(dialog.saved_id)
            return dialog.saved_id
        return None
