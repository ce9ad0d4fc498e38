"""The forms of the 组织关系 page: a transfer out or in, a date (the 回执, a return), and a
流动党员 entry. Each is a FormDialog: 保存 shows a refusal by its field and keeps the typing."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QSizePolicy, QSpinBox

from branchdesk import clock, labels
from branchdesk.dues import months as mo
from branchdesk.errors import ValidationError
from branchdesk.meetings.paper_words import party_name
from branchdesk.roster.member_rules import MemberForm
from branchdesk.transfers import AwayForm, TransferForm
from branchdesk.transfers.rules import VALID_DAYS_RANGE

from ...text import tr
from ...toolkit.fitting import WrappedLabel
from ...toolkit.forms import DateField, FormDialog, choice_combo

NEW = -1  # the 转入 member choice 「新转入的党员」


def _member_combo(members, blank: str = "") -> QComboBox:
    box = QComboBox()
    box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)  # the row's width: no name cut
    if blank:
        box.addItem(blank, NEW)
    for member in members:
        box.addItem(f"{member.name}（{member.status_label}）", member.id)
    return box


def _month(text: str):
    """「党费交到」 as typed, None when empty; an unreadable month is refused by that field."""
    if not text.strip():
        return None
    try:
        return mo.parse(text, "党费交到")
    except ValidationError as error:
        raise ValidationError("dues_paid_to", error.code, error.detail) from None


class TransferDialog(FormDialog):
    """转出 (``direction`` "out": a member of the roster, the next 介绍信 number) or 转入 (a
    new person, or a member who had been transferred out); ``record`` edits a stored one."""

    def __init__(self, archive, direction: str, parent=None, record=None, member_id: int | None = None):
        out = direction == "out"
        if record is not None:
            title = tr("transfers", "修改组织关系转接：{0}").format(record.member_name)
        else:
            title = tr("transfers", "组织关系转出") if out else tr("transfers", "组织关系转入")
        super().__init__(title, parent, width=600, height=640)
        self.archive, self.direction, self.record = archive, direction, record
        own = party_name(archive.branch.own().name)
        form = self.form
        if record is None:
            if out:
                people = archive.members.records(archive.members.query_ids())
                self.member = form.add_row("member_id", tr("transfers", "党员 *"), _member_combo(people))
                self.member.setCurrentIndex(max(self.member.findData(member_id), 0) if member_id else -1)
            else:
                left = [m for m in archive.members.records(archive.members.query_ids(statuses=("transferred",)))]
                self.member = form.add_row("member_id", tr("transfers", "转入党员 *"),
                                           _member_combo(left, tr("transfers", "新转入的党员（填写下方信息）")))
                self.member.currentIndexChanged.connect(self._new_fields)
            self.moved_on = form.add_row("moved_on", tr("transfers", "转接日期 *"), DateField("moved_on", "转接日期"))
            self.moved_on.set_date(clock.today())
            if not out:
                self._add_new_member_fields()
        else:
            form.add_row("member_id", tr("transfers", "党员"), WrappedLabel(
                f"{record.member_name}，{record.direction_label}于 {record.moved_on:%Y-%m-%d}"
                + (f"，介绍信{record.letter_no}" if record.letter_no else "")))
        self.from_org = form.add_row("from_org", tr("transfers", "原所在党组织 *"), QLineEdit(own if out else ""))
        self.to_org = form.add_row("to_org", tr("transfers", "转往党组织 *"), QLineEdit("" if out else own))
        if not out:
            self.letter_no = form.add_row("letter_no", tr("transfers", "对方介绍信编号"), QLineEdit())
            self.letter_no.setPlaceholderText(tr("transfers", "例如 〔2026〕第5号"))
        self.reason = form.add_row("reason", tr("transfers", "转接原因 *"), choice_combo(labels.TRANSFER_REASONS))
        self.reason_note = form.add_row("reason_note", tr("transfers", "原因说明"), QLineEdit())
        self.scope = form.add_row("scope", tr("transfers", "转接范围 *"), choice_combo(labels.TRANSFER_SCOPES))
        self.valid_days = form.add_row("valid_days", tr("transfers", "有效期（天）"), QSpinBox())
        self.valid_days.setRange(*VALID_DAYS_RANGE)
        self.valid_days.setValue(30)
        if out:
            self.dues = form.add_row("dues_paid_to", tr("transfers", "党费交到"), QLineEdit())
            self.dues.setPlaceholderText(tr("transfers", "例如 2026-11；留空按党费台账"))
        self.note = form.add_row("note", tr("transfers", "备注"), QLineEdit())
        if record is not None:
            self._show(record)

    def _add_new_member_fields(self) -> None:
        form = self.form
        self.name = form.add_row("name", tr("transfers", "姓名 *"), QLineEdit())
        self.id_number = form.add_row("id_number", tr("transfers", "公民身份号码 *"), QLineEdit())
        self.ethnicity = form.add_row("ethnicity", tr("transfers", "民族"), QLineEdit("汉族"))
        self.joined_on = form.add_row("joined_on", tr("transfers", "入党日期 *"), DateField("joined_on", "入党日期"))
        self.full_on = form.add_row("full_on", tr("transfers", "转正日期"), DateField("full_on", "转正日期"))
        self.full_on.setPlaceholderText(tr("transfers", "预备党员留空"))
        self.phone = form.add_row("phone", tr("transfers", "联系电话"), QLineEdit())
        self.group = form.add_row("group_id", tr("transfers", "党小组"), QComboBox())
        # the row's width: sized to its first item, 「（不编入党小组）」 came out cut at 1024×768
        self.group.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.group.addItem(tr("transfers", "（不编入党小组）"), None)
        for group in self.archive.groups.list():
            self.group.addItem(group.name, group.id)
        self._new_fields()

    def _new_fields(self, *args) -> None:
        new = self.member.currentData() == NEW
        for widget in (self.name, self.id_number, self.ethnicity, self.joined_on, self.full_on, self.phone, self.group):
            widget.setEnabled(new)

    def _show(self, record) -> None:
        self.from_org.setText(record.from_org)
        self.to_org.setText(record.to_org)
        if record.direction == "in":
            self.letter_no.setText(record.letter_no)
        self.reason.setCurrentIndex(max(self.reason.findData(record.reason), 0))
        self.reason_note.setText(record.reason_note)
        self.scope.setCurrentIndex(max(self.scope.findData(record.scope), 0))
        self.valid_days.setValue(record.valid_days)
        if record.direction == "out" and record.dues_paid_to:
            self.dues.setText(mo.key(record.dues_paid_to))
        self.note.setText(record.note)

    def transfer_form(self) -> TransferForm:
        out = self.direction == "out"
        form = self.record.form() if self.record is not None else TransferForm(direction=self.direction)
        if self.record is None:
            form.moved_on = self.moved_on.date()
            chosen = self.member.currentData()
            if chosen == NEW:
                form.new_member = MemberForm(
                    name=self.name.text(), id_number=self.id_number.text(), ethnicity=self.ethnicity.text(),
                    joined_on=self.joined_on.date(), full_on=self.full_on.date(), phone=self.phone.text(),
                    status="full" if self.full_on.text().strip() else "probationary", group_id=self.group.currentData())
            else:
                form.member_id = chosen
        form.from_org, form.to_org = self.from_org.text(), self.to_org.text()
        form.reason, form.reason_note = self.reason.currentData(), self.reason_note.text()
        form.scope, form.valid_days, form.note = self.scope.currentData(), self.valid_days.value(), self.note.text()
        if out:
            form.dues_paid_to = _month(self.dues.text())
        else:
            form.letter_no = self.letter_no.text()
        return form

    def commit(self) -> int | None:
        form = self.transfer_form()
        transfers = self.archive.transfers
        if self.record is not None:
            transfers.update(self.record.id, form)
            return self.record.id
        return transfers.transfer_out(form) if self.direction == "out" else transfers.transfer_in(form)


class DateDialog(FormDialog):
    """One date: the 回执 of a transfer, or a 流动党员's return (``save(day)`` stores it)."""

    def __init__(self, title: str, label: str, explain: str, save, parent=None, record_id: int | None = None):
        super().__init__(title, parent, width=480, height=260)
        self._store, self.record_id = save, record_id
        self.form.add_row("explain", "", WrappedLabel(explain))
        self.day = self.form.add_row("day", label, DateField("day", label.rstrip(" *")))
        self.day.set_date(clock.today())

    def commit(self) -> int | None:
        day = self.day.date()
        if day is None:
            raise ValidationError("day", "required", tr("transfers", "请填写日期。"))
        try:
            self._store(day)
        except ValidationError as error:
            raise ValidationError("day", error.code, error.detail) from None
        return self.record_id


class AwayDialog(FormDialog):
    """登记 (or 修改) a 流动党员: where, since, contact, 流入地 and the ways of 组织生活 and dues."""

    def __init__(self, archive, parent=None, record=None):
        title = tr("transfers", "修改流动党员登记：{0}").format(record.member_name) if record else tr(
            "transfers", "登记流动党员")
        super().__init__(title, parent, width=600, height=600)
        self.archive, self.record = archive, record
        form = self.form
        if record is None:
            people = archive.members.records(archive.members.query_ids(statuses=("full", "probationary")))
            self.member = form.add_row("member_id", tr("transfers", "党员 *"), _member_combo(people))
            self.member.setCurrentIndex(-1)
            self.since = form.add_row("since", tr("transfers", "外出时间 *"), DateField("since", "外出时间"))
        else:
            form.add_row("member_id", tr("transfers", "党员"), WrappedLabel(
                f"{record.member_name}，{record.since:%Y-%m-%d} 外出" + (f"，{record.until:%Y-%m-%d} 返回" if record.until else "")))
        self.place = form.add_row("place", tr("transfers", "外出地点 *"), QLineEdit())
        self.contact = form.add_row("contact", tr("transfers", "联系电话"), QLineEdit())
        self.host_org = form.add_row("host_org", tr("transfers", "流入地党组织"), QLineEdit())
        self.life_way = form.add_row("life_way", tr("transfers", "参加组织生活 *"), choice_combo(labels.AWAY_LIFE_WAYS))
        self.life_note = form.add_row("life_note", tr("transfers", "组织生活说明"), QLineEdit())
        self.dues_way = form.add_row("dues_way", tr("transfers", "交纳党费 *"), choice_combo(labels.AWAY_DUES_WAYS))
        self.dues_note = form.add_row("dues_note", tr("transfers", "党费说明"), QLineEdit())
        self.note = form.add_row("note", tr("transfers", "备注"), QLineEdit())
        if record is not None:
            self.place.setText(record.place)
            self.contact.setText(record.contact)
            self.host_org.setText(record.host_org)
            self.life_way.setCurrentIndex(max(self.life_way.findData(record.life_way), 0))
            self.life_note.setText(record.life_note)
            self.dues_way.setCurrentIndex(max(self.dues_way.findData(record.dues_way), 0))
            self.dues_note.setText(record.dues_note)
            self.note.setText(record.note)

    def away_form(self) -> AwayForm:
        form = self.record.form() if self.record is not None else AwayForm(
            member_id=self.member.currentData(), since=self.since.date())
        form.place, form.contact, form.host_org = self.place.text(), self.contact.text(), self.host_org.text()
        form.life_way, form.life_note = self.life_way.currentData(), self.life_note.text()
        form.dues_way, form.dues_note, form.note = self.dues_way.currentData(), self.dues_note.text(), self.note.text()
        return form

    def commit(self) -> int | None:
        if self.record is not None:
            self.archive.away.update(self.record.id, self.away_form())
            return self.record.id
        return self.archive.away.add(self.away_form())
