"""The order, periods and deadlines of 发展党员 (《中国共产党发展党员工作细则》, 2014), as
plain functions over a person's recorded steps (docs/domain.md §11).

A step outside a rule the 细则 states as a must is refused. Where the 细则 says
"normally" (一般) or sets a rhythm (每半年), a step outside it is accepted only with a
written reason (``StepForm.reason``); the message names the rule either way."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from .. import clock, labels
from ..dates import date_problem
from ..errors import ErrorCollector
from ..text import LINE_MAX, TEXT_MAX, bounded, clean_line, clean_text
from .forms import DueItem, StepForm, StepRecord
from .steps import BY_KEY, STEPS

ADULT_AGE = 18
TALK_MONTHS = 1  # 收到入党申请书后一个月内派人谈话
REVIEW_MONTHS = 6  # 每半年考察一次
ACTIVIST_YEARS = 1  # 一年以上培养教育和考察后确定发展对象
TRAINING_DAYS, TRAINING_HOURS = 3, 24  # 集中培训一般不少于3天或24学时
APPROVAL_MONTHS = 3  # 上级党委一般在3个月内审批
PROBATION_YEARS = 1  # 预备期一年，从支部大会通过之日算起
FULL_VOTE_GRACE_MONTHS = 1  # decided here: 预备期满后一个月内讨论转正为「及时」
EXTENSION_MONTHS = (6, 12)  # 延长预备期不少于半年，最长不超过一年
SOON_DAYS = 30  # the to-do list shows a deadline from this many days before

RULE_AGE = "《发展党员工作细则》：年满十八岁方可申请入党"
RULE_TALK = "《发展党员工作细则》：党组织收到入党申请书后，应当在一个月内派人同入党申请人谈话"
RULE_REVIEW = "《发展党员工作细则》：党支部每半年对入党积极分子、预备党员进行一次考察"
RULE_YEAR = "《发展党员工作细则》：入党积极分子经过一年以上培养教育和考察，方可列为发展对象"
RULE_MENTORS = "《发展党员工作细则》：党组织指定一至两名正式党员作入党积极分子的培养联系人"
RULE_INTRODUCERS = "《发展党员工作细则》：发展对象应当有两名正式党员作入党介绍人"
RULE_TRAINING = "《发展党员工作细则》：发展对象集中培训时间一般不少于3天（或不少于24个学时）"
RULE_APPROVAL = "《发展党员工作细则》：上级党委一般应当在3个月内审批"
RULE_PROBATION = "《发展党员工作细则》：预备期为一年，从支部大会通过其为预备党员之日算起；预备期满，党支部应当及时讨论其能否转正"
RULE_EXTENSION = "《中国共产党章程》：延长预备期的时间不能少于半年，最长不超过一年，且只能延长一次"
RULE_ORDER = "《发展党员工作细则》规定的发展程序"


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later; the 31st becomes the month's last day."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def last(steps: list[StepRecord], *keys: str) -> StepRecord | None:
    found = [s for s in steps if s.step in keys]
    return found[-1] if found else None


def is_stopped(steps: list[StepRecord]) -> bool:
    """The pipeline ended short of 转正: 政审不合格, 预审 or 审批 not agreed, 资格取消."""
    for index, record in enumerate(steps):
        if record.step == "political_review" and record.decision == "failed":
            return True
        if record.step in ("pre_approval", "approval") and record.decision == "rejected":
            return True
        if record.step == "full_approval" and record.decision == "approved":
            vote = last(steps[:index], "full_vote")
            if vote is not None and vote.decision == "cancel":
                return True
    return False


def stage_of(steps: list[StepRecord]) -> str:
    if last(steps, "archived"):
        return "archived"
    if is_stopped(steps):
        return "stopped"
    approved_full = last(steps, "full_approval")
    vote = last(steps, "full_vote")
    # an imported 转正 has no 支部大会 step of its own (importing.py)
    if approved_full and approved_full.decision == "approved" and (vote is None or vote.decision == "full"):
        return "full"
    approval = last(steps, "approval")
    if approval and approval.decision == "approved":
        return "probationary"
    if last(steps, "candidate"):
        return "candidate"
    if last(steps, "activist"):
        return "activist"
    return "applicant"


def next_keys(steps: list[StepRecord]) -> list[str]:
    """The steps that may be recorded next, in the 细则's order."""
    if not steps:
        return ["application"]
    latest = steps[-1]
    if latest.step == "archived":
        return []
    if is_stopped(steps):
        return ["archived"]
    if latest.step == "activist_review":
        return ["activist_review", "candidate"]
    if latest.step == "probation_review":
        return ["probation_review", "full_application"]
    if latest.step == "full_approval":
        vote = last(steps, "full_vote")
        if latest.decision != "approved":
            return ["full_vote"]  # the upper level sent the branch's decision back
        return ["probation_review", "full_application"] if vote and vote.decision == "extend" else ["archived"]
    return [STEPS[latest.kind.number].key]


def probation_end(steps: list[StepRecord]) -> dt.date | None:
    """When the 预备期 ends: a year from the 支部大会 that admitted the person, plus an
    approved extension."""
    vote = last(steps, "branch_vote")
    approval = last(steps, "approval")
    if vote is None or approval is None or approval.decision != "approved":
        return None
    end = clock.add_years(vote.done_on, PROBATION_YEARS)
    for index, record in enumerate(steps):
        if record.step == "full_approval" and record.decision == "approved":
            decided = last(steps[:index], "full_vote")
            if decided and decided.decision == "extend" and decided.extension_months:
                end = add_months(end, decided.extension_months)
    return end


@dataclass(frozen=True)
class Facts:
    """What the rules need besides the steps: the person's birth date, the roster's 正式党员
    (id → name), today."""

    birth_date: dt.date
    full_members: dict[int, str]
    today: dt.date


def check(steps: list[StepRecord], form: StepForm, facts: Facts) -> StepForm:
    """The cleaned form, or ValidationErrors naming every problem and its rule."""
    errors = ErrorCollector()
    kind = BY_KEY.get(form.step)
    if kind is None:
        errors.add("step", "choice", "请选择要登记的发展步骤。")
        errors.raise_if_any()
    allowed = next_keys(steps)
    if form.step not in allowed:
        expected = "、".join(f"「{BY_KEY[k].title}」" for k in allowed) or "无（档案已完成）"
        errors.add("step", "order", f"按{RULE_ORDER}，下一步应为{expected}，不能登记「{kind.title}」：步骤不能跳过或颠倒。")
        errors.raise_if_any()
    cleaned = StepForm(
        step=form.step, done_on=form.done_on, people=list(form.people),
        body=errors.check(bounded, "body", "审批（备案）机关", clean_line(form.body), LINE_MAX) or "",
        decision=form.decision if kind.decisions else "",
        text=errors.check(bounded, "text", kind.text_label, clean_text(form.text), TEXT_MAX) or "",
        reason=errors.check(bounded, "reason", "情况说明", clean_text(form.reason), TEXT_MAX) or "",
        days=form.days if form.step == "training" else None,
        hours=form.hours if form.step == "training" else None,
        extension_months=form.extension_months if form.decision == "extend" else None,
        group_id=form.group_id if form.step == "placement" else None,
        meeting_id=form.meeting_id if kind.meeting else None, resolution_no=form.resolution_no,
    )
    day = form.done_on
    if day is None:
        errors.add("done_on", "required", f"请填写「{kind.title}」的日期。")
    elif bad := date_problem(f"{kind.title}日期", day, today=facts.today):
        errors.add("done_on", *bad)
    elif steps and day < steps[-1].done_on:
        previous = steps[-1]
        errors.add("done_on", "backwards", f"「{kind.title}」的日期 {day:%Y-%m-%d} 早于上一步「{previous.kind.title}」"
                   f"（{previous.done_on:%Y-%m-%d}）：发展步骤的日期不能倒退，请核对。")
    _check_people(kind, cleaned, facts, errors)
    if kind.body and not cleaned.body:
        errors.add("body", "required", f"请填写「{kind.title}」的机关（如：中共某某镇委员会）。")
    if kind.decisions and cleaned.decision not in getattr(labels, kind.decisions):
        choices = "、".join(getattr(labels, kind.decisions).values())
        errors.add("decision", "choice", f"请选择「{kind.title}」的结果（{choices}）。")
    if kind.text_required and not cleaned.text:
        errors.add("text", "required", f"请填写「{kind.text_label}」。")
    errors.raise_if_any()
    needs_reason = _periods(steps, cleaned, facts, errors)
    errors.raise_if_any()
    if needs_reason and not cleaned.reason:
        errors.add("reason", "needs_reason", "；".join(needs_reason) + "。如确有原因，请在「情况说明」中写明后再登记。")
    errors.raise_if_any()
    return cleaned


def _check_people(kind, form: StepForm, facts: Facts, errors: ErrorCollector) -> None:
    if not kind.role:
        form.people = []
        return
    people = [p for p in form.people if p.role == kind.role and (clean_line(p.name) or p.member_id)]
    role = labels.RECRUIT_ROLES[kind.role]
    for person in people:
        if kind.roster:
            if person.member_id not in facts.full_members:
                errors.add("people", "not_full", f"{role}「{clean_line(person.name)}」须是本支部名册上的正式党员，请从名册中选择。")
                continue
            person.name = facts.full_members[person.member_id]
        else:
            person.member_id = None
            person.name = clean_line(person.name)
    ids = [p.member_id for p in people if p.member_id]
    if len(set(ids)) != len(ids):
        errors.add("people", "twice", f"同一人不能重复列为{role}。")
    rule = {"mentor": RULE_MENTORS, "introducer": RULE_INTRODUCERS}.get(kind.role, "")
    if len(people) < kind.least or len(people) > kind.most:
        count = f"{kind.least}名" if kind.least == kind.most else f"{kind.least}至{kind.most}名"
        errors.add("people", "count", f"「{kind.title}」须有{count}{role}，现有{len(people)}名" + (f"（{rule}）" if rule else "") + "。")
    form.people = people


def _periods(steps: list[StepRecord], form: StepForm, facts: Facts, errors: ErrorCollector) -> list[str]:
    """Refuse what the 细则 forbids; return what needs a written reason."""
    day, key = form.done_on, form.step
    late: list[str] = []
    if key == "application" and clock.age_on(facts.birth_date, day) < ADULT_AGE:
        errors.add("done_on", "under_age", f"按身份证号码，递交申请书时只有{clock.age_on(facts.birth_date, day)}岁（{RULE_AGE}）。")
    if key == "first_talk":
        received = last(steps, "application").done_on
        due = add_months(received, TALK_MONTHS)
        if day > due:
            late.append(f"谈话日期晚于 {due:%Y-%m-%d}（{RULE_TALK}）")
    if key in ("activist_review", "candidate", "probation_review", "full_vote"):
        since = last(steps, "activist_review", "activist") if key in ("activist_review", "candidate") else \
            last(steps, "probation_review", "branch_vote")
        if since is not None and day > add_months(since.done_on, REVIEW_MONTHS):
            late.append(f"距上次考察（{since.done_on:%Y-%m-%d}）已超过半年（{RULE_REVIEW}）")
    if key == "candidate":
        activist = last(steps, "activist").done_on
        earliest = clock.add_years(activist, ACTIVIST_YEARS)
        if day < earliest:
            errors.add("done_on", "too_soon", f"{activist:%Y-%m-%d} 确定为入党积极分子，最早 {earliest:%Y-%m-%d} 才能确定为发展对象（{RULE_YEAR}）。")
    if key == "training":
        if form.days is None and form.hours is None:
            errors.add("days", "required", "请填写集中培训的天数或学时。")
        elif any(v is not None and v < 0 for v in (form.days, form.hours)):
            errors.add("days", "negative", "培训天数和学时不能是负数，请核对。")
        elif (form.days or 0) < TRAINING_DAYS and (form.hours or 0) < TRAINING_HOURS:
            late.append(f"培训不足3天且不足24学时（{RULE_TRAINING}）")
    if key == "approval":
        _within(last(steps, "branch_vote").done_on, day, "支部大会", late)
    if key == "full_approval":
        _within(last(steps, "full_vote").done_on, day, "支部大会讨论转正", late)
    if key == "full_vote":
        end = probation_end(steps)
        if day < end:
            errors.add("done_on", "too_soon", f"预备期到 {end:%Y-%m-%d} 才满，不能提前讨论转正（{RULE_PROBATION}）。")
        elif day > add_months(end, FULL_VOTE_GRACE_MONTHS):
            late.append(f"预备期已于 {end:%Y-%m-%d} 期满，超过一个月才讨论转正（{RULE_PROBATION}）")
        if form.decision == "extend":
            low, high = EXTENSION_MONTHS
            earlier = [s for s in steps if s.step == "full_vote" and s.decision == "extend"]
            if earlier:
                errors.add("decision", "extended", f"预备期已于 {earlier[0].done_on:%Y-%m-%d} 延长过一次（{RULE_EXTENSION}）。")
            elif form.extension_months is None or not low <= form.extension_months <= high:
                errors.add("extension_months", "range", f"请填写延长的月数（6至12个月；{RULE_EXTENSION}）。")
    return late


def _within(start: dt.date, day: dt.date, what: str, late: list[str]) -> None:
    due = add_months(start, APPROVAL_MONTHS)
    if day > due:
        late.append(f"审批日期距{what}（{start:%Y-%m-%d}）已超过3个月（{RULE_APPROVAL}）")


def due_items(person_id: int, name: str, steps: list[StepRecord], today: dt.date) -> list[DueItem]:
    """What is due on one person's record (the to-do list and the 发展党员 page), the
    overdue first."""
    items: list[DueItem] = []

    def add(what: str, due_on: dt.date, sentence_due: str, sentence_late: str, soon: int = SOON_DAYS) -> None:
        if today >= due_on - dt.timedelta(days=soon):
            overdue = today > due_on
            items.append(DueItem(person_id, name, what, due_on, overdue, sentence_late if overdue else sentence_due))

    if not steps:
        return []
    latest = steps[-1].step
    stage = stage_of(steps)
    if latest == "application":
        due = add_months(steps[-1].done_on, TALK_MONTHS)
        add("talk", due, f"{name}的入党申请书应在 {due:%Y-%m-%d} 前派人谈话",
            f"{name}的入党申请书已超过一个月未谈话（应在 {due:%Y-%m-%d} 前）", soon=366)
    if stage == "activist" or (stage == "probationary" and latest not in ("full_application", "full_vote")):
        since = last(steps, "activist_review", "activist") if stage == "activist" else last(steps, "probation_review", "branch_vote")
        due = add_months(since.done_on, REVIEW_MONTHS)
        who = "入党积极分子" if stage == "activist" else "预备党员"
        add("review", due, f"{who}{name}应在 {due:%Y-%m-%d} 前完成半年考察",
            f"{who}{name}的半年考察已逾期（应在 {due:%Y-%m-%d} 前）")
    if stage == "probationary" and latest != "full_vote":
        end = probation_end(steps)
        late_on = add_months(end, FULL_VOTE_GRACE_MONTHS)
        if today > late_on:
            items.append(DueItem(person_id, name, "full_vote_late", late_on, True,
                                 f"预备党员{name}的预备期已于 {end:%Y-%m-%d} 期满，转正尚未讨论（已过 {(today - end).days} 天）"))
        else:
            add("probation_end", end, f"预备党员{name}的预备期将于 {end:%Y-%m-%d} 期满，请及时讨论转正",
                f"预备党员{name}的预备期已于 {end:%Y-%m-%d} 期满，请及时召开支部大会讨论转正")
    if latest in ("branch_vote", "upper_talk", "full_vote"):
        start = last(steps, "full_vote" if latest == "full_vote" else "branch_vote").done_on
        due = add_months(start, APPROVAL_MONTHS)
        add("approval_late", due, f"{name}待上级党委审批（应在 {due:%Y-%m-%d} 前）",
            f"{name}的上级党委审批已超过3个月（支部大会 {start:%Y-%m-%d}）")
    items.sort(key=lambda item: (not item.overdue, item.due_on))
    return items
