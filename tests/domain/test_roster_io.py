"""Roster import and export, end to end through files a secretary would have."""

import datetime as dt

import pytest
from openpyxl import Workbook, load_workbook

from branchdesk.roster import files as roster_io
from branchdesk.roster.export import export_csv, export_xlsx
from branchdesk.roster.files import RosterFileError
from tests.helpers import make_id

GOOD = [
    ["王堃", make_id(dt.date(1980, 2, 3)).lower(), "2005.07.01", "2006年7月5日", "正式党员", "第一党小组", "13800000000"],
    ["李秀英", make_id(dt.date(1975, 4, 5), 124), "2001-06-30", "2002-07-01", "正式", "第二党小组", ""],
    ["赵赟", make_id(dt.date(1998, 9, 9), 125), "2025/03/01", "", "预备党员", "第一党小组", ""],
]
HEADER = ["姓名", "公民身份号码（18位）", "入党时间", "转正日期", "党员状态", "所在党小组", "手机号码"]


def write_csv(path, rows, encoding):
    lines = [",".join(HEADER)] + [",".join(r) for r in rows]
    path.write_bytes("\r\n".join(lines).encode(encoding))
    return path


def write_xlsx(path, rows, title_row=True):
    book = Workbook()
    sheet = book.active
    if title_row:
        sheet.append(["前进村党支部党员名册（2026年）"])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk", "gb18030"])
def test_csv_in_any_common_encoding_imports(archive, tmp_path, encoding):
    path = write_csv(tmp_path / "roster.csv", GOOD, encoding)
    checked = roster_io.preview(archive, path)
    assert checked.can_import, [r.problems for r in checked.rows]
    assert checked.new_groups == ["第一党小组", "第二党小组"]
    roster_io.apply(archive, checked)
    names = {archive.members.get(i).name: archive.members.get(i) for i in archive.members.query_ids()}
    assert set(names) == {"王堃", "李秀英", "赵赟"}
    assert names["王堃"].joined_on == dt.date(2005, 7, 1) and names["王堃"].full_on == dt.date(2006, 7, 5)
    assert names["王堃"].id_number.endswith(make_id(dt.date(1980, 2, 3))[-1])
    assert names["赵赟"].status == "probationary"
    assert names["李秀英"].group_name == "第二党小组"


def test_xlsx_with_a_title_row_and_flexible_headers(archive, tmp_path):
    checked = roster_io.preview(archive, write_xlsx(tmp_path / "roster.xlsx", GOOD))
    assert checked.columns["id_number"] == "公民身份号码（18位）"
    assert [r.row_number for r in checked.rows] == [3, 4, 5]
    assert len(roster_io.apply(archive, checked)) == 3


def test_bad_rows_are_each_explained_and_nothing_is_imported(archive, tmp_path):
    rows = GOOD + [
        ["钱十五", "110105491231002", "2001-01-01", "2002-01-02", "正式", "", ""],
        ["孙错位", make_id(dt.date(1980, 1, 1))[:-1] + "0", "2001-01-01", "2002-01-02", "正式", "", ""],
        ["周小小", make_id(dt.date(1990, 1, 1), 127), "2000-01-01", "2001-01-02", "正式", "", ""],
        ["吴重复", GOOD[0][1].upper(), "2005-01-01", "2006-01-02", "正式", "", ""],
        ["郑日期", make_id(dt.date(1970, 1, 1), 129), "去年", "", "预备", "", ""],
    ]
    checked = roster_io.preview(archive, write_csv(tmp_path / "bad.csv", rows, "gbk"))
    bad = {r.form.name: " ".join(r.problems) for r in checked.bad_rows}
    assert set(bad) == {"钱十五", "孙错位", "周小小", "吴重复", "郑日期"}
    assert "15 位" in bad["钱十五"]
    assert "校验不通过" in bad["孙错位"]
    assert "18 岁" in bad["周小小"]
    assert "第 2 行重复" in bad["吴重复"]
    assert "无法识别" in bad["郑日期"]
    with pytest.raises(RosterFileError, match="没有导入任何人"):
        roster_io.apply(archive, checked)
    assert archive.members.count() == 0
    assert archive.groups.list() == []


def test_members_already_in_the_archive_are_refused(archive, tmp_path):
    roster_io.apply(archive, roster_io.preview(archive, write_csv(tmp_path / "a.csv", GOOD[:1], "utf-8")))
    checked = roster_io.preview(archive, write_csv(tmp_path / "b.csv", GOOD, "utf-8"))
    assert [r.form.name for r in checked.bad_rows] == ["王堃"]
    assert "已登记" in checked.bad_rows[0].problems[0]


def test_missing_required_column_names_it(archive, tmp_path):
    path = tmp_path / "no-id.csv"
    path.write_text("姓名,入党日期\n张三,2001-01-01\n", encoding="utf-8")
    with pytest.raises(RosterFileError, match="公民身份号码"):
        roster_io.preview(archive, path)


def test_old_xls_and_unknown_files_are_explained(archive, tmp_path):
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(RosterFileError, match="另存为"):
        roster_io.preview(archive, tmp_path / "old.xls")
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    with pytest.raises(RosterFileError, match="损坏"):
        roster_io.preview(archive, tmp_path / "broken.xlsx")


def test_export_then_import_round_trips(demo_archive, tmp_path, archive_factory, engine):
    from branchdesk.archive import Archive
    from branchdesk.branch import BranchInfo

    records = demo_archive.members.records(demo_archive.members.query_ids())
    path = export_xlsx(records, tmp_path / "out.xlsx", "前进村党支部")
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[1]][:3] == ["序号", "姓名", "性别"]
    assert sheet.max_row == len(records) + 1
    demo_archive.close()
    data_dir, url = archive_factory(engine)
    with Archive.open(data_dir, url) as other:
        other.branch.save_own(BranchInfo(name="新支部", kind="office"))
        checked = roster_io.preview(other, path)
        assert checked.can_import, [(r.row_number, r.problems) for r in checked.bad_rows]
        roster_io.apply(other, checked)
        copied = other.members.records(other.members.query_ids())
        assert sorted((r.name, r.id_number, r.joined_on, r.full_on, r.status, r.group_name) for r in copied) == sorted(
            (r.name, r.id_number, r.joined_on, r.full_on, r.status, r.group_name) for r in records
        )


def test_masked_export_hides_ids(demo_archive, tmp_path):
    records = demo_archive.members.records(demo_archive.members.query_ids())
    path = export_xlsx(records, tmp_path / "masked.xlsx", "前进村党支部", mask_ids=True)
    ids = [row[5] for row in load_workbook(path).active.iter_rows(min_row=2, values_only=True)]
    assert all("********" in value for value in ids)
    # Read back, it is said once that this is a masked export, not once per row, and nothing changes.
    before = demo_archive.members.count(statuses=None)
    for masked in (path, export_csv(records, tmp_path / "masked.csv", mask_ids=True)):
        with pytest.raises(RosterFileError, match=f"打码导出的名册：{len(records)} 行.*--full-id") as caught:
            roster_io.preview(demo_archive, masked)
        assert "前 17 位" not in str(caught.value)
    assert demo_archive.members.count(statuses=None) == before


def test_one_masked_id_among_full_ones_is_named_on_its_row(archive, tmp_path):
    rows = [GOOD[0], [GOOD[1][0], GOOD[1][1][:6] + "********" + GOOD[1][1][-4:], *GOOD[1][2:]]]
    checked = roster_io.preview(archive, write_csv(tmp_path / "mixed.csv", rows, "utf-8-sig"))
    assert [(r.row_number, r.problems) for r in checked.bad_rows] == [(3, [roster_io.MASKED_ROW])]


def test_spreadsheet_numbers_are_refused_with_the_reason(archive, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "公民身份号码", "入党日期", "转正日期"])
    sheet.append(["数字号", 110105198002031234, "2005-07-01", "2006-07-05"])  # an ID typed into a number cell
    sheet.append(["数字日期", make_id(dt.date(1970, 1, 1), 131), 1995.1, "1996-10-02"])  # "1995.10" became 1995.1
    sheet.append(["二月", make_id(dt.date(1971, 1, 1), 133), "2001-02-29", ""])
    book.save(tmp_path / "numbers.xlsx")
    checked = roster_io.preview(archive, tmp_path / "numbers.xlsx")
    problems = {r.form.name: " ".join(r.problems) for r in checked.bad_rows}
    assert "文本" in problems["数字号"] and "丢失" in problems["数字号"]
    assert "1995.1" in problems["数字日期"] and "文本" in problems["数字日期"]
    assert "2 月没有 29 日" in problems["二月"]


def test_csv_scientific_notation_and_broken_quotes(archive, tmp_path):
    path = tmp_path / "sci.csv"
    path.write_text("姓名,身份证号,入党日期,转正日期\n科学,1.10105E+17,2001-01-01,2002-01-02\n", encoding="utf-8")
    checked = roster_io.preview(archive, path)
    assert "科学计数法" in checked.bad_rows[0].problems[0]
    broken = tmp_path / "broken.csv"
    broken.write_text('姓名,身份证号,入党日期\n"张三' + "x" * 200_000 + ",1,2001-01-01\n", encoding="utf-8")
    with pytest.raises(RosterFileError, match="CSV"):
        roster_io.preview(archive, broken)


def test_veteran_without_status_or_full_date_is_not_made_probationary(archive, tmp_path):
    path = tmp_path / "old.csv"
    path.write_text(f"姓名,身份证号,入党日期\n老党员,{make_id(dt.date(1950, 1, 1), 135)},1985-07-01\n", encoding="utf-8")
    checked = roster_io.preview(archive, path)
    assert "转正日期" in checked.bad_rows[0].problems[0]


def test_export_keeps_formula_like_text_as_text(archive, tmp_path):
    from branchdesk.roster.members import MemberForm

    archive.members.add(MemberForm(name="公式", id_number=make_id(dt.date(1970, 2, 2)), joined_on=dt.date(1995, 1, 1),
                                   full_on=dt.date(1996, 1, 2), status="full", note="=SUM(1,2)"))
    records = archive.members.records(archive.members.query_ids())
    path = export_xlsx(records, tmp_path / "f.xlsx", "支部")
    row = next(iter(load_workbook(path, data_only=True).active.iter_rows(min_row=2, values_only=True)))
    assert row[-1] == "=SUM(1,2)"
