"""The 发展档案's person: opened when the 入党申请书 arrives, edited later."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from branchdesk import labels
from branchdesk.recruit import PersonForm

from ...text import tr
from ...toolkit.forms import FormDialog


class PersonDialog(FormDialog):
    def __init__(self, archive, person_id: int | None = None, parent=None):
        title = tr("recruit", "新建发展档案") if person_id is None else tr("recruit", "修改发展档案")
        super().__init__(title, parent, width=520, height=420)
        self.archive = archive
        self.person_id = person_id
        form = self.form
        self.name = form.add_row("name", tr("recruit", "姓名 *"), QLineEdit())
        self.id_number = form.add_row("id_number", tr("recruit", "公民身份号码 *"), QLineEdit())
        self.id_number.setPlaceholderText(tr("recruit", "18 位，性别和出生日期由号码得出"))
        self.ethnicity = form.add_row("ethnicity", tr("recruit", "民族"), QLineEdit("汉族"))
        self.education = form.add_row("education", tr("recruit", "学历"), QLineEdit())
        self.phone = form.add_row("phone", tr("recruit", "联系电话"), QLineEdit())
        self.job = form.add_row("job", tr("recruit", "工作单位及职务"), QLineEdit())
        self.note = form.add_row("note", tr("recruit", "备注"), QPlainTextEdit())
        self.note.setFixedHeight(70)
        if person_id is not None:
            d = archive.recruit.dossier(person_id)
            for widget, value in ((self.name, d.name), (self.id_number, d.id_number), (self.ethnicity, d.ethnicity),
                                  (self.education, d.education), (self.phone, d.phone), (self.job, d.job)):
                widget.setText(value)
            self.note.setPlainText(d.note)
            self.id_number.setToolTip(labels.label(labels.GENDERS, d.gender))

    def commit(self) -> int | None:
        form = PersonForm(self.name.text(), self.id_number.text(), self.ethnicity.text(), self.education.text(),
                          self.phone.text(), self.job.text(), self.note.toPlainText())
        if self.person_id is None:
            return self.archive.recruit.add_person(form)
        self.archive.recruit.update_person(self.person_id, form)
        return self.person_id
