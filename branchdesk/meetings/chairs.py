"""Who chairs and who minutes a new meeting when the secretary has not said: the branch's
own meetings (支委会, 支部党员大会) are chaired by the 书记 and minuted by the 组织委员, as
the committee stands in the archive (docs/domain.md §2.1.1). A name only fills a blank: a
name typed, or copied from the last meeting (「复制上次会议」), always wins."""

from __future__ import annotations

import dataclasses

from ..storage.binding import uses_archive
from ..storage.models import CommitteePost, Member
from ..text import name_key
from .forms import MeetingForm

# kind → (the post whose holder chairs, the post whose holder minutes)
USUAL_POSTS = {"committee": ("secretary", "organisation"), "general": ("secretary", "organisation")}


@uses_archive
def holder_of(archive, post: str) -> str:
    """The name of whoever holds ``post`` on the branch's committee, or ""."""
    seat = (CommitteePost.select()
            .where(CommitteePost.branch == archive.branch.own_id(), CommitteePost.post == post)
            .order_by(CommitteePost.sort_order).first())
    if seat is None:
        return ""
    if seat.member_id is None:
        return seat.holder_name
    member = Member.get_or_none(Member.id == seat.member_id)
    return member.name if member is not None else seat.holder_name


@uses_archive
def with_usual_chairs(archive, form: MeetingForm) -> MeetingForm:
    """``form`` with a blank host and recorder filled from the committee, for the kinds
    the committee runs; other kinds (a 党小组会 has its 组长, a 党课 its speaker) as they are."""
    posts = USUAL_POSTS.get(form.kind)
    if posts is None:
        return form
    host = form.host_name or holder_of(archive, posts[0])
    recorder = form.recorder_name or holder_of(archive, posts[1])
    return dataclasses.replace(form, host_name=host, recorder_name=recorder)


@uses_archive
def host_off_roster(archive, form: MeetingForm) -> str:
    """A warning when the host is neither on the branch's roster nor among the meeting's
    people (due or 列席), else "". Not a refusal: a leader of the 上级党组织 may chair
    (docs/domain.md §2.1.1); the warning catches a misspelt name."""
    host = name_key(form.host_name)
    if not host or host in {name_key(e.name) for e in form.attendance} or archive.members.ids_named(form.host_name):
        return ""
    return (f"提示：主持人「{form.host_name}」不在本支部党员名册中，也不是本次会议的应到或列席人员。"
            "如由上级党组织领导主持，可以不改；否则请核对姓名。")
