"""The to-do list of 首页 and ``branchdesk todo``: what the branch has to do now, each
item a plain Chinese sentence and the one record or editor that acting on it opens
(docs/domain.md §9).

What goes on it, most urgent first:
- a failed or old backup;
- each meeting overdue (planned, date passed), each required period that ended
  without one, and the period under way ending soon with its meeting neither held nor planned, for the last twelve months, as the compliance calendar
  (``archive.meetings.compliance``) counts them — the archive's start and per-quarter
  periods are its rules, not this module's;
- each probationary member whose year is up, or is up within ``PROBATION_NOTICE_DAYS``
  (with how many days overdue);
- each member six months in a row without paying dues or without 组织生活 (党章 第九条),
  a 流动党员 named as such with how they take part and pay;
- each 组织关系介绍信 whose 回执 has not come back in the set months (docs/domain.md §16);
- each 目标管理 inspection missing, overdue, unfiled or due soon;
- each open 整改台账 item, overdue ones first;
- each 为民办实事 past its promised date and not done (docs/domain.md §15.2);
- each 民情诉求 past its deadline and not 办结, and the households behind the contact
  rule, one line per member (docs/domain.md §14);
- each member owing a 补学 more than the set days after the meeting they missed, one
  line per topic, and who is behind with their 汇报 (docs/domain.md §18);
- overdue follow-up tasks (落实事项), talks missing before the 组织生活会, the committee's
  term (换届)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from . import clock, labels
from .meetings.compliance import PERIOD_MONTHS, period_bounds
from .meetings.planning import DEFAULT_DAYS
from .safety.rotation import backup_age_warning
from .storage.binding import uses_archive

PROBATION_YEARS = 1
PROBATION_NOTICE_DAYS = 30
# How far back a period without its meeting is still listed (older ones: the calendar).
MISSING_LOOKBACK_DAYS = 365
# From how many days before its period ends a required meeting neither held nor planned
# is listed (a monthly one: from the month's last ten days).
ARRANGE_LEAD_DAYS = 30

# urgency: 0 overdue or at risk, 1 due now, 2 coming or for information
OVERDUE, DUE, COMING = 0, 1, 2
KIND_ORDER = ("backup", "meeting", "probation", "recruit", "transfer", "dues", "absence", "inspection", "rectification",
              "pledge", "masses", "study", "report", "task", "talks", "term", "lock")
TODO_KINDS = {
    "backup": "备份", "meeting": "会议", "probation": "转正", "recruit": "发展党员", "transfer": "组织关系", "dues": "党费",
    "absence": "组织生活", "inspection": "目标管理", "rectification": "整改", "pledge": "实事", "masses": "群众工作",
    "study": "学习", "report": "汇报",
    "task": "落实事项", "talks": "谈心谈话", "term": "换届", "lock": "提示",
}

# What acting on an item opens (the window maps each to a page and an editor):
OPENS = {
    "meeting": "打开会议",  # record_id: the meeting
    "new_meeting": "补录会议",  # meeting_kind, group_id, day
    "plan_meeting": "安排会议",  # the same, for a period still under way
    "member": "办理转正",  # record_id: the member
    "dues": "打开党费",  # record_id: the member, day: the last month of the run
    "member_view": "查看党员",  # record_id: the member
    "recruit": "打开发展档案",  # record_id: the 发展档案 (recruit person)
    "transfer": "打开转接记录",  # record_id: the transfer (组织关系转接)
    "inspection": "打开检查",  # record_id: the inspection
    "new_inspection": "新建检查",  # period_year, period_kind, period_no
    "rectification": "打开整改事项",  # record_id: the ledger item
    "pledge": "打开实事",  # record_id: the 为民办实事 (service pledge)
    "masses_request": "打开诉求",  # record_id: the 民情诉求
    "masses_contacts": "查看联系户",  # record_id: the member
    "study_topic": "打开学习专题",  # record_id: the topic
    "reports": "登记汇报",  # record_id: the member (None: several)
    "backups": "去备份",
    "life": "打开谈心谈话",
    "settings": "打开设置",
    "election": "办理换届",
    "": "",
}


@dataclass(frozen=True)
class TodoItem:
    kind: str  # one of KIND_ORDER
    sentence: str
    opens: str  # a key of OPENS
    urgency: int = DUE
    days_overdue: int = 0
    record_id: int | None = None
    meeting_kind: str | None = None
    group_id: int | None = None
    day: dt.date | None = None
    period_year: int | None = None
    period_kind: str | None = None
    period_no: int | None = None

    @property
    def action(self) -> str:
        """The button's words."""
        return OPENS[self.opens]

    def as_dict(self) -> dict:
        data = dataclasses.asdict(self)
        data["day"] = self.day.isoformat() if self.day else None
        data["action"] = self.action
        return data


@uses_archive
def todo_list(archive, today: dt.date | None = None) -> list[TodoItem]:
    """Everything the branch has to do, most urgent first."""
    today = today or clock.today()
    items = (backup_items(archive) + meeting_items(archive, today) + probation_items(archive, today)
             + six_month_items(archive, today) + recruit_items(archive, today) + transfer_items(archive, today)
             + inspection_items(archive, today) + rectification_items(archive, today) + pledge_items(archive, today)
             + masses_items(archive, today) + study_items(archive, today)
             + task_items(archive, today) + other_items(archive, today))
    items += dues_base_items(archive, today)
    numbered = list(enumerate(items))
    numbered.sort(key=lambda pair: (pair[1].urgency, KIND_ORDER.index(pair[1].kind), pair[0]))
    return [item for _, item in numbered]


@uses_archive
def backup_items(archive) -> list[TodoItem]:
    items = []
    if archive.last_backup_error:
        items.append(TodoItem("backup", archive.last_backup_error, "backups", OVERDUE))
    warning = backup_age_warning(archive)
    if warning:
        items.append(TodoItem("backup", warning, "backups", OVERDUE))
    return items


@uses_archive
def meeting_items(archive, today: dt.date) -> list[TodoItem]:
    """Overdue meetings (any kind), then required periods that ended without a meeting."""
    meetings = archive.meetings
    items = []
    for summary in meetings.summaries(meetings.query_ids(year=None, overdue_only=True, descending=False)):
        days = (today - summary.planned_on).days
        items.append(TodoItem(
            "meeting", f"「{summary.title}」计划于 {summary.planned_on:%Y-%m-%d} 召开，已过 {days} 天仍未登记召开情况。"
            "如已召开，请填写召开情况；如改期，请修改日期。", "meeting", OVERDUE, days, record_id=summary.id))
    since = today - dt.timedelta(days=MISSING_LOOKBACK_DAYS)
    theme_day = int(archive.settings.get("meetings.theme_day_of_month") or 10)
    for year in sorted({since.year, today.year}):
        report = meetings.compliance(year, today)
        for row in report.rows:
            if row.frequency not in PERIOD_MONTHS:
                continue
            seen = set()
            for cell in row.cells:
                if cell.state not in ("missing", "open") or cell.period in seen:
                    continue
                seen.add(cell.period)
                start, end = period_bounds(row.frequency, year, (cell.month - 1) // PERIOD_MONTHS[row.frequency])
                if cell.state == "open":
                    if item := _unarranged(row, cell.period, start, end, today, theme_day):
                        items.append(item)
                    continue
                if end < since:
                    continue
                items.append(TodoItem(
                    "meeting", f"{cell.period}的{row.label}没有召开记录（已过期）。如已召开，请补录；"
                    "如确未召开，请在下次会议中说明。", "new_meeting", OVERDUE, (today - end).days,
                    meeting_kind=row.kind, group_id=row.group_id,
                    day=customary_day(row.kind, start, end, theme_day)))
    return items


def _unarranged(row, period: str, start: dt.date, end: dt.date, today: dt.date, theme_day: int) -> TodoItem | None:
    """The period under way whose required meeting is neither held nor planned, once the
    period ends within ``ARRANGE_LEAD_DAYS`` (a month's meetings: its last third) —
    the quarter's 党员大会, the year's 4th 党课 (docs/domain.md §9)."""
    lead = min(ARRANGE_LEAD_DAYS, PERIOD_MONTHS[row.frequency] * 10)
    left = (end - today).days
    if not start <= today <= end or left > lead:
        return None
    day = min(max(customary_day(row.kind, start, end, theme_day), today), end)
    return TodoItem(
        "meeting", f"{period}的{row.label}还没有召开，也没有安排（本期 {end:%Y-%m-%d} 结束，还有 {left} 天）。"
        "请安排召开并登记计划。", "plan_meeting", DUE, meeting_kind=row.kind, group_id=row.group_id, day=day)


def customary_day(kind: str, start: dt.date, end: dt.date, theme_day: int) -> dt.date:
    """The day a meeting of ``kind`` is usually held in the period ``start``–``end``
    (meetings/planning.py): the form opens on it, for the user to correct."""
    wanted = min(max(DEFAULT_DAYS.get(kind, theme_day), 1), 28)
    month_start = dt.date(end.year, end.month, 1) if kind in ("general", "lecture") else start
    return min(month_start.replace(day=wanted), end)


@uses_archive
def probation_items(archive, today: dt.date) -> list[TodoItem]:
    """Probationary members whose year is up (or nearly): the branch must discuss 转正."""
    members = archive.members
    items = []
    # a member admitted through a 发展档案 has its 预备期 (extensions too) on that record's items
    followed = archive.recruit.member_ids()
    for member in members.records(members.query_ids(statuses=("probationary",))):
        if member.id in followed:
            continue
        due = clock.add_years(member.joined_on, PROBATION_YEARS)
        days = (today - due).days
        if days < -PROBATION_NOTICE_DAYS:
            continue
        if days > 0:
            sentence = (f"预备党员{member.name}的预备期已于 {due:%Y-%m-%d} 期满，已超过 {days} 天。"
                        "请召开支部党员大会讨论其转正，并登记转正日期。")
        elif days == 0:
            sentence = f"预备党员{member.name}的预备期今天期满，请召开支部党员大会讨论其转正，并登记转正日期。"
        else:
            sentence = (f"预备党员{member.name}的预备期将于 {due:%Y-%m-%d} 期满（还有 {-days} 天），"
                        "请准备召开支部党员大会讨论其转正。")
        items.append(TodoItem("probation", sentence, "member", OVERDUE if days > 0 else DUE, max(days, 0),
                              record_id=member.id))
    return items


@uses_archive
def six_month_items(archive, today: dt.date) -> list[TodoItem]:
    """党章 第九条: six months in a row without paying dues or without 组织生活 (docs/domain.md §10)."""
    items = []
    away = archive.away.current()
    for warning in archive.dues.warnings(today):
        dues = warning.kind == "dues"
        sentence = warning.sentence()
        if warning.member_id in away:  # who is away, and how they take part and pay (docs/domain.md §16)
            sentence = f"{sentence.rstrip('。')}（流动党员：{away[warning.member_id].summary()}）。"
        items.append(TodoItem("dues" if dues else "absence", sentence, "dues" if dues else "member_view",
                              OVERDUE, (today - warning.months[-1]).days, record_id=warning.member_id,
                              day=warning.months[-1]))
    return items


@uses_archive
def dues_base_items(archive, today: dt.date) -> list[TodoItem]:
    """A member who owes dues this month but has no base for it (docs/domain.md §9, §10): else
    they would silently drop out of the ledger's totals, the six-month rule and the 公示."""
    month = today.replace(day=1)
    return [TodoItem("dues", f"{row.name}未设定党费基数（本月应交党费），请在「党费基数」里设定。", "dues",
                     record_id=row.member_id, day=month)
            for row in archive.dues.without_base(month)]


def recruit_items(archive, today: dt.date) -> list[TodoItem]:
    """发展党员 (docs/domain.md §11): 谈话 within the month, the half-yearly 考察, the 预备期
    ending, 转正 not discussed on time, 审批 awaited beyond 3 months."""
    return [
        TodoItem("recruit", item.sentence + "。", "recruit", OVERDUE if item.overdue else DUE,
                 max((today - item.due_on).days, 0), record_id=item.person_id)
        for item in archive.recruit.due(today)
    ]


@uses_archive
def transfer_items(archive, today: dt.date) -> list[TodoItem]:
    """介绍信 whose 回执 has not come back within the set months (docs/domain.md §16)."""
    months = archive.transfers.receipt_months()
    return [
        TodoItem("transfer", f"{record.member_name}的组织关系介绍信{record.letter_no}（{record.moved_on:%Y-%m-%d} 转往"
                 f"{record.to_org}）已过 {months} 个月仍未收到回执，请与接收党组织联系，确认其已报到。",
                 "transfer", OVERDUE, (today - record.receipt_due_on).days, record_id=record.id)
        for record in archive.transfers.overdue(today)
    ]


@uses_archive
def inspection_items(archive, today: dt.date) -> list[TodoItem]:
    items = []
    for gap in archive.targets.missing_inspections(today):
        days = max((today - gap.deadline).days, 0)
        urgency = DUE if gap.state == "due_soon" else OVERDUE
        period = gap.period
        if gap.inspection_id is not None:
            items.append(TodoItem("inspection", gap.message, "inspection", urgency, days, record_id=gap.inspection_id))
        else:
            items.append(TodoItem("inspection", gap.message, "new_inspection", urgency, days,
                                  period_year=period.year, period_kind=period.kind, period_no=period.no))
    return items


@uses_archive
def rectification_items(archive, today: dt.date) -> list[TodoItem]:
    """Every 整改台账 item not yet closed: overdue ones (the longest overdue first), then by deadline."""
    ledger = archive.rectification
    items = []
    for item in ledger.items(state="pending", sort="deadline", today=today):
        problem = item.problem.rstrip("。；;. ")
        problem = problem if len(problem) <= 40 else problem[:40] + "……"
        who = f"责任人 {item.owner_name}，时限 {item.deadline:%Y-%m-%d}"
        if item.is_overdue(today):
            days = (today - item.deadline).days
            items.append(TodoItem("rectification", f"整改事项 {item.code} 已逾期 {days} 天：{problem}（{who}）。"
                                  "请督促整改，完成后销号。", "rectification", OVERDUE, days, record_id=item.id))
        else:
            left = (item.deadline - today).days
            items.append(TodoItem("rectification", f"整改事项 {item.code} 正在整改，还有 {left} 天到期：{problem}（{who}）。",
                                  "rectification", COMING, record_id=item.id))
    items.sort(key=lambda i: -i.days_overdue)  # stable: open ones keep their deadline order
    return items


@uses_archive
def pledge_items(archive, today: dt.date) -> list[TodoItem]:
    """Every 实事 the branch promised and has not done by its date, the longest overdue first."""
    return [TodoItem("pledge", f"承诺的实事「{p.title}」已超过时限 {(today - p.promised_by).days} 天（{p.lead_name}牵头，"
                               f"{p.promised_by:%Y-%m-%d}前完成）：请督促办理，完成后登记。", "pledge", OVERDUE,
                     (today - p.promised_by).days, record_id=p.id) for p in archive.service.overdue_pledges(today)]


def masses_items(archive, today: dt.date) -> list[TodoItem]:
    """民情诉求 overdue (past the deadline, not 办结), the longest overdue first; then each
    member with households behind the contact rule (docs/domain.md §14)."""
    items = []
    for request in archive.masses.overdue_requests(today):
        days = (today - request.deadline).days
        content = request.content.rstrip("。；;. ")
        content = content if len(content) <= 30 else content[:30] + "……"
        items.append(TodoItem("masses", f"民情诉求 {request.code} 已逾期 {days} 天：{content}（承办人 {request.owner_name}，"
                              f"时限 {request.deadline:%Y-%m-%d}）。请督办，办结后登记。", "masses_request", OVERDUE, days,
                              record_id=request.id))
    items.sort(key=lambda i: -i.days_overdue)
    for row in archive.masses.member_contacts(today):
        if row.behind:
            items.append(TodoItem("masses", f"{row.member_name or '未分配党员的联系户'}有 {row.behind} 户上一周期没有走访，"
                                  "请安排走访并登记。", "masses_contacts", DUE, record_id=row.member_id))
    return items


@uses_archive
def study_items(archive, today: dt.date) -> list[TodoItem]:
    """补学 owed more than the set days after the meeting missed, one line per topic; then
    the 汇报 not received: one line per 预备党员 quarter, one line per period for the rest
    (docs/domain.md §18)."""
    items = []
    days = archive.study.makeup_days()
    by_topic: dict[int, list] = {}
    for owed in archive.study.owing(today, overdue_only=True):
        by_topic.setdefault(owed.topic_id, []).append(owed)
    for topic_id, owed in by_topic.items():
        names = "、".join(o.member_name for o in owed[:8]) + ("等" if len(owed) > 8 else "")
        items.append(TodoItem("study", f"学习专题「{owed[0].topic_title}」（{owed[0].owed_from:%Y-%m-%d}学习）缺席的 "
                              f"{len(owed)} 名党员超过 {days} 天未补学：{names}。请督促补学并登记。", "study_topic",
                              OVERDUE, max(o.days_overdue for o in owed), record_id=topic_id))
    regular: dict[str, list] = {}
    probation: dict[int, list] = {}
    for behind in archive.reports.behind(today):
        group = probation.setdefault(behind.member_id, []) if behind.kind == "probation" else regular.setdefault(
            behind.period.label, [])
        group.append(behind)
    for member_id, rows in probation.items():
        quarters = "、".join(b.period.label.removeprefix("预备期第").removesuffix("季度") for b in rows)
        items.append(TodoItem("report", f"预备党员{rows[0].member_name}预备期第{quarters}季度的思想汇报未收到"
                              f"（最近一季 {rows[-1].period.end:%Y-%m-%d} 截止），请督促其按时汇报并登记。", "reports",
                              OVERDUE, (today - rows[0].period.end).days, record_id=member_id))
    for label, rows in regular.items():
        names = "、".join(b.member_name for b in rows[:8]) + ("等" if len(rows) > 8 else "")
        items.append(TodoItem("report", f"{label}有 {len(rows)} 名党员未交思想、工作、学习汇报：{names}。请督促并登记。",
                              "reports", DUE, (today - rows[0].period.end).days))
    return items


@uses_archive
def task_items(archive, today: dt.date) -> list[TodoItem]:
    items = []
    for task in archive.meetings.tasks(open_only=True):
        if task.is_overdue(today):
            days = (today - task.deadline).days
            items.append(TodoItem("task", f"落实事项「{task.task}」已逾期 {days} 天（责任人 {task.owner}，"
                                  f"期限 {task.deadline:%Y-%m-%d}，来自「{task.meeting_title}」）。",
                                  "meeting", OVERDUE, days, record_id=task.meeting_id))
    return items


@uses_archive
def other_items(archive, today: dt.date) -> list[TodoItem]:
    """Talks before the 组织生活会, the committee's term, a lock taken over after a power cut."""
    items = [TodoItem("talks", sentence, "life", DUE) for sentence in archive.life.attention(today)]
    # an election under way says its step; else the term's end, both open the 换届选举 page (§13)
    current = archive.election.open_one()
    reminder = archive.branch.own().term_reminder(today)
    if current is not None:
        items.append(TodoItem("term", f"{current.title}正在进行：{current.stage_label}。", "election", DUE))
    elif reminder:
        items.append(TodoItem("term", reminder, "election", DUE))
    if archive.stale_lock_notice:
        items.append(TodoItem("lock", archive.stale_lock_notice, "", COMING))
    return items



def kind_label(kind: str) -> str:
    """The word in front of an item (「会议」「转正」…)."""
    return labels.label(TODO_KINDS, kind)
