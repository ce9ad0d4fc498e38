"""Import of people already in the pipeline from an Excel sheet (docs/domain.md §11), so a
branch can start mid-way: every row is checked first, then all rows are stored or none.

One row a person: the person's facts and the dates of the milestones reached before the
archive (递交入党申请书 … 转正). Each date becomes that step, marked as taken from the
sheet; steps between two milestones are not invented. The order and the rules the 细则
states as musts are checked (18 at 申请, a year as 积极分子, two 入党介绍人 正式党员 …);
the rhythm rules that allow a reason are not, the past being past. A 预备党员 or 正式党员
who is on the roster already is linked to it by ID number, else added as the 审批 would."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from .. import clock
from ..dates import DateTextError, read_cell_date
from ..errors import ValidationError, ValidationErrors
from ..roster import idnumber
from ..roster.member_rules import MemberForm
from ..sheet_rows import header_columns
from ..storage.binding import uses_archive
from ..storage.recruit_models import RecruitPerson, RecruitStep
from ..text import clean_line, clean_name
from ..xlsx_safety import read_first_sheet
from .forms import PersonForm
from .rules import ACTIVIST_YEARS, ADULT_AGE

IMPORTED = "据导入表登记（建档前已完成）"
MAX_ROWS = 500
PERSON_COLUMNS = {"姓名": "name", "公民身份号码": "id_number", "民族": "ethnicity", "学历": "education",
                  "工作单位及职务": "job", "联系电话": "phone"}
# milestone column → step; people columns → (step, role, least, most)
DATE_COLUMNS = {"递交入党申请书": "application", "党组织派人谈话": "first_talk", "确定入党积极分子": "activist",
                "确定发展对象": "candidate", "支部大会接收": "branch_vote", "上级党委审批": "approval",
                "转为正式党员": "full_approval"}
PEOPLE_COLUMNS = {"培养联系人": ("activist", "mentor", 1, 2), "入党介绍人": ("candidate", "introducer", 2, 2)}
COLUMNS = list(PERSON_COLUMNS) + list(DATE_COLUMNS) + list(PEOPLE_COLUMNS)
ORDER = list(DATE_COLUMNS.values())


@dataclass
class ImportRow:
    row: int
    person: PersonForm
    dates: dict[str, dt.date] = field(default_factory=dict)
    people: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    member_id: int | None = None

    @property
    def last_step(self) -> str:
        return max(self.dates, key=ORDER.index)


@dataclass(frozen=True)
class ImportCheck:
    rows: list[ImportRow]
    errors: list[ValidationError]

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def write_template(path) -> Path:
    """An empty sheet with the import's columns, kept as text so Excel does not mangle IDs."""
    from openpyxl import Workbook

    from ..xlsx_layout import lay_out_for_print, save_workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "发展党员导入"
    sheet.append(COLUMNS)
    lay_out_for_print(sheet, [10] * len(COLUMNS), 1, "发展党员导入表", text_columns=range(1, len(COLUMNS) + 1))
    return save_workbook(workbook, path)


@uses_archive
def check_file(archive, path) -> ImportCheck:
    """Read and check every row; nothing is stored."""
    rows = read_first_sheet(Path(path), MAX_ROWS, f"导入表超过 {MAX_ROWS} 行，请分成几个文件。", ValidationError)
    header_at, where = header_columns(rows, ("姓名", "公民身份号码", "递交入党申请书"), COLUMNS, " recruit template ")
    full = {m.name: m.id for m in archive.members.all_active() if m.status == "full"}
    found, errors, seen = [], [], {}
    for offset, values in enumerate(rows[header_at + 1:], start=header_at + 2):
        cells = {name: values[i] if i < len(values) else None for name, i in where.items()}
        if not any(clean_line(v) for v in cells.values() if v is not None):
            continue
        problems: list[str] = []
        parsed = _row(archive, offset, cells, full, problems)
        if parsed is not None and parsed.person.id_number in seen:
            problems.append(f"与第 {seen[parsed.person.id_number]} 行是同一人（身份证号码相同）")
        if problems:
            errors.append(ValidationError("row", "bad", "；".join(problems) + "。", offset))
        elif parsed is not None:
            seen[parsed.person.id_number] = offset
            found.append(parsed)
    if not found and not errors:
        errors.append(ValidationError("file", "empty", "导入表里没有人员。"))
    return ImportCheck(found, errors)


def _row(archive, offset: int, cells: dict, full: dict[str, int], problems: list[str]) -> ImportRow | None:
    text = {k: clean_line(v) for k, v in cells.items() if k in PERSON_COLUMNS and v is not None}
    person = PersonForm(clean_name(text.get("姓名", "")), text.get("公民身份号码", ""), text.get("民族") or "汉族",
                        text.get("学历", ""), text.get("联系电话", ""), text.get("工作单位及职务", ""))
    if not person.name:
        problems.append("姓名没有填写")
    try:
        facts = idnumber.parse(person.id_number)
        person.id_number = facts.number
    except ValidationError as error:
        problems.append(error.detail.rstrip("。"))
        return None
    imported = ImportRow(offset, person)
    for column, key in DATE_COLUMNS.items():
        value = cells.get(column)
        try:
            read = read_cell_date(value) if value not in (None, "") else None
        except (DateTextError, ValueError):
            problems.append(f"「{column}」“{clean_line(value)}”不是有效日期，请写成 2024-03-01")
            continue
        if read is not None:
            imported.dates[key] = read.day
    if "application" not in imported.dates:
        problems.append("「递交入党申请书」日期没有填写")
        return imported
    dates = [(k, imported.dates[k]) for k in ORDER if k in imported.dates]
    for (before, first), (after, second) in zip(dates, dates[1:]):
        if second < first:
            problems.append(f"「{_column(after)}」早于「{_column(before)}」：日期不能倒退")
    if any(day > clock.today() for _, day in dates):
        problems.append("有日期晚于今天")
    if clock.age_on(facts.birth_date, imported.dates["application"]) < ADULT_AGE:
        problems.append("递交申请书时未满十八岁（《发展党员工作细则》：年满十八岁方可申请入党）")
    if "candidate" in imported.dates and "activist" in imported.dates and \
            imported.dates["candidate"] < clock.add_years(imported.dates["activist"], ACTIVIST_YEARS):
        problems.append("确定为积极分子不满一年即确定为发展对象（《发展党员工作细则》：一年以上培养教育和考察）")
    for column, (key, role, least, most) in PEOPLE_COLUMNS.items():
        names = [clean_name(n) for n in clean_line(cells.get(column) or "").replace("，", "、").replace(",", "、").split("、")
                 if clean_name(n)]
        if key in imported.dates or names:
            unknown = [n for n in names if n not in full]
            if unknown:
                problems.append(f"「{column}」{'、'.join(unknown)}不是本支部名册上的正式党员")
            elif names and not least <= len(names) <= most:
                problems.append(f"「{column}」应为{least if least == most else f'{least}至{most}'}名，现有{len(names)}名")
            imported.people[role] = [(full[n], n) for n in names if n in full]
    if "full_approval" in imported.dates and "approval" not in imported.dates:
        problems.append("有「转为正式党员」日期而没有「上级党委审批」日期")
    if "approval" in imported.dates and "branch_vote" not in imported.dates:
        problems.append("有「上级党委审批」日期而没有「支部大会接收」日期")
    elif "full_approval" in imported.dates and \
            imported.dates["full_approval"] < clock.add_years(imported.dates["branch_vote"], 1):
        problems.append("转为正式党员的日期不到支部大会接收后一年（预备期为一年）")
    if RecruitPerson.select().where(RecruitPerson.branch == archive.branch.own_id(),
                                    RecruitPerson.id_number == facts.number).exists():
        problems.append(f"身份证号码 {idnumber.mask(facts.number)} 已有发展档案")
    member = archive.members.find_by_id_number(facts.number)
    if member is not None:
        if "approval" not in imported.dates:
            problems.append(f"已在党员名册中（{member.name}），却没有「上级党委审批」日期")
        imported.member_id = member.id
    return imported


def _column(key: str) -> str:
    return next(c for c, k in DATE_COLUMNS.items() if k == key)


@uses_archive
def apply(archive, path) -> int:
    """Check the file, then store every row in one transaction; returns how many."""
    archive.require_writable()
    checked = check_file(archive, path)
    if checked.errors:
        raise ValidationErrors(checked.errors)
    now = clock.now().isoformat(sep=" ")
    with archive.db.atomic():
        for row in checked.rows:
            person_id = archive.recruit.add_person(row.person) if row.member_id is None else _linked(archive, row, now)
            for position, (key, day, people) in enumerate(_steps_of(row), start=1):
                RecruitStep.create(person=person_id, position=position, step=key, done_on=day,
                                   people=json.dumps(people, ensure_ascii=False), reason=IMPORTED,
                                   decision="approved" if key in ("approval", "full_approval") else "",
                                   recorded_at=now)
            if row.member_id is None and "approval" in row.dates:
                joined, full = row.dates["branch_vote"], "full_approval" in row.dates
                member_id = archive.members.add(MemberForm(
                    name=row.person.name, id_number=row.person.id_number, ethnicity=row.person.ethnicity,
                    education=row.person.education, phone=row.person.phone, job=row.person.job, joined_on=joined,
                    status="full" if full else "probationary", full_on=clock.add_years(joined, 1) if full else None,
                ), reason="据发展党员导入表登记")
                RecruitPerson.update(member=member_id).where(RecruitPerson.id == person_id).execute()
        archive.audit.record("recruit.import", f"导入发展党员 {len(checked.rows)} 人", "recruit_person", None,
                             {"file": Path(path).name, "rows": len(checked.rows)})
    return len(checked.rows)


def _steps_of(row: ImportRow) -> list[tuple[str, dt.date, list[dict]]]:
    """The row's milestones as steps in the 细则's order; the 培养联系人 and 入党介绍人 named
    are recorded as their own steps on the day of 确定积极分子 / 确定发展对象 (decided
    here: the sheet has no date of their own)."""
    from .steps import BY_KEY

    steps = [(key, day, []) for key, day in row.dates.items()]
    for role, pairs in row.people.items():
        key, on = ("mentors", "activist") if role == "mentor" else ("introducers", "candidate")
        if pairs and on in row.dates:
            steps.append((key, row.dates[on], [{"role": role, "member_id": mid, "name": name} for mid, name in pairs]))
    return sorted(steps, key=lambda step: BY_KEY[step[0]].number)


def _linked(archive, row: ImportRow, now: str) -> int:
    """A person already on the roster: the record opens linked to that member."""
    values = dict(name=row.person.name, id_number=row.person.id_number, ethnicity=row.person.ethnicity,
                  education=row.person.education, phone=row.person.phone, job=row.person.job)
    member = archive.members.get(row.member_id)
    record = RecruitPerson.create(branch=archive.branch.own_id(), gender=member.gender, birth_date=member.birth_date,
                                  member=row.member_id, created_at=now, updated_at=now, **values)
    return record.id
