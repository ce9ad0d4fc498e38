"""An archive on a write-protected stick (a read-only mount) opens read-only, says why,
and can be read and checked; nothing is created there (no lock file, no WAL)."""

import datetime as dt
import shutil
import subprocess

from branchdesk.archive import Archive, health_report_for
from branchdesk.branch import BranchInfo
from tests.domain.safety_support import cli_run, tmpfs


def _archive_on_a_write_protected_stick(tmp_path, stick):
    source = tmp_path / "source"
    archive = Archive.open(source, auto_backup=False)
    archive.branch.save_own(BranchInfo(name="测试村党支部", kind="village", term_started_on=dt.date(2023, 1, 5)))
    archive.close(auto_backup=False)
    for leftover in ("branchdesk.lock",):
        (source / leftover).unlink(missing_ok=True)
    shutil.copytree(source, stick, dirs_exist_ok=True)
    subprocess.run(["mount", "-o", "remount,ro", str(stick)], check=True)
    return sorted(p.name for p in stick.iterdir())


def test_a_write_protected_archive_opens_read_only_and_can_be_checked(tmp_path, capsys):
    with tmpfs(tmp_path / "stick", "20m") as stick:
        before = _archive_on_a_write_protected_stick(tmp_path, stick)

        archive = Archive.open(stick)
        try:
            assert archive.read_only and archive.write_protected
            assert "写保护" in archive.read_only_reason and "只读" in archive.read_only_reason
            assert archive.branch.own().name == "测试村党支部"
        finally:
            archive.close()

        facts = health_report_for(stick)
        assert facts["ok"], facts["summary"]
        assert any(line.startswith("只读：") and "写保护" in line for line in facts["summary"])
        code, out, err = cli_run(capsys, stick, "check")
        assert code == 0, out + err

        code, out, err = cli_run(capsys, stick, "members", "list")
        assert code == 0 and not err
        code, out, err = cli_run(capsys, stick, "talks", "rule", "secretary")
        assert code == 1 and "写保护" in err and "Traceback" not in err

        assert sorted(p.name for p in stick.iterdir()) == before  # no lock file, no -wal, no -shm
