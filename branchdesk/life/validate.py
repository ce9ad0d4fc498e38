"""Checking what the user enters for a 组织生活会 cycle. Each function returns a cleaned
copy or raises ValidationErrors naming the field and the fix; nothing here writes.

``people`` maps the branch's member ids to their names (every member ever on the roster,
so that an entry about someone since transferred still reads)."""

from __future__ import annotations

import datetime as dt

from .. import clock, labels
from ..errors import ErrorCollector
from ..text import LINE_MAX, NAME_MAX, TEXT_MAX, bounded, clean_line, clean_text
from .forms import Criticism, Examination, Opinion, PlanForm, Problem

# A year's 组织生活会 is often held early in the next year (a 2024 meeting in January 2025).
LATEST_MONTH_NEXT_YEAR = 6


def year_span(year: int) -> tuple[dt.date, dt.date]:
    """The days on which the ``year`` cycle may happen: that year and the next half year."""
    return dt.date(year, 1, 1), dt.date(year + 1, LATEST_MONTH_NEXT_YEAR, 30)


def _choice(errors: ErrorCollector, field: str, value: str, table: dict, what: str) -> None:
    if value not in table:
        errors.add(field, "choice", f"请选择{what}（{'、'.join(table.values())}）。")


def person(errors: ErrorCollector, field: str, what: str, member_id, name: str, people: dict[int, str],
           required: bool = True) -> tuple[int | None, str]:
    """A person chosen from the roster (the roster's name wins) or typed by name."""
    if member_id is not None:
        if member_id not in people:
            errors.add(field, "member", f"「{what}」选择的党员不在本支部名册中，请重新选择。")
            return None, ""
        return member_id, people[member_id]
    name = clean_line(name)
    if required and not name:
        errors.add(field, "required", f"请选择或填写「{what}」。")
    elif len(name) > NAME_MAX:
        errors.add(field, "too_long", f"「{what}」太长，最多 {NAME_MAX} 字。")
    return None, name


def _day(errors: ErrorCollector, field: str, what: str, day: dt.date | None, year: int,
         required: bool, today: dt.date) -> None:
    if day is None:
        if required:
            errors.add(field, "required", f"请填写「{what}」。")
        return
    first, last = year_span(year)
    if day > today:
        errors.add(field, "future", f"「{what}」{day:%Y-%m-%d} 晚于今天，请核对（也请检查电脑日期）。")
    elif not first <= day <= last:
        errors.add(field, "year", f"「{what}」{day:%Y-%m-%d} 不在 {year} 年度组织生活会的时间范围内，请核对。")


def clean_plan(plan: PlanForm, today: dt.date | None = None) -> PlanForm:
    today = today or clock.today()
    errors = ErrorCollector()
    if not 2000 <= int(plan.year) <= today.year + 1:
        errors.add("year", "range", f"年度 {plan.year} 不对，请填写 2000 到 {today.year + 1} 之间的年份。")
    theme = errors.check(bounded, "theme", "会议主题", clean_line(plan.theme), LINE_MAX)
    _choice(errors, "form", plan.form, labels.LIFE_FORMS, "会议形式")
    if plan.form == "group" and plan.group_id is None:
        errors.add("group_id", "required", "以党小组会形式召开，请选择党小组。")
    first, last = year_span(int(plan.year))
    if plan.planned_on is not None and not first <= plan.planned_on <= last:
        errors.add("planned_on", "year", f"计划日期 {plan.planned_on:%Y-%m-%d} 不在 {plan.year} 年度组织生活会的时间范围内"
                   f"（{first:%Y-%m-%d} 至 {last:%Y-%m-%d}），请核对年度或日期。")
    reported = plan.plan_reported_on
    if reported is not None:
        if reported > today:
            errors.add("plan_reported_on", "future", f"方案报送日期 {reported:%Y-%m-%d} 晚于今天，请核对。")
        elif plan.planned_on is not None and reported > plan.planned_on:
            errors.add("plan_reported_on", "order", "方案应在会前报上级党组织，报送日期不能晚于计划召开日期。")
    errors.raise_if_any()
    return PlanForm(int(plan.year), theme or "", plan.planned_on, plan.form,
                    plan.group_id if plan.form == "group" else None, reported)


def clean_opinion(opinion: Opinion, year: int, people: dict[int, str], today: dt.date | None = None) -> Opinion:
    today = today or clock.today()
    errors = ErrorCollector()
    _choice(errors, "source", opinion.source, labels.OPINION_SOURCES, "意见来源")
    _choice(errors, "channel", opinion.channel, labels.OPINION_CHANNELS, "征求渠道")
    _choice(errors, "category", opinion.category, labels.ISSUE_CATEGORIES, "意见类别")
    _day(errors, "received_on", "收到日期", opinion.received_on, year, True, today)
    content = errors.check(bounded, "content", "意见内容", clean_text(opinion.content), TEXT_MAX, True)
    addressed_id, addressed = person(errors, "addressed_name", "意见对象", opinion.addressed_member_id,
                                     opinion.addressed_name, people, required=False)
    giver = "" if opinion.anonymous else errors.check(bounded, "giver", "提意见人", clean_line(opinion.giver), NAME_MAX)
    answer = errors.check(bounded, "answer", "答复", clean_text(opinion.answer), TEXT_MAX)
    answered_on = opinion.answered_on
    if answer and answered_on is None:
        answered_on = today
    if answered_on is not None and not answer:
        errors.add("answer", "required", "填写了答复日期，请同时填写答复内容，或清空答复日期。")
    if answered_on is not None:
        if answered_on > today:
            errors.add("answered_on", "future", f"答复日期 {answered_on:%Y-%m-%d} 晚于今天，请核对。")
        elif opinion.received_on is not None and answered_on < opinion.received_on:
            errors.add("answered_on", "order", "答复日期早于收到意见的日期，请核对。")
    errors.raise_if_any()
    return Opinion(opinion.source, opinion.channel, opinion.received_on, content or "", opinion.category,
                   addressed_id, addressed, bool(opinion.anonymous), giver or "", answer or "", answered_on,
                   opinion.uid, opinion.id)


def clean_problem(problem: Problem, people: dict[int, str]) -> Problem:
    errors = ErrorCollector()
    member_id, owner = person(errors, "owner_name", "问题清单所属", problem.member_id, problem.owner_name, people,
                              required=False)
    _choice(errors, "source", problem.source, labels.PROBLEM_SOURCES, "问题来源")
    _choice(errors, "category", problem.category, labels.ISSUE_CATEGORIES, "问题类别")
    text = errors.check(bounded, "problem", "问题", clean_text(problem.problem), LINE_MAX * 5, True)
    errors.raise_if_any()
    return Problem(text or "", member_id, owner, problem.source, problem.category, problem.uid, problem.id)


def clean_examination(exam: Examination, year: int, people: dict[int, str],
                      today: dt.date | None = None) -> Examination:
    today = today or clock.today()
    errors = ErrorCollector()
    member_id, owner = person(errors, "owner_name", "对照检查人", exam.member_id, exam.owner_name, people,
                              required=False)
    problems = errors.check(bounded, "problems", "存在的问题", clean_text(exam.problems), TEXT_MAX, True)
    causes = errors.check(bounded, "causes", "原因分析", clean_text(exam.causes), TEXT_MAX, True)
    measures = errors.check(bounded, "measures", "整改措施", clean_text(exam.measures), TEXT_MAX, True)
    _day(errors, "submitted_on", "提交日期", exam.submitted_on, year, False, today)
    errors.raise_if_any()
    return Examination(problems or "", causes or "", measures or "", member_id, owner, exam.submitted_on, exam.id)


def clean_criticism(entry: Criticism, people: dict[int, str]) -> Criticism:
    errors = ErrorCollector()
    _choice(errors, "kind", entry.kind, labels.CRITICISM_KINDS, "类别")
    from_id, from_name = person(errors, "from_name", "发言人", entry.from_member_id, entry.from_name, people)
    if entry.kind == "self":
        to_id, to_name = from_id, from_name
    else:
        to_id, to_name = person(errors, "to_name", "被批评人", entry.to_member_id, entry.to_name, people)
        if from_name and (from_id, from_name) == (to_id, to_name):
            errors.add("to_name", "same", "相互批评的发言人和被批评人是同一人。本人的发言请登记为「自我批评」。")
    content = errors.check(bounded, "content", "发言内容", clean_text(entry.content), TEXT_MAX, True)
    response = errors.check(bounded, "response", "本人回应", clean_text(entry.response), TEXT_MAX)
    if entry.kind == "self" and response:
        errors.add("response", "self", "自我批评不需要填写回应；别人提出的批评才记录本人的回应。")
    errors.raise_if_any()
    return Criticism(entry.kind, from_id, from_name, to_id, to_name, content or "", response or "",
                     entry.uid, entry.id)


def clean_long_text(field: str, what: str, text: str) -> str:
    """The secretary's report, the 回头看 and the summary."""
    return bounded(field, what, clean_text(text), TEXT_MAX)
