"""群众工作 through the real main window (issue 17): a 走访 whose request is taken in on the
spot, 交办 with a deadline that passes (the request is on 首页), 办理, 办结, 反馈 and 回访
(it leaves 首页); then the printed 民情台账 lists it and the 目标管理 measures count it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QMessageBox

from branchdesk.targets import measures
from branchdesk.targets.periods import Period
from tests.domain.masses_support import TODAY, households  # noqa: F401 - fixture: the small branch, 3 联系户
from tests.domain.meetings_support import branch  # noqa: F401 - fixture: the small branch
from tests.domain.papers_support import text_of
from tests.helpers import answer_modal, saved
from ui.main_window import MainWindow

ASKED = "院墙开裂，雨季怕倒塌"


def _days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def _step(qtbot, tab, fill) -> None:
    """「下一步」 on the selected request, its dialog filled and saved."""
    answer_modal(saved(fill))
    assert tab.next_step()


def test_a_request_from_a_visit_to_the_revisit(qtbot, households, tmp_path, monkeypatch):  # noqa: F811 - fixture
    archive, ids, (aunt, *_rest) = households
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    window = MainWindow(archive)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    page = window.show_page("masses")
    contacts = page.show_tab("联系户")
    assert contacts.select(aunt)
    assert "138****5678" in contacts.history.toPlainText() and "独居老人" not in contacts.history.toPlainText()

    # -- 走访: what was asked is taken in at once ------------------------------------------
    def visit(dialog):
        dialog.visited_on.set_date(_days_ago(20))
        dialog.seen.setPlainText("老人身体还好，院墙有裂缝")
        dialog.asked.setPlainText(ASKED)
        dialog.take.setChecked(True)

    answer_modal(saved(visit))
    assert contacts.visit() is not None
    requests = page.tabs.currentWidget()
    assert requests is page.tab("民情诉求")
    request_id = requests.selected()
    request = archive.masses.request(request_id)
    assert (request.channel_label, request.state_label, request.content) == ("走访", "受理", ASKED)
    assert requests.buttons["next"].text() == "下一步：交办…"

    # -- 交办 with a deadline that has passed: 首页 shows it --------------------------------
    def assign(dialog):
        dialog.owner.set_person(ids["赵赟"], "赵赟")
        dialog.assigned_on.set_date(_days_ago(19))
        dialog.deadline.set_date(_days_ago(3))

    _step(qtbot, requests, assign)
    home = window.show_page("home")
    home.refresh()
    overdue = [s for s in home.todo_sentences() if request.code in s]
    assert overdue and "已逾期 3 天" in overdue[0] and "赵赟" in overdue[0]
    item = next(i for i in home.todo.items if request.code in i.sentence)
    assert home.act(item).selected() == request_id  # 首页 opens the request in the ledger

    # -- 办理, 办结, 反馈, 回访 ---------------------------------------------------------------
    answer_modal(saved(lambda d: (d.noted_on.set_date(_days_ago(2)), d.text.setPlainText("请泥瓦匠查看并备料"))))
    requests.progress()
    assert requests.buttons["next"].text() == "下一步：办结…"
    _step(qtbot, requests, lambda d: (d.done_on.set_date(_days_ago(1)), d.note.setPlainText("院墙已加固修补")))
    _step(qtbot, requests, lambda d: d.how.setCurrentIndex(d.how.findData("face")))
    _step(qtbot, requests, lambda d: d.satisfaction.setCurrentIndex(d.satisfaction.findData("satisfied")))
    assert archive.masses.request(request_id).state_label == "已回访"
    assert not requests.buttons["next"].isEnabled()
    assert "回访" in requests.detail.toPlainText() and "满意" in requests.detail.toPlainText()
    home = window.show_page("home")
    home.refresh()
    assert not [s for s in home.todo_sentences() if request.code in s]

    # -- the printed 民情台账 and the 目标管理 measures ------------------------------------
    target = tmp_path / "民情台账.pdf"
    page = window.show_page("masses")
    assert page.files.export_ledger(TODAY.year, str(target))
    qtbot.waitUntil(lambda: page.files.last_result is not None, timeout=20000)
    text = "".join(text_of(target).split())
    assert request.code in text and "院墙开裂" in text and "已回访" in text and "刘*妈" in text
    year = Period(TODAY.year, "year", 1)
    for key, shown in (("masses.completion", "100%"), ("masses.satisfaction", "100%")):
        result = measures.measure(archive, key, year)
        assert result.value_text == shown and request_id in [r.id for r in result.refs], key
