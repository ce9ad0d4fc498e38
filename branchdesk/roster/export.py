"""Roster export to the file the user named: .xlsx laid out for printing (one page wide,
the header on every page, dates as date cells, ID numbers as text), or .csv that Excel
and WPS open (UTF-8 with a byte-order mark, ID numbers kept as text). The roster import
reads both back. ID numbers are masked unless the user asks for them in full."""

from __future__ import annotations

import csv
from pathlib import Path

from ..errors import ValidationError
from ..fileio import atomic_path
from ..text import quoted
from ..xlsx_layout import lay_out_for_print, save_workbook
from .members import MemberRecord

# (header, MemberRecord attribute, column width); the headers are the ones import reads.
EXPORT_COLUMNS = [
    ("序号", None, 5),
    ("姓名", "name", 9),
    ("性别", "gender_label", 5),
    ("民族", "ethnicity", 6),
    ("出生日期", "birth_date", 15),
    ("公民身份号码", "id_number", 22),
    ("学历", "education", 10),
    ("联系电话", "phone", 14),
    ("工作岗位", "job", 14),
    ("入党日期", "joined_on", 15),
    ("转正日期", "full_on", 15),
    ("党员状态", "status_label", 10),
    ("党小组", "group_name", 12),
    ("备注", "note", 16),
]
# Columns Excel would turn into numbers (an 18-digit ID loses its last digits, a phone
# its leading 0): text cells in .xlsx; a leading tab in .csv makes Excel and WPS keep
# them as text (import strips it).
_TEXT_COLUMNS = {"id_number", "phone"}


def export_roster(records: list[MemberRecord], target: str | Path, branch_name: str, full_ids: bool = False) -> Path:
    """Write the roster as .xlsx or .csv by ``target``'s extension (anything else is
    refused before a file is written); ID numbers masked unless ``full_ids``."""
    target = Path(target)
    suffix = target.suffix.lower()
    if suffix == ".xlsx":
        return export_xlsx(records, target, branch_name, mask_ids=not full_ids)
    if suffix == ".csv":
        return export_csv(records, target, mask_ids=not full_ids)
    raise ValidationError(
        "file", "suffix", f"名册只能导出为 .xlsx 或 .csv，文件名{quoted(target.name)}不是这两种。请把扩展名改为 .xlsx 或 .csv。"
    )


def export_rows(records: list[MemberRecord], mask_ids: bool, dates_as_text: bool = True) -> list[list[object]]:
    """The roster's rows under EXPORT_COLUMNS; dates as ISO text (for .csv) or as dates."""
    lines = []
    for number, record in enumerate(records, start=1):
        line: list[object] = []
        for _, attribute, _ in EXPORT_COLUMNS:
            if attribute is None:
                line.append(number)
            elif attribute == "id_number":
                line.append(record.masked_id if mask_ids else record.id_number)
            else:
                value = getattr(record, attribute)
                if hasattr(value, "isoformat"):
                    line.append(value.isoformat() if dates_as_text else value)
                else:
                    line.append(value or "")
        lines.append(line)
    return lines


def export_xlsx(records: list[MemberRecord], target: str | Path, branch_name: str, mask_ids: bool = False) -> Path:
    """Write the roster as .xlsx (atomically). The header row matches what import reads."""
    from openpyxl import Workbook

    target = Path(target)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "党员名册"
    sheet.append([title for title, _, _ in EXPORT_COLUMNS])
    for line in export_rows(records, mask_ids, dates_as_text=False):
        sheet.append(line)
    text_columns = [n for n, (_, attribute, _) in enumerate(EXPORT_COLUMNS, start=1) if attribute in _TEXT_COLUMNS]
    lay_out_for_print(sheet, [width for _, _, width in EXPORT_COLUMNS], 1, f"{branch_name}党员名册", text_columns)
    sheet.freeze_panes = "C2"  # 序号 and 姓名 stay in view
    return save_workbook(workbook, target, f"{branch_name}党员名册")


def export_csv(records: list[MemberRecord], target: Path, mask_ids: bool = True) -> Path:
    """The roster as CSV (atomically), with the header row the import reads."""
    text_positions = {i for i, (_, attribute, _) in enumerate(EXPORT_COLUMNS) if attribute in _TEXT_COLUMNS}
    with atomic_path(target) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([title for title, _, _ in EXPORT_COLUMNS])
        for line in export_rows(records, mask_ids):
            writer.writerow([_as_text(cell) if i in text_positions or _formula_like(cell) else cell
                             for i, cell in enumerate(line)])
    return target


def id_note(full_ids: bool) -> str:
    """What the exported file holds of the ID numbers, for the message after an export."""
    if full_ids:
        return "文件中含完整的身份证号码，请妥善保管，不要外传。"
    return "身份证号码已打码（只保留前 6 位和后 4 位），这样的名册不能再导入；需要完整号码请选择导出完整号码（命令行 --full-id）。"


def _as_text(cell: object) -> object:
    return f"\t{cell}" if cell not in ("", None) else cell


def _formula_like(cell: object) -> bool:
    # Text that starts like a formula (=, +, -, @) must stay text, not run in Excel.
    return isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@")
