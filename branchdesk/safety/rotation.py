"""Automatic backups and their rotation: the last few, then one a day for a week,
one a week for a month, one a month for a year (each number an archive setting).

The rotation never trusts the clock to decide what is old: the daily, weekly and
monthly tiers count the days, weeks and months that *have* backups (the newest of each
is kept), so a clock that jumps years ahead, or a pause of months, cannot make the whole
history look expired. Backups dated in the future (a clock that was wrong) are never
removed and are reported; the file just written is never removed; ``pre-*`` backups
(before an upgrade, an import, a restore) are kept for at least 30 days.

Automatic backups are taken when the archive opens (if the newest is older than
``backup.auto_interval_hours``) and when it closes after changes; backups before a
migration, an import or a restore go to the same folder and rotate with them.
Backups the user made by hand (reason ``manual``) are never removed.

An upper-level archive (上级汇总, a county's hundreds of branches) is protected per
import (upper/undo.py), so its whole-archive copies are daily, not per session: at
close only when one is due as at open, and kept as the last 3 (``UPPER_RETENTION``, unless
the setting was chosen), so ``backups/`` stays a few times the archive. On PostgreSQL its
whole-archive backup is the server's (``pg_dump``, docs/reliability.md promise 4): no
automatic copy into a SQLite file at open or close (issue 18).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import namedtuple
from pathlib import Path

from .. import clock
from ..patterns import compile_on_use
from ..text import quoted
from .backup import SUFFIX, take_backup

log = logging.getLogger(__name__)

_NAME = compile_on_use(r"^branchdesk-(\d{8}-\d{6})-(.+)" + re.escape(SUFFIX) + "$")
KEPT_REASONS = ("manual",)
# Fewer than this and one bad backup plus one bad day leaves nothing to go back to.
MIN_KEEP_LAST = 3
PRE_STEP_PREFIX = "pre-"
PRE_STEP_DAYS = 30

DEFAULT_RETENTION = {"keep_last": 5, "daily_days": 7, "weekly_weeks": 5, "monthly_months": 12}
UPPER_RETENTION = {"keep_last": MIN_KEEP_LAST, "daily_days": 0, "weekly_weeks": 0, "monthly_months": 0}
DEFAULT_INTERVAL_HOURS = 24
DEFAULT_WARN_AFTER_DAYS = 7


# A named tuple, not a frozen dataclass: each of those cost ~0.5 ms of every start (issue 18).
class RetentionPolicy(namedtuple("RetentionPolicy", "keep_last daily_days weekly_weeks monthly_months",
                                 defaults=(5, 7, 5, 12))):
    """How many automatic backups to keep: the last ``keep_last``, then one a day for
    ``daily_days``, one a week for ``weekly_weeks``, one a month for ``monthly_months``."""

    __slots__ = ()

    @classmethod
    def from_setting(cls, value: dict | None) -> RetentionPolicy:
        """The policy of a stored setting; a value stored by an older version below the
        minimum is raised to it (never trusted to delete more)."""
        merged = dict(DEFAULT_RETENTION) | {k: v for k, v in (value or {}).items() if k in DEFAULT_RETENTION}
        numbers = {k: max(0, int(v)) for k, v in merged.items()}
        numbers["keep_last"] = max(MIN_KEEP_LAST, numbers["keep_last"])
        return cls(**numbers)

    def describe(self) -> str:
        tiers = [text for count, text in (
            (self.daily_days, f"{self.daily_days} 天内每天 1 份"), (self.weekly_weeks, f"{self.weekly_weeks} 周内每周 1 份"),
            (self.monthly_months, f"{self.monthly_months} 个月内每月 1 份"),
        ) if count]  # an upper archive keeps none of these tiers (UPPER_RETENTION)
        return f"保留最近 {self.keep_last} 份" + "".join(f"，{t}" for t in tiers) + "；手动备份不自动删除。"


# A named tuple, not a frozen dataclass: each of those cost ~0.5 ms of every start (issue 18).
class BackupInfo(namedtuple("BackupInfo", "path taken_at reason size")):
    """One backup file: its ``path``, when it was taken (``dt.datetime``, from its name),
    the ``reason`` in its name ("auto", "manual", "pre-…") and its ``size`` in bytes."""

    __slots__ = ()

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
        stamp = match.group(1)  # YYYYmmdd-HHMMSS, digits by _NAME
        try:
            # not strptime: its first call imports _strptime and compiles its patterns, ~10 ms
            # of every window start and command (docs/tech-notes.md "Window start")
            taken = dt.datetime(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8]),
                                int(stamp[9:11]), int(stamp[11:13]), int(stamp[13:15]))
        except ValueError:
            continue
        reason = re.sub(r"-\d+$", "", match.group(2))
        found.append(BackupInfo(path, taken, reason, path.stat().st_size))
    found.sort(key=lambda b: (b.taken_at, b.path.name), reverse=True)
    return found


RETENTION_LABELS = {
    "keep_last": "保留最近的备份份数",
    "daily_days": "每天保留一份的天数",
    "weekly_weeks": "每周保留一份的周数",
    "monthly_months": "每月保留一份的月数",
}


def validate_retention(value) -> dict:
    """The retention setting as stored, or ValidationError naming the field and the fix."""
    from ..errors import ValidationError

    if not isinstance(value, dict):
        raise ValidationError("backup.retention", "type", "备份保留规则格式不对，请在设置页重新填写。")
    cleaned = dict(DEFAULT_RETENTION)
    for key, number in value.items():
        if key not in DEFAULT_RETENTION:
            raise ValidationError("backup.retention", "unknown", f"备份保留规则中没有{quoted(key, '「」')}这一项。")
        if isinstance(number, bool) or not isinstance(number, int) or not 0 <= number <= 1000:
            raise ValidationError(key, "range", f"「{RETENTION_LABELS[key]}」应是 0 到 1000 之间的整数。")
        cleaned[key] = number
    if cleaned["keep_last"] < MIN_KEEP_LAST:
        raise ValidationError(
            "keep_last", "too_few",
            f"「{RETENTION_LABELS['keep_last']}」至少为 {MIN_KEEP_LAST} 份：只留一两份时，"
            "一次坏的备份就可能让档案库无处可退。请改为 3 或更多。",
        )
    return cleaned


def to_prune(
    backups: list[BackupInfo], policy: RetentionPolicy, now: dt.datetime, just_written: Path | None = None
) -> list[BackupInfo]:
    """The automatic backups the policy no longer keeps (``backups`` in any order).

    Kept: the file just written; every backup dated after ``now`` (wrong clock); the
    last ``keep_last``; the newest backup of each of the newest ``daily_days`` days,
    ``weekly_weeks`` weeks and ``monthly_months`` months that have backups (counted
    among the backups before the one just written, not back from the clock); ``pre-*``
    backups younger than 30 days. Manual backups are never in the list."""
    just = Path(just_written) if just_written is not None else None
    rotating = sorted(
        (b for b in backups if b.automatic), key=lambda b: (b.path == just, b.taken_at, b.path.name), reverse=True
    )
    past = [b for b in rotating if b.taken_at <= now or b.path == just]
    keep = {b.path for b in rotating if b.taken_at > now} | {b.path for b in past[: policy.keep_last]}
    earlier = [b for b in past if b.path != just]
    # "Young" is measured from the newest earlier backup too when the clock has jumped ahead.
    reference = min(now, earlier[0].taken_at + dt.timedelta(days=1)) if earlier else now
    tiers = (
        (policy.daily_days, lambda day: day),
        (policy.weekly_weeks, lambda day: day - dt.timedelta(days=day.weekday())),
        (policy.monthly_months, lambda day: (day.year, day.month)),
    )
    for limit, period_of in tiers:
        seen: set = set()
        for backup in earlier:  # newest first: the first of each period is the one kept
            period = period_of(backup.taken_at.date())
            if period in seen:
                continue
            if len(seen) >= limit:
                break
            seen.add(period)
            keep.add(backup.path)
    for backup in past:
        if backup.reason.startswith(PRE_STEP_PREFIX) and reference - backup.taken_at < dt.timedelta(days=PRE_STEP_DAYS):
            keep.add(backup.path)
    return [b for b in past if b.path not in keep]


def future_dated(backups: list[BackupInfo], now: dt.datetime | None = None) -> list[BackupInfo]:
    """Backups whose names carry a time after ``now``: the PC clock was (or is) wrong."""
    now = now or clock.now()
    return [b for b in backups if b.taken_at > now]


def policy_of(archive) -> RetentionPolicy:
    """The archive's chosen rotation; unchosen, an upper archive keeps ``UPPER_RETENTION``."""
    from ..upper.mode import UPPER, stored_setting

    chosen = stored_setting(archive, "backup.retention")
    if chosen is None and archive.mode == UPPER:
        chosen = UPPER_RETENTION
    return RetentionPolicy.from_setting(chosen if chosen is not None else DEFAULT_RETENTION)


def server_keeps_backups(archive) -> bool:
    """A PostgreSQL upper archive: its whole-archive backup is the server's job."""
    return bool(archive.url) and archive.mode == "upper"


def backup_at_close_due(archive) -> bool:
    """A changed archive gets a backup at close; an upper archive only when one is due
    (daily, as at open) — its imports are protected one by one (upper/undo.py)."""
    if archive.mode != "upper":
        return True
    return not server_keeps_backups(archive) and auto_backup_due(archive)


def prune(archive, now: dt.datetime | None = None, just_written: Path | None = None) -> list[Path]:
    """Delete the automatic backups the archive's policy no longer keeps."""
    removed = []
    now = now or clock.now()
    backups = list_backups(archive.layout.backups)
    for backup in future_dated(backups, now):
        log.warning("backup %s is dated after now (%s): the clock may be wrong; it is kept", backup.path, now)
    for backup in to_prune(backups, policy_of(archive), now, just_written):
        try:
            backup.path.unlink()
            removed.append(backup.path)
        except OSError:
            pass  # a backup that cannot be removed now is tried again next time
    return removed


def backup_and_rotate(archive, reason: str) -> Path:
    """A backup into the archive's folder, then the rotation (used for every automatic backup)."""
    path = take_backup(archive, reason=reason)
    prune(archive, just_written=path)
    return path


def auto_backup_due(archive, now: dt.datetime | None = None) -> bool:
    """True when no backup dated up to now is younger than the interval (a backup dated
    in the future says nothing about now: it does not count)."""
    now = now or clock.now()
    hours = float(archive.settings.get("backup.auto_interval_hours", DEFAULT_INTERVAL_HOURS))
    newest = next((b for b in list_backups(archive.layout.backups) if b.taken_at <= now), None)
    return newest is None or newest.age(now) >= dt.timedelta(hours=hours)


def last_backup(archive, now: dt.datetime | None = None) -> BackupInfo | None:
    """The newest backup not dated in the future, in the archive's folder or (as
    recorded) on a USB stick."""
    now = now or clock.now()
    candidates = [b for b in list_backups(archive.layout.backups) if b.taken_at <= now][:1]
    external = archive.settings.get("backup.last_external")
    if external:
        path = Path(external["path"])
        taken = dt.datetime.fromisoformat(external["at"])
        if taken <= now:
            candidates.append(BackupInfo(path, taken, "manual", path.stat().st_size if path.exists() else 0))
    return max(candidates, key=lambda b: b.taken_at, default=None)


def backup_age_warning(archive, now: dt.datetime | None = None) -> str:
    """A sentence for the home page when the last backup is old or missing, else ''
    (nothing for an archive whose server keeps the backups: BranchDesk cannot see them)."""
    if server_keeps_backups(archive):
        return ""
    now = now or clock.now()
    days = float(archive.settings.get("backup.warn_after_days", DEFAULT_WARN_AFTER_DAYS))
    future = future_dated(list_backups(archive.layout.backups), now)
    clock_note = ""
    if future:
        latest = max(b.taken_at for b in future)
        clock_note = (
            f"有 {len(future)} 份备份的时间晚于现在（最晚 {latest:%Y-%m-%d %H:%M}），电脑时钟可能不准或曾经不准。"
            "请核对电脑的日期和时间；这些备份不会被自动删除。"
        )
    newest = last_backup(archive, now)
    if newest is None:
        return "档案库还没有任何备份。请现在备份一次，最好再复制一份到 U 盘。" + clock_note
    age = newest.age(now)
    if age >= dt.timedelta(days=days):
        return f"上一次备份是 {age.days} 天前（{newest.taken_at:%Y-%m-%d %H:%M}）。请现在备份，并复制一份到 U 盘。" + clock_note
    return clock_note
