"""Roster export to the file the user named: .xlsx, or .csv that Excel and WPS open
(UTF-8 with a byte-order mark, ID numbers kept as text) and that the roster import
reads back. ID numbers are masked unless the user asks for them in full."""

from __future__ import annotations

import csv
from pathlib import Path

from ..errors import ValidationError
from ..fileio import atomic_path
from ..text import quoted
from .files import EXPORT_COLUMNS, export_rows, export_xlsx
from .members import MemberRecord

# Columns Excel would turn into numbers (an 18-digit ID loses its last digits, a phone
# its leading 0): a leading tab makes Excel and WPS keep them as text; import strips it.
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


def export_csv(records: list[MemberRecord], target: Path, mask_ids: bool = True) -> Path:
    """The roster as CSV (atomically), with the header row the import reads."""
    text_positions = {i for i, (_, attribute) in enumerate(EXPORT_COLUMNS) if attribute in _TEXT_COLUMNS}
    with atomic_path(target) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([title for title, _ in EXPORT_COLUMNS])
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
