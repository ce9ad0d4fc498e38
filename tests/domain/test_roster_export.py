"""`members export` (issue 12, item 13): ID numbers masked unless --full-id; a .csv
name gets real CSV (UTF-8 with BOM, IDs as text) that the import reads back; any other
extension is refused before a file is written."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from openpyxl import load_workbook

from branchdesk.archive import Archive
from branchdesk.cli import main
from branchdesk.roster.members import MemberForm
from tests.helpers import make_id

IDS = [make_id(dt.date(1970 + n, 3, 4), 101 + 2 * n) for n in range(3)]


def cli(data_dir, *args) -> int:
    return main(["--data-dir", str(data_dir), *args])


@pytest.fixture
def roster_dir(tmp_path, capsys):
    folder = tmp_path / "branch"
    assert cli(folder, "init", "--name", "测试村党支部", "--kind", "village") == 0
    with Archive.open(folder) as archive:
        for n, number in enumerate(IDS):
            archive.members.add(MemberForm(
                name=f"党员{n}", id_number=number, joined_on=dt.date(2000, 7, 1), full_on=dt.date(2001, 7, 1),
                status="full", phone="05958123456" if n == 0 else "", job="=1+1" if n == 1 else "村民"))
    capsys.readouterr()
    return folder


def exported_ids(path) -> list[str]:
    return [row[5] for row in load_workbook(path).active.iter_rows(min_row=2, values_only=True)]


def test_export_masks_id_numbers_unless_full_ones_are_asked_for(roster_dir, tmp_path, capsys):
    assert cli(roster_dir, "members", "export", str(tmp_path / "masked.xlsx")) == 0
    assert "已打码" in capsys.readouterr().out
    assert all("********" in value for value in exported_ids(tmp_path / "masked.xlsx"))
    assert cli(roster_dir, "members", "export", str(tmp_path / "full.xlsx"), "--full-id") == 0
    assert "完整的身份证号码" in capsys.readouterr().out
    assert sorted(exported_ids(tmp_path / "full.xlsx")) == sorted(IDS)


def test_a_csv_name_gets_csv_that_the_import_reads_back(roster_dir, tmp_path, capsys):
    target = tmp_path / "roster.csv"
    assert cli(roster_dir, "members", "export", str(target), "--full-id") == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel and WPS need to read UTF-8
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:3] == ["序号", "姓名", "性别"] and len(rows) == 1 + len(IDS)
    assert {row[5] for row in rows[1:]} == {"\t" + number for number in IDS}  # text, not a number to Excel
    assert "\t=1+1" in {row[8] for row in rows[1:]}  # a formula-like job stays text

    fresh = tmp_path / "fresh"
    assert cli(fresh, "init", "--name", "新村党支部", "--kind", "village") == 0
    assert cli(fresh, "members", "import", str(target)) == 0
    with Archive.open(fresh) as archive:
        copied = archive.members.records(archive.members.query_ids())
    assert sorted(r.id_number for r in copied) == sorted(IDS)
    assert {r.phone for r in copied} >= {"05958123456"} and {r.job for r in copied} >= {"=1+1"}


def test_another_extension_is_refused_and_nothing_written(roster_dir, tmp_path, capsys):
    assert cli(roster_dir, "members", "export", str(tmp_path / "roster.txt")) == 1
    err = capsys.readouterr().err
    assert ".xlsx" in err and ".csv" in err and "roster.txt" in err
    assert not (tmp_path / "roster.txt").exists()
