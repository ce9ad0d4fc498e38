"""The last automatic backup's failure, kept where another process can read it.

An automatic backup runs when the archive opens or closes; when it fails, the process
that saw it is usually about to end, and ``branchdesk check`` or the next start is a
new process. So the failure is written to a small file in the archive folder (not the
database: a full disk, the likeliest cause, refuses a database write first, and
``check`` opens the database read-only). It is one small write straight into the file
— a temporary file and a rename would need room for a second file — and if even that
fails the failure is still logged and shown by the process that saw it. The next
successful backup removes the file."""

from __future__ import annotations

import logging
import os

from .. import clock

FAILURE_FILE = "last-backup-failure.txt"
_MAX_CHARS = 2000  # a message, not a report: never let the file grow

log = logging.getLogger(__name__)


def remember(root: os.PathLike, message: str) -> None:
    """Note ``message`` (a Chinese sentence) as the last automatic backup's failure."""
    text = f"{clock.now():%Y-%m-%d %H:%M} {message}"[:_MAX_CHARS]
    try:
        with open(os.path.join(root, FAILURE_FILE), "w", encoding="utf-8") as out:
            out.write(text)
    except OSError as error:
        log.warning("could not note the failed backup in %s: %s", root, error)


def recall(root: os.PathLike) -> str:
    """The noted failure with its time ('' if the last backup succeeded or none failed)."""
    try:
        with open(os.path.join(root, FAILURE_FILE), encoding="utf-8", errors="replace") as noted:
            text = noted.read(_MAX_CHARS).strip()
    except OSError:
        return ""
    parts = text.split(" ", 2)
    return f"{parts[2]}（{parts[0]} {parts[1]}）" if len(parts) == 3 else text


def forget(root: os.PathLike) -> None:
    """A backup succeeded: the earlier failure is no longer news."""
    try:
        os.remove(os.path.join(root, FAILURE_FILE))
    except FileNotFoundError:
        pass
    except OSError as error:
        log.warning("could not clear the failed-backup note in %s: %s", root, error)
