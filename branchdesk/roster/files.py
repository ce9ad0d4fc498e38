"""Roster import (.xlsx, .xls, .csv in UTF-8 or GBK/GB18030) with a preview; the export is roster/export.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import clock, labels
from ..dates import DateTextError, read_cell_date
from ..errors import ValidationErrors
from ..storage.binding import uses_archive
from ..storage.models import PartyGroup
from ..text import clean_line, clean_name, quoted, sentences
from . import idnumber
from .members import MemberForm
from .reading import (  # noqa: F401  (some names only re-exported: targets import and tests use them from here)
    FIELD_LABELS,
    HEADER_NAMES,
    MAX_CSV_BYTES,
    MAX_ROWS,
    REQUIRED_FIELDS,
    RosterFileError,
    _normalise_header,
    is_footer,
    match_headers,
    read_table,
)

# Names a legacy-encoded CSV could not hold come back as these.
_LOST_CHARACTERS = ("?", "？", "\ufffd")


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
    sheet: str | None = None  # the workbook sheet read (None for a CSV)
    sheets: list[str] = field(default_factory=list)
    # Rows under the roster left out (填表人、审核人、合计…): (row number, what it says).
    footer_rows: list[tuple[int, str]] = field(default_factory=list)

    @property
    def column_lines(self) -> list[str]:
        """Which columns were read as what and which were not used, for the preview and ``--dry-run``."""
        mapped = "、".join(f"「{header}」→{HEADER_NAMES[name][0]}" for name, header in self.columns.items())
        lines = [f"读取的列：{mapped}。"]
        if self.ignored_headers:
            unused = "、".join(f"「{h}」" for h in self.ignored_headers)
            lines.append(f"未使用的列：{unused}（这些列的内容不会导入）。")
        return lines

    @property
    def notes(self) -> list[str]:
        """What the reading decided without asking: which sheet, which rows were left out."""
        notes = []
        if self.sheet is not None and len(self.sheets) > 1:
            others = "、".join(f"「{s}」" for s in self.sheets if s != self.sheet)
            notes.append(f"名册在工作表「{self.sheet}」中（其余工作表{others}没有名册的表头，未读取）。")
        if self.footer_rows:
            numbers = "、".join(str(n) for n, _ in self.footer_rows)
            first = quoted(self.footer_rows[0][1])
            notes.append(f"第 {numbers} 行是表尾（如 {first}），不是党员，已略过。")
        return notes

    @property
    def bad_rows(self) -> list[PreviewRow]:
        return [r for r in self.rows if not r.ok]

    @property
    def can_import(self) -> bool:
        return bool(self.rows) and not self.bad_rows


@uses_archive
def preview(archive, path: str | Path) -> RosterPreview:
    """Read and check every row without changing anything."""
    path = Path(path)
    if not path.is_file():
        raise RosterFileError(f"找不到文件 {path}。")
    read = read_table(path)
    table, header_row = read.rows, read.header_row
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
    footers: list[tuple[int, str]] = []
    for offset, cells in enumerate(table[1:], start=1):
        if all(clean_line(c) == "" for c in cells):
            continue
        row_number = header_row + offset
        if is_footer(cells, after_footer=bool(footers)):
            footers.append((row_number, " ".join(clean_line(c) for c in cells if clean_line(c))))
            continue
        row = _row_from_cells(cells, columns, row_number, read.legacy_encoding)
        if _masked(row.form.id_number):
            row.problems.append(MASKED_ROW)
            rows.append(row)
            continue
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
    masked = sum(1 for r in rows if MASKED_ROW in r.problems)
    if masked and masked == sum(1 for r in rows if clean_line(r.form.id_number)):
        raise RosterFileError(MASKED_FILE.format(count=masked))
    _mark_cut_ids(rows)
    fields_found = {f: clean_line(table[0][i]) for f, i in columns.items()}
    return RosterPreview(path, rows, fields_found, ignored, sorted(new_groups), read.sheet, read.sheets, footers)


# A masked export (idnumber.mask: 330523********2862) read back: said once for the file, not per row.
MASKED_FILE = ("这个文件是打码导出的名册：{count} 行的公民身份号码中间是 *（出生日期被隐去），不能用来导入。"
               "请重新导出含完整号码的名册（窗口里导出时选“是”包含完整身份证号码，命令行 members export --full-id）"
               "后再导入。本次未导入任何人。")
MASKED_ROW = "公民身份号码已打码（中间是 *），请填写完整的 18 位号码。"


def _masked(number: str) -> bool:
    """An ID number with the mask character of idnumber.mask where digits were."""
    return "*" in number or "＊" in number


def _mark_cut_ids(rows: list[PreviewRow]) -> None:
    """A column where two or more IDs end in 000 went through a number cell: every ID in
    it ending so lost its last digits, even one whose check digit happens to fit (1 in 11)."""
    cut = [r for r in rows if len(number := idnumber.normalise(r.form.id_number)) == 18
           and number.endswith(idnumber.CUT_SUFFIX)]
    if len(cut) < 2:
        return
    for row in cut:
        if idnumber.TRUNCATED not in row.problems:
            row.problems.append(idnumber.TRUNCATED)


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


def _row_from_cells(cells: list[object], columns: dict[str, int], row_number: int,
                    legacy_encoding: str | None = None) -> PreviewRow:
    problems: list[str] = []
    unreadable: set[str] = set()
    dates = {}
    birth_month_only = False
    for field_name, label_text in (("birth_date", "出生日期"), ("joined_on", "入党日期"), ("full_on", "转正日期")):
        try:
            cell_date = read_cell_date(_raw(cells, columns, field_name))
        except DateTextError as error:
            problems.append(f"{label_text}{error}。")
            dates[field_name] = None
            unreadable.add(field_name)
            continue
        dates[field_name] = cell_date.day if cell_date else None
        if field_name == "birth_date" and cell_date:
            birth_month_only = cell_date.month_only
    name = clean_name(_cell(cells, columns, "name"))
    if any(mark in name for mark in _LOST_CHARACTERS):
        problems.append(_lost_character(name, legacy_encoding))
        unreadable.add("name")
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
        name=name,
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
        birth_month_only=birth_month_only,
    )
    return PreviewRow(row_number, form, _cell(cells, columns, "group"), problems, unreadable)


def _lost_character(name: str, legacy_encoding: str | None) -> str:
    if legacy_encoding:
        return (f"姓名{quoted(name)}中有“?”：这个 CSV 文件是 {legacy_encoding} 编码，存不下姓名里的生僻字，"
                "保存时已把它换成了问号，原字已经丢失。请在原来的表格中另存为 .xlsx（Excel 工作簿）后再导入，"
                "或在导入后按身份证改正姓名。")
    return (f"姓名{quoted(name)}中有“?”或无法显示的字符：多半是文件在某次另存时丢了生僻字。"
            "请按身份证改正姓名；如原表格中的姓名是对的，请从原表格另存为 .xlsx 后再导入。")


def apply(archive, checked: RosterPreview) -> list[int]:
    """Import every row of a clean preview in one transaction: all rows or none."""
    if not checked.rows:
        raise RosterFileError("文件中没有可导入的党员。")
    if checked.bad_rows:
        first = checked.bad_rows[0]
        raise RosterFileError(
            f"有 {len(checked.bad_rows)} 行有问题（例如第 {first.row_number} 行：{sentences(first.problems)[:-1]}），"
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
