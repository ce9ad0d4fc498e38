"""奖惩 (docs/domain.md §17) on every engine: a 表彰 with its title, a 处分 whose facts are
never carried upward, 留党察看 as a warning during its period only, 开除党籍 changing the
member's status from its date (undone with the record), refusals in Chinese."""

from __future__ import annotations

import datetime as dt

import pytest

from branchdesk.bundle.portable import collect
from branchdesk.errors import Conflict, ValidationErrors
from branchdesk.honours import CommendationForm, DisciplineForm
from tests.domain.meetings_support import TODAY

D = dt.date


def test_commendations_and_discipline_rules(branch):
    archive, ids, _ = branch
    honours = archive.honours
    first = honours.commend(CommendationForm(ids["王堃"], "excellent_member", granted_by="中共测试镇委员会",
                                             granted_on=TODAY - dt.timedelta(days=10), doc_no="测党〔2026〕5号"))
    honours.commend(CommendationForm(ids["李喆"], "other", "抗洪抢险先进个人", "测试县委", TODAY - dt.timedelta(days=3)))
    with pytest.raises(ValidationErrors) as refused:
        honours.commend(CommendationForm(ids["李喆"], "other", "", "", None))
    assert {e.field for e in refused.value.errors} == {"title", "granted_by", "granted_on"}
    assert "表彰名称" in refused.value.message()
    listed = honours.commendations(TODAY.year)
    assert [r.title for r in listed] == ["抗洪抢险先进个人", "优秀共产党员"]
    assert listed[1].id == first and listed[1].kind_label == "优秀共产党员"

    # 留党察看 needs its years; in its period the member has a warning, after it none
    decided = TODAY - dt.timedelta(days=200)
    with pytest.raises(ValidationErrors, match="一年或二年"):
        honours.discipline_add(DisciplineForm(ids["赵赟"], "probation", None, "测试镇纪委", decided))
    probation = honours.discipline_add(DisciplineForm(ids["赵赟"], "probation", 1, "测试镇纪委", decided,
                                                      "测纪〔2026〕1号", "违规收受礼金二千元"))
    record = honours.discipline(probation)
    assert record.kind_label == "留党察看一年" and record.is_party_discipline
    assert "没有表决权、选举权和被选举权" in honours.warnings(ids["赵赟"], TODAY)[0]
    assert honours.warnings(ids["赵赟"], record.probation_ends) == []
    assert [r.id for r in honours.on_probation(TODAY)] == [probation]
    honours.discipline_add(DisciplineForm(ids["陈镕"], "criticism", None, "本支部委员会", TODAY, facts="会议迟到"))
    assert not honours.disciplines(member_id=ids["陈镕"])[0].is_party_discipline
    assert honours.disciplines(member_id=ids["陈镕"])[0].facts_shown(False) == "（处分事实属敏感内容，已隐去）"

    # 开除党籍: the member leaves the roster from the decision day; deleting restores
    day = TODAY - dt.timedelta(days=5)
    expelled = honours.discipline_add(DisciplineForm(ids["刘芳"], "expulsion", None, "测试县纪委", day, facts="严重违纪"))
    assert archive.members.get(ids["刘芳"]).status == "expelled"
    assert archive.members.status_history(ids["刘芳"])[-1].changed_on == day
    with pytest.raises(Exception, match="不在本支部名册"):
        honours.discipline_add(DisciplineForm(ids["刘芳"], "expulsion", None, "测试县纪委", day))
    with pytest.raises(Conflict, match="表彰或处分"):
        archive.members.delete(ids["刘芳"])
    counts = honours.year_counts(TODAY.year)
    assert counts["commendation"] == 2 and counts["criticism"] == 1 and counts["expulsion"] == 1

    # upward: kind and date only, neither the facts nor the body nor the member
    carried = collect(archive).tables["member_discipline"]
    assert len(carried) == 3 and all(set(row) == {"id", "branch_id", "kind", "probation_years", "decided_on"}
                                     for row in carried)
    honours.delete_discipline(expelled, "录入错误")
    assert archive.members.get(ids["刘芳"]).status == "full"
    assert [c.status_to for c in archive.members.status_history(ids["刘芳"])][-2:] == ["expelled", "full"]
    logged = [e.action for e in archive.audit.entries("member_discipline", expelled)]
    assert logged == ["honours.discipline", "honours.discipline_delete"]
    assert all("严重违纪" not in e.summary for e in archive.audit.entries("member_discipline"))
