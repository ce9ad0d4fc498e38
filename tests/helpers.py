"""Test helpers: valid ID numbers, typing Chinese as an input method would, and the
command line run in-process."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import io
import sys

from branchdesk.roster import idnumber


def make_id(birth: dt.date, serial: int = 123, region: str = "110105") -> str:
    """A valid 18-digit ID number (odd ``serial`` last digit: male)."""
    first17 = f"{region}{birth:%Y%m%d}{serial:03d}"
    return first17 + idnumber.check_digit(first17)


def type_text(widget, text: str) -> None:
    """Type ``text`` into a line edit the way a Chinese input method commits it.
    (qtbot.keyClicks aborts the process on non-ASCII keys.)"""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def saved(fill):
    """For ``answer_modal``: fill a form dialog and save it; if saving is refused, close
    it and say why."""

    def run(dialog):
        fill(dialog)
        if not dialog.save():
            close_discarding(dialog)
            raise AssertionError(f"{dialog.windowTitle()} not saved: {dialog.general_error.text()}")
    return run


def close_discarding(dialog) -> None:
    """Close a dialog the test typed into, as 取消 then 不保存 would."""
    dialog.discard_changes()
    dialog.reject()


def answer_dialog(kind, callback) -> None:
    """Like ``answer_modal``, for the next dialog of class ``kind`` (a progress dialog
    shown while a worker reads a file may come first)."""

    def check(dialog):
        if isinstance(dialog, kind):
            callback(dialog)
        else:
            answer_modal(check)

    answer_modal(check)


def answer_modal(callback) -> None:
    """Run ``callback(dialog)`` on the next modal dialog, from the event loop (a modal
    dialog blocks the call that opened it)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def attempt():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, attempt)
            return
        callback(dialog)

    QTimer.singleShot(0, attempt)


def open_list():
    """The combo box whose drop-down list is on screen, or None."""
    from PySide6.QtWidgets import QApplication, QComboBox

    popup = QApplication.activePopupWidget()
    combo = popup.parentWidget() if popup is not None else None
    return combo if isinstance(combo, QComboBox) and combo.view().isVisible() else None


def pick_from_open_list(text: str) -> None:
    """Click the entry ``text`` of the drop-down list on screen, as the mouse does."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    combo = open_list()
    assert combo is not None, f"no list is open to pick 「{text}」 from"
    offered = [combo.itemText(n) for n in range(combo.count())]
    assert text in offered, f"「{text}」 is not offered: {offered}"
    view = combo.view()
    index = view.model().index(offered.index(text), 0)
    view.scrollTo(index)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def export_notice(widget):
    """The newest 「导出完成」 box (ui/toolkit/exporting.tell_exported) open over ``widget``'s
    window, or None."""
    from PySide6.QtWidgets import QMessageBox

    boxes = [box for box in widget.window().findChildren(QMessageBox, "export_done") if box.isVisible()]
    return boxes[-1] if boxes else None


@dataclasses.dataclass
class CliResult:
    returncode: int
    stdout: str
    stderr: str


_DRIVERS = ("psycopg", "psycopg2", "psycopg2cffi")


def run_cli(data_dir, *args, db_url: str | None = None) -> CliResult:
    """``branchdesk --data-dir DATA_DIR [--db-url URL] ARGS…`` in this process, as the
    ``branchdesk`` script runs it (its exit code is what ``main`` returns, or the code of
    argparse's SystemExit for usage errors, --help and --version)."""
    from branchdesk import cli

    argv = ["--data-dir", str(data_dir)] + (["--db-url", db_url] if db_url else []) + [str(a) for a in args]
    loaded = {name for name in _DRIVERS if name in sys.modules}
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(argv)
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    finally:
        # main() hides drivers that a SQLite-only run never needs; later tests may need them
        for name in set(_DRIVERS) - loaded:
            if sys.modules.get(name, False) is None:
                del sys.modules[name]
    return CliResult(code, out.getvalue(), err.getvalue())


def forget_unsaved_edits() -> None:
    """Discard what a test left typed in any open window, so that closing the windows at
    teardown (pytest-qt does) never waits on the 保存 / 不保存 / 取消 question."""
    from PySide6.QtWidgets import QApplication

    from ui.toolkit.unsaved import with_unsaved_changes

    for window in QApplication.topLevelWidgets():
        pages = getattr(window, "pages", None)
        archive = getattr(window, "archive", None)
        if isinstance(pages, dict) and not archive.db.is_closed():
            for page in with_unsaved_changes(pages.values()):
                page.discard_changes()


def transfer_out(archive, member_id: int, day: dt.date, to_org: str = "中共镇机关党支部") -> int:
    """A member leaves as the app lets them: a 组织关系转出 with its 介绍信 (docs/domain.md §1:
    a hand edit never sets 已转出)."""
    from branchdesk.transfers.forms import TransferForm

    form = TransferForm(direction="out", member_id=member_id, moved_on=day, from_org="中共前进村党支部",
                        to_org=to_org, reason="job", scope="county")
    return archive.transfers.transfer_out(form)
