"""Automatic backups and their rotation: the last few, then one a day for a week,
one a week for a month, one a month for a year (each number an archive setting).

Automatic backups are taken when the archive opens (if the newest is older than
``backup.auto_interval_hours``) and when it closes after changes; backups before a
migration, an import or a restore go to the same folder and rotate with them.
Backups the user made by hand (reason ``manual``) are never removed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from . import clock
from .backup import SUFFIX, take_backup

_NAME = re.compile(r"^branchdesk-(\d{8}-\d{6})-(.+)" + re.escape(SUFFIX) + "$")
KEPT_REASONS = ("manual",)

DEFAULT_RETENTION = {"keep_last": 5, "daily_days": 7, "weekly_weeks": 5, "monthly_months": 12}
DEFAULT_INTERVAL_HOURS = 24
DEFAULT_WARN_AFTER_DAYS = 7


@dataclass(frozen=True)
class RetentionPolicy:
    keep_last: int = 5
    daily_days: int = 7
    weekly_weeks: int = 5
    monthly_months: int = 12

    @classmethod
    def from_setting(cls, value: dict | None) -> RetentionPolicy:
        merged = dict(DEFAULT_RETENTION) | {k: v for k, v in (value or {}).items() if k in DEFAULT_RETENTION}
        return cls(**{k: max(0, int(v)) for k, v in merged.items()})

    def describe(self) -> str:
        return (
            f"保留最近 {self.keep_last} 份，{self.daily_days} 天内每天 1 份，"
            f"{self.weekly_weeks} 周内每周 1 份，{self.monthly_months} 个月内每月 1 份；手动备份不自动删除。"
        )


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime
    reason: str
    size: int

    @property
    def automatic(self) -> bool:
        return self.reason not in KEPT_REASONS

    def age(self, now: dt.datetime | None = None) -> dt.timedelta:
        return (now or clock.now()) - self.taken_at

    def as_dict(self, now: dt.datetime | None = None) -> dict:
        return {
            "path": str(self.path),
            "taken_at": self.taken_at.isoformat(sep=" "),
            "reason": self.reason,
            "size": self.size,
            "age_hours": round(self.age(now).total_seconds() / 3600, 2),
        }


def list_backups(folder: Path) -> list[BackupInfo]:
    """Backup files in ``folder``, newest first (temporary and foreign files ignored)."""
    found = []
    if not Path(folder).is_dir():
        return found
    for path in Path(folder).iterdir():
        match = _NAME.match(path.name)
        if not match or not path.is_file():
            continue
        try:
            taken = dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
        except ValueError:
            continue
        reason = re.sub(r"-\d+$", "", match.group(2))
        found.append(BackupInfo(path, taken, reason, path.stat().st_size))
    found.sort(key=lambda b: (b.taken_at, b.path.name), reverse=True)
    return found


def to_prune(backups: list[BackupInfo], policy: RetentionPolicy, now: dt.datetime) -> list[BackupInfo]:
    """The automatic backups the policy no longer keeps (``backups`` newest first)."""
    rotating = sorted((b for b in backups if b.automatic), key=lambda b: b.taken_at, reverse=True)
    keep = {b.path for b in rotating[: policy.keep_last]}
    today = now.date()
    this_monday = today - dt.timedelta(days=today.weekday())
    seen_days: set = set()
    seen_weeks: set = set()
    seen_months: set = set()
    for backup in rotating:  # newest first: the first of each period is the one kept
        day = backup.taken_at.date()
        if (today - day).days < policy.daily_days and day not in seen_days:
            seen_days.add(day)
            keep.add(backup.path)
        monday = day - dt.timedelta(days=day.weekday())
        if (this_monday - monday).days // 7 < policy.weekly_weeks and monday not in seen_weeks:
            seen_weeks.add(monday)
            keep.add(backup.path)
        month = (day.year, day.month)
        if (today.year * 12 + today.month) - (day.year * 12 + day.month) < policy.monthly_months and month not in seen_months:
            seen_months.add(month)
            keep.add(backup.path)
    return [b for b in rotating if b.path not in keep]


def policy_of(archive) -> RetentionPolicy:
    return RetentionPolicy.from_setting(archive.settings.get("backup.retention", DEFAULT_RETENTION))


def prune(archive, now: dt.datetime | None = None) -> list[Path]:
    """Delete the automatic backups the archive's policy no longer keeps."""
    removed = []
    for backup in to_prune(list_backups(archive.layout.backups), policy_of(archive), now or clock.now()):
        try:
            backup.path.unlink()
            removed.append(backup.path)
        except OSError:
            pass  # a backup that cannot be removed now is tried again next time
    return removed


def backup_and_rotate(archive, reason: str) -> Path:
    """A backup into the archive's folder, then the rotation (used for every automatic backup)."""
    path = take_backup(archive, reason=reason)
    prune(archive)
    return path


def auto_backup_due(archive, now: dt.datetime | None = None) -> bool:
    hours = float(archive.settings.get("backup.auto_interval_hours", DEFAULT_INTERVAL_HOURS))
    newest = next(iter(list_backups(archive.layout.backups)), None)
    return newest is None or newest.age(now) >= dt.timedelta(hours=hours)


def last_backup(archive) -> BackupInfo | None:
    """The newest backup, in the archive's folder or (as recorded) on a USB stick."""
    candidates = list_backups(archive.layout.backups)[:1]
    external = archive.settings.get("backup.last_external")
    if external:
        path = Path(external["path"])
        taken = dt.datetime.fromisoformat(external["at"])
        candidates.append(BackupInfo(path, taken, "manual", path.stat().st_size if path.exists() else 0))
    return max(candidates, key=lambda b: b.taken_at, default=None)


def backup_age_warning(archive, now: dt.datetime | None = None) -> str:
    """A sentence for the home page when the last backup is old or missing, else ''."""
    days = float(archive.settings.get("backup.warn_after_days", DEFAULT_WARN_AFTER_DAYS))
    newest = last_backup(archive)
    if newest is None:
        return "档案库还没有任何备份。请现在备份一次，最好再复制一份到 U 盘。"
    age = newest.age(now)
    if age >= dt.timedelta(days=days):
        return f"上一次备份是 {age.days} 天前（{newest.taken_at:%Y-%m-%d %H:%M}）。请现在备份，并复制一份到 U 盘。"
    return ""
