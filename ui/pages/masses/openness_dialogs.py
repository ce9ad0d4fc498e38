"""The dialog of a 党务公开 posting: its kind, the period it covers, when and where it
went up and how long it hung (docs/domain.md §15.3)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from branchdesk import clock, labels
from branchdesk.service import PostingForm, rules

from ...text import tr
from ...toolkit.forms import DateField, FormDialog, choice_combo
from .service_dialogs import text_box, year_box


class PostingDialog(FormDialog):
    def __init__(self, archive, year: int, posting=None, parent=None):
        super().__init__(tr("masses", "修改党务公开") if posting else tr("masses", "登记党务公开"), parent,
                         width=600, height=620)
        self.archive, self.posting = archive, posting
        form = self.form
        self.kind = form.add_row("kind", tr("masses", "公开类别 *"),
                                 choice_combo(labels.OPENNESS_KINDS, posting.kind if posting else "dues"))
        self.kind.setObjectName("posting_kind")
        self.year = form.add_row("covers_year", tr("masses", "所属年度 *"),
                                 year_box(posting.covers_year if posting else year, "posting_year"))
        self.part = form.add_row("covers_part", tr("masses", "所属期间 *"), QComboBox())
        self.part.setObjectName("posting_part")
        self.hint = form.add_row("hint", "", QLabel())  # one short line: where the sheet's content comes from
        self.hint.setObjectName("posting_hint")
        self.posted_on = form.add_row("posted_on", tr("masses", "公开日期 *"), DateField("posted_on", "公开日期"))
        self.place = form.add_row("place", tr("masses", "公开地点 *"),
                                  QLineEdit(posting.place if posting else tr("masses", "党务公开栏")))
        self.hung_from = form.add_row("hung_from", tr("masses", "张贴起始日期 *"), DateField("hung_from", "张贴起始日期"))
        self.hung_to = form.add_row("hung_to", tr("masses", "张贴截止日期 *"), DateField("hung_to", "张贴截止日期"))
        self.title = form.add_row("title", tr("masses", "标题"), QLineEdit(posting.title if posting else ""))
        self.title.setPlaceholderText(tr("masses", "不填按类别和期间生成，如「2026年第一季度党费收缴公开」"))
        self.body = form.add_row("body", tr("masses", "公开内容"), text_box(posting.body if posting else ""))
        self.body.setObjectName("posting_body")
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        if posting:
            self.part.setCurrentIndex(max(self.part.findData(posting.covers_part), 0))
            for field, day in ((self.posted_on, posting.posted_on), (self.hung_from, posting.hung_from),
                               (self.hung_to, posting.hung_to)):
                field.set_date(day)
        else:
            today = clock.today()
            self.posted_on.set_date(today)
            self.hung_from.set_date(today)
            self.hung_to.set_date(today + dt.timedelta(days=rules.MIN_HUNG_DAYS * 2 - 1))
        self.posted_on.textChanged.connect(self._posted_changed)

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.part.clear()
        for part in rules.parts_of(kind):
            self.part.addItem(rules.part_label(kind, part), part)
        if rules.DUE_RULE.get(kind) == "quarter":
            self.part.setCurrentIndex(max((clock.today().month - 1) // 3 - 1, 0))
        sources = {"dues": "党费收缴取自党费台账", "recruit": "公示名单取自发展党员档案（不含身份证号、电话）",
                   "appraisal": "评定结果取自民主评议（各等次人数及优秀党员）", "rectification": "整改事项取自整改台账中标为公示的事项",
                   "pledges": "实事进展取自为民办实事", "plan": "请在「公开内容」中填写计划全文", "other": "请在「公开内容」中填写"}
        self.hint.setText(tr("masses", sources[kind]) + tr("masses", "。"))

    def _posted_changed(self) -> None:
        day = self.posted_on.date()
        if day is not None and not self.posting:
            self.hung_from.set_date(day)

    def commit(self) -> int | None:
        form = PostingForm(self.kind.currentData(), self.title.text(), self.body.toPlainText(), self.year.value(),
                           self.part.currentData() or 0, self.posted_on.date(), self.place.text(), self.hung_from.date(),
                           self.hung_to.date())
        if self.posting:
            self.archive.openness.update(self.posting.id, form)
            return self.posting.id
        return self.archive.openness.add(form)
