"""The forms of the 学习 and 汇报 tabs: a study topic, linking it to a meeting, a member's
补学, a member's 汇报 and the branch's 工作报告 (docs/domain.md §18). Each is a FormDialog:
保存 shows a refusal by its field and keeps the typing."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QSizePolicy, QSpinBox

from branchdesk import clock
from branchdesk.study import TopicForm, rules

from ...text import tr
from ...toolkit.fitting import WrappedLabel
from ...toolkit.forms import DateField, FormDialog, choice_combo


def _combo(pairs, current=None) -> QComboBox:
    box = QComboBox()
    box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    for text, data in pairs:
        box.addItem(text, data)
    box.setCurrentIndex(max(box.findData(current), 0) if current is not None else -1)
    return box


def _meetings(archive, kinds) -> list[tuple[str, int]]:
    return [(f"{held:%Y-%m-%d}　{title}", meeting_id) for meeting_id, title, held in archive.study.held_meetings(kinds)]


class TopicDialog(FormDialog):
    """新增 (or 修改) a topic of the year's 学习计划."""

    def __init__(self, archive, year: int, parent=None, record=None):
        super().__init__(tr("study", "修改学习专题") if record else tr("study", "新增学习专题"), parent, width=560, height=460)
        self.archive, self.year, self.record = archive, year, record
        people = archive.members.records(archive.members.query_ids())
        self.title = self.form.add_row("title", tr("study", "学习专题 *"), QLineEdit())
        self.readings = self.form.add_row("readings", tr("study", "必读篇目（每行一篇）"), QPlainTextEdit())
        self.readings.setFixedHeight(110)
        self.lead = self.form.add_row("lead_name", tr("study", "领学人"),
                                      _combo([(m.name, m.id) for m in people], record.lead_member_id if record else None))
        self.planned_on = self.form.add_row("planned_on", tr("study", "计划日期"), DateField("planned_on", "计划日期"))
        self.note = self.form.add_row("note", tr("study", "备注"), QLineEdit())
        if record is not None:
            self.title.setText(record.title)
            self.readings.setPlainText("\n".join(record.readings))
            self.planned_on.set_date(record.planned_on)
            self.note.setText(record.note)

    def commit(self) -> int | None:
        form = TopicForm(self.year, self.title.text(), self.readings.toPlainText(), self.lead.currentData(), "",
                         self.planned_on.date(), self.note.text())
        if self.record is not None:
            self.archive.study.update_topic(self.record.id, form)
            return self.record.id
        return self.archive.study.add_topic(form)


class LinkDialog(FormDialog):
    """The 党课 / 支部党员大会 / 主题党日 where a topic was studied."""

    def __init__(self, archive, topic, parent=None):
        super().__init__(tr("study", "关联学习会议：{0}").format(topic.title), parent, width=620, height=260)
        self.archive, self.topic = archive, topic
        self.form.add_row("explain", "", WrappedLabel(tr("study", "出勤情况取自会议记录；缺席的党员列为应补学。")))
        self.meeting = self.form.add_row("meeting_id", tr("study", "会议 *"),
                                         _combo(_meetings(archive, rules.STUDY_MEETING_KINDS)))

    def commit(self) -> int | None:
        self.archive.study.link(self.topic.id, self.meeting.currentData())
        return self.topic.id


class MakeupDialog(FormDialog):
    """A member's 补学 of a topic they missed: when and how."""

    def __init__(self, archive, topic, parent=None, member_id: int | None = None):
        super().__init__(tr("study", "登记补学：{0}").format(topic.title), parent, width=520, height=340)
        self.archive, self.topic = archive, topic
        owed = [(archive.members.get(i).name, i) for i in topic.owed]
        self.member = self.form.add_row("member_id", tr("study", "党员 *"), _combo(owed, member_id))
        self.done_on = self.form.add_row("done_on", tr("study", "补学日期 *"), DateField("done_on", "补学日期"))
        self.done_on.set_date(clock.today())
        self.way = self.form.add_row("way", tr("study", "补学方式 *"), choice_combo(rules.MAKEUP_WAYS))
        self.note = self.form.add_row("note", tr("study", "说明"), QLineEdit())

    def commit(self) -> int | None:
        self.archive.study.record_makeup(self.topic.id, self.member.currentData(), self.done_on.date() or clock.today(),
                                         self.way.currentData(), self.note.text())
        return self.topic.id


class ReportDialog(FormDialog):
    """A member's 思想、工作、学习 汇报 (or a 预备党员's 思想汇报) received."""

    def __init__(self, archive, parent=None, member_id: int | None = None):
        super().__init__(tr("study", "登记党员汇报"), parent, width=520, height=340)
        self.archive = archive
        people = archive.members.records(archive.members.query_ids())
        self.member = self.form.add_row("member_id", tr("study", "党员 *"),
                                        _combo([(f"{m.name}（{m.status_label}）", m.id) for m in people], member_id))
        self.kind = self.form.add_row("kind", tr("study", "类别 *"), choice_combo(rules.REPORT_KINDS))
        self.member.currentIndexChanged.connect(self._kind)
        self._kind()
        self.received_on = self.form.add_row("received_on", tr("study", "收到日期 *"), DateField("received_on", "收到日期"))
        self.received_on.set_date(clock.today())
        self.note = self.form.add_row("note", tr("study", "摘要"), QLineEdit())

    def _kind(self, *args) -> None:
        member_id = self.member.currentData()
        if member_id is not None:
            probation = self.archive.members.get(member_id).status == "probationary"
            self.kind.setCurrentIndex(self.kind.findData("probation" if probation else "regular"))

    def commit(self) -> int | None:
        return self.archive.reports.add(self.member.currentData(), self.kind.currentData(),
                                        self.received_on.date() or clock.today(), self.note.text())


class BranchReportDialog(FormDialog):
    """The branch's half-yearly 工作报告 to the 支部党员大会."""

    def __init__(self, archive, year: int, parent=None):
        super().__init__(tr("study", "支部工作报告"), parent, width=620, height=520)
        self.archive = archive
        self.year = self.form.add_row("year", tr("study", "年度 *"), QSpinBox())
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.half = self.form.add_row("half", tr("study", "半年 *"), _combo([("上半年", 1), ("下半年", 2)], 1))
        self.title = self.form.add_row("title", tr("study", "报告标题 *"), QLineEdit())
        self.meeting = self.form.add_row("meeting_id", tr("study", "支部党员大会"), _combo(_meetings(archive, ("general",))))
        self.body = self.form.add_row("body", tr("study", "报告正文"), QPlainTextEdit())

    def commit(self) -> int | None:
        return self.archive.reports.save_branch_report(self.year.value(), self.half.currentData(), self.title.text(),
                                                       self.body.toPlainText(), self.meeting.currentData())

