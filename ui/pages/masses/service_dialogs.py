"""Dialogs of the 志愿服务与实事 tab: an activity with who took part and their hours, a
实事 promised, a progress note, and the day a 实事 was done (docs/domain.md §15.1–2)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from branchdesk import clock
from branchdesk.errors import ValidationError
from branchdesk.service import ActivityForm, Participant, PledgeForm

from ...text import tr
from ...toolkit.actions import button
from ...toolkit.forms import DateField, FormDialog, PersonCombo
from ...toolkit.models.rows_model import Column, RowsModel
from ...toolkit.tables import editable_table, selected_row


def text_box(text: str = "", height: int = 80) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setMinimumHeight(height)
    return box


def year_box(year: int, name: str) -> QSpinBox:
    box = QSpinBox()
    box.setObjectName(name)
    box.setRange(2000, clock.today().year + 1)
    box.setValue(year)
    return box


class ActivityDialog(FormDialog):
    """志愿服务: the day, place and content, and each person with their hours — a member
    picked from the roster, or anyone else by name."""

    def __init__(self, archive, activity=None, parent=None):
        super().__init__(tr("masses", "修改志愿服务") if activity else tr("masses", "登记志愿服务"), parent,
                         width=600, height=640)
        self.archive, self.activity = archive, activity
        form = self.form
        self.held_on = form.add_row("held_on", tr("masses", "活动日期 *"), DateField("held_on", "活动日期"))
        self.place = form.add_row("place", tr("masses", "服务地点 *"), QLineEdit())
        self.place.setObjectName("service_place")
        self.content = form.add_row("content", tr("masses", "服务内容 *"), text_box())
        self.content.setObjectName("service_content")
        self.person = PersonCombo(archive)
        self.person.setObjectName("service_person")
        self.hours = QLineEdit("2")
        self.hours.setObjectName("service_hours")
        self.hours.setMaximumWidth(60)
        picker = QWidget()
        row = QHBoxLayout(picker)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.person, 1)
        row.addWidget(self.hours)
        row.addWidget(button(tr("masses", "加入"), self.add_person, "service_add_person"))
        row.addWidget(button(tr("masses", "移除所选"), self.remove_person, "service_remove_person"))
        form.add_row("picker", tr("masses", "参加人、时长（小时）"), picker)
        self.people = RowsModel([
            Column("name", tr("masses", "姓名"), width=140, editable=False),
            Column("who", tr("masses", "身份"), width=80, editable=False,
                   display=lambda r: tr("masses", "党员") if r.get("member_id") else tr("masses", "群众等")),
            Column("hours", tr("masses", "时长（小时）"), width=100),
        ], "masses", self)
        self.table = editable_table(self.people, "service_people", stretch=0)
        self.table.setMinimumHeight(180)
        form.add_row("participants", tr("masses", "参加人员 *"), self.table)
        if activity:
            self.held_on.set_date(activity.held_on)
            self.place.setText(activity.place)
            self.content.setPlainText(activity.content)
            self.people.set_rows([{"name": p.name, "member_id": p.member_id, "hours": f"{p.hours:g}"}
                                  for p in activity.participants])
        else:
            self.held_on.set_date(clock.today())

    def add_person(self) -> None:
        member_id, name = self.person.person()
        if name:
            self.people.append({"name": name, "member_id": member_id, "hours": self.hours.text().strip()})
            self.person.setCurrentIndex(-1)
            self.person.setEditText("")

    def remove_person(self) -> None:
        row = selected_row(self.table)
        if row >= 0:
            rows = self.people.rows()
            del rows[row]
            self.people.set_rows(rows)

    def commit(self) -> int | None:
        form = ActivityForm(self.held_on.date(), self.place.text(), self.content.toPlainText(),
                            [Participant(r["name"], r["hours"], r.get("member_id")) for r in self.people.rows()])
        if self.activity:
            self.archive.service.update_activity(self.activity.id, form)
            return self.activity.id
        return self.archive.service.add_activity(form)


class PledgeDialog(FormDialog):
    """A 实事 promised for a year: what, by when, who leads it."""

    def __init__(self, archive, year: int, pledge=None, parent=None):
        super().__init__(tr("masses", "修改实事") if pledge else tr("masses", "承诺为民办实事"), parent, height=380)
        self.archive, self.pledge = archive, pledge
        form = self.form
        self.year = form.add_row("year", tr("masses", "年度 *"), year_box(pledge.year if pledge else year, "pledge_year"))
        self.title = form.add_row("title", tr("masses", "实事名称 *"), QLineEdit(pledge.title if pledge else ""))
        self.title.setObjectName("pledge_title")
        self.promised_by = form.add_row("promised_by", tr("masses", "承诺完成时限 *"),
                                        DateField("promised_by", "承诺完成时限"))
        self.lead = form.add_row("lead_name", tr("masses", "牵头人 *"), PersonCombo(archive))
        self.lead.setObjectName("pledge_lead")
        if pledge:
            self.promised_by.set_date(pledge.promised_by)
            self.lead.setEditText(pledge.lead_name)

    def commit(self) -> int | None:
        form = PledgeForm(self.year.value(), self.title.text(), self.promised_by.date(), self.lead.person()[1])
        if self.pledge:
            self.archive.service.update_pledge(self.pledge.id, form)
            return self.pledge.id
        return self.archive.service.add_pledge(form)


class PledgeNoteDialog(FormDialog):
    """A progress note on a 实事 (shown on the 公开栏 as its latest progress)."""

    def __init__(self, archive, pledge, parent=None):
        super().__init__(tr("masses", "实事进展：{0}").format(pledge.title), parent, height=340)
        self.archive, self.pledge = archive, pledge
        self.noted_on = self.form.add_row("noted_on", tr("masses", "日期 *"), DateField("noted_on", "日期"))
        self.noted_on.set_date(clock.today())
        self.text = self.form.add_row("text", tr("masses", "进展情况 *"), text_box())
        self.text.setObjectName("pledge_note")

    def commit(self) -> int | None:
        return self.archive.service.add_pledge_note(self.pledge.id, self.text.toPlainText(), self.noted_on.date())


class PledgeDoneDialog(FormDialog):
    """The day a 实事 was done; 按期 when by its promised date."""

    def __init__(self, archive, pledge, parent=None):
        super().__init__(tr("masses", "实事完成：{0}").format(pledge.title), parent, height=260)
        self.archive, self.pledge = archive, pledge
        self.done_on = self.form.add_row("done_on", tr("masses", "完成日期 *"), DateField("done_on", "完成日期"))
        self.done_on.set_date(pledge.done_on or clock.today())

    def commit(self) -> int | None:
        if self.done_on.date() is None:
            raise ValidationError("done_on", "required", tr("masses", "请填写完成日期。"))
        self.archive.service.complete_pledge(self.pledge.id, self.done_on.date())
        return self.pledge.id
