"""方案与回头看: the plan (theme, date, form, reported upward), the review of earlier
years' rectification items, and the checklist before 定稿."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from branchdesk import clock, labels
from branchdesk.errors import BranchDeskError, ValidationError, ValidationErrors
from branchdesk.life import PlanForm

from ...errors import show_error
from ...text import tr
from ...toolkit import styles
from ...toolkit.actions import button
from ...toolkit.form_state import TrackedForm
from ...toolkit.forms import DateField, ErrorForm, read_dates
from ...toolkit.models.ids_model import Col, IdsModel
from ...toolkit.tables import read_only_table
from .edits import EditedForm, TabEdits

REVIEW_COLUMNS = [
    Col("编号", lambda i: i.code, 70),
    Col("问题", lambda i: i.problem, 200),
    Col("责任人", lambda i: i.owner_name, 60),
    Col("完成情况", lambda i: i.status_text(clock.today()), 190),
]


class PlanTab(TabEdits, QWidget):
    def __init__(self, page):
        super().__init__()
        self.page = page
        archive = page.archive
        self.form = ErrorForm()
        self.theme = self.form.add_row("theme", tr("life", "会议主题"), QLineEdit())
        self.theme.textChanged.connect(self.theme.setToolTip)  # a long theme is read whole there
        self.planned = self.form.add_row("planned_on", tr("life", "计划召开日期"), DateField("planned_on", "计划召开日期"))
        self.form_kind = self.form.add_row("form", tr("life", "会议形式"), QComboBox())
        for key, text in labels.LIFE_FORMS.items():
            self.form_kind.addItem(text, key)
        self.group = self.form.add_row("group_id", tr("life", "党小组"), QComboBox())
        self.group.addItem("", None)
        for group in archive.groups.list():
            self.group.addItem(group.name, group.id)
        self.form_kind.currentIndexChanged.connect(
            lambda: self.group.setEnabled(self.form_kind.currentData() == "group"))
        self.reported = self.form.add_row("plan_reported_on", tr("life", "方案报上级日期"),
                                          DateField("plan_reported_on", "方案报上级日期"))
        self.save_plan = button(tr("life", "保存方案"), self.save, "save_plan")
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        plan_box = QGroupBox(tr("life", "会议方案"))
        plan_layout = QVBoxLayout(plan_box)
        plan_layout.addWidget(self.notice)
        plan_layout.addWidget(self.form)
        plan_layout.addWidget(self.save_plan)

        self.review_model = IdsModel(REVIEW_COLUMNS, "life", self)
        self.review_model.tint = lambda i: styles.ROW_DONE if i.closed_on else (styles.ROW_WARN if i.is_overdue(clock.today()) else None)
        self.review_table = read_only_table(self.review_model, "review_table", stretch=1)
        self.review = QPlainTextEdit()
        self.review.setObjectName("review_text")
        self.review.setPlaceholderText(tr("life", "会前对上年度整改事项逐项“回头看”的情况：完成了哪些，哪些没有完成、原因和下一步措施"))
        self.review.setFixedHeight(90)
        self.save_review = button(tr("life", "保存回头看"), self.save_review_text, "save_review")
        review_box = QGroupBox(tr("life", "上年度整改事项“回头看”"))
        review_layout = QVBoxLayout(review_box)
        review_layout.addWidget(self.review_table, 1)
        review_layout.addWidget(self.review)
        review_layout.addWidget(self.save_review)

        self.checks = QListWidget()
        self.checks.setObjectName("readiness")
        self.checks.setWordWrap(True)
        check_box = QGroupBox(tr("life", "定稿前检查"))
        QVBoxLayout(check_box).addWidget(self.checks)

        left = QVBoxLayout()
        left.addWidget(plan_box)
        left.addWidget(review_box, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(check_box, 2)
        self._track_edits()

    def load(self) -> None:
        page = self.page
        self.form.clear_errors()
        if page.cycle_id is None:
            self.notice.setText(tr("life", "{0} 年度组织生活会还没有建立。填写方案后点「建立」，以后各项工作都记在这一年度下。")
                                .format(page.year))
            self.save_plan.setText(tr("life", "建立 {0} 年度组织生活会").format(page.year))
            self.theme.clear()
            self.planned.set_date(None)
            self.reported.set_date(None)
            self.review.clear()
        else:
            detail = page.detail
            plan = detail.plan
            self.notice.setText("")
            self.save_plan.setText(tr("life", "保存方案"))
            self.theme.setText(plan.theme)
            # a theme longer than the field is shown from its first character (setText leaves
            # the cursor, and so the view, at its end: the first character was cut off at the
            # left)
            self.theme.setCursorPosition(0)
            self.planned.set_date(plan.planned_on)
            self.form_kind.setCurrentIndex(max(self.form_kind.findData(plan.form), 0))
            self.group.setCurrentIndex(max(self.group.findData(plan.group_id), 0))
            self.reported.set_date(plan.plan_reported_on)
            self.review.setPlainText(detail.review)
        self.group.setEnabled(self.form_kind.currentData() == "group")
        review = page.archive.rectification.review_items(page.year)
        self.review_model.set_items(review)
        self.load_checks()
        editable = page.editable
        for widget in (self.theme, self.planned, self.form_kind, self.reported, self.save_plan):
            widget.setEnabled(editable or (page.cycle_id is None and not page.archive.read_only))
        self.review.setReadOnly(not editable)
        self.save_review.setEnabled(editable)
        self.loaded_all()

    def load_checks(self) -> None:
        self.checks.clear()
        if self.page.cycle_id is None:
            return
        for check in self.page.archive.life.readiness(self.page.cycle_id):
            mark = "✓" if check.ok else ("✗" if check.blocking else "!")
            item = QListWidgetItem(f"{mark} {check.label}" + (f"\n    {check.detail}" if check.detail else ""))
            if not check.ok:
                item.setForeground(styles.ERROR_COLOUR if check.blocking else styles.CAUTION_COLOUR)
            self.checks.addItem(item)

    def plan(self) -> PlanForm:
        dates = read_dates(self.planned, self.reported)
        return PlanForm(self.page.year, self.theme.text(), dates["planned_on"], self.form_kind.currentData(),
                        self.group.currentData(), dates["plan_reported_on"])

    def save(self) -> bool:
        self.form.clear_errors()
        life = self.page.archive.life
        try:
            plan = self.plan()
            if self.page.cycle_id is None:
                life.create(plan)
            else:
                life.save_plan(self.page.cycle_id, plan)
        except (ValidationErrors, ValidationError) as error:
            rest = self.form.show_errors(error.errors if isinstance(error, ValidationErrors) else [error])
            if rest:
                show_error(self, ValidationErrors(rest))
            return False
        except BranchDeskError as error:
            show_error(self, error)
            return False
        self.page.reload()
        return True

    def save_review_text(self) -> bool:
        if not self.page.run(self.page.archive.life.save_text, self.page.cycle_id, "review", self.review.toPlainText()):
            return False
        self.edited["review"].form.loaded()
        return True

    # -- unsaved edits and drafts (edits.py) ------------------------------------
    def _track_edits(self) -> None:
        self.draft_kind = "life"
        self.edited = {
            "plan": EditedForm(TrackedForm(self.form), lambda: tr("life", "{0} 年度组织生活会方案").format(self.page.year),
                               self.save_plan.isEnabled, self.save),
            "review": EditedForm(TrackedForm(self.review),
                                 lambda: tr("life", "{0} 年度整改事项“回头看”").format(self.page.year),
                                 self.save_review.isEnabled, self.save_review_text),
        }
