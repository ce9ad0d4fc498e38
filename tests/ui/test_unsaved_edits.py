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
from ui.toolkit.unsaved import choose_year

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
    new: str  # what the test types


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
                   lambda: editor.banner.isVisibleTo(editor) and "没有保存" in editor.banner.text(), "村委会三楼会议室")


def settings_subject(window, archive) -> Subject:
    page = window.show_page("settings")
    return Subject("settings", "支部信息", page.code.setText, page.code.text,
                   lambda: archive.branch.own().code, lambda: page.name.setText(""),
                   lambda: "支部名称" in page.form.error_text("name"), "13010200101")


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
                   lambda: editor.message.isVisibleTo(editor) and bool(editor.message.text()), "张三、李四、王五")


def life_subject(window, tab_key: str, what: str, field: str, date: tuple[str, str, str], stored, new: str,
                 prepare=lambda tab: None) -> Subject:
    """A field of a 组织生活会 tab; ``date`` is (attribute, error key, label) of a date field."""
    page = window.show_page("life")
    tab = page.show_tab(tab_key)
    record = prepare(tab)
    text, (date_attr, date_key, date_label) = getattr(tab, field), date
    return Subject("life", f"{page.year} 年度{what}", text.setText, text.text, lambda: stored(record),
                   lambda: getattr(tab, date_attr).setText("三月"),
                   lambda: date_label in tab.form.error_text(date_key), new)


def life_plan_subject(window, archive) -> Subject:
    cycle_id = archive.life.cycle_id(clock.today().year)
    return life_subject(window, "plan", "组织生活会方案", "theme", ("planned", "planned_on", "计划召开日期"),
                        lambda _: archive.life.detail(cycle_id).plan.theme, "以学铸魂、以学促干")


def made(record: str, make: str):
    """``prepare`` for a tab whose record may not exist yet: make it, give its id."""

    def prepare(tab):
        if getattr(tab, record) is None:
            getattr(tab, make)()
        return getattr(tab, record)

    return prepare


def life_meeting_subject(window, archive) -> Subject:
    return life_subject(window, "meeting", "组织生活会会议记录", "place", ("held_on", "held_on", "实际召开日期"),
                        lambda meeting_id: archive.meetings.form(meeting_id).place, "党员活动室",
                        made("meeting_id", "open_meeting"))


def appraisal_subject(window, archive) -> Subject:
    return life_subject(window, "appraisal", "民主评议党员", "note", ("held_on", "held_on", "民主测评日期"),
                        lambda appraisal_id: archive.appraisal.detail(appraisal_id).form.note, "全体党员参加测评",
                        made("appraisal_id", "start"))


def dues_subject(window, archive) -> Subject:
    """Next year's monthly base of the first member, typed in the 党费基数 table."""
    import datetime as dt

    from branchdesk.dues import yuan

    page = window.show_page("dues")
    tab = page.bases
    page.tabs.setCurrentWidget(tab)
    tab.year_box.setValue(clock.today().year + 1)
    row = next(n for n, r in enumerate(tab.model.rows()) if r["category"] in ("employed", "retired"))
    member_id = tab.model.row(row)["member_id"]

    def stored() -> str:
        base = archive.dues.base_on(member_id, dt.date(clock.today().year + 1, 1, 1))
        return yuan(base.base_fen, grouped=False)

    return Subject("dues", f"{clock.today().year + 1}年党费基数", lambda text: tab.model.update_row(row, {"base": text}),
                   lambda: tab.model.row(row)["base"], stored, lambda: tab.model.update_row(row, {"voluntary": "三千"}),
                   lambda: tab.error.isVisibleTo(tab) and "不是金额" in tab.error.text(), "4321.00")


SUBJECTS = {"meeting": meeting_subject, "settings": settings_subject, "inspection": inspection_subject,
            "life_plan": life_plan_subject, "life_meeting": life_meeting_subject, "appraisal": appraisal_subject,
            "dues": dues_subject}


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
    new = subject.new
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
    subject.edit(subject.new)
    questions = []
    answer_unsaved(Button.Discard, questions)
    assert window.close()
    assert questions and not window.isVisible()
    assert subject.stored() == before


def test_closing_and_saving_stores_the_edit(subject, window):
    new = subject.new
    subject.edit(new)
    questions = []
    answer_unsaved(Button.Save, questions)
    assert window.close()
    assert questions and not window.isVisible()
    assert subject.stored() == new


def test_a_refused_save_keeps_the_window_open_and_shows_why(subject, window):
    before = subject.stored()
    window.nav.setCurrentRow(window.page_keys.index(subject.key))
    subject.edit(subject.new)
    subject.break_it()
    questions = []
    answer_unsaved(Button.Save, questions)
    assert not window.close()
    assert questions and window.isVisible()
    assert window.current_page_key() == subject.key
    assert subject.error_shown()
    assert subject.shown() == subject.new
    assert subject.stored() == before


def test_closing_without_edits_asks_nothing(subject, window):
    assert window.close()


@pytest.mark.parametrize("button", [Button.Cancel, Button.Discard, Button.Save])
def test_leaving_the_page_asks_the_same(subject, window, button):
    before = subject.stored()
    new = subject.new
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


# -- editors in dialogs: Esc, ✕ or 取消 with typing asks too -------------------------------
def member_dialog(window, archive):
    page = window.show_page("members")
    member_id = archive.members.all_active()[0].id
    return (lambda: page.edit_member(member_id)), (lambda d: d.phone.setText("13900001111")), \
        (lambda: archive.members.get(member_id).phone), "编辑党员信息"


def ledger_item_dialog(window, archive):
    tab = window.show_page("ledger").ledger
    before = len(archive.rectification.query_ids())
    return tab.add, (lambda d: (d.problem.setPlainText("会议记录不完整"), d.measure.setPlainText("逐次补记"))), \
        (lambda: len(archive.rectification.query_ids()) - before), "整改事项"


DIALOGS = {"member": member_dialog, "ledger_item": ledger_item_dialog}


@pytest.mark.parametrize("dialog_name", sorted(DIALOGS))
def test_a_dialog_with_typing_asks_before_it_closes(window, demo_archive, dialog_name):
    open_it, type_into, stored, title = DIALOGS[dialog_name](window, demo_archive)
    before = stored()
    questions, typed = [], []

    def with_typing(dialog):
        type_into(dialog)
        typed.append(dialog)
        answer_unsaved(Button.Cancel, questions)  # 取消: the dialog and its typing stay
        dialog.reject()
        assert dialog.isVisible() and len(questions) == 1
        answer_unsaved(Button.Discard, questions)
        dialog.reject()

    answer_modal(with_typing)
    assert open_it() is None
    assert len(questions) == 2 and f"「{title}」有未保存的修改" in questions[0]
    assert not typed[0].isVisible() and stored() == before
    # without typing: no question
    answer_modal(lambda dialog: dialog.reject())
    assert open_it() is None and len(questions) == 2


def test_a_dialog_saves_when_asked(window, demo_archive):
    open_it, type_into, stored, _ = member_dialog(window, demo_archive)
    questions = []

    def with_typing(dialog):
        type_into(dialog)
        answer_unsaved(Button.Save, questions)
        dialog.reject()

    answer_modal(with_typing)
    assert open_it() is not None
    assert questions and stored() == "13900001111"


def test_a_save_in_one_life_tab_keeps_the_typing_in_another(window, demo_archive):
    meeting = life_meeting_subject(window, demo_archive)
    meeting.edit(meeting.new)
    plan = life_plan_subject(window, demo_archive)
    plan.edit(plan.new)
    assert window.pages["life"].plan.save()  # the page reloads every tab
    assert plan.stored() == plan.new and meeting.shown() == meeting.new
    assert window.pages["life"].has_unsaved_changes()
    assert window.pages["life"].unsaved_description() == meeting.named


@pytest.mark.parametrize("button", [Button.Cancel, Button.Discard])
@pytest.mark.parametrize("name", ["life_plan", "inspection"])
def test_another_year_asks_first(window, demo_archive, button, name):
    subject = SUBJECTS[name](window, demo_archive)
    page = window.pages[subject.key]
    year = page.year
    subject.edit(subject.new)
    questions = []
    answer_unsaved(button, questions)
    assert choose_year(page, year - 1) is (button == Button.Discard)
    assert questions and subject.named in questions[0]
    assert page.year == (year if button == Button.Cancel else year - 1)
    assert page.year_box.currentData() == page.year
    if button == Button.Cancel:
        assert subject.shown() == subject.new
    assert subject.stored() != subject.new


def test_opening_another_inspection_asks_first(window, demo_archive):
    subject = inspection_subject(window, demo_archive)
    subject.edit(subject.new)
    tab = window.pages["targets"].inspections
    other = next(i for i in demo_archive.targets.inspections.query_ids() if i != tab.editor.inspection_id)
    questions = []
    answer_unsaved(Button.Cancel, questions)
    assert tab.open(other).inspection_id != other
    assert questions and subject.shown() == subject.new


def test_a_score_stored_meanwhile_keeps_the_typed_inspection_header(window, demo_archive):
    subject = inspection_subject(window, demo_archive)
    subject.edit(subject.new)
    editor = window.pages["targets"].inspections.editor
    row = editor.scoring.model.row_at(0)
    assert editor.set_score(row, "remark", "材料齐全")  # stored at once; the editor reloads
    assert subject.shown() == subject.new and editor.has_unsaved_changes()
    assert subject.stored() != subject.new
