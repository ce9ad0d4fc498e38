"""``backup``, ``backups list``, ``restore``, ``check``, ``audit verify`` and ``audit list``: keeping
the records safe from the command line. Exit codes: 0 ok, 1 a problem (Chinese
message on stderr), 2 usage."""

from __future__ import annotations

import json
import sys
import time

from ..labels import backup_reason_label


def register(subparsers) -> None:
    backup = subparsers.add_parser("backup", help="立即备份档案库（可备份到 U 盘，写入后读回校验）")
    backup.add_argument("--to", metavar="DIR", help="备份到这个文件夹（如 U 盘），默认档案库的 backups 文件夹")
    backup.set_defaults(handler=run_backup)

    backups = subparsers.add_parser("backups", help="备份列表")
    actions = backups.add_subparsers(dest="backups_action", metavar="操作", required=True)
    listing = actions.add_parser("list", help="列出档案库 backups 文件夹里的备份，最新的在前")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.add_argument("--verify", action="store_true", help="逐个做完整性检查")
    listing.set_defaults(handler=run_backups_list)

    restore = subparsers.add_parser("restore", help="从备份文件恢复（先校验；原档案库保留，不删除）")
    restore.add_argument("file", help="备份文件 .sqlite3")
    restore.add_argument("--take-over", action="store_true", help="接管一个确认已不在使用的锁（停电后）")
    restore.set_defaults(handler=run_restore)

    check = subparsers.add_parser("check", help="检查档案库：完整性、版本、备份、锁、操作日志")
    check.add_argument("--json", action="store_true", help="以 JSON 输出")
    check.set_defaults(handler=run_check)

    audit = subparsers.add_parser("audit", help="操作日志")
    audit_actions = audit.add_subparsers(dest="audit_action", metavar="操作", required=True)
    verify = audit_actions.add_parser("verify", help="逐条校验操作日志的哈希链")
    verify.add_argument("--json", action="store_true", help="以 JSON 输出")
    verify.set_defaults(handler=run_audit_verify)
    from ._history import run_audit_list

    listing = audit_actions.add_parser("list", help="查看操作记录（最新的在前），可按类别、文字、日期筛选")
    listing.add_argument("--from", dest="date_from", metavar="日期", help="从这一天起，如 2026-01-01")
    listing.add_argument("--to", dest="date_to", metavar="日期", help="到这一天止（含当天）")
    listing.add_argument("--kind", metavar="类别", help="记录类别，如 党员、会议记录、党费交纳")
    listing.add_argument("--text", metavar="文字", help="查找姓名、操作人或内容里的文字")
    listing.add_argument("--limit", type=int, default=200, metavar="条数", help="最多列出多少条（默认 200）")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出（含校验结果）")
    listing.set_defaults(handler=run_audit_list)


def _err(text: str) -> None:
    print(f"错误：{text}", file=sys.stderr)


def run_backup(args, ctx) -> int:
    # Reading is enough: a backup works while the window holds the archive.
    started = time.perf_counter()
    with ctx.open_archive(read_only=False, require_branch=False) as archive:
        path = archive.backup_to(args.to)
    size = path.stat().st_size
    ctx.out(f"备份完成：{path}（{size / 1024:.0f} KB，用时 {time.perf_counter() - started:.2f} 秒，已读回校验）")
    return 0


def run_backups_list(args, ctx) -> int:
    from .. import paths
    from ..safety.backup import verify_backup
    from ..safety.rotation import list_backups

    layout = paths.ArchiveLayout(paths.data_dir(ctx.data_dir))
    found = list_backups(layout.backups)
    rows = []
    for backup in found:
        row = backup.as_dict()
        if args.verify:
            row["problem"] = verify_backup(backup.path)
        rows.append(row)
    if args.json:
        ctx.out(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        ctx.out(f"{layout.backups} 中还没有备份。运行 branchdesk backup 立即备份。")
        return 0
    for row in rows:
        state = ""
        if args.verify:
            state = "  校验通过" if not row["problem"] else f"  有问题：{row['problem']}"
        ctx.out(f"{row['taken_at']}  {backup_reason_label(row['reason']):<8}  {row['size'] / 1024:>8.0f} KB  {row['path']}{state}")
    return 0 if not any(r.get("problem") for r in rows) else 1


def run_restore(args, ctx) -> int:
    from ..safety.restore import restore

    result = restore(ctx.data_dir, args.file, ctx.db_url, take_over_lock=args.take_over)
    ctx.out(result.message())
    return 0


def run_check(args, ctx) -> int:
    from ..archive import health_report_for

    facts = health_report_for(ctx.data_dir, ctx.db_url)
    if args.json:
        ctx.out(json.dumps(facts, ensure_ascii=False, indent=2, default=str))
    else:
        for line in facts["summary"]:
            ctx.out(line)
    if not facts["ok"]:
        _err("检查发现问题，详见上面的说明。")
        return 1
    return 0


def run_audit_verify(args, ctx) -> int:
    with ctx.open_archive(read_only=True, require_branch=False) as archive:
        report = archive.audit.verify()
    if args.json:
        ctx.out(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    if report.ok:
        if not args.json:
            ctx.out(report.message())
        return 0
    _err(report.message())
    return 1
