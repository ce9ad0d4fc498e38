"""A command pointed at a folder with no archive (a mistyped --data-dir, a stick not
plugged in) says so in Chinese and leaves the folder as it was: no empty database, no
backups/, aside/ or attachments/ folders, no log."""

from __future__ import annotations

import pytest

from branchdesk.cli import main


@pytest.mark.parametrize("command", [["members", "list"], ["meetings", "list"], ["dues", "status"]])
def test_a_folder_that_does_not_exist_is_not_created(tmp_path, capsys, command):
    folder = tmp_path / "没有这个文件夹"
    assert main(["--data-dir", str(folder), *command]) == 1
    error = capsys.readouterr().err
    assert "没有找到档案库" in error and str(folder) in error and "branchdesk init" in error
    assert not folder.exists()


def test_an_empty_folder_stays_empty(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path), "members", "list"]) == 1
    assert "没有找到档案库" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_init_still_creates_the_archive_there(tmp_path, capsys):
    folder = tmp_path / "新档案库"
    assert main(["--data-dir", str(folder), "init", "--name", "测试村党支部", "--kind", "village"]) == 0
    assert (folder / "branchdesk.sqlite3").exists()
    assert main(["--data-dir", str(folder), "members", "list"]) == 0


def test_a_lost_database_with_backups_still_offers_them(demo_dir, capsys):
    """The database file gone, its backups still there: the message is about restoring
    the newest backup (Archive.open's ArchiveMissing), not "no archive here"."""
    assert main(["--data-dir", str(demo_dir), "backup"]) == 0
    (demo_dir / "branchdesk.sqlite3").unlink()
    assert main(["--data-dir", str(demo_dir), "members", "list"]) != 0
    error = capsys.readouterr().err
    assert "没有找到档案库" not in error and "备份" in error
