"""A secretary's meeting, start to finish, through the real main window: plan a 支委会,
notify, take attendance with one member absent (the reason is enforced), add a
resolution, finalise, export the PDF, preview and print it — and read the PDF the way
the town's Party committee would."""

import re
import subprocess

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, qGray
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
)

from branchdesk import clock
from tests.domain.meetings_support import branch  # noqa: F401 - fixture
from tests.domain.papers_support import fonts_of, pages_of, text_of
from tests.helpers import type_text
from ui.main_window import MainWindow
from ui.toolkit.printing import a4_printer

TODAY = clock.today()


def plan_when_dialog_opens(answers):
    def fill():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, fill)
            return
        answers["title"] = dialog.windowTitle()
        dialog.kind.setCurrentIndex(dialog.kind.findData("committee"))
        dialog.planned_on.setText(TODAY.isoformat())
        dialog.planned_time.setText("14:30")
        type_text(dialog.place, "村党群服务中心")
        type_text(dialog.theme, "研究人居环境整治")
        dialog.save()

    QTimer.singleShot(0, fill)


def edit_cell(view, row: int, column: int, text: str | None = None, choice=None) -> None:
    """Edit one cell the way a user does: open its editor, type or pick, press Enter."""
    tabs = view.window().findChild(QTabWidget, "editor_tabs")
    for n in range(tabs.count()):
        if tabs.widget(n).isAncestorOf(view):
            tabs.setCurrentIndex(n)
    index = view.model().index(row, column)
    view.setCurrentIndex(index)  # a single click: the meeting's grids open the editor on it
    if view.state() != QAbstractItemView.State.EditingState:
        view.edit(index)
    editors = [w for kind in (QComboBox, QLineEdit, QPlainTextEdit) for w in view.viewport().findChildren(kind)
               if w.isVisible() and not isinstance(w.parent(), QComboBox)]
    assert len(editors) == 1, f"no editor opened on row {row}, column {column}"
    editor = editors[0]
    if choice is not None:
        editor.setCurrentIndex(editor.findData(choice))
    else:
        type_text(editor, text)
    # what the delegate does when the user presses Enter
    delegate = view.itemDelegateForIndex(index)
    delegate.commitData.emit(editor)
    delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)


def ink_box(pdf, stem) -> tuple[int, int, int, int]:
    """Bounding box of the inked pixels of page 1 at 60 dpi."""
    subprocess.run(["pdftoppm", "-r", "60", "-gray", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
                   check=True)
    image = QImage(f"{stem}.png")
    dark = [(x, y) for y in range(image.height()) for x in range(image.width()) if qGray(image.pixel(x, y)) < 220]
    xs, ys = [p[0] for p in dark], [p[1] for p in dark]
    return min(xs), min(ys), max(xs), max(ys)


def test_plan_notify_record_finalise_export_print(qtbot, branch, tmp_path):  # noqa: F811
    archive, _ids, _ = branch
    window = MainWindow(archive)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("meetings")

    answers = {}
    plan_when_dialog_opens(answers)
    meeting_id = page.new_meeting()
    assert answers["title"] == "新建会议" and meeting_id is not None
    editor = page.editor
    assert page.stack.currentWidget() is editor
    assert "支委会" in editor.title.text() and editor.state_badge.text().strip() == "计划"

    assert editor.notify()
    assert editor.state_badge.text().strip() == "已通知"
    assert "通知已于" in editor.basic.notice_state.text()

    # the meeting was held today: 赵赟 is absent, without a reason at first
    editor.basic.held_on.setText(TODAY.isoformat())
    editor.basic.started_at.setText("14:30")
    editor.basic.ended_at.setText("16:00")
    editor.basic.host.setEditText("王堃")
    editor.basic.recorder.setEditText("李喆")
    grid = editor.attendance
    assert [r["name"] for r in grid.model.rows()] == ["王堃", "李喆", "赵赟"]
    absent = grid.row_of("赵赟")
    edit_cell(grid.table, absent, 2, choice="absent")
    grid.all_present.click()
    edit_cell(editor.content.agenda_table, editor.content.agenda_buttons.add_row(), 0, "部署人居环境整治")
    assert not editor.save()
    assert "缺席必须写明原因" in grid.error.text() and "赵赟" in grid.error.text()
    assert editor.tabs.tabText(1).endswith("⚠") and editor.tabs.currentIndex() == 1
    assert archive.meetings.summary(meeting_id).state == "notified"  # nothing was saved

    edit_cell(grid.table, absent, 3, choice="sick")
    assert "应到3人，实到2人，缺席1人" in grid.summary.text()
    resolutions = editor.resolutions
    row = resolutions.buttons.add_row()
    edit_cell(resolutions.table, row, 0, "同意将王家山道路硬化列入为民办实事项目")
    resolutions.model.setData(resolutions.model.index(row, 1), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    for column, votes in ((2, "2"), (3, "0"), (4, "0")):
        edit_cell(resolutions.table, row, column, votes)
    assert resolutions.model.data(resolutions.model.index(row, 5)) == "通过"
    assert "赞成票超过应到支部委员（3名）的半数（至少2票），通过" in resolutions.explanation.text()
    assert editor.save()
    assert editor.state_badge.text().strip() == "已召开" and not editor.banner.isVisible()
    assert editor.finalise()
    assert editor.state_badge.text().strip() == "定稿" and not editor.save_button.isVisible()
    assert not editor.resolutions.model.flags(editor.resolutions.model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable

    exported = {}
    target = tmp_path / "支委会记录.pdf"
    assert editor.papers.export_pdf("record", str(target), then=lambda result: exported.setdefault("result", result))
    qtbot.waitUntil(lambda: "result" in exported, timeout=30000)
    result = exported["result"]

    # as a receiver: every font embedded, the text comes back, the page count agrees
    assert all(font["emb"] == "yes" for font in fonts_of(target))
    text = re.sub(r"\s+", "", text_of(target))
    for expected in ("支部委员会会议记录", "王堃", "赵赟（病假）", "应到3人，实到2人", "部署人居环境整治",
                     "同意将王家山道路硬化列入为民办实事项目", "主持人", "记录人", "—1—"):
        assert expected in text, expected
    assert pages_of(target) == result.pages >= 1
    subprocess.run(["qpdf", "--check", str(target)], check=True, capture_output=True)

    # preview, then print exactly those pages at A4 true scale
    assert editor.papers.preview("record")
    qtbot.waitUntil(lambda: bool(editor.papers.previews), timeout=30000)
    preview = editor.papers.previews[-1]
    qtbot.addWidget(preview)
    assert preview.document.pageCount() == result.pages
    printer = a4_printer(QPrinter(QPrinter.PrinterMode.HighResolution))
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert preview.print_to(printer) == result.pages
    info = subprocess.run(["pdfinfo", str(printed)], capture_output=True, text=True, check=True).stdout
    assert pages_of(printed) == result.pages
    assert "595 x 842 pts (A4)" in info
    # true scale: the ink sits where it sits on the exported page (within 2 px at 60 dpi, < 1 mm)
    on_paper, exported_box = ink_box(printed, tmp_path / "p"), ink_box(target, tmp_path / "t")
    assert all(abs(a - b) <= 2 for a, b in zip(on_paper, exported_box)), (on_paper, exported_box)
    preview.close()

    editor.go_back()
    assert page.stack.currentWidget() is page.list
    assert page.list.model.row_of(meeting_id) >= 0
    assert page.list.model.data(page.list.model.index(page.list.model.row_of(meeting_id), 4)) == "定稿"
    window.close()
