"""Demo 学习 and 汇报 (docs/domain.md §18): this year's study plan, its first topic studied
at the year's first 党课 with every absentee's 补学 done, the branch's 工作报告 of each
half-year, and members' 汇报 — all in on time except the last half-year of two members
and the last quarter of one 预备党员, so 首页 shows what a secretary chases."""

from __future__ import annotations

import datetime as dt

from ..study import rules
from ..study.manager import TopicForm

TOPICS = [
    ("学习贯彻党的二十大精神", "《中国共产党章程》；党的二十大报告第一部分"),
    ("学习《中国共产党纪律处分条例》", "《中国共产党纪律处分条例》总则、第二编第七章"),
    ("乡村振兴与集体经济发展", "《中华人民共和国乡村振兴促进法》"),
]


def build(archive, rng, today: dt.date) -> None:
    _plan(archive, rng, today)
    _reports(archive, rng, today)


def _plan(archive, rng, today: dt.date) -> None:
    secretary = archive.members.all_active()[0]
    topic_ids = [archive.study.add_topic(TopicForm(today.year, title, readings, lead_member_id=secretary.id,
                                                   planned_on=dt.date(today.year, 3 + 3 * n, 15)))
                 for n, (title, readings) in enumerate(TOPICS)]
    lectures = [m for m in archive.study.held_meetings(("lecture",)) if m[2].year == today.year]
    if not lectures:
        return
    meeting_id, _title, held_on = lectures[-1]  # the year's first 党课
    archive.study.link(topic_ids[0], meeting_id)
    for owed in archive.study.owing(today):
        done_on = min(today, held_on + dt.timedelta(days=rng.randint(5, 25)))
        archive.study.record_makeup(owed.topic_id, owed.member_id, done_on, rng.choice(list(rules.MAKEUP_WAYS)),
                                    "已交学习心得" if rng.random() < 0.6 else "")


def _reports(archive, rng, today: dt.date) -> None:
    period = archive.reports.period()
    members = archive.members.records(archive.members.query_ids())
    regulars = [m for m in members if m.status != "probationary"]
    behind = {m.id for m in rng.sample(regulars, 2)} if len(regulars) > 2 else set()
    late_probationer = next((m.id for m in members if m.status == "probationary"), None)
    for member in members:
        due = rules.periods_due(member.status, member.joined_on, member.full_on, period, today)
        last = due[-1][1] if due else None
        for kind, span in due:
            if span is last and (member.id in behind or member.id == late_probationer):
                continue
            received = max(span.start, min(today, span.end - dt.timedelta(days=rng.randint(0, 20))))
            archive.reports.add(member.id, kind, received)
    name = archive.branch.own().name
    for year, half in ((today.year - 1, 2), (today.year, 1)):
        archive.reports.save_branch_report(year, half, f"中共{name}{year}年{'上' if half == 1 else '下'}半年工作报告",
                                           "一、主要工作\n二、存在问题\n三、下步打算")
