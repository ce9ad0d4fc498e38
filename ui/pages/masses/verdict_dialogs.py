"""The dialog of a 群众评议: whom it judged (the committee or a member), the four ballot
tallies and the masses' feedback; the rate is shown as the tallies are typed
(docs/domain.md §15.4)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSpinBox

from branchdesk import clock
from branchdesk.service import VerdictForm, rules
from branchdesk.service.verdicts import COMMITTEE, TALLIES

from ...text import tr
from ...toolkit.forms import DateField, FormDialog, PersonCombo
from .service_dialogs import text_box, year_box


class VerdictDialog(FormDialog):
    def __init__(self, archive, year: int, verdict=None, parent=None):
        super().__init__(tr("masses", "修改群众评议") if verdict else tr("masses", "登记群众评议"), parent, height=560)
        self.archive, self.verdict = archive, verdict
        form = self.form
        self.year = form.add_row("year", tr("masses", "评议年度 *"), year_box(verdict.year if verdict else year,
                                                                            "verdict_year"))
        self.held_on = form.add_row("held_on", tr("masses", "评议日期 *"), DateField("held_on", "评议日期"))
        self.held_on.set_date(verdict.held_on if verdict else clock.today())
        self.subject = form.add_row("member_id", tr("masses", "评议对象 *"), PersonCombo(archive, tr("masses", COMMITTEE)))
        self.subject.setObjectName("verdict_subject")
        if verdict:
            self.subject.set_person(verdict.member_id, verdict.subject if verdict.member_id else "")
        self.counts: dict[str, QSpinBox] = {}
        for key, label in TALLIES:
            box = QSpinBox()
            box.setObjectName(f"verdict_{key}")
            box.setRange(0, 100000)
            box.setValue(getattr(verdict, key) if verdict else 0)
            box.valueChanged.connect(self._show_rate)
            self.counts[key] = form.add_row(key, tr("masses", "「{0}」票数").format(tr("masses", label)), box)
        self.rate = form.add_row("rate", tr("masses", "满意率"), QLabel())
        self.rate.setObjectName("verdict_rate")
        self.feedback = form.add_row("feedback", tr("masses", "群众意见（每条一行）"),
                                     text_box(verdict.feedback if verdict else "", 100))
        self.feedback.setObjectName("verdict_feedback")
        self._show_rate()

    def _values(self) -> list[int]:
        return [self.counts[key].value() for key, _ in TALLIES]

    def _show_rate(self) -> None:
        self.rate.setText(tr("masses", "{0}（满意 + 基本满意）÷（收回票数 − 不了解）").format(
            rules.percent(rules.satisfaction_rate(*self._values()))))

    def commit(self) -> int | None:
        member_id, name = self.subject.person()
        if member_id is None and name and name != COMMITTEE:
            from branchdesk.errors import ValidationError

            raise ValidationError("member_id", "missing", tr("masses", "评议对象应为支部委员会或名册中的党员。"))
        form = VerdictForm(self.year.value(), self.held_on.date(), member_id, *self._values(),
                           feedback=self.feedback.toPlainText())
        if self.verdict:
            self.archive.verdicts.update(self.verdict.id, form)
            return self.verdict.id
        return self.archive.verdicts.add(form)
