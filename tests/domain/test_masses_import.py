"""Import of a 联系户 list from Excel (docs/domain.md §14.1): all rows or none, each
problem named by its row, hostile files refused before a row is read."""

from __future__ import annotations

import zipfile

import pytest
from openpyxl import Workbook

from branchdesk.errors import ValidationError, ValidationErrors
from branchdesk.masses import importing


def _sheet(path, rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_the_template_imports_and_bad_rows_refuse_the_whole_file(branch, tmp_path):
    archive, ids, _ = branch
    template = importing.write_template(tmp_path / "模板.xlsx")
    header = importing.COLUMNS
    bad = _sheet(tmp_path / "bad.xlsx", [
        ["某村联系户名单"],
        header,
        ["刘大妈", "一组", "13812345678", "困难群众", "独居", "王堃", "2026-03-01"],
        ["", "二组", "", "联系户", "", "王堃", ""],
        ["陈建国", "二组", "电话没有", "亲戚", "", "不存在", "去年"],
        ["刘大妈", "一组", "", "", "", "李喆", ""],
    ])
    with pytest.raises(ValidationErrors) as caught:
        importing.apply(archive, bad)
    messages = [e.message() for e in caught.value.errors]
    assert messages[0].startswith("第 4 行：姓名没有填写")
    assert messages[1].startswith("第 5 行：") and "类别“亲戚”无效" in messages[1] and "不在本支部名册中" in messages[1]
    assert "不是有效日期" in messages[1]
    assert messages[2] == "第 6 行：与第 3 行重复（姓名和村组相同）。"
    assert archive.masses.household_ids() == []  # none stored
    with pytest.raises(ValidationErrors, match="第 2 行：.*不在本支部名册中"):
        importing.apply(archive, template)  # the template's example names no member
    good = _sheet(tmp_path / "good.xlsx", [header, ["刘大妈", "一组", "138-1234-5678", "困难群众", "独居", "王堃", "2026-03-01"],
                                            ["陈建国", "二组", "", "", "", "李 喆", None]])
    assert importing.apply(archive, good) == 2
    stored = archive.masses.households()
    assert sorted((h.name, h.phone, h.kind_label, h.member_name) for h in stored) == [
        ("刘大妈", "13812345678", "困难群众", "王堃"), ("陈建国", "", "联系户", "李喆")]


def test_hostile_files_are_refused_with_a_chinese_reason(branch, tmp_path):
    archive, _, _ = branch
    not_xlsx = tmp_path / "名单.xlsx"
    not_xlsx.write_bytes(b"this is no zip at all")
    with pytest.raises(ValidationError, match="不是有效的 .xlsx 文件"):
        importing.check_file(archive, not_xlsx)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as packed:
        packed.writestr("xl/worksheets/sheet1.xml", b"0" * (40 * 1024 * 1024))
    with pytest.raises(ValidationError, match="bomb.xlsx"):
        importing.check_file(archive, bomb)
    no_header = _sheet(tmp_path / "无表头.xlsx", [["甲", "乙"], ["1", "2"]])
    with pytest.raises(ValidationError, match="没有「姓名」等表头"):
        importing.check_file(archive, no_header)
