"""What the upper level checks of a branch's history before a bundle may be imported:
every sealed record it carries still matches its seal, and its audit log continues
the one the branch's previous bundle carried (a log cut short, or recomputed after an
edit, no longer holds the previous bundle's last entry)."""

from __future__ import annotations

from ..bundle.errors import BundleRefused
from ..safety.seal_check import listed, verify_rows
from ..sealed_kinds import SEALED_KINDS
from .store import fetch_one


class SealBroken(BundleRefused):
    code = "seal_broken"


class HistoryRewritten(BundleRefused):
    code = "history_rewritten"


def audit_head(tables: dict[str, list[dict]]) -> tuple[int, str]:
    """(entries, hash of the last entry) of the audit log a bundle carries."""
    entries = tables.get("audit_log", [])
    if not entries:
        return 0, ""
    last = max(entries, key=lambda row: row.get("seq", 0))
    return len(entries), str(last.get("entry_hash", ""))


def check_history(db, verified, path, name: str) -> None:
    """Raise when the bundle's records break a seal or rewrite the branch's history."""
    tables = verified.records.tables
    broken = verify_rows(tables, SEALED_KINDS)
    if broken:
        raise SealBroken(
            f"「{name}」的数据包 {path.name} 中有已上报的记录与封存校验值不符（{listed(broken)}）："
            "这些记录在支部的程序之外被改动过。不能导入；请与该支部核对，让其从备份恢复后重新导出。"
        )
    entries, head = audit_head(tables)
    manifest = verified.manifest
    if (manifest.get("audit_entries"), manifest.get("audit_head_hash")) not in ((entries, head), (None, None)):
        raise HistoryRewritten(
            f"「{name}」的数据包 {path.name} 中的操作日志与数据包清单记载的不一致，不能导入。请让该支部重新导出。"
        )
    previous = fetch_one(
        db,
        "SELECT b.sequence, b.audit_entries, b.audit_head_hash FROM upper_bundle b "
        "JOIN upper_branch r ON r.id = b.branch_id WHERE r.branch_uid = ? AND b.audit_head_hash <> '' "
        "ORDER BY b.sequence DESC LIMIT 1",
        (verified.branch_uid,),
    )
    if previous is None or previous[0] >= verified.sequence:
        return  # the first bundle with a known head, or an older bundle arriving late
    sequence, before_entries, before_head = previous
    carried = {row.get("seq"): row.get("entry_hash") for row in tables.get("audit_log", [])}
    if entries < before_entries or carried.get(before_entries) != before_head:
        shorter = entries < before_entries
        raise HistoryRewritten(
            f"「{name}」的数据包 {path.name} 中的操作日志没有接续第 {sequence} 号数据包："
            + (f"那时已有 {before_entries} 条，现在只有 {entries} 条，末尾的记录被删除了。" if shorter
               else f"第 {before_entries} 条与上次收到的不同，日志被改写过。")
            + "不能导入；请与该支部核对，让其从备份恢复后重新导出。"
        )
