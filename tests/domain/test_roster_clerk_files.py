"""Roster files as office clerks really make them (issue 21, items 1–5, 7): 出生年月 to the
month, IDs a spreadsheet cut, old .xls files, serial dates, GBK CSV that lost a rare
character, footers under the roster and a roster on the second sheet."""

import datetime as dt
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook

from branchdesk.errors import ValidationErrors
from branchdesk.roster import files as roster_io
from branchdesk.roster import idnumber
from branchdesk.roster.files import RosterFileError
from branchdesk.roster.members import MemberForm
from tests.helpers import make_id

XLS = Path(__file__).parents[1] / "data" / "roster_xls" / "roster.xls"
HEADER = ["序号", "姓名", "性别", "出生年月", "公民身份号码", "入党时间", "转正时间", "党小组"]


def roster_xlsx(path, rows, header=HEADER, title="前进村党支部党员花名册", sheets=()):
    """A 花名册 as a clerk types it: a title row, the header, the rows; ``sheets`` are
    (title, rows) put before the roster's sheet."""
    book = Workbook()
    first = book.active
    for index, (name, lines) in enumerate(sheets):
        sheet = first if index == 0 else book.create_sheet()
        sheet.title = name
        for line in lines:
            sheet.append(line)
    roster = book.create_sheet("党员花名册") if sheets else first
    roster.append([title])
    roster.append(header)
    for row in rows:
        roster.append(list(row))
    book.save(path)
    return path, roster


def member(number, name, born, id_number, joined="1995.07.01", full="1996.07.02", group="第一党小组"):
    return [number, name, "", born, id_number, joined, full, group]


def problems_by_name(checked):
    return {r.form.name: " ".join(r.problems) for r in checked.rows}


# -- 1. 出生年月 to the month ---------------------------------------------------------
def test_birth_year_and_month_alone_match_the_id_by_month(archive, tmp_path):
    rows = [
        member(1, "王堃", "1968.03", make_id(dt.date(1968, 3, 12), 131)),
        member(2, "李秀英", "1975-04", make_id(dt.date(1975, 4, 5), 124)),
        member(3, "赵赟", "1980年2月", make_id(dt.date(1980, 2, 29), 135), joined="2005.07.01", full="2006.07.02"),
        member(4, "陈镕", None, make_id(dt.date(1972, 11, 30), 137)),  # a date cell shown as yyyy.mm
        member(5, "刘芳", "1970.05", make_id(dt.date(1970, 6, 1), 128)),  # a month that does not agree
    ]
    path, sheet = roster_xlsx(tmp_path / "花名册.xlsx", rows)
    sheet["D6"] = dt.datetime(1972, 11, 1)
    sheet["D6"].number_format = "yyyy.mm"
    sheet.parent.save(path)
    checked = roster_io.preview(archive, path)
    problems = problems_by_name(checked)
    assert [name for name, text in problems.items() if text] == ["刘芳"]
    assert "出生年月 1970-05 与身份证号码中的 1970-06-01 不一致" in problems["刘芳"]
    checked.rows = [r for r in checked.rows if r.ok]
    roster_io.apply(archive, checked)
    stored = {r.name: r.birth_date for r in archive.members.all_active()}
    # What is stored is the ID's full date, which agrees by month.
    assert stored == {"王堃": dt.date(1968, 3, 12), "李秀英": dt.date(1975, 4, 5), "赵赟": dt.date(1980, 2, 29),
                      "陈镕": dt.date(1972, 11, 30)}


def test_a_full_birth_date_is_still_compared_to_the_day(archive, tmp_path):
    path, _ = roster_xlsx(tmp_path / "r.xlsx", [member(1, "王堃", "1968.03.01", make_id(dt.date(1968, 3, 12), 131))])
    assert "出生日期 1968-03-01 与身份证号码中的 1968-03-12 不一致" in roster_io.preview(archive, path).rows[0].problems[0]


# -- 2. IDs a spreadsheet cut ----------------------------------------------------------
def cut_id_that_passes_the_check() -> str:
    """An ID ending in 000 whose check digit happens to fit (1 in 11 do)."""
    for day in range(1, 29):
        for first_of_sequence in "0123456789":
            first17 = f"110105197001{day:02d}{first_of_sequence}00"
            if idnumber.check_digit(first17) == "0":
                return first17 + "0"
    raise AssertionError("no such ID in January 1970")


def test_ids_ending_in_000_are_told_to_be_typed_again_from_the_id_card(archive, tmp_path):
    cut_alone = make_id(dt.date(1968, 3, 12), 131)[:15] + "000"
    rows = [member(1, "王堃", "", cut_alone), member(2, "李秀英", "", make_id(dt.date(1975, 4, 5), 124))]
    path, _ = roster_xlsx(tmp_path / "one.xlsx", rows)
    problems = problems_by_name(roster_io.preview(archive, path))
    assert "截断" in problems["王堃"] and "身份证重新输入" in problems["王堃"]
    assert not problems["李秀英"]

    # A column where several end in 000 went through a number cell: even the one whose
    # check digit happens to fit is refused, and no message names a digit to type.
    lucky = cut_id_that_passes_the_check()
    idnumber.parse(lucky)  # on its own it would pass
    rows = [member(1, "王堃", "", cut_alone), member(2, "李秀英", "", lucky),
            member(3, "赵赟", "", make_id(dt.date(1980, 2, 3), 135)[:15] + "000")]
    path, _ = roster_xlsx(tmp_path / "column.xlsx", rows)
    checked = roster_io.preview(archive, path)
    assert all(idnumber.TRUNCATED in r.problems for r in checked.rows)
    for row in checked.rows:
        assert "应为" not in " ".join(row.problems) and "校验位" not in " ".join(row.problems)


def test_numbers_and_scientific_ids_say_the_spreadsheet_cut_them(archive, tmp_path):
    rows = [member(1, "王堃", "", 110105196803121000), member(2, "李秀英", "", "1.10105E+17")]
    path, _ = roster_xlsx(tmp_path / "numbers.xlsx", rows)
    for text in problems_by_name(roster_io.preview(archive, path)).values():
        assert "截断" in text and "身份证重新输入" in text


def test_a_wrong_check_digit_typed_in_the_editor_is_not_given_the_right_one(archive):
    number = make_id(dt.date(1968, 3, 12), 131)
    wrong = number[:17] + ("1" if number[17] != "1" else "2")
    form = MemberForm(name="王堃", id_number=wrong, joined_on=dt.date(1995, 7, 1), full_on=dt.date(1996, 7, 2))
    with pytest.raises(ValidationErrors) as caught:
        archive.members.add(form)
    text = caught.value.errors[0].detail
    assert "对照本人身份证" in text and not any(ch.isdigit() for ch in text)


# -- 3. old-format .xls --------------------------------------------------------------
def test_an_xls_roster_from_excel_2003_imports(archive):
    checked = roster_io.preview(archive, XLS)
    assert checked.can_import, [r.problems for r in checked.rows]
    assert checked.sheet == "党员花名册"
    assert any("工作表「党员花名册」" in note for note in checked.notes)
    assert any("第 7、8 行是表尾" in note for note in checked.notes)
    roster_io.apply(archive, checked)
    stored = {r.name: r for r in archive.members.all_active()}
    assert set(stored) == {"王堃", "李秀英", "赵秀英"}
    assert stored["李秀英"].birth_date == dt.date(1975, 4, 5)  # a date cell shown yyyy.mm: by month
    assert stored["王堃"].joined_on == dt.date(1995, 7, 1) and stored["王堃"].phone == "13800000001"
    assert stored["赵秀英"].group_name == "第一党小组"


@pytest.mark.parametrize("damage, words", [
    (lambda data: data[:1500], "不是有效的 .xls"),
    (lambda data: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "不是有效的 .xls"),
    (lambda data: b"just some text, renamed", "不是有效的 .xls"),
    (lambda data: data[:4096] + bytes(reversed(data[4096:])), "xls"),
])
def test_a_damaged_xls_gets_a_chinese_message(archive, tmp_path, damage, words):
    path = tmp_path / "坏了.xls"
    path.write_bytes(damage(XLS.read_bytes()))
    with pytest.raises(RosterFileError) as caught:
        roster_io.preview(archive, path)
    assert words in str(caught.value) and "另存为 .xlsx" in str(caught.value)


def test_an_xlsx_named_xls_and_an_oversized_xls(archive, tmp_path):
    path, _ = roster_xlsx(tmp_path / "r.xlsx", [member(1, "王堃", "", make_id(dt.date(1968, 3, 12), 131))])
    shutil.copy(path, tmp_path / "改了名.xls")
    with pytest.raises(RosterFileError, match="扩展名"):
        roster_io.preview(archive, tmp_path / "改了名.xls")
    with open(tmp_path / "大.xls", "wb") as handle:
        handle.truncate(64 * 1024**2)  # sparse
    with pytest.raises(RosterFileError, match="上限"):
        roster_io.preview(archive, tmp_path / "大.xls")


def test_an_xls_whose_cells_span_the_whole_sheet_is_refused_before_loading(archive, tmp_path):
    # The 序号 cell of the first member (an RK record: row 2, column 0) moved to row 65,536,
    # column 256: xlrd would make all 65,536 rows 256 cells long (hundreds of MB).
    data = XLS.read_bytes()
    record = b"\x7e\x02\x0a\x00\x02\x00\x00\x00"
    assert data.count(record) == 1
    path = tmp_path / "宽.xls"
    path.write_bytes(data.replace(record, b"\x7e\x02\x0a\x00\xff\xff\xff\x00"))
    with pytest.raises(RosterFileError, match="65,536 行 × 256 列"):
        roster_io.preview(archive, path)


# -- 4. serial dates ------------------------------------------------------------------
def test_spreadsheet_serial_dates_are_read_or_explained(archive, tmp_path):
    rows = [
        member(1, "王堃", 24909, make_id(dt.date(1968, 3, 12), 131), joined=34881, full=35248),
        member(2, "李秀英", "", make_id(dt.date(1975, 4, 5), 124), joined=5),
        member(3, "赵赟", "", make_id(dt.date(1980, 2, 3), 135), joined=60),
        member(4, "陈镕", "", make_id(dt.date(1972, 1, 3), 137), joined=1995),
    ]
    path, _ = roster_xlsx(tmp_path / "serial.xlsx", rows)
    checked = roster_io.preview(archive, path)
    problems = problems_by_name(checked)
    assert not problems["王堃"]
    wang = checked.rows[0].form
    assert (wang.birth_date, wang.joined_on, wang.full_on) == (dt.date(1968, 3, 12), dt.date(1995, 7, 1),
                                                               dt.date(1996, 7, 2))
    assert "日期序号" in problems["李秀英"] and "1900 年初" in problems["李秀英"]
    assert "2 月 29 日并不存在" in problems["赵赟"]
    assert "只有年份" in problems["陈镕"]


def test_serial_dates_in_a_csv_are_read_too(archive, tmp_path):
    path = tmp_path / "serial.csv"
    path.write_text(f"姓名,身份证号,出生日期,入党日期,转正日期\n王堃,{make_id(dt.date(1968, 3, 12), 131)},24909,34881,35248\n",
                    encoding="gbk")
    checked = roster_io.preview(archive, path)
    assert checked.can_import and checked.rows[0].form.joined_on == dt.date(1995, 7, 1)


# -- 5. GBK CSV that lost a character --------------------------------------------------
def test_a_name_gbk_could_not_hold_is_refused_with_the_fix(archive, tmp_path):
    path = tmp_path / "名册.csv"
    text = (f"姓名,身份证号,入党日期,转正日期\n李𠮷,{make_id(dt.date(1968, 3, 12), 131)},1995-07-01,1996-07-02\n"
            f"王堃,{make_id(dt.date(1975, 4, 5), 133)},2001-07-01,2002-07-02\n")
    path.write_bytes(text.encode("gbk", errors="replace"))  # what a spreadsheet's 另存为 CSV does
    checked = roster_io.preview(archive, path)
    assert [r.form.name for r in checked.bad_rows] == ["李?"]
    problem = checked.bad_rows[0].problems[0]
    assert "GBK" in problem and "生僻字" in problem and ".xlsx" in problem


def test_a_replacement_character_in_any_file_is_refused(archive, tmp_path):
    path, _ = roster_xlsx(tmp_path / "r.xlsx", [member(1, "李\ufffd", "", make_id(dt.date(1968, 3, 12), 131))])
    assert "丢了生僻字" in roster_io.preview(archive, path).bad_rows[0].problems[0]


# -- 7. footers, joined messages, the roster's sheet ------------------------------------
def test_footer_rows_are_left_out_and_said(archive, tmp_path):
    rows = [
        member(1, "王堃", "1968.03", make_id(dt.date(1968, 3, 12), 131)),
        member(2, "李秀英", "1975.04", make_id(dt.date(1975, 4, 5), 124)),
        [],
        ["合计", "2 人"],
        ["填表人：李秀英", None, None, "审核人：王堃"],
        ["制表：党支部"],
        ["备注：流动党员另册登记。"],
        [None, "2026年11月30日"],
        ["单位（盖章）：前进村党支部"],
    ]
    path, _ = roster_xlsx(tmp_path / "footer.xlsx", rows)
    checked = roster_io.preview(archive, path)
    assert checked.can_import and [r.form.name for r in checked.rows] == ["王堃", "李秀英"]
    assert [n for n, _ in checked.footer_rows] == [6, 7, 8, 9, 10, 11]
    assert "第 6、7、8、9、10、11 行是表尾" in checked.notes[0] and "已略过" in checked.notes[0]


@pytest.mark.parametrize("text", ["单位（盖章）：前进村党支部", "签字：", "审核:王堃", "共 29 人", "总计"])
def test_each_usual_footer_is_recognised_on_its_own(archive, tmp_path, text):
    rows = [member(1, "王堃", "", make_id(dt.date(1968, 3, 12), 131)), [text]]
    checked = roster_io.preview(archive, roster_xlsx(tmp_path / "f.xlsx", rows)[0])
    assert checked.can_import and checked.footer_rows == [(4, text)]


def test_a_member_row_below_a_footer_is_still_checked(archive, tmp_path):
    rows = [["填表人：李秀英"], member(2, "王堃", "", make_id(dt.date(1968, 3, 12), 131))]
    path, _ = roster_xlsx(tmp_path / "odd.xlsx", rows)
    checked = roster_io.preview(archive, path)
    assert [r.form.name for r in checked.rows] == ["王堃"] and checked.footer_rows == [(3, "填表人：李秀英")]


def test_a_roster_on_the_second_sheet_is_found(archive, tmp_path):
    path, _ = roster_xlsx(tmp_path / "two.xlsx", [member(1, "王堃", "", make_id(dt.date(1968, 3, 12), 131))],
                          sheets=[("封面", [["前进村党支部"], ["2026 年"]])])
    checked = roster_io.preview(archive, path)
    assert checked.sheet == "党员花名册" and checked.sheets == ["封面", "党员花名册"]
    assert "其余工作表「封面」没有" in checked.notes[0]
    assert checked.rows[0].row_number == 3


def test_no_sheet_with_a_header_names_the_sheets_searched(archive, tmp_path):
    book = Workbook()
    book.active.append(["前进村党支部"])
    book.create_sheet("Sheet2").append(["统计表"])
    book.save(tmp_path / "none.xlsx")
    with pytest.raises(RosterFileError, match="每个工作表的前 10 行中都找不到名册的表头"):
        roster_io.preview(archive, tmp_path / "none.xlsx")


def test_a_rows_messages_are_joined_as_one_sentence(archive, tmp_path):
    rows = [member(1, "王堃", "1970.05", make_id(dt.date(1968, 3, 12), 131), joined="去年", full="")]
    path, _ = roster_xlsx(tmp_path / "bad.xlsx", rows)
    checked = roster_io.preview(archive, path)
    assert len(checked.bad_rows[0].problems) >= 2
    with pytest.raises(RosterFileError) as caught:
        roster_io.apply(archive, checked)
    assert "。；" not in str(caught.value) and "。）" not in str(caught.value)
