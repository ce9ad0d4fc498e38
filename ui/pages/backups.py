"""备份与恢复: see the backups, make one now (here or on a USB stick), restore one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from branchdesk.errors import StorageError
from branchdesk.labels import backup_reason_label
from branchdesk.safety import rotation as backup_rotation
from branchdesk.safety.backup import verify_backup

from ..errors import show_error
from ..text import tr
from ..workers import run_in_background

PATH_ROLE = Qt.ItemDataRole.UserRole


def size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(size // 1024, 1)} KB"


class BackupsTab(QWidget):
    def __init__(self, archive, window=None):
        super().__init__()
        self.archive = archive
        self.window_ = window
        self.summary = QLabel()
        self.summary.setObjectName("backup_summary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("backup_table")
        self.table.setHorizontalHeaderLabels([tr("backups", t) for t in ("时间", "类型", "大小", "文件")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.backup_now = QPushButton(tr("backups", "立即备份"))
        self.backup_now.clicked.connect(lambda: self.start_backup(None))
        self.backup_usb = QPushButton(tr("backups", "备份到 U 盘或文件夹…"))
        self.backup_usb.clicked.connect(self.choose_backup_folder)
        self.restore_selected = QPushButton(tr("backups", "从所选备份恢复…"))
        self.restore_selected.clicked.connect(self.restore_from_selection)
        self.restore_file = QPushButton(tr("backups", "从其他备份文件恢复…"))
        self.restore_file.clicked.connect(self.choose_restore_file)
        buttons = QHBoxLayout()
        for button in (self.backup_now, self.backup_usb, self.restore_selected, self.restore_file):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.last_result: Path | None = None
        self.refresh()

    def refresh(self) -> None:
        backups = backup_rotation.list_backups(self.archive.layout.backups)
        newest = backup_rotation.last_backup(self.archive)
        lines = [tr("backups", "备份文件夹：{0}").format(self.archive.layout.backups)]
        if newest is not None:
            lines.append(tr("backups", "最近一次备份：{0:%Y-%m-%d %H:%M}（{1}）").format(newest.taken_at, newest.path))
        warning = backup_rotation.backup_age_warning(self.archive)
        if warning:
            lines.append(f"<b>{warning}</b>")
        lines.append(tr("backups", "自动备份保留规则：{0}").format(backup_rotation.policy_of(self.archive).describe()))
        if self.archive.read_only:
            lines.append(tr("backups", "档案库以只读方式打开：可以备份，不能恢复。"))
        self.summary.setText("<br>".join(lines))
        self.table.setRowCount(len(backups))
        for row, info in enumerate(backups):
            cells = [f"{info.taken_at:%Y-%m-%d %H:%M:%S}", tr("backups", backup_reason_label(info.reason)), size_text(info.size), info.path.name]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(PATH_ROLE, str(info.path))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        for button in (self.restore_selected, self.restore_file):
            button.setEnabled(not self.archive.read_only)

    # -- backing up ------------------------------------------------------------
    def choose_backup_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("backups", "选择 U 盘或文件夹"), str(Path.home()))
        if folder:
            self.start_backup(folder)

    def start_backup(self, folder: str | None):
        """Back up in a worker; ``folder`` None means the archive's own backups folder."""
        self.backup_now.setEnabled(False)
        self.backup_usb.setEnabled(False)

        def work(progress):
            # The worker only copies; the note of where the backup went is written below,
            # on the GUI thread that owns the archive's connection.
            return self.archive.backup_to(folder, progress=lambda done, total: progress(done, total, ""), remember=False)

        def done(path) -> None:
            self.archive.remember_backup(path)
            self.last_result = path
            self._enable()
            self.refresh()
            QMessageBox.information(self, tr("backups", "备份完成"), tr("backups", "备份已写入并核对无误：\n{0}").format(path))

        def failed(error) -> None:
            self._enable()
            show_error(self, error, tr("backups", "备份失败"))

        return run_in_background(self, tr("backups", "正在备份…"), work, done, failed, db=self.archive.db)

    def _enable(self) -> None:
        self.backup_now.setEnabled(True)
        self.backup_usb.setEnabled(True)

    # -- restoring -------------------------------------------------------------
    def restore_from_selection(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            QMessageBox.information(self, tr("backups", "恢复"), tr("backups", "请先在列表中选择一份备份。"))
            return
        self.confirm_restore(Path(self.table.item(rows[0].row(), 0).data(PATH_ROLE)))

    def choose_restore_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("backups", "选择备份文件"), str(Path.home()), tr("backups", "BranchDesk 备份 (*.sqlite3)")
        )
        if path:
            self.confirm_restore(Path(path))

    def confirm_restore(self, path: Path, ask: bool = True) -> bool:
        """Check the file first; after the user agrees, the window closes, restores and reopens."""
        problem = verify_backup(path)
        if problem:
            message = tr("backups", "备份文件 {0} 不能用于恢复：{1}。当前档案库没有任何改动。").format(path.name, problem)
            show_error(self, StorageError(message))
            return False
        if ask:
            answer = QMessageBox.question(
                self,
                tr("backups", "确认恢复"),
                tr(
                    "backups",
                    "将用备份 {0} 替换当前档案库。\n当前档案库会先备份，并原样保留在旁边，不会删除。\n程序将关闭并重新打开档案库。是否继续？",
                ).format(path.name),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        if self.window_ is not None:
            self.window_.request_restore(path)
        return True
