"""``rectification …``: the 整改台账 from the command line — list, add (also from an
opinion, a problem or a criticism entry of a 组织生活会), progress, evidence, 公示,
销号 and its undoing. Items are named by their code 「2024-03」 (year and number)."""

from __future__ import annotations

import json

from .. import clock, labels
from ..errors import ValidationError
from ..text import quoted
from ._common import choice_arg, date_arg, member_arg

STATES = {"pending": "未完成", **labels.RECTIFICATION_STATES}


def register(subparsers) -> None:
    ledger = subparsers.add_parser("rectification", help="整改台账：新增、进展、佐证、公示、销号")
    actions = ledger.add_subparsers(dest="rectification_action", metavar="操作", required=True)

    listing = actions.add_parser("list", help="列出整改事项（默认全部年度）")
    listing.add_argument("--year", type=int, help="只列这一年度，如 2026")
    listing.add_argument("--state", help="整改中 / 逾期 / 已销号 / 未完成")
    listing.add_argument("--public", action="store_true", help="只列公示的")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(handler=run_list)

    show = actions.add_parser("show", help="一项整改事项的全部情况")
    show.add_argument("code", help="编号，如 2024-03")
    show.set_defaults(handler=run_show)

    add = actions.add_parser("add", help="新增整改事项")
    add.add_argument("--year", type=int, help="所属年度，默认今年")
    add.add_argument("--problem", default="", help="问题（用 --from-opinion 等时可省略）")
    add.add_argument("--measure", required=True, help="整改措施")
    add.add_argument("--owner", required=True, help="责任人")
    add.add_argument("--deadline", required=True, help="完成时限")
    add.add_argument("--cause", default="", help="问题产生的原因")
    add.add_argument("--source", default="", help="来源：征求意见 / 问题清单 / 对照检查 / 批评意见 / 目标管理检查 / 上级反馈 / 其他")
    add.add_argument("--category", default="工作作风", help="问题类别，如 工作作风")
    add.add_argument("--scope", default="", help="整改对象：支部 / 个人")
    add.add_argument("--public", action="store_true", help="公示")
    add.add_argument("--from-opinion", type=int, metavar="序号", help="由当年组织生活会的第 N 条意见生成")
    add.add_argument("--from-problem", type=int, metavar="序号", help="由当年问题清单的第 N 个问题生成")
    add.set_defaults(handler=run_add)

    progress = actions.add_parser("progress", help="登记整改进展")
    progress.add_argument("code", help="整改事项编号，如 2024-03（rectification list 可查）")
    progress.add_argument("--text", required=True, help="整改进展")
    progress.add_argument("--date", default="", help="日期，写成 2026-06-30")
    progress.set_defaults(handler=run_progress)

    evidence = actions.add_parser("evidence", help="添加佐证：关联会议记录，或复制一个文件进档案库")
    evidence.add_argument("code", help="整改事项编号，如 2024-03（rectification list 可查）")
    group = evidence.add_mutually_exclusive_group(required=True)
    group.add_argument("--meeting", type=int, help="会议编号")
    group.add_argument("--file", help="佐证材料文件")
    evidence.add_argument("--title", default="", help="佐证材料标题（不写时用文件名）")
    evidence.set_defaults(handler=run_evidence)

    close = actions.add_parser("close", help="销号（须写完成情况，并已有进展或佐证）")
    close.add_argument("code", help="整改事项编号，如 2024-03（rectification list 可查）")
    close.add_argument("--note", required=True, help="完成情况")
    close.add_argument("--date", default="", help="日期，写成 2026-06-30")
    close.set_defaults(handler=run_close)

    reopen = actions.add_parser("reopen", help="取消销号（须写原因）")
    reopen.add_argument("code", help="整改事项编号，如 2024-03（rectification list 可查）")
    reopen.add_argument("--reason", required=True, help="原因（必填，记入操作记录）")
    reopen.set_defaults(handler=run_reopen)

    public = actions.add_parser("public", help="设置是否公示")
    public.add_argument("code", help="整改事项编号，如 2024-03（rectification list 可查）")
    public.add_argument("value", choices=["on", "off"], help="on 在党务公开中公开，off 不公开")
    public.set_defaults(handler=run_public)


def find(archive, code: str) -> int:
    """The id of the item 「2024-03」 (or 「2024-3」)."""
    year_text, _, number_text = code.strip().partition("-")
    if not (year_text.isdigit() and number_text.isdigit()):
        raise ValidationError("code", "format", f"整改事项编号{quoted(code)}应写成 年度-序号，如 2024-03。")
    for item in archive.rectification.items(year=int(year_text)):
        if item.number == int(number_text):
            return item.id
    raise ValidationError("code", "missing", f"没有编号为 {code} 的整改事项。用 branchdesk rectification list 查看。")


def run_list(args, ctx) -> int:
    today = clock.today()
    state = choice_arg(args.state, STATES, "状态")
    with ctx.open_archive(read_only=True) as archive:
        items = archive.rectification.items(year=args.year, state=state, public_only=args.public, today=today)
    if args.json:
        ctx.out(json.dumps([
            {"code": i.code, "year": i.year, "number": i.number, "source": i.source, "problem": i.problem,
             "measure": i.measure, "owner": i.owner_name, "deadline": i.deadline.isoformat(),
             "closed_on": i.closed_on.isoformat() if i.closed_on else None, "public": i.public,
             "state": i.state(today)} for i in items
        ], ensure_ascii=False, indent=2))
        return 0
    for i in items:
        ctx.out(f"{i.code}  {i.state_label(today):<4}  {i.owner_name}  时限 {i.deadline:%Y-%m-%d}  "
                f"{i.problem[:30]}  {i.status_text(today)}" + ("  [公示]" if i.public else ""))
    overdue = sum(i.is_overdue(today) for i in items)
    ctx.out(f"共 {len(items)} 项" + (f"，其中逾期 {overdue} 项。" if overdue else "。"))
    return 0


def run_show(args, ctx) -> int:
    today = clock.today()
    with ctx.open_archive(read_only=True) as archive:
        detail = archive.rectification.detail(find(archive, args.code))
    i = detail.item
    ctx.out(f"{i.code}（{i.source_label}，{i.category_label}，{i.scope_label}）  {i.status_text(today)}")
    if detail.source_text:
        ctx.out(f"来源：{detail.source_text}")
    ctx.out(f"问题：{i.problem}")
    if i.cause:
        ctx.out(f"原因：{i.cause}")
    ctx.out(f"措施：{i.measure}")
    ctx.out(f"责任人：{i.owner_name}  时限：{i.deadline:%Y-%m-%d}  列入台账：{i.created_on:%Y-%m-%d}"
            + ("  公示" if i.public else ""))
    for note in detail.progress:
        ctx.out(f"  进展 {note.noted_on:%Y-%m-%d}：{note.text}")
    for evidence in detail.evidence:
        ctx.out(f"  佐证：{evidence.text}" + (f"（SHA-256 {evidence.sha256}）" if evidence.sha256 else ""))
    if i.closed_on:
        ctx.out(f"销号：{i.closed_on:%Y-%m-%d}  {i.closing_note}")
    return 0


def run_add(args, ctx) -> int:
    from ..life import ItemForm

    year = args.year or clock.today().year
    with ctx.open_archive() as archive:
        owner_id, owner = member_arg(archive, args.owner, "责任人")
        form = ItemForm(year, args.problem, args.measure, owner_id, owner, date_arg(args.deadline, "完成时限"),
                        cause=args.cause, public=args.public,
                        category=choice_arg(args.category, labels.ISSUE_CATEGORIES, "类别"))
        if args.from_opinion or args.from_problem:
            cycle_id = archive.life.require_cycle(year)
            rows = archive.life.opinions if args.from_opinion else archive.life.problems
            number = args.from_opinion or args.from_problem
            listed = rows.list(cycle_id)
            if not 1 <= number <= len(listed):
                raise ValidationError("number", "range", f"{year} 年度没有第 {number} 条{rows.what}（共 {len(listed)} 条）。")
            origin = listed[number - 1]
            form.source, form.source_ref = ("opinion" if args.from_opinion else "problem"), origin.uid
            form.problem = form.problem or (origin.content if args.from_opinion else origin.problem)
            form.category = origin.category
            if not args.from_opinion and origin.member_id is not None:
                form.scope = "member"
        form.source = choice_arg(args.source, labels.RECTIFICATION_SOURCES, "来源", form.source)
        form.scope = choice_arg(args.scope, labels.RECTIFICATION_SCOPES, "整改对象", form.scope)
        item_id = archive.rectification.add(form)
        ctx.out(f"已列入整改台账：{archive.rectification.summary(item_id).code}")
    return 0


def run_progress(args, ctx) -> int:
    with ctx.open_archive() as archive:
        archive.rectification.add_progress(find(archive, args.code), args.text, date_arg(args.date, "进展日期"))
    ctx.out("已登记进展。")
    return 0


def run_evidence(args, ctx) -> int:
    with ctx.open_archive() as archive:
        item_id = find(archive, args.code)
        if args.meeting:
            archive.rectification.add_evidence(item_id, "meeting", args.meeting)
        else:
            archive.rectification.add_evidence_file(item_id, args.file, args.title)
    ctx.out("已添加佐证。")
    return 0


def run_close(args, ctx) -> int:
    with ctx.open_archive() as archive:
        archive.rectification.close(find(archive, args.code), date_arg(args.date, "销号日期"), args.note)
    ctx.out(f"{args.code} 已销号。")
    return 0


def run_reopen(args, ctx) -> int:
    with ctx.open_archive() as archive:
        archive.rectification.reopen(find(archive, args.code), args.reason)
    ctx.out(f"{args.code} 已取消销号。")
    return 0


def run_public(args, ctx) -> int:
    with ctx.open_archive() as archive:
        archive.rectification.set_public(find(archive, args.code), args.value == "on")
    ctx.out(f"{args.code} " + ("已设为公示。" if args.value == "on" else "已取消公示。"))
    return 0
