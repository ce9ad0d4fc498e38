"""Import of an existing 联系户 list from Excel (docs/domain.md §14.1): every row is checked
first, then all rows are stored or none; each problem names its row. Files from
outside are read through ``xlsx_safety`` (bounded size, rows and columns)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .. import clock, labels
from ..dates import DateTextError, read_cell_date
from ..errors import ValidationError, ValidationErrors
from ..sheet_rows import header_columns
from ..storage.binding import uses_archive
from ..text import clean_line, clean_name
from ..xlsx_safety import read_first_sheet
from .forms import HouseholdForm

MAX_ROWS = 2000
COLUMNS = ["姓名", "村组（住址）", "联系电话", "类别", "家庭情况", "联系党员", "列入日期"]
REQUIRED = ("姓名", "联系党员")


class BadFile(ValidationError):
    """A file refused whole (not an .xlsx, too big, a zip bomb): ``xlsx_safety`` gives the sentence."""

    def __init__(self, detail: str):
        super().__init__("file", "file", detail)


@dataclass(frozen=True)
class ImportCheck:
    rows: list[tuple[int, HouseholdForm]]
    errors: list[ValidationError]


def write_template(path) -> Path:
    """An empty sheet with the columns, phones kept as text so Excel does not mangle them."""
    from openpyxl import Workbook

    from ..xlsx_layout import lay_out_for_print, save_workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "联系户导入"
    sheet.append(COLUMNS)
    sheet.append(["刘某某", "一组", "13800000000", "困难群众", "独居老人", "（名册中党员的姓名）", clock.today().isoformat()])
    lay_out_for_print(sheet, [10, 14, 14, 10, 30, 12, 12], 1, "联系户导入表", text_columns=range(1, len(COLUMNS) + 1))
    return save_workbook(workbook, path, "联系户导入表")


@uses_archive
def check_file(archive, path) -> ImportCheck:
    """Read and check every row; nothing is stored."""
    rows = read_first_sheet(Path(path), MAX_ROWS, f"导入表超过 {MAX_ROWS} 行，请分成几个文件。", BadFile)
    header_at, where = header_columns(rows, REQUIRED, COLUMNS, "「导入模板」按钮或 masses template ")
    members = {}
    for record in archive.members.records(archive.members.query_ids(statuses=None)):
        members.setdefault(clean_name(record.name), []).append(record.id)
    found, errors, seen = [], [], {}
    for offset, values in enumerate(rows[header_at + 1:], start=header_at + 2):
        cells = {name: values[i] if i < len(values) else None for name, i in where.items()}
        if not any(clean_line(v) for v in cells.values() if v is not None):
            continue
        problems: list[str] = []
        form = _row(archive, cells, members, problems)
        key = (form.name, form.address)
        if form.name and key in seen:
            problems.append(f"与第 {seen[key]} 行重复（姓名和村组相同）")
        if not problems:
            try:
                archive.masses._checked_household(form, offset)
            except ValidationErrors as caught:
                problems += [e.detail.rstrip("。") for e in caught.errors]
        if problems:
            errors.append(ValidationError("row", "bad", "；".join(problems) + "。", offset))
        else:
            seen[key] = offset
            found.append((offset, form))
    if not found and not errors:
        errors.append(ValidationError("file", "empty", "导入表里没有联系户。"))
    return ImportCheck(found, errors)


def _row(archive, cells: dict, members: dict[str, list[int]], problems: list[str]) -> HouseholdForm:
    text = {k: clean_line(v)[:2000] for k, v in cells.items() if v is not None and k != "列入日期"}
    form = HouseholdForm(clean_name(text.get("姓名", "")), text.get("村组（住址）", ""), text.get("联系电话", ""),
                         text.get("家庭情况", ""))
    if not form.name:
        problems.append("姓名没有填写")
    kind = labels.key_for(labels.MASSES_KINDS, text.get("类别", "")) if text.get("类别") else "contact"
    if kind is None:
        problems.append(f"类别“{text['类别'][:20]}”无效，可选：{'、'.join(labels.MASSES_KINDS.values())}")
    form.kind = kind or "contact"
    member = clean_name(text.get("联系党员", ""))
    ids = members.get(member, [])
    if not member:
        problems.append("联系党员没有填写")
    elif len(ids) != 1:
        problems.append(f"联系党员“{member[:20]}”" + ("在名册中有重名，请在窗口中逐户指定" if ids else "不在本支部名册中"))
    else:
        form.member_id = ids[0]
    value = cells.get("列入日期")
    try:
        read = read_cell_date(value) if value not in (None, "") else None
    except (DateTextError, ValueError):
        problems.append(f"「列入日期」“{clean_line(value)[:20]}”不是有效日期，请写成 2024-03-01")
        read = None
    form.listed_on = read.day if read else clock.today()
    if isinstance(form.listed_on, dt.datetime):
        form.listed_on = form.listed_on.date()
    return form


@uses_archive
def apply(archive, path) -> int:
    """Check the file, then store every row in one transaction; returns how many."""
    archive.require_writable()
    checked = check_file(archive, path)
    if checked.errors:
        raise ValidationErrors(checked.errors)
    with archive.db.atomic():
        for _, form in checked.rows:
            archive.masses.add_household(form)
        archive.audit.record("masses.import", f"导入联系户 {len(checked.rows)} 户", "masses_household", None,
                             {"rows": len(checked.rows)})
    return len(checked.rows)
