"""设置: the branch's identity, committee and term, and its party groups."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from branchdesk import labels
from branchdesk.branch import BranchInfo, CommitteeSeat
from branchdesk.errors import BranchDeskError, ValidationError, ValidationErrors
from branchdesk.recruit.exports import PUBLICITY_RANGE, publicity_days, set_publicity_days
from branchdesk.setup.start import parse_start, record_start, set_record_start

from ..errors import show_error
from ..text import tr
from ..toolkit import styles
from ..toolkit.drafting import apply_draft, draft_of
from ..toolkit.form_state import TrackedForm, capture, restore
from ..toolkit.forms import DateField, ErrorForm, read_dates
from ..toolkit.unsaved import ask_before_leaving
from ..wizard.steps import CommitteeStep, GroupsStep, SetupStepDialog
from .branch_key_box import BranchKeyBox
from .font_size_box import FontSizeBox
from .name_order_choice import NameOrderChoice
from .security import SecurityBox

GROUP_ID_ROLE = Qt.ItemDataRole.UserRole
GROUP_NAME_ROLE = Qt.ItemDataRole.UserRole + 1


class SettingsPage(QWidget):
    def __init__(self, archive, window=None):
        super().__init__()
        self.archive = archive
        self.form = ErrorForm()
        self.name = self.form.add_row("name", tr("settings", "支部名称 *"), QLineEdit())
        self.name.setObjectName("branch_name")
        self.code = self.form.add_row("code", tr("settings", "组织代码"), QLineEdit())
        self.kind = self.form.add_row("kind", tr("settings", "支部类型 *"), QComboBox())
        for key, text in labels.BRANCH_KINDS.items():
            self.kind.addItem(text, key)
        self.higher = self.form.add_row("higher_org", tr("settings", "上级党组织"), QLineEdit())
        self.founded = self.form.add_row("founded_on", tr("settings", "成立日期"), DateField("founded_on", "成立日期"))
        self.term = self.form.add_row(
            "term_started_on", tr("settings", "本届任期开始"), DateField("term_started_on", "本届任期开始")
        )
        self.start = self.form.add_row("start", tr("settings", "从何时开始记录"), QLineEdit())
        self.start.setObjectName("start_month")
        self.start.setToolTip(tr("settings", "年-月，例如 2026-12；此前各月不计入三会一课缺失"))
        self.term_due = QLabel()
        self.form.layout_.addRow(tr("settings", "换届到期"), self.term_due)
        self.publicity = self.form.add_row("publicity_days", tr("settings", "发展党员公示期"), QSpinBox())
        self.publicity.setObjectName("publicity_days")
        self.publicity.setRange(*PUBLICITY_RANGE)
        self.publicity.setSuffix(tr("settings", " 个工作日"))
        self.publicity.setToolTip(tr("settings", "拟列为发展对象、拟转为正式党员的公示天数，公示通知按此计算截止日期（通常 5 个工作日）"))
        self.term.textChanged.connect(self._show_term_due)
        self.kind.currentIndexChanged.connect(self._show_term_due)

        self.committee = QTableWidget(0, 2)
        self.committee.setObjectName("committee_table")
        self.committee.setHorizontalHeaderLabels([tr("settings", "职务"), tr("settings", "任职党员")])
        self.committee.horizontalHeader().setStretchLastSection(True)
        self.committee.verticalHeader().hide()
        add_seat = QPushButton(tr("settings", "增加支委"))
        add_seat.clicked.connect(lambda: self._add_seat(CommitteeSeat("committee_member")))
        remove_seat = QPushButton(tr("settings", "删除所选"))
        remove_seat.clicked.connect(lambda: self.committee.removeRow(self.committee.currentRow()))
        type_seats = QPushButton(tr("settings", "按姓名登记支委…"))
        type_seats.setToolTip(tr("settings", "还不在名册中的支委，可同时登记为党员"))
        type_seats.clicked.connect(lambda: self.open_step(CommitteeStep))
        seat_buttons = QHBoxLayout()
        seat_buttons.addWidget(add_seat)
        seat_buttons.addWidget(remove_seat)
        seat_buttons.addWidget(type_seats)
        seat_buttons.addStretch(1)
        committee_box = QGroupBox(tr("settings", "支部委员会"))
        committee_layout = QVBoxLayout(committee_box)
        committee_layout.addWidget(self.committee)
        committee_layout.addLayout(seat_buttons)
        self.committee_error = QLabel()
        self.committee_error.setStyleSheet(styles.ERROR_TEXT)
        self.committee_error.hide()
        committee_layout.addWidget(self.committee_error)
        # where the committee came from: the last approved 换届选举 (docs/domain.md §13)
        self.last_election = QLabel()
        self.last_election.setObjectName("settings_last_election")
        self.last_election.setWordWrap(True)
        committee_layout.addWidget(self.last_election)

        self.groups = QListWidget()
        self.groups.setObjectName("group_list")
        add_group = QPushButton(tr("settings", "新建党小组"))
        add_group.clicked.connect(self.add_group)
        rename_group = QPushButton(tr("settings", "改名"))
        rename_group.clicked.connect(self.rename_group)
        delete_group = QPushButton(tr("settings", "删除"))
        delete_group.clicked.connect(self.delete_group)
        type_groups = QPushButton(tr("settings", "逐行填写…"))
        type_groups.clicked.connect(lambda: self.open_step(GroupsStep))
        group_buttons = QHBoxLayout()
        for button in (add_group, rename_group, delete_group, type_groups):
            group_buttons.addWidget(button)
        group_buttons.addStretch(1)
        groups_box = QGroupBox(tr("settings", "党小组"))
        groups_layout = QVBoxLayout(groups_box)
        groups_layout.addWidget(self.groups)
        groups_layout.addLayout(group_buttons)

        self.save_button = QPushButton(tr("settings", "保存支部信息 (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        self.branch_form = BranchForm(self)
        self.location = QLabel()
        self.location.setWordWrap(True)

        left = QVBoxLayout()
        left.addWidget(self.form)
        left.addLayout(self._name_order_row(archive))
        left.addWidget(committee_box)
        left.addWidget(self.save_button)
        left.addStretch(1)  # a tall right column must not push 保存 below the screen's edge
        self.security = SecurityBox(archive)
        right = QVBoxLayout()
        right.addWidget(groups_box)
        right.addWidget(self.security)
        self.branch_key = BranchKeyBox(archive)
        right.addWidget(self.branch_key)
        right.addWidget(FontSizeBox())
        right.addWidget(self.location)
        columns = QHBoxLayout(self)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        self.refresh()

    def _name_order_row(self, archive) -> QHBoxLayout:
        """The archive's order of names: applied at once, apart from the branch form's 保存."""
        self.name_order = NameOrderChoice(archive)
        hint = QLabel(tr("settings", "（立即生效；名册导出、会议记录也按此排列）"))
        hint.setStyleSheet(styles.HINT_TEXT)
        hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("settings", "党员名单排序")))
        row.addWidget(self.name_order)
        row.addWidget(hint, 1)
        return row

    # -- loading ---------------------------------------------------------------
    def refresh(self) -> None:
        """Show what the archive holds; branch details being edited are kept (a new party
        group, or coming back to the page, must not wipe them)."""
        if not self.has_unsaved_changes():
            self._load_branch()
        self._load_groups()
        self.name_order.load()
        self.location.setText(tr("settings", "档案库位置：{0}").format(self.archive.location))

    def _load_branch(self) -> None:
        info = self.archive.branch.own()
        self.name.setText(info.name)
        self.code.setText(info.code)
        self.kind.setCurrentIndex(max(self.kind.findData(info.kind), 0))
        self.higher.setText(info.higher_org)
        self.founded.set_date(info.founded_on)
        self.term.set_date(info.term_started_on)
        self.start.setText(f"{record_start(self.archive):%Y-%m}")
        self.publicity.setValue(publicity_days(self.archive))
        self.committee.setRowCount(0)
        for seat in info.committee:
            self._add_seat(seat)
        self._show_term_due()
        last = self.archive.election.last_done()
        self.last_election.setText(
            tr("settings", "由 {0} 换届选举产生（{1} 批复）；历次换届及原支委会见「换届选举」。").format(
                f"{last.held_on:%Y-%m-%d}", last.result_approval_no) if last and last.held_on else
            tr("settings", "换届选举经上级批复后，这里的支委和任期会自动更新（见「换届选举」）。"))
        self._loaded = self._snapshot()
        self.branch_form.loaded()

    def _load_groups(self) -> None:
        self.groups.clear()
        for group in self.archive.groups.list():
            text = f"{group.name}（{group.member_count} 人" + (f"，组长 {group.leader_name}" if group.leader_name else "") + "）"
            item = QListWidgetItem(text)
            item.setData(GROUP_ID_ROLE, group.id)
            item.setData(GROUP_NAME_ROLE, group.name)
            self.groups.addItem(item)

    def _snapshot(self) -> tuple:
        """What the branch form shows, to tell whether it was edited."""
        seats = tuple((seat.post, seat.member_id) for seat in self.seats())
        return (self.name.text(), self.code.text(), self.kind.currentData(), self.higher.text(),
                self.founded.text(), self.term.text(), self.start.text(), self.publicity.value(), seats)

    def seats(self) -> list[CommitteeSeat]:
        return [CommitteeSeat(self.committee.cellWidget(r, 0).currentData(), self.committee.cellWidget(r, 1).currentData())
                for r in range(self.committee.rowCount())]

    def set_seats(self, seats: list[CommitteeSeat]) -> None:
        self.committee.setRowCount(0)
        for seat in seats:
            self._add_seat(seat)

    def _add_seat(self, seat: CommitteeSeat) -> None:
        row = self.committee.rowCount()
        self.committee.insertRow(row)
        post = QComboBox()
        for key, text in labels.COMMITTEE_POSTS.items():
            post.addItem(text, key)
        post.setCurrentIndex(max(post.findData(seat.post), 0))
        holder = QComboBox()
        holder.addItem(tr("settings", "（请选择）"), None)
        for record in self.archive.members.all_active():
            holder.addItem(record.name, record.id)
        holder.setCurrentIndex(max(holder.findData(seat.member_id), 0))
        self.committee.setCellWidget(row, 0, post)
        self.committee.setCellWidget(row, 1, holder)

    def _show_term_due(self) -> None:
        try:
            start = self.term.date()
        except ValidationError:
            start = None
        info = BranchInfo(name="", kind=self.kind.currentData() or "other", term_started_on=start)
        due = info.term_due_on
        self.term_due.setText(
            tr("settings", "{0}（任期 {1} 年）").format(due.isoformat(), info.term_years) if due else tr("settings", "—")
        )

    # -- saving ----------------------------------------------------------------
    def collect(self) -> BranchInfo:
        dates = read_dates(self.founded, self.term)
        seats = [
            CommitteeSeat(self.committee.cellWidget(r, 0).currentData(), self.committee.cellWidget(r, 1).currentData())
            for r in range(self.committee.rowCount())
        ]
        return BranchInfo(
            name=self.name.text(),
            kind=self.kind.currentData(),
            code=self.code.text(),
            higher_org=self.higher.text(),
            founded_on=dates["founded_on"],
            term_started_on=dates["term_started_on"],
            committee=seats,
        )

    def save(self, announce: bool = True) -> bool:
        self.committee_error.hide()
        try:
            start = parse_start(self.start.text())
            with self.archive.bound(), self.archive.db.atomic():
                self.archive.branch.save_own(self.collect())
                if start != record_start(self.archive):
                    set_record_start(self.archive, start)
                if self.publicity.value() != publicity_days(self.archive):
                    set_publicity_days(self.archive, self.publicity.value())
        except ValidationError as error:
            self.form.show_errors([error])
            return False
        except ValidationErrors as errors:
            rest = self.form.show_errors(errors.errors)
            if rest:
                self.committee_error.setText("\n".join(e.detail for e in rest))
                self.committee_error.show()
            return False
        except BranchDeskError as error:
            show_error(self, error)
            return False
        self.form.clear_errors()
        self._load_branch()
        if announce:
            QMessageBox.information(self, tr("settings", "已保存"), tr("settings", "支部信息已保存。"))
        return True

    # -- unsaved edits (ui/toolkit/unsaved.py) ----------------------------------
    def has_unsaved_changes(self) -> bool:
        loaded = getattr(self, "_loaded", None)
        return loaded is not None and not self.archive.read_only and self._snapshot() != loaded

    def unsaved_description(self) -> str:
        return tr("settings", "设置中的支部信息")

    def save_changes(self) -> bool:
        return self.save(announce=False)

    def discard_changes(self) -> None:
        self.form.clear_errors()
        self.committee_error.hide()
        self._load_branch()

    # -- power-cut drafts (ui/toolkit/drafting.py) --------------------------------
    def draft_items(self) -> list:
        if not self.has_unsaved_changes():
            return []
        return [draft_of("settings-branch", self.unsaved_description(), self.branch_form)]

    def restore_draft(self, draft) -> str:
        self._load_branch()
        return apply_draft(self.branch_form, draft, not self.archive.read_only)

    def open_step(self, step_class) -> None:
        """A wizard step (ui/wizard/steps.py) in a dialog; the page shows what it saved."""
        if not ask_before_leaving(self, [self]):
            return
        SetupStepDialog(step_class(self.archive), self).exec()
        self._load_branch()
        self.refresh()

    # -- groups ----------------------------------------------------------------
    def add_group(self) -> None:
        name, ok = QInputDialog.getText(self, tr("settings", "新建党小组"), tr("settings", "党小组名称："))
        if ok:
            self._save_group(name, None)

    def rename_group(self) -> None:
        item = self.groups.currentItem()
        if item is None:
            return
        name, ok = QInputDialog.getText(self, tr("settings", "党小组改名"), tr("settings", "新名称："), text=item.data(GROUP_NAME_ROLE))
        if ok:
            self._save_group(name, item.data(GROUP_ID_ROLE))

    def _save_group(self, name: str, group_id: int | None) -> None:
        try:
            leader = None
            if group_id is not None:
                leader = next((g.leader_id for g in self.archive.groups.list() if g.id == group_id), None)
            self.archive.groups.save(name, leader_id=leader, group_id=group_id)
        except BranchDeskError as error:
            show_error(self, error)
        self.refresh()

    def delete_group(self) -> None:
        item = self.groups.currentItem()
        if item is None:
            return
        try:
            self.archive.groups.delete(item.data(GROUP_ID_ROLE))
        except BranchDeskError as error:
            show_error(self, error)
        self.refresh()


class BranchForm(TrackedForm):
    """The branch details and the committee's seats (choices inside the table, which the
    plain form state does not reach), for drafts."""

    def __init__(self, page: SettingsPage):
        super().__init__(page.form)
        self.page = page

    def state(self) -> dict:
        return {"form": capture(self.page.form), "seats": [[s.post, s.member_id] for s in self.page.seats()]}

    def apply(self, state: dict) -> bool:
        if not restore(self.page.form, state["form"]):
            return False
        self.page.set_seats([CommitteeSeat(post, member_id) for post, member_id in state["seats"]])
        return True
