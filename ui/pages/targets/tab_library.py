"""指标库: the year's 标杆指标库 as a two-level tree (points, 评分标准, 佐证材料,
auto-measure); rows added, changed and removed through a dialog; import from and export
to a spreadsheet; a copy of the year before. A library already used by a filed
inspection is locked, and says so."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from branchdesk import export_names
from branchdesk.errors import BranchDeskError
from branchdesk.targets import tenths_text

from ...errors import show_error
from ...text import tr
from ...toolkit import styles
from ...toolkit.actions import button
from ...toolkit.exporting import ask_export_path, tell_exported
from .common import on_enter
from .indicator_dialog import IndicatorDialog, LibraryInfoDialog, without
from .library_import import LibraryImportDialog, read_library_file
from .library_model import RULE_COLUMN, WIDTHS, IndicatorTreeModel


class LibraryTab(QWidget):
    def __init__(self, page):
        super().__init__()
        self.page = page
        self.detail = None
        self.info = QLabel()
        self.info.setObjectName("library_info")
        self.info.setWordWrap(True)
        self.lock = QLabel()
        self.lock.setObjectName("library_lock")
        self.lock.setWordWrap(True)
        self.lock.setStyleSheet(styles.banner("warning"))
        self.model = IndicatorTreeModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("library_tree")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        for n, width in enumerate(WIDTHS):
            self.tree.setColumnWidth(n, width)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(RULE_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.tree.doubleClicked.connect(lambda _: self.edit())
        on_enter(self.tree, self.edit)
        delete = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.tree, activated=self.remove)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.create_button = button(tr("targets", "新建指标库…"), self.create, "library_create")
        self.copy_button = button(tr("targets", "复制上一年"), self.copy_previous, "library_copy")
        self.edit_buttons = {
            "add_first": button(tr("targets", "新增一级…"), lambda: self.add(1), "add_first"),
            "add_second": button(tr("targets", "新增二级…"), lambda: self.add(2), "add_second"),
            "edit": button(tr("targets", "修改…"), self.edit, "edit_indicator"),
            "remove": button(tr("targets", "删除"), self.remove, "remove_indicator"),
            "info": button(tr("targets", "名称与说明…"), self.edit_info, "library_info_edit"),
        }
        self.import_button = button(tr("targets", "从 Excel 导入…"), self.import_file, "library_import")
        self.export_button = button(tr("targets", "导出 Excel…"), self.export_file, "library_export")

        actions = QHBoxLayout()
        for widget in (self.create_button, self.copy_button, *self.edit_buttons.values()):
            actions.addWidget(widget)
        actions.addStretch(1)
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.lock)
        layout.addLayout(actions)
        layout.addWidget(self.tree, 1)

    # -- loading ---------------------------------------------------------------
    def load(self) -> None:
        library = self.page.archive.targets.library
        year = self.page.year
        keep = self.selected_id()
        self.detail = library.get_or_none(year)
        self.model.set_library(self.detail)
        self.tree.expandAll()
        writable = not self.page.archive.read_only
        exists = self.detail is not None
        previous = self._previous_year()
        self.create_button.setVisible(not exists)
        self.create_button.setEnabled(writable)
        self.copy_button.setVisible(not exists)
        self.copy_button.setEnabled(writable and previous is not None)
        self.copy_button.setText(tr("targets", "复制 {0} 年度指标库").format(previous) if previous
                                 else tr("targets", "复制上一年"))
        editable = exists and self.detail.editable and writable
        for widget in self.edit_buttons.values():
            widget.setVisible(exists)
            widget.setEnabled(editable)
        self.import_button.setEnabled(writable and (not exists or self.detail.editable))
        self.export_button.setEnabled(exists and bool(self.detail.indicators))
        if not exists:
            self.info.setText(tr("targets", "{0} 年度还没有指标库。可以新建、从上级下发的 Excel 文件导入，或复制上一年度的指标库。")
                              .format(year))
        else:
            d = self.detail
            issued = tr("targets", "，制定单位：{0}").format(d.issued_by) if d.issued_by else ""
            self.info.setText(tr("targets", "<b>{0}</b>{1}。一级指标 {2} 项、二级指标 {3} 项，合计 {4} 分。").format(
                d.name, issued, len(d.firsts), len(d.seconds), tenths_text(d.total_points_x10)))
        self.lock.setText(self.locked_reason())
        self.lock.setVisible(bool(self.lock.text()))
        if keep is not None:
            self.select(keep)

    def locked_reason(self) -> str:
        if self.detail is not None and self.detail.locked_reason:
            return self.detail.locked_reason
        if self.page.archive.read_only:
            return tr("targets", "档案库以只读方式打开，指标库不能修改。")
        return ""

    def _previous_year(self) -> int | None:
        years = [y for y in self.page.archive.targets.library.years() if y < self.page.year]
        return max(years) if years else None

    def selected_id(self) -> int | None:
        row = self.model.row_for(self.tree.currentIndex())
        return row.id if row is not None else None

    def select(self, indicator_id: int) -> None:
        index = self.model.index_of(indicator_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)

    # -- actions ---------------------------------------------------------------
    def _refuse_if_locked(self) -> bool:
        """A locked library says why instead of opening a dialog."""
        reason = self.locked_reason()
        if reason:
            QMessageBox.information(self, tr("targets", "指标库不能修改"), reason)
        return bool(reason)

    def _after(self, dialog) -> int | None:
        if dialog.exec() and dialog.saved_id is not None:
            self.page.library_changed()
            self.select(dialog.saved_id)
            return dialog.saved_id
        return None

    def create(self) -> int | None:
        return self._after(LibraryInfoDialog(self.page.archive, self.page.year, self))

    def edit_info(self) -> int | None:
        if self.detail is None or self._refuse_if_locked():
            return None
        return self._after(LibraryInfoDialog(self.page.archive, self.page.year, self))

    def add(self, level: int) -> int | None:
        if self.detail is None or self._refuse_if_locked():
            return None
        if level == 2 and not self.detail.firsts:
            QMessageBox.information(self, tr("targets", "新增二级指标"), tr("targets", "请先新增一级指标。"))
            return None
        current = self.model.row_for(self.tree.currentIndex())
        parent_id = (current.parent_id or current.id) if current is not None else None
        return self._after(IndicatorDialog(self.page.archive, self.page.year, level, parent_id=parent_id, parent=self))

    def edit(self) -> int | None:
        row = self.model.row_for(self.tree.currentIndex())
        if row is None or self._refuse_if_locked():
            return None
        return self._after(IndicatorDialog(self.page.archive, self.page.year, row.level, row.id, parent=self))

    def remove(self) -> bool:
        row = self.model.row_for(self.tree.currentIndex())
        if row is None or self._refuse_if_locked():
            return False
        if row.level == 1:
            question = tr("targets", "删除一级指标「{0} {1}」及其下 {2} 项二级指标吗？").format(
                row.code, row.name, len(self.detail.children(row.id)))
        else:
            question = tr("targets", "删除二级指标「{0} {1}」吗？所属一级指标「{2}」的分值相应减少 {3} 分。").format(
                row.code, row.name, row.parent_name, row.points_text)
        question += tr("targets", "\n年度目标计划和未归档的检查考核中的这些指标也一并删除。")
        if QMessageBox.question(self, tr("targets", "删除指标"), question) != QMessageBox.StandardButton.Yes:
            return False
        try:
            self.page.archive.targets.library.save(self.page.year, without(self.detail, row.id))
        except BranchDeskError as error:
            show_error(self, error, tr("targets", "不能删除"))
            return False
        self.page.library_changed()
        return True

    def copy_previous(self) -> int | None:
        source = self._previous_year()
        if source is None:
            return None
        try:
            new_id = self.page.archive.targets.library.copy(source, self.page.year)
        except BranchDeskError as error:
            show_error(self, error, tr("targets", "不能复制"))
            return None
        self.page.library_changed()
        return new_id

    def import_file(self, path: str | None = None) -> None:
        if self.detail is not None and self._refuse_if_locked():
            return
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, tr("targets", "选择指标库文件"), str(Path.home()),
                                                  tr("targets", "Excel 文件 (*.xlsx)"))
        if path:
            self.preview_job = read_library_file(self, path, self.show_preview)

    def show_preview(self, checked) -> LibraryImportDialog:
        dialog = LibraryImportDialog(self.page.archive, checked, self.page.year, self)
        self.last_import = dialog
        if dialog.exec() and dialog.imported_id is not None:
            self.page.library_changed()
            QMessageBox.information(self, tr("targets", "导入完成"), tr("targets", "已导入 {0} 年度指标库，共 {1} 项指标。").format(
                self.page.year, len(checked.rows)))
        return dialog

    def export_file(self, path: str | None = None) -> str | None:
        from branchdesk.targets import library_xlsx

        if self.detail is None:
            return None
        if not path:
            name = export_names.indicator_library(self.page.year, self.detail.name) + ".xlsx"
            path = ask_export_path(self, self.page.archive, tr("targets", "导出指标库"), name,
                                   tr("targets", "Excel 文件 (*.xlsx)"))
        if not path:
            return None
        try:
            library_xlsx.export_xlsx(self.detail, path)
        except (BranchDeskError, OSError) as error:
            show_error(self, error, tr("targets", "导出失败"))
            return None
        tell_exported(self, tr("targets", "导出完成"), tr("targets", "指标库已导出到：\n{0}").format(path), Path(path))
        return path
