"""The history held against copies kept elsewhere: the backups.

The audit chain checks itself, and each seal checks its record, but someone with the
database file can cut the log's tail, recompute the whole chain after an edit, or rewrite
a record together with its seal and its audit entry: each is then whole again in itself.
The backups still hold what was there. So for every backup taken since the archive's last
restore: the log must still hold the backup's last entry at the same place, and every seal
in the backup must still be in the archive with the same hash (seals are only ever added).
A restore is taken as genuine only when the backup it made of the replaced database
(``pre-restore``) is there from the same minutes, or the very file it restored (name and
SHA-256 as its entry records them) is among the backups: a restore entry forged into the
log does not switch the comparison off. Reads the backups only."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from ..storage.database import connect_read_only
from .audit import TABLE, head
from .backup import sha256_file

# A genuine restore writes its audit entry within moments of the backup taken before it.
RESTORE_WINDOW = dt.timedelta(minutes=10)


@dataclass(frozen=True)
class BackupCopy:
    path: Path
    taken_at: dt.datetime
    reason: str


def problems(db, backups: list[BackupCopy]) -> list[str]:
    """What the archive's history lacks against its backups (newest first); [] if nothing."""
    restore = db.execute_sql(
        f"SELECT seq, entry_hash, at, detail FROM {TABLE} WHERE action = 'archive.restore' ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    found = []
    if restore is not None and not _genuine_restore(backups, restore[2], restore[3]):
        found.append(
            f"操作日志记有一次恢复（{str(restore[2])[:16]}），但没有那次恢复之前自动做的备份："
            "这条恢复记录可能是在程序之外加上的。请与上级核对。"
        )
        restore = None  # it proves nothing: compare with every backup
    seals = {(t, int(i)): h for t, i, h in db.execute_sql(
        "SELECT record_table, record_id, content_hash FROM record_seal").fetchall()}
    entries, _ = head(db)
    suspicious_restore = len(found)
    for backup in backups:
        copy = _read(backup.path, restore)
        if copy is None:
            continue  # unreadable (the backup check reports it), or taken before the last restore
        last, backup_seals = copy
        taken = backup.taken_at.isoformat(sep=" ")
        if last is not None:
            seq, backup_hash = last
            mine = db.execute_sql(f"SELECT entry_hash FROM {TABLE} WHERE seq = {db.param}", (seq,)).fetchone()
            if mine is None:
                found.append(f"操作日志比 {taken} 的备份还短：备份里有 {seq} 条，现在只有 {entries} 条。"
                             "末尾的条目在程序之外被删除了；请从该备份恢复或与上级核对。")
            elif mine[0] != backup_hash:
                found.append(f"操作日志的第 {seq} 条与 {taken} 的备份中的不同：日志在程序之外被改写过"
                             "（整条链的校验值可能被重新计算）。请从该备份恢复或与上级核对。")
        changed = sorted(key for key, digest in backup_seals.items() if seals.get(key) != digest)
        if changed:
            shown = "、".join(f"{table} 编号 {record_id}" for table, record_id in changed[:5])
            found.append(f"{len(changed)} 份已上报记录的封存校验值与 {taken} 的备份中的不同或已不见（{shown}）："
                         "记录连同封存在程序之外被改写过。请从该备份恢复或与上级核对。")
        if len(found) > suspicious_restore:
            break  # the newest backup that shows it is the one to name (a forged restore names none)
    return found


def _genuine_restore(backups: list[BackupCopy], restored_at, detail_text) -> bool:
    try:
        when = dt.datetime.fromisoformat(str(restored_at))
        detail = json.loads(detail_text or "{}")
    except ValueError:
        return False
    if any(b.reason.startswith("pre-restore") and abs(b.taken_at - when) <= RESTORE_WINDOW for b in backups):
        return True
    # A restore into an archive whose database was missing or damaged had nothing to back up.
    restored = [b.path for b in backups if b.path.name == detail.get("file")]
    return any(sha256_file(path) == detail.get("sha256") for path in restored)


def _read(path: Path, restore) -> tuple[tuple[int, str] | None, dict] | None:
    """(the backup's last log entry, its seals) — None when it cannot be read, or when it
    does not hold the archive's last restore entry (it was taken before that restore)."""
    try:
        conn = connect_read_only(path)
        try:
            if restore is not None:
                kept = conn.execute(f"SELECT entry_hash FROM {TABLE} WHERE seq = ?", (restore[0],)).fetchone()
                if kept is None or kept[0] != restore[1]:
                    return None
            last = conn.execute(f"SELECT seq, entry_hash FROM {TABLE} ORDER BY seq DESC LIMIT 1").fetchone()
            seals = {(t, int(i)): h for t, i, h in conn.execute(
                "SELECT record_table, record_id, content_hash FROM record_seal").fetchall()}
        finally:
            conn.close()
    except Exception:  # a damaged or foreign file anchors nothing
        return None
    return ((int(last[0]), last[1]) if last else None), seals
