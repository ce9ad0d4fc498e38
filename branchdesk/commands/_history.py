"""``members show NAME`` and ``audit list``: the history the archive keeps, read back
from the command line (the window shows the same on the 党员 page and 档案 → 操作记录)."""

from __future__ import annotations

import json

from .. import clock
from ..labels import ACTIVE_STATUSES
from ._common import choice_arg, date_arg, member_arg


def run_members_show(args, ctx) -> int:
    from ..roster.history import change_dict, change_line

    with ctx.open_archive() as archive:
        member_id, _name = member_arg(archive, args.name, "姓名", allow_other=False)
        record = archive.members.get(member_id)
        history = archive.members.status_history(member_id)
        transfers = archive.transfers.of_member(member_id)
        spells = archive.away.of_member(member_id)
        praised = archive.honours.commendations(member_id=member_id)
        punished = archive.honours.disciplines(member_id=member_id)
        warnings = archive.honours.warnings(member_id)
    facts = [
        ("姓名", record.name), ("性别", record.gender_label), ("公民身份号码", record.masked_id),
        ("党员状态", record.status_label), ("入党日期", record.joined_on.isoformat()),
        ("转正日期", record.full_on.isoformat() if record.full_on else "—"), ("党小组", record.group_name or "未分组"),
        ("联系电话", record.phone or "—"), ("工作岗位", record.job or "—"),
    ]
    if args.json:
        ctx.out(json.dumps({
            "name": record.name, "gender": record.gender_label, "id_number": record.masked_id,
            "status": record.status, "status_label": record.status_label, "in_roster": record.status in ACTIVE_STATUSES,
            "joined_on": record.joined_on.isoformat(), "full_on": record.full_on.isoformat() if record.full_on else None,
            "group": record.group_name, "phone": record.phone, "job": record.job,
            "status_history": [change_dict(change) for change in history],
        }, ensure_ascii=False, indent=2))
        return 0
    for label, value in facts:
        ctx.out(f"{label}：{value}")
    ctx.out(f"党员状态变化（{len(history)} 次）：")
    for change in history:
        ctx.out("  " + change_line(change))
    # the transfers and spells away behind those changes (docs/domain.md §16)
    for t in transfers:
        letter = f"，介绍信{t.letter_no}" if t.letter_no else ""
        ctx.out(f"组织关系{t.direction_label}：{t.moved_on:%Y-%m-%d}，{t.from_org} → {t.to_org}{letter}，{t.state_label(clock.today())}")
    for spell in spells:
        ctx.out(f"流动党员：{spell.summary()}（{spell.since:%Y-%m-%d}" + (f"—{spell.until:%Y-%m-%d}）" if spell.until else "起）"))
    # 奖惩 (docs/domain.md §17): the facts of a 处分 only through ``honours list --facts``
    for c in praised:
        ctx.out(f"表彰：{c.granted_on:%Y-%m-%d} {c.title}（{c.granted_by}）")
    for d in punished:
        ctx.out(f"{d.kind_label}：{d.decided_on:%Y-%m-%d}（{d.decided_by}）")
    for warning in warnings:
        ctx.out(f"注意：{warning}")
    return 0


def run_audit_list(args, ctx) -> int:
    from ..safety.audit_query import RECORD_KINDS, AuditFilter, action_label, entry_dict, kind_label

    chosen = AuditFilter(
        kind=choice_arg(args.kind, RECORD_KINDS, "记录类别") or "",
        text=args.text or "",
        date_from=date_arg(args.date_from, "开始日期"),
        date_to=date_arg(args.date_to, "结束日期"),
    ).checked()
    with ctx.open_archive(require_branch=False) as archive:
        total = archive.audit.count_matching(chosen)
        entries = archive.audit.matching(chosen, 0, args.limit)
        report = archive.audit.verify()
    if args.json:
        ctx.out(json.dumps({"total": total, "verified": report.as_dict(), "verification": report.message(),
                            "entries": [entry_dict(e) for e in entries]}, ensure_ascii=False, indent=2))
        return 0 if report.ok else 1
    for entry in entries:
        kind = kind_label(entry.record_table) if entry.record_table else "—"
        ctx.out(f"{entry.seq}\t{entry.at}\t{entry.actor}\t{action_label(entry.action)}\t{kind}\t{entry.summary}")
    if not total:
        ctx.out(f"没有符合条件的操作记录。{report.message()}")
    elif len(entries) < total:
        ctx.out(f"符合条件的操作记录 {total} 条，列出了最新的 {len(entries)} 条（--limit 可改）。{report.message()}")
    else:
        ctx.out(f"符合条件的操作记录 {total} 条（最新的在前）。{report.message()}")
    return 0 if report.ok else 1  # a broken chain is said above and fails the command
