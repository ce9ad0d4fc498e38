"""``appraisal …``: 民主评议党员 from the command line — start, tallies, the committee's
grades, feedback and handling, the register, finalise and report."""

from __future__ import annotations

import json

from .. import clock, labels
from ..errors import ValidationError
from ..text import quoted
from ._common import add_state_actions, choice_arg, date_arg, run_state_action, width


def register(subparsers) -> None:
    appraisal = subparsers.add_parser("appraisal", help="民主评议党员：测评票数、组织评定、反馈与处置")
    actions = appraisal.add_subparsers(dest="appraisal_action", metavar="操作", required=True)

    start = actions.add_parser("start", help="开始某年度的民主评议（按名册列出参评党员）")
    start.add_argument("year", type=int, help="年度，如 2026")
    start.add_argument("--date", default="", help="民主测评日期")
    start.add_argument("--voters", type=int, default=0, help="参加测评人数")
    start.set_defaults(handler=run_start)

    show = actions.add_parser("show", help="评议结果")
    show.add_argument("year", type=int, help="年度，如 2026")
    show.add_argument("--json", action="store_true", help="以 JSON 输出")
    show.set_defaults(handler=run_show)

    setting = actions.add_parser("set", help="修改测评日期、参加测评人数、支委会评定日期")
    setting.add_argument("year", type=int, help="年度，如 2026")
    setting.add_argument("--date", default="", help="民主测评日期")
    setting.add_argument("--voters", type=int, help="参加测评的人数")
    setting.add_argument("--decided-on", default="", help="支委会评定日期")
    setting.set_defaults(handler=run_set)

    tally = actions.add_parser("tally", help="录入一名党员的测评票数：优秀 合格 基本合格 不合格")
    tally.add_argument("year", type=int, help="年度，如 2026")
    tally.add_argument("name", help="党员姓名")
    tally.add_argument("votes", type=int, nargs=4, metavar="票数", help="优秀、合格、基本合格、不合格四项票数，依次写出")
    tally.set_defaults(handler=run_entry, entry_action="tally")

    grade = actions.add_parser("grade", help="支委会评定等次")
    grade.add_argument("year", type=int, help="年度，如 2026")
    grade.add_argument("name", help="党员姓名")
    grade.add_argument("grade", help="优秀 / 合格 / 基本合格 / 不合格")
    grade.add_argument("--reason", default="", help="与测评结果不一致时的评定理由")
    grade.set_defaults(handler=run_entry, entry_action="grade")

    feedback = actions.add_parser("feedback", help="登记向本人反馈评定结果，以及基本合格、不合格的处置")
    feedback.add_argument("year", type=int, help="年度，如 2026")
    feedback.add_argument("name", help="党员姓名")
    feedback.add_argument("--date", default="", help="反馈日期，默认今天")
    feedback.add_argument("--note", default="", help="反馈情况")
    feedback.add_argument("--handling", default="", help="处置方式：批评教育、帮助改进 / 限期改正 / 劝其退党 / 除名")
    feedback.add_argument("--handling-note", default="", help="处置情况说明")
    feedback.set_defaults(handler=run_entry, entry_action="feedback")

    texts = actions.add_parser("remarks", help="登记自评和互评意见")
    texts.add_argument("year", type=int, help="年度，如 2026")
    texts.add_argument("name", help="党员姓名")
    texts.add_argument("--self-grade", default="", help="自评等次")
    texts.add_argument("--self", dest="self_text", default=None, help="自评")
    texts.add_argument("--mutual", default=None, help="互评意见")
    texts.set_defaults(handler=run_entry, entry_action="remarks")

    add_state_actions(actions, run_state)


def run_start(args, ctx) -> int:
    with ctx.open_archive() as archive:
        appraisal_id = archive.appraisal.create(args.year, date_arg(args.date, "民主测评日期"), args.voters)
        count = len(archive.appraisal.form(appraisal_id).entries)
    ctx.out(f"已开始 {args.year} 年度民主评议党员，参评党员 {count} 名（预备党员参加评议、不评定等次）。")
    return 0


def run_show(args, ctx) -> int:
    from ..life.appraisal_rules import ballot_sentence

    with ctx.open_archive(read_only=True) as archive:
        detail = archive.appraisal.detail(archive.appraisal.require(args.year))
    form = detail.form
    if args.json:
        ctx.out(json.dumps({
            "year": detail.year, "state": detail.state, "voters": form.voters,
            "held_on": form.held_on.isoformat() if form.held_on else None,
            "grades": detail.counts.by_grade(), "excellent_limit": detail.counts.limit,
            "entries": [{"name": e.member_name, "votes": list(e.votes), "decided_grade": e.decided_grade,
                         "feedback_on": e.feedback_on.isoformat() if e.feedback_on else None, "handling": e.handling}
                        for e in form.entries],
        }, ensure_ascii=False, indent=2))
        return 0
    ctx.out(f"{detail.year} 年度民主评议党员（{detail.state_label}）  测评日期：{form.held_on or '未填写'}  "
            f"参加测评：{form.voters} 人  评定日期：{form.decided_on or '未填写'}")
    column = max((width(e.member_name) for e in form.entries), default=4) + 2
    for e in form.entries:
        line = e.member_name + " " * (column - width(e.member_name)) + ballot_sentence(e)
        line += f"  评定：{e.decided_label or '未评定'}"
        if e.feedback_on:
            line += f"  反馈：{e.feedback_on:%Y-%m-%d}"
        if e.handling:
            line += f"  处置：{e.handling_label}"
        ctx.out(line)
    ctx.out(detail.counts.sentence())
    ctx.out(detail.counts.limit_sentence())
    return 0


def run_set(args, ctx) -> int:
    with ctx.open_archive() as archive:
        appraisal_id = archive.appraisal.require(args.year)
        form = archive.appraisal.form(appraisal_id)
        form.held_on = date_arg(args.date, "民主测评日期", form.held_on)
        form.decided_on = date_arg(args.decided_on, "支委会评定日期", form.decided_on)
        if args.voters is not None:
            form.voters = args.voters
        archive.appraisal.save(appraisal_id, form)
    ctx.out("已保存。")
    return 0


def run_entry(args, ctx) -> int:
    with ctx.open_archive() as archive:
        appraisal_id = archive.appraisal.require(args.year)
        form = archive.appraisal.form(appraisal_id)
        matches = [e for e in form.entries if e.member_name == args.name]
        if len(matches) != 1:
            problem = "不在参评名单中" if not matches else "在名单中有重名，请在窗口中办理"
            raise ValidationError("name", "missing", f"{quoted(args.name)}{problem}。")
        entry = matches[0]
        action = args.entry_action
        if action == "tally":
            (entry.votes_excellent, entry.votes_qualified, entry.votes_basic, entry.votes_unqualified) = args.votes
        elif action == "grade":
            entry.decided_grade = choice_arg(args.grade, labels.GRADES, "等次")
            entry.decision_reason = args.reason or entry.decision_reason
            form.decided_on = form.decided_on or clock.today()
        elif action == "feedback":
            entry.feedback_on = date_arg(args.date, "反馈日期", clock.today())
            entry.feedback_note = args.note or entry.feedback_note
            entry.handling = choice_arg(args.handling, labels.HANDLINGS, "处置方式", entry.handling)
            entry.handling_note = args.handling_note or entry.handling_note
        elif action == "remarks":
            entry.self_grade = choice_arg(args.self_grade, labels.GRADES, "自评等次", entry.self_grade)
            if args.self_text is not None:
                entry.self_appraisal = args.self_text
            if args.mutual is not None:
                entry.mutual_remarks = args.mutual
        archive.appraisal.save(appraisal_id, form)
    ctx.out(f"已保存{args.name}的评议情况。")
    return 0


def run_state(args, ctx) -> int:
    with ctx.open_archive() as archive:
        run_state_action(ctx, archive.appraisal, archive.appraisal.require(args.year), args, f"{args.year} 年度民主评议")
    return 0