"""Access: an optional app password, back-off after failed attempts, the inactivity
lock and the gate before sensitive texts (criticism, self-examination).

The password is stored as an scrypt hash with its salt and parameters (archive
setting ``access.password``); failed attempts are counted in a small file in the
archive folder, so neither a restart nor opening the archive read-only resets the
back-off. What the password does not do is said in ``PASSWORD_SCOPE_STATEMENT``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import secrets
from dataclasses import dataclass
from pathlib import Path

from .. import clock
from ..errors import BranchDeskError, ValidationError
from ..fileio import write_bytes_atomic
from ..storage.binding import ArchiveBound
from .notice import CLASSIFIED_NOTICE, PASSWORD_SCOPE_NOTICE

# The plain statements the UI and README show (one source: safety_notice.py).
CLASSIFIED_STATEMENT = CLASSIFIED_NOTICE
PASSWORD_SCOPE_STATEMENT = PASSWORD_SCOPE_NOTICE

SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
PASSWORD_MIN = 6
PASSWORD_MAX = 128
# The first attempts are free; then each failure doubles the wait, up to 15 minutes.
FREE_ATTEMPTS = 3
FIRST_DELAY_S = 30
MAX_DELAY_S = 15 * 60
ATTEMPTS_FILE = "access-attempts.json"

log = logging.getLogger(__name__)


def hash_password(password: str, salt: bytes | None = None, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> dict:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=32)
    return {"algorithm": "scrypt", "n": n, "r": r, "p": p, "salt": salt.hex(), "hash": digest.hex()}


def password_matches(stored: dict, password: str) -> bool:
    if stored.get("algorithm") != "scrypt":
        return False
    again = hash_password(password, bytes.fromhex(stored["salt"]), int(stored["n"]), int(stored["r"]), int(stored["p"]))
    return hmac.compare_digest(again["hash"], stored["hash"])


def backoff_seconds(failures: int) -> int:
    """How long to wait after ``failures`` failed attempts in a row."""
    if failures < FREE_ATTEMPTS:
        return 0
    return min(FIRST_DELAY_S * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_S)


@dataclass(frozen=True)
class AccessPolicy:
    lock_after_minutes: int  # 0: never lock on inactivity
    confirm_sensitive: bool
    sensitive_grace_minutes: int


@dataclass(frozen=True)
class UnlockResult:
    ok: bool
    wait_seconds: int = 0
    failures: int = 0
    message: str = ""


class AccessManager(ArchiveBound):
    """The archive's password and policy (``archive.access``)."""

    def __init__(self, archive):
        self._archive = archive

    def archive_open(self) -> bool:
        """False once the archive is closed: a window's timers must then stop asking."""
        return not self._archive.db.is_closed()

    # -- password --------------------------------------------------------------
    def has_password(self) -> bool:
        return bool(self._archive.settings.get("access.password"))

    def set_password(self, new_password: str, current_password: str | None = None) -> None:
        """Set or change the password (the current one is required to change it)."""
        self._require_current(current_password)
        if len(new_password) < PASSWORD_MIN:
            raise ValidationError("password", "too_short", f"密码至少 {PASSWORD_MIN} 个字符，请设一个更长的密码。")
        if len(new_password) > PASSWORD_MAX:
            raise ValidationError("password", "too_long", f"密码最多 {PASSWORD_MAX} 个字符。")
        stored = hash_password(new_password)
        previous = current_password if self.has_password() else None
        with self._archive.db.atomic():
            self._archive.settings.set("access.password", stored, audited=False)
            # The signing key is sealed under the app password: it changes with it.
            self._archive.branch_key.reseal(previous, new_password)
            self._archive.audit.record("access.password_set", "设置或更改了应用密码")
        self._forget_plaintext_pages()

    def remove_password(self, current_password: str) -> None:
        self._require_current(current_password)
        with self._archive.db.atomic():
            self._archive.settings.set("access.password", None, audited=False)
            self._archive.branch_key.reseal(current_password, None)
            self._archive.audit.record("access.password_removed", "取消了应用密码")

    def _forget_plaintext_pages(self) -> None:
        """The key's old, plain pages may still sit in the WAL until a checkpoint
        (secure_delete clears them in the database file): copy back and empty it now."""
        if self._archive.engine != "sqlite":
            return
        try:
            self._archive.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        except BranchDeskError as error:  # a reader holds an old snapshot: the next close does it
            log.info("checkpoint after a password change did not finish: %s", error.message())

    def _require_current(self, current_password: str | None) -> None:
        if not self.has_password():
            return
        result = self.check(current_password or "")
        if not result.ok:
            raise ValidationError("current_password", "wrong", result.message)

    def check(self, password: str, now: dt.datetime | None = None) -> UnlockResult:
        """Check a password with back-off: during a wait nothing is checked."""
        now = now or clock.now()
        if not self.has_password():
            return UnlockResult(True)
        state = self._attempts()
        wait = self.wait_seconds(now, state)
        if wait > 0:
            return UnlockResult(False, wait, state["failures"], f"密码错误次数过多，请 {wait} 秒后再试。")
        if password_matches(self._archive.settings.get("access.password"), password):
            self._save_attempts({"failures": 0, "last_failed_at": None})
            self._archive.branch_key.unlocked_with(password)
            return UnlockResult(True)
        failures = state["failures"] + 1
        self._save_attempts({"failures": failures, "last_failed_at": now.isoformat(sep=" ")})
        delay = backoff_seconds(failures)
        text = "密码不正确。"
        if delay:
            text += f"已连续错误 {failures} 次，请 {delay} 秒后再试。"
        elif failures < FREE_ATTEMPTS:
            text += f"再错 {FREE_ATTEMPTS - failures} 次将需要等待后才能再试。"
        return UnlockResult(False, delay, failures, text)

    def wait_seconds(self, now: dt.datetime | None = None, state: dict | None = None) -> int:
        """Seconds before the next attempt is allowed (for the dialog's countdown)."""
        now = now or clock.now()
        state = state or self._attempts()
        delay = backoff_seconds(state["failures"])
        if not delay or not state.get("last_failed_at"):
            return 0
        since = (now - dt.datetime.fromisoformat(state["last_failed_at"])).total_seconds()
        # A clock set backwards never makes the wait longer than the back-off itself.
        return int(max(0, min(delay, delay - since)))

    # -- policy ----------------------------------------------------------------
    def policy(self) -> AccessPolicy:
        get = self._archive.settings.get
        return AccessPolicy(
            int(get("access.lock_after_minutes", 10)),
            bool(get("access.confirm_sensitive", True)),
            int(get("access.sensitive_grace_minutes", 5)),
        )

    def set_policy(
        self,
        lock_after_minutes: int | None = None,
        confirm_sensitive: bool | None = None,
        sensitive_grace_minutes: int | None = None,
    ) -> AccessPolicy:
        changes = {}
        for key, value, low, high, label in (
            ("access.lock_after_minutes", lock_after_minutes, 0, 240, "无操作自动锁定时间"),
            ("access.sensitive_grace_minutes", sensitive_grace_minutes, 0, 60, "敏感内容免再次验证时间"),
        ):
            if value is None:
                continue
            if not low <= int(value) <= high:
                raise ValidationError(key, "range", f"「{label}」应在 {low} 到 {high} 分钟之间。")
            changes[key] = int(value)
        if confirm_sensitive is not None:
            changes["access.confirm_sensitive"] = bool(confirm_sensitive)
        with self._archive.db.atomic():
            for key, value in changes.items():
                self._archive.settings.set(key, value, audited=False)
            if changes:
                self._archive.audit.record("access.policy", "修改了访问设置", detail=changes)
        return self.policy()

    def session(self, now: dt.datetime | None = None) -> AccessSession:
        return AccessSession(self, now)

    # -- the attempts file -----------------------------------------------------
    @property
    def _attempts_path(self) -> Path:
        return self._archive.layout.root / ATTEMPTS_FILE

    def _attempts(self) -> dict:
        try:
            data = json.loads(self._attempts_path.read_text("utf-8"))
            return {"failures": int(data.get("failures", 0)), "last_failed_at": data.get("last_failed_at")}
        except (OSError, ValueError, AttributeError):
            return {"failures": 0, "last_failed_at": None}

    def _save_attempts(self, state: dict) -> None:
        try:
            write_bytes_atomic(self._attempts_path, json.dumps(state).encode("utf-8"))
        except OSError as error:
            # A write-protected stick cannot keep the count; the check itself still
            # stands (and anyone with the file could try passwords on a copy anyway).
            log.warning("could not note the password attempts in %s: %s", self._attempts_path, error)


class AccessSession:
    """One running window's unlock state (in memory). The window calls ``touch()`` on
    user activity, asks ``locked()`` on a timer, and asks ``sensitive_gate()`` before
    showing a criticism or self-examination text."""

    def __init__(self, access: AccessManager, now: dt.datetime | None = None):
        self._access = access
        now = now or clock.now()
        self._unlocked = not access.has_password()
        self._last_activity = now
        self._confirmed_at: dt.datetime | None = None

    def locked(self, now: dt.datetime | None = None) -> bool:
        if not self._access.has_password():
            return False
        if not self._unlocked:
            return True
        minutes = self._access.policy().lock_after_minutes
        now = now or clock.now()
        if minutes and now - self._last_activity >= dt.timedelta(minutes=minutes):
            self._unlocked = False
            return True
        return False

    def archive_open(self) -> bool:
        return self._access.archive_open()

    def touch(self, now: dt.datetime | None = None) -> None:
        if not self.locked(now):
            self._last_activity = now or clock.now()

    def lock(self) -> None:
        self._unlocked = False

    def unlock(self, password: str, now: dt.datetime | None = None) -> UnlockResult:
        now = now or clock.now()
        result = self._access.check(password, now)
        if result.ok:
            self._unlocked = True
            self._last_activity = now
            self._confirmed_at = now
        return result

    def sensitive_gate(self, now: dt.datetime | None = None) -> bool:
        """True when the password must be entered before a sensitive text is shown."""
        if not self._access.has_password():
            return False
        if self.locked(now):
            return True
        policy = self._access.policy()
        if not policy.confirm_sensitive:
            return False
        now = now or clock.now()
        return self._confirmed_at is None or now - self._confirmed_at >= dt.timedelta(
            minutes=policy.sensitive_grace_minutes
        )

    def confirm_sensitive(self, password: str, now: dt.datetime | None = None) -> UnlockResult:
        return self.unlock(password, now)
