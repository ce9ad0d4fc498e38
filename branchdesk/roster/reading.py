"""Reading a roster file into rows: which file types, which sheet, which row is the
header and which columns mean what. Checking the rows is ``files.preview``."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BranchDeskError
from ..sheet_rows import HEAD_ROWS, ROWS_ABOVE_DATA, ChosenSheet
from ..text import clean_line

# Header spellings seen in rosters, per field (compared after removing spaces/brackets).
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "名字", "党员姓名", "name"),
    "id_number": ("公民身份号码", "身份证号码", "身份证号", "身份证", "证件号码", "身份号码", "idnumber", "id"),
    "gender": ("性别",),
    "ethnicity": ("民族",),
    "birth_date": ("出生日期", "出生年月", "出生年月日", "生日"),
    "education": ("学历", "文化程度", "最高学历"),
    "phone": ("联系电话", "手机号码", "手机号", "手机", "电话", "联系方式"),
    "job": ("工作岗位", "工作单位及职务", "职务", "职业", "岗位", "工作单位"),
    "joined_on": ("入党日期", "入党时间", "入党年月"),
    "full_on": ("转正日期", "转正时间", "转正年月"),
    "status": ("党员状态", "党籍状态", "状态", "人员类别", "党员类别"),
    "group": ("党小组", "所在党小组", "所属党小组", "小组"),
    "note": ("备注",),
    "full_exception": ("提前转正说明",),
}
REQUIRED_FIELDS = ("name", "id_number", "joined_on")
FIELD_LABELS = {"name": "姓名", "id_number": "公民身份号码", "joined_on": "入党日期"}
MAX_ROWS = 5000
MAX_CSV_BYTES = 32 * 1024**2  # 5,000 rows of 30 columns are under 5 MB
# Encodings a CSV is tried in; the first that decodes the whole file wins.
_CSV_ENCODINGS = (("utf-8-sig", None), ("gb18030", "GBK"))


class RosterFileError(BranchDeskError):
    """The file as a whole cannot be read (wrong type, no header, missing column)."""


@dataclass
class RosterTable:
    rows: list[list[object]]  # from the header row on
    header_row: int  # the header's row number in the spreadsheet
    sheet: str | None = None  # the sheet read, for a workbook
    sheets: list[str] = field(default_factory=list)  # all of the workbook's sheets
    legacy_encoding: str | None = None  # "GBK" for a CSV not in UTF-8: it cannot hold every character


def _normalise_header(text: object) -> str:
    raw = clean_line(text).lower()
    for ch in " \u3000()（）[]【】*：:":
        raw = raw.replace(ch, "")
    return raw.replace("必填", "").replace("选填", "")


def match_headers(headers: list[object]) -> tuple[dict[str, int], list[str]]:
    """Map fields to column positions; unknown headers are returned for the preview."""
    found: dict[str, int] = {}
    ignored: list[str] = []
    for position, header in enumerate(headers):
        key = _normalise_header(header)
        if not key:
            continue
        field_name = next((f for f, names in HEADER_NAMES.items() if key in names), None)
        if field_name is None:  # e.g. "入党日期(年月日)" or "身份证号码（18位）"
            field_name = next(
                (f for f, names in HEADER_NAMES.items() for n in names if len(n) >= 2 and key.startswith(n)), None
            )
        if field_name and field_name not in found:
            found[field_name] = position
        else:
            ignored.append(clean_line(header))
    return found, ignored


def _header_score(head: list[list[object]]) -> int:
    """How much the best row of ``head`` looks like a roster header (0: none names 姓名)."""
    best = 0
    for row in head:
        fields, _ = match_headers(row)
        if "name" in fields:
            best = max(best, len(fields) + 10 * sum(f in fields for f in REQUIRED_FIELDS))
    return best


def read_table(path: Path) -> RosterTable:
    """The roster's rows from the header row on. A workbook's sheets are all searched
    and the one with the roster's header is read; title rows above the header are skipped."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xls"):
        chosen = _read_workbook(path, suffix)
        if chosen is None:
            raise RosterFileError(_no_header(path, suffix))
        rows, sheet, sheets, encoding = chosen.rows, chosen.title, chosen.titles, None
    elif suffix in (".csv", ".txt"):
        (rows, encoding), sheet, sheets = _read_csv(path), None, []
    else:
        raise RosterFileError(f"不认识的文件类型 {suffix or '（无扩展名）'}。请选择 .xlsx、.xls 或 .csv 文件。")
    # Rosters often carry a title row or two above the header: find the row naming 姓名.
    for index, row in enumerate(rows[:HEAD_ROWS]):
        fields, _ = match_headers(row)
        if "name" in fields:
            return RosterTable(rows[index:], index + 1, sheet, sheets, encoding)
    raise RosterFileError(_no_header(path, suffix))


def _no_header(path: Path, suffix: str) -> str:
    need = "（至少需要“姓名”“公民身份号码”“入党日期”三列）"
    if suffix in (".xlsx", ".xls"):
        return f"在 {path.name} 每个工作表的前 {HEAD_ROWS} 行中都找不到名册的表头{need}。请检查是否选错了文件。"
    return f"在文件前 {HEAD_ROWS} 行中找不到表头{need}。"


def _read_workbook(path: Path, suffix: str) -> ChosenSheet | None:
    if suffix == ".xls":
        from ..xls_safety import read_best_sheet
    else:
        from ..xlsx_safety import read_best_sheet
    return read_best_sheet(path, _header_score, MAX_ROWS, _too_many_rows(path), RosterFileError)


def _too_many_rows(path: Path) -> str:
    return (f"{path.name} 超过 {MAX_ROWS} 行，不像是一个支部的名册。请检查是否选错了文件；"
            f"如确实有这么多人，请把名册拆成每份不超过 {MAX_ROWS} 行的几个文件，分别导入。本次没有导入任何人。")


def _decoded(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


def _read_csv(path: Path) -> tuple[list[list[object]], str | None]:
    size = path.stat().st_size
    if size > MAX_CSV_BYTES:  # it is read whole below: bound it first
        raise RosterFileError(
            f"{path.name} 有 {size / 1024**2:,.0f} MB（上限 {MAX_CSV_BYTES // 1024**2} MB），远大于一个支部的名册。"
            "请检查是否选错了文件。本次没有导入任何人。"
        )
    raw = path.read_bytes()
    decoded = next(((text, legacy) for encoding, legacy in _CSV_ENCODINGS if (text := _decoded(raw, encoding))), None)
    if decoded is None:
        raise RosterFileError("无法识别文件编码。请在 Excel/WPS 中另存为 “CSV UTF-8” 或 .xlsx 后再导入。")
    text, legacy = decoded
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    try:
        rows: list[list[object]] = [list(row) for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as error:
        raise RosterFileError(
            f"{path.name} 不是规整的 CSV 文件（{error}），多半是某个单元格里有不成对的英文引号。"
            "请在 Excel/WPS 中打开后另存为 .xlsx 再导入。"
        ) from error
    if sum(1 for row in rows if any(str(cell).strip() for cell in row)) > MAX_ROWS + ROWS_ABOVE_DATA:
        raise RosterFileError(_too_many_rows(path))
    return rows, legacy


# Lines clerks put under a roster: signatures, dates, notes and totals. Totals may stand
# alone (「合计」, 「共 29 人」); the others are labels followed by a colon.
_TOTALS = re.compile(r"^(合计|总计|小计|共计)|^共\s*[0-9]+\s*[人名]")
_SIGNED = re.compile(
    r"^(填表人|填报人|制表人|制表|审核人|审核|审批人|负责人|联系人|经办人|签字|签名|备注|说明|注|"
    r"填表单位|报送单位|单位|填表日期|填报日期|制表日期|报送日期|日期)\s*([(（][^)）]{0,10}[)）])?\s*[:：]"
)
_ID_DIGITS = re.compile(r"[0-9０-９]{15}")


def is_footer(cells: list[object], after_footer: bool = False) -> bool:
    """A row under the roster that is not a member: its first filled cell is a footer
    label (or, below such a row, any row without an ID number)."""
    texts = [clean_line(c) for c in cells if clean_line(c)]
    if not texts or any(_ID_DIGITS.search(t) for t in texts):
        return False
    return after_footer or bool(_TOTALS.match(texts[0]) or _SIGNED.match(texts[0]))
