"""Importing a year's existing 党费 ledger from Excel (docs/domain.md §10.2): one row per
member, a column per month (「1月」…「12月」) holding the amount paid, and optionally
「类别」 and 「月基数」 — the layout of the 党费收缴登记表 this program exports, and of
most hand-kept ledgers.

All rows or none: the whole file is checked by storing it in a transaction that is then
rolled back, so every refusal of the ledger's own rules (no base, too little, paid
twice, a month not yet come) is found and named by the spreadsheet's row and the
member; only a clean file is stored, in one transaction. Each amount becomes a payment
for its month, dated the month's last day (today for the month in progress), with its
receipt number and the note 「从Excel补录」."""

from __future__ import annotations

import calendar
import datetime as dt
import decimal
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import clock, labels
from ..errors import BranchDeskError, ValidationError, ValidationErrors
from ..storage.binding import uses_archive
from ..text import clean_name
from ..xlsx_safety import read_first_sheet
from . import months as mo
from .forms import BaseForm, PaymentForm
from .money import parse_yuan

MAX_ROWS = 500
NOTE = "从Excel补录"
NOT_PAID = {"", "—", "-", "未交", "免交", "0", "0.00"}
_MONTH = re.compile(r"^(1[0-2]|[1-9])月$")


class DuesFileError(BranchDeskError):
    """The file as a whole cannot be read (type, header)."""


class _Undo(Exception):
    """Rolls the checking transaction back."""


@dataclass
class LedgerRow:
    row_number: int  # as the spreadsheet numbers it
    name: str
    member_id: int | None
    category: str | None
    base_fen: int | None
    paid: list[tuple[dt.date, int]] = field(default_factory=list)


@dataclass
class LedgerImport:
    year: int
    rows: list[LedgerRow]
    problems: list[ValidationError]

    @property
    def payments(self) -> int:
        return sum(len(r.paid) for r in self.rows)


def _header(rows: list[list[object]]) -> tuple[int, dict[str, int], dict[int, int]]:
    for index, row in enumerate(rows[:10]):
        cells = [str(c).strip() if c is not None else "" for c in row]
        months = {int(_MONTH.match(c).group(1)): n for n, c in enumerate(cells) if _MONTH.match(c)}
        if "姓名" in cells and months:
            named = {key: cells.index(text) for key, text in (("name", "姓名"), ("category", "类别"),
                                                              ("base", "月基数")) if text in cells}
            return index, named, months
    raise DuesFileError("表格前10行里没有找到表头：需要「姓名」一列和「1月」…「12月」各列（可照本程序导出的党费收缴登记表）。")


def _text(value) -> str:
    return "" if value is None else str(value).strip()


@uses_archive
def read_ledger(archive, path: str | Path, year: int) -> LedgerImport:
    """The file's rows, with every problem the file itself shows (names, amounts, categories)."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise DuesFileError(f"「{path.name}」不是 .xlsx 文件，请在 Excel/WPS 中另存为 .xlsx 后再导入。")
    rows = read_first_sheet(path, MAX_ROWS, f"表格超过 {MAX_ROWS} 行，请只保留本支部党员的行。", DuesFileError)
    top, named, month_columns = _header(rows)
    found, problems = [], []
    for index, cells in enumerate(rows[top + 1:], start=top + 2):
        def value(n, cells=cells):
            return cells[n] if n is not None and n < len(cells) else None

        name = clean_name(_text(value(named["name"])))
        if not name or name.startswith(("合计", "总计", "填表", "制表")):
            continue
        row = LedgerRow(index, name, None, None, None)
        ids = archive.members.ids_named(name)
        if len(ids) != 1:
            why = "在名册中有重名，请在窗口中逐月收缴" if ids else "不在本支部名册中，请核对姓名"
            problems.append(ValidationError("name", "member", f"{name}{why}。", index))
        else:
            row.member_id = ids[0]
        category_text = _text(value(named.get("category")))
        if category_text:
            row.category = labels.key_for(labels.DUES_CATEGORIES_SHORT, category_text) or labels.key_for(
                labels.DUES_CATEGORIES, category_text)
            if row.category is None:
                problems.append(ValidationError("category", "choice", f"{name}：类别「{category_text}」无效，可选："
                                                f"{'、'.join(labels.DUES_CATEGORIES_SHORT.values())}。", index))
        base_text = _text(value(named.get("base")))
        if base_text not in NOT_PAID:
            try:
                row.base_fen = parse_yuan(_exact(value(named.get("base"))), "月基数")
            except ValidationError as error:
                problems.append(ValidationError("base", error.code, f"{name}：{error.detail}", index))
        for month_number, column in sorted(month_columns.items()):
            cell = value(column)
            if _text(cell) in NOT_PAID:
                continue
            try:
                row.paid.append((dt.date(year, month_number, 1), parse_yuan(_exact(cell), f"{month_number}月金额")))
            except ValidationError as error:
                problems.append(ValidationError("amount", error.code, f"{name}：{error.detail}", index))
        found.append(row)
    if not found and not problems:
        raise DuesFileError("表格里没有党员的行：请在表头下面逐行填写姓名和各月金额。")
    return LedgerImport(year, found, problems)


def _exact(value):
    """A number cell as Excel shows it (22.98, not 22.979999…): through its shortest text."""
    if isinstance(value, float):
        return decimal.Decimal(repr(value))
    return value


def _paid_on(month: dt.date, today: dt.date) -> dt.date:
    return min(month.replace(day=calendar.monthrange(month.year, month.month)[1]), today)


@uses_archive
def import_ledger(archive, plan: LedgerImport, received_by: str, dry_run: bool = False) -> list[str]:
    """Store the plan — bases from January of the year (rows with a 类别), then a payment
    per amount — all or none; ``dry_run`` checks and stores nothing. Returns the receipts."""
    archive.require_writable()
    if plan.problems:
        raise ValidationErrors(plan.problems)
    today = clock.today()
    bases = [(r, BaseForm(r.member_id, mo.first(dt.date(plan.year, 1, 1)), r.category, r.base_fen,
                          set_on=min(dt.date(plan.year, 1, 1), today), set_by=received_by, note=NOTE))
             for r in plan.rows if r.category]
    pays = [(r, PaymentForm(r.member_id, [month], _paid_on(month, today), received_by, amount_each_fen=amount,
                            reason=NOTE)) for r in plan.rows for month, amount in r.paid]
    future = [ValidationError("amount", "future", f"{r.name}：{mo.label(f.months[0])}还没有到，不能补录。", r.row_number)
              for r, f in pays if f.months[0] > mo.first(today)]
    if future:
        raise ValidationErrors(future)
    numbers: list[str] = []
    try:
        with archive.db.atomic():
            _store(archive, bases, archive.dues.set_bases)
            numbers = _store(archive, pays, archive.dues.pay_many)
            if dry_run:
                raise _Undo()
    except _Undo:
        pass
    return numbers


def _store(archive, pairs, action):
    """``action`` over the forms; its refusals named by the spreadsheet's row and member."""
    if not pairs:
        return []
    try:
        return action([form for _, form in pairs])
    except ValidationErrors as errors:
        named = []
        for error in errors.errors:
            row = pairs[(error.row or 1) - 1][0]  # a single form's error has no row: it is the first
            detail = error.detail if error.detail.startswith(row.name) else f"{row.name}：{error.detail}"
            named.append(ValidationError(error.field, error.code, detail, row.row_number))
        raise ValidationErrors(named) from None
