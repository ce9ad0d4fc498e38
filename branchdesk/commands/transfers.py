"""``transfers …`` and ``away …``: 组织关系转接 and the 流动党员 register from the command
line (docs/domain.md §16) — transfer a member out (the next 介绍信 number), record one
coming in, the 回执, a cancellation, the 介绍信 as PDF; register members working away and
their return. A letter is named by its number (〔2026〕第3号 or 2026-3)."""

from __future__ import annotations

import json

from .. import export_names, labels
from ..errors import ValidationError
from ._common import OUT_HELP, choice_arg, date_arg, member_arg, show_or_set


def register(subparsers) -> None:
    transfers = subparsers.add_parser("transfers", help="组织关系转接：转出、转入、介绍信与回执")
    actions = transfers.add_subparsers(dest="transfers_action", metavar="操作", required=True)

    listing = actions.add_parser("list", help="列出组织关系转接：介绍信编号、日期、去向、回执")
    listing.add_argument("--year", type=int, help="年度")
    listing.add_argument("--direction", help="转出或转入")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(handler=run_list)

    out = actions.add_parser("out", help="登记组织关系转出，给出介绍信编号；党员自转接日期起为「已转出」")
    out.add_argument("name", help="党员姓名")
    _common_options(out)
    out.add_argument("--to", required=True, help="转往党组织（介绍信抬头）")
    out.add_argument("--from", dest="from_org", help="原所在党组织（默认本支部）")
    out.add_argument("--dues-to", help="党费交到哪个月，例如 2026-10（默认按党费台账）")
    out.set_defaults(handler=run_out)

    come = actions.add_parser("in", help="登记组织关系转入：名册中已转出的党员转回，或新党员（须写身份证号码和入党日期）")
    come.add_argument("name", help="党员姓名")
    _common_options(come)
    come.add_argument("--from", dest="from_org", required=True, help="原所在党组织")
    come.add_argument("--to", help="转入党组织（默认本支部）")
    come.add_argument("--letter", default="", help="对方介绍信编号")
    come.add_argument("--id-number", help="新转入党员的公民身份号码")
    come.add_argument("--joined", help="新转入党员的入党日期")
    come.add_argument("--full-on", help="新转入党员的转正日期（预备党员不写）")
    come.add_argument("--ethnicity", default="汉族", help="民族（默认汉族）")
    come.add_argument("--phone", default="", help="联系电话")
    come.set_defaults(handler=run_in)

    receipt = actions.add_parser("receipt", help="登记介绍信回执收到（转入：寄回）的日期")
    receipt.add_argument("letter", help="介绍信编号，例如 〔2026〕第3号 或 2026-3；转入的写转接记录号 #12")
    receipt.add_argument("--on", help="回执日期（默认今天）")
    receipt.add_argument("--clear", action="store_true", help="清除误登记的回执日期")
    receipt.set_defaults(handler=run_receipt)

    cancel = actions.add_parser("cancel", help="撤销一次转接（介绍信作废或登记错误），恢复党员原来的状态")
    cancel.add_argument("letter", help="介绍信编号或转接记录号 #12")
    cancel.add_argument("--reason", required=True, help="撤销原因")
    cancel.set_defaults(handler=run_cancel)

    letter = actions.add_parser("letter", help="导出介绍信（存根、介绍信、回执）PDF")
    letter.add_argument("letter", help="介绍信编号")
    letter.add_argument("--full-id", action="store_true", help="印出完整的身份证号码（默认隐去出生日期）")
    letter.add_argument("--out", help=OUT_HELP)
    letter.set_defaults(handler=run_letter)

    period = actions.add_parser("receipt-months", help="查看或设定回执期限：介绍信开出几个月后仍无回执列入待办")
    period.add_argument("months", nargs="?", type=int, help="月数（1-12）")
    period.set_defaults(handler=run_receipt_months)

    away = subparsers.add_parser("away", help="流动党员：登记、列表、返回")
    steps = away.add_subparsers(dest="away_action", metavar="操作", required=True)
    listing = steps.add_parser("list", help="列出流动党员：地点、联系方式、流入地党组织、组织生活和党费方式")
    listing.add_argument("--all", action="store_true", help="也列出已返回的")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(handler=run_away_list)
    add = steps.add_parser("add", help="登记流动党员；党员自外出时间起为「流动党员」")
    add.add_argument("name", help="党员姓名")
    add.add_argument("--place", required=True, help="外出地点")
    add.add_argument("--since", required=True, help="外出时间")
    add.add_argument("--contact", default="", help="联系电话")
    add.add_argument("--host", default="", help="流入地党组织")
    add.add_argument("--life", help="参加组织生活的方式：" + "、".join(labels.AWAY_LIFE_WAYS.values()))
    add.add_argument("--life-note", default="", help="组织生活说明")
    add.add_argument("--dues", help="交纳党费的方式：" + "、".join(labels.AWAY_DUES_WAYS.values()))
    add.add_argument("--dues-note", default="", help="党费说明")
    add.set_defaults(handler=run_away_add)
    back = steps.add_parser("return", help="流动党员返回：自返回时间起恢复为正式（预备）党员")
    back.add_argument("name", help="党员姓名")
    back.add_argument("--on", help="返回时间（默认今天）")
    back.set_defaults(handler=run_away_return)


def _common_options(parser) -> None:
    parser.add_argument("--on", help="转接日期（默认今天）")
    parser.add_argument("--reason", help="转接原因：" + "、".join(labels.TRANSFER_REASONS.values()) + "（默认工作调动）")
    parser.add_argument("--reason-note", default="", help="原因说明（原因为「其他」时必填）")
    parser.add_argument("--scope", help="转接范围：" + "、".join(labels.TRANSFER_SCOPES_SHORT.values()) + "（默认县内）")
    parser.add_argument("--days", type=int, default=30, help="介绍信有效期（天，默认 30）")
    parser.add_argument("--note", default="", help="备注")


def _form(args, direction: str):
    from ..clock import today
    from ..transfers import TransferForm

    return TransferForm(
        direction=direction, moved_on=date_arg(args.on, "转接日期", today()),
        reason=choice_arg(args.reason, labels.TRANSFER_REASONS, "转接原因", "job"), reason_note=args.reason_note,
        scope=labels.key_for(labels.TRANSFER_SCOPES_SHORT, args.scope or "")
        or choice_arg(args.scope, labels.TRANSFER_SCOPES, "转接范围", "county"),
        valid_days=args.days, note=args.note)


def _own_org(archive) -> str:
    from ..meetings.paper_words import party_name

    return party_name(archive.branch.own().name)


def _transfer(archive, text: str):
    if text.startswith("#") and text[1:].isdigit():
        return archive.transfers.get(int(text[1:]))
    return archive.transfers.find_letter(text)


def run_list(args, ctx) -> int:
    from ..clock import today

    direction = choice_arg(args.direction, labels.TRANSFER_DIRECTIONS, "方向")
    with ctx.open_archive(read_only=True) as archive:
        records = archive.transfers.records(archive.transfers.ids(args.year, direction))
    day = today()
    if args.json:
        ctx.out(json.dumps([{
            "id": r.id, "direction": r.direction, "member": r.member_name, "moved_on": r.moved_on.isoformat(),
            "letter_no": r.letter_no, "from_org": r.from_org, "to_org": r.to_org, "reason": r.reason_label,
            "scope": r.scope_short, "receipt_on": r.receipt_on.isoformat() if r.receipt_on else None,
            "state": r.state(day), "state_label": r.state_label(day)} for r in records], ensure_ascii=False, indent=2))
        return 0
    if not records:
        ctx.out("没有组织关系转接记录。")
    for r in records:
        where = f"转往{r.to_org}" if r.direction == "out" else f"来自{r.from_org}"
        ctx.out(f"#{r.id}  {r.moved_on:%Y-%m-%d}  {r.direction_label}  {r.member_name}  {r.letter_no or '—'}  "
                f"{where}  {r.reason_label}  {r.scope_short}  {r.state_label(day)}"
                + (f"（{r.receipt_on:%Y-%m-%d}）" if r.receipt_on else ""))
    return 0


def run_out(args, ctx) -> int:
    from ..dues import months as mo

    with ctx.open_archive() as archive:
        member_id, _ = member_arg(archive, args.name, "党员", allow_other=False)
        form = _form(args, "out")
        form.member_id, form.to_org = member_id, args.to
        form.from_org = args.from_org or _own_org(archive)
        form.dues_paid_to = mo.parse(args.dues_to, "党费交到") if args.dues_to else None
        record = archive.transfers.get(archive.transfers.transfer_out(form))
    ctx.out(f"已登记组织关系转出：{record.member_name}，介绍信{record.letter_no}，自 {record.moved_on:%Y-%m-%d} 起为「已转出」。")
    return 0


def run_in(args, ctx) -> int:
    from ..roster.member_rules import MemberForm
    from ..text import clean_name

    with ctx.open_archive() as archive:
        form = _form(args, "in")
        form.from_org, form.to_org, form.letter_no = args.from_org, args.to or _own_org(archive), args.letter
        left = [i for i in archive.members.ids_named(args.name)
                if archive.members.get(i).status == "transferred"]
        if args.id_number or not left:
            if not args.id_number or not args.joined:
                raise ValidationError("id_number", "required",
                                      f"名册中没有已转出的「{clean_name(args.name)}」：新转入党员请写 --id-number 和 --joined。")
            full_on = date_arg(args.full_on, "转正日期")
            form.new_member = MemberForm(name=args.name, id_number=args.id_number, ethnicity=args.ethnicity,
                                         phone=args.phone, joined_on=date_arg(args.joined, "入党日期"), full_on=full_on,
                                         status="full" if full_on else "probationary")
        elif len(left) > 1:
            raise ValidationError("name", "ambiguous", f"名册中有 {len(left)} 名已转出的「{args.name}」，请在窗口中选择。")
        else:
            form.member_id = left[0]
        record = archive.transfers.get(archive.transfers.transfer_in(form))
    ctx.out(f"已登记组织关系转入：{record.member_name}（来自{record.from_org}），自 {record.moved_on:%Y-%m-%d} 起列入名册。")
    return 0


def run_receipt(args, ctx) -> int:
    from ..clock import today

    with ctx.open_archive() as archive:
        record = _transfer(archive, args.letter)
        day = None if args.clear else date_arg(args.on, "回执日期", today())
        archive.transfers.record_receipt(record.id, day)
    ctx.out(f"已清除{record.member_name}的回执日期。" if day is None
            else f"已登记{record.member_name}的介绍信回执：{day:%Y-%m-%d}。")
    return 0


def run_cancel(args, ctx) -> int:
    with ctx.open_archive() as archive:
        record = _transfer(archive, args.letter)
        archive.transfers.cancel(record.id, args.reason)
    ctx.out(f"已撤销{record.member_name}的组织关系{record.direction_label}，党员状态已恢复。")
    return 0


def run_letter(args, ctx) -> int:
    from ..papers import render
    from ..transfers.papers import letter_paper
    from ._common import out_path, report_paper

    with ctx.open_archive(read_only=True) as archive:
        record = _transfer(archive, args.letter)
        paper = letter_paper(archive, record.id, full_id=args.full_id)
        path = out_path(archive, args.out, export_names.transfer_letter(record.letter_no, record.member_name), ".pdf")
    report_paper(ctx, render(paper, path), "介绍信")
    return 0


def run_receipt_months(args, ctx) -> int:
    return show_or_set(ctx, args.months, lambda archive: archive.transfers.receipt_months(),
                       lambda archive, months: archive.transfers.set_receipt_months(months),
                       lambda months: f"回执期限：介绍信开出 {months} 个月后仍未收到回执，列入首页待办。")


def run_away_list(args, ctx) -> int:
    with ctx.open_archive(read_only=True) as archive:
        records = archive.away.records(archive.away.ids(open_only=not args.all))
    if args.json:
        ctx.out(json.dumps([{
            "id": r.id, "member": r.member_name, "place": r.place, "since": r.since.isoformat(),
            "until": r.until.isoformat() if r.until else None, "contact": r.contact_masked, "host_org": r.host_org,
            "life": r.life_label, "dues": r.dues_label} for r in records], ensure_ascii=False, indent=2))
        return 0
    if not records:
        ctx.out("没有流动党员。")
    for r in records:
        until = f"—{r.until:%Y-%m-%d}" if r.until else "起"
        ctx.out(f"{r.member_name}  {r.since:%Y-%m-%d}{until}  {r.place}  {r.contact_masked or '—'}  "
                f"流入地：{r.host_org or '—'}  组织生活：{r.life_label}  党费：{r.dues_label}")
    return 0


def run_away_add(args, ctx) -> int:
    from ..transfers import AwayForm

    with ctx.open_archive() as archive:
        member_id, name = member_arg(archive, args.name, "党员", allow_other=False)
        form = AwayForm(member_id, args.place, date_arg(args.since, "外出时间"), None, args.contact, args.host,
                        choice_arg(args.life, labels.AWAY_LIFE_WAYS, "组织生活方式", "host" if args.host else "written"),
                        args.life_note,
                        choice_arg(args.dues, labels.AWAY_DUES_WAYS, "党费交纳方式", "home_transfer"), args.dues_note)
        archive.away.add(form)
    ctx.out(f"已登记流动党员：{name}（{args.place}）。")
    return 0


def run_away_return(args, ctx) -> int:
    from ..clock import today

    with ctx.open_archive() as archive:
        member_id, name = member_arg(archive, args.name, "党员", allow_other=False)
        spell = archive.away.current().get(member_id)
        if spell is None:
            raise ValidationError("name", "not_away", f"{name}没有登记为流动党员（或已返回）。")
        archive.away.end(spell.id, date_arg(args.on, "返回时间", today()))
    ctx.out(f"已登记{name}返回，恢复为正式（预备）党员。")
    return 0
