"""Importing people already in the pipeline from Excel (docs/domain.md §11): every row
checked, every bad row named, then all rows or none; on every engine."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook

from branchdesk.errors import ValidationErrors
from branchdesk.recruit import importing
from branchdesk.recruit.importing import COLUMNS
from tests.helpers import make_id, run_cli


def _sheet(path, rows):
    workbook = Workbook()
    workbook.active.append(["发展党员导入表"])  # a title row above the header
    workbook.active.append(COLUMNS)
    for row in rows:
        workbook.active.append([row.get(c) for c in COLUMNS])
    workbook.save(path)
    return path


GOOD = [
    {"姓名": "甲", "公民身份号码": make_id(dt.date(1995, 1, 1), 301), "递交入党申请书": "2024-03-01",
     "党组织派人谈话": "2024-03-20"},
    {"姓名": "乙", "公民身份号码": make_id(dt.date(1990, 2, 2), 303), "递交入党申请书": dt.datetime(2022, 3, 1),
     "党组织派人谈话": "2022-03-10", "确定入党积极分子": "2022-06-01", "培养联系人": "陈镕、刘芳",
     "确定发展对象": "2023-06-05", "入党介绍人": "王堃、李喆"},
    {"姓名": "丙", "公民身份号码": make_id(dt.date(1988, 3, 3), 305), "递交入党申请书": "2021-03-01",
     "确定入党积极分子": "2021-06-01", "确定发展对象": "2022-07-01", "支部大会接收": "2025-11-02",
     "上级党委审批": "2026-01-10"},
]


def test_all_rows_or_none_every_bad_row_named(branch, tmp_path):
    archive, ids, _ = branch
    bad = GOOD + [
        {"姓名": "丁", "公民身份号码": make_id(dt.date(2010, 1, 1), 307), "递交入党申请书": "2024-01-01"},
        {"姓名": "戊", "公民身份号码": make_id(dt.date(1990, 1, 1), 309), "递交入党申请书": "2024-01-01",
         "确定入党积极分子": "2023-12-01"},
        {"姓名": "己", "公民身份号码": make_id(dt.date(1990, 1, 1), 311), "递交入党申请书": "2020-01-01",
         "确定入党积极分子": "2020-06-01", "确定发展对象": "2021-01-01", "入党介绍人": "张伟"},
    ]
    path = _sheet(tmp_path / "导入.xlsx", bad)
    with pytest.raises(ValidationErrors) as caught:
        importing.apply(archive, path)
    messages = caught.value.message()
    assert "第 6 行：递交申请书时未满十八岁" in messages
    assert "第 7 行：「确定入党积极分子」早于「递交入党申请书」" in messages
    assert "第 8 行：确定为积极分子不满一年" in messages and "张伟不是本支部名册上的正式党员" in messages
    assert archive.recruit.person_ids() == []  # nothing stored

    count = importing.apply(archive, _sheet(tmp_path / "好.xlsx", GOOD))
    assert count == 3
    people = {d.name: d for d in (archive.recruit.dossier(pid) for pid in archive.recruit.person_ids())}
    assert people["甲"].stage == "applicant" and people["甲"].next_steps == ["activist"]
    assert people["乙"].stage == "candidate" and people["乙"].next_steps == ["political_review"]
    assert people["乙"].last("introducers").names() == ["王堃", "李喆"] and "导入" in people["乙"].steps[0].reason
    member = archive.members.get(people["丙"].member_id)
    assert (member.status, member.joined_on) == ("probationary", dt.date(2025, 11, 2))
    assert people["丙"].next_steps == ["upper_filing"] and people["丙"].probation_end == dt.date(2026, 11, 2)
    again = importing.check_file(archive, tmp_path / "好.xlsx")
    assert len(again.errors) == 3 and "已有发展档案" in again.errors[0].message()


def test_import_from_the_command_line(branch, tmp_path):
    archive, ids, _ = branch
    archive.close(auto_backup=False)
    template = tmp_path / "模板.xlsx"
    result = run_cli(archive.layout.root, "recruit", "template", template, db_url=archive.url)
    assert result.returncode == 0 and template.exists()
    path = _sheet(tmp_path / "导入.xlsx", GOOD[:2])
    dry = run_cli(archive.layout.root, "recruit", "import", path, "--dry-run", db_url=archive.url)
    assert dry.returncode == 0 and "2 人可以导入（未导入）" in dry.stdout and "已到「确定发展对象」" in dry.stdout
    done = run_cli(archive.layout.root, "recruit", "import", path, db_url=archive.url)
    assert done.returncode == 0 and "已导入 2 人" in done.stdout
    twice = run_cli(archive.layout.root, "recruit", "import", path, db_url=archive.url)
    assert twice.returncode == 1 and "第 3 行" in twice.stderr and "第 4 行" in twice.stderr
