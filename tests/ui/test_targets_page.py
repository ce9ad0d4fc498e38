"""The 目标管理 page offscreen, on the demo branch: its tabs and models, the score bounds
said in words, the locked library saying why, the spreadsheet preview that lists a bad
row and imports nothing, records opened in their own pages, the home page's sentence."""

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from branchdesk import clock
from branchdesk.targets import tenths_text
from tests.helpers import answer_dialog, answer_modal, close_discarding, saved, type_text
from ui.main_window import MainWindow
from ui.pages.targets.library_import import LibraryImportDialog
from ui.toolkit.styles import ROW_WARN as WARN

TODAY = clock.today()


@pytest.fixture
def told(monkeypatch):
    """The information boxes shown (title, text), instead of showing them."""
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a, **k: shown.append((title, text)))
    return shown


def _window(qtbot, archive):
    main = MainWindow(archive)
    qtbot.addWidget(main)
    main.show()
    return main


@pytest.fixture
def window(qtbot, demo_archive, told):
    return _window(qtbot, demo_archive)


@pytest.fixture
def empty_window(qtbot, archive, told):
    """A branch with no 目标管理 records yet."""
    return _window(qtbot, archive)


def test_the_tabs_every_list_model_the_chart_and_the_year_chooser(qtmodeltester, window, demo_archive):
    page = window.show_page("targets")
    assert [page.tabs.tabText(n) for n in range(page.tabs.count())] == ["指标库", "年度计划", "检查考核", "档案"]
    assert page.year == TODAY.year and page.library.model.rowCount() == 6  # the demo's six 一级 indicators
    editor = page.show_tab("inspections").open(page.inspections.model.id_at(0))
    page.plan.table.selectRow(page.plan.model.row_of(next(i for i in page.plan.results)))
    for model in (page.library.model, page.plan.model, page.plan.records.model, page.inspections.model,
                  editor.scoring.model, editor.problems.model, page.archive_tab.model):
        qtmodeltester.check(model, force_py=True)
    assert page.archive_tab.model.rowCount() == len(page.archive_tab.chart.points) >= 5
    # the trend is drawn: the red line of totals is somewhere on the picture
    image = page.show_tab("archive").chart.grab().toImage()
    assert any(image.pixelColor(x, y).red() > 150 and image.pixelColor(x, y).green() < 80
               for x in range(0, image.width(), 3) for y in range(0, image.height(), 3))
    # another year: every tab follows
    earlier = TODAY.year - 1
    page.year_box.setCurrentIndex(page.year_box.findData(earlier))
    page.year_box.activated.emit(page.year_box.currentIndex())
    assert page.year == earlier and page.inspections.currentWidget() is page.inspections.list_box
    assert page.inspections.model.rowCount() == len(demo_archive.targets.inspections.list(earlier))
    assert f"{earlier} 年度目标计划" in page.plan.info.text()
    assert all(r.period.year == earlier for r in page.plan.results.values())


def test_a_score_above_the_points_is_refused_with_the_bounds(window, demo_archive):
    page = window.show_page("targets")
    inspections = demo_archive.targets.inspections
    draft = next(s for s in inspections.list(TODAY.year) if s.state == "draft")
    editor = page.show_tab("inspections").open(draft.id)
    model = editor.scoring.model
    row = model.row_at(0)
    before = inspections.detail(draft.id).score_for(row.code).score_x10
    index = model.index(0, model.column_of("score"))
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    too_many = row.points_x10 // 10 + 1
    assert not model.setData(index, str(too_many))
    message = editor.message.text()
    assert f"考核得分 {too_many} 超出范围" in message and f"应在 0 到 {tenths_text(row.points_x10)} 分" in message
    assert inspections.detail(draft.id).score_for(row.code).score_x10 == before
    assert not model.setData(index, "两分")
    assert "不是数字" in editor.message.text()
    # within bounds: stored at once, the total follows
    assert model.setData(index, "1.5") and not editor.message.isVisible()
    assert inspections.detail(draft.id).score_for(row.code).score_x10 == 15
    assert model.data(index) == "1.5" and "考核得分" in editor.totals.text()


def test_a_locked_library_says_why_and_the_home_page_asks_for_inspections(window, demo_archive, told):
    page = window.show_page("targets")
    tab = page.show_tab("library")
    assert tab.detail.locked_reason and not tab.lock.isHidden()
    assert "不能再修改" in tab.lock.text() and "下一年度" in tab.lock.text()
    assert not tab.edit_buttons["edit"].isEnabled() and not tab.import_button.isEnabled()
    tab.tree.setCurrentIndex(tab.model.index(0, 0))
    assert tab.edit() is None
    assert told[-1][0] == "指标库不能修改" and "已用于" in told[-1][1]
    sentences = demo_archive.targets.attention(TODAY)
    home = window.show_page("home")
    assert sentences and all(s in home.todo_sentences() for s in sentences)


def _library_sheet(path, bad_points="abc"):
    workbook = Workbook()
    sheet = workbook.active
    for row in (["某镇村党支部目标管理考核细则"], ["一级指标", "二级指标", "分值", "评分标准", "佐证材料"],
                ["组织建设", None, 40, None, None], [None, "班子建设", 20, "少1次扣2分", "会议记录"],
                [None, "阵地建设", bad_points, "标识规范", "照片"], ["制度落实", None, 60, None, None],
                [None, "三会一课", 60, "按时召开", "记录"]):
        sheet.append(row)
    workbook.save(path)
    return path


def test_an_import_preview_lists_the_bad_row_and_imports_nothing(qtbot, empty_window, archive, tmp_path):
    page = empty_window.show_page("targets")
    year = TODAY.year
    tab = page.show_tab("library")
    assert tab.detail is None and tab.import_button.isEnabled()
    seen = {}

    def inspect(dialog):
        seen["import_enabled"] = dialog.import_button.isEnabled()
        seen["summary"] = dialog.summary.text()
        seen["reasons"] = dialog.problems.toPlainText()
        model = dialog.model
        tint = Qt.ItemDataRole.BackgroundRole
        bad = [r for r in range(model.rowCount()) if model.data(model.index(r, 0), tint) == WARN]
        seen["bad"] = [(model.data(model.index(r, 0)), model.data(model.index(r, 6))) for r in bad]
        dialog.reject()

    answer_dialog(LibraryImportDialog, inspect)
    tab.import_file(str(_library_sheet(tmp_path / "指标.xlsx")))
    qtbot.waitUntil(lambda: "bad" in seen, timeout=10000)
    assert seen["import_enabled"] is False
    assert "1 行有问题" in seen["summary"] and "不会导入任何指标" in seen["summary"]
    assert len(seen["bad"]) == 1 and seen["bad"][0][0] == "5" and "abc" in seen["bad"][0][1]
    assert seen["reasons"].startswith("第 5 行（阵地建设）：分值") and "abc" in seen["reasons"]
    assert archive.targets.library.get_or_none(year) is None
    assert tab.detail is None


def test_a_measured_indicator_shows_its_records_and_opens_them(window, demo_archive):
    page = window.show_page("targets")
    plan = page.show_tab("plan")
    item_id, result = next((i, r) for i, r in plan.results.items() if r.key == "meetings.committee")
    plan.table.selectRow(plan.model.row_of(item_id))
    assert result.explanation in plan.explanation.text()
    assert plan.records.model.rowCount() == len(result.refs) > 0
    plan.records.view.selectRow(0)
    record = plan.records.open_selected()
    assert record.kind == "meeting"
    assert window.current_page_key() == "meetings"
    assert window.pages["meetings"].editor.meeting_id == record.record_id


def test_library_rows_are_added_changed_and_removed_with_errors_under_the_fields(qtbot, empty_window, archive,
                                                                              monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page = empty_window.show_page("targets")
    tab = page.show_tab("library")
    answer_modal(saved(lambda d: type_text(d.name, "测试指标库")))
    assert tab.create() is not None and tab.detail.name == "测试指标库"
    answer_modal(saved(lambda d: (type_text(d.name, "组织建设"), d.points.setText("20"),
                                  type_text(d.child_name, "班子建设"))))
    assert tab.add(1) is not None
    assert [(r.code, r.name, r.points_x10) for r in tab.detail.indicators] == [("1", "组织建设", 200),
                                                                            ("1.1", "班子建设", 200)]
    seen = {}

    def without_carry(dialog):
        type_text(dialog.name, "阵地建设")
        dialog.points.setText("5")
        dialog.carry.setChecked(False)
        seen["saved"] = dialog.save()
        seen["points"] = dialog.form.error_text("points")
        dialog.carry.setChecked(True)
        assert dialog.save(), dialog.general_error.text()

    answer_modal(without_carry)
    tab.tree.setCurrentIndex(tab.model.index_of(tab.detail.by_code("1.1").id))
    new_id = tab.add(2)
    assert seen["saved"] is False and "分值 20 分，其下 2 项二级指标合计 25 分" in seen["points"]
    assert tab.detail.by_code("1.2").id == new_id and tab.detail.by_code("1").points_x10 == 250
    answer_modal(lambda d: (d.points.setText("八"), d.save(), seen.update(bad=d.form.error_text("points")), close_discarding(d)))
    assert tab.edit() is None and "不是数字" in seen["bad"]
    assert tab.remove()
    assert [(r.code, r.points_x10) for r in archive.targets.library.get(TODAY.year).indicators] == [("1", 200),
                                                                                                ("1.1", 200)]


def test_the_import_preview_runs_the_import_checks_and_reads_a_serial_column(qtbot, demo_archive, tmp_path):
    from branchdesk.targets import library_xlsx

    workbook = Workbook()
    sheet = workbook.active
    for row in (["序号", "考核项目", "考核内容", "分值"], [1, "组织建设（20分）", "班子团结", 10], [2, None, "阵地建设", 10],
                [3, "组织生活（80分）", "三会一课", 80], ["合计", None, None, 100]):
        sheet.append(row)
    sheet.merge_cells("B2:B3")
    workbook.save(tmp_path / "细则.xlsx")
    checked = library_xlsx.preview(tmp_path / "细则.xlsx")
    locked = LibraryImportDialog(demo_archive, checked, TODAY.year)  # the demo filed an inspection this year
    qtbot.addWidget(locked)
    assert not locked.import_button.isEnabled()
    assert "不能导入：" in locked.summary.text() and "不能再修改" in locked.summary.text()
    assert "“序号”列是顺序号" in locked.summary.text() and "第 5 行是合计行" in locked.summary.text()
    assert [locked.model.data(locked.model.index(r, 2)) for r in range(locked.model.rowCount())] == [
        "1", "1.1", "1.2", "2", "2.1"]
    next_year = LibraryImportDialog(demo_archive, checked, TODAY.year + 1)
    qtbot.addWidget(next_year)
    assert next_year.import_button.isEnabled() and "不能导入" not in next_year.summary.text()
