"""Indicator sheets as clerks make them (issue 21, items 9 and 10): a running 序号 column
beside merged 一级 cells, 一、二 on the 一级 rows, numbers starting again under each
一级, a 合计 row — read as what they are; a real code column kept; messages that never
contradict themselves; and a dry run that refuses what the import refuses."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from branchdesk.errors import Conflict
from branchdesk.targets import Period, library_xlsx
from branchdesk.targets.library_sheet import serial_value
from tests.domain.targets_support import header, library_forms, score_all
from tests.domain.test_targets import YEAR
from tests.helpers import run_cli

TITLE = f"某某镇{YEAR}年度村党支部目标管理考核细则"


def _sheet(path, rows, merged=()):
    """A sheet as typed in Excel/WPS: a title row, then the rows; ``merged`` ranges
    (the 一级 cells) keep their text in their first cell only, as a spreadsheet saves them."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([TITLE])
    for row in rows:
        sheet.append(row)
    for cells in merged:
        sheet.merge_cells(cells)
    workbook.save(path)
    return path


def _read(checked):
    return [(r.row_number, r.form.level, r.form.code, r.form.name, r.form.points_x10) for r in checked.rows]


# The usual layout: 序号 1…N per line, the 一级 merged down its 二级 rows, a 合计 row.
RUNNING = [
    ["序号", "考核项目", "考核内容", "分值", "评分标准", "备查资料"],
    [1, "组织建设（20分）", "班子团结", 10, "班子团结协作，少1次扣1分", "会议记录"],
    [2, None, "阵地建设", 10, "标识规范", "照片"],
    [3, "组织生活（30分）", "三会一课", 20, "按时召开", "记录"],
    [4, None, "主题党日", 10, "每月开展", "照片"],
    ["合  计", None, None, 50, None, None],
]


def test_a_running_serial_number_beside_merged_first_levels_is_not_taken_for_codes(archive, tmp_path):
    checked = library_xlsx.preview(_sheet(tmp_path / "细则.xlsx", RUNNING, ["B3:B4", "B5:B6"]))
    assert checked.can_import, [(r.row_number, r.problems) for r in checked.bad_rows] + checked.problems
    assert _read(checked) == [(3, 1, "1", "组织建设", 200), (3, 2, "1.1", "班子团结", 100), (4, 2, "1.2", "阵地建设", 100),
                              (5, 1, "2", "组织生活", 300), (5, 2, "2.1", "三会一课", 200), (6, 2, "2.2", "主题党日", 100)]
    notes = " ".join(checked.notes)
    assert "“序号”列是顺序号" in notes and "第 7 行是合计行" in notes
    library_xlsx.apply(archive, checked, YEAR)
    stored = archive.targets.library.get(YEAR)
    assert [i.code for i in stored.indicators] == ["1", "1.1", "1.2", "2", "2.1", "2.2"]
    assert stored.total_points_x10 == 500 and stored.name == TITLE


def test_chinese_numbers_on_first_levels_and_numbers_starting_again_under_each(tmp_path):
    separate_rows = [
        ["序号", "一级指标", "二级指标", "分值", "评分标准"],
        ["一、", "组织建设", None, 20, None],
        [1, None, "班子团结", 10, "少1次扣1分"],
        [2, None, "阵地建设", 10, "标识规范"],
        ["二、", "组织生活", None, 30, None],
        [3, None, "三会一课", 20, "按时召开"],
        [4, None, "主题党日", 10, "每月开展"],
    ]
    checked = library_xlsx.preview(_sheet(tmp_path / "a.xlsx", separate_rows))
    assert checked.can_import and [r.form.code for r in checked.rows] == ["1", "1.1", "1.2", "2", "2.1", "2.2"]
    restarting = [list(r) for r in separate_rows]
    restarting[1][0], restarting[4][0] = "（一）", "（二）"
    restarting[5][0], restarting[6][0] = 1, 2
    checked = library_xlsx.preview(_sheet(tmp_path / "b.xlsx", restarting))
    assert checked.can_import and [r.form.code for r in checked.rows] == ["1", "1.1", "1.2", "2", "2.1", "2.2"]
    # one number per 一级, merged down beside the merged 一级 cell
    per_first = [RUNNING[0], [1, "组织建设（20分）", "班子团结", 10, "", ""], [None, None, "阵地建设", 10, "", ""],
                 [2, "组织生活（30分）", "三会一课", 20, "", ""], [None, None, "主题党日", 10, "", ""]]
    checked = library_xlsx.preview(_sheet(tmp_path / "c.xlsx", per_first, ["A3:A4", "B3:B4", "A5:A6", "B5:B6"]))
    assert checked.can_import and [r.form.code for r in checked.rows] == ["1", "1.1", "1.2", "2", "2.1", "2.2"]


def test_real_codes_are_kept_as_written(tmp_path):
    # an exported library after 一级 2 was deleted: 1 and 3 do not count up, so they are codes
    rows = [["编号", "一级指标", "二级指标", "分值"], ["1", "组织建设", None, 20], ["1.1", None, "班子团结", 20],
            ["3", "组织生活", None, 30], ["3.1", None, "三会一课", 30]]
    checked = library_xlsx.preview(_sheet(tmp_path / "codes.xlsx", rows))
    assert checked.can_import and [r.form.code for r in checked.rows] == ["1", "1.1", "3", "3.1"] and not checked.notes
    assert [serial_value(t) for t in ("12", "（三）", "二十一、", "1.1", "A1", "十一十")] == [12, 3, 21, None, None, None]


def test_duplicate_codes_are_named_without_contradiction(tmp_path):
    # a code column whose first 二级 code 「1」 collides with its 一级, numbered 1 on the same line
    same_line = [["编号", "考核项目", "考核内容", "分值"], ["1", "组织建设（20分）", "班子团结", 10],
                 ["1.2", None, "阵地建设", 10]]
    checked = library_xlsx.preview(_sheet(tmp_path / "same.xlsx", same_line, ["B3:B4"]))
    (row,) = checked.bad_rows
    (problem,) = row.problems
    assert row.row_number == 3 and "第 3 行" not in problem
    assert problem.startswith("二级指标「班子团结」的编号“1”与同一行的一级指标「组织建设」的编号重复")
    assert "一级指标「组织建设」没有填编号，按顺序自动编为“1”" in problem
    two_lines = [["编号", "一级指标", "二级指标", "分值"], ["1", "组织建设", None, 20], ["1.1", None, "班子团结", 10],
                 ["1.1", None, "阵地建设", 10]]
    checked = library_xlsx.preview(_sheet(tmp_path / "two.xlsx", two_lines))
    assert [(r.row_number, r.problems) for r in checked.bad_rows] == [
        (5, ["二级指标「阵地建设」的编号“1.1”与第 4 行的二级指标「班子团结」的编号重复。同一指标库中的编号不能相同，"
             "请改正编号，或把编号全部留空由程序按 1、1.1、1.2… 自动编号。"])]


def test_a_total_row_that_disagrees_is_refused(archive, tmp_path):
    rows = [list(r) for r in RUNNING]
    rows[-1][3] = 60
    checked = library_xlsx.preview(_sheet(tmp_path / "total.xlsx", rows, ["B3:B4", "B5:B6"]))
    assert not checked.bad_rows and not checked.can_import
    assert checked.problems == ["第 7 行（合计）写的是 60 分，各一级指标的分值加起来是 50 分，两者应相等。请核对各项分值或合计。"]
    with pytest.raises(library_xlsx.LibraryFileError, match="第 7 行（合计）"):
        library_xlsx.apply(archive, checked, YEAR)
    assert archive.targets.library.get_or_none(YEAR) is None


def _lock(archive):
    archive.targets.library.create(YEAR, "原有指标库", library_forms())
    import datetime as dt

    inspection_id = archive.targets.inspections.create(Period(YEAR, "half", 1), header(dt.date(YEAR, 7, 5)))
    score_all(archive, inspection_id)
    archive.targets.inspections.file(inspection_id)


def test_the_check_refuses_what_the_import_refuses(archive, tmp_path):
    checked = library_xlsx.preview(_sheet(tmp_path / "细则.xlsx", RUNNING, ["B3:B4", "B5:B6"]))
    assert library_xlsx.check(archive, checked, YEAR) == TITLE
    with pytest.raises(Exception, match="年度 1999 不对"):
        library_xlsx.check(archive, checked, 1999)
    _lock(archive)
    for attempt in (library_xlsx.check, library_xlsx.apply):
        with pytest.raises(Conflict, match="不能再修改"):
            attempt(archive, checked, YEAR)
    assert archive.targets.library.get(YEAR).name == "原有指标库"


def test_a_dry_run_for_a_locked_year_is_refused_like_the_import(demo_dir, tmp_path):
    from branchdesk import clock

    path = _sheet(tmp_path / "细则.xlsx", RUNNING, ["B3:B4", "B5:B6"])
    year = clock.today().year  # the demo filed an inspection this year: its library is locked
    dry = run_cli(demo_dir, "targets", "import-library", path, "--year", year, "--dry-run")
    real = run_cli(demo_dir, "targets", "import-library", path, "--year", year)
    assert dry.returncode == real.returncode == 1
    assert "不能再修改" in dry.stderr and dry.stderr == real.stderr and "检查通过" not in dry.stdout
    assert "说明：“序号”列是顺序号" in dry.stdout
    fine = run_cli(demo_dir, "targets", "import-library", path, "--year", year + 1, "--dry-run")
    assert fine.returncode == 0, fine.stderr
    assert f"检查通过：可以导入为 {year + 1} 年度指标库《" in fine.stdout and "未导入" in fine.stdout
    assert run_cli(demo_dir, "targets", "library", "--year", year + 1).returncode == 1  # nothing stored
