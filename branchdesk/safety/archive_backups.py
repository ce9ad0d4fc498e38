"""The archive's own backups, as methods of ``Archive`` (a mixin of archive.py): the one
before a risky step (it must succeed), the manual one to a folder or a USB stick, and the
automatic ones at open and at close, whose failure never stops the work: it is logged,
kept in ``last_backup_error`` for the home page and noted in the archive folder
(backup_failure.py) for ``branchdesk check`` and the next start.

The backup modules themselves (backup.py, rotation.py) are imported when a backup runs,
as they were when these methods lived in archive.py: opening an archive loads this
module only."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from ..errors import BranchDeskError
from . import audit as audit_mod
from . import backup_failure

# Logged under the archive's name, as before these methods left archive.py.
log = logging.getLogger("branchdesk.archive")


class ArchiveBackups:
    """Backups of an ``Archive``: uses its ``layout``, ``db``, ``read_only``, ``location``,
    ``is_initialised()``, ``last_backup_error`` and what ``Archive.open`` noted of the
    database as it opened (``_writes_at_open``, ``_audit_head_at_open``)."""

    def backup_before(self, reason: str) -> Path:
        """A backup before a migration, an import or a restore (it raises on failure:
        the risky step must not go ahead without it)."""
        from .rotation import backup_and_rotate

        return self._backup_succeeded(backup_and_rotate(self, reason))

    def backup_to(self, folder: str | os.PathLike | None = None, progress=None, remember: bool = True) -> Path:
        """A manual backup into ``folder`` (a USB stick; the backups folder if None).
        Into another folder it also carries the meeting attachments (``attachments/``).

        ``remember`` notes a backup to another folder in the archive (one small write).
        A worker thread passes ``remember=False`` and the GUI thread then calls
        ``remember_backup(path)``: the copy itself never writes to the database."""
        from .backup import take_backup

        path = self._backup_succeeded(take_backup(self, Path(folder) if folder else None, reason="manual",
                                                  progress=progress))
        if remember:
            self.remember_backup(path)
        return path

    def remember_backup(self, path: Path) -> None:
        """Record a manual backup made to another folder (see ``backup_to``); call it
        on the thread that owns the archive's connection. Never fails the backup."""
        from .backup import remember_external

        try:
            remember_external(self, Path(path))
        except BranchDeskError as error:
            log.warning("could not note the backup %s: %s", path, error.message())

    def _automatic_backup_at_open(self) -> None:
        from .rotation import auto_backup_due, server_keeps_backups

        try:
            due = self.is_initialised() and not server_keeps_backups(self) and auto_backup_due(self)
        except Exception as error:  # an automatic backup never stops the archive from opening
            self._automatic_backup_failed(error)
            return
        if due:
            self._automatic_backup("auto")

    def _automatic_backup_at_close(self) -> None:
        """An archive changed since it opened gets a backup (an upper archive only when
        one is due: rotation.backup_at_close_due)."""
        try:
            changed = self._changed_since_open()
        except Exception as error:  # the connection itself failed; nothing to back up from
            self._automatic_backup_failed(error)
            changed = False
        if changed and self._backup_at_close_due():
            self._automatic_backup("auto")

    def _changed_since_open(self) -> bool:
        """Anything written through this archive (any thread, audited or not, on either
        engine), or an audit log whose head moved (a change by any other path)."""
        if self.db.write_count != self._writes_at_open:
            return True
        return audit_mod.head(self.db) != self._audit_head_at_open

    def _backup_at_close_due(self) -> bool:
        from .rotation import backup_at_close_due

        try:
            return backup_at_close_due(self)
        except Exception as error:  # as at open: never stops the closing
            self._automatic_backup_failed(error)
            return False

    def _automatic_backup(self, reason: str) -> None:
        """An automatic backup (at open, at close): a failure is logged and kept in
        ``last_backup_error`` for the home page; it never stops opening or closing."""
        from .rotation import backup_and_rotate

        try:
            self._backup_succeeded(backup_and_rotate(self, reason))
        except Exception as error:
            self._automatic_backup_failed(error)

    def _backup_succeeded(self, path: Path) -> Path:
        """Any verified backup clears the note of an earlier failed automatic one."""
        if self.last_backup_error:
            self.last_backup_error = ""
            backup_failure.forget(self.layout.root)
        return path

    def _automatic_backup_failed(self, error: Exception) -> None:
        log.warning("automatic backup of %s failed", self.location, exc_info=error)
        if isinstance(error, BranchDeskError):
            self.last_backup_error = error.message()
        else:
            self.last_backup_error = f"自动备份没有完成（{error}）。档案库本身没有改动；请检查磁盘空间后手动备份一次。"
        # For `branchdesk check` and the next start: this process may be about to end.
        backup_failure.remember(self.layout.root, self.last_backup_error)
