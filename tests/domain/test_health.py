"""Start-up health: a damaged database is found at open, moved aside untouched, and
the newest good backup is offered; ``branchdesk check --json`` reports the facts."""

import json

import pytest

from branchdesk.archive import Archive
from branchdesk.errors import DamagedArchive
from branchdesk.safety.restore import restore
from branchdesk.storage import migrate
from tests.domain.safety_support import cli_run, member_forms


def _corrupt_middle_page(path):
    data = bytearray(path.read_bytes())
    page = (len(data) // 4096) // 2
    data[page * 4096 : (page + 1) * 4096] = b"\xff" * 4096
    path.write_bytes(data)
    return bytes(data)


def test_corrupted_page_is_moved_aside_and_the_good_backup_offered(archive_factory, capsys):
    data_dir, _ = archive_factory("sqlite", "demo")
    archive = Archive.open(data_dir, auto_backup=False)
    good = archive.backup_to(None)
    archive.members.add_many(member_forms(2))
    newest = archive.backup_to(None)
    # no backup at close: its timing (same second as ``newest`` or not) would decide
    # which good backup is the newest, and this test is about skipping the bad one
    archive.close(auto_backup=False)
    _corrupt_middle_page(newest)  # the newest backup is bad too: it must be skipped
    damaged = _corrupt_middle_page(data_dir / "branchdesk.sqlite3")

    code, out, _ = cli_run(capsys, data_dir, "check", "--json")  # check only reports, moves nothing
    report = json.loads(out)
    assert code == 1 and not report["ok"] and "损坏" in report["integrity"]
    assert report["offered_backup"]["path"] == str(good)
    assert (data_dir / "branchdesk.sqlite3").read_bytes() == damaged

    with pytest.raises(DamagedArchive) as caught:
        Archive.open(data_dir)
    found = caught.value
    assert found.moved_to.read_bytes() == damaged  # moved, not overwritten
    assert not (data_dir / "branchdesk.sqlite3").exists()
    assert found.offered.path == good
    assert "已损坏" in found.message() and good.name in found.message()

    restore(data_dir, found.offered.path)  # what the window does when the user agrees
    with Archive.open(data_dir) as archive:
        assert archive.members.count() == 30
        assert archive.health_report()["ok"]
    assert found.moved_to.read_bytes() == damaged  # still kept


def test_check_reports_version_engine_backup_lock_and_log(archive, capsys):
    archive.members.add_many(member_forms(3))
    archive.backup_to(None)
    data_dir, url = archive.layout.root, archive.url
    archive.close()
    code, out, _ = cli_run(capsys, data_dir, "check", "--json", db_url=url)
    report = json.loads(out)
    assert code == 0 and report["ok"]
    assert report["engine"] == ("postgresql" if url else "sqlite")
    assert report["schema_version"] == migrate.latest_version() == report["supported_version"]
    assert report["integrity"] == "ok" and report["active_members"] == 3
    assert report["last_backup"]["age_hours"] < 1 and report["backup_warning"] == ""
    assert report["lock"]["holder"] is None
    assert report["audit"]["ok"] and report["audit"]["entries"] == 4  # the branch, then three members
    code, out, _ = cli_run(capsys, data_dir, "check", db_url=url)
    assert code == 0 and "操作日志：完整（4 条）" in out


def test_home_page_warning_when_the_last_backup_is_old(archive):
    import datetime as dt

    from branchdesk import clock
    from branchdesk.safety.rotation import backup_age_warning

    assert "还没有任何备份" in backup_age_warning(archive)
    taken = archive.backup_to(None)
    assert backup_age_warning(archive) == ""
    later = clock.now() + dt.timedelta(days=10)
    assert "10 天前" in backup_age_warning(archive, now=later)
    assert taken.exists()

