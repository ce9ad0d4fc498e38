"""The papers of a meeting, read as the receiver reads them."""

import datetime as dt
import re

import pytest

from branchdesk.errors import Conflict
from branchdesk.meetings import AttendanceEntry, ResolutionForm, Speech
from branchdesk.meetings.papers import paper_for
from branchdesk.papers import render
from tests.domain.meetings_support import TODAY, held_form
from tests.domain.papers_support import bundled_fonts, fonts_of, info_of, pages_of, text_of

CANNOT_START = "，。；：！？」）"


@pytest.fixture
def general(branch):
    archive, _, _ = branch
    form = held_form(archive, kind="general", absent={"刘芳": "leave", "孙丽": "other"})
    form.attendance[[e.name for e in form.attendance].index("孙丽")].note = "在杭州务工，已请假"
    form.attendance.append(AttendanceEntry("周立平", is_guest=True, note="镇驻村干部"))
    form.speeches = [Speech("王堃", "同意。发展党员要坚持标准，严格程序，成熟一个发展一个，"
                                  "确保新党员质量；支部要做好培养考察，" * 6, 1)]
    form.resolutions = [ResolutionForm("同意接收赵赟同志为中共预备党员", True, 4, 0, 0)]
    meeting_id = archive.meetings.plan(form)
    return archive, archive.meetings.detail(meeting_id)


def lines_of(pdf):
    return [line.strip() for line in text_of(pdf, layout=True).splitlines() if line.strip()]


def test_record_prints_every_fact_with_fonts_embedded(general, tmp_path):
    _, detail = general
    pdf = tmp_path / "record.pdf"
    result = render(paper_for(detail, "record"), pdf, library=bundled_fonts())
    assert pages_of(pdf) == result.pages
    assert all(font["emb"] == "yes" for font in fonts_of(pdf))
    text = re.sub(r"\s+", "", text_of(pdf))
    for expected in ("支部党员大会会议记录", "中共测试村党支部", "应到7人，实到5人", "刘芳（事假）",
                     "孙丽（其他：在杭州务工，已请假）", "周立平（镇驻村干部）", "赵赟", "王堃：同意。",
                     "应到会有表决权的党员6名（不含没有表决权的预备党员等1名），实到4名", "至少4名", "通过",
                     "主持人", "记录人", "—1—"):
        assert expected in text, expected
    assert not [line for line in lines_of(pdf) if line[0] in CANNOT_START]
    assert info_of(pdf)["Title"].startswith("支部党员大会会议记录")


def test_resolution_in_gongwen_layout(general, tmp_path):
    archive, detail = general
    pdf = tmp_path / "resolution.pdf"
    render(paper_for(detail, "resolution"), pdf, library=bundled_fonts())
    text = re.sub(r"\s+", "", text_of(pdf))
    assert "中共测试村党支部党员大会决议" in text
    assert "一、同意接收赵赟同志为中共预备党员（赞成4票，反对0票，弃权0票，通过）。" in text
    assert f"{detail.form.held_on.year}年{detail.form.held_on.month}月{detail.form.held_on.day}日" in text
    page = info_of(pdf)["Page size"]
    assert "595" in page and "841" in page
    committee = archive.meetings.plan(held_form(archive))
    with pytest.raises(Conflict, match="只有支部党员大会"):
        paper_for(archive.meetings.detail(committee), "resolution")


def test_notice_tells_time_place_attendees_and_preparation(branch, tmp_path):
    archive, _, _ = branch
    from branchdesk.meetings import MeetingForm

    day = TODAY + dt.timedelta(days=5)
    meeting_id = archive.meetings.plan(MeetingForm(
        kind="general", planned_on=day, planned_time="19:00", place="村文化礼堂", theme="学习党章",
        preparation="请带好党章和笔记本。"))
    archive.meetings.notify(meeting_id)
    pdf = tmp_path / "notice.pdf"
    render(paper_for(archive.meetings.detail(meeting_id), "notice"), pdf, library=bundled_fonts())
    text = re.sub(r"\s+", "", text_of(pdf))
    for expected in ("关于召开支部党员大会的通知", f"{day.month}月{day.day}日", "19:00", "村文化礼堂", "学习党章",
                     "全体党员（预备党员参加，不参加表决）", "请带好党章和笔记本。", "中共测试村党支部"):
        assert expected in text, expected
