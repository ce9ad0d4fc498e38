"""Who holds an archive's writer lock, and whether that process still runs.

Shared by the lock file (SQLite archives, ``lock.py``) and the advisory lock
(PostgreSQL archives, ``pg_lock.py``).
"""

from __future__ import annotations

import getpass
import os
from collections import namedtuple

from .. import __version__, clock
from ..storage import database as storage_db


def this_host() -> str:
    """This computer's name: the storage layer's, so a lock holder and its server
    sessions (named by ``application_name``) always name the same computer."""
    return storage_db.this_host()


def this_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment or password database
        return "未知用户"


# A named tuple, not a frozen dataclass: each of those cost ~0.5 ms of every start (issue 18).
class LockHolder(namedtuple("LockHolder", "host user pid started_at app_version backend_pid", defaults=("", None))):
    """Who holds (or held) the writer lock: ``host``, ``user``, ``pid``, ``started_at``
    (text), ``app_version`` and, on PostgreSQL, the server's ``backend_pid`` (or None)."""

    __slots__ = ()

    @classmethod
    def me(cls) -> LockHolder:
        return cls(this_host(), this_user(), os.getpid(), clock.now().isoformat(sep=" "), __version__)

    def describe(self) -> str:
        """「张三（电脑 OFFICE-PC，进程 1234，自 2024-05-01 09:30:00 起）」"""
        process = f"，进程 {self.pid}" if self.pid else ""
        return f"{self.user}（电脑 {self.host}{process}，自 {self.started_at} 起）"

    def on_this_host(self) -> bool:
        return self.host == this_host()

    def process_gone(self) -> bool:
        """True only when it is certain: same host and no such process."""
        return self.on_this_host() and not pid_alive(self.pid)

    def as_dict(self) -> dict:
        return self._asdict()


class LockOutcome(namedtuple("LockOutcome", "acquired holder stale can_take_over", defaults=(None, None, False))):
    """Whether the lock was ``acquired``; else the ``holder`` who has it (a LockHolder or
    None); ``stale``: the gone holder it was taken over from; ``can_take_over``: not
    acquired, but the user may choose to take over."""

    __slots__ = ()

    def read_only_reason(self) -> str:
        if self.acquired:
            return ""
        if self.holder is None:
            return "档案库正被另一个 BranchDesk 使用，本窗口以只读方式打开，不能保存修改。"
        text = f"档案库正在被 {self.holder.describe()}使用，本窗口以只读方式打开，不能保存修改。"
        if self.can_take_over:
            return text + (
                "如果那台电脑已经不再使用它（例如停电或死机后），可以选择「接管」；"
                "否则请先在那台电脑上关闭 BranchDesk。"
            )
        return text + "请先关闭那个 BranchDesk 窗口，再重新打开。"

    def stale_notice(self) -> str:
        if self.stale is None:
            return ""
        return (
            f"上次使用档案库的 {self.stale.describe()}没有正常退出（可能停电或死机），"
            "本程序已接管写入权。启动检查会确认档案库是否完好。"
        )


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie has exited; only its parent has not collected it yet
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _windows_pid_alive(pid: int) -> bool:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)
