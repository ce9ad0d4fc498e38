"""Whether an open of a SQLite archive runs the whole ``PRAGMA quick_check``
(reliability promise 3).

The whole check reads every page: 2.5 s on a 1.27 GB upper archive, all of what one
``upper import`` cost more at 1,000 branches than at 10 (issue 18). It still runs at
every open of a file smaller than ``WHOLE_CHECK_BELOW`` (every branch archive: there it
costs a few milliseconds), and for a larger file whenever one of these holds:

- no mark of a clean close. The writer removes the mark as soon as it has opened the
  file (before it writes anything), and writes it again only after its connection
  closed without error, so a crash, a kill or a power cut always leaves none;
- a ``-wal`` or ``-journal`` file lies beside the database (a write not folded in, or
  another connection still open when the writer closed);
- the file's size, modification time (ns), inode or device, or its path, differ from
  what the clean close recorded (another program, a copy or a restore touched it);
- the mark is not signed with this PC user's key (``KEY_FILE`` in the user's settings
  folder, never in the archive): a hand-written mark, or one made on another PC or by
  another user, counts as no mark;
- the last whole check is a day old or more, or lies in the future (a clock put back).

So a mark can only ever make the program skip the check of a file this PC's writer
closed cleanly, found exactly as it left it, within a day of a whole check. A stale,
copied or forged mark leads to the whole check, never to less than the rule before
issue 18 did after an unclean close. Damage that leaves no trace in size, time and
inode (a flipped bit under an unchanged file) is found by the daily whole check,
``branchdesk check`` (a full ``integrity_check`` every time) and the check of every
backup.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import logging
import os
import time
from collections import namedtuple
from pathlib import Path

from ..fileio import fsync_dir, write_bytes_atomic

log = logging.getLogger(__name__)

# Below this size the whole check runs at every open: up to about 25-30 ms of CPU, what
# the rest of a command-line open costs (bench/open_check.py: 0.75-0.8 ms CPU a MB on upper
# archives of 14-136 MB; the demo branch with three years is 2.8 MB, so every branch
# archive stays below it; docs/tech-notes.md "Upper level at county scale").
WHOLE_CHECK_BELOW = 32 * 1024 * 1024
# The whole check runs at least this often on a file that stays open-and-closed cleanly.
WHOLE_CHECK_EVERY_S = 24 * 3600
MARK_FILE = "clean-close.json"
KEY_FILE = "open-check.key"
_STAT_FIELDS = ("size", "mtime_ns", "ino", "dev")
_COMPANIONS = ("-wal", "-journal")


# A named tuple, not a frozen dataclass: each of those cost ~0.5 ms of every start (issue 18).
class OpenCheck(namedtuple("OpenCheck", "ran why checked_at")):
    """What the start-up check of one open did: ``ran`` the whole quick_check or not,
    ``why`` (for people and the log), and ``checked_at`` (epoch seconds of the last whole
    check this file passed: now when it ran)."""

    __slots__ = ()


def key_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("BranchDesk", appauthor=False)) / KEY_FILE


def mark_path(layout) -> Path:
    return layout.root / MARK_FILE


def _facts(database: Path) -> dict:
    found = os.stat(database)
    return {"path": str(database), "size": found.st_size, "mtime_ns": found.st_mtime_ns,
            "ino": found.st_ino, "dev": found.st_dev}


def _signature(key: bytes, body: dict) -> str:
    text = json.dumps(body, sort_keys=True, ensure_ascii=True).encode()
    return hmac.new(key, text, hashlib.sha256).hexdigest()


def _read_key() -> bytes | None:
    try:
        key = key_path().read_bytes()
    except OSError:
        return None
    return key if len(key) >= 32 else None


def decide(layout, now: float | None = None) -> OpenCheck:
    """Whether this open runs the whole check, and why (see the module's notes). Reads only."""
    now = time.time() if now is None else now

    def whole(why: str) -> OpenCheck:
        return OpenCheck(True, why, now)

    try:
        facts = _facts(layout.database)
    except OSError:
        return whole("档案库文件无法读取属性")
    if facts["size"] < WHOLE_CHECK_BELOW:
        return whole("档案库文件较小，每次打开都完整检查")
    if any(os.path.exists(f"{layout.database}{suffix}") for suffix in _COMPANIONS):
        return whole("档案库旁有未合并的日志文件（-wal/-journal）")
    try:
        mark = json.loads(mark_path(layout).read_text(encoding="utf-8"))
        signature = mark.pop("signature")
        checked_at = float(mark["checked_at"])
    except FileNotFoundError:
        return whole("上次没有正常关闭（没有正常关闭的记录）")
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return whole("正常关闭的记录无法读取")
    key = _read_key()
    if key is None or not hmac.compare_digest(str(signature), _signature(key, mark)):
        return whole("正常关闭的记录不是本机写的")
    if any(mark.get(name) != facts[name] for name in ("path", *_STAT_FIELDS)):
        return whole("档案库文件在上次正常关闭后被改动、替换或移动过")
    if not 0 <= now - checked_at < WHOLE_CHECK_EVERY_S:
        return whole("距上次完整检查已满一天（或电脑时钟被调回）")
    return OpenCheck(False, "上次正常关闭后文件未变，一天内已完整检查过", checked_at)


def forget(layout) -> None:
    """The writer has the file open: from now on only its clean close may vouch for it."""
    try:
        os.remove(mark_path(layout))
    except FileNotFoundError:
        return
    except OSError as error:  # a mark that stays would not match the file once it is written to
        log.warning("could not remove %s: %s", mark_path(layout), error)
        return
    with contextlib.suppress(OSError):
        fsync_dir(layout.root)


def remember(layout, checked_at: float) -> bool:
    """After the writer's connection closed cleanly: mark the file as it is now, with the
    time of its last whole check. Only for files large enough to skip the check, and only
    when nothing lies beside the database. Returns whether a mark was written; a failure
    is logged and leaves no mark (the next open then checks the whole file)."""
    try:
        facts = _facts(layout.database)
        if facts["size"] < WHOLE_CHECK_BELOW or any(
            os.path.exists(f"{layout.database}{suffix}") for suffix in _COMPANIONS
        ):
            return False
        key = _read_key()
        if key is None:
            key = os.urandom(32)
            write_bytes_atomic(key_path(), key)
        body = facts | {"checked_at": checked_at, "closed_at": time.time()}
        text = json.dumps(body | {"signature": _signature(key, body)}, ensure_ascii=False, indent=1)
        write_bytes_atomic(mark_path(layout), text.encode("utf-8"))
        return True
    except Exception as error:  # a clean close never fails for want of its mark
        log.warning("could not mark the clean close of %s: %s", layout.database, error)
        return False


def after_clean_close(archive) -> bool:
    """The archive's connection closed without error: mark the file (``remember``) unless
    this process no longer holds the writer lock (taken over: another writer may have the
    file open) or a damaged page, a disk error or a full disk showed on the connection
    during the session (``file_fault``). Returns whether a mark was written."""
    from ..errors import StorageError

    if archive.lock is None or archive.open_check is None or archive.db.file_fault:
        return False
    try:
        archive.lock.verify()
    except StorageError:
        return False
    return remember(archive.layout, archive.open_check.checked_at)
