"""Party members: the roster query, and status history (the form and the rules a record keeps: ``member_rules``)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import peewee

from .. import clock, labels
from ..errors import Conflict, NotFound, ValidationError, ValidationErrors
from ..storage.binding import ArchiveBound
from ..storage.database import like
from ..storage.models import (
    CommitteePost,
    Member,
    MemberStatusChange,
    PartyGroup,
)
from ..text import clean_line, name_key
from . import idnumber, standing, status_rules
from .member_record import MemberRecord, StatusChange
from .member_rules import MemberForm, validate
from .name_order import (
    DEFAULT_NAME_ORDER,
    NAME_ORDER_SETTING,
    NAME_ORDERS,
    looks_like_pinyin,
    pinyin_matches,
    sort_key,
    sorted_names,
)

# Columns the roster can be sorted by, mapped to SQL expressions (sorting happens in SQL;
# names sort in Python, by strokes or pinyin: roster/name_order.py).
SORT_COLUMNS = {
    "gender": Member.gender,
    "birth_date": Member.birth_date,
    "joined_on": Member.joined_on,
    "full_on": Member.full_on,
    "status": Member.status,
    "group": Member.group,
    "phone": Member.phone,
    "education": Member.education,
    "job": Member.job,
}


class MemberManager(ArchiveBound):
    def __init__(self, archive):
        self._archive = archive

    # -- reading ---------------------------------------------------------------
    def get(self, member_id: int) -> MemberRecord:
        rows = self.records([member_id])
        if not rows:
            raise NotFound("党员", member_id)
        return rows[0]

    def query_ids(
        self,
        text: str = "",
        statuses: tuple[str, ...] | None = labels.ACTIVE_STATUSES,
        group_id: int | None = None,
        sort: str = "name",
        descending: bool = False,
        name_order: str | None = None,
    ) -> list[int]:
        """Ids of the roster rows that match, in display order. ``text`` matches name,
        phone, job or ID number literally (``%`` and ``_`` are not wildcards), and names
        by their pinyin when it is Latin letters (``wk`` finds 王堃). Names sort in the
        archive's order (姓氏笔画 or 拼音, ``name_order`` overrides it); the other columns
        in SQL."""
        query = Member.select(Member.id).where(Member.branch == self._archive.branch.own_id())
        if statuses:
            query = query.where(Member.status.in_(list(statuses)))
        if group_id is not None:
            query = query.where(Member.group == group_id)
        text = clean_line(text)
        if text:
            literal = (like(_spaceless(Member.name), name_key(text)) | like(Member.phone, text)
                       | like(Member.job, text) | like(Member.id_number, idnumber.normalise(text)))
            if looks_like_pinyin(text):
                # A branch has tens of members: their names are matched here, not in SQL.
                spelled = [member_id for member_id, name in query.select(Member.id, Member.name).tuples()
                           if pinyin_matches(name, text)]
                literal = literal | Member.id.in_(spelled)
            query = query.where(literal)
        if sort not in SORT_COLUMNS:  # "name", and anything unknown
            rows = query.select(Member.id, Member.name).order_by(Member.id).tuples()
            by = sort_key(name_order or self.name_order())
            ordered = sorted(rows, key=lambda row: by(row[1]), reverse=descending)
            return [member_id for member_id, _ in ordered]
        column = SORT_COLUMNS[sort]
        order = column.desc(nulls="LAST") if descending else column.asc(nulls="LAST")
        return [row[0] for row in query.order_by(order, Member.id).tuples()]

    def name_order(self) -> str:
        """The archive's order of names: ``strokes`` (姓氏笔画) or ``pinyin``."""
        chosen = self._archive.settings.get(NAME_ORDER_SETTING)
        return chosen if chosen in NAME_ORDERS else DEFAULT_NAME_ORDER

    def set_name_order(self, order: str) -> None:
        if order not in NAME_ORDERS:
            choices = "、".join(NAME_ORDERS.values())
            raise ValidationError("name_order", "choice", f"名单排序只能是{choices}。")
        self._archive.settings.set(NAME_ORDER_SETTING, order)

    def sorted_by_name(self, items, key=lambda item: item.name) -> list:
        """``items`` (anything with a name) in the archive's order of names."""
        return sorted_names(items, self.name_order(), key)

    def in_roster_order(self, items, name=lambda item: item.name, group=lambda item: item.group_id) -> list:
        """``items`` as papers list members: by party group (in the groups' order, those in
        none last), then by name in the archive's order (姓氏笔画 or 拼音)."""
        groups = PartyGroup.select(PartyGroup.id).where(PartyGroup.branch == self._archive.branch.own_id())
        place = {row[0]: n for n, row in enumerate(groups.order_by(PartyGroup.sort_order, PartyGroup.id).tuples())}
        ordered = self.sorted_by_name(items, name)
        ordered.sort(key=lambda item: place.get(group(item), len(place)))  # stable: names stay in order
        return ordered

    def records(self, ids: list[int]) -> list[MemberRecord]:
        """Full rows for ``ids``, returned in the same order (missing ids are skipped)."""
        if not ids:
            return []
        found = {}
        rows = (
            Member.select(Member, PartyGroup.name.alias("group_name"))
            .join(PartyGroup, peewee.JOIN.LEFT_OUTER, on=(Member.group == PartyGroup.id))
            .where(Member.id.in_(ids))
            .dicts()
        )
        for row in rows:
            row["group_id"] = row.pop("group")
            row.pop("branch")
            row.pop("created_at")
            row.pop("updated_at")
            row["group_name"] = row["group_name"] or ""
            found[row["id"]] = MemberRecord(**row)
        return [found[i] for i in ids if i in found]

    def all_active(self) -> list[MemberRecord]:
        return self.records(self.query_ids())

    def count(self, statuses: tuple[str, ...] | None = labels.ACTIVE_STATUSES) -> int:
        counts = self.count_by_status()
        return sum(n for status, n in counts.items() if not statuses or status in statuses)

    def count_by_status(self) -> dict[str, int]:
        """How many of the branch's roster members have each status (statuses with none
        left out): one counting query, no names read nor sorted."""
        query = (Member.select(Member.status, peewee.fn.COUNT(Member.id))
                 .where(Member.branch == self._archive.branch.own_id()).group_by(Member.status))
        return dict(query.tuples())

    def by_standing(self) -> standing.Standing:
        """正式 and 预备 members on the roster today (by their 转正 date), and how many of them
        are 流动党员: one counting query (docs/domain.md §1, 党员人数)."""
        return standing.count(self._archive.branch.own_id(), clock.today())

    def ids_named(self, name: str) -> list[int]:
        """Every roster member (any status) named ``name``, spaces anywhere in either not
        counting (「赵秀英」 finds 「赵　秀英」): two people may share one name."""
        key = name_key(name)
        if not key:
            return []
        query = Member.select(Member.id).where(
            Member.branch == self._archive.branch.own_id(), _spaceless(Member.name) == key
        )
        return [row[0] for row in query.order_by(Member.id).tuples()]

    def find_by_id_number(self, number: str) -> MemberRecord | None:
        row = Member.get_or_none(
            Member.branch == self._archive.branch.own_id(), Member.id_number == idnumber.normalise(number)
        )
        return self.get(row.id) if row else None

    def status_history(self, member_id: int) -> list[StatusChange]:
        rows = (
            MemberStatusChange.select()
            .where(MemberStatusChange.member == member_id)
            .order_by(MemberStatusChange.changed_on, MemberStatusChange.id)
        )
        return [StatusChange(r.status_from, r.status_to, r.changed_on, r.reason, r.recorded_at) for r in rows]

    # -- writing ---------------------------------------------------------------
    def add(self, form: MemberForm, reason: str = "登记", listed_on: dt.date | None = None) -> int:
        """Validate and store a new member; the first status is recorded in the history
        with ``reason`` (发展党员 names the 审批 that admitted them), dated ``listed_on``
        when the member came from elsewhere (a 组织关系转入), else from the form."""
        self._archive.require_writable()
        values = self._checked(form)
        with self._archive.db.atomic():
            return self._insert(values, reason, listed_on)

    def add_many(self, forms: list[MemberForm]) -> list[int]:
        """All or nothing: used by the roster import after its preview passed."""
        self._archive.require_writable()
        checked = [self._checked(form, row=index) for index, form in enumerate(forms, start=1)]
        with self._archive.db.atomic():
            return [self._insert(values) for values in checked]

    def update(
        self,
        member_id: int,
        form: MemberForm,
        status_reason: str = "",
        status_changed_on: dt.date | None = None,
    ) -> None:
        """Save changes. A change of status needs its real date (``status_changed_on``; a
        转正 may leave it to the 转正 date) and a reason, and never sets nor leaves 已转出 or
        开除党籍, which their registers record (docs/domain.md §1, 党员状态的变更); it goes
        into the history, never overwritten."""
        self._save(member_id, form, clean_line(status_reason), status_changed_on, by_register=False)

    def set_status_by_register(self, member_id: int, status: str, day: dt.date, reason: str) -> None:
        """The status a register decides (组织关系转接, 流动党员, 奖惩: they check the day
        themselves), from ``day``, the 转正 date kept as it is."""
        form = self.get(member_id).form()
        form.status = status
        self._save(member_id, form, clean_line(reason), day, by_register=True)

    def _save(self, member_id: int, form: MemberForm, reason: str, changed_on: dt.date | None,
              by_register: bool) -> None:
        self._archive.require_writable()
        current = self.get(member_id)
        values = self._checked(form, member_id=member_id)
        moves = values["status"] != current.status
        if moves and not by_register:
            if changed_on is None and values["status"] == "full":
                changed_on = values["full_on"]
            history = self.status_history(member_id)
            status_rules.check_change(current, values["status"], changed_on, reason,
                                      history[-1].changed_on if history else None, clock.today())
        now = clock.now()
        with self._archive.db.atomic():
            Member.update(updated_at=now, **values).where(Member.id == member_id).execute()
            self._log_update(current, values)
            if moves:
                MemberStatusChange.create(
                    member=member_id,
                    status_from=current.status,
                    status_to=values["status"],
                    changed_on=changed_on,
                    reason=reason,
                    recorded_at=now,
                )

    def change_status(self, member_id: int, new_status: str, changed_on: dt.date, reason: str = "") -> None:
        """Record a status change (预备→正式, 去世, …) on a given date, for a reason: the
        rules of ``update`` (docs/domain.md §1, 党员状态的变更)."""
        current = self.get(member_id)
        if new_status == current.status:
            raise ValidationError("status", "same", f"{current.name}已经是{labels.label(labels.MEMBER_STATUSES, new_status)}。")
        form = current.form()
        form.status = new_status
        if new_status == "full":
            form.full_on = changed_on
        self.update(member_id, form, status_reason=reason, status_changed_on=changed_on)

    def delete(self, member_id: int) -> None:
        """Only for a member entered by mistake: one who left is marked 转出/去世 instead."""
        self._archive.require_writable()
        current = self.get(member_id)
        from ..storage.meeting_models import MeetingAttendance  # the meetings' models load on use

        meetings = MeetingAttendance.select().where(MeetingAttendance.member == member_id).count()
        if meetings:
            raise Conflict(
                f"{current.name}已记入 {meetings} 次会议的出席名单，不能删除。"
                + _LEFT
            )
        posts = [labels.label(labels.COMMITTEE_POSTS, p.post) for p in CommitteePost.select().where(CommitteePost.member == member_id)]
        if posts:
            raise Conflict(
                f"{current.name}担任支部委员会的「{'、'.join(posts)}」，不能删除。请先在“设置”中调整支委，再删除。"
            )
        from ..life.store import member_references

        if member_references(member_id):
            raise Conflict(
                f"{current.name}已记入组织生活会、谈心谈话、民主评议或整改台账，不能删除。"
                + _LEFT
            )
        from ..service.activities import member_references as service_references

        if service_references(member_id):
            raise Conflict(
                f"{current.name}已记入志愿服务或群众评议，不能删除。" + _LEFT
            )
        if self._archive.honours.references(member_id):
            raise Conflict(f"{current.name}已有表彰或处分记录，不能删除。" + _LEFT)
        with self._archive.db.atomic():
            # A group led by this person keeps existing, without a leader.
            PartyGroup.update(leader_id=None).where(PartyGroup.leader_id == member_id).execute()
            MemberStatusChange.delete().where(MemberStatusChange.member == member_id).execute()
            Member.delete().where(Member.id == member_id).execute()
            self._archive.audit.record(
                "member.delete", f"删除党员 {current.name}（录入错误）", "member", member_id,
                {"name": current.name, "id_number": current.masked_id},
            )

    def check_form(self, form: MemberForm, member_id: int | None = None, row: int | None = None) -> dict:
        """Validate without saving (used by previews); returns the cleaned values."""
        return self._checked(form, member_id=member_id, row=row)

    # -- helpers ---------------------------------------------------------------
    def _checked(self, form: MemberForm, member_id: int | None = None, row: int | None = None) -> dict:
        values = validate(form, row=row)
        branch_id = self._archive.branch.own_id()
        if values["group"] is not None and not PartyGroup.select().where(
            PartyGroup.id == values["group"], PartyGroup.branch == branch_id
        ).exists():
            raise ValidationErrors([ValidationError("group_id", "missing", "所选党小组不存在，请重新选择。", row)])
        clash = Member.select(Member.name).where(Member.branch == branch_id, Member.id_number == values["id_number"])
        if member_id is not None:
            clash = clash.where(Member.id != member_id)
        other = clash.first()
        if other is not None:
            duplicate = f"身份证号码 {idnumber.mask(values['id_number'])} 已登记在党员「{other.name}」名下，同一人不能重复录入。"
            raise ValidationErrors([ValidationError("id_number", "duplicate", duplicate, row)])
        return values

    def _insert(self, values: dict, reason: str = "登记", listed_on: dt.date | None = None) -> int:
        now = clock.now()
        member = Member.create(branch=self._archive.branch.own_id(), created_at=now, updated_at=now, **values)
        first_on = values["full_on"] if values["status"] == "full" and values["full_on"] else values["joined_on"]
        MemberStatusChange.create(
            member=member.id,
            status_from=None,
            status_to=values["status"],
            changed_on=listed_on or first_on,
            reason=reason,
            recorded_at=now,
        )
        self._archive.audit.record(
            "member.add", f"新增党员 {values['name']}", "member", member.id,
            {"name": values["name"], "id_number": idnumber.mask(values["id_number"])},
        )
        return member.id

    def _log_update(self, current: MemberRecord, values: dict) -> None:
        """One audit entry naming the changed fields (ID numbers masked)."""
        before = dataclasses.asdict(current) | {"group": current.group_id}
        changed = {}
        for key, new in values.items():
            old = before.get(key)
            if old != new:
                if key == "id_number":
                    old, new = idnumber.mask(old), idnumber.mask(new)
                changed[key] = [_plain(old), _plain(new)]
        if not changed:
            return
        labels_changed = "、".join(_FIELD_LABELS.get(k, k) for k in changed)
        self._archive.audit.record(
            "member.update", f"修改党员 {values['name']}：{labels_changed}", "member", current.id, {"changed": changed}
        )


# What to do instead of deleting one who left (docs/domain.md §1, 党员状态的变更).
_LEFT = "如已离开本支部：转出请在「组织关系」页办理，去世请在「编辑」中把状态改为「已去世」并填写去世日期。"

_FIELD_LABELS = {
    "name": "姓名", "gender": "性别", "ethnicity": "民族", "birth_date": "出生日期", "id_number": "身份证号码",
    "education": "学历", "phone": "联系电话", "job": "工作岗位", "joined_on": "入党日期", "full_on": "转正日期",
    "full_exception": "提前转正说明", "status": "党员状态", "group": "党小组", "note": "备注",
}


def _spaceless(column) -> peewee.Node:
    """``column`` without the spaces a name may carry from before names were cleaned
    (ordinary, full-width, no-break, tab): SQL REPLACE, the same on SQLite and PostgreSQL."""
    for space in (" ", "\u3000", "\u00a0", "\t"):
        column = peewee.fn.REPLACE(column, space, "")
    return column


def _plain(value):
    return value.isoformat() if isinstance(value, dt.date) else value
