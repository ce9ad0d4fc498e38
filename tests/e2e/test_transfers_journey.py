"""组织关系转接 through the real main window on the demo branch: a member transferred out
with a letter dated four months ago, its 介绍信 previewed (two pages: 存根 and 介绍信, then
the 回执), the missing 回执 on 首页, opened from there and recorded — then off 首页, and the
member's status history shows the 转出 from the letter's day."""

import datetime as dt

from branchdesk import clock
from tests.helpers import answer_modal, saved
from ui.main_window import MainWindow


def _member_to_move(archive, day):
    """A 正式党员 whose last status change is before ``day`` (so a letter of that day is allowed)."""
    for member in archive.members.all_active():
        if member.status == "full" and archive.members.status_history(member.id)[-1].changed_on < day:
            return member
    raise AssertionError("no member to transfer")


def _todo_for(window, member_name):
    home = window.show_page("home")
    home.refresh()
    return [item for item in home.todo.items if item.kind == "transfer" and member_name in item.sentence]


def test_a_transfer_out_its_letter_and_its_receipt(qtbot, demo_archive):
    archive = demo_archive
    window = MainWindow(archive)
    qtbot.addWidget(window)
    window.show()
    letter_day = clock.today() - dt.timedelta(days=125)
    member = _member_to_move(archive, letter_day)

    page = window.show_page("transfers")
    tab = page.transfers
    before = tab.model.rowCount()

    def fill(dialog):
        dialog.member.setCurrentIndex(dialog.member.findData(member.id))
        dialog.moved_on.set_date(letter_day)
        dialog.to_org.setText("中共县供销合作社机关党支部")
        dialog.scope.setCurrentIndex(dialog.scope.findData("province"))

    answer_modal(saved(fill))
    tab.buttons["out"].click()
    assert tab.model.rowCount() == before + 1 and "已登记转出" in page.status.text()
    record = next(r for r in tab.model.items() if r.member_id == member.id)
    assert record.letter_no == f"〔{letter_day.year}〕第{archive.transfers.next_letter(letter_day.year)[1] - 1}号"
    assert archive.members.get(member.id).status == "transferred"

    # the 介绍信, previewed as it will print
    tab.select(record.id)
    assert tab.preview_letter()
    previews = page.previews
    qtbot.waitUntil(lambda: bool(previews.shown) or previews.last_error is not None, timeout=60000)
    assert previews.last_error is None, previews.last_error
    preview = previews.shown[-1]
    qtbot.addWidget(preview)
    assert preview.document.pageCount() == 2 and "介绍信" in preview.windowTitle()
    preview.close()

    # four months on, no 回执: on 首页, and acting on it opens the transfer
    [item] = _todo_for(window, member.name)
    assert record.letter_no in item.sentence and "未收到回执" in item.sentence
    opened = window.pages["home"].act(item)
    assert window.current_page_key() == "transfers" and opened is tab
    from ui.toolkit.tables import selected_id

    assert selected_id(tab.table) == record.id

    # the 回执 comes back
    answer_modal(saved(lambda dialog: dialog.day.set_date(clock.today())))
    tab.buttons["receipt"].click()
    assert archive.transfers.get(record.id).receipt_on == clock.today()
    assert "回执已回" in tab.model.data(tab.model.index(tab.model.row_of(record.id), 7))
    assert _todo_for(window, member.name) == []

    # the member's status history: 已转出 from the letter's day
    members = window.show_page("members")
    members.status_filter.setCurrentIndex(members.status_filter.findData("all"))
    members.select_member(member.id)
    members.member_tabs.setCurrentWidget(members.history_view)
    view = members.history_view
    last = [view.table.item(view.table.rowCount() - 1, c).text() for c in range(4)]
    assert last[:3] == [letter_day.isoformat(), "正式党员", "已转出"] and record.letter_no in last[3]

    # the 党费 page says who is away and how they pay (the arithmetic unchanged)
    dues = window.show_page("dues")
    [away] = archive.away.records(archive.away.ids(open_only=True))
    assert away.member_name in dues.away_note.text() and "向原支部转账交纳" in dues.away_note.text()
