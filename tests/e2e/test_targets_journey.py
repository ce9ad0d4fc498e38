"""A year of 目标管理 through the real main window: the town's scheme arrives as a
spreadsheet and is imported; the year's plan adopts it with one target changed; the
half-year inspection is scored (a score above the points refused), backed by a file,
a problem put on the 整改台账; it is filed (sealed) after a confirmation; an edit is
refused with the reason shown; a correction is made as a revision with its reason and
filed again; the year's archive PDF is exported and read back as a receiver would."""

import datetime as dt

from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from branchdesk import clock
from branchdesk.targets import Period
from tests.domain.meetings_support import branch  # noqa: F401 - fixture
from tests.domain.papers_support import fonts_of, text_of
from tests.helpers import answer_dialog, answer_modal, export_notice, saved, type_text
from ui.main_window import MainWindow
from ui.pages.targets.library_import import LibraryImportDialog

YEAR = clock.today().year
SCHEME = [
    [f"中共测试镇委员会{YEAR}年度村党支部目标管理考核细则"],
    ["一级指标", "二级指标", "分值", "评分标准", "佐证材料", "自动计量"],
    ["组织建设", None, 40, None, None, None],
    [None, "支部班子", 20, "委员配齐，按期换届；缺额未补扣5分", "选举批复", None],
    [None, "谈心谈话", 20, "全覆盖得满分，按覆盖比例计分", "谈话记录", "谈心谈话覆盖率"],
    ["制度落实", None, 60, None, None, None],
    [None, "党费收缴", 25, "按月足额收缴，迟交1人次扣1分", "党费台账", None],
    [None, "问题整改", 35, "整改完成率100%得满分", "整改台账", "整改完成率"],
]


def test_a_year_of_target_management_through_the_window(qtbot, branch, tmp_path, monkeypatch):  # noqa: F811
    archive, ids, _ = branch
    told, asked = [], []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a, **k: told.append(text))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.Yes)
    window = MainWindow(archive)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("targets")
    assert page.year == YEAR

    # -- the scheme from the town, imported from its spreadsheet ------------------
    workbook = Workbook()
    for row in SCHEME:
        workbook.active.append(row)
    scheme = tmp_path / "考核细则.xlsx"
    workbook.save(scheme)
    library = page.show_tab("library")
    answer_dialog(LibraryImportDialog, lambda dialog: dialog.do_import())
    library.import_file(str(scheme))
    qtbot.waitUntil(lambda: archive.targets.library.get_or_none(YEAR) is not None, timeout=20000)
    qtbot.waitUntil(lambda: library.model.rowCount() == 2)
    assert told[-1] == f"已导入 {YEAR} 年度指标库，共 6 项指标。"
    stored = archive.targets.library.get(YEAR)
    assert stored.name == SCHEME[0][0] and stored.total_points_x10 == 1000
    assert stored.by_code("1.2").measure == "talks.coverage"

    # -- the plan: adopt the library, change one target ---------------------------
    plan = page.show_tab("plan")
    assert plan.adopt() and plan.model.rowCount() == 4
    plan.table.selectRow(plan.model.row_of(next(i.id for i in plan.plan.items if i.code == "2.1")))
    answer_modal(saved(lambda d: (d.target.clear(), type_text(d.target, "党费按月足额收缴，无迟交"))))
    assert plan.edit()
    assert archive.targets.plans.get(YEAR).item_for("2.1").target_text == "党费按月足额收缴，无迟交"
    coverage = next(r for r in plan.results.values() if r.key == "talks.coverage")
    plan.table.selectRow(plan.model.row_of(next(i.id for i in plan.plan.items if i.code == "1.2")))
    assert coverage.explanation in plan.explanation.text()

    # -- the half-year inspection -------------------------------------------------
    tab = page.show_tab("inspections")
    first_half = Period(YEAR, "half", 1)

    def new_inspection(dialog):
        dialog.period.setCurrentIndex(next(n for n in range(dialog.period.count())
                                           if dialog.period.itemData(n) == first_half))
        dialog.inspected_on.setText(clock.today().isoformat())
        type_text(dialog.inspectors, "刘强、陈静")
    answer_modal(saved(new_inspection))
    inspection_id = tab.new()
    editor = tab.editor
    assert tab.currentWidget() is editor and editor.inspection_id == inspection_id
    model = editor.scoring.model
    scores = {"1.1": ("20", "18"), "1.2": ("15", "15"), "2.1": ("25", "24.5"), "2.2": ("35", None)}
    for code, (own, given) in scores.items():
        row = model.row_of_code(code)
        assert model.setData(model.index(row, model.column_of("self_score")), own)
        if given is not None:
            assert model.setData(model.index(row, model.column_of("score")), given)
    # the keyboard alone: Enter opens the cell, the digits, Enter stores them
    view = editor.scoring.table

    def focus_on(widget):
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus)
    focus_on(view)
    editor.scoring.select_code("2.2")
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() == view.State.EditingState)
    qtbot.keyClicks(QApplication.focusWidget(), "35")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: archive.targets.inspections.detail(inspection_id).score_for("2.2").score_x10 == 350)
    assert not model.setData(model.index(model.row_of_code("1.1"), model.column_of("score")), "21")
    assert "应在 0 到 20 分" in editor.message.text()
    assert "考核得分 <b>92.5</b> / 100 分" in editor.totals.text() and "等次 <b>合格</b>" in editor.totals.text()
    editor.scoring.select_code("1.1")
    sheet = tmp_path / "班子分工.txt"
    sheet.write_text("支部委员分工表", encoding="utf-8")
    assert editor.scoring.add_file(str(sheet))
    assert editor.scoring.evidence.model.rowCount() == 1
    editor.parts.setCurrentIndex(1)
    type_text(editor.remarks, "制度落实较好，班子分工需进一步明确。")
    assert editor.save()

    # -- a problem found, onto the 整改台账 -----------------------------------------
    problems = editor.problems
    answer_modal(saved(lambda d: (type_text(d.problem, "支委分工未在党务公开栏公示"),
                               type_text(d.suggestion, "一周内公示支委分工"))))
    problem_id = problems.add()
    assert problem_id is not None and problems.model.rowCount() == 1
    problems.table.selectRow(0)
    deadline = clock.today() + dt.timedelta(days=30)
    answer_modal(saved(lambda d: (d.owner.set_person(ids["李喆"], "李喆"), d.deadline.setText(deadline.isoformat()))))
    assert problems.to_ledger()
    item = next(i for i in archive.rectification.items(source="inspection"))
    assert item.problem == "支委分工未在党务公开栏公示" and item.owner_name == "李喆"
    assert problems.model.item(0).ledger == [item.code]

    # -- filed (sealed) after the confirmation listing what is sealed --------------
    assert editor.file()
    assert "4 项指标的自评分和考核得分，合计 92.5 / 100 分，等次 合格" in asked[-1]
    assert "佐证 1 项；发现问题 1 个（已列入整改台账 1 个）" in asked[-1]
    assert archive.targets.inspections.summary(inspection_id).state == "reported"
    assert "归档封存，内容不能修改" in editor.lock.text() and editor.actions["correct"].isVisible()

    # -- an edit is refused, with the reason shown ---------------------------------
    editor.parts.setCurrentIndex(0)
    cell = model.index(model.row_of_code("2.1"), model.column_of("score"))
    assert not model.flags(cell) & Qt.ItemFlag.ItemIsEditable
    where = view.visualRect(cell).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)  # a double click starts with a click
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert "已上报并封存，不能修改" in editor.message.text() and "更正" in editor.message.text()
    editor.message.clear()
    focus_on(view)
    qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter on a sealed cell: the same refusal
    assert "已上报并封存，不能修改" in editor.message.text()
    assert not editor.save()
    assert archive.targets.inspections.detail(inspection_id).score_for("2.1").score_x10 == 245

    # -- the correction: a revision with its reason, filed again --------------------
    reason = "检查人笔误：党费收缴应得 25 分"

    def give_reason(dialog):
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue(reason)
        dialog.accept()
    answer_modal(give_reason)
    revision_id = editor.correct()
    assert revision_id is not None and revision_id != inspection_id
    assert editor.inspection_id == revision_id and editor.editable
    assert f"更正原因：{reason}" in editor.lock.text()
    assert model.setData(model.index(model.row_of_code("2.1"), model.column_of("score")), "25")
    assert editor.file()
    assert archive.targets.inspections.summary(revision_id).total_x10 == 930
    assert archive.targets.inspections.summary(inspection_id).total_x10 == 925  # the original stays as filed
    assert archive.targets.inspections.verify(inspection_id).ok
    assert tab.model.ids() == [revision_id]

    # -- the year's archive, exported and read back ---------------------------------
    editor.go_back()
    shelf = page.show_tab("archive")
    assert shelf.model.rowCount() == 1
    pdf = tmp_path / "目标管理档案.pdf"
    assert shelf.export_year(str(pdf))
    qtbot.waitUntil(lambda: page.exports.last_result is not None or page.exports.last_error is not None,
                    timeout=60000)
    assert page.exports.last_error is None and page.exports.last_result.pages >= 3
    notice = export_notice(page)
    assert notice is not None and "已导出" in notice.text() and str(pdf) in notice.text()
    assert all(font["emb"] == "yes" for font in fonts_of(pdf))
    text = "".join(text_of(pdf).split())
    for expected in (f"{YEAR}年度目标管理档案", "支部班子", "谈心谈话", "党费按月足额收缴，无迟交",
                     f"{YEAR}年上半年", "刘强、陈静", "93", "合格", "支委分工未在党务公开栏公示", reason):
        assert "".join(expected.split()) in text, expected
    window.close()
