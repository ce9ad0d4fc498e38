"""The report upward and the other papers: every number the report states is counted
from what was entered, and the PDF reads back as a receiver sees it."""

import datetime as dt

from branchdesk.life import Opinion, Problem
from branchdesk.life import papers as life_papers
from branchdesk.life.ledger_forms import short_date
from branchdesk.life.report import report_facts, report_paper
from branchdesk.papers import render
from tests.domain.life_support import MEETING_DAY, YEAR, complete_cycle, item
from tests.domain.meetings_support import TODAY
from tests.domain.papers_support import fonts_of, text_of


def flat(text: str) -> str:
    return "".join(text.split())


def enter_year(archive, ids) -> int:
    life = archive.life
    cycle_id = complete_cycle(archive, ids)  # 1 opinion answered, 6 present, 6 self + 6 mutual criticisms
    life.opinions.add(cycle_id, Opinion("masses", "box", MEETING_DAY, "路灯坏了没人修", "service", anonymous=True))
    life.opinions.add(cycle_id, Opinion("higher", "feedback", MEETING_DAY, "会议记录缺席原因不全", "org_life",
                                        answer="已逐一补记缺席原因"))
    life.problems.add(cycle_id, Problem("学习不够主动", ids["陈镕"], "陈镕", "self", "study"))
    life.problems.add(cycle_id, Problem("联系群众不经常", ids["刘芳"], "刘芳", "self", "service"))
    lamp = next(o for o in life.opinions.list(cycle_id) if o.anonymous)
    item(archive, ids, source="opinion", source_ref=lamp.uid, problem="路灯坏了没人修", measure="统一维修路灯",
         owner_member_id=ids["赵赟"], deadline=TODAY + dt.timedelta(days=40))
    item(archive, ids, problem="学习不够主动", measure="每周自学两次", owner_member_id=ids["陈镕"], scope="member",
         deadline=TODAY + dt.timedelta(days=60))
    appraisal_id = archive.appraisal.create(YEAR, MEETING_DAY, 6)
    form = archive.appraisal.form(appraisal_id)
    form.decided_on = MEETING_DAY
    grades = {"王堃": "excellent", "李喆": "excellent", "赵赟": "qualified", "陈镕": "qualified",
              "刘芳": "qualified", "孙丽": "basic"}
    for entry in form.entries:
        grade = grades[entry.member_name]
        entry.decided_grade = grade
        tallies = {"excellent": (4, 2, 0, 0), "qualified": (1, 5, 0, 0), "basic": (0, 2, 3, 1)}[grade]
        (entry.votes_excellent, entry.votes_qualified, entry.votes_basic, entry.votes_unqualified) = tallies
        if grade == "basic":
            entry.handling, entry.handling_note = "education", "结对帮扶"
            entry.self_grade = "basic"
    archive.appraisal.save(appraisal_id, form)
    return cycle_id


def test_report_numbers_are_counted_from_the_records(branch, tmp_path):
    archive, ids, _ = branch
    enter_year(archive, ids)
    facts = report_facts(archive, YEAR)
    assert (facts.due, facts.present, facts.absent) == (7, 6, ["孙丽（其他：外出务工）"])
    assert facts.opinions == 3 and facts.opinions_by_source == {"members": 1, "masses": 1, "higher": 1}
    assert (facts.opinions_answered, facts.opinions_to_ledger, facts.opinions_open) == (2, 1, 0)
    assert facts.committee_problems == ["服务群众办法不多"] and facts.member_problems == 2
    assert (facts.self_criticism, facts.mutual_criticism, facts.responses) == (6, 6, 6)
    assert facts.examinations == 6
    counts = facts.appraised
    assert (counts.appraised, counts.excellent, counts.qualified, counts.basic, counts.unqualified) == (6, 2, 3, 1, 0)
    assert facts.handled == ["孙丽：基本合格，批评教育、帮助改进（结对帮扶）"]
    assert [(i.problem, i.owner_name) for i in facts.items] == [("路灯坏了没人修", "赵赟"), ("学习不够主动", "陈镕")]

    pdf = tmp_path / "report.pdf"
    result = render(report_paper(facts, report_date=TODAY), pdf)
    assert result.pages >= 2
    assert all(font["emb"] == "yes" for font in fonts_of(pdf))
    text = flat(text_of(pdf))
    for expected in (
        f"关于召开{YEAR}年度组织生活会和开展民主评议党员情况的报告",
        "会议应到党员7名，实到6名，缺席1名：孙丽（其他：外出务工）",
        "共征求意见建议3条", "已逐条答复2条，列入整改台账1条",
        "会上6名党员逐一作自我批评", "共提出批评意见6条", "被批评人对其中6条当场作了回应",
        "6名党员撰写个人对照检查材料", "党员个人问题清单共列出问题2个",
        "参加民主测评6人", "评定优秀2名、合格3名、基本合格1名、不合格0名",
        "孙丽：基本合格，批评教育、帮助改进（结对帮扶）",
        "路灯坏了没人修", "统一维修路灯", "赵赟", short_date(TODAY + dt.timedelta(days=40)),
        "共2项",
    ):
        assert expected in text, expected


def test_record_register_and_ledger_papers_read_back(branch, tmp_path):
    archive, ids, _ = branch
    cycle_id = enter_year(archive, ids)
    detail = archive.life.detail(cycle_id)
    meeting = archive.meetings.detail(detail.meeting_id)
    appraisal = archive.appraisal.detail(archive.appraisal.appraisal_id(YEAR))
    record = tmp_path / "record.pdf"
    render(life_papers.record_paper(detail, meeting, [], appraisal), record)
    text = flat(text_of(record))
    assert "组织生活会会议记录" in text and "缺席人员及原因" in text and "孙丽（其他：外出务工）" in text
    # the secretary's block comes first, then each member: self-criticism, criticism, response
    assert text.index("王堃的自我批评") < text.index("李喆的自我批评") < text.index("李喆回应：接受")
    register = tmp_path / "register.pdf"
    render(life_papers.appraisal_paper(appraisal), register)
    text = flat(text_of(register))
    assert "民主评议党员登记表" in text and "4/2/0/0" in text and "结对帮扶" in text and "自评（基本合格）：" in text
    ledger = tmp_path / "ledger.pdf"
    render(life_papers.ledger_paper(archive.rectification.items(public_only=False), detail.branch_name, YEAR), ledger)
    text = flat(text_of(ledger))
    assert f"{YEAR}年度整改事项公示" in text and "统一维修路灯" in text and "共2项，已完成0项" in text
    for pdf in (record, register, ledger):
        assert all(font["emb"] == "yes" for font in fonts_of(pdf))


def test_ledger_spreadsheet_has_every_column(branch, tmp_path):
    from openpyxl import load_workbook

    from branchdesk.life.ledger_xlsx import COLUMNS, write_ledger_xlsx

    archive, ids, _ = branch
    overdue = item(archive, ids, created_on=TODAY - dt.timedelta(days=30), deadline=TODAY - dt.timedelta(days=1))
    archive.rectification.add_progress(overdue, "已报镇里申请资金", TODAY - dt.timedelta(days=10))
    path = write_ledger_xlsx(archive.rectification.items(), tmp_path / "台账.xlsx", "测试村党支部")
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[1]] == [title for title, _ in COLUMNS]
    row = {title: cell.value for (title, _), cell in zip(COLUMNS, sheet[2])}
    assert row["编号"] == f"{YEAR}-01" and row["整改进展"] == "已报镇里申请资金" and row["状态"] == "逾期 1 天"
    assert sheet["A2"].fill.fgColor.rgb.endswith("FDE2E1")  # overdue rows stand out
