"""党费 going upward from the demo branch: the receipt with its amount in 大写, the half-year
公示 and the year's 登记表 (PDF and spreadsheet), their text read back as a receiver would;
the yearly archive's 党费 part; the dues records a bundle of a year carries."""

import datetime as dt
import subprocess

from branchdesk.dues.papers import amount_in_capitals, publicity_paper, receipt_paper
from branchdesk.dues.register import register_rows, write_register_xlsx
from branchdesk.papers import render

YEAR = 2026


def _text(path) -> str:
    return "".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())


def test_amounts_in_capitals():
    assert amount_in_capitals(300_001) == "叁仟元零壹分"
    assert amount_in_capitals(12000) == "壹佰贰拾元整"


def test_receipt_and_publicity_of_the_demo(demo_archive, tmp_path):
    archive = demo_archive
    late = next(r for r in archive.dues.receipts(YEAR) if r.reason)
    render(receipt_paper(archive, late.receipt_no), tmp_path / "receipt.pdf")
    text = _text(tmp_path / "receipt.pdf")
    assert "党费收据" in text and late.receipt_no in text and late.member_name in text
    assert "（补交）" in text and "人民币" + amount_in_capitals(late.total_fen) in text and late.reason in text
    render(publicity_paper(archive, YEAR, 2), tmp_path / "publicity.pdf")
    text = _text(tmp_path / "publicity.pdf")
    assert "2026年下半年党费收缴情况公示" in text and "7月" in text and "12月" in text
    assert "未交" in text and "尚有" in text and archive.dues.balance_sentence() in text


def test_register_rows_and_spreadsheet(demo_archive, tmp_path):
    archive = demo_archive
    rows = register_rows(archive, YEAR)
    stopped = next(r for r in rows if r.months[5] == "未交" and r.months[4] not in ("", "未交"))
    assert stopped.months[5:11] == ("未交",) * 6 and stopped.months[11] == ""  # December is not over
    from openpyxl import load_workbook

    sheet = load_workbook(write_register_xlsx(archive, YEAR, tmp_path / "登记表.xlsx")).active
    assert [c.value for c in sheet[1]][:6] == ["序号", "姓名", "类别", "月基数", "月交纳", "1月"]
    assert sheet.max_row == len(rows) + 1 and sheet.page_setup.orientation == "landscape"


def test_the_yearly_archive_has_a_dues_part(demo_archive):
    from branchdesk.dues.closing import DUES_MONTH
    from branchdesk.yearbook import dues_section

    archive = demo_archive
    refs = dues_section.records(archive, YEAR - 1)
    assert len(refs) == 12 and {ref.spec for ref in refs} == {DUES_MONTH}  # every month handed over, sealed
    [section] = dues_section.sections(archive, YEAR - 1)
    assert section.retention == "30年" and len(section.records) == 1
    texts = [getattr(block, "title", "") or getattr(block, "text", "") for block in section.records[0]]
    assert f"{YEAR - 1}年度党费收缴情况" in texts and any("已结账封存12个月" in t for t in texts)
    assert dues_section.sections(archive, YEAR - 5)[0].records == []  # 「本年度无记录」


def test_a_bundle_carries_the_dues_of_its_years(demo_archive):
    from branchdesk.bundle.portable import collect

    archive = demo_archive
    cut = collect(archive, [YEAR - 1])
    payments = cut.tables["dues_payment"]
    assert payments and {p["paid_on"][:4] for p in payments} == {str(YEAR - 1)}
    assert {line["payment_id"] for line in cut.tables["dues_payment_month"]} == {p["id"] for p in payments}
    months = cut.tables["dues_month"]
    assert len(months) == 12 and {m["month"][:4] for m in months} == {str(YEAR - 1)}
    sealed = {s["record_id"] for s in cut.tables["record_seal"] if s["record_table"] == "dues_month"}
    assert sealed == {m["id"] for m in months}
    assert {h["handed_on"][:4] for h in cut.tables["dues_handover"]} == {str(YEAR - 1)}
    assert cut.tables["dues_base"]  # bases travel whole, like the roster


def test_a_voluntary_amount_is_named_on_the_receipt(demo_archive, tmp_path):
    from branchdesk.dues import PaymentForm

    archive = demo_archive
    owing = next(r for r in archive.dues.ledger(dt.date(YEAR, 12, 1)).rows if r.state == "unpaid")
    receipt = archive.dues.pay(PaymentForm(owing.member_id, [dt.date(YEAR, 12, 1)], received_by="周国强",
                                           amount_each_fen=owing.due_fen + 5000))
    assert receipt.voluntary_fen == 5000
    render(receipt_paper(archive, receipt.receipt_no), tmp_path / "r.pdf")
    assert "其中自愿多交50.00元" in _text(tmp_path / "r.pdf")
