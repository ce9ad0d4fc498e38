"""Roster import: pick a file, see every row and every problem, then import all or nothing."""

from __future__ import annotations

from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from branchdesk.roster import files as roster_io
from branchdesk.roster import idnumber
from branchdesk.text import sentences

from ..errors import show_error
from ..text import tr
from ..toolkit import styles
from ..workers import run_in_background


class RosterImportDialog(QDialog):
    def __init__(self, archive, checked: roster_io.RosterPreview, parent=None):
        super().__init__(parent)
        self.archive = archive
        self.checked = checked
        self.imported_ids: list[int] = []
        self.setWindowTitle(tr("roster_import", "导入党员名册 — 预览"))
        self.resize(900, 560)
        bad = len(checked.bad_rows)
        summary = tr("roster_import", "文件 {0}：共 {1} 行，{2} 行有问题。").format(checked.path.name, len(checked.rows), bad)
        if checked.new_groups:
            summary += tr("roster_import", " 将新建党小组：{0}。").format("、".join(checked.new_groups))
        # Which sheet was read, which rows were left out, which columns were used: all said.
        summary += "".join(f"\n{line}" for line in checked.notes + checked.column_lines)
        if bad:
            summary += tr("roster_import", "\n请在原文件中改正标红的行后重新导入；在全部正确之前不会导入任何人。")
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)

        self.table = QTableWidget(len(checked.rows), 6)
        self.table.setHorizontalHeaderLabels(
            [tr("roster_import", t) for t in ("行号", "姓名", "公民身份号码", "入党日期", "党小组", "检查结果")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        for position, row in enumerate(checked.rows):
            cells = [
                str(row.row_number),
                row.form.name,
                idnumber.mask(idnumber.normalise(row.form.id_number)),
                row.form.joined_on.isoformat() if row.form.joined_on else "",
                row.group_name,
                sentences(row.problems) if row.problems else tr("roster_import", "可以导入"),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if row.problems:
                    item.setBackground(QBrush(styles.ROW_REFUSED))
                    item.setToolTip("\n".join(row.problems))
                self.table.setItem(position, column, item)
        self.table.resizeColumnsToContents()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(tr("roster_import", "导入 {0} 名党员").format(len(checked.rows)))
        self.import_button.setEnabled(checked.can_import)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("roster_import", "取消"))
        buttons.accepted.connect(self.do_import)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    def do_import(self) -> None:
        """Import in the background (a backup is taken first); the dialog closes when done."""
        self.import_button.setEnabled(False)

        def done(ids) -> None:
            self.imported_ids = ids
            self.accept()

        def failed(error) -> None:
            self.import_button.setEnabled(self.checked.can_import)
            show_error(self, error, tr("roster_import", "导入失败，没有导入任何人"))

        self.job = run_in_background(
            self, tr("roster_import", "正在导入…"), lambda progress: roster_io.apply(self.archive, self.checked),
            done, failed, db=self.archive.db, cancellable=False,
        )
