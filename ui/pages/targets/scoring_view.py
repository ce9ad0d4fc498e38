"""The 评分 part of the inspection editor: the scoring sheet, and for the selected row its
scoring rule, the auto-measure's suggestion with how it was computed, and its evidence
(records of the branch or files) — added, removed, opened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from branchdesk.errors import BranchDeskError
from branchdesk.targets import tenths_text

from ...errors import show_error
from ...text import tr
from ...toolkit import styles
from ...toolkit.actions import button
from ...toolkit.tables import row_height
from .common import on_enter
from .evidence_dialog import EvidencePickDialog
from .records_list import RecordsList, from_evidence
from .score_model import ScoreModel, suggestion_text


class ScoringView(QSplitter):
    def __init__(self, editor):
        super().__init__(Qt.Orientation.Horizontal)
        self.editor = editor
        self.model = ScoreModel(self)
        self.table = QTableView()
        self.table.setObjectName("score_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Enter (and typing, or a double click) edits a score: the keyboard is enough
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(row_height())
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        for n, (_, _, width) in enumerate(ScoreModel.COLUMNS):
            self.table.setColumnWidth(n, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_row())
        self.table.doubleClicked.connect(self._double_clicked)
        on_enter(self.table, self.edit_current)

        self.about = QLabel()
        self.about.setObjectName("score_about")
        self.about.setWordWrap(True)
        self.about.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.about.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.adopt_button = button(tr("targets", "采用建议分为自评分"), self.adopt_suggestion, "adopt_suggestion")
        self.evidence = RecordsList("evidence_table", tr("targets", "佐证（双击打开）："))
        self.evidence.opened.connect(self.open_evidence)
        self.evidence_buttons = {
            "link": button(tr("targets", "关联记录…"), self.link_record, "evidence_link"),
            "file": button(tr("targets", "添加附件…"), self.add_file, "evidence_file"),
            "measured": button(tr("targets", "计入计量记录"), self.add_measured, "evidence_measured"),
            "remove": button(tr("targets", "移除"), self.remove_evidence, "evidence_remove"),
        }
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(4, 0, 0, 0)
        side_layout.addWidget(self.about)
        side_layout.addWidget(self.adopt_button, 0, Qt.AlignmentFlag.AlignLeft)
        side_layout.addWidget(self.evidence, 1)
        rows = [list(self.evidence_buttons.values())[:2], list(self.evidence_buttons.values())[2:]]
        for row in rows:
            line = QHBoxLayout()
            for widget in row:
                line.addWidget(widget)
            line.addStretch(1)
            side_layout.addLayout(line)
        self.addWidget(self.table)
        self.addWidget(side)
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 0)
        self.setSizes([640, 270])

    # -- showing ---------------------------------------------------------------
    def set_detail(self, detail, measures: dict, editable: bool) -> None:
        current = self.table.currentIndex()
        self.model.set_scores(detail.scores, measures, editable)
        if not current.isValid() and self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, self.model.column_of("score")))
        self.show_row()

    def current_row(self):
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def select_code(self, code: str, key: str = "score") -> None:
        row = self.model.row_of_code(code)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, self.model.column_of(key)))

    def show_row(self) -> None:
        row = self.current_row()
        editable = self.model.editable
        if row is None:
            self.about.setText(tr("targets", "选择一行，查看评分标准、自动计量和佐证。"))
            self.evidence.set_records([])
            self.adopt_button.setVisible(False)
            for widget in self.evidence_buttons.values():
                widget.setEnabled(False)
            return
        result = self.model.measures.get(row.code)
        lines = [tr("targets", "<b>{0} {1}</b>（{2} 分）").format(row.code, row.name, tenths_text(row.points_x10)),
                 tr("targets", "评分标准：{0}").format(row.scoring_rule or "—")]
        if row.target_text:
            lines.append(tr("targets", "年度目标：{0}").format(row.target_text))
        if result is not None:
            lines.append(tr("targets", "自动计量：{0}").format(suggestion_text(result, row.points_x10)))
            lines.append(f"<span style='color:{styles.HINT_GREY}'>{result.explanation}</span>")
        elif row.measured_text:
            lines.append(tr("targets", "计量（归档时）：{0}").format(row.measured_text))
        self.about.setText("<br>".join(lines))
        suggested = result.suggested_x10(row.points_x10) if result is not None else None
        self.adopt_button.setVisible(suggested is not None and editable)
        self.evidence.set_records(from_evidence(row.evidence))
        for key, widget in self.evidence_buttons.items():
            widget.setEnabled(editable and (key != "measured" or result is not None))

    def edit_current(self) -> None:
        """Enter on a cell: edit it, or say why it cannot change."""
        index = self.table.currentIndex()
        if not index.isValid():
            return
        if self.model.flags(index) & Qt.ItemFlag.ItemIsEditable:
            self.table.edit(index)
        else:
            self.editor.explain_locked()

    def _double_clicked(self, index) -> None:
        if not (self.model.flags(index) & Qt.ItemFlag.ItemIsEditable):
            self.editor.explain_locked()

    # -- actions ---------------------------------------------------------------
    def adopt_suggestion(self) -> bool:
        row = self.current_row()
        result = self.model.measures.get(row.code) if row is not None else None
        if result is None or result.suggested_x10(row.points_x10) is None:
            return False
        return self.editor.set_score(row, "self_score", tenths_text(result.suggested_x10(row.points_x10)))

    def link_record(self) -> int | None:
        row = self.current_row()
        if row is None:
            return None
        dialog = EvidencePickDialog(self.editor.archive, row.id, self.editor.summary.year, parent=self)
        self.last_dialog = dialog
        if dialog.exec() and dialog.saved_id is not None:
            self.editor.reload()
            return dialog.saved_id
        return None

    def add_file(self, path: str | None = None) -> int | None:
        row = self.current_row()
        if row is None:
            return None
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, tr("targets", "选择佐证文件"), str(Path.home()))
        if not path:
            return None
        try:
            evidence_id = self.editor.archive.targets.inspections.add_evidence_file(row.id, path)
        except (BranchDeskError, OSError) as error:
            show_error(self, error, tr("targets", "不能添加附件"))
            return None
        self.editor.reload()
        return evidence_id

    def add_measured(self) -> int:
        row = self.current_row()
        if row is None:
            return 0
        added = []
        if self.editor.page.run(lambda: added.append(
                self.editor.archive.targets.inspections.add_measure_evidence(self.editor.inspection_id, row.code))):
            self.editor.reload()
            self.editor.say(tr("targets", "已把自动计量计入的 {0} 条记录列为「{1}」的佐证。").format(added[0], row.code))
        return added[0] if added else 0

    def remove_evidence(self) -> bool:
        record = self.evidence.selected()
        if record is None or record.evidence_id is None:
            return False
        if self.editor.page.run(self.editor.archive.targets.inspections.remove_evidence, record.evidence_id):
            self.editor.reload()
            return True
        return False

    def open_evidence(self, record) -> None:
        if record.kind != "file":
            self.editor.page.open_record(record)
            return
        try:
            path = self.editor.archive.targets.inspections.evidence_file(record.evidence_id)
        except BranchDeskError as error:
            show_error(self, error)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
