"""What a form requires is marked *, and its boxes show their whole text at 1024×768 (QA: the
组织关系转入 and 新建发展档案 dialogs)."""

from ui.pages.recruit.person_dialog import PersonDialog
from ui.pages.transfers.dialogs import TransferDialog


def _label(dialog, widget) -> str:
    return dialog.form.layout_.labelForField(widget.parentWidget()).text()


def test_a_new_member_transferred_in_marks_what_it_needs_and_shows_the_group_choice_whole(qtbot, demo_archive):
    dialog = TransferDialog(demo_archive, "in")
    qtbot.addWidget(dialog)
    dialog.resize(600, 640)
    dialog.show()
    assert [_label(dialog, w) for w in (dialog.name, dialog.id_number, dialog.joined_on)] == [
        "姓名 *", "公民身份号码 *", "入党日期 *"]
    assert dialog.group.currentText() == "（不编入党小组）"
    assert dialog.group.width() > dialog.group.fontMetrics().horizontalAdvance("（不编入党小组）") + 30


def test_a_new_recruit_file_marks_the_name_and_id_number(qtbot, demo_archive):
    dialog = PersonDialog(demo_archive)
    qtbot.addWidget(dialog)
    assert (_label(dialog, dialog.name), _label(dialog, dialog.id_number)) == ("姓名 *", "公民身份号码 *")
