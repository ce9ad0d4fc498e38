"""The facade: ``Archive.open()`` connects, checks, migrates and hands out one
manager per record kind. Windows and the command line receive it explicitly."""

from __future__ import annotations

import logging
import os

import peewee

from . import paths
from .errors import BranchDeskError, ReadOnlyArchive, StorageError
from .made_on_use import Defaults, Manager, Reference
from .safety import audit as audit_mod
from .safety import backup_failure, leftovers, opening, owner_only, recovery
from .safety import lock as lock_mod
from .safety.archive_backups import ArchiveBackups
from .settings import CORE_DEFAULTS, SettingsManager
from .storage import binding, guards, migrate
from .storage import database as storage_db
from .storage.binding import ArchiveBound, bound_to

log = logging.getLogger(__name__)


def health_report_for(data_dir: str | os.PathLike | None = None, db_url: str | None = None) -> dict:
    """The facts of ``branchdesk check`` for an archive that may not even open; changes
    nothing (a missing or damaged file is reported without opening, the rest read-only)."""
    from .safety import health

    layout = paths.ArchiveLayout(paths.data_dir(data_dir))
    url = paths.db_url(db_url)
    if not url:
        recovery.roll_back_if_unlocked(layout)  # a creation cut off by a power cut
    facts = health.report_before_open(layout, url)
    if facts is not None:
        return facts
    try:
        archive = Archive.open(layout.root, url, read_only=True, check_health=False)
    except BranchDeskError as error:
        return health.failed_report(layout, "postgresql" if url else "sqlite", error.message())
    with archive:
        return archive.health_report()


# Each feature's setting defaults, declared here where the archive is assembled
# (docs/design.md rule 11): a value kept in its feature's module is named, not imported,
# and read from there the first time that setting is looked up without a stored value, so
# opening an archive loads no feature module and importing one never changes the table.
FEATURE_DEFAULTS = {
    "meetings.frequency": Reference("meetings.manager:DEFAULT_FREQUENCIES"),
    "meetings.theme_day_of_month": Reference("meetings.manager:DEFAULT_THEME_DAY"),
    "meetings.topic_templates": Reference("meetings.templates:DEFAULT_TEMPLATES"),
    "life.talk_rule": Reference("life.talks:DEFAULT_TALK_RULE"),
    "targets.inspection_frequency": Reference("targets.schedule:DEFAULT_FREQUENCY"),
    "targets.grace_days": Reference("targets.schedule:DEFAULT_GRACE_DAYS"),
    "targets.grade_thresholds": Reference("targets.grading:DEFAULT"),
    "yearbook.retention": Reference("yearbook.retention:DEFAULT_RETENTION"),
    "members.name_order": Reference("roster.name_order:DEFAULT_NAME_ORDER"),
    "dues.farmer_fen": Reference("dues.rates:DEFAULT_FARMER_FEN"),
    "recruit.publicity_days": Reference("recruit.papers:DEFAULT_PUBLICITY_DAYS"),
    "masses.contact_period": Reference("masses.rules:DEFAULT_CONTACT_PERIOD"),
    "masses.bundle_people": Reference("masses.rules:DEFAULT_BUNDLE_PEOPLE"),
    "study.makeup_days": Reference("study.rules:DEFAULT_MAKEUP_DAYS"),
    "study.report_period": Reference("study.rules:DEFAULT_REPORT_PERIOD"),
    "transfers.receipt_months": Reference("transfers.rules:DEFAULT_RECEIPT_MONTHS"),
}


def setting_defaults() -> dict:
    """Every archive setting's default: the core ones and each feature's (a fresh copy:
    a caller may change its own)."""
    return dict(_defaults())


def _defaults() -> Defaults:
    return Defaults(CORE_DEFAULTS | FEATURE_DEFAULTS)


class Archive(ArchiveBackups, ArchiveBound):
    """One archive: its folder, its own database connection (``db``) and its managers.

    Every method and property (and each manager's) runs its model queries on this
    archive's ``db`` (storage/binding.py), so several archives can be open at once. Its
    backups (before a risky step, manual, automatic at open and close) are the methods
    of safety/archive_backups.py."""

    _database_of = staticmethod(lambda archive: archive.db)

    # One manager per record kind, made (and its module imported) the first time it is
    # read: ``archive.members`` … A new feature adds one line here.
    audit = Manager("safety.audit:AuditLog")
    records = Manager("safety.sealing:RecordStates")
    access = Manager("safety.access:AccessManager")
    branch = Manager("branch:BranchManager")
    groups = Manager("roster.groups:GroupManager")
    members = Manager("roster.members:MemberManager")
    meetings = Manager("meetings:MeetingManager")
    life = Manager("life:LifeManager")
    talks = Manager("life:TalkManager")
    appraisal = Manager("life:AppraisalManager")
    rectification = Manager("life:RectificationManager")
    targets = Manager("targets:TargetsManager")
    dues = Manager("dues:DuesManager")
    recruit = Manager("recruit:RecruitManager")
    away = Manager("transfers:AwayRegister")
    transfers = Manager("transfers:TransferManager")
    honours = Manager("honours:HonoursManager")
    masses = Manager("masses:MassesManager")
    service = Manager("service:ServiceManager")
    openness = Manager("service:OpennessManager")
    verdicts = Manager("service:VerdictManager")
    election = Manager("election:ElectionManager")
    study = Manager("study:StudyManager")
    reports = Manager("study:ReportManager")
    # The branch's Ed25519 key that signs its bundles (made at init, or on first need).
    branch_key = Manager("bundle.keys:BranchKeyManager")
    # The upper level (上级汇总): refuses with a clear message on a branch archive.
    upper = Manager("upper:UpperManager")

    def __init__(
        self,
        layout: paths.ArchiveLayout,
        db: peewee.Database,
        url: str | None,
        read_only: bool,
        lock=None,
        lock_outcome: lock_mod.LockOutcome | None = None,
        read_only_reason: str = "",
    ):
        self.layout = layout
        self.db = db
        self._binding_tokens: list = []  # one per ``with archive:`` entered
        self.url = url
        self.read_only = read_only
        # The writer lock this archive holds (None when read-only).
        self.lock = lock
        # Who else holds the archive when this one opened read-only because of them.
        self.lock_holder: lock_mod.LockHolder | None = lock_outcome.holder if lock_outcome else None
        # A holder that had gone (power cut, crash) and whose lock was taken over.
        self.stale_lock: lock_mod.LockHolder | None = lock_outcome.stale if lock_outcome else None
        # Read-only because of a holder the user may push out (another PC, or gone).
        self._can_take_over = bool(lock_outcome and not lock_outcome.acquired and lock_outcome.can_take_over)
        if lock is not None:
            # Every write transaction first checks that this process still holds the lock.
            db.write_guard = lock.verify
        self.read_only_reason = read_only_reason if read_only else ""
        # Read-only because its folder cannot be written (a write-protected stick).
        self.write_protected = False
        # Who is acting, for the audit log; the window may set a person's name.
        me = lock_mod.LockHolder.me()
        self.actor = f"{me.user}@{me.host}"
        # The last automatic backup's failure, '' if none (they never stop the work); one
        # noted by an earlier process (at its open or close) is read from the archive folder.
        self.last_backup_error = backup_failure.recall(layout.root)
        # What the check of the database's own defences found at open (lines for people;
        # empty when all was in place) and, when they had been tampered with, the check of
        # every seal that followed (None when it was not needed).
        self.guard_problems: list[str] = []
        self.seal_audit = None
        # What "changed since open" is measured against (see _changed_since_open).
        self._audit_head_at_open: tuple[int, str] | None = None
        self._writes_at_open = 0
        # What the start-up check of the SQLite file did (safety/open_check.OpenCheck;
        # None on PostgreSQL or when no check was asked for).
        self.open_check = None
        self.settings = SettingsManager(self, _defaults())

    # -- opening ---------------------------------------------------------------
    @classmethod
    def open(
        cls,
        data_dir: str | os.PathLike | None = None,
        db_url: str | None = None,
        read_only: bool = False,
        take_over_lock: bool = False,
        check_health: bool = True,
        auto_backup: bool = True,
        start_new: bool = False,
    ) -> Archive:
        """Open (creating if needed) the archive in ``data_dir``; its database is the
        SQLite file there unless ``db_url`` names a PostgreSQL database.

        Takes the writer lock; if another BranchDesk holds it, the archive opens
        read-only and ``lock_holder`` / ``read_only_reason`` say who and since when
        (``take_over_lock=True`` takes it from a holder the user knows is gone).
        A damaged SQLite file raises DamagedArchive (moved aside, a backup offered);
        a database written by a newer BranchDesk raises SchemaTooNew before anything
        is written to it. A missing SQLite file in a folder that has backups or
        set-aside files raises ArchiveMissing (nothing created) unless ``start_new``
        says the user chose to begin an empty archive there."""
        layout = paths.ArchiveLayout(paths.data_dir(data_dir))
        url = paths.db_url(db_url)
        if url and not storage_db.is_postgres_url(url):
            raise StorageError(f"不支持的数据库地址：{url}。请使用 postgresql://用户@主机:端口/库名。")
        lock = None
        outcome = None
        reason = "档案库以只读方式打开，不能保存修改。"
        # A write-protected stick: read-only, never trying a lock file or a WAL there.
        write_protected = not url and paths.write_protected(layout.root)
        if write_protected:
            read_only, reason = True, paths.WRITE_PROTECTED.format(folder=layout.root)
        if not read_only:
            layout.create()
            lock = lock_mod.for_archive(layout, url)
            outcome = lock.acquire(take_over_lock)
            if not outcome.acquired:
                lock, read_only, reason = None, True, outcome.read_only_reason()
            else:
                owner_only.tighten(layout)
                leftovers.remove_archive_leftovers(layout)  # temporary files of a killed write
        elif url or layout.root.exists():
            holder = lock_mod.for_archive(layout, url).peek()
            outcome = lock_mod.LockOutcome(False, holder=holder)
        try:
            db, check = opening.open_database(layout, url, read_only, lock is not None, check_health, start_new)
            archive = cls(layout, db, url, read_only, lock, outcome, reason)
            archive.write_protected = write_protected
            archive.open_check = check
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        try:
            if not read_only:
                migrate.upgrade(db, backup=archive.backup_before)
                lock.publish(db)
            elif (version := migrate.current_version(db)) < migrate.latest_version():
                if version == 0:
                    raise StorageError(recovery.UNFINISHED_CREATION.format(where=archive.location))
                raise StorageError("档案库版本较旧，需要升级，只读方式不能打开。请以正常方式打开一次以完成升级。")
            archive._check_guards()
            if not read_only:
                archive._audit_head_at_open = audit_mod.head(db)
                archive._writes_at_open = db.write_count
                if auto_backup:
                    archive._automatic_backup_at_open()
        except BaseException:
            archive.close(auto_backup=False)
            raise
        return archive

    def _check_guards(self) -> None:
        """The sealing and append-only triggers as the migrations made them? If not, say
        so, put them back (when writable, logged in the audit log) and check every seal:
        a change made while they were missing must come to light now."""
        report = guards.check(self.db)
        if report.ok:
            return
        self.guard_problems = report.lines()
        log.warning("database guards of %s differ: %s", self.location, self.guard_problems)
        if not self.read_only:
            with self.db.atomic():
                guards.repair(self.db, report)
                audit_mod.append(
                    self.db, self.actor, "schema.guards_restored", "恢复被删除或改动的数据库保护触发器", "", None,
                    {"missing": report.missing, "changed": report.changed, "removed": report.extra},
                )
            self.guard_problems.append("程序已把它们恢复原样，并记入操作日志。")
        self.seal_audit = self.check_seals()

    def check_seals(self):
        """Every reported record checked against its seal (safety/seal_check.py): a
        ``seal_check.SealAudit``."""
        from .safety import seal_check
        from .sealed_kinds import SEALED_KINDS

        return seal_check.verify_all(self.db, SEALED_KINDS)

    @property
    def can_take_over(self) -> bool:
        """True when the archive opened read-only because of a holder that may be taken
        over (``Archive.open(..., take_over_lock=True)``): a holder on another PC, or one
        whose process is gone. False when the holder runs on this PC (never pushed out),
        when the archive is writable, or when read-only was asked for."""
        return self._can_take_over

    def close(self, auto_backup: bool = True) -> None:
        """Close; an archive changed since it opened gets an automatic backup first (an
        upper archive only when one is due: safety/rotation.backup_at_close_due)."""
        try:
            if auto_backup and not self.read_only and not self.db.is_closed():
                self._automatic_backup_at_close()
        finally:
            try:
                self.db.write_guard = None
                if not self.db.is_closed():
                    self.db.close()
                    if self.open_check is not None:  # closed without error: vouch for the file
                        from .safety.open_check import after_clean_close

                        after_clean_close(self)
            finally:
                if self.lock is not None:
                    self.lock.release()
                    self.lock = None

    def __enter__(self) -> Archive:
        # ``with archive:``: model queries in the block run on this archive's database.
        self._binding_tokens.append(binding.enter(self.db))
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.close()
        finally:
            binding.leave(self._binding_tokens.pop())

    def bound(self):
        """``with archive.bound():`` model queries in the block run on this archive's
        database (for code outside the managers, such as tests and tools)."""
        return bound_to(self.db)

    # -- facts -----------------------------------------------------------------
    @property
    def engine(self) -> str:
        return "postgresql" if storage_db.is_postgres(self.db) else "sqlite"

    @property
    def location(self) -> str:
        """Where the records are, for screens and messages (no password shown)."""
        if self.url:
            from urllib.parse import urlparse

            parsed = urlparse(self.url)
            return f"PostgreSQL {parsed.hostname}:{parsed.port or 5432}{parsed.path}"
        return str(self.layout.database)

    def is_initialised(self) -> bool:
        """A branch archive with its branch, or an upper archive with its organisation."""
        if self.branch.has_own():
            return True
        return self.mode == "upper" and self.upper.organisation_or_none() is not None

    @property
    def mode(self) -> str:
        """``"branch"`` (a branch's own archive) or ``"upper"`` (上级汇总), fixed at creation."""
        from .upper.mode import mode_of

        return mode_of(self)

    @property
    def stale_lock_notice(self) -> str:
        """For the window to show once: whose stale lock was taken over at open ('' if none)."""
        return lock_mod.LockOutcome(True, stale=self.stale_lock).stale_notice()

    def require_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyArchive(self.read_only_reason)

    def health_report(self) -> dict:
        """The facts of ``branchdesk check`` for this archive (see health.report)."""
        from .safety import health

        return health.report(self)
