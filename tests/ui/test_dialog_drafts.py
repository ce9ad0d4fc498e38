"""Typing in a record dialog (登记表彰 …) survives a power cut as a draft of its labelled
texts, and goes as soon as the dialog is saved (ui/toolkit/dialog_drafts.py,
docs/reliability.md promise 11)."""

from __future__ import annotations

from branchdesk.drafts import store_for
from tests.helpers import forget_unsaved_edits
from tests.ui.test_power_cut_drafts import answer_in_turn, open_window, press, read_into  # noqa: F401 - fixture


def commendation_dialog(window, archive):
    """The window, the member and a 登记表彰 dialog of theirs, open on the 党员 page."""
    from ui.pages.honours.dialogs import CommendationDialog

    member = archive.members.all_active()[0]
    dialog = CommendationDialog(archive, member.id, parent=window.show_page("members"))
    dialog.show()
    return window, member, dialog


def test_typing_in_a_record_dialog_survives_a_power_cut_as_text(demo_archive, open_window):  # noqa: F811
    window, member, dialog = commendation_dialog(open_window(demo_archive), demo_archive)
    dialog.title.setText("抗洪抢险先进个人（断电前输入）")
    dialog.doc_no.setText("镇委〔2026〕12号")
    window.keep_drafts()
    [draft] = store_for(demo_archive).all()
    assert draft.title == f"对话框「登记表彰：{member.name}」"
    lines = draft.texts()[0].splitlines()
    assert "表彰名称：抗洪抢险先进个人（断电前输入）" in lines and "文号：镇委〔2026〕12号" in lines
    assert demo_archive.honours.commendations(member_id=member.id) == []  # nothing was saved

    forget_unsaved_edits()  # the window is gone without a word (a power cut): the draft stays
    dialog.hide()
    window.drafts._written.clear()
    second = open_window(demo_archive)
    seen, shown = [], []

    read_text = read_into(shown)
    answer_in_turn(press("恢复", seen), press("查看草稿内容", seen), read_text, press("丢弃草稿", seen))
    second.offer_drafts()
    assert f"登记表彰：{member.name}" in seen[0] and "请重新打开这个对话框" in seen[1]
    assert "表彰名称：抗洪抢险先进个人（断电前输入）" in shown[0]
    assert store_for(demo_archive).all() == []  # dropped, as asked


def test_a_saved_dialog_leaves_no_draft(demo_archive, open_window):  # noqa: F811
    window, member, dialog = commendation_dialog(open_window(demo_archive), demo_archive)
    dialog.doc_no.setText("镇委〔2026〕13号")
    window.keep_drafts()
    assert len(store_for(demo_archive).all()) == 1
    assert dialog.save()
    window.keep_drafts()
    assert store_for(demo_archive).all() == []
    assert [c.doc_no for c in demo_archive.honours.commendations(member_id=member.id)] == ["镇委〔2026〕13号"]


def test_a_dialog_open_when_the_window_closes_keeping_drafts_keeps_its_draft(demo_archive, open_window):  # noqa: F811
    window, member, dialog = commendation_dialog(open_window(demo_archive), demo_archive)
    dialog.doc_no.setText("镇委〔2026〕14号（锁屏前输入）")
    dialog.hide()  # the idle lock hides every window
    window.keep_drafts()  # the draft timer ticks while it is locked
    assert len(store_for(demo_archive).all()) == 1
    from PySide6.QtWidgets import QApplication, QDialog

    dialog.done(QDialog.DialogCode.Rejected)  # nobody unlocked: closed unasked (ui/access.py)
    assert window.close_keeping_drafts()
    for _ in range(5):
        QApplication.processEvents()  # the dialog's end must not take its draft along
    [draft] = store_for(demo_archive).all()
    assert "文号：镇委〔2026〕14号（锁屏前输入）" in draft.texts()[0].splitlines()
