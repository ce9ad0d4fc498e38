"""新建会议: kind, party group, date and time, place, title and theme of a planned meeting
— copied from the last meeting of its kind (「复制上次会议」, on by default when there is
one) and started from a topic template if one is chosen."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from branchdesk import clock, labels
from branchdesk.errors import BranchDeskError, ValidationError, ValidationErrors
from branchdesk.meetings import MeetingForm
from branchdesk.meetings import templates as topics

from ...errors import show_error
from ...text import tr
from ...toolkit import styles
from ...toolkit.forms import DateField, ErrorForm, error_label, read_dates
from ...toolkit.unsaved import AsksBeforeClosing


class PlanDialog(AsksBeforeClosing, QDialog):
    def __init__(self, archive, parent=None, kind: str = "committee", day: dt.date | None = None):
        super().__init__(parent)
        self.archive = archive
        self.saved_id: int | None = None
        self.setWindowTitle(tr("meetings", "新建会议"))
        self.resize(460, 360)
        form = self.form = ErrorForm()
        self.kind = form.add_row("kind", tr("meetings", "会议类型 *"), QComboBox())
        for key, text in labels.MEETING_KINDS.items():
            self.kind.addItem(text, key)
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        self.group = form.add_row("group_id", tr("meetings", "党小组"), QComboBox())
        for group in archive.groups.list():
            self.group.addItem(group.name, group.id)
        self.planned_on = form.add_row("planned_on", tr("meetings", "日期 *"), DateField("planned_on", "日期"))
        self.planned_on.set_date(day or clock.today())
        self.planned_time = form.add_row("planned_time", tr("meetings", "时间"), QLineEdit())
        self.planned_time.setPlaceholderText("14:30")
        self.place = form.add_row("place", tr("meetings", "地点"), QLineEdit())
        self.title = form.add_row("title", tr("meetings", "会议名称"), QLineEdit())
        self.title.setPlaceholderText(tr("meetings", "留空则按类型和月份命名"))
        self.theme = form.add_row("theme", tr("meetings", "主题"), QLineEdit())
        self.template = form.add_row("template", tr("meetings", "议题模板"), QComboBox())
        self.copy_last = QCheckBox()
        self.copy_last.setObjectName("copy_last")
        form.add_row("copy_last", tr("meetings", "复制上次会议"), self.copy_last)
        hint = QLabel(tr("meetings", "补录已经开过的会议，也在这里新建，然后在「召开情况」中填写实际日期。"))
        hint.setWordWrap(True)
        hint.setStyleSheet(styles.HINT_TEXT)
        self.general_error = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("meetings", "新建"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("meetings", "取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        layout.addWidget(hint)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.group.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        is_group = kind == "group"
        self.group.setEnabled(is_group)
        self.template.clear()
        self.template.addItem(tr("meetings", "（不用模板）"), "")
        for template in topics.templates(self.archive, kind):
            self.template.addItem(template.name, template.name)
        group_id = self.group.currentData() if is_group else None
        self.source_id = topics.last_of_kind(self.archive, kind, group_id)
        self.copy_last.setEnabled(self.source_id is not None)
        self.copy_last.setChecked(self.source_id is not None)
        if self.source_id is None:
            self.copy_last.setText(tr("meetings", "（还没有记录过这类会议）"))
            self.copy_last.setToolTip("")
        else:
            source = self.archive.meetings.summary(self.source_id)
            # the date, not the title: a 200-character title must not widen the dialog
            self.copy_last.setText(tr("meetings", "照 {0} 那次填好地点、主持人、记录人和应到人员")
                                   .format(f"{source.date:%Y-%m-%d}"))
            self.copy_last.setToolTip(source.title)
        if is_group and self.group.count() == 0:
            self.general_error.setText(tr("meetings", "还没有党小组。请先在「设置」中建立党小组。"))
            self.general_error.show()
        else:
            self.general_error.hide()

    def save(self) -> None:
        try:
            dates = read_dates(self.planned_on)
            kind = self.kind.currentData()
            group_id = self.group.currentData() if kind == "group" else None
            if self.copy_last.isChecked() and self.source_id is not None:
                form = topics.copied_form(self.archive, self.source_id, dates["planned_on"])
            else:
                form = MeetingForm(kind=kind, planned_on=dates["planned_on"], group_id=group_id)
            # what was typed here wins over what was copied
            for key in ("planned_time", "place", "title", "theme"):
                typed = getattr(self, key).text()
                if typed.strip() or key in ("title", "theme"):
                    setattr(form, key, typed)
            if self.template.currentData():
                form = topics.apply_template(form, topics.template(self.archive, kind, self.template.currentData()))
            self.saved_id = self.archive.meetings.plan(form)
        except (ValidationErrors, ValidationError) as error:
            errors = error.errors if isinstance(error, ValidationErrors) else [error]
            rest = self.form.show_errors(errors)
            if rest:
                self.general_error.setText("\n".join(e.message() for e in rest))
                self.general_error.show()
            return
        except BranchDeskError as error:
            show_error(self, error)
            return
        self.accept()
