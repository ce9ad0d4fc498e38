"""``members file NAME``: the 党员档案 of one member for a year (roster/member_file.py,
docs/domain.md §19) — attendance, 党费, talks, 民主评议, 联系群众, 志愿服务, status history,
transfers, 表彰 and 处分 (the facts only with ``--facts`` and the app password)."""

from __future__ import annotations

import json

from . import _app_password
from ._common import member_arg


def register(actions) -> None:
    file = actions.add_parser("file", help="党员档案：一名党员一年的组织生活、党费、谈心谈话、评议、联系群众、志愿服务、奖惩")
    file.add_argument("name", help="姓名")
    file.add_argument("--year", type=int, help="年度（默认今年）")
    file.add_argument("--facts", action="store_true", help="显示处分的主要事实（需要应用密码）")
    _app_password.add_option(file)
    file.add_argument("--json", action="store_true", help="以 JSON 输出")
    file.add_argument("--pdf", metavar="OUT", help="另存为 PDF（文件或文件夹）")
    file.set_defaults(handler=run_members_file)


def run_members_file(args, ctx) -> int:
    from ..roster.history import change_line
    from ..roster.member_file import member_file

    with ctx.open_archive(read_only=True) as archive:
        member_id, _ = member_arg(archive, args.name, "党员", allow_other=False)
        if member_id is None:
            from ..errors import ValidationError

            raise ValidationError("name", "missing", f"名册中没有「{args.name}」，请核对姓名。")
        if args.facts:
            _app_password.require(archive, args, "显示处分事实")
        got = member_file(archive, member_id, args.year)
        if args.pdf:
            from .. import export_names
            from ..papers import render
            from ..roster.member_file_paper import member_file_paper
            from ._common import out_path

            path = out_path(archive, args.pdf, export_names.member_file(got.member.name, got.year), ".pdf")
            render(member_file_paper(archive, got, facts=args.facts), path)
            ctx.out(f"已导出党员档案：{path}")
            return 0
    m = got.member
    if args.json:
        ctx.out(json.dumps({
            "member": m.name, "year": got.year, "status": m.status_label, "figures": got.figures(),
            "meetings": [{"held_on": x.held_on.isoformat(), "kind": x.kind_label, "title": x.title,
                          "status": x.status, "reason": x.reason} for x in got.meetings],
            "dues": [{"month": x.month.month, "state": x.dues, "paid_yuan": x.paid_fen / 100} for x in got.dues_months],
            "warnings": got.warnings,
            "disciplines": [{"kind": d.kind_label, "decided_on": d.decided_on.isoformat(),
                             "facts": d.facts_shown(args.facts)} for d in got.disciplines],
        }, ensure_ascii=False, indent=2))
        return 0
    f = got.figures()
    out = ctx.out
    out(f"{m.name}　{got.year}年度党员档案（{m.status_label}，入党 {m.joined_on:%Y-%m-%d}）")
    for warning in got.warnings:
        out(f"！{warning}")
    out(f"组织生活：应参加 {f['meetings_due']} 次，出席 {f['meetings_present']} 次，缺席 {f['meetings_absent']} 次")
    for x in got.meetings:
        if x.status == "absent":
            out(f"  缺席 {x.held_on:%Y-%m-%d} {x.title}：{x.reason}")
    out(f"党费：交纳 {f['dues_months_paid']} 个月，共 {f['dues_paid_yuan']:.2f} 元；欠交 {f['dues_months_owed']} 个月")
    out(f"谈心谈话：{len(got.talks)} 次" + ("（" + "、".join(f"{t.talked_on:%m-%d}与{t.other}" for t in got.talks) + "）"
                                       if got.talks else ""))
    out(f"民主评议：{got.grade or '本年度无评定'}")
    out(f"联系群众：联系户 {got.households} 户，本年走访 {got.visits} 次")
    out(f"志愿服务：{got.service_activities} 次，{got.service_hours:g} 小时")
    out("党员状态变化：" + ("；".join(change_line(c) for c in got.history) or "无"))
    for t in got.transfers:
        out(f"组织关系{t.direction_label}：{t.moved_on:%Y-%m-%d} {t.letter_no or ''}")
    for a in got.away:
        out(f"流动：{a.summary()}")
    for c in got.commendations:
        out(f"表彰：{c.granted_on:%Y-%m-%d} {c.title}（{c.granted_by}）")
    for d in got.disciplines:
        out(f"{d.kind_label}：{d.decided_on:%Y-%m-%d} {d.decided_by} {d.facts_shown(args.facts)}")
    return 0
