"""Facts about an archive's health, for ``branchdesk check`` and the home page."""

from __future__ import annotations

from . import __version__
from .storage import database as storage_db
from .storage import migrate


def check_report(archive) -> dict:
    """Integrity, schema version and counts; ``ok`` is False when something is wrong."""
    db = archive.db
    if storage_db.is_postgres(db):
        integrity = "ok"  # PostgreSQL checks its own pages; a query that runs is our check
        db.execute_sql("SELECT 1").fetchone()
    else:
        integrity = db.execute_sql("PRAGMA integrity_check").fetchone()[0]
    version = migrate.current_version(db)
    branch = archive.branch.own_or_none()
    members = archive.members.count() if branch else 0
    ok = integrity == "ok" and version == migrate.latest_version()
    summary = [
        f"档案库：{archive.location}",
        f"数据库：{archive.engine}，结构版本 {version}（程序 {__version__} 支持 {migrate.latest_version()}）",
        f"完整性检查：{'通过' if integrity == 'ok' else '未通过：' + integrity}",
        f"支部：{branch.name if branch else '尚未建立'}；在册党员 {members} 名",
    ]
    return {
        "ok": ok,
        "location": archive.location,
        "engine": archive.engine,
        "schema_version": version,
        "supported_version": migrate.latest_version(),
        "integrity": integrity,
        "branch": branch.name if branch else None,
        "active_members": members,
        "summary": summary,
    }
