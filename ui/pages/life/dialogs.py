"""The dialogs that add or change one row of a 组织生活会: an opinion (with its answer),
a problem, a 对照检查, a criticism entry, a talk. Each saves through the domain; what is
wrong appears by its field and nothing is saved."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit

from branchdesk import clock, labels
from branchdesk.life import Criticism, Examination, Opinion, Problem, TalkForm
from branchdesk.life.forms import COMMITTEE_NAME

from ...text import tr
from ...toolkit.forms import DateField, FormDialog, PersonCombo, choice_combo, read_dates


def _text(height: int = 90) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setFixedHeight(height)
    return edit


class OpinionDialog(FormDialog):
    def __init__(self, archive, cycle_id: int, opinion_id: int | None = None, parent=None):
        super().__init__(tr("life", "登记征求意见") if opinion_id is None else tr("life", "修改意见或答复"), parent, height=620)
        self.archive, self.cycle_id, self.opinion_id = archive, cycle_id, opinion_id
        form = self.form
        self.received = form.add_row("received_on", tr("life", "收到日期 *"), DateField("received_on", "收到日期"))
        self.source = form.add_row("source", tr("life", "来源"), choice_combo(labels.OPINION_SOURCES))
        self.channel = form.add_row("channel", tr("life", "渠道"), choice_combo(labels.OPINION_CHANNELS))
        self.category = form.add_row("category", tr("life", "类别"), choice_combo(labels.ISSUE_CATEGORIES, "style"))
        self.addressed = form.add_row("addressed_name", tr("life", "意见对象"), PersonCombo(archive, COMMITTEE_NAME))
        self.content = form.add_row("content", tr("life", "意见内容 *"), _text(110))
        self.anonymous = form.add_row("anonymous", tr("life", "匿名"), QCheckBox(tr("life", "匿名意见（不记提意见人）")))
        self.giver = form.add_row("giver", tr("life", "提意见人"), QLineEdit())
        self.anonymous.toggled.connect(lambda on: self.giver.setEnabled(not on))
        self.answer = form.add_row("answer", tr("life", "答复"), _text(80))
        self.answer.setPlaceholderText(tr("life", "当面或书面答复的内容；需要整改的，可在列表中「列入整改台账」"))
        self.answered = form.add_row("answered_on", tr("life", "答复日期"), DateField("answered_on", "答复日期"))
        if opinion_id is not None:
            o = archive.life.opinions.get(opinion_id)
            self.received.set_date(o.received_on)
            for box, value in ((self.source, o.source), (self.channel, o.channel), (self.category, o.category)):
                box.setCurrentIndex(max(box.findData(value), 0))
            self.addressed.set_person(o.addressed_member_id, o.addressed_name)
            self.content.setPlainText(o.content)
            self.anonymous.setChecked(o.anonymous)
            self.giver.setText(o.giver)
            self.answer.setPlainText(o.answer)
            self.answered.set_date(o.answered_on)
        else:
            self.received.set_date(clock.today())

    def commit(self) -> int:
        dates = read_dates(self.received, self.answered)
        member_id, name = self.addressed.person()
        opinion = Opinion(self.source.currentData(), self.channel.currentData(), dates["received_on"],
                          self.content.toPlainText(), self.category.currentData(), member_id, name,
                          self.anonymous.isChecked(), self.giver.text(), self.answer.toPlainText(),
                          dates["answered_on"])
        if self.opinion_id is None:
            return self.archive.life.opinions.add(self.cycle_id, opinion)
        self.archive.life.opinions.update(self.opinion_id, opinion)
        return self.opinion_id


class ProblemDialog(FormDialog):
    def __init__(self, archive, cycle_id: int, problem_id: int | None = None, parent=None):
        super().__init__(tr("life", "问题清单"), parent, height=380)
        self.archive, self.cycle_id, self.problem_id = archive, cycle_id, problem_id
        form = self.form
        self.owner = form.add_row("owner_name", tr("life", "问题清单所属"), PersonCombo(archive, COMMITTEE_NAME))
        self.source = form.add_row("source", tr("life", "来源"), choice_combo(labels.PROBLEM_SOURCES))
        self.category = form.add_row("category", tr("life", "类别"), choice_combo(labels.ISSUE_CATEGORIES, "style"))
        self.problem = form.add_row("problem", tr("life", "问题 *"), _text(110))
        if problem_id is not None:
            p = archive.life.problems.get(problem_id)
            self.owner.set_person(p.member_id, p.owner_name)
            self.source.setCurrentIndex(max(self.source.findData(p.source), 0))
            self.category.setCurrentIndex(max(self.category.findData(p.category), 0))
            self.problem.setPlainText(p.problem)

    def commit(self) -> int:
        member_id, name = self.owner.person()
        problem = Problem(self.problem.toPlainText(), member_id, name, self.source.currentData(),
                          self.category.currentData())
        if self.problem_id is None:
            return self.archive.life.problems.add(self.cycle_id, problem)
        self.archive.life.problems.update(self.problem_id, problem)
        return self.problem_id


class ExaminationDialog(FormDialog):
    def __init__(self, archive, cycle_id: int, exam_id: int | None = None, parent=None):
        super().__init__(tr("life", "对照检查材料"), parent, width=640, height=640)
        self.archive, self.cycle_id, self.exam_id = archive, cycle_id, exam_id
        form = self.form
        self.owner = form.add_row("owner_name", tr("life", "检查人"), PersonCombo(archive, tr("life", "支部委员会（班子）")))
        self.submitted = form.add_row("submitted_on", tr("life", "提交日期"), DateField("submitted_on", "提交日期"))
        self.problems = form.add_row("problems", tr("life", "存在的问题 *"), _text(120))
        self.causes = form.add_row("causes", tr("life", "原因分析 *"), _text(100))
        self.measures = form.add_row("measures", tr("life", "整改措施 *"), _text(100))
        if exam_id is not None:
            e = archive.life.examinations.get(exam_id)
            self.owner.set_person(e.member_id, e.owner_name)
            self.submitted.set_date(e.submitted_on)
            self.problems.setPlainText(e.problems)
            self.causes.setPlainText(e.causes)
            self.measures.setPlainText(e.measures)
        else:
            self.submitted.set_date(clock.today())

    def commit(self) -> int:
        member_id, name = self.owner.person()
        exam = Examination(self.problems.toPlainText(), self.causes.toPlainText(), self.measures.toPlainText(),
                           member_id, name, read_dates(self.submitted)["submitted_on"])
        if self.exam_id is None:
            return self.archive.life.examinations.add(self.cycle_id, exam)
        self.archive.life.examinations.update(self.exam_id, exam)
        return self.exam_id


class CriticismDialog(FormDialog):
    """A self-criticism (``kind='self'``) or a criticism of one member by another, with
    the response."""

    def __init__(self, archive, cycle_id: int, kind: str = "mutual", entry_id: int | None = None, parent=None):
        title = tr("life", "自我批评") if kind == "self" else tr("life", "相互批评")
        super().__init__(title, parent, width=620, height=480)
        self.archive, self.cycle_id, self.entry_id, self.kind = archive, cycle_id, entry_id, kind
        form = self.form
        self.speaker = form.add_row("from_name", tr("life", "发言人 *"), PersonCombo(archive))
        self.target = form.add_row("to_name", tr("life", "被批评人 *"), PersonCombo(archive))
        self.content = form.add_row("content", tr("life", "发言内容 *"), _text(140))
        self.response = form.add_row("response", tr("life", "本人回应"), _text(80))
        if kind == "self":
            for widget in (self.target, self.response):
                widget.parentWidget().hide()
                form.layout_.labelForField(widget.parentWidget()).hide()
        if entry_id is not None:
            c = archive.life.criticism.get(entry_id)
            self.speaker.set_person(c.from_member_id, c.from_name)
            self.target.set_person(c.to_member_id, c.to_name)
            self.content.setPlainText(c.content)
            self.response.setPlainText(c.response)

    def commit(self) -> int:
        from_id, from_name = self.speaker.person()
        to_id, to_name = self.target.person() if self.kind == "mutual" else (from_id, from_name)
        entry = Criticism(self.kind, from_id, from_name, to_id, to_name, self.content.toPlainText(),
                          self.response.toPlainText() if self.kind == "mutual" else "")
        if self.entry_id is None:
            return self.archive.life.criticism.add(self.cycle_id, entry)
        self.archive.life.criticism.update(self.entry_id, entry)
        return self.entry_id


class TalkDialog(FormDialog):
    def __init__(self, archive, talk_id: int | None = None, pair: tuple | None = None, parent=None):
        super().__init__(tr("life", "谈心谈话记录"), parent, height=520)
        self.archive, self.talk_id = archive, talk_id
        form = self.form
        self.day = form.add_row("talked_on", tr("life", "谈话日期 *"), DateField("talked_on", "谈话日期"))
        self.talker = form.add_row("talker_name", tr("life", "谈话人 *"), PersonCombo(archive))
        self.partner = form.add_row("partner_name", tr("life", "谈话对象 *"), PersonCombo(archive))
        self.place = form.add_row("place", tr("life", "地点"), QLineEdit())
        self.content = form.add_row("content", tr("life", "谈话内容 *"), _text(110))
        self.effect = form.add_row("effect", tr("life", "谈话成效"), _text(70))
        if talk_id is not None:
            t = archive.talks.get(talk_id)
            self.day.set_date(t.talked_on)
            self.talker.set_person(t.talker_member_id, t.talker_name)
            self.partner.set_person(t.partner_member_id, t.partner_name)
            self.place.setText(t.place)
            self.content.setPlainText(t.content)
            self.effect.setPlainText(t.effect)
        else:
            self.day.set_date(clock.today())
            if pair is not None:
                self.talker.set_person(pair[0].member_id, pair[0].name)
                self.partner.set_person(pair[1].member_id, pair[1].name)

    def commit(self) -> int:
        talker_id, talker = self.talker.person()
        partner_id, partner = self.partner.person()
        form = TalkForm(read_dates(self.day)["talked_on"], talker_id, talker, partner_id, partner, self.place.text(),
                        self.content.toPlainText(), self.effect.toPlainText())
        if self.talk_id is None:
            return self.archive.talks.add(form)
        self.archive.talks.update(self.talk_id, form)
        return self.talk_id
