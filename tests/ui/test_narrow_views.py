"""Views QA found cut on a 1024×768 screen, on the demo archive, looked at as a user sees
them at 1024×768 and 1366×768: the 整改台账 toolbar and its 公示 column, the 对照检查
table's headers and texts, the months of the 年度计划与落实 grid, and the 会议主题 field."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QTableView

from tests.conftest import TODAY
from ui import font_size
from ui.fonts import ensure_cjk_font
from ui.main_window import MainWindow

BASE = "branchdesk_base_point_size"  # ui/font_size.py: the normal size's points
# what a table cell keeps on each side of its text (the style's margins), in pixels
CELL_MARGINS = 8


@pytest.fixture
def window(qtbot, qapp, demo_archive):
    """The main window in the app's own screen font as make_application sets it (the CJK
    family at 10.5 pt; the test application's 9 pt hid the cut toolbar), put back after."""
    before, base = qapp.font(), qapp.property(BASE)
    ensure_cjk_font(qapp)
    qapp.setProperty(BASE, 10.5)
    font_size.apply_font_size("normal", remember=False)
    main = MainWindow(demo_archive)
    qtbot.addWidget(main)
    main.show()
    yield main
    qapp.setProperty(BASE, base)
    qapp.setFont(before)
    font_size.apply_font_size("normal", remember=False)


def _settle(window, size) -> None:
    window.resize(*size)
    for _ in range(3):
        QApplication.processEvents()


def _whole(view: QTableView, text: str, column: int) -> bool:
    return QFontMetrics(view.font()).horizontalAdvance(text) + CELL_MARGINS <= view.columnWidth(column)


def _tab(page, title: str) -> None:
    tabs = page.tabs
    tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.tabText(i) == title))
    QApplication.processEvents()


@pytest.mark.parametrize("size", [(1024, 768), (1366, 768)])
def test_the_views_qa_found_cut_read_whole_on_a_small_and_a_common_screen(window, size):
    _settle(window, size)
    # 整改台账: no sideways scrolling, every button inside the window, every column in view
    page = window.show_page("ledger")
    _settle(window, size)
    view = page.ledger
    scroller = window.stack.currentWidget()
    assert scroller.horizontalScrollBar().maximum() == 0, "the 整改台账 page scrolls sideways"
    right = scroller.viewport().mapToGlobal(scroller.viewport().rect().topRight()).x()
    for button in (view.export_xlsx, view.export_pdf, view.preview_pdf, *view.buttons.values()):
        edge = button.mapToGlobal(button.rect().topRight()).x()
        assert button.isVisible() and edge <= right, f"{button.text()} ends at {edge}, the page at {right}"
    table = view.table
    assert table.horizontalHeader().length() <= table.viewport().width(), "a column of 整改台账 is off screen"

    # 组织生活会 → 问题与对照检查: both texts of a 对照检查 get room, the headers are whole
    life = window.show_page("life")
    _tab(life, "问题与对照检查")
    _settle(window, size)
    exams = life.findChild(QTableView, "examination_table")
    assert exams.model().rowCount() >= 1
    for column in range(exams.model().columnCount()):
        header = exams.model().headerData(column, exams.horizontalHeader().orientation())
        assert _whole(exams, header, column), f"对照检查 header 「{header}」 is cut"
    assert min(exams.columnWidth(2), exams.columnWidth(3)) >= 4 * QFontMetrics(exams.font()).horizontalAdvance("问")

    # the 会议主题 is shown from its first character, whole in its tool tip
    _tab(life, "方案与回头看")
    theme = life.plan.theme
    assert theme.text() and theme.cursorPosition() == 0 and theme.toolTip() == theme.text()

    # 会议 → 年度计划与落实: every month's cell of this year reads whole (逾期, two meetings)
    meetings = window.show_page("meetings")
    _tab(meetings, "年度计划与落实")
    _settle(window, size)
    grid = meetings.findChild(QTableView, "compliance_table")
    model = grid.model()
    texts = []
    for row in range(model.rowCount()):
        for column in range(1, 13):
            if grid.columnSpan(row, column) == 1:
                text = model.index(row, column).data() or ""
                texts.append(text)
                assert _whole(grid, text, column), f"row {row} month {column}: 「{text}」 is cut"
    assert "逾期" in texts and any("、" in t for t in texts), texts  # the cells once cut are there
    assert model.report.year == TODAY.year  # this year's grid, with its 逾期 month
