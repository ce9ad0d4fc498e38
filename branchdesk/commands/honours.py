"""``honours …``: 奖惩 from the command line (docs/domain.md §17) — list the year's 表彰
and 处分, record a 表彰 or a 处分 (an 开除党籍 changes the member's status), correct or
delete one. The facts of a 处分 are printed only with ``--facts`` and the app password."""

from __future__ import annotations

import json

from .. import labels
from ..errors import ValidationError
from . import _app_password
from ._common import choice_arg, date_arg, member_arg

YEARS = {"一年": 1, "二年": 2, "1": 1, "2": 2, "两年": 2}


def register(subparsers) -> None:
    honours = subparsers.add_parser("honours", help="奖惩：表彰、党纪处分和组织处理")
    actions = honours.add_subparsers(dest="honours_action", metavar="操作", required=True)

    listing = actions.add_parser("list", help="列出表彰和处分（处分事实默认隐去）")
    listing.add_argument("--year", type=int, help="年度（默认全部）")
    listing.add_argument("--member", help="只列这名党员的")
    listing.add_argument("--facts", action="store_true", help="显示处分的主要事实（需要应用密码）")
    _app_password.add_option(listing)
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(handler=run_list)

    commend = actions.add_parser("commend", help="登记表彰")
    commend.add_argument("name", help="党员姓名")
    commend.add_argument("--kind", help="表彰类别：" + "、".join(labels.COMMENDATION_KINDS.values()) + "（默认优秀共产党员）")
    commend.add_argument("--title", default="", help="表彰名称（类别为「其他表彰」时必填）")
    commend.add_argument("--by", required=True, help="授予机关，例如 中共某某镇委员会")
    commend.add_argument("--on", help="表彰日期（默认今天）")
    commend.add_argument("--doc", default="", help="文号")
    commend.add_argument("--note", default="", help="备注")
    commend.set_defaults(handler=run_commend)

    punish = actions.add_parser("discipline", help="登记党纪处分或组织处理；开除党籍自决定日期起改变党员状态")
    punish.add_argument("name", help="党员姓名")
    punish.add_argument("--kind", required=True, help="种类：" + "、".join(labels.DISCIPLINE_KINDS.values()))
    punish.add_argument("--years", help="留党察看期限：一年或二年")
    punish.add_argument("--by", required=True, help="决定机关")
    punish.add_argument("--on", help="决定日期（默认今天）")
    punish.add_argument("--doc", default="", help="文号")
    punish.add_argument("--facts", default="", help="主要事实（敏感内容）")
    punish.set_defaults(handler=run_discipline)

    delete = actions.add_parser("delete", help="删除录入错误的表彰（#表彰号）或处分（!处分号）")
    delete.add_argument("record", help="表彰写 #3，处分写 !3（号码见 list）")
    delete.add_argument("--reason", default="", help="删除原因（删除处分时必填）")
    delete.set_defaults(handler=run_delete)


def run_list(args, ctx) -> int:
    with ctx.open_archive(read_only=True) as archive:
        member_id = member_arg(archive, args.member, "党员", allow_other=False)[0] if args.member else None
        if args.facts:
            _app_password.require(archive, args, "显示处分事实")
        praised = archive.honours.commendations(args.year, member_id)
        punished = archive.honours.disciplines(args.year, member_id)
    if args.json:
        ctx.out(json.dumps({
            "commendations": [{"id": r.id, "member": r.member_name, "kind": r.kind, "title": r.title,
                               "granted_by": r.granted_by, "granted_on": r.granted_on.isoformat(), "doc_no": r.doc_no}
                              for r in praised],
            "disciplines": [{"id": r.id, "member": r.member_name, "kind": r.kind, "label": r.kind_label,
                             "decided_by": r.decided_by, "decided_on": r.decided_on.isoformat(), "doc_no": r.doc_no,
                             "facts": r.facts_shown(args.facts)} for r in punished],
        }, ensure_ascii=False, indent=2))
        return 0
    ctx.out(f"表彰 {len(praised)} 项：" if praised else "没有表彰记录。")
    for r in praised:
        ctx.out(f"  #{r.id}  {r.granted_on:%Y-%m-%d}  {r.member_name}  {r.title}  {r.granted_by}  {r.doc_no or '—'}")
    ctx.out(f"处分和组织处理 {len(punished)} 项：" if punished else "没有处分记录。")
    for r in punished:
        ctx.out(f"  !{r.id}  {r.decided_on:%Y-%m-%d}  {r.member_name}  {r.kind_label}  {r.decided_by}  "
                f"{r.doc_no or '—'}  {r.facts_shown(args.facts)}")
    return 0


def run_commend(args, ctx) -> int:
    from ..clock import today
    from ..honours import CommendationForm

    with ctx.open_archive() as archive:
        member_id, name = member_arg(archive, args.name, "党员", allow_other=False)
        form = CommendationForm(member_id, choice_arg(args.kind, labels.COMMENDATION_KINDS, "表彰类别",
                                                      "excellent_member"),
                                args.title, args.by, date_arg(args.on, "表彰日期", today()), args.doc, args.note)
        record = archive.honours.commendation(archive.honours.commend(form))
    ctx.out(f"已登记表彰 #{record.id}：{name}（{record.title}，{record.granted_by}，{record.granted_on:%Y-%m-%d}）。")
    return 0


def run_discipline(args, ctx) -> int:
    from ..clock import today
    from ..honours import DisciplineForm

    years = None
    if args.years:
        years = YEARS.get(args.years.strip())
        if years is None:
            raise ValidationError("years", "choice", f"留党察看期限「{args.years}」无效，可选：一年、二年。")
    with ctx.open_archive() as archive:
        member_id, name = member_arg(archive, args.name, "党员", allow_other=False)
        form = DisciplineForm(member_id, choice_arg(args.kind, labels.DISCIPLINE_KINDS, "处分种类"), years, args.by,
                              date_arg(args.on, "决定日期", today()), args.doc, args.facts)
        record = archive.honours.discipline(archive.honours.discipline_add(form))
        status = archive.members.get(member_id).status_label
    ctx.out(f"已登记 !{record.id}：{name}{record.kind_label}（{record.decided_by}，{record.decided_on:%Y-%m-%d}）。"
            + (f"党员状态现为「{status}」。" if record.kind == "expulsion" else ""))
    return 0


def run_delete(args, ctx) -> int:
    text = args.record.strip()
    if len(text) < 2 or text[0] not in "#!" or not text[1:].isdigit():
        raise ValidationError("record", "format", f"「{text}」无法识别：表彰写 #3，处分写 !3（号码见 honours list）。")
    with ctx.open_archive() as archive:
        if text[0] == "#":
            record = archive.honours.commendation(int(text[1:]))
            archive.honours.delete_commendation(record.id)
            what = f"表彰：{record.member_name}（{record.title}）"
        else:
            record = archive.honours.discipline(int(text[1:]))
            archive.honours.delete_discipline(record.id, args.reason)
            what = f"{record.kind_label}：{record.member_name}"
    ctx.out(f"已删除{what}。")
    return 0
