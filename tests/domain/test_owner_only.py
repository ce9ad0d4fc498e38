"""The archive is for its owner alone: folders 0700, the database with its -wal and
-shm, backups, attachments and exports 0600 — also under a permissive umask, and an
archive made by an older version is narrowed at its next open."""

import datetime as dt
import os
import stat

import pytest

from branchdesk.archive import Archive
from branchdesk.branch import BranchInfo
from tests.domain.safety_support import cli_run

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def _loose_files(root) -> list[str]:
    loose = []
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            if _mode(os.path.join(folder, name)) & 0o077:
                loose.append(os.path.join(folder, name))
        for name in files:
            if _mode(os.path.join(folder, name)) & 0o077:
                loose.append(os.path.join(folder, name))
    if _mode(root) & 0o077:
        loose.append(str(root))
    return loose


@pytest.fixture
def permissive_umask():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.slow
def test_a_new_archive_and_what_it_writes_are_owner_only(tmp_path, capsys, permissive_umask):
    data_dir = tmp_path / "archive"
    code, _out, err = cli_run(capsys, data_dir, "demo")
    assert code == 0, err
    archive = Archive.open(data_dir, auto_backup=False)
    try:
        archive.settings.set("archive.note", "x")  # a write: the -wal and -shm files exist now
        assert (data_dir / "branchdesk.sqlite3-wal").exists()
        (tmp_path / "stick").mkdir()
        archive.backup_to(tmp_path / "stick")
        loose = _loose_files(data_dir)
    finally:
        archive.close(auto_backup=False)
    assert loose == []
    code, _out, err = cli_run(capsys, data_dir, "export", "year", "2025", "--out", str(data_dir / "exports" / "y.pdf"),
                              "--quiet")
    assert code == 0, err
    assert _mode(data_dir / "exports" / "y.pdf") == 0o600
    assert _loose_files(tmp_path / "stick" / "attachments") == []
    assert [p for p in (tmp_path / "stick").iterdir() if p.is_file() and _mode(p) & 0o077] == []


def test_an_older_archive_is_narrowed_at_open(tmp_path, permissive_umask):
    data_dir = tmp_path / "archive"
    archive = Archive.open(data_dir, auto_backup=False)
    archive.branch.save_own(BranchInfo(name="测试村党支部", kind="village", term_started_on=dt.date(2023, 1, 5)))
    archive.backup_to()
    archive.close(auto_backup=False)
    for folder, _dirs, files in os.walk(data_dir):  # as an older version left it
        os.chmod(folder, 0o755)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o644)

    Archive.open(data_dir, auto_backup=False).close(auto_backup=False)
    assert _loose_files(data_dir) == []
