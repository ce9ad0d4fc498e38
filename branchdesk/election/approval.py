"""The last two steps of a 换届选举 (docs/domain.md §13): the 支委会's first meeting
choosing 书记/副书记 (等额 allowed, each needs 赞成 from more than half of the 委员) and
dividing the other posts, then the 上级党组织's 批复 of the result. Only the 批复 changes
the branch: its committee becomes the elected one and its term starts on the day of the
大会; the committee and term it replaced are kept on the election record."""

from __future__ import annotations

import datetime as dt
import json

from .. import labels
from ..branch import CommitteeSeat
from ..dates import date_problem
from ..errors import ErrorCollector
from .forms import DIVIDED_POSTS, OfficeForm
from .rules import more_than_half


def record_offices(manager, election_id: int, form: OfficeForm) -> None:
    record = manager.get(election_id)
    manager._require(record, "offices", "approval")
    elected = {p.member_id: p.name for p in record.elected}
    size = len(elected)
    needed = more_than_half(size)
    errors = ErrorCollector()
    if form.held_on is None:
        errors.add("held_on", "required", "请填写支委会第一次会议的日期。")
    elif bad := date_problem("支委会召开日期", form.held_on):
        errors.add("held_on", *bad)
    elif record.held_on and form.held_on < record.held_on:
        errors.add("held_on", "order", "支委会第一次会议不能早于选举它的党员大会。")
    chosen = [("secretary", form.secretary_id, form.secretary_votes)]
    chosen += [("deputy_secretary", member_id, votes) for member_id, votes in form.deputies.items()]
    if len(form.deputies) != record.deputies:
        errors.add("deputies", "count", f"换届工作方案确定选举副书记 {record.deputies} 名，现登记 {len(form.deputies)} 名。")
    seen: set[int] = set()
    for post, member_id, votes in chosen:
        title = labels.COMMITTEE_POSTS[post]
        if member_id not in elected:
            errors.add(post, "not_elected", f"{title}须从新当选的委员中选举。")
        elif member_id in seen:
            errors.add(post, "twice", f"「{elected[member_id]}」不能同时当选书记和副书记。")
        elif not needed <= votes <= size:
            errors.add(post, "votes", f"{title}「{elected[member_id]}」赞成票 {votes} 票：须超过委员 {size} 名的半数"
                                      f"（至少 {needed} 票），且不多于 {size} 票。")
        seen.add(member_id)
    offices = [{"post": post, "member_id": member_id, "name": elected.get(member_id, ""), "votes": votes}
               for post, member_id, votes in chosen]
    for member_id, name in elected.items():
        if member_id in seen:
            continue
        post = form.posts.get(member_id, "")
        if post not in DIVIDED_POSTS:
            errors.add("posts", "required", f"请为委员「{name}」选择分工（组织委员、宣传委员、纪检委员等）。")
        offices.append({"post": post, "member_id": member_id, "name": name, "votes": None})
    errors.raise_if_any()
    # the 委员 in the order of their posts (组织委员, 宣传委员 …), as the committee lists them
    offices[len(chosen):] = sorted(offices[len(chosen):], key=lambda o: DIVIDED_POSTS.index(o["post"]))
    summary = "；".join(f"{labels.COMMITTEE_POSTS[o['post']]}{o['name']}" for o in offices)
    manager._write(election_id, "election.offices", f"登记支委会选举书记、副书记及分工：{summary}",
                   dict(offices=json.dumps(offices, ensure_ascii=False), offices_on=form.held_on), {"offices": offices})


def approve_result(manager, election_id: int, approved_on: dt.date, number: str,
                   submitted_on: dt.date | None) -> None:
    archive = manager._archive
    record = manager.get(election_id)
    manager._require(record, "approval")
    number = manager._approval(approved_on, number, "选举结果批复", submitted_on or record.offices_on)
    branch = archive.branch.own()
    previous = {
        "term_started_on": branch.term_started_on.isoformat() if branch.term_started_on else None,
        "committee": [[s.post, s.member_id, s.holder_name] for s in branch.committee],
    }
    branch.committee = [CommitteeSeat(o.post, o.member_id, o.name) for o in record.offices]
    branch.term_started_on = record.held_on
    with archive.db.atomic():
        manager._write(election_id, "election.approval", f"上级党组织批复选举结果（{number}），新一届支委会生效",
                       dict(result_approved_on=approved_on, result_approval_no=number, result_submitted_on=submitted_on,
                            previous=json.dumps(previous, ensure_ascii=False)),
                       {"approved_on": approved_on.isoformat(), "number": number})
        archive.branch.save_own(branch)
