"""党费 through the real main window on the demo branch: next year's bases set in the
table (the calculator explains the band), December entered in one pass, a receipt and
the half-year 公示 printed, a 上缴 recorded — then the balance and the PDFs read back."""

import datetime as dt

from PySide6.QtWidgets import QMessageBox

from branchdesk import clock
from branchdesk.dues import months as mo
from tests.domain.papers_support import text_of
from tests.helpers import answer_modal, saved
from ui.main_window import MainWindow

YEAR = clock.today().year


def _wait_export(qtbot, page):
    qtbot.waitUntil(lambda: page.exports.last_result is not None or page.exports.last_error is not None,
                    timeout=15000)
    assert page.exports.last_error is None


def test_dues_through_the_window(qtbot, demo_archive, tmp_path, monkeypatch):
    archive = demo_archive
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    window = MainWindow(archive)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("dues")
    assert "连续6个月无正当理由未交纳党费" in page.warnings.text()

    # -- next year's bases: 王堃 retires, another gets a raise past a band edge --------
    bases = page.bases
    bases.year_box.setValue(YEAR + 1)
    rows = bases.model.rows()
    employed = next(n for n, r in enumerate(rows) if r["category"] == "employed")
    bases.model.update_row(0, {"category": "retired", "base": "5000.00"})
    bases.model.update_row(employed, {"base": "3000.01"})
    bases.table.selectRow(employed)
    assert "在3,000元以上至5,000元（含）这一档，按1%交纳：3,000.01 × 1% = 30.0001元，四舍五入到分为30.00元" \
        in bases.calculator.text()
    assert page.has_unsaved_changes() and "党费基数" in page.unsaved_description()
    assert bases.save() and not page.has_unsaved_changes()
    first_name, employed_name = rows[0]["name"], rows[employed]["name"]
    january = archive.dues.ledger(dt.date(YEAR + 1, 1, 1))
    due = {r.name: r.due_fen for r in january.rows}
    assert due[first_name] == 2500 and due[employed_name] == 3000

    # -- December in one pass ------------------------------------------------------------
    month = page.month
    assert month.month == mo.first(clock.today())
    owing = [r["name"] for r in month.model.rows() if r["state"] in ("unpaid", "partial")]
    before = archive.dues.balance()
    month.tick_owing()
    assert month.save(), month.error.text()
    ledger = archive.dues.ledger(month.month)
    assert ledger.unpaid == [] and ledger.paid_fen == ledger.due_fen
    assert "已收缴" in page.status.text()
    paid_now = archive.dues.balance() - before
    assert paid_now == sum(r.due_fen for r in ledger.rows if r.name in owing)

    # -- a receipt of one of them, and the 公示 of the half-year --------------------------
    row = next(n for n, r in enumerate(month.model.rows()) if r["name"] == owing[0])
    month.table.selectRow(row)
    receipt_no = month.model.row(row)["receipts"][-1]
    assert month.print_selected(str(tmp_path / "收据.pdf"))
    _wait_export(qtbot, page)
    text = "".join(text_of(tmp_path / "收据.pdf").split())
    assert "党费收据" in text and receipt_no in text and owing[0] in text and "人民币" in text
    handover = page.tabs.widget(2)
    handover.half_box.setCurrentIndex(handover.half_box.findData(2))
    assert handover.export_publicity(str(tmp_path / "公示.pdf"))
    _wait_export(qtbot, page)
    text = "".join(text_of(tmp_path / "公示.pdf").split())
    assert f"{YEAR}年下半年党费收缴情况公示" in text and "未交" in text  # 徐永强's months

    # -- 上缴 everything held ------------------------------------------------------------
    held = archive.dues.balance()
    answer_modal(saved(lambda d: (d.voucher.setText("安委组党费2026-12"),
                                  d.from_month.setCurrentIndex(d.from_month.findData(mo.key(dt.date(YEAR, 10, 1)))),
                                  d.to_month.setCurrentIndex(d.to_month.findData(mo.key(dt.date(YEAR, 12, 1)))))))
    assert handover.hand_over()
    assert archive.dues.balance() == 0 and held > 0
    assert handover.balance.text().endswith("结余0.00元。")
    assert archive.dues.handovers()[-1].amount_fen == held and archive.dues.is_closed(dt.date(YEAR, 12, 1))
    assert "封存" in month.totals.text()
