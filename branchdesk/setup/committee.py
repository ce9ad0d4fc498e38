"""The committee (支委会) set by post and name, as the wizard and ``branchdesk committee
set`` take it. A person not yet on the roster is registered as a member in the same
step from the few facts a member needs (name, ID number, 入党 and 转正 dates), so the
roster later never asks for them again."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from .. import labels
from ..branch import PROBATIONARY_REASON, CommitteeSeat
from ..errors import ValidationError, ValidationErrors
from ..roster import idnumber
from ..roster.members import MemberForm
from ..storage.binding import uses_archive
from ..text import clean_line


@dataclass
class CommitteeEntry:
    """One seat as typed: the post and the holder's name; the member facts only when
    the holder is not yet on the roster."""

    post: str
    name: str
    id_number: str = ""
    joined_on: dt.date | None = None
    full_on: dt.date | None = None

    @property
    def is_blank(self) -> bool:
        return not (clean_line(self.name) or clean_line(self.id_number) or self.joined_on or self.full_on)

    @property
    def has_member_facts(self) -> bool:
        return bool(clean_line(self.id_number) or self.joined_on or self.full_on)


@dataclass
class CommitteeSaved:
    seats: list[CommitteeSeat]
    created: list[str]  # names registered as members in this step

    def summary(self) -> str:
        text = f"支委会已保存：{len(self.seats)} 个职务。"
        if self.created:
            text += f"新登记党员 {len(self.created)} 名（{'、'.join(self.created)}）。"
        return text


NOT_ON_ROSTER = "「{name}」还不在党员名册中：请填写公民身份号码、入党日期和转正日期，将同时登记为党员。"


@uses_archive
def set_committee(archive, entries: list[CommitteeEntry]) -> CommitteeSaved:
    """Replace the committee with ``entries`` (blank rows ignored), registering new
    holders as full members; every row is checked first, then all is stored or nothing."""
    archive.require_writable()
    problems: list[ValidationError] = []
    # post, and either an existing member's id or the form of the member to create
    plans: list[tuple[str, int | None, MemberForm | None]] = []
    for row, entry in enumerate(entries, start=1):
        if entry.is_blank:
            continue
        name = clean_line(entry.name)
        if entry.post not in labels.COMMITTEE_POSTS:
            problems.append(ValidationError("post", "choice", "职务无效，请从列表中选择。", row))
        elif not name:
            problems.append(ValidationError("name", "required", "请填写任职人的姓名。", row))
        else:
            member_id, form, trouble = _holder(archive, name, entry, row)
            problems.extend(trouble)
            plans.append((entry.post, member_id, form))
    if problems:
        raise ValidationErrors(problems)
    branch = archive.branch.own()
    created: dict[str, int] = {}  # ID number → the member made for it (one person may hold two posts)
    names: list[str] = []
    with archive.db.atomic():
        seats = []
        for post, member_id, form in plans:
            if form is not None:
                number = idnumber.normalise(form.id_number)
                if number not in created:
                    created[number] = archive.members.add(form)
                    names.append(clean_line(form.name))
                member_id = created[number]
            seats.append(CommitteeSeat(post, member_id))
        saved = archive.branch.save_own(dataclasses.replace(branch, committee=seats))
    return CommitteeSaved(saved.committee, names)


def _holder(archive, name: str, entry: CommitteeEntry, row: int):
    """(member id, form of a member to create, problems) for one typed seat."""
    if entry.has_member_facts:
        found = archive.members.find_by_id_number(entry.id_number) if clean_line(entry.id_number) else None
        if found is not None:
            if found.name != name:
                return None, None, [ValidationError(
                    "id_number", "other_name",
                    f"公民身份号码已登记在党员「{found.name}」名下，与所填姓名「{name}」不符，请核对。", row)]
            return _existing(found.id, found.name, found.status, row)
        if entry.full_on is None:
            return None, None, [ValidationError(
                "full_on", "probationary",
                f"支委须为正式党员（{PROBATIONARY_REASON}），请填写「{name}」的转正日期。", row)]
        form = MemberForm(name=name, id_number=entry.id_number, joined_on=entry.joined_on,
                          full_on=entry.full_on, status="full")
        try:
            archive.members.check_form(form, row=row)
        except ValidationErrors as errors:
            return None, None, errors.errors
        return None, form, []
    ids = archive.members.ids_named(name)
    if len(ids) > 1:
        return None, None, [ValidationError(
            "name", "ambiguous", f"名册中有 {len(ids)} 人名叫「{name}」，请填写其公民身份号码以区分。", row)]
    if not ids:
        return None, None, [ValidationError("name", "not_on_roster", NOT_ON_ROSTER.format(name=name), row)]
    member = archive.members.get(ids[0])
    return _existing(member.id, member.name, member.status, row)


def _existing(member_id: int, name: str, status: str, row: int):
    if status == "probationary":
        return None, None, [ValidationError(
            "name", "probationary", f"「{name}」是预备党员，不能担任支委：{PROBATIONARY_REASON}。", row)]
    return member_id, None, []
