"""服务群众 through the real main window on the demo branch: a 志愿服务 activity with each
person's hours, a 党费 posting on the 公开栏 printed and read back, this year's 群众评议 of
the committee with its rate — then the same facts in the 目标管理 measures, and the
overdue 实事 from 首页 opening on its tab."""

import datetime as dt
import os
import re
from types import SimpleNamespace

from PySide6.QtWidgets import QMessageBox

from branchdesk import clock
from branchdesk.targets.measures import measure
from branchdesk.targets.periods import Period
from branchdesk.todo import todo_list
from tests.domain.papers_support import text_of
from tests.helpers import answer_modal, saved
from ui.main_window import MainWindow

YEAR = clock.today().year
SHOTS = os.environ.get("BRANCHDESK_SHOTS")  # a folder: the tabs at both screen sizes are saved there


def _shoot(window, name: str) -> None:
    if not SHOTS:
        return
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window.setWindowState(Qt.WindowState.WindowNoState)  # a maximised window keeps the screen's size
    for width in (1366, 1024):
        window.resize(width, 768)
        QApplication.processEvents()  # the new size laid out before the grab
        window.grab().save(os.path.join(SHOTS, f"{name}-{width}.png"))


def test_service_openness_and_verdict_through_the_window(qtbot, demo_archive, tmp_path, monkeypatch):
    archive = demo_archive
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    window = MainWindow(archive)
    qtbot.addWidget(window)
    window.show()

    # 首页: this year's overdue 实事 opens on its tab
    home = window.show_page("home")
    overdue = next(i for i in todo_list(archive) if i.kind == "pledge")
    page = home.act(overdue)
    service = page.by_key["service"]
    assert service.pledges.item(service.pledge_table.currentIndex().row()).id == overdue.record_id
    _shoot(window, "service")

    # a 志愿服务 activity: two members and a villager
    service.parts.setCurrentIndex(0)
    members = archive.members.all_active()
    before = {h.member_id: h.hours for h in archive.service.member_hours(YEAR)}

    def fill_activity(dialog):
        dialog.held_on.set_date(clock.today() - dt.timedelta(days=1))
        dialog.place.setText("村文化广场")
        dialog.content.setPlainText("清扫积雪、帮老人买年货")
        for who, hours in ((members[0].name, "3"), (members[1].name, "2.5"), ("返乡青年小周", "2")):
            dialog.person.setEditText(who)
            dialog.hours.setText(hours)
            dialog.add_person()
    answer_modal(saved(fill_activity))
    assert service.add_activity()
    assert "3 人共 7.5 小时" in page.status.text()
    after = {h.member_id: h.hours for h in archive.service.member_hours(YEAR)}
    assert after[members[0].id] == before.get(members[0].id, 0) + 3
    assert after[members[1].id] == before.get(members[1].id, 0) + 2.5
    assert "返乡青年小周" not in [h.name for h in archive.service.member_hours(YEAR)]  # not a member
    _shoot(window, "service-activities")

    # 党务公开: the fourth quarter's 党费 goes up; the rule sees it and the sheet prints
    openness = page.show_tab("openness")
    _shoot(window, "openness")

    def fill_posting(dialog):
        dialog.kind.setCurrentIndex(dialog.kind.findData("dues"))
        dialog.part.setCurrentIndex(dialog.part.findData(3))
        dialog.posted_on.set_date(clock.today())
        dialog.hung_to.set_date(clock.today() + dt.timedelta(days=9))
        dialog.title.setText("第三季度党费收缴情况（补贴）")
    answer_modal(saved(fill_posting))
    assert openness.add()
    posting = archive.openness.postings(YEAR)[0]
    assert posting.title == "第三季度党费收缴情况（补贴）"
    late = next(d for d in archive.openness.due(YEAR) if d.kind == "dues" and d.covers_part == 3)
    assert late.state == "on_time"  # the demo's own posting was on time already
    sheet = tmp_path / "公开栏.pdf"
    assert openness.export(str(sheet))
    qtbot.waitUntil(lambda: openness.papers.last_result is not None or openness.papers.last_error is not None,
                    timeout=20000)
    assert openness.papers.last_error is None
    words = "".join(text_of(sheet).split())
    assert "第三季度党费收缴情况（补贴）" in words and "7月" in words and "9月" in words and members[0].name in words
    assert not re.search(r"\d{17}[\dX]", words)  # no ID numbers on a 公开栏

    # 群众评议 of this year's committee: the rate in the dialog, the tab and the measure
    verdict = page.show_tab("verdict")
    verdict.year.setValue(YEAR)

    def fill_verdict(dialog):
        dialog.held_on.set_date(clock.today())
        for key, value in (("satisfied", 50), ("basic", 7), ("unsatisfied", 3), ("unknown", 8)):
            dialog.counts[key].setValue(value)
        assert dialog.rate.text().startswith("95.0%")
        dialog.feedback.setPlainText("希望冬季多走访独居老人")
    answer_modal(saved(fill_verdict))
    assert verdict.add()
    assert "满意率 95.0%" in verdict.summary.text() and "希望冬季多走访独居老人" in verdict.feedback.toPlainText()
    _shoot(window, "verdict")
    result = measure(archive, "verdict.satisfaction", Period(YEAR, "year", 1))
    assert result.value_text == "95.0%" and result.met is True and result.refs[0].kind == "service_verdict"
    # the measure's record opens on its tab from 目标管理
    evidence = SimpleNamespace(kind="service_verdict", record_id=result.refs[0].id, title="", date="")
    assert window.show_page("targets").open_record(evidence) is page and page.tabs.currentWidget() is verdict
    assert verdict.verdicts.item(verdict.table.currentIndex().row()).id == result.refs[0].id
    hours = measure(archive, "service.hours", Period(YEAR, "year", 1))
    assert any(r.title.startswith(f"{clock.today() - dt.timedelta(days=1):%Y-%m-%d} 村文化广场") for r in hours.refs)
    # last year's members rated by the masses appear beside their 民主评议 grade
    verdict.year.setValue(YEAR - 1)
    _shoot(window, "verdict-last-year")
    rows = [verdict.beside.item(n) for n in range(verdict.beside.rowCount())]
    rated = [b for b in rows if b.verdict is not None]
    assert len(rated) == 3 and all(b.grade for b in rated)
