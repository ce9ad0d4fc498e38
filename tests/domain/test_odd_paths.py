"""Data folders whose names hold ``#``, ``%20``, ``?``, spaces or Chinese: every read-only
open (start-up check, ``check``, a second instance, backup verification, restore) must
open exactly that file, never a stray one, and never take a healthy file for a damaged one."""

import json
import sqlite3

import pytest

from branchdesk.archive import Archive
from branchdesk.safety.backup import verify_backup
from branchdesk.storage import database as storage_db
from tests.domain.safety_support import cli_run, start_holder, stop_holder

FOLDER_NAMES = ["q%20x", "p#1", "带 空格 的 档案?x", "支部档案 #2 %41 ?mode=rw&x"]
# ``demo`` itself runs in the folder with every odd character (# and ?, %XX, spaces,
# Chinese); the other folders get the same demo copied in: building it took ~10 s each.
DEMO_RUNS_IN = FOLDER_NAMES[-1]


@pytest.mark.slow
@pytest.mark.parametrize("name", FOLDER_NAMES)
def test_demo_backup_check_second_open_and_restore_in_an_odd_folder(tmp_path, capsys, templates, name):
    data_dir = tmp_path / name
    # A file that a naive URI would open instead (``p#1`` -> ``p``, ``q%20x`` -> ``q x``).
    decoy_names = {name.split("#")[0].split("?")[0], name.replace("%20", " ")}
    for decoy in decoy_names - {name}:
        if decoy.strip():
            (tmp_path / decoy).mkdir(exist_ok=True)
            (tmp_path / decoy / "branchdesk.sqlite3").write_bytes(b"not a database")
    if name == DEMO_RUNS_IN:
        code, out, err = cli_run(capsys, data_dir, "demo")
        assert code == 0, err
    else:
        templates.copy(data_dir, "sqlite", "demo")
    code, out, err = cli_run(capsys, data_dir, "backup")
    assert code == 0 and "备份完成" in out, err
    (backup,) = [p for p in (data_dir / "backups").iterdir() if "manual" in p.name]
    assert verify_backup(backup) == ""
    code, out, err = cli_run(capsys, data_dir, "check", "--json")
    report = json.loads(out)
    assert code == 0 and report["ok"] and report["active_members"] == 30, out + err

    holder, _facts = start_holder(data_dir, None)
    try:
        with Archive.open(data_dir) as second:  # read-only because of the holder
            assert second.read_only and second.members.count() == 30
        with Archive.open(data_dir, read_only=True) as reader:
            assert reader.members.count() == 30
    finally:
        stop_holder(holder)
    assert not (data_dir / "aside").exists() or list((data_dir / "aside").iterdir()) == []

    code, out, err = cli_run(capsys, data_dir, "restore", str(backup))
    assert code == 0 and "已从备份" in out, err
    with Archive.open(data_dir) as archive:  # reopened normally: the same records, nothing damaged
        assert archive.members.count() == 30 and archive.health_report()["ok"]
    for decoy in decoy_names - {name}:
        if decoy.strip():
            assert (tmp_path / decoy / "branchdesk.sqlite3").read_bytes() == b"not a database"


def test_read_only_uri_names_exactly_the_file(tmp_path):
    folder = tmp_path / "a#b%20c?d 支部"
    folder.mkdir()
    target = folder / "x.sqlite3"
    conn = sqlite3.connect(target)
    conn.execute("CREATE TABLE t (v)")
    conn.execute("INSERT INTO t VALUES ('这一个')")
    conn.commit()
    conn.close()
    ro = storage_db.connect_read_only(target)
    try:
        assert ro.execute("SELECT v FROM t").fetchone()[0] == "这一个"
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            ro.execute("INSERT INTO t VALUES ('x')")
    finally:
        ro.close()
    with pytest.raises(sqlite3.OperationalError):
        storage_db.connect_read_only(folder / "missing.sqlite3").execute("SELECT 1")
    assert not (folder / "missing.sqlite3").exists()
