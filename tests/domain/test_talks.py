"""谈心谈话: the coverage matrix (who has not yet talked with whom), on every engine."""

import datetime as dt

import pytest

from branchdesk.errors import ValidationErrors
from branchdesk.life import Person, TalkForm
from branchdesk.life.talks import coverage_of
from tests.domain.life_support import YEAR, plan, talk
from tests.domain.meetings_support import TODAY
from tests.helpers import transfer_out

COMMITTEE = [Person(1, "书记", True, "secretary"), Person(2, "组委", True, "organisation"), Person(3, "宣委", True, "publicity")]
MEMBERS = [Person(4, "甲", False), Person(5, "乙", False), Person(6, "丙", False)]


def test_the_rule_on_plain_data():
    people = COMMITTEE + MEMBERS
    _, missing_pairs, missing_cm, missing_mm, required = coverage_of(people, [], "any_committee")
    # 3 committee pairs + 3 members with a committee member + 3 members with another member
    assert required == 9 and len(missing_pairs) == 3 and len(missing_cm) == 3 and len(missing_mm) == 3
    talks = [(1, 2), (2, 3), (3, 1), (4, 2), (5, 3), (6, 1), (4, 5), (6, 5)]
    _, missing_pairs, missing_cm, missing_mm, _ = coverage_of(people, talks, "any_committee")
    assert (missing_pairs, missing_cm, missing_mm) == ([], [], [])
    # with the stricter rule the secretary must have talked with every member
    _, _, missing_cm, _, _ = coverage_of(people, talks, "secretary")
    assert [p.name for p in missing_cm] == ["甲", "乙"]
    # talks with outsiders (no member id) and with oneself count for nothing
    _, _, _, missing_mm, _ = coverage_of(people, [(4, None), (5, 5)], "any_committee")
    assert len(missing_mm) == 3


def test_a_lone_ordinary_member_needs_no_member_talk():
    _, _, missing_cm, missing_mm, required = coverage_of(COMMITTEE + MEMBERS[:1], [(1, 4)], "any_committee")
    assert required == 3 + 1 and missing_mm == [] and missing_cm == []


def test_coverage_of_the_branch_until_complete(branch):
    archive, ids, _ = branch
    coverage = archive.talks.coverage(YEAR)
    # 张伟 (预备) and 孙丽 (流动) belong to the branch and count; committee first
    assert [p.name for p in coverage.people][:3] == ["王堃", "李喆", "赵赟"]
    assert {p.name for p in coverage.people} == {"王堃", "李喆", "赵赟", "陈镕", "刘芳", "张伟", "孙丽"}
    assert coverage.required == 3 + 4 + 4 and coverage.gaps == 11 and not coverage.complete
    for a, b in (("王堃", "李喆"), ("李喆", "赵赟"), ("赵赟", "王堃"), ("陈镕", "王堃"), ("刘芳", "李喆"),
                 ("张伟", "赵赟"), ("陈镕", "刘芳"), ("张伟", "孙丽")):
        talk(archive, ids, a, b)
    coverage = archive.talks.coverage(YEAR)
    assert coverage.gap_sentences() == ["还没有与支委谈过的党员：孙丽"]
    assert coverage.count(ids["陈镕"], ids["王堃"]) == 1 and coverage.count(ids["陈镕"], ids["李喆"]) == 0
    talk(archive, ids, "孙丽", "王堃")
    coverage = archive.talks.coverage(YEAR)
    assert coverage.complete and coverage.ratio == 1.0 and coverage.talks == 9


def test_talks_of_last_year_do_not_count_and_a_transferred_member_drops_out(branch):
    archive, ids, _ = branch
    talk(archive, ids, "王堃", "李喆", dt.date(YEAR - 1, 6, 1))
    assert archive.talks.coverage(YEAR).count(ids["王堃"], ids["李喆"]) == 0
    assert archive.talks.coverage(YEAR - 1).count(ids["王堃"], ids["李喆"]) == 1
    transfer_out(archive, ids["刘芳"], TODAY)
    assert "刘芳" not in {p.name for p in archive.talks.coverage(YEAR).people}


def test_a_meeting_held_early_next_year_counts_the_talks_before_it(branch):
    archive, ids, _ = branch
    from branchdesk.life import PlanForm

    held_in_january = dt.date(YEAR - 1, 1, 10)  # the meeting of year YEAR-2
    archive.life.create(PlanForm(YEAR - 2, "年度组织生活会", held_in_january, "general"))
    talk(archive, ids, "王堃", "李喆", dt.date(YEAR - 1, 1, 5))
    assert archive.life.talk_window(YEAR - 2) == (dt.date(YEAR - 2, 1, 1), held_in_january)
    assert archive.talks.coverage(YEAR - 2).count(ids["王堃"], ids["李喆"]) == 1
    # the next year's window starts after that meeting: the talk is not counted twice
    assert archive.life.talk_window(YEAR - 1)[0] == held_in_january + dt.timedelta(days=1)
    assert archive.talks.coverage(YEAR - 1).count(ids["王堃"], ids["李喆"]) == 0


def test_bad_talks_are_refused_with_the_field_named(branch):
    archive, ids, _ = branch
    with pytest.raises(ValidationErrors) as caught:
        archive.talks.add(TalkForm(TODAY + dt.timedelta(days=1), ids["王堃"], "", ids["王堃"], "", content=""))
    fields = {e.field for e in caught.value.errors}
    assert fields == {"talked_on", "partner_name", "content"}
    assert archive.talks.query_ids(YEAR) == []


def test_the_home_page_sentence_names_the_gaps_before_the_meeting(branch):
    archive, _ids, _ = branch
    plan(archive, day=min(TODAY + dt.timedelta(days=10), dt.date(YEAR + 1, 6, 30)))
    sentences = archive.life.attention()
    assert len(sentences) == 1 and "会前谈心谈话还有 11 处未覆盖" in sentences[0]


def test_a_member_named_in_a_talk_cannot_be_deleted(branch):
    from branchdesk.errors import Conflict

    archive, ids, _ = branch
    talk(archive, ids, "王堃", "刘芳")
    with pytest.raises(Conflict, match="谈心谈话"):
        archive.members.delete(ids["刘芳"])
    assert archive.members.get(ids["刘芳"]).name == "刘芳"
