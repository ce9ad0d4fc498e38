"""``study …`` and ``reports …``: the year's 学习计划, the meetings each topic was studied
at, the 补学 of those absent and a member's 学习档案; members' 思想、工作、学习 汇报 and
the branch's 工作报告 (docs/domain.md §18). A topic is named by its number (#3) or title."""

from __future__ import annotations

import json

from ..errors import ValidationError
from ._common import OUT_HELP, choice_arg, date_arg, member_arg, show_or_set


def register(subparsers) -> None:
    study = subparsers.add_parser("study", help="学习：年度学习计划、专题关联会议、补学、学习档案")
    actions = study.add_subparsers(dest="study_action", metavar="操作", required=True)

    listing = actions.add_parser("list", help="列出年度学习计划：专题、领学人、计划日期、学习会议、应补学人数")
    listing.add_argument("--year", type=int, help="年度（默认今年）")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(handler=run_list)

    add = actions.add_parser("add", help="新增学习专题")
    add.add_argument("title", help="专题名称")
    add.add_argument("--year", type=int, help="年度（默认计划日期的年度或今年）")
    add.add_argument("--reading", action="append", default=[], help="必读篇目（可写多次）")
    add.add_argument("--lead", default="", help="领学人姓名")
    add.add_argument("--on", help="计划日期")
    add.set_defaults(handler=run_add)

    link = actions.add_parser("link", help="专题关联学习它的党课、支部党员大会或主题党日（出勤取自会议记录）")
    link.add_argument("topic", help="专题编号 #3 或名称")
    link.add_argument("meeting", type=int, help="会议编号")
    link.set_defaults(handler=run_link)

    owed = actions.add_parser("owed", help="列出应补学的党员（缺席学习会议且未补学）")
    owed.add_argument("--json", action="store_true", help="以 JSON 输出")
    owed.set_defaults(handler=run_owed)

    makeup = actions.add_parser("makeup", help="登记补学")
    makeup.add_argument("topic", help="专题编号 #3 或名称")
    makeup.add_argument("name", help="党员姓名")
    makeup.add_argument("--on", help="补学日期（默认今天）")
    makeup.add_argument("--way", help="补学方式：自学+心得、补课（默认自学+心得）")
    makeup.add_argument("--note", default="", help="说明")
    makeup.set_defaults(handler=run_makeup)

    record = actions.add_parser("file", help="党员的年度学习档案：参加的专题、已补学、仍欠补学")
    record.add_argument("name", help="党员姓名")
    record.add_argument("--year", type=int, help="年度（默认今年）")
    record.set_defaults(handler=run_file)

    paper = actions.add_parser("paper", help="导出年度学习计划或党员学习档案 PDF")
    paper.add_argument("--year", type=int, help="年度（默认今年）")
    paper.add_argument("--member", help="党员姓名（导出其学习档案；不写则导出学习计划）")
    paper.add_argument("--out", help=OUT_HELP)
    paper.set_defaults(handler=run_paper)

    days = actions.add_parser("makeup-days", help="查看或设定补学期限：会议后几天仍未补学列入首页待办")
    days.add_argument("days", nargs="?", type=int, help="天数（1-365）")
    days.set_defaults(handler=run_days)

    reports = subparsers.add_parser("reports", help="汇报制度：党员思想、工作、学习汇报，支部工作报告")
    steps = reports.add_subparsers(dest="reports_action", metavar="操作", required=True)
    listing = steps.add_parser("list", help="列出收到的党员汇报")
    listing.add_argument("--year", type=int, help="年度")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(handler=run_reports)
    add = steps.add_parser("add", help="登记收到党员的汇报")
    add.add_argument("name", help="党员姓名")
    add.add_argument("--on", help="收到日期（默认今天）")
    add.add_argument("--probation", action="store_true", help="预备党员思想汇报（默认：思想、工作、学习汇报）")
    add.add_argument("--note", default="", help="摘要")
    add.set_defaults(handler=run_report_add)
    behind = steps.add_parser("behind", help="列出未按时汇报的党员")
    behind.add_argument("--json", action="store_true", help="以 JSON 输出")
    behind.set_defaults(handler=run_behind)
    branch = steps.add_parser("branch", help="登记支部半年工作报告（向支部党员大会报告）")
    branch.add_argument("year", type=int, help="年度")
    branch.add_argument("half", choices=["上半年", "下半年"], help="上半年或下半年")
    branch.add_argument("--title", required=True, help="报告标题")
    branch.add_argument("--meeting", type=int, help="报告的支部党员大会编号")
    branch.add_argument("--text", default="", help="报告正文")
    branch.set_defaults(handler=run_branch)
    period = steps.add_parser("period", help="查看或设定党员汇报周期：每半年或每季度")
    period.add_argument("period", nargs="?", help="每半年 或 每季度")
    period.set_defaults(handler=run_period)


def _year(args) -> int:
    from ..clock import today

    return args.year or today().year


def _topic(archive, text: str, year: int | None = None):
    from ..clock import today

    if text.startswith("#") and text[1:].isdigit():
        return archive.study.get(int(text[1:]))
    found = [t for t in archive.study.topics(year or today().year) if t.title == text.strip()]
    if len(found) != 1:
        raise ValidationError("topic", "missing", f"没有名为「{text}」的学习专题（或有重名），请写专题编号，例如 #3。")
    return found[0]


def run_list(args, ctx) -> int:
    with ctx.open_archive(read_only=True) as archive:
        topics = archive.study.topics(_year(args))
    if args.json:
        ctx.out(json.dumps([{
            "id": t.id, "title": t.title, "readings": t.readings, "lead": t.lead_name,
            "planned_on": t.planned_on.isoformat() if t.planned_on else None,
            "meetings": [m[0] for m in t.meetings], "present": len(t.present), "makeups": len(t.makeups),
            "owed": len(t.owed)} for t in topics], ensure_ascii=False, indent=2))
        return 0
    if not topics:
        ctx.out("没有学习专题。")
    for t in topics:
        when = f"{t.planned_on:%Y-%m-%d}" if t.planned_on else "未定日期"
        met = "、".join(m[1] for m in t.meetings) or "尚未学习"
        ctx.out(f"#{t.id}  {when}  {t.title}  领学：{t.lead_name or '—'}  {met}  出席 {len(t.present)} 人  "
                f"已补学 {len(t.makeups)} 人  应补学 {len(t.owed)} 人")
        for reading in t.readings:
            ctx.out(f"      必读：{reading}")
    return 0


def run_add(args, ctx) -> int:
    from ..study import TopicForm

    planned = date_arg(args.on, "计划日期")
    with ctx.open_archive() as archive:
        lead_id, lead = member_arg(archive, args.lead, "领学人")
        year = args.year or (planned.year if planned else _year(args))
        topic_id = archive.study.add_topic(TopicForm(year, args.title, "\n".join(args.reading), lead_id, lead, planned))
    ctx.out(f"已新增学习专题 #{topic_id}：{args.title}。")
    return 0


def run_link(args, ctx) -> int:
    with ctx.open_archive() as archive:
        topic = _topic(archive, args.topic)
        archive.study.link(topic.id, args.meeting)
        owed = len(archive.study.get(topic.id).owed)
    ctx.out(f"已关联：「{topic.title}」在会议 #{args.meeting} 学习；缺席应补学 {owed} 人。")
    return 0


def run_owed(args, ctx) -> int:
    from ..clock import today

    with ctx.open_archive(read_only=True) as archive:
        rows = archive.study.owing(today())
    if args.json:
        ctx.out(json.dumps([{"topic_id": o.topic_id, "topic": o.topic_title, "member": o.member_name,
                             "owed_from": o.owed_from.isoformat(), "days_overdue": o.days_overdue} for o in rows],
                           ensure_ascii=False, indent=2))
        return 0
    if not rows:
        ctx.out("没有应补学的党员。")
    for o in rows:
        late = f"，已超期 {o.days_overdue} 天" if o.days_overdue else ""
        ctx.out(f"{o.member_name}  「{o.topic_title}」（{o.owed_from:%Y-%m-%d} 缺席{late}）")
    return 0


def run_makeup(args, ctx) -> int:
    from ..clock import today
    from ..study.rules import MAKEUP_WAYS

    with ctx.open_archive() as archive:
        topic = _topic(archive, args.topic)
        member_id, name = member_arg(archive, args.name, "党员", allow_other=False)
        archive.study.record_makeup(topic.id, member_id, date_arg(args.on, "补学日期", today()),
                                    choice_arg(args.way, MAKEUP_WAYS, "补学方式", "self"), args.note)
    ctx.out(f"已登记{name}补学「{topic.title}」。")
    return 0


def run_file(args, ctx) -> int:
    with ctx.open_archive(read_only=True) as archive:
        member_id, name = member_arg(archive, args.name, "党员", allow_other=False)
        found = archive.study.member_file(member_id, _year(args))
    ctx.out(f"{name} {_year(args)}年学习档案")
    for t in found["attended"]:
        ctx.out(f"  参加  {t.title}（{t.studied_on:%Y-%m-%d}）")
    for t, m in found["made_up"]:
        ctx.out(f"  补学  {t.title}（{m.done_on:%Y-%m-%d}，{m.way_label}）")
    for t, since in found["owed"]:
        ctx.out(f"  欠补学  {t.title}（{since:%Y-%m-%d} 缺席）")
    if not any(found[k] for k in ("attended", "made_up", "owed")):
        ctx.out("  本年度尚无学习记录。")
    return 0


def run_paper(args, ctx) -> int:
    from .. import export_names
    from ..papers import render
    from ..study.papers import member_file_paper, plan_paper
    from ._common import out_path, report_paper

    year = _year(args)
    with ctx.open_archive(read_only=True) as archive:
        if args.member:
            member_id, name = member_arg(archive, args.member, "党员", allow_other=False)
            paper, stem, what = member_file_paper(archive, member_id, year), export_names.study_file(year, name), "学习档案"
        else:
            paper, stem, what = plan_paper(archive, year), export_names.study_plan(year), "学习计划"
        path = out_path(archive, args.out, stem, ".pdf")
    report_paper(ctx, render(paper, path), what)
    return 0


def run_days(args, ctx) -> int:
    return show_or_set(ctx, args.days, lambda archive: archive.study.makeup_days(),
                       lambda archive, days: archive.study.set_makeup_days(days),
                       lambda days: f"补学期限：缺席学习会议 {days} 天后仍未补学，列入首页待办。")


def run_reports(args, ctx) -> int:
    with ctx.open_archive(read_only=True) as archive:
        rows = archive.reports.records(args.year)
    if args.json:
        ctx.out(json.dumps([{"id": r.id, "member": r.member_name, "kind": r.kind_label,
                             "received_on": r.received_on.isoformat(), "note": r.note} for r in rows],
                           ensure_ascii=False, indent=2))
        return 0
    if not rows:
        ctx.out("没有登记的党员汇报。")
    for r in rows:
        ctx.out(f"{r.received_on:%Y-%m-%d}  {r.member_name}  {r.kind_label}  {r.note}")
    return 0


def run_report_add(args, ctx) -> int:
    from ..clock import today

    with ctx.open_archive() as archive:
        member_id, name = member_arg(archive, args.name, "党员", allow_other=False)
        archive.reports.add(member_id, "probation" if args.probation else "regular",
                            date_arg(args.on, "收到日期", today()), args.note)
    ctx.out(f"已登记收到{name}的汇报。")
    return 0


def run_behind(args, ctx) -> int:
    from ..clock import today

    with ctx.open_archive(read_only=True) as archive:
        rows = archive.reports.behind(today())
    if args.json:
        ctx.out(json.dumps([{"member": b.member_name, "kind": b.kind_label, "period": b.period.label,
                             "end": b.period.end.isoformat()} for b in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        ctx.out("党员都已按时汇报。")
    for b in rows:
        ctx.out(f"{b.member_name}  {b.period.label}  {b.kind_label}未收到")
    return 0


def run_branch(args, ctx) -> int:
    with ctx.open_archive() as archive:
        archive.reports.save_branch_report(args.year, 1 if args.half == "上半年" else 2, args.title, args.text,
                                           args.meeting)
    ctx.out(f"已登记{args.year}年{args.half}支部工作报告：{args.title}。")
    return 0


def run_period(args, ctx) -> int:
    from ..study.rules import REPORT_PERIODS

    return show_or_set(ctx, args.period, lambda archive: archive.reports.period(),
                       lambda archive, period: archive.reports.set_period(choice_arg(period, REPORT_PERIODS, "汇报周期")),
                       lambda period: f"党员思想、工作、学习汇报：{REPORT_PERIODS[period]}一次；预备党员预备期内每季度一次思想汇报。")
