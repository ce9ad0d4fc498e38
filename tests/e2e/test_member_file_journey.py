"""党员档案 through the real main window on the demo branch: on the 党员 page the member with
the most 走访 among the volunteers is selected and 「党员档案…」 opens their year; the
attendance, 党费 months, 走访 and 志愿服务 hours it shows equal plain SQL on the tables, and
its 预览 / 打印 shows the paper (docs/domain.md §19)."""

from branchdesk import clock
from tests.domain.member_file_support import busiest_member, sql_figures
from tests.helpers import answer_modal
from ui.main_window import MainWindow


def test_a_members_file_shows_the_figures_the_tables_hold_and_previews(qtbot, demo_archive):
    archive = demo_archive
    year = clock.today().year
    member_id = busiest_member(archive, year)
    expected = sql_figures(archive, member_id, year)
    window = MainWindow(archive)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    page = window.show_page("members")
    page.select_member(member_id)
    seen = {}

    def look(dialog):
        figures = {key: label.text() for key, label in dialog.figures.items()}
        seen.update(figures)
        assert dialog.meetings.rowCount() == expected["meetings_due"]
        assert dialog.preview()
        previews = dialog.previews
        qtbot.waitUntil(lambda: bool(previews.shown) or previews.last_error is not None, timeout=60000)
        assert previews.last_error is None, previews.last_error
        preview = previews.shown[-1]
        seen["pages"] = preview.document.pageCount()
        seen["title"] = preview.windowTitle()
        preview.close()
        dialog.reject()

    answer_modal(look)
    page.file_button.click()
    assert seen["meetings"].startswith(f"应参加 {expected['meetings_due']} 次，出席 {expected['meetings_present']} 次")
    assert seen["dues"].startswith(f"交纳 {expected['dues_months_paid']} 个月")
    assert f"本年走访 {expected['visits']} 次" in seen["masses"]
    assert f"共 {expected['service_hours']:g} 小时" in seen["service"]
    assert seen["pages"] >= 2 and "党员档案" in seen["title"]
