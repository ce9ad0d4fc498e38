"""奖惩 through the real main window on the demo branch (with an app password whose grace
time is over): on the 党员 page a member's 奖惩 tab shows the demo's 批评教育 with its facts
covered, the password shows them; a 表彰 and a 留党察看 are recorded (the warning appears),
then an 开除党籍 takes another member off the roster from its date."""

import datetime as dt

from branchdesk import clock
from tests.helpers import answer_modal, saved
from ui.main_window import MainWindow

PASSWORD = "支部密码2026"


def test_commendation_discipline_and_expulsion_on_the_members_page(qtbot, demo_archive, tmp_path):
    archive = demo_archive
    archive.access.set_password(PASSWORD)
    session = archive.access.session()
    session.unlock(PASSWORD, now=clock.now() - dt.timedelta(minutes=30))
    window = MainWindow(archive, session=session)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    page = window.show_page("members")
    view = page.honours_view
    criticised = archive.honours.disciplines()[0]
    page.select_member(criticised.member_id)
    page.member_tabs.setCurrentWidget(view)
    facts_cell = view.table.item(0, 5).text()
    assert "已隐去" in facts_cell and "主题党日" not in facts_cell and view.reveal_button.isVisible()
    window.grab().save(str(tmp_path / "honours-1024.png"))

    def type_password(dialog):
        dialog.password.setText(PASSWORD)
        dialog.try_unlock()

    answer_modal(type_password)
    view.reveal_button.click()
    assert "主题党日" in view.table.item(0, 5).text() and not view.reveal_button.isVisible()

    member = next(m for m in archive.members.all_active() if m.status == "full" and m.id != criticised.member_id)
    page.select_member(member.id)
    answer_modal(saved(lambda d: (d.granted_by.setText("中共安平镇委员会"), d.doc_no.setText("安党〔2026〕30号"))))
    view.add_praise.click()
    assert view.table.item(0, 2).text() == "优秀共产党员"

    def probation(dialog):
        dialog.kind.setCurrentIndex(dialog.kind.findData("probation"))
        dialog.years.setCurrentIndex(dialog.years.findData(2))
        dialog.decided_by.setText("中共安平镇纪律检查委员会")
        dialog.facts.setPlainText("违规占用集体土地建房。")

    answer_modal(saved(probation))
    view.add_discipline.click()
    assert view.warnings.isVisible() and "选举权" in view.warnings.text()
    assert "留党察看二年期间" in view.warnings.toolTip()
    window.resize(1366, 768)
    window.grab().save(str(tmp_path / "honours-1366.png"))

    other = next(m for m in archive.members.all_active() if m.status == "full" and m.id not in (member.id,
                                                                                                 criticised.member_id))
    before = page.model.rowCount()
    page.select_member(other.id)

    def expel(dialog):
        dialog.kind.setCurrentIndex(dialog.kind.findData("expulsion"))
        dialog.decided_by.setText("中共某县纪律检查委员会")

    answer_modal(saved(expel))
    view.add_discipline.click()
    assert archive.members.get(other.id).status == "expelled"
    assert page.model.rowCount() == before - 1  # off the roster of members in the branch
    history = archive.members.status_history(other.id)[-1]
    assert history.status_to == "expelled" and history.changed_on == clock.today()
