"""Opening a data package (.bdx) from the desktop: a double-click runs
``BranchDesk 文件.bdx`` (the .deb's MIME type, the Windows installer's association),
and the window opens on 导入与登记 with the import of those files under way, exactly
as if they had been picked with 「导入数据包…」. A package only goes into an upper-level
archive: a branch archive, or one opened read-only, says so in Chinese and changes nothing."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from .text import tr

TITLE = "打开数据包"


def refusal(window) -> str | None:
    """Why ``window`` cannot import a package now, or None."""
    if window.mode != "upper":
        return tr("bundle_opening", "这里打开的是支部档案库，数据包（.bdx）要在上级党委的「上级汇总」档案库中导入。"
                                    "请在上级汇总的电脑上双击这个文件；支部自己不需要导入它。")
    if window.archive.read_only:
        return tr("bundle_opening", "档案库现在只读打开，不能导入数据包。请关闭其他正在使用它的窗口后再双击这个文件。")
    return None


def open_bundles(window, paths: list[str], ask: bool = True):
    """Start importing ``paths`` in ``window``; returns the import job, or None when refused
    (the reason shown in a message box when ``ask``, else only returned through ``refusal``)."""
    reason = refusal(window)
    if reason is not None:
        if ask:
            QMessageBox.information(window, tr("bundle_opening", TITLE), reason)
        return None
    page = window.show_page("intake")
    return page.import_files(list(paths))
