"""The rules of a transfer that need no database: the 回执 period and its bounds, the
letter's 有效期, the checks of a form (docs/domain.md §16)."""

from __future__ import annotations

import datetime as dt

from .. import labels
from ..dates import date_problem
from ..dues import months as mo
from ..errors import ErrorCollector
from ..text import LINE_MAX, NAME_MAX, TEXT_MAX, bounded, clean_line, clean_text
from .forms import AwayForm, TransferForm

RECEIPT_SETTING = "transfers.receipt_months"
# A 介绍信 is valid for at most three months as a rule, so a 回执 missing three months
# after the letter means the member has not reported to the receiving organisation.
DEFAULT_RECEIPT_MONTHS = 3
RECEIPT_MONTHS_RANGE = (1, 12)
VALID_DAYS_RANGE = (1, 90)


def receipt_due_on(moved_on: dt.date, months: int) -> dt.date:
    """The last day the 回执 may still come back: ``months`` after the letter."""
    first = mo.add(mo.first(moved_on), months)
    last_day = (mo.add(first, 1) - dt.timedelta(days=1)).day
    return first.replace(day=min(moved_on.day, last_day))


def check_receipt_months(value: object) -> int:
    from ..errors import ValidationError

    low, high = RECEIPT_MONTHS_RANGE
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ValidationError("receipt_months", "range", f"「回执期限」须为 {low} 到 {high} 个月，请重填。")
    return value


def check_transfer(form: TransferForm, today: dt.date) -> dict:
    """The cleaned columns of a transfer form, or ValidationErrors naming every field."""
    errors = ErrorCollector()
    if form.direction not in labels.TRANSFER_DIRECTIONS:
        errors.add("direction", "choice", "请选择转出或转入。")
    if form.moved_on is None:
        errors.add("moved_on", "required", "请填写「转接日期」（介绍信开具或报到的日期）。")
    else:
        problem = date_problem("转接日期", form.moved_on, today=today)
        if problem:
            errors.add("moved_on", *problem)
    from_org = errors.check(bounded, "from_org", "原所在党组织", clean_line(form.from_org), LINE_MAX, True)
    to_org = errors.check(bounded, "to_org", "转往党组织", clean_line(form.to_org), LINE_MAX, True)
    if form.reason not in labels.TRANSFER_REASONS:
        errors.add("reason", "choice", "请选择转接原因：" + "、".join(labels.TRANSFER_REASONS.values()) + "。")
    reason_note = errors.check(bounded, "reason_note", "原因说明", clean_line(form.reason_note), LINE_MAX)
    if form.reason == "other" and not reason_note:
        errors.add("reason_note", "required", "转接原因选了「其他」，请在「原因说明」中写明。")
    if form.scope not in labels.TRANSFER_SCOPES:
        errors.add("scope", "choice", "请选择转接范围：" + "、".join(labels.TRANSFER_SCOPES.values()) + "。")
    low, high = VALID_DAYS_RANGE
    if not isinstance(form.valid_days, int) or not low <= form.valid_days <= high:
        errors.add("valid_days", "range", f"「有效期」须为 {low} 到 {high} 天（介绍信有效期一般不超过三个月）。")
    letter_no = errors.check(bounded, "letter_no", "介绍信编号", clean_line(form.letter_no), NAME_MAX)
    note = errors.check(bounded, "note", "备注", clean_text(form.note), TEXT_MAX)
    if form.dues_paid_to is not None and form.moved_on is not None and form.dues_paid_to > mo.add(
            mo.first(form.moved_on), 12):
        errors.add("dues_paid_to", "too_late", "「党费交到」比转接日期晚一年以上，请核对。")
    errors.raise_if_any()
    return {
        "direction": form.direction, "moved_on": form.moved_on, "from_org": from_org, "to_org": to_org,
        "reason": form.reason, "reason_note": reason_note, "scope": form.scope, "valid_days": form.valid_days,
        "dues_paid_to": mo.key(form.dues_paid_to) if form.dues_paid_to else "", "letter_no": letter_no,
        "note": note,
    }


def check_away(form: AwayForm, today: dt.date) -> dict:
    errors = ErrorCollector()
    if form.member_id is None:
        errors.add("member_id", "required", "请选择流动党员。")
    place = errors.check(bounded, "place", "外出地点", clean_line(form.place), LINE_MAX, True)
    if form.since is None:
        errors.add("since", "required", "请填写「外出时间」。")
    else:
        problem = date_problem("外出时间", form.since, today=today)
        if problem:
            errors.add("since", *problem)
    if form.until is not None:
        problem = date_problem("返回时间", form.until, today=today)
        if problem:
            errors.add("until", *problem)
        elif form.since is not None and form.until < form.since:
            errors.add("until", "order", "「返回时间」早于「外出时间」，请核对。")
    contact = clean_line(form.contact).replace(" ", "")
    if contact and not all(ch.isdigit() or ch in "+-()" for ch in contact):
        errors.add("contact", "format", "「联系电话」只能包含数字、+、- 和括号，请核对。")
    contact = errors.check(bounded, "contact", "联系电话", contact, NAME_MAX)
    host_org = errors.check(bounded, "host_org", "流入地党组织", clean_line(form.host_org), LINE_MAX)
    if form.life_way not in labels.AWAY_LIFE_WAYS:
        errors.add("life_way", "choice", "请选择参加组织生活的方式。")
    if form.dues_way not in labels.AWAY_DUES_WAYS:
        errors.add("dues_way", "choice", "请选择交纳党费的方式。")
    life_note = errors.check(bounded, "life_note", "组织生活说明", clean_line(form.life_note), LINE_MAX)
    dues_note = errors.check(bounded, "dues_note", "党费说明", clean_line(form.dues_note), LINE_MAX)
    if form.life_way == "host" and not host_org:
        errors.add("host_org", "required", "选了「参加流入地党组织生活」，请填写「流入地党组织」。")
    if form.dues_way == "host" and not host_org:
        errors.add("host_org", "required", "选了「向流入地党组织交纳」党费，请填写「流入地党组织」。")
    if form.life_way == "other" and not life_note:
        errors.add("life_note", "required", "组织生活方式选了「其他」，请写明。")
    if form.dues_way == "other" and not dues_note:
        errors.add("dues_note", "required", "党费交纳方式选了「其他」，请写明。")
    note = errors.check(bounded, "note", "备注", clean_text(form.note), TEXT_MAX)
    errors.raise_if_any()
    return {"member": form.member_id, "place": place, "since": form.since, "until": form.until, "contact": contact,
            "host_org": host_org, "life_way": form.life_way, "life_note": life_note, "dues_way": form.dues_way,
            "dues_note": dues_note, "note": note}
