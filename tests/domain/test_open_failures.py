"""Only real damage moves a database aside; a file that cannot be read just now stays
where it is; a missing database in a folder with backups is never silently replaced by
an empty archive; set-aside moves are all-or-nothing; a restore killed half-way leaves
a complete database in place."""

import json
import os
import sqlite3

import pytest

from branchdesk import paths
from branchdesk.archive import Archive
from branchdesk.errors import ArchiveMissing, DamagedArchive, StorageError
from branchdesk.safety import health
from branchdesk.safety import restore as restore_mod
from branchdesk.safety.restore import restore
from branchdesk.storage import database as storage_db
from tests.domain.safety_support import cli_run, member_forms


def _aside(data_dir) -> list[str]:
    folder = data_dir / "aside"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def _archive_with_backup(archive_factory, members=3):
    data_dir, _ = archive_factory("sqlite")
    from branchdesk.branch import BranchInfo

    archive = Archive.open(data_dir)
    with archive.bound():
        archive.branch.save_own(BranchInfo(name="测试村党支部", kind="village"))
        archive.members.add_many(member_forms(members))
        backup = archive.backup_to(None)
    # no backup at close: on a slow machine it fell in the next second and was the newest
    archive.close(auto_backup=False)
    return data_dir, backup


def test_a_database_held_exclusively_by_another_program_is_not_called_damaged(archive_factory, monkeypatch):
    monkeypatch.setattr(storage_db, "BUSY_TIMEOUT_S", 0.2)
    data_dir, _ = _archive_with_backup(archive_factory)
    other = sqlite3.connect(data_dir / "branchdesk.sqlite3", isolation_level=None)
    other.execute("PRAGMA locking_mode=EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageError) as caught:
            Archive.open(data_dir)
        assert not isinstance(caught.value, DamagedArchive)
        assert "没有被移动" in caught.value.message()
        assert (data_dir / "branchdesk.sqlite3").exists() and _aside(data_dir) == []
    finally:
        other.execute("COMMIT")
        other.close()
    with Archive.open(data_dir) as archive:
        assert archive.members.count() == 3


def test_a_database_that_cannot_be_opened_stays_where_it_is(tmp_path):
    data_dir = tmp_path / "archive"
    paths.ArchiveLayout(data_dir).create()
    (data_dir / "branchdesk.sqlite3").mkdir()  # e.g. a broken sync tool: "unable to open"
    with pytest.raises(StorageError) as caught:
        Archive.open(data_dir)
    assert not isinstance(caught.value, DamagedArchive)
    assert (data_dir / "branchdesk.sqlite3").is_dir() and _aside(data_dir) == []


def test_a_file_that_is_not_a_database_is_damage(tmp_path):
    data_dir = tmp_path / "archive"
    paths.ArchiveLayout(data_dir).create()
    (data_dir / "branchdesk.sqlite3").write_bytes(b"\x00garbage" * 2000)
    with pytest.raises(DamagedArchive) as caught:
        Archive.open(data_dir)
    assert caught.value.moved_to.read_bytes() == b"\x00garbage" * 2000
    assert not (data_dir / "branchdesk.sqlite3").exists()


def test_missing_database_with_backups_is_refused_and_the_backup_offered(archive_factory, capsys):
    data_dir, backup = _archive_with_backup(archive_factory)
    (data_dir / "branchdesk.sqlite3").unlink()  # deleted by hand, or lost with a bad sync
    with pytest.raises(ArchiveMissing) as caught:
        Archive.open(data_dir)
    missing = caught.value
    assert missing.offered.path == backup and backup.name in missing.message()
    assert not (data_dir / "branchdesk.sqlite3").exists()  # no empty archive made
    with pytest.raises(ArchiveMissing):
        Archive.open(data_dir, read_only=True)
    code, out, _ = cli_run(capsys, data_dir, "check", "--json")
    report = json.loads(out)
    assert code == 1 and report["offered_backup"]["path"] == str(backup)
    restore(data_dir, missing.offered.path)  # what the window offers
    with Archive.open(data_dir) as archive:
        assert archive.members.count() == 3


def test_user_may_still_choose_a_new_empty_archive(archive_factory):
    data_dir, backup = _archive_with_backup(archive_factory)
    (data_dir / "branchdesk.sqlite3").unlink()
    (data_dir / "branchdesk.sqlite3-wal").write_bytes(b"left over")  # never next to a new file
    with Archive.open(data_dir, start_new=True) as archive:
        assert not archive.is_initialised()
    assert backup.exists()
    (kept,) = [p for p in (data_dir / "aside").iterdir() if p.name.endswith("-wal")]
    assert kept.read_bytes() == b"left over"


def test_first_start_in_an_empty_folder_still_creates_the_archive(tmp_path):
    with Archive.open(tmp_path / "new") as archive:
        assert not archive.is_initialised()


def test_move_aside_is_all_or_nothing(tmp_path, monkeypatch):
    layout = paths.ArchiveLayout(tmp_path / "archive")
    layout.create()
    files = {suffix: f"content{suffix}".encode() for suffix in ("", "-wal", "-shm")}
    for suffix, data in files.items():
        (layout.root / f"branchdesk.sqlite3{suffix}").write_bytes(data)
    real_replace = os.replace

    def fails_on_the_database(source, target):
        if str(source) == str(layout.database):
            raise OSError(13, "Permission denied")  # e.g. another program has it open on Windows
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", fails_on_the_database)
    with pytest.raises(StorageError, match="没有改动"):
        health.move_aside(layout, "damaged")
    monkeypatch.undo()
    for suffix, data in files.items():
        assert (layout.root / f"branchdesk.sqlite3{suffix}").read_bytes() == data
    assert list(layout.aside.iterdir()) == []


def test_a_restore_killed_between_keeping_aside_and_swapping_leaves_the_archive(archive_factory, monkeypatch):
    data_dir, backup = _archive_with_backup(archive_factory)
    with Archive.open(data_dir) as archive:
        archive.members.add_many(member_forms(2, start=50))
    database = data_dir / "branchdesk.sqlite3"
    real_replace = os.replace

    class Killed(BaseException):
        pass

    def killed_at_the_swap(source, target):
        if str(target) == str(database):
            raise Killed()
        real_replace(source, target)

    monkeypatch.setattr(restore_mod.os, "replace", killed_at_the_swap)
    with pytest.raises(Killed):
        restore(data_dir, backup)
    monkeypatch.undo()
    with Archive.open(data_dir) as archive:  # the current archive, complete
        assert archive.members.count() == 5
    (kept,) = [p for p in (data_dir / "aside").iterdir() if p.name.endswith("before-restore.sqlite3")]
    conn = storage_db.connect_read_only(kept)
    try:
        assert conn.execute("SELECT COUNT(*) FROM member").fetchone()[0] == 5
    finally:
        conn.close()
    restore(data_dir, backup)
    with Archive.open(data_dir) as archive:
        assert archive.members.count() == 3
