"""换届选举 page: the committee and term in force, every election of the branch, and the
selected one walked step by step — 方案及批复, 候选人, 党员大会选举, 支委会选举书记副书记,
上级批复 — each step with its state and the button that records it (dialogs), the record
in full below, and its papers to preview and print (docs/domain.md §14)."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QMenu,
    QMessageBox,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from branchdesk import labels
from branchdesk.election.forms import STAGES_SHORT, STEP_TITLES

from ...text import tr
from ...toolkit.actions import button, run_action
from ...toolkit.fitting import FlowLayout
from ...toolkit.models.plain_table import PlainTableModel, TextColumn
from ...toolkit.paper_preview import PaperPreviews, paper_renderer
from ...toolkit.tables import read_only_table
from .dialogs import ApprovalDialog, CandidatesDialog, PlanDialog
from .vote_dialogs import AttendanceDialog, OfficesDialog, RoundDialog

# Which stage each step is done by: a step is done once the record's stage is past it.
ORDER = ["plan", "candidates", "meeting", "offices", "approval", "done"]
PAPERS = {"plan": "换届选举请示", "tally": "计票结果", "result": "选举结果请示"}


@dataclass(frozen=True)
class Column(TextColumn):
    width: int = 100


def _position(stage: str) -> int:
    return ORDER.index("meeting" if stage == "voting" else stage)


def _day(day) -> str:
    return f"{day:%Y-%m-%d}" if day else ""


class ElectionPage(QWidget):
    def __init__(self, archive, window=None):
        super().__init__()
        self.archive = archive
        self.window_ = window
        self.previews = PaperPreviews(self)
        self.committee = QLabel()
        self.committee.setObjectName("election_committee")
        self.committee.setWordWrap(True)
        self.new_button = button(tr("election", "新建换届方案…"), self.new_plan, "election_new")
        self.undo_button = button(tr("election", "撤销最后一轮计票"), self.undo_round, "election_undo")
        self.delete_button = button(tr("election", "删除记录"), self.delete, "election_delete")
        self.papers_button = QToolButton()
        self.papers_button.setObjectName("election_papers")
        self.papers_button.setText(tr("election", "预览 / 打印材料"))
        self.papers_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.papers_button)
        for kind, text in PAPERS.items():
            menu.addAction(tr("election", text) + "…", lambda k=kind: self.preview(k))
        self.papers_button.setMenu(menu)
        self.model = PlainTableModel([
            Column("年度", lambda r: str(r.year), width=50),
            Column("选举日期", lambda r: _day(r.held_on or r.planned_on), width=90),
            Column("进展", lambda r: STAGES_SHORT[r.stage], width=80),
        ], "election", self)
        self.table = read_only_table(self.model, "election_list", stretch=2)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_record())
        self.steps = self._steps_box()
        self.detail = QTextBrowser()
        self.detail.setObjectName("election_detail")
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(lambda url: self.open_meeting())
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.steps)
        right.addWidget(self.detail)
        right.setSizes([250, 330])
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setSizes([260, 740])
        actions = FlowLayout()
        for widget in (self.new_button, self.papers_button, self.undo_button, self.delete_button):
            actions.addWidget(widget)
        top = QWidget()
        top.setLayout(actions)
        layout = QVBoxLayout(self)
        layout.addWidget(self.committee)
        layout.addWidget(top)
        layout.addWidget(splitter, 1)
        self.load()

    def _steps_box(self) -> QGroupBox:
        box = QGroupBox(tr("election", "选举步骤"))
        grid = QGridLayout(box)
        self.state_labels: dict[str, QLabel] = {}
        self.step_buttons: dict[str, list] = {}
        actions = {
            "plan": [(tr("election", "修改方案…"), self.edit_plan, "plan_edit"),
                     (tr("election", "登记方案批复…"), self.approve_plan, "plan_approval")],
            "candidates": [(tr("election", "确定候选人…"), self.candidates, "candidates")],
            "meeting": [(tr("election", "登记到会情况…"), self.attendance, "attendance"),
                        (tr("election", "登记计票结果…"), self.vote, "vote")],
            "offices": [(tr("election", "登记书记、副书记…"), self.offices, "offices")],
            "approval": [(tr("election", "登记上级批复…"), self.approve_result, "approval")],
        }
        for row, (key, title) in enumerate(STEP_TITLES.items()):
            grid.addWidget(QLabel(f"{row + 1}. {tr('election', title)}"), row, 0)
            state = QLabel()
            state.setObjectName(f"election_state_{key}")
            state.setWordWrap(True)
            grid.addWidget(state, row, 1)
            self.state_labels[key] = state
            holder = QWidget()
            line = FlowLayout()
            holder.setLayout(line)
            self.step_buttons[key] = []
            for text, slot, name in actions[key]:
                widget = button(text, slot, f"election_{name}")
                line.addWidget(widget)
                self.step_buttons[key].append(widget)
            grid.addWidget(holder, row, 2)
        grid.setColumnStretch(1, 1)
        return box

    # -- reading ---------------------------------------------------------------
    def load(self, select: int | None = None) -> None:
        keep = select if select is not None else self.selected_id()
        records = self.archive.election.records()
        self.model.set_items(records)
        self._show_committee()
        rows = [n for n, r in enumerate(records) if r.id == keep] or ([len(records) - 1] if records else [])
        if rows:
            self.table.selectRow(rows[0])
        self.show_record()

    def _show_committee(self) -> None:
        own = self.archive.branch.own()
        seats = "；".join(f"{labels.COMMITTEE_POSTS[s.post]} {s.holder_name}" for s in own.committee) \
            or tr("election", "（未登记支委）")
        term = tr("election", "本届任期自 {0} 起，{1} 届满。").format(_day(own.term_started_on), _day(own.term_due_on)) \
            if own.term_started_on else tr("election", "未登记本届任期开始日期。")
        self.committee.setText(tr("election", "现任支委会：{0}。{1}{2}").format(seats, term, own.term_reminder()))

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.item(rows[0].row()).id if rows else None

    def record(self):
        election_id = self.selected_id()
        return self.archive.election.get(election_id) if election_id is not None else None

    def show_record(self) -> None:
        record = self.record()
        writable = not self.archive.read_only
        self.new_button.setEnabled(writable)
        position = _position(record.stage) if record else -1
        for n, key in enumerate(STEP_TITLES):
            if record is None:
                state = ""
            elif n < position:
                state = tr("election", "已完成") + self._done_note(record, key)
            elif n == position:
                state = tr("election", "当前：") + record.stage_label
            else:
                state = tr("election", "未开始")
            label = self.state_labels[key]
            label.setText(state)
            label.setStyleSheet("color:#1e7b34" if record and n < position else
                                ("color:#b03a2e;font-weight:bold" if record and n == position else "color:#777"))
            for widget in self.step_buttons[key]:  # only what can be done now: the row stays short
                can = writable and record is not None and self._can(record, key, widget)
                widget.setEnabled(can)
                widget.setVisible(can)
        self.undo_button.setEnabled(writable and record is not None and record.stage in ("voting", "offices"))
        self.delete_button.setEnabled(writable and record is not None and record.stage != "done")
        self.papers_button.setEnabled(record is not None)
        self.detail.setHtml(self._detail_html(record) if record else tr(
            "election", "<p>还没有换届选举记录。任期将满时，点「新建换届方案…」登记换届工作方案，然后按步骤办理。</p>"))

    def _can(self, record, key: str, widget) -> bool:
        name = widget.objectName()
        if key == "meeting":
            if name == "election_attendance":
                return record.stage == "meeting" or (record.stage == "voting" and record.rounds[-1].outcome.void)
            return record.stage == "voting" or (record.stage == "meeting" and record.held_on is not None)
        if key == "candidates":
            return record.stage in ("candidates", "meeting") and not record.rounds
        if key == "offices":
            return record.stage in ("offices", "approval")
        return record.stage == key

    @staticmethod
    def _done_note(record, key: str) -> str:
        notes = {  # the 文号 are in the record below
            "plan": f"（{_day(record.plan_approved_on)} 批复）",
            "candidates": f"（{len(record.candidates)} 名）",
            "meeting": f"（{_day(record.held_on)}，当选 {len(record.elected)} 名）",
            "offices": f"（{_day(record.offices_on)}）",
            "approval": f"（{_day(record.result_approved_on)} 批复）",
        }
        return notes[key]

    def _detail_html(self, record) -> str:
        e = html.escape
        parts = [f"<h3>{e(record.title)}（{e(record.stage_label)}）</h3>",
                 f"<p>计划 {_day(record.planned_on)} 召开党员大会，应选委员 {record.places} 名，副书记 {record.deputies} 名。"
                 + (f"方案批复：{_day(record.plan_approved_on)} {e(record.plan_approval_no)}。" if record.plan_approved_on else "")
                 + "</p>"]
        if record.candidates:
            parts.append(f"<p><b>候选人</b>：{e('、'.join(p.name for p in record.candidates))}</p>")
        if record.meeting_id is not None:
            parts.append(f"<p><a href='meeting:{record.meeting_id}'>打开党员大会会议记录</a>"
                         + (f"（{_day(record.held_on)} 召开）" if record.held_on else "（尚未登记召开）") + "</p>")
        for n, r in enumerate(record.rounds, start=1):
            cells = "".join(f"<tr><td>{e(v.name)}</td><td align='center'>{v.yes}</td></tr>" for v in r.votes)
            parts.append(f"<p><b>第 {n} 轮（{e(r.kind_label)}）</b>：应到 {r.due}，实到 {r.present}，发出 {r.issued}，"
                         f"收回 {r.returned}，无效 {r.invalid}。{e(r.outcome.explanation)}</p>"
                         "<table border='1' cellspacing='0' cellpadding='3'><tr><th>候选人</th><th>赞成票</th></tr>"
                         f"{cells}</table>")
        if record.elected:
            parts.append(f"<p><b>当选委员</b>：{e('、'.join(p.name for p in record.elected))}</p>")
        if record.offices:
            offices = "；".join(f"{labels.COMMITTEE_POSTS[o.post]} {o.name}" + (f"（{o.votes} 票）" if o.votes else "")
                                for o in record.offices)
            parts.append(f"<p><b>分工</b>（{_day(record.offices_on)}）：{e(offices)}</p>")
        if record.stage == "done":
            before = "；".join(f"{labels.COMMITTEE_POSTS.get(p, p)} {n}" for p, n in record.previous_committee) or "未登记"
            parts.append(f"<p><b>选举结果批复</b>：{_day(record.result_approved_on)} {e(record.result_approval_no)}。</p>"
                         f"<p><b>上届支委会</b>：{e(before)}（任期自 {_day(record.previous_term_started_on) or '未登记'} 起）</p>")
        return "".join(parts)

    # -- steps -----------------------------------------------------------------
    def _dialog(self, dialog) -> bool:
        if dialog.exec() and dialog.saved_id is not None:
            self.load(dialog.saved_id)
            return True
        return False

    def new_plan(self) -> bool:
        return self._dialog(PlanDialog(self.archive, parent=self))

    def edit_plan(self) -> bool:
        return self._dialog(PlanDialog(self.archive, self.selected_id(), parent=self))

    def approve_plan(self) -> bool:
        return self._dialog(ApprovalDialog(self.archive, self.selected_id(), "plan", parent=self))

    def candidates(self) -> bool:
        return self._dialog(CandidatesDialog(self.archive, self.selected_id(), parent=self))

    def attendance(self) -> bool:
        return self._dialog(AttendanceDialog(self.archive, self.selected_id(), parent=self))

    def vote(self) -> bool:
        return self._dialog(RoundDialog(self.archive, self.selected_id(), parent=self))

    def offices(self) -> bool:
        return self._dialog(OfficesDialog(self.archive, self.selected_id(), parent=self))

    def approve_result(self) -> bool:
        return self._dialog(ApprovalDialog(self.archive, self.selected_id(), "result", parent=self))

    def undo_round(self) -> None:
        record = self.record()
        if record is None or not record.rounds:
            return
        question = tr("election", "撤销第 {0} 轮（{1}）的计票结果吗？撤销会记入操作日志。").format(
            len(record.rounds), record.rounds[-1].kind_label)
        if QMessageBox.question(self, tr("election", "撤销计票结果"), question) == QMessageBox.StandardButton.Yes \
                and run_action(self, self.archive.election.undo_round, record.id):
            self.load(record.id)

    def delete(self) -> None:
        record = self.record()
        if record is None:
            return
        question = tr("election", "删除「{0}」吗？只有误建或不再进行的换届记录才删除（党员大会会议记录保留）。").format(record.title)
        if QMessageBox.question(self, tr("election", "删除换届选举记录"), question) == QMessageBox.StandardButton.Yes \
                and run_action(self, self.archive.election.delete, record.id):
            self.load()

    def preview(self, kind: str) -> bool:
        from branchdesk.election import exports
        from branchdesk.errors import BranchDeskError

        from ...errors import show_error

        election_id = self.selected_id()
        if election_id is None:
            return False
        try:
            paper = exports.paper_of(self.archive, election_id, kind)
        except BranchDeskError as error:
            show_error(self, error, tr("election", "无法预览"))
            return False
        name = exports.paper_name(self.archive, election_id, kind)
        return self.previews.open(name, name + ".pdf", paper_renderer(paper))

    def open_meeting(self) -> None:
        record = self.record()
        if record is not None and record.meeting_id is not None and hasattr(self.window_, "show_page"):
            self.window_.show_page("meetings").open_meeting(record.meeting_id)

    # -- navigation ------------------------------------------------------------
    def refresh(self) -> None:
        """Shown again: the committee may have been edited in 设置, the meeting held."""
        self.load()

    def has_unsaved_changes(self) -> bool:
        return False  # every step is typed in a dialog that asks before closing
