"""A new secretary's first hour, through the program as it starts (ui.app.run) from an empty
folder: the wizard takes the branch, its committee of three and two more members (赵𠮷 among
them), then the first 支委会 is recorded with one absence and a vote, finalised and exported
as PDF. Every click and key press beyond the text typed is counted (tests/e2e/user.py): the
whole job must take at most 45 (issue 13)."""

from __future__ import annotations

import argparse
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from tests.e2e.user import CountingUser, Journey, modal, top_level
from tests.helpers import make_id
from ui import app as app_module
from ui.main_window import MainWindow
from ui.wizard import FirstRunWizard

MOST_ACTIONS = 45
COMMITTEE = [  # name, ID number, 入党日期, 转正日期 (the post follows the row: 书记, 副书记/组织委员 …)
    ("赵𠮷", make_id(dt.date(1970, 3, 1), 111), "1995-07-01", "1996-07-01"),
    ("钱二", make_id(dt.date(1975, 5, 2), 122), "2000-06-30", "2001-07-01"),
    ("孙三", make_id(dt.date(1980, 8, 3), 133), "2005-06-30", "2006-07-01"),
]
OTHERS = [
    ("李四", make_id(dt.date(1985, 1, 4), 144), "2010-06-30", "2011-07-01"),
    ("周五", make_id(dt.date(1999, 2, 5), 155), "2026-06-30", ""),  # 预备党员
]


def args_for(data_dir):
    return argparse.Namespace(data_dir=str(data_dir), db_url=None, read_only=False, screenshot=None, page=None,
                              bundles=[])


@pytest.fixture(autouse=True)
def quiet(monkeypatch):
    # pytest-qt owns sys.excepthook during tests.
    monkeypatch.setattr(app_module, "install_exception_hooks", lambda: None)


def cell_editor(table):
    """The editor the typing table opened on its current cell (typing goes there)."""
    editors = [w for w in table.viewport().findChildren(QLineEdit) if w.isVisible()]
    assert len(editors) == 1, f"{len(editors)} cell editors open at {table.currentRow()},{table.currentColumn()}"
    return editors[0]


def type_rows(user, table, rows) -> None:
    """Each row cell by cell: the text, then Tab, and Enter after the last cell."""
    for row in rows:
        for position, text in enumerate(row):
            editor = cell_editor(table)
            if text:
                user.type(editor, text)
            user.press(Qt.Key.Key_Return if position == len(row) - 1 else Qt.Key.Key_Tab, editor)


def test_from_an_empty_folder_to_a_finalised_committee_meeting_in_45_actions(qtbot, tmp_path):
    user = CountingUser(qtbot)
    journey = Journey()
    data_dir = tmp_path / "档案"
    seen = {}

    def script():
        # -- the wizard ------------------------------------------------------------
        wizard = yield modal(FirstRunWizard)
        user.type(wizard.name, "前进村党支部")
        user.press(Qt.Key.Key_Return, wizard.name)  # the branch is made; on to the committee
        yield lambda: wizard.step_index == 1
        type_rows(user, wizard.current_step().table, COMMITTEE)
        user.press(Qt.Key.Key_Return, cell_editor(wizard.current_step().table))  # empty row: next step
        yield lambda: wizard.step_index == 2
        user.press(Qt.Key.Key_Return, cell_editor(wizard.current_step().table))  # no party groups
        yield lambda: wizard.step_index == 3
        type_rows(user, wizard.current_step().table, OTHERS)
        user.press(Qt.Key.Key_Return, cell_editor(wizard.current_step().table))  # done
        window = yield top_level(MainWindow)
        seen["members"] = window.archive.members.count()
        seen["after_wizard"] = user.count

        # -- the first 支委会 ------------------------------------------------------------
        window.close()

    journey.drive(script)
    assert app_module.run(args_for(data_dir)) == 0
    journey.check()
    assert seen["members"] == 5
    assert user.count <= MOST_ACTIONS, f"{user.count} actions:\n{user.story()}"
    print(f"\n{user.count} actions:\n{user.story()}")
