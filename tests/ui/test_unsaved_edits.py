"""Never lose an edit (issue 13): closing the window or leaving a page with unsaved edits
asks 保存 / 不保存 / 取消 — for a meeting's 地点, the branch's 组织代码 in 设置 and a
目标管理 inspection's 检查人."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QMessageBox

from branchdesk import clock
from tests.helpers import answer_modal
from ui.main_window import MainWindow

Button = QMessageBox.StandardButton


@dataclasses.dataclass
class Subject:
    """One page with an edit: where it is, how to change it, what it shows and stores."""
    key: str
    named: str  # in the question
    edit: Callable[[str], None]
    shown: Callable[[], str]
    stored: Callable[[], str]
    break_it: Callable[[], None]  # an edit that saving refuses
    error_shown: Callable[[], bool]


def meeting_subject(window, archive) -> Subject:
    meeting_id = archive.meetings.query_ids(year=clock.today().year, state="planned")[0]
    page = window.show_page("meetings")
    editor = page.open_meeting(meeting_id)
    place = editor.basic.place

    def edit(text):  # what typing sends
        place.setText(text)
        place.textEdited.emit(text)

    def break_it():
        editor.basic.planned_on.setText("三月")
        editor.basic.planned_on.textEdited.emit("三月")

    title = archive.meetings.detail(meeting_id).form.title
    return Subject("meetings", f"会议记录「{title}」", edit, place.text,
                   lambda: archive.meetings.form(meeting_id).place, break_it,
                   lambda: editor.banner.isVisibleTo(editor) and "没有保存" in editor.banner.text())


def settings_subject(window, archive) -> Subject:
    page = window.show_page("settings")
    return Subject("settings", "支部信息", page.code.setText, page.code.text,
                   lambda: archive.branch.own().code, lambda: page.name.setText(""),
                   lambda: "支部名称" in page.form.error_text("name"))


def inspection_subject(window, archive) -> Subject:
    inspection_id = archive.targets.inspections.query_ids(state="draft")[0]
    page = window.show_page("targets")
    page.show_tab("inspections")
    editor = page.inspections.open(inspection_id)

    def edit(text):
        editor.inspectors.setText(text)
        editor.inspectors.textEdited.emit(text)

    def break_it():
        editor.inspected_on.setText("三月")

    title = archive.targets.inspections.summary(inspection_id).title
    return Subject("targets", f"目标管理检查「{title}」", edit, editor.inspectors.text,
                   lambda: archive.targets.inspections.detail(inspection_id).header.inspectors, break_it,
                   lambda: editor.message.isVisibleTo(editor) and bool(editor.message.text()))


SUBJECTS = {"meeting": meeting_subject, "settings": settings_subject, "inspection": inspection_subject}
NEW_VALUE = {"meetings": "村委会三楼会议室", "settings": "13010200101", "targets": "张三、李四、王五"}


@pytest.fixture
def window(qtbot, demo_archive, monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    main = MainWindow(demo_archive)
    main.show()
    yield main
    # Not left to qtbot: its teardown closes widgets before this runs, and a window
    # still holding edits would ask (and wait for an answer) then.
    for page in main.pages.values():
        discard = getattr(page, "discard_changes", None)
        if discard is not None:
            discard()
    main.close()
    main.deleteLater()


@pytest.fixture(params=sorted(SUBJECTS))
def subject(request, window, demo_archive) -> Subject:
    return SUBJECTS[request.param](window, demo_archive)


def answer_unsaved(button, questions: list[str]) -> None:
    """Answer the next 保存 / 不保存 / 取消 question with ``button``; note its text."""

    def answer(dialog):
        assert isinstance(dialog, QMessageBox), dialog
        texts = {b: dialog.button(b).text() for b in (Button.Save, Button.Discard, Button.Cancel)}
        assert texts == {Button.Save: "保存", Button.Discard: "不保存", Button.Cancel: "取消"}
        questions.append(dialog.text())
        dialog.button(button).click()

    answer_modal(answer)


def test_closing_and_cancelling_keeps_the_window_and_the_edit(subject, window):
    before = subject.stored()
    new = NEW_VALUE[subject.key]
    subject.edit(new)
    questions = []
    answer_unsaved(Button.Cancel, questions)
    assert not window.close()
    assert len(questions) == 1 and f"{subject.named}有未保存的修改" in questions[0]
    assert window.isVisible()
    assert window.current_page_key() == subject.key
    assert subject.shown() == new
    assert subject.stored() == before


def test_closing_without_saving_discards(subject, window):
    before = subject.stored()
    subject.edit(NEW_VALUE[subject.key])
    questions = []
    answer_unsaved(Button.Discard, questions)
    assert window.close()
    assert questions and not window.isVisible()
    assert subject.stored() == before


def test_closing_and_saving_stores_the_edit(subject, window):
    new = NEW_VALUE[subject.key]
    subject.edit(new)
    questions = []
    answer_unsaved(Button.Save, questions)
    assert window.close()
    assert questions and not window.isVisible()
    assert subject.stored() == new


def test_a_refused_save_keeps_the_window_open_and_shows_why(subject, window):
    before = subject.stored()
    window.nav.setCurrentRow(window.page_keys.index(subject.key))
    subject.edit(NEW_VALUE[subject.key])
    subject.break_it()
    questions = []
    answer_unsaved(Button.Save, questions)
    assert not window.close()
    assert questions and window.isVisible()
    assert window.current_page_key() == subject.key
    assert subject.error_shown()
    assert subject.shown() == NEW_VALUE[subject.key]
    assert subject.stored() == before


def test_closing_without_edits_asks_nothing(subject, window):
    assert window.close()


@pytest.mark.parametrize("button", [Button.Cancel, Button.Discard, Button.Save])
def test_leaving_the_page_asks_the_same(subject, window, button):
    before = subject.stored()
    new = NEW_VALUE[subject.key]
    subject.edit(new)
    questions = []
    answer_unsaved(button, questions)
    window.nav.setCurrentRow(window.page_keys.index("home"))
    assert len(questions) == 1 and f"{subject.named}有未保存的修改" in questions[0]
    if button == Button.Cancel:
        assert window.current_page_key() == subject.key
        assert window.nav.currentRow() == window.page_keys.index(subject.key)
        assert subject.shown() == new and subject.stored() == before
    else:
        assert window.current_page_key() == "home"
        assert subject.stored() == (new if button == Button.Save else before)
        window.nav.setCurrentRow(window.page_keys.index(subject.key))  # back: the archive's value, no question
        assert subject.shown() == subject.stored()
        assert len(questions) == 1
