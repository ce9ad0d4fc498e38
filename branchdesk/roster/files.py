"""Roster import (.xlsx, .csv in UTF-8 or GBK/GB18030) with a preview; the export is roster/export.py."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from .. import clock, labels
from ..dates import DateTextError, parse_date
from ..errors import BranchDeskError, ValidationErrors
from ..storage.binding import uses_archive
from ..storage.models import PartyGroup
from ..text import clean_line, quoted
from ..xlsx_safety import ROWS_ABOVE_DATA, read_first_sheet
from . import idnumber
from .members import MemberForm

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


class RosterFileError(BranchDeskError):
    """The file as a whole cannot be read (wrong type, no header, missing column)."""


@dataclass
class PreviewRow:
    row_number: int  # as the user sees it in the spreadsheet (header row = 1 unless a title sits above)
    form: MemberForm
    group_name: str
    problems: list[str] = field(default_factory=list)
    # Fields whose cell could not be read at all (already explained in ``problems``).
    unreadable: set[str] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class RosterPreview:
    path: Path
    rows: list[PreviewRow]
    columns: dict[str, str]  # field -> header as written in the file
    ignored_headers: list[str]
    new_groups: list[str]

    @property
    def bad_rows(self) -> list[PreviewRow]:
        return [r for r in self.rows if not r.ok]

    @property
    def can_import(self) -> bool:
        return bool(self.rows) and not self.bad_rows


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


def read_table(path: Path) -> tuple[list[list[object]], int]:
    """Rows of the first sheet (or CSV) from the header row on, and the header's row number."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        rows = _read_xlsx(path)
    elif suffix in (".csv", ".txt"):
        rows = _read_csv(path)
    elif suffix == ".xls":
        raise RosterFileError("不支持旧的 .xls 格式。请在 Excel/WPS 中“另存为” .xlsx 或 .csv 后再导入。")
    else:
        raise RosterFileError(f"不认识的文件类型 {suffix or '（无扩展名）'}。请选择 .xlsx 或 .csv 文件。")
    # Rosters often carry a title row or two above the header: find the row naming 姓名.
    for index, row in enumerate(rows[:10]):
        fields, _ = match_headers(row)
        if "name" in fields:
            return rows[index:], index + 1
    raise RosterFileError("在文件前 10 行中找不到表头（至少需要“姓名”“公民身份号码”“入党日期”三列）。")


def _read_xlsx(path: Path) -> list[list[object]]:
    return read_first_sheet(path, MAX_ROWS, _too_many_rows(path), RosterFileError)


def _too_many_rows(path: Path) -> str:
    return (f"{path.name} 超过 {MAX_ROWS} 行，不像是一个支部的名册。请检查是否选错了文件；"
            f"如确实有这么多人，请把名册拆成每份不超过 {MAX_ROWS} 行的几个文件，分别导入。本次没有导入任何人。")


def _read_csv(path: Path) -> list[list[object]]:
    size = path.stat().st_size
    if size > MAX_CSV_BYTES:  # it is read whole below: bound it first
        raise RosterFileError(
            f"{path.name} 有 {size / 1024**2:,.0f} MB（上限 {MAX_CSV_BYTES // 1024**2} MB），远大于一个支部的名册。"
            "请检查是否选错了文件。本次没有导入任何人。"
        )
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise RosterFileError("无法识别文件编码。请在 Excel/WPS 中另存为 “CSV UTF-8” 或 .xlsx 后再导入。")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = [row for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as error:
        raise RosterFileError(
            f"{path.name} 不是规整的 CSV 文件（{error}），多半是某个单元格里有不成对的英文引号。"
            "请在 Excel/WPS 中打开后另存为 .xlsx 再导入。"
        ) from error
    if sum(1 for row in rows if any(cell.strip() for cell in row)) > MAX_ROWS + ROWS_ABOVE_DATA:
        raise RosterFileError(_too_many_rows(path))
    return rows


@uses_archive
def preview(archive, path: str | Path) -> RosterPreview:
    """Read and check every row without changing anything."""
    path = Path(path)
    if not path.is_file():
        raise RosterFileError(f"找不到文件 {path}。")
    table, header_row = read_table(path)
    columns, ignored = match_headers(table[0])
    missing = [FIELD_LABELS[f] for f in REQUIRED_FIELDS if f not in columns]
    if missing:
        raise RosterFileError(f"文件缺少必需的列：{'、'.join(missing)}。请在表头中加上这些列后再导入。")
    existing_groups = {
        g.name: g.id for g in PartyGroup.select().where(PartyGroup.branch == archive.branch.own_id())
    }
    rows: list[PreviewRow] = []
    seen_ids: dict[str, int] = {}
    new_groups: list[str] = []
    for offset, cells in enumerate(table[1:], start=1):
        if all(clean_line(c) == "" for c in cells):
            continue
        row_number = header_row + offset
        row = _row_from_cells(cells, columns, row_number)
        if row.group_name and row.group_name not in existing_groups and row.group_name not in new_groups:
            new_groups.append(row.group_name)
        # Every problem of the row at once, but each cell's only once.
        try:
            values = archive.members.check_form(row.form, row=row_number)
        except ValidationErrors as errors:
            row.problems.extend(e.detail for e in errors.errors if e.field not in row.unreadable)
        else:
            first = seen_ids.setdefault(values["id_number"], row_number)
            if first != row_number:
                row.problems.append(f"公民身份号码与第 {first} 行重复，同一人只能登记一次。")
            gender_cell = _cell(cells, columns, "gender")
            if gender_cell in ("男", "女") and labels.label(labels.GENDERS, values["gender"]) != gender_cell:
                row.problems.append(f"性别“{gender_cell}”与公民身份号码不一致，请核对号码第 17 位或性别。")
        rows.append(row)
    fields_found = {f: clean_line(table[0][i]) for f, i in columns.items()}
    return RosterPreview(path, rows, fields_found, ignored, sorted(new_groups))


def _raw(cells: list[object], columns: dict[str, int], field_name: str) -> object:
    """The cell as the file holds it (a number stays a number), None when absent."""
    position = columns.get(field_name)
    if position is None or position >= len(cells):
        return None
    return cells[position]


def _cell(cells: list[object], columns: dict[str, int], field_name: str) -> str:
    value = _raw(cells, columns, field_name)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # phone numbers typed into a number cell
    return clean_line(value) if not hasattr(value, "year") else value  # type: ignore[return-value]


def _row_from_cells(cells: list[object], columns: dict[str, int], row_number: int) -> PreviewRow:
    problems: list[str] = []
    unreadable: set[str] = set()
    dates = {}
    for field_name, label_text in (("birth_date", "出生日期"), ("joined_on", "入党日期"), ("full_on", "转正日期")):
        try:
            dates[field_name] = parse_date(_raw(cells, columns, field_name))
        except DateTextError as error:
            problems.append(f"{label_text}{error}。")
            dates[field_name] = None
            unreadable.add(field_name)
    if isinstance(_raw(cells, columns, "id_number"), (int, float)):
        problems.append(idnumber.SPREADSHEET_NUMBER)
        unreadable.add("id_number")
    status_text = _cell(cells, columns, "status")
    status = labels.key_for(labels.MEMBER_STATUSES, status_text) if status_text else None
    if status_text and status is None:
        problems.append(f"党员状态{quoted(status_text)}无法识别，应为：{'、'.join(labels.MEMBER_STATUSES.values())}。")
    if status is None:
        # Without a status: a member with a 转正 date is full. Without that either, only
        # someone who joined less than two years ago (probation may be extended once)
        # can be probationary; anyone else would silently lose the right to vote.
        status = "full" if dates["full_on"] else "probationary"
        joined = dates["joined_on"]
        if status == "probationary" and joined and joined < clock.add_years(clock.today(), -2):
            problems.append(
                f"入党已超过两年（{joined:%Y-%m-%d}），但没有转正日期，也没有写党员状态。"
                "请填写转正日期；如确为预备党员，请在“党员状态”列写明。"
            )
    form = MemberForm(
        name=_cell(cells, columns, "name"),
        id_number=str(_cell(cells, columns, "id_number")),
        ethnicity=_cell(cells, columns, "ethnicity") or "汉族",
        education=_cell(cells, columns, "education"),
        phone=str(_cell(cells, columns, "phone")),
        job=_cell(cells, columns, "job"),
        joined_on=dates["joined_on"],
        full_on=dates["full_on"],
        full_exception=_cell(cells, columns, "full_exception"),
        status=status,
        note=_cell(cells, columns, "note"),
        birth_date=dates["birth_date"],
    )
    return PreviewRow(row_number, form, _cell(cells, columns, "group"), problems, unreadable)


def apply(archive, checked: RosterPreview) -> list[int]:
    """Import every row of a clean preview in one transaction: all rows or none."""
    if not checked.rows:
        raise RosterFileError("文件中没有可导入的党员。")
    if checked.bad_rows:
        first = checked.bad_rows[0]
        raise RosterFileError(
            f"有 {len(checked.bad_rows)} 行有问题（例如第 {first.row_number} 行：{first.problems[0]}），"
            "请改正后重新导入。本次没有导入任何人。"
        )
    archive.require_writable()
    archive.backup_before("pre-import")  # an import changes many rows: a way back first
    with archive.db.atomic():
        group_ids = {g.name: g.id for g in archive.groups.list()}
        for name in checked.new_groups:
            group_ids[name] = archive.groups.save(name)
        forms = []
        for row in checked.rows:
            row.form.group_id = group_ids.get(row.group_name) if row.group_name else None
            forms.append(row.form)
        return archive.members.add_many(forms)
