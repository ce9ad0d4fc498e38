"""A member's form and the rules the record must keep, checked when a member is entered, edited or
imported (docs/domain.md §1)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import clock, labels
from ..errors import ErrorCollector
from ..patterns import compile_on_use
from ..text import LINE_MAX, NAME_MAX, TEXT_MAX, bounded, clean_line, clean_name, clean_text
from . import idnumber


@dataclass
class MemberForm:
    """What the user enters for a member; dates may be None when left empty."""

    name: str = ""
    id_number: str = ""
    ethnicity: str = "汉族"
    education: str = ""
    phone: str = ""
    job: str = ""
    joined_on: dt.date | None = None
    full_on: dt.date | None = None
    # Why full membership came less than a year after joining (rare, e.g. old records).
    full_exception: str = ""
    status: str = "full"
    group_id: int | None = None
    note: str = ""
    # Optional: checked against the birth date inside the ID number when given.
    birth_date: dt.date | None = None
    # The roster gave 出生年月 as a year and month alone (1968.03): only those are compared.
    birth_month_only: bool = False


ADULT_AGE = 18
PROBATION_YEARS = 1
_PHONE = compile_on_use(r"^[0-9+\-() ]{5,20}$")


def validate(form: MemberForm, today: dt.date | None = None, row: int | None = None) -> dict:
    """Check a form; return the cleaned column values or raise ValidationErrors
    listing every problem with the field it belongs to."""
    # on use: dates (its regexes, a dataclass) serves forms and imports, not a listing
    from ..dates import date_problem

    today = today or clock.today()
    errors = ErrorCollector(row)
    name = errors.check(bounded, "name", "姓名", clean_name(form.name), NAME_MAX, True)
    facts = errors.check(idnumber.parse, form.id_number)
    ethnicity = errors.check(bounded, "ethnicity", "民族", clean_line(form.ethnicity) or "汉族", NAME_MAX)
    education = errors.check(bounded, "education", "学历", clean_line(form.education), NAME_MAX)
    job = errors.check(bounded, "job", "工作岗位", clean_line(form.job), LINE_MAX)
    note = errors.check(bounded, "note", "备注", clean_text(form.note), TEXT_MAX)
    exception = errors.check(bounded, "full_exception", "提前转正说明", clean_line(form.full_exception), LINE_MAX)
    phone = clean_line(form.phone).replace(" ", "")
    if phone and not _PHONE.match(phone):
        errors.add("phone", "format", "联系电话只能包含数字、+、- 和括号，5 到 20 位，请核对。")
    if form.status not in labels.MEMBER_STATUSES:
        errors.add("status", "choice", "请选择党员状态（正式、预备、流动等）。")

    birth = facts.birth_date if facts else None
    if facts and form.birth_date and form.birth_month_only:
        # 出生年月 1968.03 agrees with an ID born on any day of March 1968; the ID's date is stored.
        if (form.birth_date.year, form.birth_date.month) != (facts.birth_date.year, facts.birth_date.month):
            errors.add(
                "birth_date",
                "mismatch",
                f"出生年月 {form.birth_date:%Y-%m} 与身份证号码中的 {facts.birth_date:%Y-%m-%d} 不一致，请核对。",
            )
    elif facts and form.birth_date and form.birth_date != facts.birth_date:
        errors.add(
            "birth_date",
            "mismatch",
            f"出生日期 {form.birth_date:%Y-%m-%d} 与身份证号码中的 {facts.birth_date:%Y-%m-%d} 不一致，请核对。",
        )
    joined = form.joined_on
    if joined is None:
        errors.add("joined_on", "required", "请填写入党日期。")
    elif bad := date_problem("入党日期", joined, today=today):
        errors.add("joined_on", *bad)
    elif birth is not None:
        if joined <= birth:
            errors.add("joined_on", "before_birth", "入党日期早于出生日期，请核对入党日期和身份证号码。")
        elif clock.age_on(birth, joined) < ADULT_AGE:
            errors.add(
                "joined_on",
                "under_age",
                f"按身份证号码，入党时只有 {clock.age_on(birth, joined)} 岁；入党须年满 18 岁，请核对入党日期。",
            )
    full = form.full_on
    if form.status == "probationary" and full is not None:
        errors.add("full_on", "probationary", "预备党员还没有转正，请清空转正日期，或把状态改为正式党员。")
    if form.status == "full" and full is None:
        errors.add("full_on", "required", "正式党员请填写转正日期。")
    if full is not None and joined is not None:
        if bad := date_problem("转正日期", full, today=today):
            errors.add("full_on", *bad)
        elif full < joined:
            errors.add("full_on", "before_join", "转正日期早于入党日期，请核对。")
        elif full < clock.add_years(joined, PROBATION_YEARS) and not exception:
            errors.add(
                "full_on",
                "probation_short",
                "预备期一般为一年，转正日期不到入党一年。如确属特殊情况，请在「提前转正说明」中写明原因。",
            )
    errors.raise_if_any()
    return dict(
        name=name,
        gender=labels.key_for(labels.GENDERS, facts.gender),
        ethnicity=ethnicity,
        birth_date=facts.birth_date,
        id_number=facts.number,
        education=education,
        phone=phone,
        job=job,
        joined_on=joined,
        full_on=full,
        full_exception=exception,
        status=form.status,
        group=form.group_id,
        note=note,
    )
