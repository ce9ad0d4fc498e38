"""Who is due at a meeting, from the roster, and the attendance grid kept in step with it."""

from __future__ import annotations

from .. import labels
from ..storage.models import CommitteePost, Member
from . import rules
from .forms import AttendanceEntry, MeetingForm


def due_entries(archive, kind: str, group_id: int | None = None) -> list[AttendanceEntry]:
    """Who is due, from the roster: the committee for a 支委会, the group's members for a
    党小组会, every member still in the branch (正式, 预备, 流动) otherwise."""
    branch_id = archive.branch.own_id()
    members = Member.select().where(Member.branch == branch_id, Member.status.in_(list(labels.ACTIVE_STATUSES)))
    if kind == "committee":
        entries = []
        seen = set()
        posts = CommitteePost.select().where(CommitteePost.branch == branch_id).order_by(CommitteePost.sort_order)
        for post in posts:
            if post.member_id is None:
                entries.append(AttendanceEntry(post.holder_name, note=""))
                continue
            if post.member_id in seen:
                continue
            seen.add(post.member_id)
            member = Member.get_or_none(Member.id == post.member_id)
            if member is not None and member.status in labels.ACTIVE_STATUSES:
                entries.append(_entry(member))
        return entries
    if kind == "group":
        if group_id is None:
            return []
        members = members.where(Member.group == group_id)
    return [_entry(m) for m in archive.members.in_roster_order(list(members.order_by(Member.id)))]

def _entry(member: Member) -> AttendanceEntry:
    return AttendanceEntry(
        member.name, member.id, member_status=member.status, voting=rules.is_voting(member.status, member.full_on)
    )

def merged_with_roster(form: MeetingForm, due: list[AttendanceEntry]) -> list[AttendanceEntry]:
    """The form's grid brought up to date with who is ``due`` now: people now due are added,
    marks already made are kept, unmarked people no longer due are dropped."""
    due_ids = {e.member_id for e in due if e.member_id is not None}
    current = {e.member_id: e for e in form.attendance if not e.is_guest and e.member_id is not None}
    merged = [current.get(e.member_id, e) if e.member_id is not None else e for e in due]
    merged += [e for e in form.attendance if not e.is_guest and e.member_id not in due_ids and e.status
               and e.member_id is not None]
    merged += [e for e in form.attendance if not e.is_guest and e.member_id is None
               and e.name not in {m.name for m in merged}]
    return merged + [e for e in form.attendance if e.is_guest]

def roster_update_sentence(before: list[AttendanceEntry], after: list[AttendanceEntry]) -> str:
    """What 「按名册更新应到人员」 did, in words — also when it changed nothing."""
    old = {e.member_id or e.name for e in before if not e.is_guest}
    new = {e.member_id or e.name for e in after if not e.is_guest}
    added = [e.name for e in after if not e.is_guest and (e.member_id or e.name) not in old]
    dropped = [e.name for e in before if not e.is_guest and (e.member_id or e.name) not in new]
    if not added and not dropped:
        due = sum(1 for e in after if not e.is_guest)
        return f"应到人员已与名册一致（{due} 人），没有变化。" if due else "名册中没有这类会议的应到人员（支委会请先在「设置」中登记支委）。"
    parts = []
    if added:
        parts.append(f"新增应到 {len(added)} 人（{'、'.join(added)}）")
    if dropped:
        parts.append(f"移出 {len(dropped)} 名未登记出席情况的人员（{'、'.join(dropped)}）")
    return "已按名册更新：" + "，".join(parts) + "。"
