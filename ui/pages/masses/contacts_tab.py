"""联系户 tab: each member's households with the contact rule's state (本期已走访, 待走访,
逾期未走访), a household's history at a glance, and the import of a 联系户 list. Phones
and circumstances are masked until 「显示电话和家庭情况」 (docs/domain.md §14.1)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from branchdesk import labels

from ...text import tr
from ...toolkit import styles
from ...toolkit.actions import button, run_action
from ...toolkit.fitting import FlowLayout
from ...toolkit.models.plain_table import PlainTableModel
from ...toolkit.tables import read_only_table
from .common import Column
from .dialogs import HouseholdDialog

TINTS = {"behind": styles.ROW_WARN, "due": styles.ROW_PENDING, "visited": styles.ROW_DONE}


class ContactsTab(QWidget):
    def __init__(self, archive, page):
        super().__init__()
        self.archive, self.page = archive, page
        self.member = QComboBox()
        self.member.setObjectName("masses_member")
        self.member.currentIndexChanged.connect(self.load)
        self.period = QComboBox()
        self.period.setObjectName("masses_period")
        for key, text in labels.MASSES_CONTACT_PERIODS.items():
            self.period.addItem(tr("masses", "{0}走访一次").format(text), key)
        self.period.activated.connect(self.set_period)
        self.buttons = {
            "add": button(tr("masses", "新增联系户…"), self.add, "masses_add_household"),
            "edit": button(tr("masses", "修改…"), self.edit, "masses_edit_household"),
            "visit": button(tr("masses", "登记走访…"), self.visit, "masses_visit"),
            "end": button(tr("masses", "停止联系"), self.end, "masses_end_household"),
            "import": button(tr("masses", "从 Excel 导入…"), lambda: page.files.import_households(), "masses_import"),
        }
        self.template = button(tr("masses", "导入表模板…"), lambda: page.files.save_template(), "masses_template")
        self.reveal = button(tr("masses", "显示电话和家庭情况…"), self.show_full, "masses_reveal")
        self.upward = QCheckBox(tr("masses", "上报数据包带上群众姓名、电话和诉求内容"))
        self.upward.setObjectName("masses_bundle_people")
        self.upward.setToolTip(tr("masses", "默认不带：上级只看到数量、日期和办理状态。"))
        self.upward.clicked.connect(self.set_upward)
        self.summary = QLabel()
        self.summary.setObjectName("masses_contacts_summary")
        self.summary.setWordWrap(True)
        self.model = PlainTableModel([
            Column("姓名", lambda h: h.name, width=64),
            Column("村组", lambda h: h.address, width=48),
            Column("类别", lambda h: h.kind_label, width=64),
            Column("联系党员", lambda h: h.member_name or tr("masses", "未分配"), width=64),
            Column("电话", lambda h: h.shown_phone(self.page.reveal.shown), width=96),
            Column("最近走访", lambda h: f"{h.last_visit:%Y-%m-%d}" if h.last_visit else tr("masses", "未走访"), width=84),
            Column("走访情况", lambda h: h.state_label, width=84),
        ], "masses", self)
        self.model.tint = lambda h, _column: TINTS.get(h.contact_state)
        self.table = read_only_table(self.model, "masses_households", stretch=6)
        self.table.selectionModel().selectionChanged.connect(self.show_history)
        self.table.doubleClicked.connect(lambda _index: self.visit())
        self.history = QTextBrowser()
        self.history.setObjectName("masses_history")
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.history)
        splitter.setSizes([700, 300])
        splitter.setStretchFactor(0, 1)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("masses", "联系党员")))
        top.addWidget(self.member)
        top.addWidget(QLabel(tr("masses", "走访频次")))
        top.addWidget(self.period)
        top.addStretch(1)
        top.addWidget(self.upward)
        actions = FlowLayout()
        for widget in [*self.buttons.values(), self.template, self.reveal]:
            actions.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        self.fill_members()
        self.load()

    def fill_members(self) -> None:
        keep = self.member.currentData()
        self.member.blockSignals(True)
        self.member.clear()
        self.member.addItem(tr("masses", "全部党员"), None)
        for row in self.archive.masses.member_contacts():
            if row.member_id is not None:
                self.member.addItem(row.member_name, row.member_id)
        self.member.setCurrentIndex(max(self.member.findData(keep), 0))
        self.member.blockSignals(False)

    def load(self, *args) -> None:
        masses = self.archive.masses
        keep = self.selected()
        self.period.setCurrentIndex(max(self.period.findData(masses.contact_period()), 0))
        self.model.set_items(masses.households(masses.household_ids(self.member.currentData())))
        rows = masses.member_contacts()
        behind = [f"{r.member_name or tr('masses', '未分配')} {r.behind} 户" for r in rows if r.behind]
        total = sum(r.households for r in rows)
        text = tr("masses", "共 {0} 户，本期已走访 {1} 户，待走访 {2} 户。").format(
            total, sum(r.visited for r in rows), sum(r.due for r in rows))
        if behind:
            text += tr("masses", "上一周期没有走访：{0}。").format("、".join(behind))
        self.summary.setText(text)
        writable = not self.archive.read_only
        for widget in self.buttons.values():
            widget.setEnabled(writable)
        self.period.setEnabled(writable)
        self.upward.setChecked(masses.bundle_people())
        self.upward.setEnabled(writable)
        if keep is not None:
            self.select(keep)
        self.show_history()

    def select(self, household_id: int) -> bool:
        for row, h in enumerate(self.model.items()):
            if h.id == household_id:
                self.table.selectRow(row)
                return True
        return False

    def show_member(self, member_id: int | None) -> None:
        """From 首页: the households of one member (who has some behind)."""
        self.member.setCurrentIndex(max(self.member.findData(member_id), 0))

    def selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.item(rows[0].row()).id if rows else None

    def show_history(self, *args) -> None:
        household_id = self.selected()
        if household_id is None:
            self.history.setHtml(tr("masses", "<p>选择一户，在这里查看走访记录和诉求。</p>"))
            return
        h, visits, requests = self.archive.masses.history(household_id)
        e = html.escape
        full = self.page.reveal.shown
        parts = [f"<h3>{e(h.name)}（{e(h.kind_label)}）</h3>",
                 f"<p>{e(h.address)}　{tr('masses', '电话')} {e(h.shown_phone(full) or '—')}<br>"
                 f"{tr('masses', '联系党员')} {e(h.member_name or '未分配')}，{h.listed_on:%Y-%m-%d} {tr('masses', '列入')}</p>"]
        if h.circumstances:
            parts.append(f"<p><b>{tr('masses', '家庭情况')}：</b>{e(h.shown_circumstances(full))}</p>")
        parts.append(f"<p><b>{tr('masses', '走访记录')}（{len(visits)}）</b></p>")
        parts += [f"<p>{v.visited_on:%Y-%m-%d} {e(v.member_name)}：{e(v.seen)}"
                  + (f"<br>{tr('masses', '诉求')}：{e(v.asked)}" if v.asked else "") + "</p>" for v in visits[:20]]
        if requests:
            parts.append(f"<p><b>{tr('masses', '民情诉求')}（{len(requests)}）</b></p>")
            parts += [f"<p>{e(q.code)} {e(q.state_label)}：{e(q.content)}</p>" for q in requests]
        self.history.setHtml("".join(parts))

    # -- actions -----------------------------------------------------------------
    def _chosen(self) -> int | None:
        household_id = self.selected()
        if household_id is None:
            self.page.say(tr("masses", "请先在列表中选择一户。"))
        return household_id

    def add(self) -> int | None:
        dialog = HouseholdDialog(self.archive, parent=self)
        if dialog.exec() and dialog.saved_id is not None:
            self.page.changed()
            self.select(dialog.saved_id)
            return dialog.saved_id
        return None

    def edit(self) -> None:
        household_id = self._chosen()
        if household_id is not None and HouseholdDialog(self.archive, household_id, parent=self).exec():
            self.page.changed()

    def visit(self) -> int | None:
        return self.page.record_visit(self.selected(), self)

    def end(self) -> None:
        household_id = self._chosen()
        if household_id is not None and self.page.ask(tr("masses", "停止联系这一户吗？走访记录和诉求保留。")) \
                and run_action(self, self.archive.masses.end_household, household_id):
            self.page.changed()

    def set_period(self, *args) -> None:
        if run_action(self, self.archive.masses.set_contact_period, self.period.currentData()):
            self.page.changed()

    def set_upward(self, include: bool) -> None:
        """The branch's choice to send the people upward; asked again before it is made."""
        if include and not self.page.ask(tr("masses", "上报数据包将带上联系户的姓名、电话、家庭情况和群众诉求的内容。确定吗？")):
            self.upward.setChecked(False)
            return
        run_action(self, self.archive.masses.set_bundle_people, include)
        self.upward.setChecked(self.archive.masses.bundle_people())

    def show_full(self) -> None:
        if self.page.reveal.ask():
            self.page.changed()
