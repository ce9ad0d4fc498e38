"""A year's 组织生活会 through the real main window, with the app password set: plan,
gather opinions, log talks until coverage is complete, problems and 对照检查, hold the
meeting (attendance with a reason for the absent member), self-criticism and mutual
criticism behind the password, appraise, put items on the ledger, 定稿 and export the
report upward — then read the PDF as the town's Party committee would."""

import datetime as dt

from PySide6.QtWidgets import QMessageBox

from branchdesk import clock
from tests.domain.life_support import MEETING_DAY, YEAR
from tests.domain.meetings_support import branch  # noqa: F401 - fixture
from tests.domain.papers_support import fonts_of, text_of
from tests.helpers import answer_modal, saved, type_text
from ui.main_window import MainWindow

PASSWORD = "支部密码2026"


def test_a_year_of_organisational_life_through_the_window(qtbot, branch, tmp_path, monkeypatch):  # noqa: F811
    archive, ids, _ = branch
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    archive.access.set_password(PASSWORD)
    archive.access.set_policy(lock_after_minutes=0)
    session = archive.access.session()
    session.unlock(PASSWORD, now=clock.now() - dt.timedelta(minutes=30))
    window = MainWindow(archive, session=session)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("life")
    assert page.year == clock.today().year == YEAR

    # -- the plan ----------------------------------------------------------------
    plan = page.show_tab("plan")
    type_text(plan.theme, "学习党章党规，对照检查")
    plan.planned.setText(MEETING_DAY.isoformat())
    plan.reported.setText(max(dt.date(YEAR, 1, 1), MEETING_DAY - dt.timedelta(days=16)).isoformat())
    assert plan.save() and page.cycle_id is not None

    # -- opinions: one answered, one put on the ledger ----------------------------
    opinions = page.show_tab("opinions")
    answer_modal(saved(lambda d: (d.received.setText(MEETING_DAY.isoformat()),
                               type_text(d.content, "希望支部多组织为老人义诊"),
                               type_text(d.answer, "已联系镇卫生院，每季度义诊一次"))))
    assert opinions.add()
    answer_modal(saved(lambda d: (d.received.setText(MEETING_DAY.isoformat()),
                               d.source.setCurrentIndex(d.source.findData("masses")),
                               d.category.setCurrentIndex(d.category.findData("service")),
                               type_text(d.content, "村口路灯坏了，晚上出行不便"))))
    lamp = opinions.add()
    opinions.table.selectRow(opinions.model.row_of(lamp))
    deadline = MEETING_DAY + dt.timedelta(days=45)
    answer_modal(saved(lambda d: (type_text(d.measure, "一个月内修复全部路灯"),
                               d.owner.set_person(ids["赵赟"], "赵赟"),
                               d.deadline.setText(deadline.isoformat()), d.public.setChecked(True))))
    assert opinions.to_ledger()
    assert opinions.summary.text() == "共 2 条，待答复 0 条"

    # -- talks, until coverage is complete ----------------------------------------
    talks = page.show_tab("talks")
    while True:
        coverage = archive.talks.coverage(YEAR)
        if coverage.complete:
            break
        if coverage.missing_committee_pairs:
            a, b = coverage.missing_committee_pairs[0]
        elif coverage.missing_committee_member:
            b = coverage.missing_committee_member[0]
            a = next(p for p in coverage.people if p.committee)
        else:
            a = coverage.missing_member_member[0]
            b = next(p for p in coverage.people if not p.committee and p is not a)
        row = [p.member_id for p in coverage.people]
        index = talks.matrix_model.index(row.index(a.member_id), row.index(b.member_id))
        answer_modal(saved(lambda d: (d.day.setText(MEETING_DAY.isoformat()), type_text(d.content, "谈思想、谈工作"))))
        assert talks.talk_for_cell(index)
    assert "已全覆盖" in talks.summary.text() and not talks.gaps.isVisible()

    # -- the meeting: attendance with a reason for the absent member ---------------
    meeting = page.show_tab("meeting")
    assert meeting.open_meeting()
    meeting.held_on.setText(MEETING_DAY.isoformat())
    meeting.host.setCurrentText("王堃")
    meeting.recorder.setCurrentText("李喆")
    grid = meeting.attendance
    grid.mark_rest_present()
    away = grid.row_of("孙丽")
    grid.model.update_row(away, {"status": "absent", "reason": ""})
    assert not meeting.save()
    assert "缺席必须写明原因" in grid.error.text()
    grid.model.update_row(away, {"status": "absent", "reason": "other", "note": "外出务工"})
    type_text(meeting.report, "一年来，支部坚持“三会一课”，带领党员为群众办实事。下面我代表支委会作对照检查。")
    type_text(meeting.summary, "会议开得严肃认真，批评见人见事。")
    assert meeting.save()
    present = [name for _, name in page.expected_people()]
    assert "孙丽" not in present and len(present) == 6

    # -- problems and 对照检查 (sensitive: the password first) ----------------------
    problems = page.show_tab("problems")
    answer_modal(saved(lambda d: type_text(d.problem, "服务群众办法不多，对困难群众回应不及时")))
    problem_id = problems.add_problem()
    assert not problems.cover.revealed
    answer_modal(lambda d: (type_text(d.password, PASSWORD), d.try_unlock()))
    assert problems.cover.reveal()
    for name in [None] + present:
        def fill(d, name=name):
            if name:
                d.owner.set_person(ids[name], name)
            type_text(d.problems, f"{name or '班子'}：学习不够主动")
            type_text(d.causes, "思想上有松懈")
            type_text(d.measures, "每周自学两次")
        answer_modal(saved(fill))
        assert problems.add_exam()
    assert problems.missing.text() == ""
    problems.problems.selectRow(problems.problem_model.row_of(problem_id))
    answer_modal(saved(lambda d: (type_text(d.measure, "落实支委联户"), d.owner.set_person(ids["李喆"], "李喆"),
                               d.deadline.setText((MEETING_DAY + dt.timedelta(days=90)).isoformat()))))
    assert problems.to_ledger()

    # -- criticism: the secretary first, then each member ---------------------------
    criticism = page.show_tab("criticism")
    assert criticism.cover.revealed  # confirmed a moment ago
    for n, name in enumerate(present):
        answer_modal(saved(lambda d, name=name: (d.speaker.set_person(ids[name], name),
                                              type_text(d.content, f"我{name}对照检查，学习不够。"))))
        assert criticism.add("self")
        critic = present[(n + 1) % len(present)]
        answer_modal(saved(lambda d, name=name, critic=critic: (
            d.speaker.set_person(ids[critic], critic), d.target.set_person(ids[name], name),
            type_text(d.content, f"{name}同志联系群众不够经常。"), type_text(d.response, "接受批评，立即改正。"))))
        assert criticism.add("mutual")
    assert criticism.model.item(0).from_name == "王堃" and criticism.model.item(0).kind == "self"
    assert "已作自我批评 6 名，已接受批评 6 名" in criticism.status.text()

    # -- 民主评议 --------------------------------------------------------------------
    appraisal = page.show_tab("appraisal")
    appraisal.start()
    appraisal.held_on.setText(MEETING_DAY.isoformat())
    appraisal.decided_on.setText(MEETING_DAY.isoformat())
    appraisal.voters.setValue(5)
    model = appraisal.model
    column = {c.key: n for n, c in enumerate(model.columns)}
    for row in range(model.rowCount()):
        grade = "excellent" if row < 2 else "qualified"
        votes = ("4", "1", "0", "0") if row < 2 else ("0", "5", "0", "0")
        for key, value in zip(("votes_excellent", "votes_qualified", "votes_basic", "votes_unqualified"), votes):
            model.setData(model.index(row, column[key]), value)
        model.setData(model.index(row, column["decided_grade"]), grade)
        model.setData(model.index(row, column["feedback_on"]), MEETING_DAY.isoformat())
    assert appraisal.save(), appraisal.banner.text()
    assert appraisal.finalise(), appraisal.banner.text()

    # -- 定稿 and the report upward --------------------------------------------------
    assert page.finalise()
    assert page.detail.state == "final" and "定稿" in page.state.text()
    report = tmp_path / "组织生活会情况报告.pdf"
    assert page.exports.paper("report", str(report))
    qtbot.waitUntil(lambda: page.exports.last_result is not None or page.exports.last_error is not None,
                    timeout=30000)
    assert page.exports.last_error is None and page.exports.last_result.pages >= 2
    assert all(font["emb"] == "yes" for font in fonts_of(report))
    text = "".join(text_of(report).split())
    for expected in (
        "会议应到党员7名，实到6名，缺席1名：孙丽（其他：外出务工）",
        "共征求意见建议2条", "已逐条答复1条，列入整改台账1条",
        "开展谈心谈话", "实现全覆盖",
        "会上6名党员逐一作自我批评", "共提出批评意见6条",
        "评定优秀2名、合格4名、基本合格0名、不合格0名",
        "村口路灯坏了，晚上出行不便", "一个月内修复全部路灯", "赵赟",
        "落实支委联户", "李喆", f"{deadline.year}.{deadline.month}.{deadline.day}",
    ):
        assert expected in text, expected
    window.close()
