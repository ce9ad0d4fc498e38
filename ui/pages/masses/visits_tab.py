"""走访 tab: the year's 走访, newest first, with what was seen and asked and the request
it became; a 走访 logged by mistake can be deleted (not one a request came from)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from branchdesk import clock

from ...text import tr
from ...toolkit.actions import button, run_action
from ...toolkit.models.plain_table import PlainTableModel
from ...toolkit.tables import read_only_table
from .common import Column


class VisitsTab(QWidget):
    def __init__(self, archive, page):
        super().__init__()
        self.archive, self.page = archive, page
        self.year = QComboBox()
        self.year.setObjectName("masses_visits_year")
        this_year = clock.today().year
        for year in range(this_year, this_year - 5, -1):
            self.year.addItem(tr("masses", "{0}年").format(year), year)
        self.year.currentIndexChanged.connect(self.load)
        self.add_button = button(tr("masses", "登记走访…"), self.add, "masses_visits_add")
        self.delete_button = button(tr("masses", "删除走访记录"), self.delete, "masses_visits_delete")
        self.count = QLabel()
        self.count.setObjectName("masses_visits_count")
        self.model = PlainTableModel([
            Column("日期", lambda v: f"{v.visited_on:%Y-%m-%d}", width=90),
            Column("联系户", lambda v: v.household_name, width=80),
            Column("走访党员", lambda v: v.member_name, width=70),
            Column("看到的情况", lambda v: v.seen, width=260),
            Column("群众提出的诉求", lambda v: v.asked, width=220),
            Column("受理为诉求", lambda v: "、".join(self._codes(v.request_ids)), width=90),
        ], "masses", self)
        self.table = read_only_table(self.model, "masses_visits", stretch=3)
        top = QHBoxLayout()
        top.addWidget(self.year)
        top.addWidget(self.add_button)
        top.addWidget(self.delete_button)
        top.addWidget(self.count, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.load()

    def _codes(self, request_ids) -> list[str]:
        return [q.code for q in self.archive.masses.requests(list(request_ids))] if request_ids else []

    def load(self, *args) -> None:
        visits = self.archive.masses.visits(year=self.year.currentData())
        self.model.set_items(visits)
        asked = sum(bool(v.asked) for v in visits)
        self.count.setText(tr("masses", "共走访 {0} 次，其中群众提出诉求 {1} 次").format(len(visits), asked))
        writable = not self.archive.read_only
        self.add_button.setEnabled(writable)
        self.delete_button.setEnabled(writable)

    def add(self) -> int | None:
        return self.page.record_visit(None, self)

    def delete(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.page.say(tr("masses", "请先在列表中选择一次走访。"))
            return
        visit = self.model.item(rows[0].row())
        if self.page.ask(tr("masses", "删除 {0} 对{1}的走访记录吗？").format(f"{visit.visited_on:%Y-%m-%d}", visit.household_name)) \
                and run_action(self, self.archive.masses.delete_visit, visit.id):
            self.page.changed()
