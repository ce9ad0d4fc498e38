"""Party groups (党小组) of the own branch."""

from __future__ import annotations

from dataclasses import dataclass

from peewee import fn

from .. import labels
from ..errors import Conflict, ErrorCollector, NotFound
from ..storage.binding import ArchiveBound
from ..storage.models import Meeting, Member, PartyGroup
from ..text import NAME_MAX, bounded, clean_line


@dataclass
class GroupInfo:
    id: int
    name: str
    leader_id: int | None
    leader_name: str
    member_count: int


class GroupManager(ArchiveBound):
    def __init__(self, archive):
        self._archive = archive

    def list(self) -> list[GroupInfo]:
        branch_id = self._archive.branch.own_id()
        groups = PartyGroup.select().where(PartyGroup.branch == branch_id).order_by(PartyGroup.sort_order, PartyGroup.id)
        names = {m.id: m.name for m in Member.select(Member.id, Member.name).where(Member.branch == branch_id)}
        # A group's size counts the members on the roster now, the same rule as the
        # members list (labels.ACTIVE_STATUSES): a member who transferred out keeps his
        # group for the record but is no longer one of its people (docs/domain.md §1).
        sizes = dict(
            Member.select(Member.group, fn.COUNT(Member.id))
            .where(Member.branch == branch_id, Member.status.in_(list(labels.ACTIVE_STATUSES)))
            .group_by(Member.group)
            .tuples()
        )
        return [
            GroupInfo(group.id, group.name, group.leader_id, names.get(group.leader_id, ""), sizes.get(group.id, 0))
            for group in groups
        ]

    def save(self, name: str, leader_id: int | None = None, group_id: int | None = None) -> int:
        """Create a group, or rename it / change its leader when ``group_id`` is given."""
        self._archive.require_writable()
        branch_id = self._archive.branch.own_id()
        errors = ErrorCollector()
        name = errors.check(bounded, "name", "党小组名称", clean_line(name), NAME_MAX, True)
        if leader_id is not None and not Member.select().where(Member.id == leader_id, Member.branch == branch_id).exists():
            errors.add("leader_id", "member", "所选组长不是本支部党员，请重新选择。")
        errors.raise_if_any()
        clash = PartyGroup.select().where(PartyGroup.branch == branch_id, PartyGroup.name == name)
        if group_id is not None:
            clash = clash.where(PartyGroup.id != group_id)
        if clash.exists():
            raise Conflict(f"已有名为「{name}」的党小组，请换一个名称。")
        detail = {"name": name, "leader_id": leader_id}
        with self._archive.db.atomic():
            if group_id is None:
                order = PartyGroup.select().where(PartyGroup.branch == branch_id).count()
                new_id = PartyGroup.create(branch=branch_id, name=name, leader_id=leader_id, sort_order=order).id
                self._archive.audit.record("group.create", f"新建党小组：{name}", "party_group", new_id, detail)
                return new_id
            updated = PartyGroup.update(name=name, leader_id=leader_id).where(
                PartyGroup.id == group_id, PartyGroup.branch == branch_id
            ).execute()
            if not updated:
                raise NotFound("党小组", group_id)
            self._archive.audit.record("group.update", f"修改党小组：{name}", "party_group", group_id, detail)
            return group_id

    def delete(self, group_id: int) -> None:
        """Remove an empty group. Members must be moved out first, so nobody is lost."""
        self._archive.require_writable()
        people = list(Member.select(Member.name, Member.status).where(Member.group == group_id).tuples())
        count = sum(1 for _, status in people if status in labels.ACTIVE_STATUSES)
        if count:
            raise Conflict(f"这个党小组还有 {count} 名党员，请先把他们调到其他小组再删除。")
        if people:  # only members no longer on the roster, whose records keep the group
            names = "、".join(name for name, _ in people)
            raise Conflict(f"这个党小组还登记着 {len(people)} 名已不在册的党员（{names}，已转出等），他们的记录要保留"
                           "所在党小组，不能删除。可以改名后继续使用。")
        meetings = Meeting.select().where(Meeting.group == group_id).count()
        if meetings:
            raise Conflict(f"这个党小组有 {meetings} 次会议记录，不能删除（记录要保留）。可以改名后继续使用。")
        with self._archive.db.atomic():
            row = PartyGroup.get_or_none(PartyGroup.id == group_id)
            if row is None:
                raise NotFound("党小组", group_id)
            PartyGroup.delete().where(PartyGroup.id == group_id).execute()
            self._archive.audit.record("group.delete", f"删除党小组：{row.name}", "party_group", group_id)

    def id_by_name(self, name: str) -> int | None:
        row = PartyGroup.get_or_none(
            PartyGroup.branch == self._archive.branch.own_id(), PartyGroup.name == clean_line(name)
        )
        return row.id if row else None
