"""Which opens check the whole SQLite file (reliability promise 3, safety/open_check.py):
a large file closed cleanly by this PC's writer and unchanged since skips the whole
quick_check for a day; damage after an unclean close, behind a mark that does not match
or is not this PC's, and after a day, is still found. Here ``WHOLE_CHECK_BELOW`` is set to
0 so that the demo archive counts as large."""

import json
import os
import subprocess
import sys

import pytest

from branchdesk import paths
from branchdesk.archive import Archive
from branchdesk.errors import TAKEN_OVER, DamagedArchive, StorageError
from branchdesk.safety import open_check
from tests.domain.safety_support import member_forms, subprocess_env

# A writer that saves and is killed (a power cut): no clean close, its -wal left behind.
KILLED_WRITER = r"""
import os, sys
from branchdesk.archive import Archive
from tests.domain.safety_support import member_forms
archive = Archive.open(sys.argv[1], auto_backup=False)
archive.members.add_many(member_forms(2, start=500))
os._exit(0)
"""


@pytest.fixture
def large(monkeypatch):
    monkeypatch.setattr(open_check, "WHOLE_CHECK_BELOW", 0)


def _damage_keeping_times(path) -> bytes:
    """A page overwritten in place, size and modification time put back as they were:
    damage that leaves no trace in the file's attributes."""
    before = os.stat(path)
    data = bytearray(path.read_bytes())
    page = (len(data) // 4096) // 2
    data[page * 4096 : (page + 1) * 4096] = b"\xff" * 4096
    with open(path, "r+b") as out:
        out.write(data)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    return bytes(data)


def _closed_cleanly(data_dir):
    with Archive.open(data_dir, auto_backup=False) as archive:
        archive.members.add_many(member_forms(1, start=100))
    layout = paths.ArchiveLayout(data_dir)
    assert open_check.mark_path(layout).exists()
    return layout


def test_a_clean_reopen_of_an_unchanged_large_file_skips_the_whole_check(archive_factory, large, caplog):
    data_dir, _ = archive_factory("sqlite", "demo")
    with Archive.open(data_dir, auto_backup=False) as archive:
        assert archive.open_check.ran  # no mark of this file yet (a copied folder's names another path)
    layout = paths.ArchiveLayout(data_dir)
    first = json.loads(open_check.mark_path(layout).read_text(encoding="utf-8"))
    caplog.set_level("INFO", logger="branchdesk.safety.health")
    with Archive.open(data_dir, auto_backup=False) as archive:
        assert not archive.open_check.ran
        assert archive.open_check.checked_at == first["checked_at"]  # the day runs from the whole check
        assert not open_check.mark_path(layout).exists()  # while open, nothing vouches for the file
        archive.members.add_many(member_forms(1, start=101))
    assert "quick_check of" in caplog.text and "skipped" in caplog.text
    again = json.loads(open_check.mark_path(layout).read_text(encoding="utf-8"))
    assert again["checked_at"] == first["checked_at"] and again["mtime_ns"] != first["mtime_ns"]
    with Archive.open(data_dir, read_only=True) as reader:  # a reader trusts the mark too, and keeps it
        assert not reader.open_check.ran
    assert open_check.mark_path(layout).exists()


def test_damage_after_an_unclean_close_is_found(archive_factory, large):
    data_dir, _ = archive_factory("sqlite", "demo")
    layout = _closed_cleanly(data_dir)
    stale_mark = open_check.mark_path(layout).read_bytes()
    killed = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(data_dir)], env=subprocess_env(),
                            capture_output=True, text=True, timeout=120)
    assert killed.returncode == 0, killed.stderr
    assert not open_check.mark_path(layout).exists()  # removed when the writer opened
    # Even the old mark put back beside a page damaged under unchanged attributes does not hide it:
    open_check.mark_path(layout).write_bytes(stale_mark)
    damaged = _damage_keeping_times(layout.database)
    with pytest.raises(DamagedArchive) as caught:
        Archive.open(data_dir)
    assert caught.value.moved_to.read_bytes() == damaged


def test_a_damaged_file_whose_mark_does_not_match_is_found(archive_factory, large):
    data_dir, _ = archive_factory("sqlite", "demo")
    layout = _closed_cleanly(data_dir)
    data = bytearray(layout.database.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 4096] = b"\x00" * 4096
    layout.database.write_bytes(data)  # another program wrote it: a new modification time
    with pytest.raises(DamagedArchive):
        Archive.open(data_dir)


@pytest.mark.parametrize("forgery", ["unsigned", "another PC's key"])
def test_a_mark_not_signed_on_this_pc_leads_to_the_whole_check(archive_factory, large, forgery):
    data_dir, _ = archive_factory("sqlite", "demo")
    layout = _closed_cleanly(data_dir)
    mark = json.loads(open_check.mark_path(layout).read_text(encoding="utf-8"))
    damaged = _damage_keeping_times(layout.database)
    if forgery == "unsigned":
        mark["signature"] = "0" * 64
        open_check.mark_path(layout).write_text(json.dumps(mark), encoding="utf-8")
    else:  # the archive (with its mark) carried to another PC, or this PC's key replaced
        open_check.key_path().write_bytes(os.urandom(32))
    with pytest.raises(DamagedArchive) as caught:
        Archive.open(data_dir)
    assert caught.value.moved_to.read_bytes() == damaged


@pytest.mark.parametrize("age_hours", [24, -1])
def test_the_daily_whole_check_still_runs(archive_factory, large, age_hours):
    data_dir, _ = archive_factory("sqlite", "demo")
    layout = _closed_cleanly(data_dir)
    import time

    assert open_check.remember(layout, time.time() - age_hours * 3600)  # a day old, or in the future
    with Archive.open(data_dir, auto_backup=False) as archive:
        assert archive.open_check.ran and "一天" in archive.open_check.why
    with Archive.open(data_dir, auto_backup=False) as archive:  # and the day starts again
        assert not archive.open_check.ran


@pytest.mark.parametrize("trouble", ["file fault", "lock taken over"])
def test_no_mark_after_a_file_fault_or_a_take_over(archive_factory, large, monkeypatch, trouble):
    data_dir, _ = archive_factory("sqlite", "demo")
    layout = _closed_cleanly(data_dir)
    archive = Archive.open(data_dir, auto_backup=False)
    if trouble == "file fault":
        archive.db.file_fault = True  # what an I/O error or a damaged page on the connection notes
    else:  # another PC took the archive over: its writer may have the file open now
        monkeypatch.setattr(archive.lock, "verify", lambda: (_ for _ in ()).throw(StorageError(TAKEN_OVER)))
    archive.close()
    assert not open_check.mark_path(layout).exists()
    with Archive.open(data_dir, auto_backup=False) as archive:
        assert archive.open_check.ran


def test_small_files_and_postgres(archive_factory, engine):
    """A small SQLite file (every branch archive) is checked whole at every open and gets
    no mark; a PostgreSQL server checks its own pages, so no file check runs at all."""
    data_dir, url = archive_factory(engine, "demo")
    for n in range(2):
        with Archive.open(data_dir, url, auto_backup=False) as archive:
            archive.members.add_many(member_forms(1, start=200 + n))
            check = archive.open_check
            if engine == "sqlite":
                assert check.ran and "较小" in check.why
            else:
                assert check is None
    assert not open_check.mark_path(paths.ArchiveLayout(data_dir)).exists()
