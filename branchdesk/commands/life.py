"""``life …`` and ``talks …``: the yearly 组织生活会 and the 谈心谈话 log from the command
line — plan, opinions and answers, problem lists, 对照检查, the meeting (its attendance
through ``meetings hold``), criticism entries, texts, the readiness list, finalise,
report, correct; talks and their coverage.

Self-examination and criticism texts are printed only with ``show --texts``."""

from __future__ import annotations

import json

from .. import clock, labels
from ..errors import ValidationError
from ..text import quoted
from . import _app_password
from ._common import (
    add_state_actions,
    choice_arg,
    date_arg,
    member_arg,
    run_state_action,
    text_arg,
    width,
)


def register(subparsers) -> None:
    life = subparsers.add_parser("life", help="组织生活会：方案、征求意见、问题清单、对照检查、批评与自我批评、定稿上报")
    actions = life.add_subparsers(dest="life_action", metavar="操作", required=True)

    status = actions.add_parser("status", help="某年度组织生活会的进度和定稿前检查")
    status.add_argument("--year", type=int, help="年度，默认今年")
    status.add_argument("--json", action="store_true", help="以 JSON 输出")
    status.set_defaults(handler=run_status)

    show = actions.add_parser("show", help="显示意见、问题清单、对照检查和批评发言")
    show.add_argument("year", type=int, help="年度，如 2026")
    show.add_argument("--texts", action="store_true", help="同时显示对照检查和批评发言的内容（敏感）")
    _app_password.add_option(show)
    show.set_defaults(handler=run_show)

    plan = actions.add_parser("plan", help="建立或修改年度组织生活会方案")
    plan.add_argument("year", type=int, help="年度，如 2026")
    plan.add_argument("--theme", help="会议主题")
    plan.add_argument("--date", help="计划召开日期")
    plan.add_argument("--form", help="会议形式：支部党员大会 / 支委会 / 党小组会")
    plan.add_argument("--group", help="党小组会形式时的党小组名称")
    plan.add_argument("--reported-on", help="方案报上级党组织的日期")
    plan.set_defaults(handler=run_plan)

    opinion = actions.add_parser("opinion", help="登记一条征求到的意见")
    opinion.add_argument("year", type=int, help="年度，如 2026")
    opinion.add_argument("--content", required=True, help="内容")
    opinion.add_argument("--date", default="", help="收到日期，默认今天")
    opinion.add_argument("--source", default="党员", help="来源：党员 / 群众 / 上级党组织")
    opinion.add_argument("--channel", default="座谈会", help="渠道：座谈会 / 走访 / 征求意见表 / 意见箱 / 谈心谈话 / 上级反馈 / 其他")
    opinion.add_argument("--category", default="工作作风", help="类别，如 工作作风 / 服务群众 / 理论学习")
    opinion.add_argument("--to", default="", help="意见对象（党员姓名），不写表示对支部委员会")
    opinion.add_argument("--giver", default="", help="提意见人")
    opinion.add_argument("--anonymous", action="store_true", help="匿名")
    opinion.set_defaults(handler=run_opinion)

    answer = actions.add_parser("answer", help="答复一条意见（序号见 show）")
    answer.add_argument("year", type=int, help="年度，如 2026")
    answer.add_argument("number", type=int, help="意见序号")
    answer.add_argument("--text", required=True, help="内容")
    answer.add_argument("--date", default="", help="日期，写成 2026-06-30")
    answer.set_defaults(handler=run_answer)

    problem = actions.add_parser("problem", help="在问题清单中登记一个问题")
    problem.add_argument("year", type=int, help="年度，如 2026")
    problem.add_argument("--problem", required=True, help="存在的问题")
    problem.add_argument("--owner", default="", help="党员姓名；不写表示支部委员会的问题清单")
    problem.add_argument("--source", default="自己查摆", help="来源：自己查摆 / 征求意见 / 谈心谈话 / 上级点评")
    problem.add_argument("--category", default="工作作风", help="问题类别，如 工作作风")
    problem.set_defaults(handler=run_problem)

    exam = actions.add_parser("examination", help="登记对照检查材料（问题、原因、措施）")
    exam.add_argument("year", type=int, help="年度，如 2026")
    exam.add_argument("--owner", default="", help="党员姓名；不写表示支委会班子对照检查")
    for name, what in (("problems", "存在的问题"), ("causes", "原因分析"), ("measures", "整改措施")):
        exam.add_argument(f"--{name}", default="", help=what)
        exam.add_argument(f"--{name}-file", default="", help=f"{what}（UTF-8 文本文件）")
    exam.add_argument("--date", default="", help="提交日期")
    exam.set_defaults(handler=run_examination)

    meeting = actions.add_parser("meeting", help="建立组织生活会的会议记录，并说明如何登记出席")
    meeting.add_argument("year", type=int, help="年度，如 2026")
    meeting.set_defaults(handler=run_meeting)

    criticism = actions.add_parser("criticism", help="登记批评与自我批评发言（不写 --to 为自我批评）")
    criticism.add_argument("year", type=int, help="年度，如 2026")
    criticism.add_argument("--from", dest="speaker", required=True, help="发言人")
    criticism.add_argument("--to", default="", help="被批评人")
    criticism.add_argument("--content", required=True, help="内容")
    criticism.add_argument("--response", default="", help="被批评人的回应")
    criticism.set_defaults(handler=run_criticism)

    text = actions.add_parser("text", help="书记报告、回头看情况或会议小结")
    text.add_argument("year", type=int, help="年度，如 2026")
    text.add_argument("which", choices=["report", "review", "summary"], help="report 书记报告；review 回头看；summary 会议小结")
    text.add_argument("--text", default="", help="内容")
    text.add_argument("--file", default="", help="从这个文本文件读入内容")
    text.set_defaults(handler=run_text)

    add_state_actions(actions, run_state)

    talks = subparsers.add_parser("talks", help="谈心谈话：登记、列表、覆盖情况")
    talk_actions = talks.add_subparsers(dest="talks_action", metavar="操作", required=True)
    listing = talk_actions.add_parser("list", help="列出谈话记录")
    listing.add_argument("--year", type=int, help="年度，如 2026")
    listing.add_argument("--member", default="", help="只列与某人有关的")
    listing.set_defaults(handler=run_talks)
    add = talk_actions.add_parser("add", help="登记一次谈心谈话")
    add.add_argument("--date", required=True, help="日期，写成 2026-06-30")
    add.add_argument("--talker", required=True, help="谈话人")
    add.add_argument("--with", dest="partner", required=True, help="谈话对象")
    add.add_argument("--content", required=True, help="内容")
    add.add_argument("--effect", default="", help="谈话成效")
    add.add_argument("--place", default="", help="谈话地点")
    add.set_defaults(handler=run_talk_add)
    coverage = talk_actions.add_parser("coverage", help="谁和谁还没有谈过")
    coverage.add_argument("--year", type=int, help="年度，如 2026")
    coverage.add_argument("--json", action="store_true", help="以 JSON 输出")
    coverage.set_defaults(handler=run_coverage)
    rule = talk_actions.add_parser("rule", help="查看或设置支委与党员谈话的覆盖规则")
    rule.add_argument("rule", nargs="?", choices=list(labels.TALK_RULES), help="覆盖规则：any_committee 每名党员至少与一名支委谈过，secretary 书记与每名党员都谈过（不写时显示当前规则）")
    rule.set_defaults(handler=run_rule)


# -- helpers -------------------------------------------------------------------
def _cycle(archive, year: int) -> int:
    return archive.life.require_cycle(year)


def _check_line(check) -> str:
    mark = "✓" if check.ok else ("✗" if check.blocking else "!")
    return f"{mark} {check.label}" + (f"：{check.detail}" if check.detail else "")


# -- handlers ------------------------------------------------------------------
def run_status(args, ctx) -> int:
    year = args.year or clock.today().year
    with ctx.open_archive(read_only=True) as archive:
        cycle_id = _cycle(archive, year)
        detail = archive.life.detail(cycle_id)
        checks = archive.life.readiness(cycle_id)
    if args.json:
        ctx.out(json.dumps({
            "year": year, "state": detail.state, "theme": detail.plan.theme,
            "planned_on": detail.plan.planned_on.isoformat() if detail.plan.planned_on else None,
            "meeting_id": detail.meeting_id, "opinions": len(detail.opinions), "problems": len(detail.problems),
            "examinations": len(detail.examinations), "criticism": len(detail.criticism),
            "checks": [{"key": c.key, "label": c.label, "ok": c.ok, "blocking": c.blocking, "detail": c.detail}
                       for c in checks],
        }, ensure_ascii=False, indent=2))
        return 0
    plan = detail.plan
    ctx.out(f"{detail.title}（{detail.state_label}）  形式：{detail.form_label}  主题：{plan.theme or '未填写'}")
    ctx.out(f"计划日期：{plan.planned_on or '未填写'}  方案报送：{plan.plan_reported_on or '未报送'}"
            f"  会议记录编号：{detail.meeting_id or '未建立'}")
    ctx.out(f"征求意见 {len(detail.opinions)} 条  问题 {len(detail.problems)} 个  对照检查 {len(detail.examinations)} 份"
            f"  批评与自我批评发言 {len(detail.criticism)} 条")
    ctx.out("定稿前检查（✓ 已完成  ✗ 必须完成  ! 提醒）：")
    for check in checks:
        ctx.out("  " + _check_line(check))
    return 0


def run_show(args, ctx) -> int:
    with ctx.open_archive(read_only=True) as archive:
        if args.texts:  # the window covers them until the app password is confirmed
            _app_password.require(archive, args, "显示对照检查和批评发言")
        detail = archive.life.detail(_cycle(archive, args.year))
    ctx.out(f"{detail.title}（{detail.state_label}）")
    ctx.out("征求意见：")
    for n, o in enumerate(detail.opinions, start=1):
        linked = detail.linked_items.get(o.uid)
        how = f"已列入整改（{'、'.join(f'{args.year}-{i:02d}' for i in linked)}）" if linked else (
            f"已答复：{o.answer}" if o.answer else "未答复")
        ctx.out(f"  {n}. [{o.source_label}·{o.channel_label}·{o.category_label}] 对{o.addressed_label}：{o.content}  {how}")
    ctx.out("问题清单：")
    for p in detail.problems:
        ctx.out(f"  {p.owner_label}：{p.problem}")
    ctx.out("对照检查：" + ("、".join(e.owner_label for e in detail.examinations) or "无"))
    if args.texts:
        for e in detail.examinations:
            ctx.out(f"  【{e.owner_label}】问题：{e.problems}\n    原因：{e.causes}\n    措施：{e.measures}")
    ctx.out(f"批评与自我批评：{len(detail.criticism)} 条")
    for c in detail.criticism:
        head = f"  {c.from_name}（自我批评）" if c.kind == "self" else f"  {c.from_name} → {c.to_name}"
        if args.texts:
            ctx.out(f"{head}：{c.content}" + (f"  回应：{c.response}" if c.response else ""))
        else:
            ctx.out(head)
    if not args.texts and (detail.examinations or detail.criticism):
        ctx.out("（对照检查和批评发言的内容属敏感内容，加 --texts 显示。）")
    return 0


def run_plan(args, ctx) -> int:
    from ..life import PlanForm

    with ctx.open_archive() as archive:
        cycle_id = archive.life.cycle_id(args.year)
        plan = archive.life.detail(cycle_id).plan if cycle_id else PlanForm(args.year)
        if args.theme is not None:
            plan.theme = args.theme
        plan.planned_on = date_arg(args.date, "计划日期", plan.planned_on)
        plan.form = choice_arg(args.form, labels.LIFE_FORMS, "会议形式", plan.form)
        if args.group:
            plan.group_id = archive.groups.id_by_name(args.group)
            if plan.group_id is None:
                raise ValidationError("group", "missing", f"没有名为{quoted(args.group, '「」')}的党小组。")
        plan.plan_reported_on = date_arg(args.reported_on, "方案报送日期", plan.plan_reported_on)
        if cycle_id is None:
            archive.life.create(plan)
            ctx.out(f"已建立 {args.year} 年度组织生活会。")
        else:
            archive.life.save_plan(cycle_id, plan)
            ctx.out(f"已保存 {args.year} 年度组织生活会方案。")
        review = archive.rectification.review_items(args.year)
        if review:
            ctx.out(f"上年度及以前有 {len(review)} 项整改事项需要“回头看”：branchdesk rectification list --year {args.year - 1}")
    return 0


def run_opinion(args, ctx) -> int:
    from ..life import Opinion

    with ctx.open_archive() as archive:
        cycle_id = _cycle(archive, args.year)
        to_id, to_name = member_arg(archive, args.to, "意见对象")
        opinion = Opinion(
            source=choice_arg(args.source, labels.OPINION_SOURCES, "意见来源"),
            channel=choice_arg(args.channel, labels.OPINION_CHANNELS, "征求渠道"),
            received_on=date_arg(args.date, "收到日期", clock.today()), content=args.content,
            category=choice_arg(args.category, labels.ISSUE_CATEGORIES, "意见类别"),
            addressed_member_id=to_id, addressed_name=to_name, anonymous=args.anonymous, giver=args.giver,
        )
        archive.life.opinions.add(cycle_id, opinion)
        ctx.out(f"已登记第 {len(archive.life.opinions.list(cycle_id))} 条意见。")
    return 0


def run_answer(args, ctx) -> int:
    with ctx.open_archive() as archive:
        opinions = archive.life.opinions.list(_cycle(archive, args.year))
        if not 1 <= args.number <= len(opinions):
            raise ValidationError("number", "range", f"没有第 {args.number} 条意见（共 {len(opinions)} 条）。")
        archive.life.opinions.answer(opinions[args.number - 1].id, args.text, date_arg(args.date, "答复日期"))
    ctx.out(f"已答复第 {args.number} 条意见。")
    return 0


def run_problem(args, ctx) -> int:
    from ..life import Problem

    with ctx.open_archive() as archive:
        owner_id, owner = member_arg(archive, args.owner, "问题清单所属党员", allow_other=False)
        archive.life.problems.add(_cycle(archive, args.year), Problem(
            args.problem, owner_id, owner, choice_arg(args.source, labels.PROBLEM_SOURCES, "问题来源"),
            choice_arg(args.category, labels.ISSUE_CATEGORIES, "问题类别")))
    ctx.out(f"已登记到{owner or '支部委员会'}的问题清单。")
    return 0


def run_examination(args, ctx) -> int:
    from ..life import Examination

    with ctx.open_archive() as archive:
        cycle_id = _cycle(archive, args.year)
        owner_id, owner = member_arg(archive, args.owner, "对照检查人", allow_other=False)
        exam = Examination(
            text_arg(args.problems, args.problems_file, "存在的问题"), text_arg(args.causes, args.causes_file, "原因分析"),
            text_arg(args.measures, args.measures_file, "整改措施"), owner_id, owner,
            date_arg(args.date, "提交日期", clock.today()),
        )
        existing = archive.life.examinations.of(cycle_id, owner_id) if owner_id or not owner else None
        if existing is not None:
            archive.life.examinations.update(existing.id, exam)
        else:
            archive.life.examinations.add(cycle_id, exam)
    ctx.out(f"已保存{owner or '支委会'}的对照检查。")
    return 0


def run_meeting(args, ctx) -> int:
    with ctx.open_archive() as archive:
        meeting_id = archive.life.open_meeting(_cycle(archive, args.year))
        summary = archive.meetings.summary(meeting_id)
    ctx.out(f"组织生活会的会议记录编号为 {meeting_id}（{summary.title}，{summary.state_label(clock.today())}）。")
    ctx.out(f"登记召开和出席：branchdesk meetings hold {meeting_id} --date 日期 --host 主持人 --recorder 记录人 "
            "--absent 姓名=原因")
    return 0


def run_criticism(args, ctx) -> int:
    from ..life import Criticism

    with ctx.open_archive() as archive:
        cycle_id = _cycle(archive, args.year)
        from_id, from_name = member_arg(archive, args.speaker, "发言人")
        to_id, to_name = member_arg(archive, args.to, "被批评人")
        kind = "mutual" if args.to else "self"
        archive.life.criticism.add(cycle_id, Criticism(kind, from_id, from_name, to_id, to_name, args.content,
                                                       args.response))
    ctx.out(f"已登记{from_name}的自我批评。" if kind == "self" else f"已登记{from_name}对{to_name}的批评意见。")
    return 0


def run_text(args, ctx) -> int:
    field = {"report": "secretary_report", "review": "review", "summary": "summary"}[args.which]
    with ctx.open_archive() as archive:
        archive.life.save_text(_cycle(archive, args.year), field, text_arg(args.text, args.file, "文本"))
    ctx.out("已保存。")
    return 0


def run_state(args, ctx) -> int:
    with ctx.open_archive() as archive:
        run_state_action(ctx, archive.life, _cycle(archive, args.year), args, f"{args.year} 年度组织生活会")
    return 0


def run_talks(args, ctx) -> int:
    with ctx.open_archive(read_only=True) as archive:
        member_id, _ = member_arg(archive, args.member, "党员", allow_other=False)
        talks = archive.talks.records(archive.talks.query_ids(year=args.year, member_id=member_id, descending=False))
    for t in talks:
        ctx.out(f"{t.id:>5}  {t.talked_on:%Y-%m-%d}  {t.talker_name} — {t.partner_name}  {t.content[:40]}")
    ctx.out(f"共 {len(talks)} 次。")
    return 0


def run_talk_add(args, ctx) -> int:
    from ..life import TalkForm

    with ctx.open_archive() as archive:
        talker_id, talker = member_arg(archive, args.talker, "谈话人")
        partner_id, partner = member_arg(archive, args.partner, "谈话对象")
        day = date_arg(args.date, "谈话日期")
        archive.talks.add(TalkForm(day, talker_id, talker, partner_id, partner, args.place, args.content, args.effect))
        coverage = archive.talks.coverage(day.year)
    ctx.out(f"已登记。{coverage.year} 年谈心谈话覆盖 {coverage.met}/{coverage.required}"
            + ("，已全覆盖。" if coverage.complete else "。"))
    return 0


def run_coverage(args, ctx) -> int:
    year = args.year or clock.today().year
    with ctx.open_archive(read_only=True) as archive:
        coverage = archive.talks.coverage(year)
    if args.json:
        ctx.out(json.dumps({
            "year": year, "start": coverage.start.isoformat(), "end": coverage.end.isoformat(),
            "rule": coverage.rule, "required": coverage.required, "met": coverage.met, "complete": coverage.complete,
            "talks": coverage.talks, "gaps": coverage.gap_sentences(limit=1000),
        }, ensure_ascii=False, indent=2))
        return 0
    ctx.out(f"{year} 年谈心谈话（{coverage.start:%Y-%m-%d} 至 {coverage.end:%Y-%m-%d}，"
            f"规则：{labels.TALK_RULES[coverage.rule]}）：共 {coverage.talks} 次，覆盖 {coverage.met}/{coverage.required}")
    names = [p.name + ("*" if p.committee else "") for p in coverage.people]
    column = max((width(n) for n in names), default=4) + 1
    for person, name in zip(coverage.people, names):
        marks = " ".join(("·" if q is person else ("✓" if coverage.count(person.member_id, q.member_id) else " "))
                         for q in coverage.people)
        ctx.out(name + " " * (column - width(name)) + marks)
    ctx.out("（* 支委；✓ 本年度已谈）")
    for line in coverage.gap_sentences(limit=1000):
        ctx.out(line)
    if coverage.complete:
        ctx.out("已全覆盖。")
    return 0


def run_rule(args, ctx) -> int:
    with ctx.open_archive(read_only=not args.rule) as archive:
        if args.rule:
            archive.talks.set_rule(args.rule)
        ctx.out(f"支委与党员谈话的覆盖规则：{labels.TALK_RULES[archive.talks.rule()]}")
    return 0
