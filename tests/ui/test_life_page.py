"""The 组织生活会 page offscreen, on the demo branch: models, the sensitive-text cover,
the appraisal rules as you type, the ledger's filters and exports (its own page), the home page."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from branchdesk import clock
from tests.helpers import answer_modal, close_discarding, transfer_out, type_text
from ui.main_window import MainWindow
from ui.pages.life.tab_talks import CoverageModel
from ui.toolkit.styles import ROW_WARN as WARN

TODAY = clock.today()
PASSWORD = "支部密码2026"


@pytest.fixture
def window(qtbot, demo_archive, monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    demo_archive.access.set_password(PASSWORD)
    demo_archive.access.set_policy(lock_after_minutes=0)
    session = demo_archive.access.session()
    session.unlock(PASSWORD, now=clock.now() - dt.timedelta(minutes=30))  # unlocked a while ago
    main = MainWindow(demo_archive, session=session)
    qtbot.addWidget(main)
    main.show()
    return main


def test_models_pass_qt_checks(qtmodeltester, window, demo_archive):
    page = window.show_page("life")
    for model in (page.opinions.model, page.talks.log_model, window.show_page("ledger").ledger.model,
                  page.criticism.model, page.plan.review_model):
        qtmodeltester.check(model, force_py=True)
    coverage = CoverageModel()
    coverage.set_coverage(demo_archive.talks.coverage(TODAY.year))
    qtmodeltester.check(coverage, force_py=True)


def test_talk_gaps_show_before_the_meeting_on_the_page_and_the_home_page(window, demo_archive):
    page = window.show_page("life")
    talks = page.show_tab("talks")
    coverage = demo_archive.talks.coverage(TODAY.year)
    assert coverage.gaps > 0 and f"还有 {coverage.gaps} 处未覆盖" in talks.summary.text() and talks.gaps.isVisible()
    gap = coverage.missing_committee_member[0]
    assert gap.name in talks.gaps.text()
    row = next(n for n, p in enumerate(talks.matrix_model.coverage.people) if p.member_id == gap.member_id)
    assert talks.matrix_model.headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.ForegroundRole) is not None
    home = window.show_page("home")
    text = "\n".join(home.todo_sentences())
    assert f"会前谈心谈话还有 {coverage.gaps} 处未覆盖" in text
    overdue = [s for s in home.todo_sentences() if s.startswith("整改事项") and "已逾期" in s]
    assert len(overdue) == 2 and f"{TODAY.year - 1}-08" in overdue[0]


def test_criticism_stays_covered_until_the_password_is_given(qtbot, window):
    page = window.show_page("life")
    page.set_year(TODAY.year - 1)
    tab = page.show_tab("criticism")
    assert not tab.cover.revealed
    answer_modal(lambda dialog: (type_text(dialog.password, "错误的密码"), dialog.try_unlock(), dialog.reject()))
    assert not tab.cover.reveal()
    assert not tab.cover.revealed

    def right(dialog):
        type_text(dialog.password, PASSWORD)
        dialog.try_unlock()

    answer_modal(right)
    assert tab.cover.reveal()
    assert tab.model.rowCount() == 54
    first = tab.model.item(0)
    assert (first.kind, first.from_name) == ("self", page.detail.secretary_name)
    # the 对照检查 tab is unlocked too within the grace time
    assert page.show_tab("problems").cover.revealed


def test_appraisal_rules_as_the_secretary_types(qtbot, window, demo_archive):
    page = window.show_page("life")
    tab = page.show_tab("appraisal")
    tab.start()
    assert tab.model.rowCount() == 27 and tab.appraisal_id == demo_archive.appraisal.appraisal_id(TODAY.year)
    tab.voters.setValue(20)
    model = tab.model
    column = {c.key: n for n, c in enumerate(model.columns)}
    for key, value in (("votes_excellent", "10"), ("votes_qualified", "9"), ("votes_basic", "2"),
                       ("votes_unqualified", "0")):
        model.setData(model.index(0, column[key]), value)
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) == WARN  # 21 votes from 20 voters
    for row in range(10):
        model.setData(model.index(row, column["decided_grade"]), "excellent")
    assert "超过" in tab.limit.text() and "9 名" in tab.limit.text()
    tab.decided_on.setText(TODAY.isoformat())
    assert not tab.save()
    assert "多于参加测评的 20 人" in tab.banner.text() and "超过参评党员 27 名的三分之一" in tab.banner.text()
    assert demo_archive.appraisal.form(tab.appraisal_id).entries[0].decided_grade == ""  # nothing saved
    model.setData(model.index(0, column["votes_basic"]), "1")
    for row in range(3, 10):
        model.setData(model.index(row, column["decided_grade"]), "qualified")
    assert tab.save()
    assert demo_archive.appraisal.detail(tab.appraisal_id).counts.excellent == 3


def test_ledger_filters_and_exports(qtbot, window, tmp_path, demo_archive):
    page = window.show_page("ledger")  # its own page in the navigation, every year at first
    ledger = page.ledger
    assert ledger.year.currentData() is None
    ledger.state.setCurrentIndex(ledger.state.findData("overdue"))
    assert ledger.model.rowCount() == 2
    assert ledger.model.data(ledger.model.index(0, 0), Qt.ItemDataRole.BackgroundRole) == WARN
    type_text(ledger.search, "集体经济")
    qtbot.waitUntil(lambda: ledger.model.rowCount() == 1)
    ledger.table.selectRow(0)
    assert "整改进展" in ledger.detail.toPlainText()
    ledger.search.clear()
    ledger.state.setCurrentIndex(0)
    ledger.set_year(TODAY.year - 1)
    xlsx = tmp_path / "台账.xlsx"
    assert page.exports.ledger("xlsx", str(xlsx))
    qtbot.waitUntil(lambda: page.exports.last_result is not None, timeout=20000)
    from openpyxl import load_workbook

    # every item of the year: the 组织生活会's eight and those of the year's target inspections
    last_year = demo_archive.rectification.query_ids(year=TODAY.year - 1)
    assert load_workbook(xlsx).active.max_row == 1 + len(last_year)
    pdf = tmp_path / "公示.pdf"
    assert page.exports.ledger("pdf", str(pdf))
    qtbot.waitUntil(lambda: page.exports.last_result is not None, timeout=20000)
    assert page.exports.last_result.pages >= 1 and pdf.exists()


def test_a_bad_date_in_a_dialog_is_named_and_nothing_saved(qtbot, window, demo_archive):
    page = window.show_page("life")
    tab = page.show_tab("opinions")
    before = len(demo_archive.life.opinions.list(page.cycle_id))
    seen = {}

    def fill(dialog):
        dialog.received.setText("明天")
        type_text(dialog.content, "希望多组织义诊")
        seen["saved"] = dialog.save()
        seen["error"] = dialog.form.error_text("received_on")
        close_discarding(dialog)

    answer_modal(fill)
    tab.add()
    assert seen == {"saved": False, "error": "「收到日期」“明天”不是有效日期，请写成 2001-07-01。"}
    assert len(demo_archive.life.opinions.list(page.cycle_id)) == before


def test_a_person_who_has_left_keeps_the_link_to_the_roster(qtbot, demo_archive):
    from ui.toolkit.forms import PersonCombo

    member = demo_archive.members.all_active()[5]
    transfer_out(demo_archive, member.id, TODAY)
    combo = PersonCombo(demo_archive)
    qtbot.addWidget(combo)
    assert combo.findData(member.id) < 0  # not offered for new entries
    combo.set_person(member.id, member.name)
    assert combo.person() == (member.id, member.name)
    combo.setEditText("镇驻村干部周立平")
    assert combo.person() == (None, "镇驻村干部周立平")
