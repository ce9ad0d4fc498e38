"""Every write path, when the disk is full, write-protected or gone, ends in a Chinese
message that says what happened and what to do; nothing half-written is left and what
was saved before is intact (issue 12, item 9)."""

import datetime as dt
import errno
import os

import pytest

from branchdesk.archive import Archive
from branchdesk.branch import BranchInfo
from branchdesk.cli import main as cli_main
from branchdesk.errors import StorageError
from branchdesk.roster.members import MemberForm
from tests.domain.safety_support import tmpfs
from tests.helpers import make_id

FAULTS = {errno.ENOSPC: "空间已满", errno.EROFS: "只读", errno.EIO: "出错"}


def _member(number: int) -> MemberForm:
    return MemberForm(name=f"党员{number}", id_number=make_id(dt.date(1970, 1, 1), 100 + number % 800),
                      joined_on=dt.date(1995, 7, 1), full_on=dt.date(1996, 7, 1), note="记" * 2000)


def test_a_full_disk_during_a_save_says_so_and_keeps_what_was_saved(tmp_path):
    with tmpfs(tmp_path / "small-disk", "2m") as disk:
        archive = Archive.open(disk / "archive", auto_backup=False)
        try:
            archive.branch.save_own(BranchInfo(name="测试村党支部", kind="village", higher_org="中共测试镇委员会",
                                               term_started_on=dt.date(2023, 1, 5)))
            saved = 0
            with pytest.raises(StorageError, match="磁盘空间已满") as full:
                for number in range(5000):
                    archive.members.add(_member(number))
                    saved += 1
            assert "rollback" not in full.value.message()
            assert saved > 0 and archive.members.count() == saved
            assert archive.audit.verify().ok
        finally:
            archive.close(auto_backup=False)


@pytest.fixture
def failing_writes(monkeypatch):
    """Make every file written through the program's atomic writer fail with ``code``."""
    real_replace = os.replace

    def arm(code: int):
        def failing(source, target, *args, **kwargs):
            if str(target).endswith((".xlsx", ".csv", ".pdf", ".txt", ".jsonl")):
                raise OSError(code, os.strerror(code), str(target))
            return real_replace(source, target, *args, **kwargs)

        monkeypatch.setattr(os, "replace", failing)

    return arm


@pytest.mark.parametrize("engine", ["sqlite"])  # files written outside the database: one engine shows it
@pytest.mark.parametrize("code", sorted(FAULTS))
def test_exports_from_the_command_line_end_in_a_message_not_a_traceback(demo_archive, tmp_path, capsys,
                                                                        failing_writes, code):
    data_dir = demo_archive.layout.root
    meeting = demo_archive.db.execute_sql("SELECT MIN(id) FROM meeting WHERE state = 'reported'").fetchone()[0]
    demo_archive.close(auto_backup=False)
    failing_writes(code)
    commands = [
        ["members", "export", str(tmp_path / "名册.xlsx")],
        ["export", "meeting", str(meeting), "--out", str(tmp_path / "会议.pdf")],
        ["bundle", "export-key", "--out", str(tmp_path / "公钥卡片.txt")],
    ]
    for command in commands:
        capsys.readouterr()
        status = cli_main(["--data-dir", str(data_dir), *command])
        out, err = capsys.readouterr()
        assert status == 1, command
        assert "Traceback" not in err and FAULTS[code] in err, (command, err)
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]
    with Archive.open(data_dir, read_only=True) as archive:
        assert archive.audit.verify().ok and archive.check_seals().ok


@pytest.mark.parametrize("engine", ["sqlite"])
def test_an_unexpected_error_reaches_the_log_not_the_screen(demo_archive, capsys, monkeypatch):
    data_dir = demo_archive.layout.root
    demo_archive.close(auto_backup=False)

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr("branchdesk.roster.members.MemberManager.query_ids", broken)
    status = cli_main(["--data-dir", str(data_dir), "members", "list"])
    out, err = capsys.readouterr()
    assert status == 3
    assert "Traceback" not in err and "日志" in err
    log = (data_dir / "branchdesk.log").read_text(encoding="utf-8")
    assert "ZeroDivisionError: a bug" in log and "Traceback" in log


@pytest.mark.parametrize("engine", ["sqlite"])
def test_a_number_too_large_for_any_database_is_a_user_error(demo_archive, capsys, tmp_path):
    data_dir = demo_archive.layout.root
    demo_archive.close(auto_backup=False)
    status = cli_main(["--data-dir", str(data_dir), "export", "meeting", "9" * 25, "--out", str(tmp_path / "m.pdf")])
    err = capsys.readouterr().err
    assert status == 1 and "数字太大" in err and "Traceback" not in err
