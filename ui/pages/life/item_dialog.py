"""整改事项: add or change an item (also prefilled from an opinion, a problem or a
criticism entry), log progress, add evidence, and close it (销号)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from branchdesk import clock, labels
from branchdesk.life import ItemForm

from ...text import tr
from ...toolkit.forms import DateField, FormDialog, PersonCombo, choice_combo, read_dates


def _text(height: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setFixedHeight(height)
    return edit


class ItemDialog(FormDialog):
    """``item_id`` None: a new item, prefilled from ``prefill`` when given."""

    def __init__(self, archive, item_id: int | None = None, prefill: ItemForm | None = None, parent=None):
        super().__init__(tr("life", "整改事项") if item_id is None else tr("life", "修改整改事项"), parent, width=620,
                         height=660)
        self.archive, self.item_id = archive, item_id
        form = self.form
        self.year = form.add_row("year", tr("life", "所属年度"), QSpinBox())
        self.year.setRange(2000, clock.today().year + 1)
        self.source = form.add_row("source", tr("life", "问题来源"), choice_combo(labels.RECTIFICATION_SOURCES))
        self.category = form.add_row("category", tr("life", "类别"), choice_combo(labels.ISSUE_CATEGORIES))
        self.scope = form.add_row("scope", tr("life", "整改对象"), choice_combo(labels.RECTIFICATION_SCOPES))
        self.problem = form.add_row("problem", tr("life", "问题 *"), _text(80))
        self.cause = form.add_row("cause", tr("life", "原因"), _text(60))
        self.measure = form.add_row("measure", tr("life", "整改措施 *"), _text(90))
        self.owner = form.add_row("owner_name", tr("life", "责任人 *"), PersonCombo(archive))
        self.deadline = form.add_row("deadline", tr("life", "完成时限 *"), DateField("deadline", "完成时限"))
        self.created = form.add_row("created_on", tr("life", "列入台账日期"), DateField("created_on", "列入台账日期"))
        self.public = form.add_row("public", tr("life", "公示"), QCheckBox(tr("life", "在整改公示中列出")))
        self.source_ref = ""
        values = archive.rectification.form(item_id) if item_id is not None else prefill
        if values is None:
            values = ItemForm(clock.today().year, created_on=clock.today())
        self._fill(values)
        if item_id is not None:
            self.year.setEnabled(False)

    def _fill(self, values: ItemForm) -> None:
        self.year.setValue(values.year)
        for box, value in ((self.source, values.source), (self.category, values.category), (self.scope, values.scope)):
            box.setCurrentIndex(max(box.findData(value), 0))
        self.problem.setPlainText(values.problem)
        self.cause.setPlainText(values.cause)
        self.measure.setPlainText(values.measure)
        self.owner.set_person(values.owner_member_id, values.owner_name)
        self.deadline.set_date(values.deadline)
        self.created.set_date(values.created_on or clock.today())
        self.public.setChecked(values.public)
        self.source_ref = values.source_ref

    def commit(self) -> int:
        dates = read_dates(self.deadline, self.created)
        member_id, name = self.owner.person()
        form = ItemForm(self.year.value(), self.problem.toPlainText(), self.measure.toPlainText(), member_id, name,
                        dates["deadline"], self.source.currentData(), self.source_ref, self.category.currentData(),
                        self.scope.currentData(), self.cause.toPlainText(), self.public.isChecked(),
                        dates["created_on"])
        if self.item_id is None:
            return self.archive.rectification.add(form)
        self.archive.rectification.update(self.item_id, form)
        return self.item_id


class ProgressDialog(FormDialog):
    def __init__(self, archive, item_id: int, parent=None):
        super().__init__(tr("life", "登记整改进展"), parent, height=300)
        self.archive, self.item_id = archive, item_id
        self.day = self.form.add_row("noted_on", tr("life", "日期"), DateField("noted_on", "日期"))
        self.day.set_date(clock.today())
        self.text = self.form.add_row("progress", tr("life", "进展情况 *"), _text(110))

    def commit(self) -> int:
        return self.archive.rectification.add_progress(self.item_id, self.text.toPlainText(),
                                                       read_dates(self.day)["noted_on"])


class CloseDialog(FormDialog):
    def __init__(self, archive, item_id: int, parent=None):
        super().__init__(tr("life", "整改销号"), parent, height=320)
        self.archive, self.item_id = archive, item_id
        self.day = self.form.add_row("closed_on", tr("life", "销号日期"), DateField("closed_on", "销号日期"))
        self.day.set_date(clock.today())
        self.note = self.form.add_row("closing_note", tr("life", "完成情况 *"), _text(110))
        self.form.add_row("evidence", "", QWidget())

    def commit(self) -> int:
        self.archive.rectification.close(self.item_id, read_dates(self.day)["closed_on"], self.note.toPlainText())
        return self.item_id


class EvidenceDialog(FormDialog):
    """Link a meeting record of the item's year (or the next), or copy a file in."""

    def __init__(self, archive, item_id: int, parent=None):
        super().__init__(tr("life", "添加整改佐证"), parent, height=300)
        self.archive, self.item_id = archive, item_id
        item = archive.rectification.summary(item_id)
        self.meeting = self.form.add_row("kind", tr("life", "关联会议记录"), QComboBox())
        self.meeting.addItem(tr("life", "（不关联会议，添加文件）"), None)
        meetings = archive.meetings
        for year in (item.year, item.year + 1):
            for summary in meetings.summaries(meetings.query_ids(year=year, descending=False)):
                if summary.held_on is not None:
                    self.meeting.addItem(f"{summary.held_on:%Y-%m-%d} {summary.title}", summary.id)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        self.file = QLineEdit()
        self.file.setPlaceholderText(tr("life", "照片、扫描件或文件"))
        browse = QPushButton(tr("life", "选择文件…"))
        browse.clicked.connect(self.browse)
        line.addWidget(self.file, 1)
        line.addWidget(browse)
        self.form.add_row("file", tr("life", "或添加文件"), row)
        self.title = self.form.add_row("title", tr("life", "附件名称"), QLineEdit())

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("life", "选择佐证文件"), str(Path.home()))
        if path:
            self.file.setText(path)

    def commit(self) -> int:
        from branchdesk.errors import ValidationError

        meeting_id = self.meeting.currentData()
        if meeting_id is not None:
            return self.archive.rectification.add_evidence(self.item_id, "meeting", meeting_id)
        if not self.file.text().strip():
            raise ValidationError("file", "required", tr("life", "请选择要关联的会议记录，或选择一个文件。"))
        return self.archive.rectification.add_evidence_file(self.item_id, self.file.text().strip(), self.title.text())


def ledger_item_from(page, parent, prefill: ItemForm) -> int | None:
    """A rectification item prefilled from an opinion, a problem or a criticism entry."""
    from ...toolkit.actions import exec_dialog

    # the 整改台账 page reads the ledger again when it is next shown
    return exec_dialog(ItemDialog(page.archive, prefill=prefill, parent=parent), page.reload_cycle)
