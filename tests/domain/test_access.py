"""Access: an optional password kept as a slow hash, back-off that survives a
restart, the inactivity lock and the gate before sensitive texts."""

import datetime as dt
from pathlib import Path

import pytest

from branchdesk.archive import Archive
from branchdesk.errors import ValidationError
from branchdesk.safety.access import FREE_ATTEMPTS, backoff_seconds

T0 = dt.datetime(2025, 3, 1, 9, 0, 0)


def _stored_bytes(archive) -> bytes:
    """Everything the archive has on disk: the database and its -wal (checkpointed
    first, so the pages are in both places), and a fresh backup (either engine)."""
    backup = archive.backup_to(None)
    files = [backup]
    if archive.engine == "sqlite":
        archive.db.execute_sql("PRAGMA wal_checkpoint(PASSIVE)")
        files += [archive.layout.database, Path(f"{archive.layout.database}-wal")]
    return b"".join(path.read_bytes() for path in files if path.exists())


def test_password_is_stored_as_a_salted_slow_hash(archive):
    archive.access.set_password("党支部2025")
    stored = archive.settings.get("access.password")
    assert stored["algorithm"] == "scrypt" and stored["n"] >= 2**14 and len(bytes.fromhex(stored["salt"])) == 16
    assert "党支部2025" not in repr(archive.settings.all())
    # A plaintext canary written the same way shows the scan reaches where writes land
    # (the -wal file, the backups); without it this check could never fail.
    archive.settings.set("test.canary", "明文金丝雀abc", audited=False)
    stored_bytes = _stored_bytes(archive)
    assert "明文金丝雀abc".encode() in stored_bytes
    assert "党支部2025".encode() not in stored_bytes
    assert archive.access.check("党支部2025").ok
    with pytest.raises(ValidationError, match="至少 6 个字符"):
        archive.access.set_password("12345", current_password="党支部2025")
    with pytest.raises(ValidationError) as wrong:
        archive.access.set_password("新的密码123", current_password="猜的")
    assert wrong.value.field == "current_password"
    assert [e.action for e in archive.audit.entries()][-1] == "access.password_set"


def test_failed_attempts_back_off_and_a_restart_does_not_reset_it(archive):
    archive.access.set_password("正确的密码abc")
    for attempt in range(1, FREE_ATTEMPTS + 1):
        result = archive.access.check("错的", now=T0)
        assert not result.ok and result.failures == attempt
    assert result.wait_seconds == backoff_seconds(FREE_ATTEMPTS) > 0
    data_dir, url = archive.layout.root, archive.url
    archive.close()
    with Archive.open(data_dir, url) as reopened:
        waiting = reopened.access.check("正确的密码abc", now=T0 + dt.timedelta(seconds=5))
        assert not waiting.ok and "秒后再试" in waiting.message  # even the right password waits
        after = T0 + dt.timedelta(seconds=backoff_seconds(FREE_ATTEMPTS))
        failed_again = reopened.access.check("还是错的", now=after)
        assert failed_again.wait_seconds == backoff_seconds(FREE_ATTEMPTS + 1) > backoff_seconds(FREE_ATTEMPTS)
        # A clock turned back never makes the wait longer than the back-off itself.
        assert reopened.access.wait_seconds(now=after - dt.timedelta(days=30)) <= failed_again.wait_seconds
        later = after + dt.timedelta(seconds=failed_again.wait_seconds)
        assert reopened.access.check("正确的密码abc", now=later).ok
        assert reopened.access.check("错的", now=later).failures == 1  # success reset the count


def test_inactivity_lock_and_sensitive_text_gate(archive):
    session = archive.access.session(now=T0)
    assert not session.locked(T0) and not session.sensitive_gate(T0)  # no password: nothing to ask
    archive.access.set_password("正确的密码abc")
    archive.access.set_policy(lock_after_minutes=10, sensitive_grace_minutes=5)
    session = archive.access.session(now=T0)
    assert session.locked(T0)
    assert not session.unlock("错的", T0).ok and session.locked(T0)
    assert session.unlock("正确的密码abc", T0).ok
    assert not session.locked(T0 + dt.timedelta(minutes=9))
    assert not session.sensitive_gate(T0 + dt.timedelta(minutes=1))  # just typed it
    assert session.sensitive_gate(T0 + dt.timedelta(minutes=6))  # criticism texts: ask again
    assert session.confirm_sensitive("正确的密码abc", T0 + dt.timedelta(minutes=6)).ok
    assert not session.sensitive_gate(T0 + dt.timedelta(minutes=7))
    session.touch(T0 + dt.timedelta(minutes=15))
    assert session.locked(T0 + dt.timedelta(minutes=26))  # ten idle minutes
    assert session.sensitive_gate(T0 + dt.timedelta(minutes=26))
    with pytest.raises(ValidationError, match="0 到 240"):
        archive.access.set_policy(lock_after_minutes=-1)
    archive.access.set_policy(confirm_sensitive=False)
    assert session.unlock("正确的密码abc", T0 + dt.timedelta(minutes=30)).ok
    assert not session.sensitive_gate(T0 + dt.timedelta(minutes=38))


def test_password_can_be_removed_only_with_the_password(archive):
    archive.access.set_password("正确的密码abc")
    with pytest.raises(ValidationError):
        archive.access.remove_password("错的")
    archive.access.remove_password("正确的密码abc")
    assert not archive.access.has_password() and archive.access.check("").ok
