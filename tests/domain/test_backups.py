"""Backups: automatic and rotated; manual ones to a USB stick checked for space and
read back; a full, read-only or lying stick gives a clear message and no partial file."""

import datetime as dt
import errno
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest

from branchdesk.archive import Archive
from branchdesk.errors import StorageError
from branchdesk.safety import backup as backup_mod
from branchdesk.safety import rotation as backup_rotation
from branchdesk.safety.rotation import BackupInfo, RetentionPolicy, list_backups, to_prune
from tests.domain.safety_support import cli_run, member_forms, tmpfs


def _members_in(backup: Path) -> int:
    conn = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT COUNT(*) FROM member").fetchone()[0]
    finally:
        conn.close()


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_manual_backup_to_a_stick_is_complete_and_verified(archive, tmp_path, capsys):
    archive.members.add_many(member_forms(5))
    stick = tmp_path / "usb"
    stick.mkdir()
    progress = []
    path = archive.backup_to(stick, progress=lambda done, total: progress.append((done, total)))
    assert path.parent == stick and path.name.isascii()
    assert backup_mod.verify_backup(path) == "" and _members_in(path) == 5
    assert progress and progress[-1][0] == progress[-1][1]
    assert _leftovers(stick) == [path.name]
    assert not list(archive.layout.backups.glob(".staging-*"))
    assert backup_rotation.last_backup(archive).path == path


def test_missing_target_folder_is_refused_not_created(archive, tmp_path):
    with pytest.raises(StorageError, match="找不到目标文件夹.*请插好 U 盘"):
        archive.backup_to(tmp_path / "not-plugged-in")
    assert not (tmp_path / "not-plugged-in").exists()


def test_too_little_free_space_is_said_before_writing(archive, tmp_path, monkeypatch):
    stick = tmp_path / "usb"
    stick.mkdir()
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: shutil._ntuple_diskusage(10**9, 10**9 - 2048, 2048))
    with pytest.raises(StorageError, match="剩余空间不足.*没有写入任何文件"):
        archive.backup_to(stick)
    assert _leftovers(stick) == []


def test_disk_full_during_backup_leaves_no_partial_file(archive, tmp_path, monkeypatch):
    archive.members.add_many(member_forms(5))
    stick = tmp_path / "usb"
    stick.mkdir()
    real_copy = shutil.copyfileobj

    def fills_up(src, dst, length=0):
        dst.write(src.read(4096))  # part of the file is on the stick when it fills up
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copyfileobj", fills_up)
    with pytest.raises(StorageError) as full:
        archive.backup_to(stick)
    assert "空间已满" in full.value.message() and "没有留下不完整的文件" in full.value.message()
    assert _leftovers(stick) == []
    monkeypatch.setattr(shutil, "copyfileobj", real_copy)
    assert _members_in(archive.backup_to(stick)) == 5  # the archive itself is fine


def test_stick_that_reads_back_different_bytes_is_caught(archive, tmp_path, monkeypatch):
    stick = tmp_path / "usb"
    stick.mkdir()

    def lying_stick(src, dst, length=0):
        data = bytearray(src.read())
        data[len(data) // 2] ^= 0xFF
        dst.write(data)

    monkeypatch.setattr(shutil, "copyfileobj", lying_stick)
    with pytest.raises(StorageError, match="读回后与原件不一致"):
        archive.backup_to(stick)
    assert _leftovers(stick) == []


def test_read_only_target_gets_a_clear_message(archive, tmp_path, monkeypatch):
    stick = tmp_path / "usb"
    stick.mkdir()

    def write_protected(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", write_protected)
    with pytest.raises(StorageError, match="只读.*写保护"):
        archive.backup_to(stick)
    assert _leftovers(stick) == []


def test_real_full_stick(archive, tmp_path, monkeypatch):
    archive.members.add_many(member_forms(30))
    with tmpfs(tmp_path / "small-usb", "64k") as stick:
        # Pretend the free-space check passed (a stick that over-reports), so the write hits ENOSPC.
        monkeypatch.setattr(shutil, "disk_usage", lambda _p: shutil._ntuple_diskusage(10**9, 0, 10**9))
        with pytest.raises(StorageError, match="空间已满"):
            archive.backup_to(stick)
        assert _leftovers(stick) == []
        monkeypatch.undo()
        with pytest.raises(StorageError, match="剩余空间不足"):
            archive.backup_to(stick)


def test_real_read_only_stick(archive, tmp_path):
    with tmpfs(tmp_path / "ro-usb", "4m", read_only=True) as stick:
        with pytest.raises(StorageError, match="只读"):
            archive.backup_to(stick)
        assert _leftovers(stick) == []


def test_closing_after_changes_takes_an_automatic_backup(archive):
    data_dir, url = archive.layout.root, archive.url
    before = {b.path for b in list_backups(data_dir / "backups")}
    archive.members.add_many(member_forms(2))
    archive.close()
    new = [b for b in list_backups(data_dir / "backups") if b.path not in before]
    assert [b.reason for b in new] == ["auto"] and _members_in(new[0].path) == 2
    with Archive.open(data_dir, url):  # opened and closed without changes: no new backup
        pass
    assert len(list_backups(data_dir / "backups")) == len(before) + 1


def _fake(day: dt.datetime, reason="auto") -> BackupInfo:
    return BackupInfo(Path(f"/b/branchdesk-{day:%Y%m%d-%H%M%S}-{reason}.sqlite3"), day, reason, 1)


def test_rotation_keeps_last_few_then_daily_weekly_monthly():
    now = dt.datetime(2025, 6, 30, 18, 0)
    # Two automatic backups a day for 400 days, and a manual one long ago.
    backups = [_fake(now - dt.timedelta(hours=12 * i)) for i in range(800)] + [_fake(dt.datetime(2023, 1, 1), "manual")]
    policy = RetentionPolicy(keep_last=3, daily_days=7, weekly_weeks=5, monthly_months=12)
    pruned = {b.path for b in to_prune(backups, policy, now)}
    kept = sorted((b for b in backups if b.path not in pruned), key=lambda b: b.taken_at, reverse=True)
    assert kept[:3] == sorted(backups[:3], key=lambda b: b.taken_at, reverse=True)  # the last few
    assert {b.taken_at.date() for b in kept if (now - b.taken_at).days < 7} == {
        (now - dt.timedelta(days=d)).date() for d in range(7)
    }  # one per day for a week
    automatic = [b for b in kept if b.automatic]
    assert all((now - b.taken_at).days < 366 for b in automatic)  # nothing older than a year
    months = {(b.taken_at.year, b.taken_at.month) for b in automatic}
    assert len(months) == 12  # one per month for a year
    assert len(automatic) <= 3 + 7 + 5 + 12
    assert any(b.reason == "manual" for b in kept)  # made by hand: never removed


def test_rotation_policy_is_an_archive_setting(archive):
    archive.settings.set("backup.retention", {"keep_last": 3, "daily_days": 0, "weekly_weeks": 0, "monthly_months": 0})
    for _ in range(5):
        archive.backup_before("auto")
    archive.backup_to(None)  # manual
    reasons = [b.reason for b in list_backups(archive.layout.backups)]
    assert reasons.count("auto") == 3 and reasons.count("manual") == 1


@pytest.mark.parametrize(
    "retention, field",
    [
        ({"keep_last": 0, "daily_days": 0, "weekly_weeks": 0, "monthly_months": 0}, "keep_last"),
        ({"keep_last": 2}, "keep_last"),
        ({"keep_last": -5}, "keep_last"),
        ({"keep_last": "5"}, "keep_last"),
        ({"daily_days": -1}, "daily_days"),
        ({"keep_all": 1}, "backup.retention"),
    ],
)
def test_retention_that_could_delete_the_history_is_refused(archive, retention, field):
    from branchdesk.errors import ValidationError

    with pytest.raises(ValidationError) as refused:
        archive.settings.set("backup.retention", retention)
    assert refused.value.field == field and refused.value.message()
    assert archive.settings.get("backup.retention") == backup_rotation.DEFAULT_RETENTION


def test_a_zero_retention_stored_by_an_older_version_still_keeps_three(archive):
    p = archive.db.param
    archive.db.execute_sql(
        f"INSERT INTO setting (key, value) VALUES ({p}, {p})",
        ("backup.retention", '{"keep_last": 0, "daily_days": 0, "weekly_weeks": 0, "monthly_months": 0}'),
    )
    assert backup_rotation.policy_of(archive).keep_last == 3
    for _ in range(4):
        archive.backup_before("auto")
    assert len(list_backups(archive.layout.backups)) == 3


def _daily_history(folder: Path, last: dt.datetime, days: int) -> set[Path]:
    folder.mkdir(exist_ok=True)
    made = set()
    for n in range(days):
        taken = last - dt.timedelta(days=n)
        for reason in ("auto",) + (("pre-import",) if n % 50 == 0 else ()):
            path = folder / f"branchdesk-{taken:%Y%m%d-%H%M%S}-{reason}.sqlite3"
            path.write_bytes(b"placeholder")
            made.add(path)
    return made


def _set_clock(monkeypatch, when: dt.datetime) -> None:
    from branchdesk import clock

    monkeypatch.setattr(clock, "now", lambda: when)
    monkeypatch.setattr(clock, "today", lambda: when.date())


def test_a_start_with_the_clock_in_2035_keeps_the_history(archive, monkeypatch):
    data_dir, url = archive.layout.root, archive.url
    archive.close(auto_backup=False)
    backups = data_dir / "backups"
    for old in backups.iterdir():
        old.unlink()
    last = dt.datetime(2025, 6, 30, 9, 0)
    _daily_history(backups, last, 365)
    _set_clock(monkeypatch, last + dt.timedelta(days=1, hours=1))
    with Archive.open(data_dir, url):  # a normal start: a backup, then the usual rotation
        pass
    kept_normally = {b.path for b in list_backups(backups)}
    assert len(kept_normally) < 60

    _set_clock(monkeypatch, dt.datetime(2035, 1, 1, 8, 0))
    with Archive.open(data_dir, url) as wrong_clock:
        assert wrong_clock.last_backup_error == ""
    after = {b.path for b in list_backups(backups)}
    # The history stays: at most the oldest of the daily, weekly and monthly tiers made
    # room for the new backup, as on any normal day (the clock alone deletes nothing).
    assert len(kept_normally - after) <= 3
    (new,) = after - kept_normally
    assert new.name.startswith("branchdesk-20350101")
    history_months = {(b.taken_at.year, b.taken_at.month) for b in list_backups(backups) if b.taken_at.year < 2030}
    assert len(history_months) >= 12

    _set_clock(monkeypatch, dt.datetime(2035, 1, 2, 8, 0))
    with Archive.open(data_dir, url):  # a second day with the wrong clock
        pass
    months = {(b.taken_at.year, b.taken_at.month) for b in list_backups(backups) if b.taken_at.year < 2030}
    assert len(months) >= 11

    corrected = dt.datetime(2025, 7, 3, 8, 0)
    _set_clock(monkeypatch, corrected)
    with Archive.open(data_dir, url) as reopened:
        # The future-dated backups are kept and reported, and do not count as recent.
        future = [b for b in list_backups(backups) if b.taken_at > corrected]
        assert len(future) == 2
        warning = backup_rotation.backup_age_warning(reopened)
        assert "晚于现在" in warning and "时钟" in warning
        assert "时钟" in " ".join(reopened.health_report()["summary"])
    newest_real = next(b for b in list_backups(backups) if b.taken_at <= corrected)
    assert newest_real.taken_at == corrected  # "backup due" despite the 2035 files


def test_rotation_never_removes_the_backup_just_written_or_young_pre_backups():
    now = dt.datetime(2025, 6, 30, 18, 0)
    future = [_fake(dt.datetime(2035, 1, 1) + dt.timedelta(hours=h)) for h in range(10)]
    history = [_fake(now - dt.timedelta(days=d)) for d in range(1, 200)]
    pre = [_fake(now - dt.timedelta(days=d, hours=1), "pre-upgrade-v2") for d in (3, 29, 40)]
    just = _fake(now)
    policy = RetentionPolicy(keep_last=3, daily_days=0, weekly_weeks=0, monthly_months=0)
    pruned = {b.path for b in to_prune(future + history + pre + [just], policy, now, just_written=just.path)}
    assert just.path not in pruned and not pruned & {b.path for b in future}
    assert pre[0].path not in pruned and pre[1].path not in pruned and pre[2].path in pruned


def test_backups_list_on_the_command_line(archive, capsys):
    archive.members.add_many(member_forms(2))
    path = archive.backup_to(None)
    data_dir, url = archive.layout.root, archive.url
    archive.close()
    code, out, _ = cli_run(capsys, data_dir, "backups", "list", "--verify", db_url=url)
    assert code == 0 and path.name in out and "手动" in out and "校验通过" in out
    os.truncate(path, 5000)
    code, out, _ = cli_run(capsys, data_dir, "backups", "list", "--verify", db_url=url)
    assert code == 1 and "有问题" in out


def test_backup_in_a_worker_thread_uses_its_own_connection(archive, tmp_path):
    """The window runs backups off the GUI thread."""
    import threading

    archive.members.add_many(member_forms(3))
    results = []
    worker = threading.Thread(target=lambda: results.append(archive.backup_to(None)))
    worker.start()
    worker.join()
    assert _members_in(results[0]) == 3
    assert archive.members.count() == 3  # the window's own connection is untouched


def _disk_full(*_args, **_kwargs):
    raise sqlite3.OperationalError("database or disk is full")


def test_automatic_backups_that_fail_never_block_opening_or_closing(archive, monkeypatch):
    """Injected disk-full in the copy itself (both engines)."""
    archive.members.add_many(member_forms(2))
    data_dir, url = archive.layout.root, archive.url
    archive.close()
    for backup in list_backups(data_dir / "backups"):
        backup.path.unlink()  # so the next open wants a backup
    monkeypatch.setattr(backup_mod, "_copy_sqlite", _disk_full)
    monkeypatch.setattr(backup_mod, "_copy_postgres", _disk_full)
    reopened = Archive.open(data_dir, url)
    assert "空间已满" in reopened.last_backup_error
    assert "空间已满" in reopened.health_report()["automatic_backup_error"]
    reopened.members.add_many(member_forms(1, start=10))
    with pytest.raises(StorageError, match="空间已满"):  # before an import: typed, and the import must not go ahead
        reopened.backup_before("pre-import")
    with pytest.raises(StorageError, match="空间已满"):
        reopened.backup_to(None)
    reopened.close()  # no exception, the archive is closed and released
    assert list_backups(data_dir / "backups") == [] and not list((data_dir / "backups").glob(".tmp-*"))
    monkeypatch.undo()
    with Archive.open(data_dir, url) as again:
        assert again.members.count() == 3 and not again.read_only


def _fill(folder: Path, leave: int) -> None:
    stats = os.statvfs(folder)
    free = stats.f_bavail * stats.f_frsize
    with open(folder / "filler.bin", "wb") as handle:
        handle.write(b"\0" * max(0, free - leave))


def test_real_full_disk_during_automatic_backups(tmp_path, templates):
    """The archive itself on a small, nearly full file system (SQLite)."""
    with tmpfs(tmp_path / "small-disk", "3m") as disk:
        data_dir, _ = templates.copy(disk / "archive", "sqlite")
        from branchdesk.branch import BranchInfo

        with Archive.open(data_dir) as archive:
            archive.branch.save_own(BranchInfo(name="测试村党支部", kind="village"))
            archive.members.add_many(member_forms(300, note="备注" * 100))
        for backup in list_backups(data_dir / "backups"):
            backup.path.unlink()
        size = (data_dir / "branchdesk.sqlite3").stat().st_size
        _fill(disk, leave=200 * 1024)
        assert size > 400 * 1024  # no room for a copy
        archive = Archive.open(data_dir)
        assert "空间已满" in archive.last_backup_error
        assert archive.members.count() == 300
        archive.settings.set("paper_preset", "gbt9704")
        archive.close()  # the backup at close fails too, quietly
        assert list_backups(data_dir / "backups") == []
        (disk / "filler.bin").unlink()
        with Archive.open(data_dir) as again:
            assert again.settings.get("paper_preset") == "gbt9704" and again.last_backup_error == ""
        assert len(list_backups(data_dir / "backups")) == 1


def test_a_backup_to_a_stick_carries_the_attachments_and_a_restore_brings_them_back(branch, tmp_path):
    from branchdesk.safety.restore import restore
    from tests.domain.meetings_support import held_form

    archive, _, _ = branch
    meeting_id = archive.meetings.plan(held_form(archive))
    scans = []
    for n in range(3):
        scan = tmp_path / f"签到表{n}.png"
        scan.write_bytes(f"扫描件 {n} ".encode() * 1000)
        archive.meetings.attach(meeting_id, scan, "sign_in")
        scans.append(scan)
    stick = tmp_path / "usb"
    stick.mkdir()
    first = archive.backup_to(stick)
    carried = sorted((stick / "attachments").rglob("*.png"))
    assert len(carried) == 3
    assert {backup_mod.sha256_file(p) for p in carried} == {backup_mod.sha256_file(s) for s in scans}
    assert {p.stem for p in carried} == {backup_mod.sha256_file(p) for p in carried}  # named by their hash
    stamps = {p: p.stat().st_mtime_ns for p in carried}
    fourth = tmp_path / "会议照片.jpg"
    fourth.write_bytes(b"photo" * 500)
    archive.meetings.attach(meeting_id, fourth, "photo")
    archive.backup_to(stick)  # incremental: only the new file is copied
    assert len(list((stick / "attachments").rglob("*.*"))) == 4
    assert all(p.stat().st_mtime_ns == stamps[p] for p in carried)
    assert not list(stick.rglob(".tmp-*"))

    data_dir, url = archive.layout.root, archive.url
    archive.close()
    lost = sorted(p for p in (data_dir / "attachments").rglob("*") if p.is_file())
    assert len(lost) == 4
    for path in lost:
        path.unlink()  # the PC's disk was replaced; the stick is all there is
    result = restore(data_dir, first, url)
    assert result.attachments_restored == 4 and "4 个会议附件" in result.message()
    with Archive.open(data_dir, url) as restored:
        detail = restored.meetings.detail(meeting_id)
        assert len(detail.attachments) == 3  # the backup was taken before the fourth
        for attachment in detail.attachments:
            assert restored.meetings.attachment_file(attachment.id).is_file()  # checked by its SHA-256


def test_attachments_that_do_not_fit_stop_the_backup_before_anything_is_written(branch, tmp_path, monkeypatch):
    from tests.domain.meetings_support import held_form

    archive, _, _ = branch
    meeting_id = archive.meetings.plan(held_form(archive))
    scan = tmp_path / "scan.png"
    scan.write_bytes(b"x" * 300_000)
    archive.meetings.attach(meeting_id, scan, "sign_in")
    stick = tmp_path / "usb"
    stick.mkdir()
    size = archive.backup_to(None).stat().st_size  # about the size of the backup file
    room = size + backup_mod.FREE_SPACE_MARGIN + 100_000  # the database fits, the attachment not
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: shutil._ntuple_diskusage(10**9, 10**9 - room, room))
    with pytest.raises(StorageError, match="含会议附件.*没有写入任何文件"):
        archive.backup_to(stick)
    assert list(stick.rglob("*.*")) == []


def test_a_worker_backup_to_a_stick_writes_nothing_to_the_database(archive, tmp_path):
    """The window copies in a worker and notes the backup on its own thread after."""
    import threading

    stick = tmp_path / "usb"
    stick.mkdir()
    writes = archive.db.write_count
    results = []
    worker = threading.Thread(target=lambda: results.append(archive.backup_to(stick, remember=False)))
    worker.start()
    worker.join()
    assert archive.db.write_count == writes and backup_rotation.last_backup(archive) is None
    archive.remember_backup(results[0])  # on the thread that owns the connection
    assert backup_rotation.last_backup(archive).path == results[0]
    archive.remember_backup(archive.backup_to(None))  # the archive's own folder needs no note
    assert archive.settings.get("backup.last_external")["path"] == str(results[0])


def test_backup_names_are_read_to_the_second_and_impossible_dates_are_passed_over(tmp_path):
    for name in ("branchdesk-20261206-234322-auto.sqlite3", "branchdesk-20260230-120000-manual.sqlite3",
                 "branchdesk-20261206-246000-auto.sqlite3", "branchdesk-20250101-000001-close-2.sqlite3"):
        (tmp_path / name).write_bytes(b"x")
    found = list_backups(tmp_path)
    assert [(b.taken_at, b.reason) for b in found] == [
        (dt.datetime(2026, 12, 6, 23, 43, 22), "auto"), (dt.datetime(2025, 1, 1, 0, 0, 1), "close")]
