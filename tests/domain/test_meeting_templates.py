"""Recurring meetings in fewer steps (issue 13): 「复制上次会议」, topic templates and the
签到表 — through the domain, the command line and the PDF a secretary prints."""

import dataclasses
import datetime as dt
import re
import subprocess

import pytest

from branchdesk.errors import Conflict, ValidationError, ValidationErrors
from branchdesk.meetings import AttendanceEntry, ResolutionForm
from branchdesk.meetings import templates as topics
from branchdesk.meetings.papers import paper_for
from branchdesk.meetings.signin import has_signin_scan
from branchdesk.papers import Table, render
from tests.domain.meetings_support import TODAY, held_form
from tests.domain.papers_support import bundled_fonts, fonts_of, pages_of, text_of
from tests.domain.safety_support import cli_run


@pytest.fixture
def last_committee(branch):
    """A held 支委会 a month ago: 赵赟 absent, a guest, minutes and a vote."""
    archive, ids, _ = branch
    form = held_form(archive, absent={"赵赟": "sick"}, day=TODAY - dt.timedelta(days=30), place="村委会二楼会议室",
                     minutes="研究了人居环境整治。", host_name="王堃", recorder_name="李喆")
    form.attendance.append(AttendanceEntry("周立平", is_guest=True, status="present", note="镇驻村干部"))
    form.resolutions = [ResolutionForm("同意道路硬化", True, 2, 0, 0)]
    return archive, ids, archive.meetings.plan(form)


def test_copy_last_fills_place_host_recorder_and_who_is_due_but_nothing_that_happened(last_committee):
    archive, ids, source = last_committee
    # an older 支委会 and a 主题党日 in between must not be the one copied
    archive.meetings.plan(held_form(archive, day=TODAY - dt.timedelta(days=60), place="旧会议室"))
    archive.meetings.plan(held_form(archive, kind="theme_day", day=TODAY - dt.timedelta(days=3), place="广场"))
    assert topics.last_of_kind(archive, "committee") == source

    day = TODAY + dt.timedelta(days=5)
    new_id = topics.new_from_last(archive, "committee", day)
    form = archive.meetings.form(new_id)
    assert (form.kind, form.planned_on, form.place, form.host_name, form.recorder_name) == (
        "committee", day, "村委会二楼会议室", "王堃", "李喆")
    assert form.held_on is None and form.minutes == "" and form.resolutions == [] and form.agenda == []
    assert [e.name for e in form.attendance] == ["王堃", "李喆", "赵赟"]  # the guest stays with the old meeting
    assert all(e.status == "" and e.reason == "" for e in form.attendance)
    assert archive.meetings.detail(new_id).state == "planned"
    # the source is untouched
    assert archive.meetings.form(source).resolutions[0].yes == 2


def test_copy_last_brings_who_is_due_up_to_date_with_the_roster(last_committee):
    archive, ids, _ = last_committee
    info = archive.branch.own()
    info.committee = [seat for seat in info.committee if seat.member_id != ids["赵赟"]]
    archive.branch.save_own(info)
    form = archive.meetings.form(topics.new_from_last(archive, "committee", TODAY))
    assert [e.name for e in form.attendance] == ["王堃", "李喆"]


def test_copy_last_without_an_earlier_meeting_says_to_start_afresh(branch):
    archive, _, _ = branch
    with pytest.raises(Conflict, match="还没有记录过主题党日"):
        topics.new_from_last(archive, "theme_day", TODAY)


def test_built_in_and_own_templates_fill_theme_and_agenda(last_committee):
    archive, _, _ = last_committee
    names = [t.name for t in topics.templates(archive, "committee")]
    assert "月度支委会" in names and all(t.kind == "committee" for t in topics.templates(archive, "committee"))
    assert topics.templates(archive, "theme_day") and not topics.templates(archive, "other")

    saved = topics.save_template(archive, "committee", " 村务研究 ", "研究村务", ["听取村务汇报", "", "研究集体经济项目"])
    assert saved.agenda == ("听取村务汇报", "研究集体经济项目") and saved.name == "村务研究"
    assert [t.name for t in topics.templates(archive, "committee")][-1] == "村务研究"
    # replacing keeps one template of that name
    topics.save_template(archive, "committee", "村务研究", "研究村务", ["听取村务汇报"])
    assert [t.name for t in topics.templates(archive, "committee")].count("村务研究") == 1

    new_id = topics.new_from_last(archive, "committee", TODAY, template_name="村务研究")
    form = archive.meetings.form(new_id)
    assert form.theme == "研究村务" and [a.title for a in form.agenda] == ["听取村务汇报"]
    assert archive.settings.get(topics.TEMPLATES_SETTING)[0]["name"] == "村务研究"

    topics.delete_template(archive, "committee", "村务研究")
    assert "村务研究" not in [t.name for t in topics.templates(archive)]


def test_bad_templates_are_refused_with_the_reason(branch):
    archive, _, _ = branch
    with pytest.raises(ValidationErrors) as caught:
        topics.save_template(archive, "committee", "", "", [])
    messages = " ".join(e.message() for e in caught.value.errors)
    assert "请给模板起个名字" in messages and "请至少写一项议题" in messages
    with pytest.raises(ValidationErrors, match="程序自带"):
        topics.save_template(archive, "committee", "月度支委会", "", ["x"])
    with pytest.raises(ValidationError, match="不能删除"):
        topics.delete_template(archive, "committee", "月度支委会")
    assert archive.settings.get(topics.TEMPLATES_SETTING) == []


def test_signin_sheet_lists_who_is_due_with_room_to_sign(last_committee, tmp_path):
    archive, ids, source = last_committee
    form = archive.meetings.form(source)
    form.attendance.insert(2, AttendanceEntry("孙丽", ids["孙丽"], status="not_counted", note="外出务工",
                                              member_status="away"))
    archive.meetings.save(source, form)
    detail = archive.meetings.detail(source)
    pdf = tmp_path / "签到表.pdf"
    result = render(paper_for(detail, "signin"), pdf, library=bundled_fonts())
    assert pages_of(pdf) == result.pages == 1
    assert all(font["emb"] == "yes" for font in fonts_of(pdf))
    text = re.sub(r"\s+", "", text_of(pdf))
    for expected in ("签到表", "序号姓名身份", "本人签名备注", "1王堃正式党员", "3赵赟正式党员", "4周立平列席（镇驻村干部）",
                     "应到人数3人", "村委会二楼会议室", "不得代签"):
        assert expected in text, expected
    assert "孙丽" not in text  # not counted as due, so not on the sheet
    # look at it: the page has ink in the signature column's rows (ruled lines) and nothing clipped
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf), str(tmp_path / "signin")], check=True)
    assert (tmp_path / "signin.png").stat().st_size > 5000
    assert not has_signin_scan(detail)


def test_a_signin_sheet_of_a_committee_keeps_to_one_page(last_committee, tmp_path):
    """QA: 5 people and a day with its times ran onto a second page holding only the end of
    the closing note. Up to 7 (a 支委会 of 7) the sheet gives up blank lines to keep to one page."""
    archive, _ids, source = last_committee
    detail = archive.meetings.detail(source)
    for people, blank in ((5, 3), (6, 2), (7, 1)):
        attendance = [AttendanceEntry(f"委员{n}", n, member_status="full") for n in range(1, people)]
        attendance.append(AttendanceEntry("周立平", is_guest=True, note="镇驻村干部"))
        form = dataclasses.replace(detail.form, attendance=attendance, started_at="14:00", ended_at="15:30")
        paper = paper_for(dataclasses.replace(detail, form=form), "signin")
        table = next(b for b in paper.blocks if isinstance(b, Table))
        assert len(table.rows) == people + blank
        pdf = tmp_path / f"签到表{people}.pdf"
        assert render(paper, pdf, library=bundled_fonts()).pages == 1, people
        text = re.sub(r"\s+", "", text_of(pdf))
        assert "缺席的请在备注栏写明原因。" in text and "14:00—15:30" in text and "周立平" in text


def test_cli_new_copy_last_templates_signin_and_report_reminder(capsys, last_committee, tmp_path):
    archive, _ids, source = last_committee
    data_dir, url = archive.layout.root, archive.url
    archive.close()

    def run(*args):
        return cli_run(capsys, data_dir, *args, db_url=url)

    code, out, err = run("meetings", "templates", "--kind", "支委会")
    assert code == 0 and "月度支委会（自带）" in out and "1. 学习传达上级有关会议和文件精神" in out
    code, out, err = run("meetings", "template-save", "村务研究", "--kind", "支委会", "--agenda", "听取村务汇报")
    assert code == 0 and "已保存议题模板「村务研究」（1 项议题）" in out
    code, out, err = run("meetings", "template-save", "", "--kind", "支委会")
    assert code == 1 and "请给模板起个名字" in err

    day = TODAY + dt.timedelta(days=40)
    code, out, err = run("meetings", "new", "--kind", "支委会", "--date", f"{day.year}年{day.month}月{day.day}日",
                         "--copy-last", "--template", "村务研究")
    assert code == 0, err
    assert "地点 村委会二楼会议室，主持人 王堃，记录人 李喆，应到 3 人（王堃、李喆、赵赟）" in out
    assert "议题 1：听取村务汇报" in out
    code, out, err = run("meetings", "new", "--kind", "主题党日", "--date", TODAY.isoformat(), "--copy-last")
    assert code == 1 and "还没有记录过主题党日" in err

    sheet = tmp_path / "sheet.pdf"
    code, out, err = run("export", "meeting", str(source), "--paper", "signin", "--out", str(sheet))
    assert code == 0, err
    assert "王堃" in text_of(sheet) and "本人签名" in re.sub(r"\s+", "", text_of(sheet))

    assert run("meetings", "finalise", str(source))[0] == 0
    code, out, err = run("meetings", "report", str(source), "--note", "报镇党委")
    assert code == 0 and "没有附上签到表扫描件" in out
