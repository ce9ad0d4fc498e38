"""``service``, ``openness`` and ``verdict``: 志愿服务 and 为民办实事, 党务公开 with its
公开栏 sheets, and the 群众评议 from the command line (docs/domain.md §15)."""

from __future__ import annotations

import json

from .. import labels
from ..errors import ValidationError
from ..text import quoted
from ._common import OUT_HELP, choice_arg, date_arg, member_arg, out_path, text_arg

YEAR_HELP = "年度（默认今年）"


def register(subparsers) -> None:
    service = subparsers.add_parser("service", help="志愿服务与为民办实事：活动、服务时长、承诺的实事及进展")
    actions = service.add_subparsers(dest="service_action", metavar="操作", required=True)
    add = actions.add_parser("add", help="登记一次志愿服务活动及每人服务时长")
    add.add_argument("--on", required=True, help="活动日期")
    add.add_argument("--place", required=True, help="服务地点")
    add.add_argument("--content", required=True, help="服务内容")
    add.add_argument("--people", required=True,
                     help="参加人及时长（小时），逗号分隔，例如 王堃:3,李喆:2.5,周敏:2（不在名册中的按群众等其他人员登记）")
    add.set_defaults(handler=run_add)
    listing = actions.add_parser("list", help="列出某年的志愿服务活动")
    listing.add_argument("--year", type=int, help=YEAR_HELP)
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(handler=run_list)
    hours = actions.add_parser("hours", help="每名党员某年的志愿服务时长")
    hours.add_argument("--year", type=int, help=YEAR_HELP)
    hours.add_argument("--json", action="store_true", help="以 JSON 输出")
    hours.set_defaults(handler=run_hours)
    delete = actions.add_parser("delete", help="删除一条录错的志愿服务记录")
    delete.add_argument("id", type=int, help="记录编号（service list 中的编号）")
    delete.set_defaults(handler=run_delete)
    pledge = actions.add_parser("pledge", help="登记年初承诺的一件实事")
    pledge.add_argument("title", help="实事名称")
    pledge.add_argument("--by", required=True, help="承诺完成时限")
    pledge.add_argument("--lead", required=True, help="牵头人")
    pledge.add_argument("--year", type=int, help=YEAR_HELP)
    pledge.set_defaults(handler=run_pledge)
    pledges = actions.add_parser("pledges", help="列出某年的实事及完成情况")
    pledges.add_argument("--year", type=int, help=YEAR_HELP)
    pledges.add_argument("--json", action="store_true", help="以 JSON 输出")
    pledges.set_defaults(handler=run_pledges)
    progress = actions.add_parser("progress", help="登记一件实事的进展")
    progress.add_argument("id", type=int, help="实事编号（service pledges 中的编号）")
    progress.add_argument("text", help="进展情况")
    progress.add_argument("--on", help="日期（默认今天）")
    progress.set_defaults(handler=run_progress)
    done = actions.add_parser("done", help="登记一件实事已完成（--undo 改回未完成）")
    done.add_argument("id", type=int, help="实事编号")
    done.add_argument("--on", help="完成日期（默认今天）")
    done.add_argument("--undo", action="store_true", help="改为未完成")
    done.set_defaults(handler=run_done)

    openness = subparsers.add_parser("openness", help="党务公开：登记公开、应公开事项是否按时、打印公开栏")
    actions = openness.add_subparsers(dest="openness_action", metavar="操作", required=True)
    post = actions.add_parser("post", help="登记一次党务公开")
    post.add_argument("--kind", required=True, help="类别：" + "、".join(labels.OPENNESS_KINDS.values()))
    post.add_argument("--year", type=int, help="所属年度（默认今年）")
    post.add_argument("--part", type=int, default=0, help="所属季度（党费收缴 1–4）或半年（实事进展 1–2）；其他类别不写")
    post.add_argument("--on", help="公开日期（默认今天）")
    post.add_argument("--place", default="党务公开栏", help="公开地点（默认党务公开栏）")
    post.add_argument("--from", dest="hung_from", help="张贴起始日期（默认公开日期）")
    post.add_argument("--to", dest="hung_to", required=True, help="张贴截止日期")
    post.add_argument("--title", default="", help="标题（不写时按类别和期间生成）")
    post.add_argument("--body", default="", help="公开内容（计划、其他类别必填；其余类别的内容取自相应台账）")
    post.add_argument("--body-file", help="公开内容所在的 UTF-8 文本文件")
    post.set_defaults(handler=run_post)
    listing = actions.add_parser("list", help="列出某年的党务公开")
    listing.add_argument("--year", type=int, help=YEAR_HELP)
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(handler=run_postings)
    due = actions.add_parser("due", help="某年应公开的事项及是否按时公开")
    due.add_argument("--year", type=int, help=YEAR_HELP)
    due.add_argument("--json", action="store_true", help="以 JSON 输出")
    due.set_defaults(handler=run_due)
    board = actions.add_parser("print", help="打印一次公开的公开栏（PDF，内容取自相应台账）")
    board.add_argument("id", type=int, help="公开记录编号（openness list 中的编号）")
    board.add_argument("--out", help=OUT_HELP)
    board.set_defaults(handler=run_board)
    delete = actions.add_parser("delete", help="删除一条录错的公开记录")
    delete.add_argument("id", type=int, help="公开记录编号")
    delete.set_defaults(handler=run_delete_posting)

    verdict = subparsers.add_parser("verdict", help="群众评议：登记评议票数与意见、满意率、打印结果")
    actions = verdict.add_subparsers(dest="verdict_action", metavar="操作", required=True)
    add = actions.add_parser("add", help="登记一次群众评议的票数（评议支部委员会；--member 评议一名党员）")
    add.add_argument("--year", type=int, help=YEAR_HELP)
    add.add_argument("--on", required=True, help="评议日期")
    add.add_argument("--member", help="被评议党员的姓名（不写为评议支部委员会）")
    for key, label in (("satisfied", "满意"), ("basic", "基本满意"), ("unsatisfied", "不满意"), ("unknown", "不了解")):
        add.add_argument(f"--{key}", type=int, default=0, help=f"「{label}」票数")
    add.add_argument("--feedback", default="", help="群众意见，每条一行")
    add.add_argument("--feedback-file", help="群众意见所在的 UTF-8 文本文件")
    add.set_defaults(handler=run_verdict_add)
    show = actions.add_parser("show", help="某年的群众评议票数与满意率")
    show.add_argument("--year", type=int, help=YEAR_HELP)
    show.add_argument("--json", action="store_true", help="以 JSON 输出")
    show.set_defaults(handler=run_verdict_show)
    result = actions.add_parser("print", help="打印某年的群众评议结果（PDF）")
    result.add_argument("--year", type=int, help=YEAR_HELP)
    result.add_argument("--out", help=OUT_HELP)
    result.set_defaults(handler=run_verdict_print)


def _year(args) -> int:
    from .. import clock

    return args.year or clock.today().year


def _people(archive, text: str) -> list:
    from ..service import Participant

    people = []
    for n, part in enumerate(p for p in text.replace("，", ",").split(",") if p.strip()):
        name, sep, hours = part.replace("：", ":").rpartition(":")
        if not sep:
            raise ValidationError("people", "format", f"参加人{quoted(part)}没有写时长，请写成 姓名:小时，例如 王堃:3。", n + 1)
        member_id, shown = member_arg(archive, name, "参加人")
        people.append(Participant(name=shown, hours=hours, member_id=member_id))
    return people


def run_add(args, ctx) -> int:
    from ..service import ActivityForm

    with ctx.open_archive() as archive:
        form = ActivityForm(date_arg(args.on, "活动日期"), args.place, args.content, _people(archive, args.people))
        activity_id = archive.service.add_activity(form)
        activity = archive.service.activity(activity_id)
    ctx.out(f"已登记志愿服务（编号 {activity_id}）：{activity.held_on:%Y-%m-%d} {activity.place}，"
            f"{len(activity.participants)} 人共 {activity.total_hours:g} 小时。")
    return 0


def run_list(args, ctx) -> int:
    year = _year(args)
    with ctx.open_archive(read_only=True) as archive:
        activities = archive.service.activities(year)
    if args.json:
        ctx.out(json.dumps([{"id": a.id, "held_on": a.held_on.isoformat(), "place": a.place, "content": a.content,
                             "people": [{"name": p.name, "member": p.member_id is not None, "hours": p.hours}
                                        for p in a.participants]} for a in activities], ensure_ascii=False, indent=2))
        return 0
    ctx.out(f"{year}年志愿服务 {len(activities)} 次：")
    for a in activities:
        people = "、".join(f"{p.name}{p.hours:g}小时" for p in a.participants)
        ctx.out(f"  [{a.id}] {a.held_on:%Y-%m-%d} {a.place}：{a.content}（{people}）")
    return 0


def run_hours(args, ctx) -> int:
    year = _year(args)
    with ctx.open_archive(read_only=True) as archive:
        hours = archive.service.member_hours(year)
        summary = archive.service.hours_summary(year)
    if args.json:
        ctx.out(json.dumps({"year": year, **summary, "members_hours": [
            {"name": h.name, "hours": h.hours, "activities": h.activities} for h in hours]}, ensure_ascii=False, indent=2))
        return 0
    average = "—" if summary["average"] is None else f"{summary['average']:g}"
    ctx.out(f"{year}年党员志愿服务共 {summary['member_hours']:g} 小时，{summary['serving_members']} 人参加，"
            f"人均 {average} 小时（按 {summary['members']} 名党员计）：")
    for h in hours:
        ctx.out(f"  {h.name}：{h.hours:g} 小时（{h.activities} 次）")
    return 0


def run_delete(args, ctx) -> int:
    with ctx.open_archive() as archive:
        archive.service.delete_activity(args.id)
    ctx.out(f"已删除志愿服务记录 {args.id}。")
    return 0


def run_pledge(args, ctx) -> int:
    from ..service import PledgeForm

    with ctx.open_archive() as archive:
        _, lead = member_arg(archive, args.lead, "牵头人")
        pledge_id = archive.service.add_pledge(PledgeForm(_year(args), args.title, date_arg(args.by, "承诺完成时限"), lead))
    ctx.out(f"已登记实事（编号 {pledge_id}）：{args.title}。")
    return 0


def run_pledges(args, ctx) -> int:
    year = _year(args)
    with ctx.open_archive(read_only=True) as archive:
        pledges = archive.service.pledges(year)
        done, counted = archive.service.pledge_completion(year)
    if args.json:
        ctx.out(json.dumps({"year": year, "done_on_time": done, "counted": counted, "pledges": [
            {"id": p.id, "title": p.title, "lead": p.lead_name, "promised_by": p.promised_by.isoformat(),
             "done_on": p.done_on.isoformat() if p.done_on else None, "state": p.state,
             "notes": [{"on": n.noted_on.isoformat(), "text": n.text} for n in p.notes]} for p in pledges]},
            ensure_ascii=False, indent=2))
        return 0
    ctx.out(f"{year}年为民办实事 {len(pledges)} 件，到期的 {counted} 件中按期完成 {done} 件：")
    for p in pledges:
        state = labels.label(labels.PLEDGE_STATES, p.state) + (f"（{p.done_on:%Y-%m-%d}）" if p.done_on else "")
        note = f"；最新进展：{p.last_note}" if p.last_note else ""
        ctx.out(f"  [{p.id}] {p.title}，{p.lead_name}牵头，{p.promised_by:%Y-%m-%d}前，{state}{note}")
    return 0


def run_progress(args, ctx) -> int:
    with ctx.open_archive() as archive:
        archive.service.add_pledge_note(args.id, args.text, date_arg(args.on, "进展日期"))
        title = archive.service.pledge(args.id).title
    ctx.out(f"已登记「{title}」的进展。")
    return 0


def run_done(args, ctx) -> int:
    from .. import clock

    with ctx.open_archive() as archive:
        archive.service.complete_pledge(args.id, None if args.undo else date_arg(args.on, "完成日期", clock.today()))
        pledge = archive.service.pledge(args.id)
    ctx.out(f"「{pledge.title}」：{labels.label(labels.PLEDGE_STATES, pledge.state)}。")
    return 0


def run_post(args, ctx) -> int:
    from .. import clock
    from ..service import PostingForm

    kind = choice_arg(args.kind, labels.OPENNESS_KINDS, "类别")
    posted_on = date_arg(args.on, "公开日期", clock.today())
    form = PostingForm(kind, args.title, text_arg(args.body, args.body_file, "公开内容"), _year(args), args.part, posted_on,
                       args.place, date_arg(args.hung_from, "张贴起始日期", posted_on), date_arg(args.hung_to, "张贴截止日期"))
    with ctx.open_archive() as archive:
        posting_id = archive.openness.add(form)
        posting = archive.openness.posting(posting_id)
    ctx.out(f"已登记党务公开（编号 {posting_id}）：{posting.title}。")
    return 0


def run_postings(args, ctx) -> int:
    from ..service.boards import period_text

    year = _year(args)
    with ctx.open_archive(read_only=True) as archive:
        postings = archive.openness.postings(year)
    if args.json:
        ctx.out(json.dumps([{"id": p.id, "kind": p.kind, "title": p.title, "year": p.covers_year, "part": p.covers_part,
                             "posted_on": p.posted_on.isoformat(), "place": p.place, "from": p.hung_from.isoformat(),
                             "to": p.hung_to.isoformat()} for p in postings], ensure_ascii=False, indent=2))
        return 0
    ctx.out(f"{year}年党务公开 {len(postings)} 次：")
    for p in postings:
        ctx.out(f"  [{p.id}] {p.posted_on:%Y-%m-%d} {labels.label(labels.OPENNESS_KINDS, p.kind)}（{period_text(p)}）"
                f"{p.title}，{p.place}，{p.hung_from:%m-%d}至{p.hung_to:%m-%d}")
    return 0


def run_due(args, ctx) -> int:
    from ..service import rules

    year = _year(args)
    with ctx.open_archive(read_only=True) as archive:
        due = archive.openness.due(year)
        done, counted = archive.openness.on_time_share(year)
    if args.json:
        ctx.out(json.dumps({"year": year, "on_time": done, "due": counted, "items": [
            {"kind": d.kind, "part": d.covers_part, "due_on": d.due_on.isoformat(), "state": d.state,
             "posting": d.posting_id} for d in due]}, ensure_ascii=False, indent=2))
        return 0
    ctx.out(f"{year}年应公开 {counted} 项（已到期），按时公开 {done} 项：")
    for d in due:
        ctx.out(f"  {labels.label(labels.OPENNESS_KINDS, d.kind)}（{rules.part_label(d.kind, d.covers_part)}），"
                f"{d.due_on:%Y-%m-%d}前：{labels.label(labels.DUE_POSTING_STATES, d.state)}")
    return 0


def run_board(args, ctx) -> int:
    from ..papers import render
    from ..service.boards import board_name, board_paper

    with ctx.open_archive(read_only=True) as archive:
        paper = board_paper(archive, args.id)
        out = out_path(archive, args.out, board_name(archive.openness.posting(args.id)), ".pdf")
        render(paper, out)
    ctx.out(f"已导出公开栏「{paper.title}」：{out}")
    return 0


def run_delete_posting(args, ctx) -> int:
    with ctx.open_archive() as archive:
        archive.openness.delete(args.id)
    ctx.out(f"已删除党务公开记录 {args.id}。")
    return 0


def run_verdict_add(args, ctx) -> int:
    from ..service import VerdictForm

    with ctx.open_archive() as archive:
        member_id = member_arg(archive, args.member, "被评议党员", allow_other=False)[0] if args.member else None
        form = VerdictForm(_year(args), date_arg(args.on, "评议日期"), member_id, args.satisfied, args.basic,
                           args.unsatisfied, args.unknown, text_arg(args.feedback, args.feedback_file, "群众意见"))
        verdict = archive.verdicts.verdict(archive.verdicts.add(form))
    from ..service.rules import percent

    ctx.out(f"已登记{verdict.year}年群众评议（{verdict.subject}）：收回 {verdict.ballots} 票，满意率 {percent(verdict.rate)}。")
    return 0


def run_verdict_show(args, ctx) -> int:
    from ..service.rules import percent

    year = _year(args)
    with ctx.open_archive(read_only=True) as archive:
        verdicts = archive.verdicts.verdicts(year)
    if args.json:
        ctx.out(json.dumps([{"subject": v.subject, "committee": v.member_id is None, "held_on": v.held_on.isoformat(),
                             "satisfied": v.satisfied, "basic": v.basic, "unsatisfied": v.unsatisfied,
                             "unknown": v.unknown, "rate": v.rate, "feedback": v.feedback_lines} for v in verdicts],
                           ensure_ascii=False, indent=2))
        return 0
    if not verdicts:
        ctx.out(f"{year}年还没有登记群众评议。")
    for v in verdicts:
        ctx.out(f"{v.subject}：满意 {v.satisfied}，基本满意 {v.basic}，不满意 {v.unsatisfied}，不了解 {v.unknown}；"
                f"满意率 {percent(v.rate)}")
        for line in v.feedback_lines:
            ctx.out(f"  意见：{line}")
    return 0


def run_verdict_print(args, ctx) -> int:
    from ..papers import render
    from ..service.boards import verdict_name, verdict_result_paper

    year = _year(args)
    with ctx.open_archive(read_only=True) as archive:
        if not archive.verdicts.verdicts(year):
            raise ValidationError("year", "empty", f"{year}年还没有登记群众评议，无法打印结果。")
        paper = verdict_result_paper(archive, year)
        out = out_path(archive, args.out, verdict_name(year), ".pdf")
        render(paper, out)
    ctx.out(f"已导出{paper.title}：{out}")
    return 0
