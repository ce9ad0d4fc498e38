"""The indicator library as a spreadsheet: an export imports back unchanged; a scheme
as upper levels write it (title rows, merged 一级 cells, points in the name, loose
headers) is read; bad rows are all listed with their reasons and nothing is stored."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from branchdesk.errors import Conflict
from branchdesk.targets import Period, library_xlsx
from branchdesk.targets.library_xlsx import LibraryFileError
from tests.domain.targets_support import header, library_forms, score_all
from tests.domain.test_targets import YEAR


def _sheet(path, rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


SCHEME = [
    [f"某某镇{YEAR}年度村党支部目标管理考核细则"],
    [],
    ["考核项目", "考核内容", "分值（分）", "评分标准及扣分办法", "备查资料", "备注"],
    ["组织建设（20分）", "班子团结", 10, "班子团结协作，少1次扣1分", "会议记录", ""],
    [None, "阵地建设", "10", "标识规范（少1项扣0.5分）", "照片", ""],
    ["组织生活（30分）", "三会一课", 20.5, "按时召开", "记录", ""],
    ["组织生活（30分）", "主题党日", "9.5分", "每月开展", "照片", ""],
    ["作用发挥", None, None, None, None, None],
    [None, "联系群众", 50, "联系户全覆盖", "台账", ""],
]


def test_an_export_imports_back_unchanged(archive, tmp_path):
    library = archive.targets.library
    forms = library_forms()
    forms[2].scoring_rule = "=少1次扣2分\n-另行通报"  # looks like a formula: must stay text
    library.create(YEAR, "测试指标库", forms, issued_by="中共测试镇委员会")
    path = library_xlsx.export_xlsx(library.get(YEAR), tmp_path / "指标库.xlsx")
    checked = library_xlsx.preview(path)
    assert checked.can_import and checked.title == "测试指标库" and checked.total_points_x10 == 1000
    library_xlsx.apply(archive, checked, YEAR + 1)
    before, after = library.get(YEAR), library.get(YEAR + 1)
    def fields(lib):
        return [(i.code, i.level, i.name, i.points_x10, i.scoring_rule, i.evidence_required, i.measure)
                for i in lib.indicators]

    assert fields(after) == fields(before)


def test_a_scheme_as_upper_levels_write_it_is_read(archive, tmp_path):
    checked = library_xlsx.preview(_sheet(tmp_path / "scheme.xlsx", SCHEME))
    assert checked.title.startswith("某某镇") and checked.ignored_headers == ["备注"]
    assert [r.problems for r in checked.rows] == [[]] * 8
    rows = [(r.row_number, r.form.level, r.form.code, r.form.name, r.form.points_x10) for r in checked.rows]
    assert rows == [(4, 1, "1", "组织建设", 200), (4, 2, "1.1", "班子团结", 100), (5, 2, "1.2", "阵地建设", 100),
                    (6, 1, "2", "组织生活", 300), (6, 2, "2.1", "三会一课", 205), (7, 2, "2.2", "主题党日", 95),
                    (8, 1, "3", "作用发挥", 500), (9, 2, "3.1", "联系群众", 500)]
    library_xlsx.apply(archive, checked, YEAR)
    stored = archive.targets.library.get(YEAR)
    assert stored.name == f"某某镇{YEAR}年度村党支部目标管理考核细则" and stored.total_points_x10 == 1000
    assert stored.by_code("1.2").scoring_rule == "标识规范（少1项扣0.5分）"


def test_every_bad_row_is_listed_and_nothing_is_imported(archive, tmp_path):
    archive.targets.library.create(YEAR, "原有指标库", library_forms())
    bad = [list(r) for r in SCHEME]
    bad[4][2] = "abc"                      # row 5: points unreadable
    bad[5][2] = 15                          # row 6: 组织生活 30 ≠ 15 + 9.5
    bad[8][1] = None                        # row 9: no 二级 name
    bad.append([None, "党费", 2.25, "", "", ""])  # row 10: too many decimals
    bad.append([None, "自动计量行", 1, "", "", ""])
    path = _sheet(tmp_path / "bad.xlsx", bad)
    checked = library_xlsx.preview(path)
    problems = {r.row_number: r.problems for r in checked.bad_rows}
    assert "分值“abc”不是数字" in problems[5][0]
    assert problems[6][0].startswith("一级指标「组织生活」分值 30 分，其下 2 项二级指标合计 24.5 分")
    assert problems[9] == ["没有填写二级指标名称。"]
    assert "最多保留一位小数" in problems[10][0]
    assert not checked.can_import
    with pytest.raises(LibraryFileError, match="本次没有导入任何指标"):
        library_xlsx.apply(archive, checked, YEAR)
    assert archive.targets.library.get(YEAR).name == "原有指标库"
    assert len(archive.targets.library.get(YEAR).indicators) == 7


def test_files_that_are_not_a_library_are_refused_whole(tmp_path):
    with pytest.raises(LibraryFileError, match="找不到表头"):
        library_xlsx.preview(_sheet(tmp_path / "x.xlsx", [["姓名", "身份证号"], ["张三", "1"]]))
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(LibraryFileError, match="另存为 .xlsx"):
        library_xlsx.preview(tmp_path / "old.xls")
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    with pytest.raises(LibraryFileError, match="无法打开"):
        library_xlsx.preview(tmp_path / "broken.xlsx")


def test_an_import_cannot_replace_a_library_already_judged_by(archive, tmp_path):
    archive.targets.library.create(YEAR, "", library_forms())
    inspection_id = archive.targets.inspections.create(Period(YEAR, "half", 1), header(archive_day()))
    score_all(archive, inspection_id)
    archive.targets.inspections.file(inspection_id)
    checked = library_xlsx.preview(_sheet(tmp_path / "scheme.xlsx", SCHEME))
    with pytest.raises(Conflict, match="不能再修改"):
        library_xlsx.apply(archive, checked, YEAR)
    assert archive.targets.library.get(YEAR).total_points_x10 == 1000 and len(archive.targets.library.get(YEAR).seconds) == 5


def archive_day():
    import datetime as dt

    return dt.date(YEAR, 7, 5)
