"""Writing a bundle to a stick that fills up, is write-protected, is pulled out, lies
about what it stored, or is FAT32; and a cancelled write. Each leaves no file (not
even a temporary one) and uses no sequence number; the next bundle is number 1."""

from __future__ import annotations

import errno
import shutil
import tempfile

import pytest

from branchdesk.bundle import ledger, target, writer
from branchdesk.bundle.errors import BundleCancelled
from branchdesk.bundle.writer import write_bundle
from branchdesk.errors import StorageError
from tests.domain.bundle_support import folder_state
from tests.domain.safety_support import tmpfs


@pytest.fixture
def stick(tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


def nothing_written(archive, stick) -> None:
    assert folder_state(stick) == {}
    assert ledger.exports(archive.db) == []
    assert not [p for p in archive.layout.exports.glob(".bdx-staging-*")]


def next_bundle_is_number_one(archive, stick) -> None:
    assert write_bundle(archive, stick).sequence == 1


def test_cancel_leaves_nothing_and_uses_no_number(bundle_branch, stick):
    seen = []

    def progress(done, total, text):
        seen.append(text)

    with pytest.raises(BundleCancelled, match="已取消"):
        write_bundle(bundle_branch, stick, progress=progress, cancel=lambda: "正在写入…" in seen)
    assert "正在打包…" in seen
    nothing_written(bundle_branch, stick)
    next_bundle_is_number_one(bundle_branch, stick)


def test_cancel_while_the_yearly_pdf_is_made_leaves_nothing(bundle_branch, stick):
    seen = []
    with pytest.raises(BundleCancelled):
        write_bundle(bundle_branch, stick, progress=lambda d, t, text: seen.append(text),
                     cancel=lambda: any("年度档案：" in text for text in seen))
    nothing_written(bundle_branch, stick)
    next_bundle_is_number_one(bundle_branch, stick)


def test_cancel_while_encrypting_leaves_nothing(bundle_branch, stick):
    seen = []
    with pytest.raises(BundleCancelled):
        write_bundle(bundle_branch, stick, password="pw", progress=lambda d, t, text: seen.append(text),
                     cancel=lambda: "正在加密并写入…" in seen)
    nothing_written(bundle_branch, stick)


def test_disk_full_while_writing(bundle_branch, stick, monkeypatch):
    def full(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writer._HashingWriter, "write", full)
    with pytest.raises(StorageError, match="空间已满.*没有留下不完整的文件"):
        write_bundle(bundle_branch, stick)
    nothing_written(bundle_branch, stick)
    monkeypatch.undo()
    next_bundle_is_number_one(bundle_branch, stick)


def test_stick_pulled_out_while_writing(bundle_branch, stick, monkeypatch):
    def pulled(self, data):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(writer._HashingWriter, "write", pulled)
    with pytest.raises(StorageError, match="可能被拔出"):
        write_bundle(bundle_branch, stick)
    nothing_written(bundle_branch, stick)


def test_too_little_free_space_is_said_before_writing(bundle_branch, stick, monkeypatch):
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: shutil._ntuple_diskusage(10**9, 10**9 - 4096, 4096))
    with pytest.raises(StorageError, match="剩余空间不足.*没有写入任何文件"):
        write_bundle(bundle_branch, stick)
    nothing_written(bundle_branch, stick)


def test_write_protected_stick(bundle_branch, stick, monkeypatch):
    def write_protected(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", write_protected)
    with pytest.raises(StorageError, match="只读.*写保护"):
        write_bundle(bundle_branch, stick)
    monkeypatch.undo()
    nothing_written(bundle_branch, stick)


def test_a_stick_that_reads_back_other_bytes_is_caught(bundle_branch, stick, monkeypatch):
    monkeypatch.setattr(writer, "sha256_file", lambda _path: "0" * 64)
    with pytest.raises(StorageError, match="读回后与写入的不一致"):
        write_bundle(bundle_branch, stick)
    nothing_written(bundle_branch, stick)


@pytest.mark.parametrize(("file_system", "refused"), [("vfat", True), (None, True), ("ext4", False), ("exfat", False)])
def test_the_fat32_limit(bundle_branch, stick, monkeypatch, file_system, refused):
    """A file of 4 GiB cannot be made here; the limit is lowered to the bundle's size."""
    monkeypatch.setattr(target, "FAT32_MAX_FILE", 1000)
    monkeypatch.setattr(target, "file_system", lambda _folder: file_system)
    if refused:
        with pytest.raises(StorageError, match="FAT32"):
            write_bundle(bundle_branch, stick)
        nothing_written(bundle_branch, stick)
    else:
        assert write_bundle(bundle_branch, stick).size > 1000


def test_the_file_system_is_read_from_the_mount_table(tmp_path):
    found = target.file_system(tmp_path)
    assert found and found != "vfat"


def test_a_missing_folder_is_refused_not_created(bundle_branch, tmp_path):
    with pytest.raises(StorageError, match="找不到目标文件夹"):
        write_bundle(bundle_branch, tmp_path / "not-plugged-in")
    assert not (tmp_path / "not-plugged-in").exists()


def test_a_real_full_stick(bundle_branch, tmp_path, monkeypatch):
    with tmpfs(tmp_path / "small-usb", "16k") as small:
        # A stick that over-reports its free space: the write itself hits ENOSPC.
        monkeypatch.setattr(shutil, "disk_usage", lambda _p: shutil._ntuple_diskusage(10**9, 0, 10**9))
        with pytest.raises(StorageError, match="空间已满"):
            write_bundle(bundle_branch, small)
        assert folder_state(small) == {}
        monkeypatch.undo()
        with pytest.raises(StorageError, match="剩余空间不足"):
            write_bundle(bundle_branch, small)
        assert folder_state(small) == {}
    assert ledger.exports(bundle_branch.db) == []


def test_a_real_read_only_stick(bundle_branch, tmp_path):
    with tmpfs(tmp_path / "ro-usb", "4m", read_only=True) as read_only, pytest.raises(StorageError, match="只读"):
        write_bundle(bundle_branch, read_only)
    assert ledger.exports(bundle_branch.db) == []


def test_a_year_to_come_before_the_founding_or_without_records_is_refused(bundle_branch, stick):
    """docs/domain.md §6.3: such a bundle would take a number for a year the branch never kept."""
    import datetime as dt

    from branchdesk import clock
    from branchdesk.errors import ValidationError

    archive, this_year = bundle_branch, clock.today().year
    info = archive.branch.own()
    info.founded_on = dt.date(2010, 7, 1)
    archive.branch.save_own(info)
    for years, words in (([this_year + 5], f"{this_year + 5}年还没有到"),
                         ([2005], "2005年早于本支部成立（2010年）"),
                         ([2012, 2013, this_year], f"2012—2013年早于档案库中最早的记录（{this_year - 1}年）"),
                         ([this_year + 1], "还没有到")):
        with pytest.raises(ValidationError, match=words) as caught:
            write_bundle(archive, stick, years=years)
        assert "没有生成数据包，编号未占用" in str(caught.value)
        nothing_written(archive, stick)
    next_bundle_is_number_one(archive, stick)


def test_a_year_whose_records_were_deleted_since_a_bundle_may_be_sent_again(bundle_branch, stick):
    """An emptied year (docs/domain.md §6.3.1) is carried again, empty, so the upper level
    drops its records: that is not a year without records to refuse."""
    from branchdesk import clock
    from branchdesk.bundle.changes import year_changes

    archive, last_year = bundle_branch, clock.today().year - 1
    write_bundle(archive, stick)
    from branchdesk.storage.models import Meeting

    with archive.bound():
        [meeting] = [m.id for m in Meeting.select() if m.planned_on.year == last_year]
    archive.meetings.delete(meeting)
    assert last_year in year_changes(archive).default_years()
    assert write_bundle(archive, stick, years=[last_year]).sequence == 2


def test_an_archive_without_records_sends_this_year_with_its_roster(archive, stick):
    from branchdesk import clock

    assert write_bundle(archive, stick, years=[clock.today().year]).sequence == 1
