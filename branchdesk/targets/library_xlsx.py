"""The 标杆指标库 as a spreadsheet: import with a preview that lists every bad row with
its reason (nothing is stored until the whole file is clean, then all rows in one
transaction), and export that imports back unchanged.

Upper levels' schemes come in two shapes, both read here: a 一级 row (分值 its points)
followed by its 二级 rows; or one row per 二级 indicator with the 一级 name in its own
column (often a merged cell, so only its first row holds it) and the 一级 points in a
「一级分值」 column or in the name (「组织建设（20分）」). Title rows above the header are
skipped; headers are matched loosely (一级指标 / 考核项目, 分值 / 标准分 …)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BranchDeskError, ValidationError, ValidationErrors
from ..roster.files import _normalise_header
from ..text import clean_line, clean_text, quoted
from ..xlsx_layout import bold_font, lay_out_for_print, save_workbook
from ..xlsx_safety import read_first_sheet
from .forms import IndicatorForm, LibraryDetail
from .library import clean_indicators
from .library_sheet import drop_serial_numbers, is_total_row, total_problem
from .measures import MEASURES, measure_labels
from .points import parse_tenths, tenths_number

HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "code": ("编号", "序号", "指标编号", "代码"),
    "first": ("一级指标", "一级指标名称", "考核项目", "考核类别", "一级"),
    "first_points": ("一级分值", "一级指标分值", "项目分值", "一级分数"),
    "second": ("二级指标", "二级指标名称", "考核内容", "考核要点", "具体指标", "二级", "考核细项", "指标内容"),
    "points": ("分值", "分数", "标准分", "满分", "二级分值", "二级指标分值", "指标分值"),
    "scoring_rule": ("评分标准", "评分细则", "计分办法", "评分办法", "考核标准", "扣分标准"),
    "evidence_required": ("佐证材料", "佐证资料", "备查资料", "证明材料", "考核依据", "查阅资料"),
    "measure": ("自动计量", "计量方式", "自动计量项", "数据来源"),
}
MAX_ROWS = 500
_POINTS_IN_NAME = re.compile(r"^(.*?)[（(]\s*(\d+(?:\.\d)?)\s*分\s*[)）]\s*$")


class LibraryFileError(BranchDeskError):
    """The file as a whole cannot be read (type, header, missing column)."""


@dataclass
class LibraryPreviewRow:
    row_number: int  # as the spreadsheet numbers it
    form: IndicatorForm
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class LibraryPreview:
    path: Path
    rows: list[LibraryPreviewRow]
    columns: dict[str, str]  # field -> header as written
    ignored_headers: list[str]
    title: str  # a title row above the header, if any ('' otherwise)
    problems: list[str] = field(default_factory=list)  # about the file as a whole
    notes: list[str] = field(default_factory=list)  # how the file was read, for the preview (never blocking)

    @property
    def bad_rows(self) -> list[LibraryPreviewRow]:
        return [r for r in self.rows if not r.ok]

    @property
    def can_import(self) -> bool:
        return bool(self.rows) and not self.bad_rows and not self.problems

    @property
    def forms(self) -> list[IndicatorForm]:
        return [r.form for r in self.rows]

    @property
    def total_points_x10(self) -> int:
        return sum(r.form.points_x10 or 0 for r in self.rows if r.form.level == 1)


def match_headers(cells: list[object]) -> tuple[dict[str, int], list[str]]:
    found: dict[str, int] = {}
    ignored: list[str] = []
    for position, header in enumerate(cells):
        key = _normalise_header(header)
        if not key:
            continue
        name = next((f for f, names in HEADER_NAMES.items() if key in names), None)
        if name is None:  # 「分值（分）」「评分标准及扣分办法」
            name = next((f for f, names in HEADER_NAMES.items() for n in names if len(n) >= 2 and key.startswith(n)),
                        None)
        if name and name not in found:
            found[name] = position
        else:
            ignored.append(clean_line(header))
    return found, ignored


def _read_rows(path: Path) -> list[list[object]]:
    if path.suffix.lower() != ".xlsx":
        raise LibraryFileError(f"指标库只能从 .xlsx 文件导入（{path.name}）。旧的 .xls 请在 Excel/WPS 中另存为 .xlsx。")
    too_many = (f"{path.name} 超过 {MAX_ROWS} 行，不像是一套指标库（一套指标库通常几十到一两百行）。"
                "请检查是否选错了文件，或删去表格下方多余的内容后再导入。本次没有导入任何指标。")
    return read_first_sheet(path, MAX_ROWS, too_many, LibraryFileError)


def preview(path: str | Path) -> LibraryPreview:
    """Read and check every row without changing anything."""
    path = Path(path)
    if not path.is_file():
        raise LibraryFileError(f"找不到文件 {path}。")
    table = _read_rows(path)
    for index, cells in enumerate(table[:10]):  # noqa: B007 - the header's row is used after the loop
        columns, ignored = match_headers(cells)
        if "second" in columns and "points" in columns:
            break
    else:
        raise LibraryFileError("在文件前 10 行中找不到表头：至少需要“二级指标”和“分值”两列（通常还有一级指标、评分标准、佐证材料）。")
    title = next((clean_line(c) for cells in table[:index] for c in cells if clean_line(c)), "")
    rows: list[LibraryPreviewRow] = []
    first: LibraryPreviewRow | None = None
    first_raw = ""  # the 一级 cell as written (a name with 「（20分）」 repeats on each row)
    first_points_given = False
    totals: list[tuple[int, int | None]] = []  # 合计 rows: (row number, points written)
    problems: list[str] = []
    for offset, cells in enumerate(table[index + 1:], start=index + 2):
        if all(clean_line(c) == "" for c in cells):
            continue
        get = _getter(cells, columns)
        if is_total_row(cells, [columns[f] for f in ("code", "first", "second") if f in columns]):
            totals.append((offset, _total_points(get("points", raw=True), offset, problems)))
            continue
        first_name, second_name = get("first"), get("second")
        if first_name and (first is None or first_name != first_raw or not second_name):
            first, first_raw = _first_row(offset, first_name, get, bool(second_name)), first_name
            first_points_given = first.form.points_x10 is not None or bool(first.problems)
            rows.append(first)
            if not second_name:
                continue
        if not second_name:
            rows.append(LibraryPreviewRow(offset, IndicatorForm(2, "", None), ["没有填写二级指标名称。"]))
            continue
        row = LibraryPreviewRow(offset, IndicatorForm(2, second_name, 0, clean_text(get("scoring_rule", text=True)),
                                                      clean_text(get("evidence_required", text=True)),
                                                      code=get("code")))
        row.form.points_x10 = _points(row, get("points", raw=True), "分值")
        row.form.measure = _measure(row, get("measure"))
        if first is None:
            row.problems.append("二级指标之前没有一级指标：请在第一行二级指标之前写明所属一级指标。")
        elif not first_points_given:  # the 一级 points are the sum of its 二级
            first.form.points_x10 = (first.form.points_x10 or 0) + (row.form.points_x10 or 0)
        rows.append(row)
    headers = {f: clean_line(table[index][i]) for f, i in columns.items()}
    serial_note = drop_serial_numbers(rows, headers.get("code", ""))
    _check_tree(rows)
    checked = LibraryPreview(path, rows, headers, ignored, title, problems, [serial_note] if serial_note else [])
    for number, written in totals:  # judged only when every row could be read and added up
        mismatch = "" if checked.bad_rows else total_problem(number, written, checked.total_points_x10)
        checked.problems += [mismatch] if mismatch else []
    if totals:
        checked.notes.append(f"第 {'、'.join(str(n) for n, _ in totals)} 行是合计行，不是指标，没有导入。")
    return checked


def _total_points(value, row_number: int, problems: list[str]) -> int | None:
    try:
        return parse_tenths(value, "points", "合计分值", required=False)
    except ValidationError as error:
        problems.append(f"第 {row_number} 行（合计）：{error.detail}")
        return None


def _getter(cells: list[object], columns: dict[str, int]):
    def get(name: str, raw: bool = False, text: bool = False):
        position = columns.get(name)
        value = cells[position] if position is not None and position < len(cells) else None
        if raw:
            return value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return clean_text(value) if text else clean_line(value)
    return get


def _first_row(number: int, name: str, get, with_second: bool) -> LibraryPreviewRow:
    row = LibraryPreviewRow(number, IndicatorForm(1, name, 0))
    match = _POINTS_IN_NAME.match(name)
    given = get("first_points", raw=True)
    if given is None and not with_second:
        given = get("points", raw=True)  # a 一级 row of its own: 分值 is its points
        row.form.scoring_rule = clean_text(get("scoring_rule", text=True))
        row.form.evidence_required = clean_text(get("evidence_required", text=True))
        row.form.code = get("code")
    if given is None and match:
        row.form.name, given = match.group(1).strip(), match.group(2)
    row.form.points_x10 = _points(row, given, "一级指标分值") if given is not None else None
    return row


def _points(row: LibraryPreviewRow, value, what: str) -> int | None:
    """The points, or None with the reason on the row."""
    try:
        return parse_tenths(value, "points", what)
    except ValidationError as error:
        row.problems.append(error.detail)
        return None


def _measure(row: LibraryPreviewRow, text: str) -> str:
    if not text or text in ("无", "否", "-", "—"):
        return ""
    if text in MEASURES:
        return text
    by_label = {label: key for key, label in measure_labels().items()}
    if text in by_label:
        return by_label[text]
    row.problems.append(f"自动计量{quoted(text)}无法识别，可填：{'、'.join(measure_labels().values())}；不需要请留空。")
    return ""


def _check_tree(rows: list[LibraryPreviewRow]) -> None:
    """The library rules (sums, codes …) on the rows, each problem on its row."""
    # Cells already found unreadable are explained on their row: stand-ins keep them quiet here.
    forms = [IndicatorForm(r.form.level, r.form.name or "（空）",
                           1 if r.form.points_x10 is None else r.form.points_x10, r.form.scoring_rule,
                           r.form.evidence_required, r.form.measure, r.form.code) for r in rows]
    if not forms:
        return
    unreadable = {n for n, r in enumerate(rows) if r.problems}
    try:
        cleaned = clean_indicators(forms, [f"第 {r.row_number} 行" for r in rows])
    except ValidationErrors as errors:
        for error in errors.errors:
            index = getattr(error, "index", None)
            target = rows[index] if index is not None else rows[0]
            if error.code == "sum" and index is not None and _children_unreadable(rows, index, unreadable):
                continue  # the sum cannot be judged while a 二级 分值 is unreadable
            detail = error.detail
            prefix = f"第 {target.row_number} 行："
            detail = detail[len(prefix):] if detail.startswith(prefix) else detail
            if detail not in target.problems:
                target.problems.append(detail)
        return
    for row, form in zip(rows, cleaned):
        row.form.code = form.code
        row.form.name, row.form.scoring_rule = form.name, form.scoring_rule


def _children_unreadable(rows: list[LibraryPreviewRow], first_index: int, unreadable: set[int]) -> bool:
    for n in range(first_index + 1, len(rows)):
        if rows[n].form.level == 1:
            break
        if n in unreadable:
            return True
    return False


def check(archive, checked: LibraryPreview, year: int, name: str = "", issued_by: str = "") -> str:
    """Everything ``apply`` checks before it writes, raising what it would raise (the
    dry run of the command line and the preview window use it); returns the name the
    library will have."""
    if not checked.rows:
        raise LibraryFileError("文件中没有指标。")
    if checked.bad_rows or checked.problems:
        first = (f"第 {checked.bad_rows[0].row_number} 行：{checked.bad_rows[0].problems[0]}" if checked.bad_rows
                 else checked.problems[0])
        count = f"有 {len(checked.bad_rows)} 行有问题" if checked.bad_rows else "文件有问题"
        raise LibraryFileError(f"{count}（例如{first}），请改正后重新导入。本次没有导入任何指标。")
    title = name or _name_from_title(checked.title, year)
    archive.targets.library.check_replace(year, checked.forms, title, issued_by)
    return title


def apply(archive, checked: LibraryPreview, year: int, name: str = "", issued_by: str = "") -> int:
    """Store a clean preview as ``year``'s library (replacing an editable one) in one
    transaction, after a backup: all rows or none."""
    title = check(archive, checked, year, name, issued_by)
    archive.backup_before("pre-import")
    return archive.targets.library.replace(year, checked.forms, title, issued_by)


def _name_from_title(title: str, year: int) -> str:
    if not title or len(title) > 60:
        return ""
    return title if str(year) in title else re.sub(r"^\d{4}\s*年度?", f"{year}年度", title)


EXPORT_COLUMNS = [("编号", 7), ("一级指标", 14), ("二级指标", 20), ("分值", 6), ("评分标准", 40), ("佐证材料", 24),
                  ("自动计量", 14)]


def export_xlsx(detail: LibraryDetail, target: str | Path) -> Path:
    """Write ``detail`` so that ``preview`` reads it back unchanged: a title row, the
    header, then each 一级 row followed by its 二级 rows; laid out to print."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    target = Path(target)
    labels = measure_labels()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "指标库"
    sheet.append([detail.name])
    sheet["A1"].font = bold_font(14)
    sheet.append([title for title, _ in EXPORT_COLUMNS])
    for row in detail.indicators:
        first, second = (row.name, "") if row.level == 1 else ("", row.name)
        sheet.append([row.code, first, second, tenths_number(row.points_x10), row.scoring_rule, row.evidence_required,
                      labels.get(row.measure, "")])
        for cell in sheet[sheet.max_row]:
            if row.level == 1:
                cell.font = bold_font()
        for column in (1, 4):  # 编号, 分值
            sheet.cell(sheet.max_row, column).alignment = Alignment(horizontal="center")
    lay_out_for_print(sheet, [width for _, width in EXPORT_COLUMNS], 2, detail.name, text_columns=[1])
    sheet.freeze_panes = "A3"
    return save_workbook(workbook, target, detail.name)
