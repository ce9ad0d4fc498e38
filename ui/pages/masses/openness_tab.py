"""党务公开: what the rule asks the branch to post in a year and whether each went up on
time, every posting, and its 公开栏 sheet built from the records (docs/domain.md §15.3)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from branchdesk import clock, labels
from branchdesk.service import rules

from ...text import tr
from ...toolkit import styles
from ...toolkit.actions import button
from ...toolkit.models.ids_model import Col, IdsModel
from ...toolkit.tables import read_only_table, select_id, selected_id
from .service_common import YearTab
from .service_papers import ServicePapers


class _DueRow:
    def __init__(self, n: int, due):
        self.id, self.due = n, due


class OpennessTab(YearTab):
    def __init__(self, archive, page=None):
        super().__init__(archive, page, clock.today().year, "openness_year")
        self.papers = ServicePapers(self)
        self.summary.setObjectName("openness_summary")
        self.due = IdsModel([
            Col(tr("masses", "应公开事项"), lambda r: labels.label(labels.OPENNESS_KINDS, r.due.kind) + " "
                + rules.part_label(r.due.kind, r.due.covers_part), 130),
            Col(tr("masses", "截止日期"), lambda r: r.due.due_on.isoformat(), 90),
            Col(tr("masses", "情况"), lambda r: labels.label(labels.DUE_POSTING_STATES, r.due.state), 70),
        ], "masses", self)
        self.due.tint = lambda r: {"on_time": styles.ROW_DONE, "late": styles.ROW_WARN,
                                   "missing": styles.ROW_WARN}.get(r.due.state)
        self.due_table = read_only_table(self.due, "openness_due", stretch=0)
        self.postings = IdsModel([
            Col(tr("masses", "公开日期"), lambda p: p.posted_on.isoformat(), 90),
            Col(tr("masses", "类别"), lambda p: labels.label(labels.OPENNESS_KINDS, p.kind), 90),
            Col(tr("masses", "标题"), lambda p: p.title, 220),
            Col(tr("masses", "地点"), lambda p: p.place, 100),
            Col(tr("masses", "张贴期间"), lambda p: f"{p.hung_from:%m-%d}—{p.hung_to:%m-%d}", 100),
        ], "masses", self)
        self.posting_table = read_only_table(self.postings, "openness_postings", stretch=2)
        self.posting_table.doubleClicked.connect(lambda _: self.edit())
        buttons = QHBoxLayout()
        for widget in (button(tr("masses", "登记公开…"), self.add, "openness_add"),
                       button(tr("masses", "修改…"), self.edit, "openness_edit"),
                       button(tr("masses", "删除"), self.delete, "openness_delete"),
                       button(tr("masses", "预览 / 打印公开栏…"), self.preview, "openness_preview"),
                       button(tr("masses", "导出公开栏 PDF…"), self.export, "openness_export")):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        postings = QWidget()
        inner = QVBoxLayout(postings)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(buttons)
        inner.addWidget(self.posting_table, 1)
        due = QWidget()
        due_layout = QVBoxLayout(due)
        due_layout.setContentsMargins(0, 0, 0, 0)
        due_layout.addWidget(QLabel(tr("masses", "按规定应公开的事项")))
        due_layout.addWidget(self.due_table, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(postings)
        split.addWidget(due)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 0)
        split.setSizes([560, 330])  # the due list keeps room for its three columns at 1024 wide
        layout = QVBoxLayout(self)
        layout.addLayout(self.top_row())
        layout.addWidget(split, 1)
        self.load()

    def load(self) -> None:
        year = self.year.value()
        self.postings.set_items(self.archive.openness.postings(year))
        self.due.set_items([_DueRow(n, d) for n, d in enumerate(self.archive.openness.due(year), start=1)])
        done, counted = self.archive.openness.on_time_share(year)
        self.summary.setText(tr("masses", "到期应公开 {0} 项，按时公开 {1} 项（按时率 {2}）。规则：党费收缴每季度、"
                                          "计划每年、实事进展每半年、民主评议结果评定后15天内，张贴不少于7天。").format(
            counted, done, rules.percent(done / counted if counted else None)))

    def show_record(self, kind: str, posting_id: int) -> None:
        posting = self.archive.openness.posting(posting_id)
        if posting.covers_year != self.year.value():
            self.year.setValue(posting.covers_year)
        select_id(self.posting_table, posting_id)

    def add(self) -> bool:
        from .openness_dialogs import PostingDialog

        dialog = PostingDialog(self.archive, self.year.value(), parent=self)
        if not dialog.exec():
            return False
        posting = self.archive.openness.posting(dialog.saved_id)
        if posting.covers_year != self.year.value():
            self.year.setValue(posting.covers_year)
        self._changed(tr("masses", "已登记党务公开：{0}。").format(posting.title))
        select_id(self.posting_table, posting.id)
        return True

    def edit(self) -> bool:
        from .openness_dialogs import PostingDialog

        return self._edit_selected(self.posting_table, lambda posting_id: PostingDialog(
            self.archive, self.year.value(), self.archive.openness.posting(posting_id), self),
            tr("masses", "已保存党务公开记录。"))

    def delete(self, confirmed: bool = False) -> bool:
        return self._delete_selected(
            self.posting_table, tr("masses", "删除党务公开"),
            lambda posting_id: tr("masses", "删除「{0}」的公开记录吗？").format(self.archive.openness.posting(posting_id).title),
            self.archive.openness.delete, tr("masses", "已删除党务公开记录。"), confirmed)

    def _sheet(self):
        from branchdesk.service.boards import board_name, board_paper

        posting_id = selected_id(self.posting_table)
        if posting_id is None:
            self.page and self.page.say(tr("masses", "请先在列表中选择一次公开。"))
            return None
        return (lambda: board_paper(self.archive, posting_id),
                lambda: board_name(self.archive.openness.posting(posting_id)))

    def preview(self) -> bool:
        sheet = self._sheet()
        return bool(sheet) and self.papers.preview(*sheet)

    def export(self, path: str | None = None) -> bool:
        sheet = self._sheet()
        return bool(sheet) and self.papers.export(*sheet, path)
