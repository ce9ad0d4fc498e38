"""The command line as a user runs it: exit codes and Chinese messages. The commands run
in-process (``branchdesk.cli.main``); the installed ``branchdesk`` program itself is run
once, in ``test_the_installed_program_runs``."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.helpers import run_cli


def run(data_dir, *args, check_code=None):
    result = run_cli(data_dir, *args)
    if check_code is not None:
        assert result.returncode == check_code, result.stdout + result.stderr
    return result


@pytest.mark.slow
def test_demo_export_import_check_backup(tmp_path, monkeypatch):
    demo = tmp_path / "demo"
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    assert "党员 30 名" in run(demo, "demo", check_code=0).stdout
    # the sample sign-in sheets, slides and photos live on in the archive, not in the temporary folder
    assert list(scratch.iterdir()) == []
    assert len([path for path in (demo / "attachments").rglob("*") if path.is_file()]) > 20
    again = run(demo, "demo", check_code=1)
    assert "已经有支部数据" in again.stderr
    roster = tmp_path / "roster.xlsx"
    run(demo, "members", "export", str(roster), "--full-id", check_code=0)
    assert load_workbook(roster).active.max_row == 31

    fresh = tmp_path / "fresh"
    run(fresh, "init", "--name", "新村党支部", "--kind", "village", check_code=0)
    dry = run(fresh, "members", "import", str(roster), "--dry-run", check_code=0)
    assert "30 名党员可以导入" in dry.stdout
    run(fresh, "members", "import", str(roster), check_code=0)
    listed = run(fresh, "members", "list", "--search", "堃", check_code=0).stdout
    assert "王堃" in listed and "********" in listed
    duplicate = run(fresh, "members", "import", str(roster), check_code=1)
    assert "已登记" in duplicate.stdout and "未导入任何人" in duplicate.stdout

    report = json.loads(run(fresh, "check", "--json", check_code=0).stdout)
    assert report["integrity"] == "ok" and report["active_members"] == 30
    usb = tmp_path / "usb"
    usb.mkdir()  # a plugged-in stick; a missing folder is refused (see test_backups.py)
    backup = run(fresh, "backup", "--to", str(usb), check_code=0)
    assert "备份完成" in backup.stdout
    assert len(list(usb.glob("branchdesk-*.sqlite3"))) == 1


def test_user_errors_exit_1_and_usage_errors_exit_2(tmp_path):
    missing = run(tmp_path / "empty", "members", "list", check_code=1)
    assert "branchdesk init" in missing.stderr
    bad_date = run(tmp_path / "x", "init", "--name", "支部", "--term-start", "明年", check_code=1)
    assert "任期开始日期" in bad_date.stderr
    run(tmp_path / "x", "no-such-command", check_code=2)
    run(tmp_path / "x", "members", check_code=2)


def test_version(tmp_path):
    assert run(tmp_path, "--version", check_code=0).stdout.startswith("BranchDesk ")


def test_the_installed_program_runs(tmp_path):
    """The one real ``branchdesk`` process: the console script starts, and its exit codes
    and output reach the shell."""
    program = shutil.which("branchdesk", path=str(Path(sys.executable).parent)) or shutil.which("branchdesk")
    assert program, "the branchdesk program is not installed (make setup)"
    env = dict(os.environ, PYTHONIOENCODING="utf-8")

    def real(*args):
        return subprocess.run([program, "--data-dir", str(tmp_path / "branch"), *args], capture_output=True,
                              text=True, encoding="utf-8", env=env, timeout=120, check=False)

    assert real("--version").stdout.startswith("BranchDesk ")
    assert real("members", "list").returncode == 1
    made = real("init", "--name", "新村党支部", "--kind", "village")
    assert made.returncode == 0 and "已建立档案库" in made.stdout, made.stderr
    report = real("check", "--json")
    assert report.returncode == 0 and json.loads(report.stdout)["integrity"] == "ok", report.stderr
    # piped into head or less that quits: the program stops quietly, no 「写入失败」 and no traceback
    piped = subprocess.Popen([program, "--data-dir", str(tmp_path / "branch"), "check"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=env)
    piped.stdout.close()  # the reader has gone before the first line
    assert piped.wait(timeout=120) == 0
    assert piped.stderr.read().decode("utf-8") == ""
    piped.stderr.close()
    usage = real("no-such-command")
    assert usage.returncode == 2 and "no-such-command" in usage.stderr
    assert "无效的选择 'no-such-command'" in usage.stderr and "invalid choice" not in usage.stderr  # cli_words.py
