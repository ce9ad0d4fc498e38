"""Under the roster, a tab beside the member's year and status history: the selected
member's 表彰 and 处分 (docs/domain.md §17), a 留党察看 in its period as a warning, and the
buttons to record, correct or delete one. The facts of a 处分 are covered until the app
password is confirmed (as the 组织生活会's criticism texts are)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from branchdesk import clock
from branchdesk.errors import BranchDeskError

from ...access import confirm_sensitive
from ...errors import show_error
from ...text import tr
from ...toolkit import styles
from ...toolkit.actions import ask_text, button
from ...toolkit.tables import row_height
from .dialogs import CommendationDialog, DisciplineDialog

HEADERS = ["类别", "日期", "名称或种类", "授予或决定机关", "文号", "说明或主要事实"]


class MemberHonoursView(QWidget):
    def __init__(self, archive, session, parent=None):
        super().__init__(parent)
        self.archive, self.session = archive, session
        self.member_id: int | None = None
        # called with the member after a save or delete (an 开除党籍 changes the roster)
        self.on_change = None
        self.rows: list = []  # the records shown, one per table row
        self.title = QLabel()
        self.title.setObjectName("member_honours_title")
        self.add_praise = button(tr("honours", "登记表彰…"), self.commend, "add_commendation")
        self.add_discipline = button(tr("honours", "登记处分…"), self.discipline, "add_discipline")
        self.edit_button = button(tr("honours", "修改"), self.edit_selected, "edit_honour")
        self.delete_button = button(tr("honours", "删除"), self.delete_selected, "delete_honour")
        self.reveal_button = button(tr("honours", "显示处分事实（验证密码）"), self.reveal, "reveal_facts")
        # a 留党察看 in its period: said in the title line (the full sentence as its tooltip), so
        # the tab is no taller than the others beside it and the table is never cut
        self.warnings = QLabel()
        self.warnings.setObjectName("member_honours_warnings")
        self.warnings.setStyleSheet(styles.banner("warning"))
        self.warnings.hide()
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("member_honours_table")
        self.table.setHorizontalHeaderLabels([tr("honours", h) for h in HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(row_height())
        header = self.table.horizontalHeader()
        for column in range(len(HEADERS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        # as tall as the status history beside it: its title is a label, this one has buttons
        taller = max(0, self.add_praise.sizeHint().height() - self.title.sizeHint().height())
        self.table.setFixedHeight(header.sizeHint().height() + 3 * row_height() + 4 - taller)
        self.table.doubleClicked.connect(lambda *_: self.edit_selected())
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.warnings, 1)
        for widget in (self.add_praise, self.add_discipline, self.edit_button, self.delete_button, self.reveal_button):
            top.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.show_member(None)

    @property
    def revealed(self) -> bool:
        return not self.session.sensitive_gate()

    def show_member(self, member_id: int | None) -> None:
        self.member_id = member_id
        self.table.setRowCount(0)
        self.rows = []
        self.warnings.hide()
        for widget in (self.add_praise, self.add_discipline, self.edit_button, self.delete_button):
            widget.setEnabled(member_id is not None and not self.archive.read_only)
        if member_id is None:
            self.title.setText(tr("honours", "选中一名党员，这里显示其受到的表彰和处分。"))
            self.reveal_button.hide()
            return
        name = self.archive.members.get(member_id).name
        praised = self.archive.honours.commendations(member_id=member_id)
        punished = self.archive.honours.disciplines(member_id=member_id)
        self.title.setText(tr("honours", "{0}　表彰 {1} 项，处分和组织处理 {2} 项").format(name, len(praised), len(punished)))
        revealed = self.revealed
        self.reveal_button.setVisible(bool(punished) and not revealed)
        lines = [(r.granted_on, [tr("honours", "表彰"), r.granted_on.isoformat(), r.title, r.granted_by, r.doc_no or "—",
                                 r.note or "—"], r) for r in praised]
        lines += [(r.decided_on, [tr("honours", "处分") if r.is_party_discipline else tr("honours", "组织处理"),
                                  r.decided_on.isoformat(), r.kind_label, r.decided_by, r.doc_no or "—",
                                  r.facts_shown(revealed) or "—"], r) for r in punished]
        lines.sort(key=lambda line: line[0], reverse=True)
        self.table.setRowCount(len(lines))
        for row, (_day, cells, record) in enumerate(lines):
            self.rows.append(record)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        warnings = self.archive.honours.warnings(member_id, clock.today())
        if warnings:
            self.warnings.setText(tr("honours", "留党察看期间：无表决权、选举权和被选举权"))
            self.warnings.setToolTip("\n".join(warnings))
            self.warnings.show()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.show_member(self.member_id)  # covered again once the grace time is over

    def reveal(self) -> None:
        if confirm_sensitive(self, self.session):
            self.show_member(self.member_id)

    def selected(self):
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def commend(self) -> int | None:
        return self._run(CommendationDialog(self.archive, self.member_id, self))

    def discipline(self) -> int | None:
        return self._run(DisciplineDialog(self.archive, self.member_id, self))

    def edit_selected(self) -> int | None:
        record = self.selected()
        if record is None:
            return None
        if hasattr(record, "granted_on"):
            return self._run(CommendationDialog(self.archive, self.member_id, self, record))
        if not self.revealed and not confirm_sensitive(self, self.session):
            return None  # the form shows the facts
        return self._run(DisciplineDialog(self.archive, self.member_id, self, record))

    def delete_selected(self) -> None:
        record = self.selected()
        if record is None:
            return
        try:
            if hasattr(record, "granted_on"):
                asked = QMessageBox.question(self, tr("honours", "删除表彰"),
                                             tr("honours", "删除{0}的表彰「{1}」？").format(record.member_name, record.title))
                if asked != QMessageBox.StandardButton.Yes:
                    return
                self.archive.honours.delete_commendation(record.id)
            else:
                reason = ask_text(self, tr("honours", "删除处分"),
                                  tr("honours", "删除{0}的「{1}」的原因（如录入错误、申诉后撤销）：").format(
                                      record.member_name, record.kind_label))
                if reason is None:
                    return
                self.archive.honours.delete_discipline(record.id, reason)
        except BranchDeskError as error:
            show_error(self, error)
        self._changed()

    def _run(self, dialog) -> int | None:
        saved = dialog.saved_id if dialog.exec() else None
        self._changed()
        return saved

    def _changed(self) -> None:
        member_id = self.member_id
        if self.on_change is not None:
            self.on_change(member_id)
        self.show_member(member_id)
