"""党费 in the window beyond the journey (tests/e2e/test_dues_journey.py): the 党员 page's
year at a glance for the selected member with the six-month warning naming them (党章
第九条), a year's ledger imported from Excel, a correction and an excuse, and the
月度收缴 month list ending at this month (paying ahead is a 预交)."""

import datetime as dt

import pytest

from ui.main_window import MainWindow


def test_the_selected_members_year_and_warning(qtbot, demo_archive):
    window = MainWindow(demo_archive)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("members")
    view = page.year_view
    assert "选中一名党员" in view.title.text() and not view.warnings.isVisibleTo(page)
    stopped = next(w for w in demo_archive.dues.warnings() if w.kind == "dues")
    page.select_member(stopped.member_id)
    assert view.title.text().startswith(stopped.name)
    assert view.warnings.isVisibleTo(page) and "连续6个月无正当理由未交纳党费" in view.warnings.text()
    assert "按党章第九条应予批评教育" in view.warnings.text()
    dues = [view.grid.item(0, column).text() for column in range(12)]
    assert dues[5:11] == ["未交"] * 6 and dues[4] not in ("未交", "")
    assert all(view.grid.item(1, column).text() for column in range(12))
    page.search.setText("没有这个人")
    page.apply_filters()
    assert "选中一名党员" in view.title.text() and view.grid.item(0, 0) is None


def test_a_years_ledger_imported_from_excel_in_the_window(qtbot, demo_archive, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from tests.domain.test_dues_import import _row, _sheet

    errors = []
    monkeypatch.setattr("ui.pages.dues.handover_tab.show_error", lambda parent, error, title="": errors.append(error))
    window = MainWindow(demo_archive)
    qtbot.addWidget(window)
    window.show()
    tab = window.show_page("dues").handover
    tab.year_box.setValue(2023)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    bad = _sheet(tmp_path / "错.xlsx", _row(1, "王堃", "离退休", "4000", 10))
    assert not tab.import_ledger(str(bad)) and "第 3 行：王堃" in errors[0].message() and not asked
    good = _sheet(tmp_path / "2023.xlsx", _row(1, "王堃", "离退休", "4000", *[20] * 12))
    assert tab.import_ledger(str(good)) and "1名党员、12笔交纳" in asked[0]
    assert "已导入2023年党费台账" in tab.page.status.text()
    assert {r.name: r.paid_fen for r in demo_archive.dues.ledger(dt.date(2023, 6, 1)).rows}["王堃"] == 2000


def test_a_correction_and_an_excuse_from_the_months_ledger(qtbot, demo_archive, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from tests.helpers import answer_modal, saved

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    window = MainWindow(demo_archive)
    qtbot.addWidget(window)
    window.show()
    month = window.show_page("dues").month
    rows = month.model.rows()
    paid = next(n for n, r in enumerate(rows) if r["receipts"])
    owing = next(n for n, r in enumerate(rows) if r["state"] == "unpaid")
    before = rows[paid]["paid"]
    month.table.selectRow(paid)
    answer_modal(saved(lambda d: (d.amount.setText("-0.50"), d.reason.setText("收据金额多记五角"),
                                  d.receipt.setCurrentIndex(1))))
    assert month.member_dialog("correct")
    assert month.model.row(paid)["paid"] == before - 50 and "更正" in month.page.status.text()
    month.table.selectRow(owing)
    answer_modal(saved(lambda d: d.reason.setText("重病住院，经支委会研究同意免交")))
    assert month.member_dialog("excuse")
    assert month.model.row(owing)["state"] == "excused"


def test_the_months_collection_offers_no_month_not_yet_begun(qtbot, demo_archive, monkeypatch):
    """QA ticked all 28 members 已交 for a November a year ahead: the list now ends at this
    month, and a month not yet begun is not shown in its place (docs/domain.md §10)."""
    from branchdesk.dues import months as mo
    from tests.conftest import TODAY

    window = MainWindow(demo_archive)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("dues")
    tab, box, this = page.month, page.month.month_box, mo.first(TODAY)
    # the banner over the page cites the rule right (党章 第九条, not the chapter on 干部)
    assert "按党章第九条应予批评教育、限期改正" in page.warnings.text() and "三十八" not in page.warnings.text()
    assert [box.itemText(n) for n in (0, 1)] == [mo.label(this), mo.label(mo.add(this, -1))]
    assert box.currentIndex() == 0 and box.findData(mo.key(mo.add(this, 1))) == -1
    assert not tab.show_month(mo.add(this, 11)) and tab.month == this and box.currentIndex() == 0
    assert tab.show_month(mo.add(this, -2)) and tab.ledger.month == mo.add(this, -2)
    # the window left open into the next month: shown again, the new month is in the list
    monkeypatch.setattr("branchdesk.clock.today", lambda: mo.add(this, 1) + dt.timedelta(days=2))
    page.refresh()
    assert box.itemText(0) == mo.label(mo.add(this, 1)) and tab.show_month(mo.add(this, 1))
    assert box.findData(mo.key(mo.add(this, 2))) == -1


def test_the_dues_page_fits_1024_by_768_at_the_font_size_large(qtbot, demo_archive):
    """QA at 大 on 1024×768: the page was wider than the window (the 上缴与公示 tab's seven
    paper buttons in one row), so the banner and the table ran off the right edge."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from tests.ui.clipping import clipped_texts
    from ui import font_size

    window = MainWindow(demo_archive)
    qtbot.addWidget(window)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(1024, 768)
    window.show()
    try:
        # The tests' application font is 9 pt, the real window's 10.5 pt (ui/fonts.py): 特大
        # here is 12.6 pt, the size 大 is in the real window QA looked at.
        font_size.apply_font_size("larger", remember=False)
        assert QApplication.font().pointSizeF() == pytest.approx(10.5 * font_size.FONT_SIZES["large"][1], abs=0.1)
        page = window.show_page("dues")
        scroller = window.stack.currentWidget()
        for index in range(page.tabs.count()):
            page.tabs.setCurrentIndex(index)
            QApplication.processEvents()
            QApplication.processEvents()  # the status bar lays out again on the turn after the font's
            where = page.tabs.tabText(index)
            room = scroller.maximumViewportSize().width() - scroller.verticalScrollBar().sizeHint().width()
            assert scroller.widget().minimumSizeHint().width() <= room, where
            assert page.warnings.geometry().right() <= scroller.viewport().width(), where
            cut = clipped_texts(window)
            assert not cut, f"{where}: " + "\n".join(cut)
    finally:
        font_size.apply_font_size("normal", remember=False)
