"""The dialogs of 群众工作 (docs/domain.md §14): a household, a 走访, and each step of a
民情诉求 (受理, 交办, 办理, 办结, 反馈, 回访, 列入整改台账, 从座谈会登记). Each is a FormDialog:
it asks before closing with typing in it, and a refusal appears by its field."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from branchdesk import clock, labels
from branchdesk.masses.forms import HouseholdForm, RequestForm, VisitForm

from ...text import tr
from ...toolkit.actions import button
from ...toolkit.fitting import WrappedLabel
from ...toolkit.forms import DateField, FormDialog, PersonCombo, choice_combo


def _text(height: int = 70) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setFixedHeight(height)
    return box


def _date(key: str, label: str, value: dt.date | None = None) -> DateField:
    field = DateField(key, label)
    field.set_date(value if value is not None else clock.today())
    return field


class HouseholdDialog(FormDialog):
    """新增 or 修改 a 联系户; the phone and circumstances show in full here (the user typed them)."""

    def __init__(self, archive, household_id: int | None = None, parent=None):
        title = tr("masses", "修改联系户") if household_id else tr("masses", "新增联系户")
        super().__init__(title, parent, width=560, height=520)
        self.archive, self.household_id = archive, household_id
        form = self.form
        self.name = form.add_row("name", tr("masses", "户主（群众）姓名 *"), QLineEdit())
        self.address = form.add_row("address", tr("masses", "村组（住址）"), QLineEdit())
        self.phone = form.add_row("phone", tr("masses", "联系电话"), QLineEdit())
        self.kind = form.add_row("kind", tr("masses", "类别 *"), choice_combo(labels.MASSES_KINDS))
        self.member = form.add_row("member_name", tr("masses", "联系党员 *"), PersonCombo(archive))
        self.listed_on = form.add_row("listed_on", tr("masses", "列入联系日期 *"), _date("listed_on", "列入联系日期"))
        self.circumstances = form.add_row("circumstances", tr("masses", "家庭情况"), _text(90))
        form.add_row("hint", "", WrappedLabel(tr("masses", "电话和家庭情况在列表和材料上隐藏显示，上报数据包默认不带。")))
        if household_id is not None:
            h = archive.masses.household(household_id)
            self.name.setText(h.name)
            self.address.setText(h.address)
            self.phone.setText(h.phone)
            self.kind.setCurrentIndex(max(self.kind.findData(h.kind), 0))
            self.member.set_person(h.member_id, h.member_name)
            self.listed_on.set_date(h.listed_on)
            self.circumstances.setPlainText(h.circumstances)

    def household_form(self) -> HouseholdForm:
        member_id, member = self.member.person()
        return HouseholdForm(self.name.text(), self.address.text(), self.phone.text(),
                             self.circumstances.toPlainText(), self.kind.currentData(), member_id, member,
                             self.listed_on.date())

    def commit(self) -> int | None:
        if self.household_id is None:
            return self.archive.masses.add_household(self.household_form())
        self.archive.masses.update_household(self.household_id, self.household_form())
        return self.household_id


class VisitDialog(FormDialog):
    """A 走访: what was seen and what was asked; 「受理为诉求」 takes the request in at once."""

    def __init__(self, archive, household_id: int | None = None, parent=None):
        super().__init__(tr("masses", "登记走访"), parent, width=560, height=520)
        self.archive = archive
        self.request_id: int | None = None
        form = self.form
        self.household = form.add_row("household_id", tr("masses", "联系户 *"), QComboBox())
        self.household.setObjectName("masses_visit_household")
        for h in archive.masses.households():
            self.household.addItem(f"{h.name}（{h.address or h.kind_label}，{h.member_name or '未分配'}）", h.id)
        if household_id is not None:
            self.household.setCurrentIndex(max(self.household.findData(household_id), 0))
        self.member = form.add_row("member_name", tr("masses", "走访党员 *"), PersonCombo(archive))
        self.household.currentIndexChanged.connect(self._member_of_household)
        self._member_of_household()
        self.visited_on = form.add_row("visited_on", tr("masses", "走访日期 *"), _date("visited_on", "走访日期"))
        self.seen = form.add_row("seen", tr("masses", "看到的情况"), _text())
        self.asked = form.add_row("asked", tr("masses", "群众提出的诉求"), _text())
        self.take = form.add_row("take", "", QCheckBox(tr("masses", "把提出的诉求受理为民情诉求（进入民情台账）")))
        self.take.setObjectName("masses_visit_take")

    def _member_of_household(self, *args) -> None:
        household_id = self.household.currentData()
        if household_id is not None:
            h = self.archive.masses.household(household_id)
            self.member.set_person(h.member_id, h.member_name)

    def commit(self) -> int | None:
        member_id, member = self.member.person()
        visit_id, self.request_id = self.archive.masses.record_visit(VisitForm(
            self.household.currentData(), member_id, member, self.visited_on.date(), self.seen.toPlainText(),
            self.asked.toPlainText()), take_request=self.take.isChecked())
        return visit_id


class TakeDialog(FormDialog):
    """受理 a request from any channel."""

    def __init__(self, archive, parent=None):
        super().__init__(tr("masses", "受理民情诉求"), parent, width=560, height=480)
        self.archive = archive
        form = self.form
        channels = {k: v for k, v in labels.MASSES_CHANNELS.items() if k not in ("forum", "life")}
        self.channel = form.add_row("channel", tr("masses", "来源渠道 *"), choice_combo(channels))
        self.received_on = form.add_row("received_on", tr("masses", "受理日期 *"), _date("received_on", "受理日期"))
        self.person = form.add_row("person_name", tr("masses", "提出人"), QLineEdit())
        self.household = form.add_row("household_id", tr("masses", "所在联系户"), QComboBox())
        self.household.addItem(tr("masses", "（不是联系户）"), None)
        for h in archive.masses.households():
            self.household.addItem(f"{h.name}（{h.address or h.kind_label}）", h.id)
        self.content = form.add_row("content", tr("masses", "诉求内容 *"), _text(110))
        form.add_row("hint", "", WrappedLabel(tr("masses", "座谈会上的意见请用「从座谈会登记」，组织生活会征求的意见请用「组织生活会意见」。")))

    def commit(self) -> int | None:
        return self.archive.masses.take(RequestForm(self.channel.currentData(), self.received_on.date(),
                                                    self.content.toPlainText(), self.person.text(),
                                                    self.household.currentData()))


class ForumDialog(FormDialog):
    """从座谈会登记诉求: an opinion voiced at a held 座谈会, linked to it."""

    def __init__(self, archive, parent=None):
        super().__init__(tr("masses", "从座谈会登记诉求"), parent, width=560, height=420)
        self.archive = archive
        form = self.form
        self.meeting = form.add_row("meeting_id", tr("masses", "座谈会 *"), QComboBox())
        for s in archive.masses.forums():
            self.meeting.addItem(f"{s.held_on:%Y-%m-%d} {s.title}", s.id)
        if self.meeting.count() == 0:
            form.add_row("none", "", WrappedLabel(tr("masses", "还没有已召开的座谈会。请先在「会议」中新建类型为「座谈会」的会议并登记召开情况。")))
        self.person = form.add_row("person_name", tr("masses", "提出人"), QLineEdit())
        self.content = form.add_row("content", tr("masses", "意见或诉求 *"), _text(110))

    def commit(self) -> int | None:
        from branchdesk.errors import ValidationError

        if self.meeting.currentData() is None:
            raise ValidationError("meeting_id", "required", tr("masses", "请选择座谈会。"))
        return self.archive.masses.take_from_forum(self.meeting.currentData(), self.content.toPlainText(),
                                                   self.person.text())


class _StepDialog(FormDialog):
    """One step of a request, its number in the title."""

    step = ""

    def __init__(self, archive, request_id: int, parent=None, height: int = 420):
        self.archive, self.request_id = archive, request_id
        self.request = archive.masses.request(request_id)
        super().__init__(tr("masses", "{0}：{1}").format(self.step, self.request.code), parent, width=560, height=height)
        self.form.add_row("content", tr("masses", "诉求内容"), WrappedLabel(self.request.content))


class AssignDialog(_StepDialog):
    step = "交办"

    def __init__(self, archive, request_id: int, parent=None):
        super().__init__(archive, request_id, parent)
        q, form = self.request, self.form
        self.owner = form.add_row("owner_name", tr("masses", "承办人 *"), PersonCombo(archive))
        self.owner.setObjectName("masses_owner")
        self.assigned_on = form.add_row("assigned_on", tr("masses", "交办日期 *"),
                                        _date("assigned_on", "交办日期", q.assigned_on))
        self.deadline = form.add_row("deadline", tr("masses", "办理时限 *"), _date("deadline", "办理时限", q.deadline or
                                     clock.today() + dt.timedelta(days=15)))
        if q.owner_name:
            self.owner.set_person(q.owner_member_id, q.owner_name)

    def commit(self) -> int | None:
        member_id, name = self.owner.person()
        self.archive.masses.assign(self.request_id, member_id, name, self.deadline.date(), self.assigned_on.date())
        return self.request_id


class ProgressDialog(_StepDialog):
    step = "办理"

    def __init__(self, archive, request_id: int, parent=None):
        super().__init__(archive, request_id, parent)
        self.noted_on = self.form.add_row("noted_on", tr("masses", "日期 *"), _date("noted_on", "办理日期"))
        self.text = self.form.add_row("text", tr("masses", "办理情况 *"), _text(100))
        self.evidence = QLineEdit()
        self.evidence.setPlaceholderText(tr("masses", "照片或扫描件（可不填）"))
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.evidence, 1)
        row.addWidget(button(tr("masses", "选择文件…"), self.choose_file, "masses_evidence_choose"))
        self.form.add_row("file", tr("masses", "佐证文件"), holder)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("masses", "选择佐证文件"), "",
                                              tr("masses", "照片和扫描件 (*.jpg *.jpeg *.png *.pdf *.tif *.tiff);;所有文件 (*)"))
        if path:
            self.evidence.setText(path)

    def commit(self) -> int | None:
        return self.archive.masses.add_progress(self.request_id, self.text.toPlainText(), self.noted_on.date(),
                                                self.evidence.text().strip() or None)


class DoneDialog(_StepDialog):
    step = "办结"

    def __init__(self, archive, request_id: int, parent=None):
        super().__init__(archive, request_id, parent)
        self.done_on = self.form.add_row("done_on", tr("masses", "办结日期 *"), _date("done_on", "办结日期"))
        self.note = self.form.add_row("done_note", tr("masses", "办理结果 *"), _text(100))

    def commit(self) -> int | None:
        self.archive.masses.complete(self.request_id, self.note.toPlainText(), self.done_on.date())
        return self.request_id


class FeedbackDialog(_StepDialog):
    step = "反馈"

    def __init__(self, archive, request_id: int, parent=None):
        super().__init__(archive, request_id, parent)
        self.feedback_on = self.form.add_row("feedback_on", tr("masses", "反馈日期 *"), _date("feedback_on", "反馈日期"))
        self.how = self.form.add_row("feedback_how", tr("masses", "反馈方式 *"), choice_combo(labels.MASSES_FEEDBACK_WAYS))
        self.note = self.form.add_row("feedback_note", tr("masses", "反馈情况"), _text())

    def commit(self) -> int | None:
        self.archive.masses.feed_back(self.request_id, self.how.currentData(), self.note.toPlainText(),
                                      self.feedback_on.date())
        return self.request_id


class RevisitDialog(_StepDialog):
    step = "回访"

    def __init__(self, archive, request_id: int, parent=None):
        super().__init__(archive, request_id, parent)
        self.revisit_on = self.form.add_row("revisit_on", tr("masses", "回访日期 *"), _date("revisit_on", "回访日期"))
        self.satisfaction = self.form.add_row("satisfaction", tr("masses", "群众评价 *"),
                                              choice_combo(labels.MASSES_SATISFACTION))
        self.satisfaction.setObjectName("masses_satisfaction")
        self.note = self.form.add_row("revisit_note", tr("masses", "回访情况"), _text())

    def commit(self) -> int | None:
        self.archive.masses.revisit(self.request_id, self.satisfaction.currentData(), self.note.toPlainText(),
                                    self.revisit_on.date())
        return self.request_id


class RectifyDialog(_StepDialog):
    step = "列入整改台账"

    def __init__(self, archive, request_id: int, parent=None):
        super().__init__(archive, request_id, parent)
        q = self.request
        self.owner = self.form.add_row("owner_name", tr("masses", "责任人 *"), PersonCombo(archive))
        if q.owner_name:
            self.owner.set_person(q.owner_member_id, q.owner_name)
        self.deadline = self.form.add_row("deadline", tr("masses", "整改时限 *"), _date("deadline", "整改时限", q.deadline or
                                          clock.today() + dt.timedelta(days=30)))
        self.measure = self.form.add_row("measure", tr("masses", "整改措施 *"), _text(100))

    def commit(self) -> int | None:
        member_id, name = self.owner.person()
        return self.archive.masses.to_rectification(self.request_id, self.measure.toPlainText(), self.deadline.date(),
                                                    member_id, name)
