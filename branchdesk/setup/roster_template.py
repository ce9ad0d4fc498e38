"""The empty roster workbook the wizard offers: the columns the roster import reads
(``roster/files.HEADER_NAMES``), typed as text so that Excel keeps 18-digit ID numbers
and dates exactly as written, and a sheet saying how to fill it in."""

from __future__ import annotations

from pathlib import Path

from .. import labels
from ..fileio import atomic_path

COLUMNS = [  # (header, width, kept as text)
    ("姓名", 10, False),
    ("公民身份号码", 22, True),
    ("入党日期", 12, True),
    ("转正日期", 12, True),
    ("党员状态", 12, False),
    ("党小组", 14, False),
    ("民族", 8, False),
    ("学历", 10, False),
    ("联系电话", 14, True),
    ("工作岗位", 18, False),
    ("备注", 20, False),
]
ROWS = 300  # rows prepared as text: more than any branch has
HOW_TO = [
    "填写说明",
    "1. 每行一名党员。姓名、公民身份号码、入党日期必须填写；正式党员还要填写转正日期。",
    "2. 日期写成 2001-07-01 或 2001年7月1日。表格已设为“文本”格式，请不要改成数字或日期格式，"
    "否则 18 位身份证号码的末几位会丢失。",
    "3. 党员状态可填：" + "、".join(labels.MEMBER_STATUSES.values()) + "。不填时：有转正日期的为正式党员，没有的为预备党员。",
    "4. 党小组写小组名称；名册中还没有的小组会在导入时新建。",
    "5. 已在向导中登记的支委已经在名册里，不要重复填写。",
    "6. 填好后保存，回到 BranchDesk 点「从 Excel 导入…」。导入前会逐行检查，有问题的行标红，全部正确才导入。",
]


def write_template(target: str | Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    target = Path(target)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "党员名册"
    sheet.append([title for title, _, _ in COLUMNS])
    for index, (_, width, as_text) in enumerate(COLUMNS, start=1):
        header = sheet.cell(1, index)
        header.font = Font(bold=True)
        header.alignment = Alignment(horizontal="center")
        sheet.column_dimensions[header.column_letter].width = width
        if as_text:
            for row in range(2, ROWS + 2):
                sheet.cell(row, index).number_format = "@"
    statuses = DataValidation(type="list", formula1='"' + ",".join(labels.MEMBER_STATUSES.values()) + '"',
                              allow_blank=True)
    sheet.add_data_validation(statuses)
    status_column = sheet.cell(1, [t for t, _, _ in COLUMNS].index("党员状态") + 1).column_letter
    statuses.add(f"{status_column}2:{status_column}{ROWS + 1}")
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet("填写说明")
    for line in HOW_TO:
        notes.append([line])
    notes["A1"].font = Font(bold=True)
    notes.column_dimensions["A"].width = 110
    workbook.properties.title = "党员名册（导入模板）"
    with atomic_path(target) as tmp:
        workbook.save(tmp)
    return target
