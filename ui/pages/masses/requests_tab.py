"""民情诉求 tab: the year's 民情台账 — each request with its channel, state, owner and
deadline (overdue ones tinted), the selected request's steps, and the button for its
next step (交办 → 办结 → 反馈 → 回访), 办理情况 notes, 列入整改台账, and the papers."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from branchdesk import clock, labels
from branchdesk.masses.papers import step_lines, tally_line

from ...text import tr
from ...toolkit import styles
from ...toolkit.actions import button
from ...toolkit.fitting import FlowLayout
from ...toolkit.models.plain_table import PlainTableModel
from ...toolkit.tables import read_only_table
from .common import Column
from .dialogs import (
    AssignDialog,
    DoneDialog,
    FeedbackDialog,
    ForumDialog,
    ProgressDialog,
    RectifyDialog,
    RevisitDialog,
    TakeDialog,
)
from .opinions_dialog import OpinionsDialog

# the state a request is in → (the next step's button text, its dialog)
NEXT_STEPS = {
    "received": ("交办…", AssignDialog),
    "assigned": ("办结…", DoneDialog),
    "handling": ("办结…", DoneDialog),
    "done": ("反馈…", FeedbackDialog),
    "fed_back": ("回访…", RevisitDialog),
}


class RequestsTab(QWidget):
    def __init__(self, archive, page):
        super().__init__()
        self.archive, self.page = archive, page
        self.year = QComboBox()
        self.year.setObjectName("masses_year")
        this_year = clock.today().year
        for year in sorted({this_year, *archive.masses.request_years()}, reverse=True):
            self.year.addItem(tr("masses", "{0}年").format(year), year)
        self.year.currentIndexChanged.connect(self.load)
        self.state = QComboBox()
        self.state.setObjectName("masses_state")
        self.state.addItem(tr("masses", "全部状态"), "")
        self.state.addItem(tr("masses", "未办结"), "open")
        self.state.addItem(tr("masses", "逾期未办结"), "overdue")
        for key, text in labels.MASSES_STATES.items():
            self.state.addItem(text, key)
        self.state.currentIndexChanged.connect(self.load)
        self.buttons = {
            "take": button(tr("masses", "受理…"), self.take, "masses_take"),
            "forum": button(tr("masses", "从座谈会登记…"), self.from_forum, "masses_from_forum"),
            "opinions": button(tr("masses", "组织生活会意见…"), self.opinions, "masses_opinions"),
            "next": button(tr("masses", "下一步"), self.next_step, "masses_next"),
            "progress": button(tr("masses", "登记办理情况…"), self.progress, "masses_progress"),
            "reassign": button(tr("masses", "重新交办…"), self.reassign, "masses_reassign"),
            "rectify": button(tr("masses", "列入整改台账…"), self.rectify, "masses_rectify"),
        }
        self.papers_button = QToolButton()
        self.papers_button.setObjectName("masses_papers")
        self.papers_button.setText(tr("masses", "预览、打印与导出"))
        self.papers_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.papers_button)
        files = page.files
        for text, slot in ((tr("masses", "预览 / 打印民情台账…"), lambda: files.preview_ledger(self.shown_year())),
                           (tr("masses", "导出民情台账（PDF 或 Excel）…"), lambda: files.export_ledger(self.shown_year())),
                           (tr("masses", "预览 / 打印诉求办理单…"), lambda: files.preview_request(self.selected())),
                           (tr("masses", "导出诉求办理单…"), lambda: files.export_request(self.selected()))):
            menu.addAction(text, slot)
        self.papers_button.setMenu(menu)
        self.tally = QLabel()
        self.tally.setObjectName("masses_tally")
        self.tally.setWordWrap(True)
        today = clock.today()
        self.model = PlainTableModel([
            Column("编号", lambda q: q.code, width=76),
            Column("渠道", lambda q: q.channel_label, width=76),
            Column("诉求内容", lambda q: q.content, width=200),
            Column("承办人", lambda q: q.owner_name, width=56),
            Column("办理时限", lambda q: f"{q.deadline:%Y-%m-%d}" if q.deadline else "", width=86),
            Column("状态", lambda q: q.state_label + (tr("masses", "·逾期") if q.is_overdue(today) else ""), width=80),
        ], "masses", self)
        self.model.tooltip = lambda q: f"{q.code}（{q.received_on:%Y-%m-%d} 受理）：{q.content}"
        self.model.tint = lambda q, _column: (styles.ROW_WARN if q.is_overdue(clock.today()) else
                                              styles.ROW_DONE if q.state == "revisited" else None)
        self.table = read_only_table(self.model, "masses_requests", stretch=2)
        self.table.selectionModel().selectionChanged.connect(self.show_detail)
        self.table.doubleClicked.connect(lambda _index: self.next_step())
        self.detail = QTextBrowser()
        self.detail.setObjectName("masses_request_detail")
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setSizes([700, 300])
        splitter.setStretchFactor(0, 1)
        top = QHBoxLayout()
        top.addWidget(self.year)
        top.addWidget(self.state)
        top.addWidget(self.papers_button)
        top.addStretch(1)
        actions = FlowLayout()
        for widget in self.buttons.values():
            actions.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.tally)
        layout.addWidget(splitter, 1)
        self.load()

    def shown_year(self) -> int:
        return self.year.currentData() or clock.today().year

    def load(self, *args) -> None:
        masses = self.archive.masses
        keep = self.selected()
        state = self.state.currentData()
        if state == "overdue":
            ids = masses.request_ids(overdue_only=True)
        else:
            ids = masses.request_ids(year=self.shown_year(), state=state or None)
        self.model.set_items(masses.requests(ids))
        self.tally.setText(tally_line(masses.tally(self.shown_year())))
        if keep is not None:
            self.select(keep)
        self.show_detail()

    def select(self, request_id: int) -> bool:
        for row, q in enumerate(self.model.items()):
            if q.id == request_id:
                self.table.selectRow(row)
                return True
        return False

    def open_request(self, request_id: int) -> None:
        """Show the request whatever the filters, selected, with its steps."""
        q = self.archive.masses.request(request_id)
        if not self.select(request_id):
            self.state.blockSignals(True)
            self.state.setCurrentIndex(0)
            self.state.blockSignals(False)
            index = self.year.findData(q.year)
            if index < 0:
                self.year.addItem(tr("masses", "{0}年").format(q.year), q.year)
                index = self.year.count() - 1
            self.year.setCurrentIndex(index)
            self.load()
            self.select(request_id)

    def selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.item(rows[0].row()).id if rows else None

    def show_detail(self, *args) -> None:
        request_id = self.selected()
        writable = not self.archive.read_only
        for key in ("take", "forum", "opinions"):
            self.buttons[key].setEnabled(writable)
        if request_id is None:
            self.detail.setHtml(tr("masses", "<p>选择一件诉求，在这里查看办理过程；「下一步」登记它的下一个环节。</p>"))
            for key in ("next", "progress", "reassign", "rectify"):
                self.buttons[key].setEnabled(False)
            self.buttons["next"].setText(tr("masses", "下一步"))
            return
        q = self.archive.masses.request(request_id)
        step = NEXT_STEPS.get(q.state)
        self.buttons["next"].setText(tr("masses", "下一步：{0}").format(step[0]) if step else tr("masses", "已回访，全部办完"))
        self.buttons["next"].setEnabled(writable and step is not None)
        open_ = q.state in ("assigned", "handling")
        self.buttons["progress"].setEnabled(writable and open_)
        self.buttons["reassign"].setEnabled(writable and open_)
        self.buttons["rectify"].setEnabled(writable and q.rectification_id is None)
        e = html.escape
        person = q.shown_person(self.page.reveal.shown)
        parts = [f"<h3>{e(q.code)}（{e(q.state_label)}）</h3>",
                 f"<p>{e(q.content)}</p>",
                 f"<p>{tr('masses', '提出人')}：{e(person or '—')}</p>"]
        if q.is_overdue(clock.today()):
            days = (clock.today() - q.deadline).days
            parts.append(f"<p style='color:#b03a2e'>{tr('masses', '已逾期 {0} 天，请督办。').format(days)}</p>")
        rows = "".join(f"<tr><td>{e(what)}</td><td>{e(text)}</td></tr>" for what, text in step_lines(self.archive, q))
        parts.append(f"<table border='1' cellspacing='0' cellpadding='3' width='100%'>{rows}</table>")
        self.detail.setHtml("".join(parts))

    # -- actions -----------------------------------------------------------------
    def _run(self, dialog) -> bool:
        if dialog.exec() and dialog.saved_id is not None:
            self.page.changed()
            return True
        return False

    def take(self) -> int | None:
        dialog = TakeDialog(self.archive, parent=self)
        if self._run(dialog):
            self.open_request(dialog.saved_id)
            return dialog.saved_id
        return None

    def from_forum(self) -> None:
        dialog = ForumDialog(self.archive, parent=self)
        if self._run(dialog):
            self.open_request(dialog.saved_id)

    def opinions(self) -> None:
        dialog = OpinionsDialog(self.archive, parent=self)
        dialog.exec()
        if dialog.taken:
            self.page.changed()
            self.open_request(dialog.taken[-1])

    def _chosen(self) -> int | None:
        request_id = self.selected()
        if request_id is None:
            self.page.say(tr("masses", "请先在台账中选择一件诉求。"))
        return request_id

    def next_dialog(self):
        """The dialog of the selected request's next step (None when all is done)."""
        request_id = self._chosen()
        if request_id is None:
            return None
        step = NEXT_STEPS.get(self.archive.masses.request(request_id).state)
        return step[1](self.archive, request_id, parent=self) if step else None

    def next_step(self) -> bool:
        dialog = self.next_dialog()
        return dialog is not None and self._run(dialog)

    def progress(self) -> None:
        request_id = self._chosen()
        if request_id is not None:
            self._run(ProgressDialog(self.archive, request_id, parent=self))

    def reassign(self) -> None:
        request_id = self._chosen()
        if request_id is not None:
            self._run(AssignDialog(self.archive, request_id, parent=self))

    def rectify(self) -> None:
        request_id = self._chosen()
        if request_id is not None and self._run(RectifyDialog(self.archive, request_id, parent=self)):
            self.page.say(tr("masses", "已列入整改台账，可在「整改台账」中跟踪整改和销号。"))
