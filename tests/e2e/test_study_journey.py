"""学习 and 汇报 through the real main window on the demo branch: a topic planned on the
会议 page's 学习 tab, linked to a demo 主题党日 with absentees held more than a month ago,
the 补学 owed on 首页, opened from there and recorded — off 首页; then a member's 汇报
recorded on the 汇报 tab, and they are no longer behind."""

import datetime as dt

from branchdesk import clock
from tests.helpers import answer_modal, saved
from ui.main_window import MainWindow


def _study_todo(window):
    home = window.show_page("home")
    home.refresh()
    return [item for item in home.todo.items if item.kind == "study"]


def test_plan_a_topic_see_who_owes_makeup_and_record_it(qtbot, demo_archive):
    archive = demo_archive
    window = MainWindow(archive)
    qtbot.addWidget(window)
    window.show()
    today = clock.today()
    meetings = archive.meetings
    held = [s for s in meetings.summaries(meetings.query_ids(year=today.year))
            if s.kind in ("theme_day", "lecture") and s.held_on and s.absent
            and (today - s.held_on).days > archive.study.makeup_days()]
    meeting = held[-1]
    assert _study_todo(window) == []

    page = window.show_page("meetings")
    tab = page.study
    page.tabs.setCurrentWidget(tab)

    def plan(dialog):
        dialog.title.setText("学习贯彻党的二十届四中全会精神")
        dialog.readings.setPlainText("全会公报\n《中国共产党章程》")
        dialog.planned_on.set_date(meeting.held_on - dt.timedelta(days=5))

    planned = tab.model.rowCount()  # the demo's own plan (demo/study.py)
    answer_modal(saved(plan))
    tab.buttons["add"].click()
    assert tab.model.rowCount() == planned + 1
    topic = next(tab.model.item(r) for r in range(tab.model.rowCount())
                 if tab.model.item(r).title == "学习贯彻党的二十届四中全会精神")
    tab.select(topic.id)
    answer_modal(saved(lambda dialog: dialog.meeting.setCurrentIndex(dialog.meeting.findData(meeting.id))))
    tab.buttons["link"].click()
    topic = archive.study.get(topic.id)
    assert len(topic.owed) == meeting.absent
    assert f"尚欠 {meeting.absent} 人次" in tab.count.text()

    # on 首页, acting on it opens the topic on the 学习 tab
    [item] = _study_todo(window)
    names = [archive.members.get(i).name for i in topic.owed]
    assert all(name in item.sentence for name in names)
    opened = window.pages["home"].act(item)
    assert window.current_page_key() == "meetings" and opened is tab and page.tabs.currentWidget() is tab
    from ui.toolkit.tables import selected_id

    assert selected_id(tab.table) == topic.id

    # each absentee makes it up: off 首页
    made_up_before = archive.study.year_counts(topic.year)["makeups_done"]  # the demo plan's own
    for member_id in list(topic.owed):
        def makeup(dialog, member_id=member_id):
            dialog.member.setCurrentIndex(dialog.member.findData(member_id))
            dialog.way.setCurrentIndex(dialog.way.findData("class"))
        answer_modal(saved(makeup))
        tab.buttons["makeup"].click()
    assert archive.study.get(topic.id).owed == {}
    assert _study_todo(window) == []
    assert f"补学已登记 {made_up_before + meeting.absent} 人次" in tab.count.text()

    # a member's 汇报 on the 汇报 tab
    page = window.show_page("meetings")
    reports = page.open_reports()
    behind = archive.reports.behind(today)
    who = behind[-1]

    def report(dialog):
        dialog.member.setCurrentIndex(dialog.member.findData(who.member_id))
        dialog.received_on.set_date(who.period.end)
        dialog.note.setText("按时汇报思想、工作、学习情况")

    listed = reports.model.rowCount()  # the demo's own 汇报 of the year
    answer_modal(saved(report))
    reports.buttons["add"].click()
    assert reports.model.rowCount() == listed + 1
    assert any(reports.model.item(r).member_name == who.member_name and reports.model.item(r).received_on == who.period.end
               for r in range(reports.model.rowCount()))
    assert not [b for b in archive.reports.behind(today) if b.member_id == who.member_id and b.period == who.period]
