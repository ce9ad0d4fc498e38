"""A failed automatic backup is reported by a later process too (issue 12, item 10):
`branchdesk check` (a new process) and the next start say so, until a backup succeeds."""

from __future__ import annotations

import json

from branchdesk.archive import Archive
from branchdesk.safety.rotation import list_backups
from tests.domain.safety_support import cli_run, close_after_a_failed_backup


def _checked(capsys, data_dir, url) -> dict:
    code, out, _ = cli_run(capsys, data_dir, "check", "--json", db_url=url)
    return json.loads(out)


def test_a_failed_backup_at_close_is_reported_by_check_until_a_backup_succeeds(archive, monkeypatch, capsys):
    data_dir, url = close_after_a_failed_backup(archive, monkeypatch)

    facts = _checked(capsys, data_dir, url)
    assert "空间已满" in facts["automatic_backup_error"]
    assert any(line.startswith("自动备份失败：") and "空间已满" in line for line in facts["summary"])
    with Archive.open(data_dir, url, auto_backup=False) as later:  # the next start: the home page reads this
        assert "空间已满" in later.last_backup_error

    for backup in list_backups(data_dir / "backups"):
        backup.path.unlink()  # so the next open takes one
    with Archive.open(data_dir, url) as reopened:  # its automatic backup succeeds
        assert reopened.last_backup_error == ""
    assert _checked(capsys, data_dir, url)["automatic_backup_error"] == ""


def test_a_manual_backup_clears_the_note(archive, monkeypatch, capsys):
    data_dir, url = close_after_a_failed_backup(archive, monkeypatch)
    assert _checked(capsys, data_dir, url)["automatic_backup_error"]
    code, _, _ = cli_run(capsys, data_dir, "backup", db_url=url)
    assert code == 0 and _checked(capsys, data_dir, url)["automatic_backup_error"] == ""
