"""The one translator of domain errors into messages the user can act on."""

from __future__ import annotations

import logging
import traceback

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from branchdesk.errors import BranchDeskError, ValidationErrors

from .text import tr

log = logging.getLogger("branchdesk.ui")


def message_for(error: BaseException) -> str:
    if isinstance(error, ValidationErrors):
        return "\n".join(f"• {e.message()}" for e in error.errors)
    if isinstance(error, BranchDeskError):
        return error.message()
    if isinstance(error, OSError):
        # The system's own words (strerror) are English: they go to the log, the user reads Chinese.
        log.warning("file operation failed: %s", error)
        where = f"（{error.filename}）" if error.filename else ""
        return tr("errors", "文件操作失败{0}。请检查文件或文件夹是否存在、是否有写入权限、磁盘是否已满，U 盘是否插好。").format(where)
    return tr("errors", "发生了意外错误，已保存的数据没有受到影响。请把下面的详细信息复制给维护人员。")


def show_error(parent: QWidget | None, error: BaseException, title: str = "") -> None:
    """Known errors get their Chinese message; unexpected ones a dialog with copyable details."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or tr("errors", "无法完成"))
    box.setText(message_for(error))
    if not isinstance(error, (BranchDeskError, OSError)):
        details = "".join(traceback.format_exception(error))
        log.error("unexpected error\n%s", details)
        box.setDetailedText(details)
        copy = box.addButton(tr("errors", "复制详细信息"), QMessageBox.ButtonRole.ActionRole)
        copy.clicked.disconnect()
        copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
    box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()
