"""档案: every inspection period over the years — a table and the trend of totals with
the grade bands — and the papers: one inspection's 考核表, the year's archive."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QSplitter, QVBoxLayout, QWidget

from branchdesk.targets import tenths_text

from ...text import tr
from ...toolkit import styles
from ...toolkit.actions import button
from ...toolkit.fitting import FlowLayout
from ...toolkit.models.ids_model import Col, IdsModel
from ...toolkit.tables import read_only_table, selected_id
from .common import on_enter
from .trend_chart import TrendChart


def percent_text(summary) -> str:
    if summary.total_x10 is None or not summary.total_points_x10:
        return "—"
    return f"{summary.total_x10 * 100 / summary.total_points_x10:.1f}"


class ArchiveTab(QWidget):
    def __init__(self, page):
        super().__init__()
        self.page = page
        self.info = QLabel()
        self.info.setObjectName("archive_info")
        self.info.setWordWrap(True)
        self.model = IdsModel([
            Col("考核周期", lambda s: s.period.label, 120),
            Col("检查日期", lambda s: s.inspected_on.isoformat() if s.inspected_on else "", 90),
            Col("状态", lambda s: s.state_label, 60),
            Col("自评", lambda s: tenths_text(s.self_total_x10, "—"), 48),
            Col("得分", lambda s: tenths_text(s.total_x10, "—"), 48),
            Col("满分", lambda s: tenths_text(s.total_points_x10), 48),
            Col("百分制", percent_text, 56),
            Col("等次", lambda s: s.grade or "—", 64),
            Col("考核指标", lambda s: s.library_name, 200),
        ], "targets", self)
        self.model.tint = lambda s: styles.ROW_DONE if s.filed else None
        self.table = read_only_table(self.model, "archive_table")
        self.table.doubleClicked.connect(lambda _: self.open_selected())
        on_enter(self.table, self.open_selected)
        self.chart = TrendChart()
        self.inspection_pdf = button(tr("targets", "导出考核表 PDF…"), self.export_inspection, "archive_inspection_pdf")
        self.inspection_preview = button(tr("targets", "预览 / 打印考核表…"), self.preview_inspection,
                                         "archive_inspection_preview")
        self.year_pdf = button(tr("targets", "导出年度目标管理档案 PDF…"), self.export_year, "archive_year_pdf")
        self.year_preview = button(tr("targets", "预览 / 打印年度档案…"), self.preview_year, "archive_year_preview")
        actions = FlowLayout()  # four buttons: a second line on a narrow screen
        for widget in (self.inspection_preview, self.inspection_pdf, self.year_preview, self.year_pdf):
            actions.addWidget(widget)
        # the table above, the chart below it at full width: the years read left to right
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([200, 330])
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)

    def load(self) -> None:
        targets = self.page.archive.targets
        years = targets.years()
        if years:
            points = targets.trend(min(years), max(years))
        else:
            points = []
        ids = [p.inspection_id for p in points]
        self.model.set_ids(ids, targets.inspections.summaries)
        self.chart.set_points(points, targets.thresholds())
        filed = sum(1 for p in points if p.filed)
        if points:
            self.info.setText(tr("targets", "{0}—{1} 年共 {2} 个考核周期，已归档 {3} 个；双击一行打开。等次标准：{4}。").format(
                min(years), max(years), len(points), filed, targets.thresholds().sentence()))
        else:
            self.info.setText(tr("targets", "还没有检查考核记录。"))
        self.inspection_pdf.setEnabled(bool(ids))
        self.inspection_preview.setEnabled(bool(ids))
        self.year_pdf.setText(tr("targets", "导出 {0} 年度目标管理档案 PDF…").format(self.page.year))
        self.year_preview.setText(tr("targets", "预览 / 打印 {0} 年度档案…").format(self.page.year))

    def open_selected(self) -> None:
        inspection_id = selected_id(self.table)
        if inspection_id is not None:
            self.page.open_inspection(inspection_id)

    def _chosen_inspection(self, title: str) -> int | None:
        inspection_id = selected_id(self.table)
        if inspection_id is None:
            QMessageBox.information(self, title, tr("targets", "请先在列表中选择一次检查考核。"))
        return inspection_id

    def export_inspection(self, path: str | None = None) -> bool:
        inspection_id = self._chosen_inspection(tr("targets", "导出考核表"))
        return inspection_id is not None and self.page.exports.inspection(inspection_id, path)

    def preview_inspection(self) -> bool:
        inspection_id = self._chosen_inspection(tr("targets", "预览考核表"))
        return inspection_id is not None and self.page.exports.preview_inspection(inspection_id)

    def export_year(self, path: str | None = None) -> bool:
        return self.page.exports.year(self.page.year, path)

    def preview_year(self) -> bool:
        return self.page.exports.preview_year(self.page.year)
