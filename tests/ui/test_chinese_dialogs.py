"""Chinese everywhere, dialog by dialog (issue 13): every dialog and message box the app can
show - its own and Qt's (file, print, progress, message boxes) - is opened as the app opens
it and fails on any visible English word but names of file formats (``english_words`` of
test_chinese_everywhere.py). The dialogs of the records are in test_chinese_record_dialogs.py.
Every QDialog subclass under ui/ must have a case in one of them, so a new dialog without
one fails ``test_every_dialog_class_has_a_case``."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
import re
import time
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTableView,
    QTabWidget,
    QWidget,
)

import ui
from branchdesk.drafts import store_for
from tests.conftest import TODAY
from tests.ui import test_chinese_record_dialogs as record_dialogs
from tests.ui.chinese_support import (  # noqa: F401 - fixtures
    Cases,
    a_pdf,
    demo,
    dialog_context,
    dialog_texts,
    fresh_archive,
    modal_texts,
    shown,
)
from tests.ui.test_chinese_everywhere import chinese_qt  # noqa: F401 - fixture
from ui import access, bundle_opening
from ui import help as help_module
from ui.toolkit import exporting, forms, unsaved

# Words a dialog may show because they are the user's to type or the names of licences:
# exact tokens, for that dialog only.
HELP_WORDS = {"wangkun",  # 全拼 example of finding 王堃
              "branchdesk", "todo",  # the command line 「branchdesk todo」
              "backups", "aside"}  # folder names of the archive, as the user sees them on disk
ABOUT_WORDS = {"AR", "PL", "Arphic", "Public", "License", "Apache", "GPLv", "Hanazono", "Font", "SIL", "OFL", "Unicode",
               "Unihan", "pypinyin", "MIT", "UMing", "UKai", "HanaMinA", "HanaMinB", "resources"}
# Bases that are never shown by themselves: their subclasses have the cases.
ABSTRACT = {"ui.toolkit.forms.FormDialog"}

CASES = Cases()


@CASES.case("unsaved_question")
def _unsaved_question(ctx):
    window = ctx.window()
    page = window.show_page("settings")
    page.code.setText(page.code.text() + "1")
    assert unsaved.with_unsaved_changes([page])
    texts = modal_texts(lambda: unsaved.ask_before_leaving(window, [page]), QMessageBox)
    assert any("不保存" in t for _, t in texts)
    page.discard_changes()
    return texts


@CASES.case("draft_restore", covers=("ui.toolkit.draft_text.DraftTextDialog",))
def _draft_restore(ctx):
    archive = fresh_archive(ctx, "demo")
    first = ctx.window(archive)
    meeting_id = archive.meetings.query_ids(year=TODAY.year, state="planned")[0]
    editor = first.show_page("meetings").open_meeting(meeting_id)
    editor.basic.place.setText("村委会二楼会议室")
    editor.basic.place.textEdited.emit("村委会二楼会议室")
    first.keep_drafts()
    first.pages["meetings"].discard_changes()
    first.drafts.timer.stop()  # a power cut: the draft stays
    first.drafts._written.clear()
    second = ctx.window(archive)
    texts = modal_texts(second.offer_drafts, QMessageBox)
    assert any("以后再说" in t for _, t in texts)
    [draft] = store_for(archive).all()
    from ui.toolkit.draft_text import DraftTextDialog

    return texts + shown(ctx.qtbot, DraftTextDialog(draft, second))


@CASES.case("export_done")
def _export_done(ctx):
    window = ctx.window()
    path = ctx.tmp_path / "2026年12月支委会会议记录.pdf"
    box = exporting.tell_exported(window, "导出完成", f"已导出：\n{path}", path)
    texts = dialog_texts(box)
    box.close()
    assert any("打开所在文件夹" in t for _, t in texts)
    return texts


@CASES.case("pdf_preview_and_printing", covers=("ui.toolkit.pdf_preview.PdfPreview",))
def _preview(ctx):
    from ui.toolkit import pdf_preview as preview_module

    dialog = preview_module.PdfPreview(a_pdf(ctx.tmp_path), "2026年12月支委会会议记录", archive=ctx.archive)
    texts = shown(ctx.qtbot, dialog)
    dialog.show()
    assert any("适合宽度" in t for _, t in texts)
    real = preview_module.installed_printers
    preview_module.installed_printers = lambda: []
    try:
        texts += modal_texts(dialog.ask_print, QMessageBox)  # 没有打印机
    finally:
        preview_module.installed_printers = real
    print_dialog = QPrintDialog(dialog.printer, dialog)  # Qt's own, as ask_print opens it
    ctx.qtbot.addWidget(print_dialog)
    print_dialog.setMinMax(1, 2)
    print_dialog.show()
    [options] = [b for b in print_dialog.findChildren(QPushButton) if b.text().startswith("选项")]
    options.click()  # the copies, page range, duplex and colour settings, on two tabs
    for tabs in print_dialog.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            texts += dialog_texts(print_dialog)
    assert any("双面" in t for _, t in texts), texts
    assert any("份数" in t for _, t in texts), texts
    print_dialog.hide()
    dialog.hide()
    return texts


@CASES.case("help", covers=("ui.help_dialog.HelpDialog",), allowed=HELP_WORDS)
def _help(ctx):
    window = ctx.window()
    dialog = help_module.open_help(window)
    texts = dialog_texts(dialog)
    dialog.hide()
    assert any("三会一课" in t for _, t in texts)
    return texts


@CASES.case("about", allowed=ABOUT_WORDS)
def _about(ctx):
    window = ctx.window()
    return shown(ctx.qtbot, help_module.about_box(window))


@CASES.case("bundle_opening")
def _bundle_opening(ctx):
    window = ctx.window()
    return modal_texts(lambda: bundle_opening.open_bundles(window, [str(ctx.tmp_path / "a.bdx")]), QMessageBox)


@CASES.case("idle_lock", covers=("ui.access.UnlockDialog",))
def _idle_lock(ctx):
    class Session:
        def unlock(self, password):
            return None

        def sensitive_gate(self):
            return True

        confirm_sensitive = unlock
    texts = modal_texts(lambda: access.ask_to_unlock(None, Session()), QDialog)
    return texts + modal_texts(lambda: access.confirm_sensitive(None, Session()), QDialog)


@CASES.case("first_run_wizard", covers=("ui.wizard.dialog.FirstRunWizard",))
def _wizard(ctx):
    from ui.wizard import FirstRunWizard
    from ui.wizard.dialog import BRANCH, UPPER

    archive = fresh_archive(ctx)
    wizard = FirstRunWizard(archive)
    ctx.qtbot.addWidget(wizard, before_close_func=lambda w: [s.discard_changes() for s in w.steps])
    wizard.show()
    texts = dialog_texts(wizard)
    wizard.choose_mode(UPPER)
    texts += dialog_texts(wizard)
    wizard.choose_mode(BRANCH)
    wizard.name.setText("前进村党支部")
    wizard.next()
    assert wizard.step_index == 1
    for index in range(1, 1 + len(wizard.steps)):
        wizard._show_step(index)
        texts += [(f"step {index} {where}", text) for where, text in dialog_texts(wizard)]
    wizard.hide()
    return texts


@CASES.case("setup_steps_from_settings", covers=("ui.wizard.steps.SetupStepDialog",))
def _setup_steps(ctx):
    from ui.wizard.steps import CommitteeStep, GroupsStep, RosterStep, SetupStepDialog

    texts = []
    for step_class in (CommitteeStep, GroupsStep, RosterStep):
        dialog = SetupStepDialog(step_class(ctx.archive))
        texts += shown(ctx.qtbot, dialog)
    return texts


@CASES.case("file_dialogs")
def _file_dialogs(ctx):
    """Qt's own file dialog, as the app opens it (no native dialog on Linux without a
    desktop's platform theme; on Windows the system's own, in the system's language)."""
    window = ctx.window()
    texts = modal_texts(lambda: exporting.ask_export_path(window, ctx.archive, "导出会议记录", "会议记录.pdf",
                                                          "PDF 文件 (*.pdf)"), QFileDialog)
    assert any("保存" in t for _, t in texts)
    backups = window.show_page("archive").backups
    texts += modal_texts(backups.choose_backup_folder, QFileDialog)  # a folder
    texts += modal_texts(backups.choose_restore_file, QFileDialog)
    return texts


@CASES.case("upper_password_question")
def _upper_password(ctx):
    archive = fresh_archive(ctx)
    archive.upper.create("某某镇党委", "330523")
    intake = ctx.window(archive).show_page("intake")
    return modal_texts(lambda: intake.ask_password(ctx.tmp_path / "BD-330523-0245-2026-seq0001.bdx"), QInputDialog)


@CASES.case("archive_needs_restore")
def _archive_needs_restore(ctx):
    """At start, a damaged or missing archive file: 从备份恢复 / 新建空档案库 / 退出."""
    from types import SimpleNamespace

    from branchdesk.errors import ArchiveMissing, DamagedArchive
    from branchdesk.safety.health import quick_check_file
    from ui.app import _ask_restore

    offered = SimpleNamespace(path=ctx.tmp_path / "backups" / "branchdesk-20261205-1800.sqlite3",
                              taken_at=dt.datetime(2026, 12, 5, 18, 0))
    missing = ArchiveMissing(ctx.tmp_path / "branchdesk.sqlite3", offered, [])
    garbage = ctx.tmp_path / "branchdesk.sqlite3"
    garbage.write_bytes(b"\x00garbage" * 2000)  # what SQLite says of it is English
    damaged = DamagedArchive(quick_check_file(garbage), ctx.tmp_path / "aside" / "branchdesk.sqlite3", offered)
    return modal_texts(lambda: _ask_restore(missing), QMessageBox) + modal_texts(lambda: _ask_restore(damaged),
                                                                                 QMessageBox)


if hasattr(forms, "DatePopup"):  # the calendar of date fields (issue 13), from when it is in the app
    @CASES.case("date_popup", covers=("ui.toolkit.forms.DatePopup",))
    def _date_popup(ctx):
        field = forms.DateField("held_on", "召开日期")
        ctx.qtbot.addWidget(field)
        field.show()
        field.set_date(TODAY)
        popup = field.show_calendar()
        calendar = popup.findChild(QCalendarWidget)
        days = calendar.findChild(QTableView).model()  # the weekday names are its first row
        texts = dialog_texts(popup) + [("weekday", str(days.data(days.index(0, column)) or ""))
                                       for column in range(days.columnCount())]
        popup.close()
        assert any("今天" in t for _, t in texts) and any(t.endswith("月") for _, t in texts), texts
        return texts


@CASES.case("errors")
def _errors(ctx):
    """An unexpected error (with 显示详情 and 复制详细信息), and a file error the domain did
    not explain: the system's own English words (Permission denied) stay in the log."""
    from ui.errors import show_error

    denied = PermissionError(13, "Permission denied", str(ctx.tmp_path / "会议记录.pdf"))
    return (modal_texts(lambda: show_error(None, RuntimeError("boom")), QMessageBox) +
            modal_texts(lambda: show_error(None, denied), QMessageBox))


@CASES.case("progress")
def _progress(ctx):
    from ui.workers import run_in_background

    def slow_check(progress):  # the dialog shows once work reports after SHOW_AFTER_MS
        for row in range(1, 9):
            time.sleep(0.1)
            progress(row, 8, f"第 {row} 行")
        return 8

    done = []
    window = ctx.window()
    job = run_in_background(window, "正在检查名册…", slow_check, done.append, done.append)
    ctx.qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(QProgressDialog)), timeout=3000)
    texts = [text for dialog in window.findChildren(QProgressDialog) if dialog.isVisible()
             for text in dialog_texts(dialog)]
    ctx.qtbot.waitUntil(lambda: bool(done), timeout=3000)
    assert job is not None
    return texts


@pytest.mark.qt_log_ignore("does not support grabbing the keyboard")  # a pop-up, offscreen
@pytest.mark.parametrize("name", sorted(CASES))
def test_every_dialog_speaks_chinese(dialog_context, name):  # noqa: F811 - the fixture
    CASES.check(dialog_context, name)


# A widget made as a window of its own (a pop-up calendar, a tool window) is a dialog here too.
OWN_WINDOW = re.compile(r"WindowType\.(?:Popup|Window|Dialog|Tool)\b")


def ui_dialog_classes() -> set[str]:
    """Every class defined under ui/ (all its modules imported) that is a QDialog or makes
    itself a window of its own; not the main window, which the page tests walk."""
    for module in pkgutil.walk_packages(ui.__path__, "ui."):
        importlib.import_module(module.name)

    def below(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)
    return {f"{c.__module__}.{c.__qualname__}" for c in below(QWidget) if c.__module__.startswith("ui.")
            and (issubclass(c, QDialog) or OWN_WINDOW.search(inspect.getsource(c)))}


def test_every_dialog_class_has_a_case():
    defined = ui_dialog_classes()
    covered = CASES.covered() | record_dialogs.CASES.covered()
    missing = defined - covered - ABSTRACT
    assert not missing, f"dialogs without a case in {Path(__file__).name} or {Path(record_dialogs.__file__).name}: " \
                        f"{sorted(missing)}"
    assert covered <= defined, f"cases name classes that no longer exist: {sorted(covered - defined)}"
