"""帮助: the built-in 使用说明 (resources/help/manual.html, no network needed) and the
关于 box. F1 opens the manual at the section of the page on screen; the 帮助 menu has
both. ``install_help(window)`` adds them to a main window; the dialogs' widgets are loaded
when first opened (ui/help_dialog.py), not at the window's start."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence

import branchdesk

from .text import tr

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from .help_dialog import HelpDialog

# The manual's section (its anchor) for each page of the navigation.
PAGE_SECTIONS = {
    "home": "home", "meetings": "meetings", "life": "life", "targets": "targets", "ledger": "ledger",
    "dues": "dues", "election": "election", "masses": "masses", "members": "members", "archive": "archive", "settings": "settings",
    "dashboard": "upper", "recruitment": "upper", "browser": "upper", "intake": "upper",
}
# What ships with the program under its own licence (the files sit beside the data).
BUNDLED_LICENCES = [
    ("AR PL UMing 字体", "Arphic Public License", "resources/fonts/arphic-uming-ukai.LICENSE.txt"),
    ("霞鹜文楷字体", "SIL OFL 1.1", "resources/fonts/lxgw-wenkai.LICENSE.txt"),
    ("文泉驿微米黑字体", "Apache-2.0（或 GPLv3 附字体例外）", "resources/fonts/wqy-microhei.LICENSE.txt"),
    ("花园明朝（HanaMinA 子集、HanaMinB）字体", "Hanazono Font License / SIL OFL 1.1", "resources/fonts/hanazono.LICENSE.txt"),
    ("Unicode 汉字数据库（Unihan）笔画数据", "Unicode 数据文件许可协议", "resources/unihan/LICENSE.txt"),
    ("pypinyin 拼音数据", "MIT", "随 pypinyin 程序包"),
]


def version() -> str:
    return branchdesk.__version__


def open_help(window, section: str | None = None) -> HelpDialog:
    """Show the manual (one dialog per window, kept open beside the work) at ``section``,
    by default the current page's."""
    dialog = getattr(window, "help_dialog", None)
    if dialog is None:
        from .help_dialog import HelpDialog  # its widgets are loaded when first asked for

        dialog = window.help_dialog = HelpDialog(window)
        screen = window.screen().availableGeometry() if window.screen() else None
        width, height = (760, 600) if screen is None else (min(760, screen.width() - 60), min(640, screen.height() - 80))
        dialog.resize(width, height)
    if section is None:
        current = getattr(window, "current_page_key", lambda: "")()
        section = PAGE_SECTIONS.get(current, "first_steps")
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    dialog.show_section(section)
    return dialog


def about_text() -> str:
    rows = "".join(f"<li>{what}：{licence}（{where}）</li>" for what, licence, where in BUNDLED_LICENCES)
    return (f"<h3>BranchDesk 党支部工作台</h3><p>版本 {version()}</p>"
            "<p>党支部三会一课、组织生活会、民主评议、目标管理和整改台账的记录与上报工具，离线使用。</p>"
            f"<p>随软件提供的字体和数据及其许可：</p><ul>{rows}</ul>"
            "<p>本软件不得用于存储、处理涉密信息。</p>")


def about_box(window) -> QMessageBox:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(window)
    box.setObjectName("about_box")
    box.setWindowTitle(tr("help", "关于 BranchDesk"))
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(about_text())
    box.addButton(tr("help", "确定"), QMessageBox.ButtonRole.AcceptRole)
    return box


def install_help(window) -> None:
    """The 帮助 menu (使用说明 F1, 关于) on ``window``'s menu bar."""
    menu = window.menuBar().addMenu(tr("help", "帮助(&H)"))
    menu.setObjectName("help_menu")
    manual = menu.addAction(tr("help", "使用说明"), lambda: open_help(window))
    # setShortcuts: choosing among setShortcut's overloads builds all of Qt's enums at every
    # start (ui/toolkit/by_name.py)
    manual.setShortcuts(QKeySequence.StandardKey.HelpContents)
    manual.setObjectName("help_manual")
    about = menu.addAction(tr("help", "关于 BranchDesk…"), lambda: about_box(window).exec())
    about.setObjectName("help_about")
    window.help_menu = menu
