"""Writes roster.xls, the old-format (Excel 97-2003, BIFF8) roster the .xls tests read.

Run once, by hand, with xlwt (unmaintained, so not a dependency of BranchDesk):
    python -m venv /tmp/xlwt && /tmp/xlwt/bin/pip install xlwt
    PYTHONPATH=. /tmp/xlwt/bin/python tests/data/roster_xls/make_roster_xls.py
It lays the roster out as a clerk's 花名册: an instructions sheet first, the roster on the
second sheet under a merged title row, 出生年月 as text and as a date cell shown yyyy.mm,
join dates as date cells, IDs as text, a full-width space in a name and a footer."""

import datetime as dt
from pathlib import Path

import xlwt

from branchdesk.roster.idnumber import check_digit


def make_id(birth: dt.date, serial: int) -> str:
    first17 = f"110105{birth:%Y%m%d}{serial:03d}"
    return first17 + check_digit(first17)


def main() -> None:
    book = xlwt.Workbook(encoding="utf-8")
    notes = book.add_sheet("填表说明")
    notes.write(0, 0, "填表说明：出生年月写到月，身份证号码请设为文本格式。")
    sheet = book.add_sheet("党员花名册")
    sheet.write_merge(0, 0, 0, 8, "前进村党支部党员花名册")
    header = ["序号", "姓名", "性别", "出生年月", "公民身份号码", "入党时间", "转正时间", "党小组", "联系电话"]
    for column, text in enumerate(header):
        sheet.write(1, column, text)
    month = xlwt.easyxf(num_format_str="yyyy.mm")
    day = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    rows = [
        ("王堃", "男", "1968.03", make_id(dt.date(1968, 3, 12), 131), dt.date(1995, 7, 1), dt.date(1996, 7, 2), "第一党小组", "13800000001"),
        ("李秀英", "女", dt.date(1975, 4, 1), make_id(dt.date(1975, 4, 5), 124), dt.date(2001, 6, 30), dt.date(2002, 7, 1), "第二党小组", ""),
        ("赵\u3000秀英\u3000", "女", dt.date(1980, 2, 3), make_id(dt.date(1980, 2, 3), 126), dt.date(2005, 7, 1), dt.date(2006, 7, 5), "第一党小组", ""),
    ]
    for offset, (name, gender, born, number, joined, full, group, phone) in enumerate(rows):
        row = 2 + offset
        sheet.write(row, 0, offset + 1)
        sheet.write(row, 1, name)
        sheet.write(row, 2, gender)
        if isinstance(born, dt.date):
            sheet.write(row, 3, born, month if offset == 1 else day)
        else:
            sheet.write(row, 3, born)
        sheet.write(row, 4, number)
        sheet.write(row, 5, joined, day)
        sheet.write(row, 6, full, day)
        sheet.write(row, 7, group)
        sheet.write(row, 8, phone)
    sheet.write(6, 0, "填表人：李秀英\u3000\u3000审核人：王堃")
    sheet.write(7, 0, "填表日期：2026年11月30日")
    book.save(str(Path(__file__).with_name("roster.xls")))


if __name__ == "__main__":
    main()
