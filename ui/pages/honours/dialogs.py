"""The forms of 奖惩: a 表彰 and a 处分 (or 组织处理) of one member, new or corrected. Each is a
FormDialog: 保存 shows a refusal by its field and keeps the typing."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit

from branchdesk import clock, labels
from branchdesk.honours import CommendationForm, DisciplineForm

from ...text import tr
from ...toolkit.fitting import WrappedLabel
from ...toolkit.forms import DateField, FormDialog, choice_combo


class CommendationDialog(FormDialog):
    """登记 (or 修改) a 表彰 of ``member_id``."""

    def __init__(self, archive, member_id: int, parent=None, record=None):
        name = archive.members.get(member_id).name
        title = tr("honours", "修改表彰：{0}") if record else tr("honours", "登记表彰：{0}")
        super().__init__(title.format(name), parent, width=560, height=380)
        self.archive, self.member_id, self.record = archive, member_id, record
        form = self.form
        form.add_row("member_id", tr("honours", "党员"), QLabel(name))
        self.kind = form.add_row("kind", tr("honours", "表彰类别 *"), choice_combo(labels.COMMENDATION_KINDS))
        self.title = form.add_row("title", tr("honours", "表彰名称"), QLineEdit())
        self.title.setPlaceholderText(tr("honours", "类别为「其他表彰」时填写，例如：抗洪抢险先进个人"))
        self.granted_by = form.add_row("granted_by", tr("honours", "授予机关 *"),
                                       QLineEdit(archive.branch.own().higher_org or ""))
        self.granted_on = form.add_row("granted_on", tr("honours", "表彰日期 *"), DateField("granted_on", "表彰日期"))
        self.granted_on.set_date(clock.today())
        self.doc_no = form.add_row("doc_no", tr("honours", "文号"), QLineEdit())
        self.note = form.add_row("note", tr("honours", "备注"), QLineEdit())
        if record is not None:
            self.kind.setCurrentIndex(max(self.kind.findData(record.kind), 0))
            self.title.setText(record.title if record.kind == "other" else "")
            self.granted_by.setText(record.granted_by)
            self.granted_on.set_date(record.granted_on)
            self.doc_no.setText(record.doc_no)
            self.note.setText(record.note)

    def commendation_form(self) -> CommendationForm:
        return CommendationForm(self.member_id, self.kind.currentData(), self.title.text(), self.granted_by.text(),
                                self.granted_on.date(), self.doc_no.text(), self.note.text())

    def commit(self) -> int | None:
        honours = self.archive.honours
        if self.record is not None:
            honours.update_commendation(self.record.id, self.commendation_form())
            return self.record.id
        return honours.commend(self.commendation_form())


class DisciplineDialog(FormDialog):
    """登记 (or 修改) a 处分 or 组织处理 of ``member_id``; a stored one keeps its kind and date."""

    def __init__(self, archive, member_id: int, parent=None, record=None):
        name = archive.members.get(member_id).name
        title = tr("honours", "修改处分：{0}") if record else tr("honours", "登记处分或组织处理：{0}")
        super().__init__(title.format(name), parent, width=600, height=560)
        self.archive, self.member_id, self.record = archive, member_id, record
        form = self.form
        form.add_row("member_id", tr("honours", "党员"), QLabel(name))
        if record is None:
            self.kind = form.add_row("kind", tr("honours", "种类 *"), choice_combo(labels.DISCIPLINE_KINDS))
            self.kind.currentIndexChanged.connect(self._years_shown)
            self.decided_on = form.add_row("decided_on", tr("honours", "决定日期 *"), DateField("decided_on", "决定日期"))
            self.decided_on.set_date(clock.today())
            form.add_row("explain", "", WrappedLabel(tr(
                "honours", "开除党籍自决定日期起改变党员状态；留党察看期间没有表决权、选举权和被选举权。")))
        else:
            form.add_row("kind", tr("honours", "种类"), QLabel(
                f"{record.kind_label}（{record.decided_on:%Y-%m-%d} 决定）"))
        self.years = form.add_row("probation_years", tr("honours", "留党察看期限"), QComboBox())
        for years, text in labels.PROBATION_YEARS.items():
            self.years.addItem(text, years)
        self.decided_by = form.add_row("decided_by", tr("honours", "决定机关 *"), QLineEdit())
        self.doc_no = form.add_row("doc_no", tr("honours", "文号"), QLineEdit())
        self.facts = form.add_row("facts", tr("honours", "主要事实"), QPlainTextEdit())
        self.facts.setPlaceholderText(tr("honours", "敏感内容：在窗口中验证应用密码后才显示"))
        if record is not None:
            self.years.setCurrentIndex(max(self.years.findData(record.probation_years), 0))
            self.years.setEnabled(record.kind == "probation")
            self.decided_by.setText(record.decided_by)
            self.doc_no.setText(record.doc_no)
            self.facts.setPlainText(record.facts)
        else:
            self._years_shown()

    def _years_shown(self, *args) -> None:
        self.years.setEnabled(self.kind.currentData() == "probation")

    def discipline_form(self) -> DisciplineForm:
        if self.record is not None:
            form = self.record.form()
        else:
            form = DisciplineForm(self.member_id, self.kind.currentData(), decided_on=self.decided_on.date())
        form.probation_years = self.years.currentData() if form.kind == "probation" else None
        form.decided_by, form.doc_no, form.facts = self.decided_by.text(), self.doc_no.text(), self.facts.toPlainText()
        return form

    def commit(self) -> int | None:
        honours = self.archive.honours
        if self.record is not None:
            honours.update_discipline(self.record.id, self.discipline_form())
            return self.record.id
        return honours.discipline_add(self.discipline_form())
