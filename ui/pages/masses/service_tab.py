"""志愿服务与实事: the year's 志愿服务 activities, each member's hours, and the 为民办实事
promised with their progress (docs/domain.md §15.1–2)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QTabWidget, QVBoxLayout, QWidget

from branchdesk import clock, labels

from ...text import tr
from ...toolkit import styles
from ...toolkit.actions import button
from ...toolkit.models.ids_model import Col, IdsModel
from ...toolkit.tables import read_only_table, select_id, selected_id
from .service_common import YearTab


def _names(activity) -> str:
    return "、".join(p.name for p in activity.participants)


class ServiceTab(YearTab):
    def __init__(self, archive, page=None):
        super().__init__(archive, page, clock.today().year, "service_year")
        self.summary.setObjectName("service_summary")
        self.activities = IdsModel([
            Col(tr("masses", "日期"), lambda a: a.held_on.isoformat(), 90),
            Col(tr("masses", "地点"), lambda a: a.place, 120),
            Col(tr("masses", "服务内容"), lambda a: a.content, 200),
            Col(tr("masses", "人数"), lambda a: str(len(a.participants)), 50),
            Col(tr("masses", "合计（小时）"), lambda a: f"{a.total_hours:g}", 90),
            Col(tr("masses", "参加人员"), _names, 220),
        ], "masses", self)
        self.activity_table = read_only_table(self.activities, "service_activities", stretch=2)
        self.activity_table.doubleClicked.connect(lambda _: self.edit_activity())
        self.hours = IdsModel([
            Col(tr("masses", "姓名"), lambda h: h.name, 120),
            Col(tr("masses", "服务次数"), lambda h: str(h.activities), 80),
            Col(tr("masses", "服务时长（小时）"), lambda h: f"{h.hours:g}", 120),
        ], "masses", self)
        self.hours_table = read_only_table(self.hours, "service_hours_table", stretch=0)
        self.pledges = IdsModel([
            Col(tr("masses", "实事"), lambda p: p.title, 200),
            Col(tr("masses", "牵头人"), lambda p: p.lead_name, 70),
            Col(tr("masses", "承诺时限"), lambda p: p.promised_by.isoformat(), 90),
            Col(tr("masses", "完成情况"), lambda p: labels.label(labels.PLEDGE_STATES, p.state), 80),
            Col(tr("masses", "完成日期"), lambda p: p.done_on.isoformat() if p.done_on else "", 90),
            Col(tr("masses", "最新进展"), lambda p: p.last_note, 200),
        ], "masses", self)
        self.pledges.tint = lambda p: {"overdue": styles.ROW_WARN, "done": styles.ROW_DONE}.get(p.state)
        self.pledge_table = read_only_table(self.pledges, "service_pledges", stretch=5)
        self.pledge_table.doubleClicked.connect(lambda _: self.note_pledge())
        self.parts = QTabWidget()
        self.parts.setObjectName("service_parts")
        self.parts.addTab(self._with_buttons(self.activity_table, [
            button(tr("masses", "登记活动…"), self.add_activity, "service_add"),
            button(tr("masses", "修改…"), self.edit_activity, "service_edit"),
            button(tr("masses", "删除"), self.delete_activity, "service_delete")]), tr("masses", "志愿服务活动"))
        self.parts.addTab(self.hours_table, tr("masses", "党员服务时长"))
        self.parts.addTab(self._with_buttons(self.pledge_table, [
            button(tr("masses", "承诺实事…"), self.add_pledge, "pledge_add"),
            button(tr("masses", "登记进展…"), self.note_pledge, "pledge_note_button"),
            button(tr("masses", "登记完成…"), self.complete_pledge, "pledge_done"),
            button(tr("masses", "修改…"), self.edit_pledge, "pledge_edit")]), tr("masses", "为民办实事"))
        layout = QVBoxLayout(self)
        layout.addLayout(self.top_row())
        layout.addWidget(self.parts, 1)
        self.load()

    @staticmethod
    def _with_buttons(table, buttons) -> QWidget:
        holder = QWidget()
        layout = QVBoxLayout(holder)
        row = QHBoxLayout()
        for widget in buttons:
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(table, 1)
        return holder

    def load(self) -> None:
        year = self.year.value()
        service = self.archive.service
        self.activities.set_items(service.activities(year))
        self.hours.set_items([_HoursRow(h) for h in service.member_hours(year)])
        self.pledges.set_items(service.pledges(year))
        summary = service.hours_summary(year)
        done, counted = service.pledge_completion(year)
        average = "—" if summary["average"] is None else f"{summary['average']:g}"
        self.summary.setText(tr("masses", "志愿服务 {0} 次，党员 {1} 人参加、共 {2} 小时，人均 {3} 小时；"
                                          "实事 {4} 件，到期 {5} 件中按期完成 {6} 件。").format(
            summary["activities"], summary["serving_members"], f"{summary['member_hours']:g}", average,
            len(service.pledges(year)), counted, done))

    # -- activities -----------------------------------------------------------------
    def add_activity(self) -> bool:
        from .service_dialogs import ActivityDialog

        dialog = ActivityDialog(self.archive, parent=self)
        if not dialog.exec():
            return False
        activity = self.archive.service.activity(dialog.saved_id)
        if activity.held_on.year != self.year.value():
            self.year.setValue(activity.held_on.year)
        self._changed(tr("masses", "已登记志愿服务：{0} 人共 {1} 小时。").format(
            len(activity.participants), f"{activity.total_hours:g}"))
        select_id(self.activity_table, activity.id)
        return True

    def edit_activity(self) -> bool:
        from .service_dialogs import ActivityDialog

        return self._edit_selected(self.activity_table, lambda activity_id: ActivityDialog(
            self.archive, self.archive.service.activity(activity_id), self), tr("masses", "已保存志愿服务记录。"))

    def delete_activity(self, confirmed: bool = False) -> bool:
        def question(activity_id: int) -> str:
            activity = self.archive.service.activity(activity_id)
            return tr("masses", "删除 {0} 在{1}的志愿服务记录吗？").format(activity.held_on.isoformat(), activity.place)

        return self._delete_selected(self.activity_table, tr("masses", "删除志愿服务"), question,
                                     self.archive.service.delete_activity, tr("masses", "已删除志愿服务记录。"), confirmed)

    # -- 实事 --------------------------------------------------------------------------
    def _pledge(self):
        pledge_id = selected_id(self.pledge_table)
        return None if pledge_id is None else self.archive.service.pledge(pledge_id)

    def show_record(self, kind: str, activity_id: int) -> None:
        activity = self.archive.service.activity(activity_id)
        if activity.held_on.year != self.year.value():
            self.year.setValue(activity.held_on.year)
        self.parts.setCurrentIndex(0)
        select_id(self.activity_table, activity_id)

    def show_pledge(self, pledge_id: int) -> None:
        pledge = self.archive.service.pledge(pledge_id)
        if pledge.year != self.year.value():
            self.year.setValue(pledge.year)
        self.parts.setCurrentIndex(2)
        select_id(self.pledge_table, pledge_id)

    def add_pledge(self) -> bool:
        from .service_dialogs import PledgeDialog

        dialog = PledgeDialog(self.archive, self.year.value(), parent=self)
        if not dialog.exec():
            return False
        self._changed(tr("masses", "已登记承诺的实事。"))
        return True

    def edit_pledge(self) -> bool:
        from .service_dialogs import PledgeDialog

        pledge = self._pledge()
        if pledge is None or not PledgeDialog(self.archive, self.year.value(), pledge, self).exec():
            return False
        self._changed(tr("masses", "已保存实事。"))
        return True

    def note_pledge(self) -> bool:
        from .service_dialogs import PledgeNoteDialog

        pledge = self._pledge()
        if pledge is None or not PledgeNoteDialog(self.archive, pledge, self).exec():
            return False
        self._changed(tr("masses", "已登记「{0}」的进展。").format(pledge.title))
        return True

    def complete_pledge(self) -> bool:
        from .service_dialogs import PledgeDoneDialog

        pledge = self._pledge()
        if pledge is None or not PledgeDoneDialog(self.archive, pledge, self).exec():
            return False
        state = labels.label(labels.PLEDGE_STATES, self.archive.service.pledge(pledge.id).state)
        self._changed(tr("masses", "「{0}」：{1}。").format(pledge.title, state))
        return True


class _HoursRow:
    """A member's hours as a list row (the list keys rows by ``id``)."""

    def __init__(self, hours):
        self.id, self.name, self.hours, self.activities = hours.member_id, hours.name, hours.hours, hours.activities
