"""Power-cut drafts (issue 13): typing in an editor is kept as a draft in the archive's
own folder at most a minute old; a BranchDesk killed mid-typing offers it at the next
start — 恢复 brings the typing back (unsaved), 丢弃 removes it, and a record changed or
sealed since is never overwritten."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from branchdesk import clock
from branchdesk.archive import Archive
from branchdesk.drafts import store_for
from tests.domain.safety_support import REPO, subprocess_env
from tests.helpers import answer_modal, forget_unsaved_edits
from tests.ui.test_unsaved_edits import SUBJECTS, Button, answer_unsaved
from ui.main_window import MainWindow

PLACE = "村委会三楼会议室（断电前输入）"

# Types into a meeting's editor, lets the draft timer fire, says so, then waits to be killed.
TYPIST = r"""
import sys, time
import ui.toolkit.drafting as drafting
drafting.DRAFT_EVERY_MS = 100
from ui.app import make_application
from branchdesk.archive import Archive
from ui.main_window import MainWindow
app = make_application()
data_dir, meeting_id, place = sys.argv[1], int(sys.argv[2]), sys.argv[3]
archive = Archive.open(data_dir, auto_backup=False)
window = MainWindow(archive)
window.show()
editor = window.show_page("meetings").open_meeting(meeting_id)
editor.basic.place.setText(place)
editor.basic.place.textEdited.emit(place)
draft = archive.layout.drafts / f"meeting-{meeting_id}.json"
while not draft.exists():
    app.processEvents()
    time.sleep(0.02)
print("kept", flush=True)
while True:
    app.processEvents()
    time.sleep(0.05)
"""


def planned_meeting(archive) -> int:
    return archive.meetings.query_ids(year=clock.today().year, state="planned")[0]


def type_place(editor, text: str) -> None:
    editor.basic.place.setText(text)
    editor.basic.place.textEdited.emit(text)


@pytest.fixture
def open_window(qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    made = []

    def make(archive) -> MainWindow:
        window = MainWindow(archive)
        window.show()
        made.append(window)
        return window

    yield make
    for window in made:
        shut(window)


def shut(window) -> None:
    if window.archive.db.is_closed():
        return
    forget_unsaved_edits()
    window.close()
    window.deleteLater()


def kill_while_typing(data_dir, meeting_id: int) -> None:
    """A BranchDesk process types into the meeting, keeps its draft and is killed (SIGKILL)."""
    env = subprocess_env() | {"QT_QPA_PLATFORM": "offscreen"}
    typist = subprocess.Popen([sys.executable, "-c", TYPIST, str(data_dir), str(meeting_id), PLACE],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)
    try:
        line = typist.stdout.readline()
        assert line.strip() == "kept", typist.stderr.read() if typist.poll() is not None else line
    finally:
        typist.send_signal(signal.SIGKILL)
        typist.wait(10)


def test_a_killed_window_offers_its_typing_at_the_next_start(demo_dir, open_window):
    with Archive.open(demo_dir, auto_backup=False) as archive:
        meeting_id = planned_meeting(archive)
        stored_place = archive.meetings.form(meeting_id).place
        title = archive.meetings.detail(meeting_id).form.title
    kill_while_typing(demo_dir, meeting_id)

    archive = Archive.open(demo_dir, auto_backup=False)  # takes over the killed process's lock
    try:
        assert archive.meetings.form(meeting_id).place == stored_place  # nothing was saved
        window = open_window(archive)
        seen = []
        answer_in_turn(press("恢复", seen))
        window.offer_drafts()
        assert len(seen) == 1 and seen[0].startswith(f"上次有未保存的内容（会议记录「{title}」，2026-12-06")
        assert seen[0].endswith("），是否恢复？")
        editor = window.pages["meetings"].editor
        assert window.current_page_key() == "meetings" and editor.isVisibleTo(window)
        assert editor.meeting_id == meeting_id and editor.basic.place.text() == PLACE
        assert editor.has_unsaved_changes() and "尚未保存" in window.statusBar().currentMessage()
        assert archive.meetings.form(meeting_id).place == stored_place
        # saved now: the draft is gone
        assert editor.save()
        window.keep_drafts()
        assert store_for(archive).all() == [] and window.statusBar().currentMessage() == ""
        shut(window)
    finally:
        archive.close(auto_backup=False)


def keep_a_draft(window, archive, text: str = PLACE):
    meeting_id = planned_meeting(archive)
    editor = window.show_page("meetings").open_meeting(meeting_id)
    type_place(editor, text)
    window.keep_drafts()
    return meeting_id, editor


def test_drafts_stay_in_the_archive_folder_owner_only_and_go_on_save_or_discard(demo_archive, open_window):
    window = open_window(demo_archive)
    meeting_id, editor = keep_a_draft(window, demo_archive)
    [draft] = store_for(demo_archive).all()
    path = demo_archive.layout.drafts / f"{draft.key}.json"
    assert path.parent.parent == demo_archive.layout.root and path.is_file()
    if os.name != "nt":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert PLACE in draft.texts()
    editor.discard_changes()
    window.keep_drafts()
    assert not path.exists()
    type_place(editor, "又改了地点")
    window.keep_drafts()
    assert path.exists()
    assert editor.save()
    window.keep_drafts()
    assert not path.exists()


def test_discard_removes_the_drafts_and_later_keeps_them(demo_archive, open_window):
    window = open_window(demo_archive)
    keep_a_draft(window, demo_archive)
    window.pages["meetings"].discard_changes()
    window.drafts.timer.stop()  # a power cut: the draft stays although the window forgot the edit
    window.drafts._written.clear()
    second = open_window(demo_archive)
    seen = []
    answer_in_turn(press("以后再说", seen))
    second.offer_drafts()
    assert seen and len(store_for(demo_archive).all()) == 1
    answer_in_turn(press("丢弃", seen))
    second.offer_drafts()
    assert len(seen) == 2 and store_for(demo_archive).all() == []
    second.offer_drafts()  # nothing left: no question
    assert len(seen) == 2


def answer_in_turn(*callbacks) -> None:
    """``callbacks[n]`` answers the n-th modal dialog shown from now on."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    handled = []

    def attempt():
        dialog = QApplication.activeModalWidget()
        if dialog is not None and (not handled or dialog is not handled[-1]):
            handled.append(dialog)
            callbacks[len(handled) - 1](dialog)
        if len(handled) < len(callbacks):
            QTimer.singleShot(10, attempt)

    QTimer.singleShot(0, attempt)


def press(text: str, seen: list[str]):
    def answer(dialog):
        seen.append(dialog.text())
        [button] = [b for b in dialog.buttons() if b.text() == text]
        button.click()

    return answer


def read_into(shown: list[str]):
    """Answers the draft-text dialog: notes what it shows, then closes it."""
    def read_text(dialog):
        shown.append(dialog.text.toPlainText())
        dialog.reject()

    return read_text


def test_a_record_changed_since_is_not_overwritten(demo_archive, open_window):
    window = open_window(demo_archive)
    meeting_id, editor = keep_a_draft(window, demo_archive)
    editor.discard_changes()
    window.drafts._written.clear()  # the window went without removing it (a power cut)
    form = demo_archive.meetings.form(meeting_id)
    form.place = "后来改成的地点"
    demo_archive.meetings.save(meeting_id, form)

    second = open_window(demo_archive)
    seen, shown = [], []

    read_text = read_into(shown)
    answer_in_turn(press("恢复", seen), press("查看草稿内容", seen), read_text, press("保留草稿，以后再说", seen))
    second.offer_drafts()
    assert len(seen) == 3 and "在草稿之后已被修改" in seen[1] and seen[1] == seen[2]
    assert shown and PLACE in shown[0]
    assert demo_archive.meetings.form(meeting_id).place == "后来改成的地点"
    shown_editor = second.pages["meetings"].editor
    assert shown_editor.basic.place.text() == "后来改成的地点" and not shown_editor.has_unsaved_changes()
    assert len(store_for(demo_archive).all()) == 1  # kept, as asked


def test_a_draft_of_a_sealed_record_is_never_applied(demo_archive, open_window):
    from branchdesk.drafts import Draft

    reported = demo_archive.meetings.query_ids(state="reported")[0]
    place = demo_archive.meetings.form(reported).place
    store_for(demo_archive).keep(Draft(f"meeting-{reported}", "会议记录「旧会议」", "basis", {"fields": {}}))
    window = open_window(demo_archive)
    seen = []
    answer_in_turn(press("恢复", seen), press("丢弃草稿", seen))
    window.offer_drafts()
    assert len(seen) == 2 and "上报封存" in seen[1]
    assert demo_archive.meetings.form(reported).place == place
    assert store_for(demo_archive).all() == []


def test_a_life_meeting_draft_comes_back_in_its_tab(demo_archive, open_window):
    window = open_window(demo_archive)
    page = window.show_page("life")
    tab = page.show_tab("meeting")
    if tab.meeting_id is None:
        tab.open_meeting()
    report = "一年来支部工作报告（断电前写到一半）"
    tab.report.setPlainText(report)
    window.keep_drafts()
    [draft] = store_for(demo_archive).all()
    assert draft.key == f"life-meeting-{page.year}" and report in draft.texts()
    forget_unsaved_edits()
    window.drafts._written.clear()  # the window went without removing it (a power cut)

    second = open_window(demo_archive)
    seen = []
    answer_in_turn(press("恢复", seen))
    second.offer_drafts()
    assert seen and f"{page.year} 年度组织生活会会议记录" in seen[0]
    restored = second.pages["life"]
    assert second.current_page_key() == "life" and restored.tabs.currentWidget() is restored.meeting
    assert restored.meeting.report.toPlainText() == report and restored.has_unsaved_changes()


def window_with_idle_lock(archive):
    """A window of an archive with an app password, unlocked, and its idle lock."""
    from ui.access import InactivityLock

    archive.access.set_password("支部密码2026")
    session = archive.access.session()
    assert session.unlock("支部密码2026").ok
    window = MainWindow(archive, session=session)
    window.show()
    return window, session, InactivityLock(window, session)


def test_the_idle_lock_keeps_typing_and_a_draft(demo_archive, open_window):
    window, session, idle = window_with_idle_lock(demo_archive)
    meeting_id = planned_meeting(demo_archive)
    editor = window.show_page("meetings").open_meeting(meeting_id)
    type_place(editor, PLACE)

    def unlock(dialog):
        assert store_for(demo_archive).get(f"meeting-{meeting_id}") is not None  # kept before the lock
        dialog.password.setText("支部密码2026")
        dialog.try_unlock()

    session.lock()
    answer_modal(unlock)
    idle.check()
    assert window.isVisible() and editor.basic.place.text() == PLACE and editor.has_unsaved_changes()

    session.lock()
    answer_modal(lambda dialog: dialog.reject())  # nobody unlocks: the window closes, asking nothing
    idle.check()
    assert not window.isVisible()
    assert PLACE in store_for(demo_archive).get(f"meeting-{meeting_id}").texts()
    assert demo_archive.meetings.form(meeting_id).place != PLACE
    idle.timer.stop()
    window.deleteLater()


class SessionEnding:
    """What QGuiApplication.commitDataRequest hands over, as the session manager would."""

    def __init__(self, may_ask: bool):
        self.may_ask, self.cancelled, self.released = may_ask, False, False

    def allowsInteraction(self) -> bool:
        return self.may_ask

    def release(self) -> None:
        self.released = True

    def cancel(self) -> None:
        self.cancelled = True


@pytest.mark.parametrize("answer", ["取消", "不保存", None])
def test_logging_off_asks_or_keeps_a_draft(demo_archive, open_window, answer):
    window = open_window(demo_archive)
    meeting_id, editor = keep_a_draft(window, demo_archive)
    ending = SessionEnding(may_ask=answer is not None)
    seen = []
    if answer is not None:
        answer_in_turn(press(answer, seen))
    window.commit_session_data(ending)
    draft = store_for(demo_archive).get(f"meeting-{meeting_id}")
    if answer is None:  # no room to ask: the typing waits as a draft
        assert not seen and draft is not None and editor.has_unsaved_changes()
    elif answer == "取消":
        assert seen and ending.cancelled and ending.released and editor.has_unsaved_changes() and draft is not None
    else:
        assert seen and not ending.cancelled and draft is None and not editor.has_unsaved_changes()


@pytest.mark.parametrize("name", sorted(SUBJECTS))
def test_every_editor_keeps_a_draft_that_comes_back(demo_archive, open_window, name):
    window = open_window(demo_archive)
    subject = SUBJECTS[name](window, demo_archive)
    before = subject.stored()
    subject.edit(subject.new)
    window.keep_drafts()
    [draft] = store_for(demo_archive).all()
    # a grid's row is one text of the draft
    assert subject.named in draft.title and any(subject.new in text for text in draft.texts())
    forget_unsaved_edits()  # the window is gone without a word (a power cut): the draft stays
    window.drafts._written.clear()
    assert subject.stored() == before

    second = open_window(demo_archive)
    seen = []
    answer_in_turn(press("恢复", seen))
    second.offer_drafts()
    assert seen and subject.named in seen[0]
    assert second.current_page_key() == subject.key and second.pages[subject.key].has_unsaved_changes()
    answer_unsaved(Button.Save, seen)
    assert second.close()
    assert subject.stored() == subject.new and store_for(demo_archive).all() == []


def test_nobody_unlocking_never_gets_a_dialogs_save_question(demo_archive, open_window):
    window, session, idle = window_with_idle_lock(demo_archive)
    member_id = demo_archive.members.all_active()[0].id
    phone = demo_archive.members.get(member_id).phone
    seen = []

    def type_then_walk_away(dialog):
        dialog.phone.setText("13900001111")
        seen.append(dialog)
        session.lock()
        answer_modal(lambda unlock: (seen.append(unlock.windowTitle()), unlock.reject()))
        idle.check()

    answer_modal(type_then_walk_away)
    assert window.show_page("members").edit_member(member_id) is None
    assert seen[1] == "BranchDesk 已锁定" and len(seen) == 2  # no 保存 / 不保存 / 取消 in between
    assert not window.isVisible() and demo_archive.members.get(member_id).phone == phone
    idle.timer.stop()
    window.deleteLater()

