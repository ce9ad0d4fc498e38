"""党费 ledger on every engine: bases from a month on, payments for named months (预交,
补交), receipts without gaps even after a failed payment, closing (sealed), 上缴 and the
balance."""

import datetime as dt

import pytest

from branchdesk.dues import CorrectionForm, HandoverForm, PaymentForm
from branchdesk.dues.closing import DUES_MONTH
from branchdesk.errors import Conflict, ValidationErrors
from tests.domain.dues_support import YEAR, month, pay, set_base


def test_a_base_applies_from_its_month_on(branch):
    archive, ids, _ = branch
    set_base(archive, ids, "王堃", base_fen=300_000)
    set_base(archive, ids, "王堃", base_fen=600_000, from_month=month(7), note="7月起调资")
    set_base(archive, ids, "李喆", category="retired", base_fen=500_001)
    set_base(archive, ids, "赵赟", category="farmer", base_fen=None)
    archive.dues.set_farmer_fen(50)
    june, july = archive.dues.ledger(month(6)), archive.dues.ledger(month(7))
    due = {row.name: row.due_fen for row in june.rows}
    assert due["王堃"] == 1500 and due["李喆"] == 5000 and due["赵赟"] == 50
    assert {row.name: row.due_fen for row in july.rows}["王堃"] == 9000
    assert {row.name: row.state for row in june.rows}["陈镕"] == "no_base"
    assert archive.dues.base_on(ids["王堃"], month(8)).set_by == "李喆"
    assert archive.dues.bases_for_year(YEAR)[ids["王堃"]].base_fen == 300_000
    assert [e.action for e in archive.audit.entries("dues_base")].count("dues.base") == 4


def test_bases_of_the_whole_table_are_all_stored_or_none(branch):
    archive, ids, _ = branch
    from branchdesk.dues import BaseForm

    forms = [BaseForm(ids["王堃"], month(1), "employed", 400_000, set_by="李喆"),
             BaseForm(ids["李喆"], month(1), "employed", None, set_by="李喆"),
             BaseForm(ids["赵赟"], month(1), "student", set_by="")]
    with pytest.raises(ValidationErrors) as refused:
        archive.dues.set_bases(forms)
    messages = [e.message() for e in refused.value.errors]
    assert messages[0].startswith("第 2 行：李喆：") and "请填写每月工资收入（税后）" in messages[0]
    assert messages[1] == "第 3 行：请填写「核定人」。"
    assert archive.dues.bases(ids["王堃"]) == []


def test_monthly_advance_and_late_payments_name_their_months(branch):
    archive, ids, _ = branch
    set_base(archive, ids, "王堃", base_fen=400_000)
    first = pay(archive, ids, "王堃", [month(12)], paid_on=dt.date(YEAR, 12, 2))
    assert (first.receipt_no, first.total_fen, first.months) == (f"{YEAR}-0001", 4000, [(month(12), 4000, "current")])
    # 预交: a quarter ahead, with the branch's consent
    ahead = pay(archive, ids, "王堃", [month(1, YEAR + 1), month(2, YEAR + 1), month(3, YEAR + 1)],
                paid_on=dt.date(YEAR, 12, 3), method="transfer")
    assert ahead.receipt_no == f"{YEAR}-0002" and ahead.total_fen == 12000
    assert {timing for _, _, timing in ahead.months} == {"advance"}
    # 补交 for named months, by someone on the member's behalf
    late = pay(archive, ids, "王堃", [month(9), month(10)], method="proxy", payer="王妻")
    assert [t for _, _, t in late.months] == ["late", "late"] and late.method_label == "代交（王妻代交）"
    ledger = archive.dues.ledger(month(10))
    row = next(r for r in ledger.rows if r.name == "王堃")
    assert (row.paid_fen, row.state, row.receipts) == (4000, "paid", [f"{YEAR}-0003"])
    assert ledger.paid_count == 1 and ledger.paid_fen == 4000
    # the same month twice is refused, more than a year ahead too
    with pytest.raises(ValidationErrors, match="已交清"):
        pay(archive, ids, "王堃", [month(10)])
    with pytest.raises(ValidationErrors, match="预交最多交到一年以后"):
        pay(archive, ids, "王堃", [month(1, YEAR + 2)])
    assert [r.receipt_no for r in archive.dues.receipts(YEAR)] == [f"{YEAR}-000{n}" for n in (1, 2, 3)]


def test_what_a_payment_needs(branch):
    archive, ids, _ = branch
    set_base(archive, ids, "王堃", base_fen=400_000)
    with pytest.raises(ValidationErrors) as refused:
        archive.dues.pay(PaymentForm(ids["王堃"], [month(11)], paid_on=dt.date(YEAR, 12, 1), received_by="李喆",
                                     method="proxy", amount_each_fen=3000))
    text = " ".join(e.message() for e in refused.value.errors)
    assert "代交时请填写代交人的姓名" in text and "应交40.00元，填的30.00元不够" in text
    with pytest.raises(ValidationErrors, match="还没有设定2026年11月适用的党费基数"):
        pay(archive, ids, "李喆", [month(11)])
    # a larger amount is taken and kept as such (自愿多交)
    voluntary = pay(archive, ids, "王堃", [month(11)], amount_each_fen=10000)
    assert voluntary.total_fen == 10000 and voluntary.voluntary_fen == 6000
    assert archive.dues.receipts() == [voluntary]


def test_the_whole_month_in_one_pass_is_all_or_nothing(branch):
    archive, ids, _ = branch
    for name in ("王堃", "李喆"):
        set_base(archive, ids, name)
    forms = [PaymentForm(ids[name], [month(11)], paid_on=dt.date(YEAR, 11, 20), received_by="李喆")
             for name in ("王堃", "李喆", "赵赟")]
    with pytest.raises(ValidationErrors) as refused:
        archive.dues.pay_many(forms)
    assert [e.message() for e in refused.value.errors] == [
        "第 3 行：赵赟：还没有设定2026年11月适用的党费基数，请先在「党费基数」里设定。"]
    assert archive.dues.receipts() == []
    assert archive.dues.pay_many(forms[:2]) == [f"{YEAR}-0001", f"{YEAR}-0002"]


def test_the_months_collection_takes_no_month_not_yet_begun(branch):
    """按月收缴 is for this month or months past (补交); a month not yet begun is a 预交,
    taken member by member and recorded as such (docs/domain.md §10)."""
    from branchdesk.dues import months as mo
    from tests.conftest import TODAY

    archive, ids, _ = branch
    for name in ("王堃", "李喆"):
        set_base(archive, ids, name)
    this, later = mo.first(TODAY), mo.add(mo.first(TODAY), 11)
    forms = [PaymentForm(ids[name], [later], received_by="李喆") for name in ("王堃", "李喆")]
    with pytest.raises(ValidationErrors) as refused:
        archive.dues.pay_many(forms)
    when = mo.label(later)
    assert [e.message() for e in refused.value.errors] == [
        f"{when}还没到（本月是{mo.label(this)}），不能按月收缴{when}的党费。党员要提前交的，请逐人办理预交："
        f"在「收缴（预交/补交）…」里勾选{when}（命令行：dues pay 姓名 --months {mo.key(later)}）。"]
    assert archive.dues.receipts() == [] and archive.audit.entries("dues_payment") == []
    # this month and a month past are taken in one pass
    numbers = archive.dues.pay_many([PaymentForm(ids["王堃"], [this], received_by="李喆"),
                                     PaymentForm(ids["李喆"], [mo.add(this, -1)], received_by="李喆")])
    assert [r.months[0][2] for r in archive.dues.receipts()] == ["current", "late"] and len(numbers) == 2
    # the same month, paid ahead by one member, is a 预交 and says so
    assert archive.dues.pay(PaymentForm(ids["王堃"], [later], received_by="李喆")).months == [(later, 4000, "advance")]


def test_receipt_numbers_have_no_gap_after_a_failed_payment(branch, monkeypatch):
    """A power cut in the middle of a payment: the number it had taken goes back with it."""
    archive, ids, _ = branch
    set_base(archive, ids, "王堃")
    set_base(archive, ids, "李喆")
    pay(archive, ids, "王堃", [month(10)])
    real_record = archive.audit.record

    def cut(action, *args, **kwargs):
        if action == "dues.pay":
            raise OSError("断电")
        return real_record(action, *args, **kwargs)

    monkeypatch.setattr(archive.audit, "record", cut)
    with pytest.raises(OSError):
        pay(archive, ids, "李喆", [month(10)])
    monkeypatch.undo()
    assert [r.receipt_no for r in archive.dues.receipts()] == [f"{YEAR}-0001"]
    assert archive.dues.ledger(month(10)).paid_fen == 4000
    assert pay(archive, ids, "李喆", [month(10)]).receipt_no == f"{YEAR}-0002"
    # a new year starts again at 1; a number is never used twice, nor can a payment go
    assert pay(archive, ids, "李喆", [month(1, YEAR + 1)], paid_on=dt.date(YEAR, 12, 5)).receipt_no == f"{YEAR}-0003"
    with pytest.raises(Conflict):
        archive.db.execute_sql(f"DELETE FROM dues_payment WHERE receipt_no = '{YEAR}-0002'")
    with pytest.raises(Conflict):
        archive.db.execute_sql("UPDATE dues_payment_month SET amount_fen = 1 WHERE amount_fen = 4000")
    with pytest.raises(Exception):  # noqa: B017 - either engine's refusal of a duplicate key
        with archive.db.atomic():
            archive.db.execute_sql(
                "INSERT INTO dues_payment (receipt_no, member_id, paid_on, received_by, method, kind, total_fen, "
                f"created_at, created_by) VALUES ('{YEAR}-0001', {ids['王堃']}, '{YEAR}-12-01', 'x', 'cash', 'payment',"
                " 1, 'x', 'x')")
    assert len(archive.dues.receipts()) == 3


def test_a_closed_month_is_sealed_and_corrected_only_by_new_entries(branch):
    archive, ids, _ = branch
    set_base(archive, ids, "王堃")
    set_base(archive, ids, "李喆")
    pay(archive, ids, "王堃", [month(11)])
    month_id = archive.dues.close_month(month(11), "publicity")
    assert archive.dues.is_closed(month(11)) and archive.records.verify(DUES_MONTH, month_id).ok
    with pytest.raises(Conflict, match="已上报并封存"):
        archive.db.execute_sql(f"UPDATE dues_month_line SET paid_fen = 0 WHERE month_id = {month_id}")
    with pytest.raises(Conflict, match="已上报并封存"):
        archive.db.execute_sql(f"DELETE FROM dues_month WHERE id = {month_id}")
    with pytest.raises(Conflict, match="已经结账封存"):
        archive.dues.close_month(month(11))
    with pytest.raises(Conflict, match="还没有到"):
        archive.dues.close_month(month(1, YEAR + 1))
    # 补交 of a closed month needs its reason; the sealed month keeps what it said
    with pytest.raises(ValidationErrors, match="补交说明"):
        pay(archive, ids, "李喆", [month(11)])
    pay(archive, ids, "李喆", [month(11)], reason="外出务工返乡后补交")
    assert archive.dues.ledger(month(11)).paid_fen == 8000
    assert archive.records.verify(DUES_MONTH, month_id).ok
    # a base of a closed month cannot change
    with pytest.raises(ValidationErrors, match="已经结账封存"):
        set_base(archive, ids, "王堃", from_month=month(11))
    # a correction is a new entry with a reason
    with pytest.raises(ValidationErrors, match="更正原因"):
        archive.dues.correct(CorrectionForm(ids["王堃"], month(11), -1000, "", entered_by="李喆"))
    with pytest.raises(ValidationErrors, match="会成为负数"):
        archive.dues.correct(CorrectionForm(ids["王堃"], month(11), -5000, "多记", entered_by="李喆"))
    archive.dues.correct(CorrectionForm(ids["王堃"], month(11), -1000, "收据金额多记10元", f"{YEAR}-0001",
                                        entered_by="李喆"))
    row = next(r for r in archive.dues.ledger(month(11)).rows if r.name == "王堃")
    assert (row.paid_fen, row.state) == (3000, "partial")
    assert len(archive.dues.receipts()) == 2  # a correction takes no receipt number


def test_handover_balance_and_the_months_it_closes(branch):
    archive, ids, _ = branch
    set_base(archive, ids, "王堃")
    pay(archive, ids, "王堃", [month(m) for m in range(9, 13)], paid_on=dt.date(YEAR, 12, 1))
    assert archive.dues.balance() == 16000
    base = HandoverForm(dt.date(YEAR, 12, 5), 20000, month(9), month(11), handed_by="李喆", voucher="镇党委2026-17")
    with pytest.raises(ValidationErrors, match="多于支部现有党费结余160.00元"):
        archive.dues.hand_over(base)
    with pytest.raises(ValidationErrors, match="请填写「经手人」"):
        archive.dues.hand_over(HandoverForm(dt.date(YEAR, 12, 5), 12000, month(9), month(11)))
    base.amount_fen, base.to_org = 12000, "城关镇党委"
    archive.dues.hand_over(base)
    assert archive.dues.balance() == 4000
    assert archive.dues.balance_sentence() == "累计收缴160.00元，已上缴120.00元，结余40.00元。"
    assert [archive.dues.is_closed(month(m)) for m in (9, 10, 11, 12)] == [True, True, True, False]
    assert [h.voucher for h in archive.dues.handovers(YEAR)] == ["镇党委2026-17"]
    with pytest.raises(Conflict):
        archive.db.execute_sql("UPDATE dues_handover SET amount_fen = 1")


def test_excused_months_are_not_collected(branch):
    archive, ids, _ = branch
    set_base(archive, ids, "王堃")
    archive.dues.excuse(ids["王堃"], month(3), month(4), "重病住院，经支委会同意免交", "李喆")
    with pytest.raises(ValidationErrors, match="已登记免交"):
        pay(archive, ids, "王堃", [month(3)])
    ledger = archive.dues.ledger(month(3))
    row = next(r for r in ledger.rows if r.name == "王堃")
    assert row.state == "excused" and ledger.due_fen == 0
    with pytest.raises(ValidationErrors, match="免交原因"):
        archive.dues.excuse(ids["王堃"], month(5), month(5), " ", "李喆")
