"""整改台账: items, overdue, closing one by one, evidence, the 回头看 and completion."""

import datetime as dt

import pytest

from branchdesk.errors import Conflict, ValidationError, ValidationErrors
from tests.domain.life_support import YEAR, item
from tests.domain.meetings_support import TODAY

LISTED = TODAY - dt.timedelta(days=60)


def test_an_item_needs_owner_measure_and_a_deadline_after_it_was_listed(branch):
    archive, ids, _ = branch
    with pytest.raises(ValidationErrors) as caught:
        item(archive, ids, problem="", measure=" ", owner_member_id=None, owner_name="",
             deadline=TODAY - dt.timedelta(days=1))
    assert {e.field for e in caught.value.errors} == {"problem", "measure", "owner_name", "deadline"}
    assert archive.rectification.query_ids() == []
    first = item(archive, ids)
    second = item(archive, ids, source="inspection", source_ref="inspection:7")
    codes = [archive.rectification.summary(i).code for i in (first, second)]
    assert codes == [f"{YEAR}-01", f"{YEAR}-02"]
    assert archive.rectification.summary(second).source_label == "目标管理检查"


def test_overdue_items_and_completion(branch):
    archive, ids, _ = branch
    ledger = archive.rectification
    late = item(archive, ids, created_on=LISTED, deadline=TODAY - dt.timedelta(days=3))
    due_today = item(archive, ids, created_on=LISTED, deadline=TODAY)
    done = item(archive, ids, created_on=LISTED, deadline=TODAY - dt.timedelta(days=10))
    ledger.add_progress(done, "已修好路灯", LISTED + dt.timedelta(days=5))
    ledger.close(done, LISTED + dt.timedelta(days=20), "全部修复")
    assert [i.id for i in ledger.overdue()] == [late]
    assert ledger.summary(late).status_text(TODAY) == "逾期 3 天"
    assert ledger.summary(due_today).state(TODAY) == "open"
    assert ledger.query_ids(state="pending") == [late, due_today]
    completion = ledger.completion(YEAR)
    assert (completion.total, completion.closed, completion.overdue) == (3, 1, 1)
    assert completion.rate == pytest.approx(1 / 3)
    from branchdesk.life import measures

    assert measures.rectification_completion_rate(archive, YEAR) == pytest.approx(1 / 3)
    assert measures.rectification_completion_rate(archive, YEAR - 5) is None


def test_closing_needs_what_was_done_and_some_proof(branch, tmp_path):
    archive, ids, _ = branch
    ledger = archive.rectification
    item_id = item(archive, ids, created_on=LISTED)
    with pytest.raises(ValidationErrors) as caught:
        ledger.close(item_id, TODAY, "")
    assert {e.field for e in caught.value.errors} == {"closing_note", "evidence"}
    with pytest.raises(ValidationErrors, match="早于列入台账"):
        ledger.close(item_id, LISTED - dt.timedelta(days=1), "完成")
    photo = tmp_path / "路灯照片.png"
    photo.write_bytes(b"\x89PNG fake photo bytes")
    evidence_id = ledger.add_evidence_file(item_id, photo, "修好的路灯")
    assert ledger.evidence_file(evidence_id).read_bytes() == photo.read_bytes()
    ledger.close(item_id, TODAY, "全部修复并验收")
    assert ledger.summary(item_id).status_text(TODAY) == f"已销号（{TODAY:%Y-%m-%d}）"
    with pytest.raises(Conflict, match="已有整改进展"):
        ledger.delete(item_id)
    with pytest.raises(Conflict, match="先取消销号"):
        ledger.remove_evidence(evidence_id)
    ledger.reopen(item_id, "群众反映又坏了两盏")
    detail = ledger.detail(item_id)
    assert detail.item.closed_on is None and detail.progress[-1].text == "取消销号：群众反映又坏了两盏"
    actions = [e.action for e in archive.audit.entries("rectification_item", item_id)]
    assert actions == ["rectification.add", "rectification.evidence", "rectification.close", "rectification.reopen"]


def test_a_meeting_record_as_evidence_and_a_wrong_kind_refused(branch):
    archive, ids, _ = branch
    from tests.domain.meetings_support import held_form

    meeting_id = archive.meetings.plan(held_form(archive))
    item_id = item(archive, ids)
    archive.rectification.add_evidence(item_id, "meeting", meeting_id)
    evidence = archive.rectification.detail(item_id).evidence
    assert evidence[0].text.startswith("会议记录：") and evidence[0].record_id == meeting_id
    with pytest.raises(ValidationError, match="文件请用"):
        archive.rectification.add_evidence(item_id, "file", 1)


def test_review_lists_last_years_items_and_older_open_ones(branch):
    archive, ids, _ = branch
    old_open = item(archive, ids, year=YEAR - 2, created_on=dt.date(YEAR - 2, 12, 1),
                    deadline=dt.date(YEAR - 1, 3, 1))
    old_closed = item(archive, ids, year=YEAR - 2, created_on=dt.date(YEAR - 2, 12, 1),
                      deadline=dt.date(YEAR - 1, 3, 1))
    archive.rectification.add_progress(old_closed, "完成", dt.date(YEAR - 2, 12, 20))
    archive.rectification.close(old_closed, dt.date(YEAR - 2, 12, 20), "完成")
    last_year = item(archive, ids, year=YEAR - 1, created_on=dt.date(YEAR - 1, 12, 1),
                     deadline=dt.date(YEAR - 1, 12, 31))
    this_year = item(archive, ids)
    assert [i.id for i in archive.rectification.review_items(YEAR)] == [last_year, old_open]
    assert this_year not in [i.id for i in archive.rectification.review_items(YEAR)]
