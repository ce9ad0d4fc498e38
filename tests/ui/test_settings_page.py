import datetime as dt

from PySide6.QtWidgets import QMessageBox

from ui.pages.settings import SettingsPage


def test_branch_settings_save_and_show_term_due(qtbot, demo_archive, monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    page = SettingsPage(demo_archive)
    qtbot.addWidget(page)
    assert page.committee.rowCount() == 5
    page.kind.setCurrentIndex(page.kind.findData("office"))
    page.term.setText("2024-03-01")
    assert page.term_due.text().startswith("2027-03-01")
    page.name.setText("前进村第一党支部")
    assert page.save()
    info = demo_archive.branch.own()
    assert info.name == "前进村第一党支部" and info.term_due_on == dt.date(2027, 3, 1)


def test_bad_branch_input_is_named_and_not_saved(qtbot, demo_archive):
    page = SettingsPage(demo_archive)
    qtbot.addWidget(page)
    page.name.setText("")
    page.term.setText("2099-01-01")
    assert not page.save()
    assert "支部名称" in page.form.error_text("name")
    assert "不能晚于今天" in page.form.error_text("term_started_on")
    assert demo_archive.branch.own().name == "前进村党支部"


def test_the_publicity_length_is_edited_with_the_branch_and_kept_until_saved(qtbot, demo_archive):
    from branchdesk.recruit.exports import publicity_days

    page = SettingsPage(demo_archive)
    qtbot.addWidget(page)
    assert page.publicity.value() == 5 and page.publicity.suffix().strip() == "个工作日"
    assert (page.publicity.minimum(), page.publicity.maximum()) == (1, 30)
    page.publicity.setValue(7)
    assert page.has_unsaved_changes() and publicity_days(demo_archive) == 5  # nothing saved yet
    page.refresh()  # coming back to the page keeps what was typed
    assert page.publicity.value() == 7
    page.discard_changes()
    assert page.publicity.value() == 5 and not page.has_unsaved_changes()
    page.publicity.setValue(8)
    assert page.save_changes()
    assert publicity_days(demo_archive) == 8 and not page.has_unsaved_changes()
    again = SettingsPage(demo_archive)
    qtbot.addWidget(again)
    assert again.publicity.value() == 8
