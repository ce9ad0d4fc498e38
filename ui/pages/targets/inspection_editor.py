"""One 检查考核: who inspected and when, the scoring sheet with the live total and grade,
the problems found, and its state — a draft is edited, 「归档（封存）」 seals it after a
confirmation listing what will be sealed, a filed one is read-only and corrected only
as a revision with a reason."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from branchdesk.errors import BranchDeskError, Conflict, ValidationError, ValidationErrors
from branchdesk.targets import INSPECTION, UNSET, InspectionHeader, parse_tenths, tenths_text

from ...text import tr
from ...toolkit import styles
from ...toolkit.actions import ask_text, button
from ...toolkit.drafting import apply_draft, draft_of
from ...toolkit.form_state import TrackedForm
from ...toolkit.forms import DateField, ErrorForm, read_dates
from ...toolkit.unsaved import ask_before_leaving
from .common import text_box
from .problems_view import ProblemsView
from .scoring_view import ScoringView


class InspectionEditor(QWidget):
    back = Signal()
    changed = Signal(int)  # an inspection's header or state changed, or it was corrected or deleted
    opened = Signal(int)  # another inspection (a revision) is to be shown

    def __init__(self, page):
        super().__init__()
        self.page = page
        self.archive = page.archive
        self.inspection_id: int | None = None
        self.summary = None
        self.detail = None
        self.measures: dict = {}
        self.title = QLabel()
        self.title.setObjectName("inspection_title")
        self.totals = QLabel()
        self.totals.setObjectName("inspection_totals")
        self.lock = QLabel()
        self.lock.setObjectName("inspection_lock")
        self.lock.setWordWrap(True)
        self.lock.setStyleSheet(styles.banner("warning"))
        self.message = QLabel()
        self.message.setObjectName("inspection_message")
        self.message.setWordWrap(True)
        self.message.hide()

        self.form = ErrorForm()
        self.inspected_on = self.form.add_row("inspected_on", tr("targets", "检查日期 *"),
                                              DateField("inspected_on", "检查日期"))
        self.inspectors = self.form.add_row("inspectors", tr("targets", "检查人 *"), QLineEdit())
        self.inspectors.setPlaceholderText(tr("targets", "如 张三、李四"))
        self.body = self.form.add_row("inspecting_body", tr("targets", "检查单位"), QLineEdit())
        self.remarks = self.form.add_row("remarks", tr("targets", "总体评价"), text_box(110))
        self.scoring = ScoringView(self)
        self.scoring.model.edit = self.set_score
        self.problems = ProblemsView(self)
        self.parts = QTabWidget()
        self.parts.setObjectName("inspection_parts")
        header_box = QWidget()
        header_layout = QVBoxLayout(header_box)
        header_layout.addWidget(self.form)
        self.header_form = TrackedForm(self.form)  # the header as loaded: unsaved edits, drafts
        header_layout.addStretch(1)
        self.parts.addTab(self.scoring, tr("targets", "评分"))
        self.parts.addTab(header_box, tr("targets", "检查情况"))
        self.parts.addTab(self.problems, tr("targets", "发现的问题"))

        self.actions = {
            "save": button(tr("targets", "保存 (Ctrl+S)"), self.save, "inspection_save"),
            "measure": button(tr("targets", "自动计量并填入自评分"), self.fill_measures, "inspection_measure"),
            "file": button(tr("targets", "归档（封存）…"), self.file, "inspection_file"),
            "correct": button(tr("targets", "更正…"), self.correct, "inspection_correct"),
            "delete": button(tr("targets", "删除草稿"), self.delete, "inspection_delete"),
            "preview": button(tr("targets", "预览 / 打印…"), self.preview_pdf, "inspection_preview"),
            "pdf": button(tr("targets", "导出考核表 PDF…"), self.export_pdf, "inspection_pdf"),
        }
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        back = button(tr("targets", "← 返回列表"), self.go_back, "inspection_back")
        top = QHBoxLayout()
        top.addWidget(back)
        top.addWidget(self.title, 1)
        top.addWidget(self.totals)
        top.addSpacing(6)
        actions = QHBoxLayout()
        for widget in self.actions.values():
            actions.addWidget(widget)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.lock)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(self.parts, 1)

    # -- state -----------------------------------------------------------------
    @property
    def editable(self) -> bool:
        return self.summary is not None and self.summary.state == "draft" and not self.archive.read_only

    def open(self, inspection_id: int) -> None:
        self.inspection_id = inspection_id
        self.message.hide()
        self.form.clear_errors()
        self.reload(measures=True, keep_typing=False)
        self.parts.setCurrentIndex(0)

    def reload(self, measures: bool = False, keep_typing: bool = True) -> None:
        """Read the inspection again; ``measures``: recompute the auto-measures too
        (they follow other records, not the scores, so a score edit does not need them).
        ``keep_typing``: header edits not saved yet stay (a score stored meanwhile reloads)."""
        typed = self.header_form.state() if keep_typing and self.has_unsaved_changes() else None
        inspections = self.archive.targets.inspections
        self.detail = inspections.detail(self.inspection_id)
        self.summary = self.detail.summary
        if measures:
            self.measures = inspections.measures(self.inspection_id) if self.summary.state == "draft" else {}
        editable = self.editable
        self.scoring.set_detail(self.detail, self.measures, editable)
        self.problems.set_problems(self.detail.problems, editable)
        header = self.detail.header
        self.inspected_on.set_date(header.inspected_on)
        self.inspectors.setText(header.inspectors)
        self.body.setText(header.inspecting_body)
        self.remarks.setPlainText(header.remarks)
        for widget in (self.inspected_on, self.inspectors, self.body):
            widget.setReadOnly(not editable)
        self.remarks.setReadOnly(not editable)
        self.show_state()
        self.header_form.loaded()
        if typed is not None and editable:
            self.header_form.apply(typed)

    def show_state(self) -> None:
        s = self.summary
        self.title.setText(tr("targets", "<b>{0}</b>（{1}）").format(s.title, s.state_label))
        unscored = sum(1 for row in self.detail.scores if row.score_x10 is None)
        grade = s.grade or (tr("targets", "尚有 {0} 项未评分").format(unscored) if unscored else "—")
        self.totals.setText(tr("targets", "自评 {0} · 考核得分 <b>{1}</b> / {2} 分 · 等次 <b>{3}</b>").format(
            tenths_text(s.self_total_x10, "—"), tenths_text(s.total_x10, "—"), tenths_text(s.total_points_x10), grade))
        self.totals.setToolTip(self.detail.thresholds.sentence())
        self.lock.setText(self.lock_text())
        self.lock.setVisible(bool(self.lock.text()))
        shown = {"draft": ("save", "measure", "file", "delete"), "final": ("file",),
                 "reported": ("correct",)}[s.state] + ("preview", "pdf")
        for key, widget in self.actions.items():
            widget.setVisible(key in shown)
            widget.setEnabled(key in ("preview", "pdf") or not self.archive.read_only)
        self.actions["delete"].setVisible(s.state == "draft" and s.corrects_id is None)

    def lock_text(self) -> str:
        inspections = self.archive.targets.inspections
        lines = []
        if self.summary.corrects_id is not None:
            chain = inspections.revisions(self.inspection_id)
            reason = next((r.reason for r in chain if r.revision_id == self.inspection_id), "")
            lines.append(tr("targets", "这是已归档检查考核的更正版本，更正原因：{0}。原件保持封存不变。").format(reason))
        if self.summary.state == "reported":
            seal = self.archive.records.seal(INSPECTION, self.inspection_id)
            when = seal.sealed_at[:16] if seal else ""
            lines.append(tr("targets", "已于 {0} 归档封存，内容不能修改。如需更正，请点「更正…」写明原因，将新建修订版本，原件保持不变。")
                         .format(when))
        elif self.archive.read_only:
            lines.append(tr("targets", "档案库以只读方式打开，不能修改。"))
        return "\n".join(lines)

    def say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(styles.ERROR_TEXT if error else styles.SUCCESS_TEXT)
        self.message.setVisible(bool(text))

    def explain_locked(self) -> str:
        """An edit of something that cannot change: say why, in the domain's words."""
        try:
            self.archive.require_writable()
            self.archive.records.require_draft(INSPECTION, self.inspection_id)
        except BranchDeskError as error:
            self.say(error.message(), error=True)
            return error.message()
        return ""

    # -- editing ---------------------------------------------------------------
    def set_score(self, row, key: str, text: str) -> bool:
        """An edited cell of the scoring sheet: stored at once, or refused with a message."""
        if not self.editable:
            self.explain_locked()
            return False
        what = {"self_score": tr("targets", "「{0}」的自评分"), "score": tr("targets", "「{0}」的考核得分")}
        try:
            if key == "remark":
                values = (UNSET, UNSET, text)
            else:
                value = parse_tenths(text, key, what[key].format(row.code), False)
                values = (value, UNSET, UNSET) if key == "self_score" else (UNSET, value, UNSET)
            self.archive.targets.inspections.set_score(self.inspection_id, row.code, *values)
        except (ValidationError, ValidationErrors, Conflict) as error:
            self.say(error.message(), error=True)
            return False
        except BranchDeskError as error:
            self.say(error.message(), error=True)
            return False
        self.message.hide()
        # only this sheet shows it now: the list and the archive read the totals when shown
        self.reload()
        return True

    def header(self) -> InspectionHeader:
        day = read_dates(self.inspected_on)["inspected_on"]
        return InspectionHeader(day, self.inspectors.text(), self.body.text(), self.remarks.toPlainText())

    def header_changed(self) -> bool:
        stored = self.detail.header
        try:
            return self.header() != stored
        except (ValidationError, ValidationErrors):  # a date typed wrong is a change too
            return True

    def save(self) -> bool:
        """保存 the header (the scores are stored as they are typed)."""
        if not self.editable:
            self.explain_locked()
            return False
        self.form.clear_errors()
        try:
            self.archive.targets.inspections.save_header(self.inspection_id, self.header())
        except (ValidationError, ValidationErrors) as error:
            errors = error.errors if isinstance(error, ValidationErrors) else [error]
            rest = self.form.show_errors(errors)
            self.parts.setCurrentIndex(1)
            self.say("\n".join(e.message() for e in rest) or tr("targets", "请改正标红的项目后再保存。"), error=True)
            return False
        except BranchDeskError as error:
            self.say(error.message(), error=True)
            return False
        self.reload(keep_typing=False)
        self.say(tr("targets", "已保存。"))
        self.changed.emit(self.inspection_id)
        return True

    def fill_measures(self) -> int:
        """Recompute the auto-measures and fill the empty self-scores with their suggestion."""
        filled = []
        if not self.page.run(lambda: filled.append(
                self.archive.targets.inspections.suggest_self_scores(self.inspection_id))):
            return 0
        self.reload(measures=True)
        self.say(tr("targets", "已重新计算 {0} 项自动计量，填入自评分 {1} 项（已填的自评分不变）。").format(
            len(self.measures), filled[0]))
        self.changed.emit(self.inspection_id)
        return filled[0]

    # -- states ----------------------------------------------------------------
    def sealed_contents(self) -> str:
        """What 归档 seals, in words, for the confirmation."""
        d, s = self.detail, self.summary
        evidence = sum(len(row.evidence) for row in d.scores)
        on_ledger = sum(1 for p in d.problems if p.ledger)
        return "\n".join([
            tr("targets", "• 考核周期：{0}；检查日期：{1}；检查人：{2}").format(
                s.period.label, d.header.inspected_on.isoformat() if d.header.inspected_on else "—",
                d.header.inspectors),
            tr("targets", "• {0} 项指标的自评分和考核得分，合计 {1} / {2} 分，等次 {3}").format(
                len(d.scores), tenths_text(s.total_x10, "—"), tenths_text(s.total_points_x10), s.grade or "—"),
            tr("targets", "• 佐证 {0} 项；发现问题 {1} 个（已列入整改台账 {2} 个）；总体评价").format(
                evidence, len(d.problems), on_ledger),
        ])

    def file(self, confirm: bool = True) -> bool:
        """归档（封存）: complete, confirmed, then finalised and sealed in one step."""
        if self.summary.state == "draft" and self.header_changed() and not self.save():
            return False
        missing = self.archive.targets.inspections.readiness(self.inspection_id)
        if missing:
            self.say(tr("targets", "还不能归档：\n") + "\n".join(f"• {m}" for m in missing), error=True)
            return False
        question = tr("targets", "归档后以下内容封存，任何人（包括本程序）都不能再修改；如需更正，只能写明原因新建修订版本：\n\n{0}\n\n"
                                 "整改台账中的事项不随考核表封存，归档后仍可继续办理。确定归档吗？").format(self.sealed_contents())
        if confirm and QMessageBox.question(self, tr("targets", "归档（封存）"), question) != QMessageBox.StandardButton.Yes:
            return False
        if not self.page.run(self.archive.targets.inspections.file, self.inspection_id):
            return False
        self.reload()
        self.say(tr("targets", "已归档封存。"))
        self.changed.emit(self.inspection_id)
        return True

    def correct(self, reason: str | None = None) -> int | None:
        reason = reason or ask_text(self, tr("targets", "更正"), tr("targets", "更正原因（原件保持封存不变，新建修订版本）："))
        if not reason:
            return None
        new_id = []
        inspections = self.archive.targets.inspections
        if not self.page.run(lambda: new_id.append(inspections.correct(self.inspection_id, reason))):
            return None
        self.changed.emit(new_id[0])
        self.opened.emit(new_id[0])
        self.say(tr("targets", "已新建更正版本（草稿）。改好后请再次归档。"))
        return new_id[0]

    def delete(self) -> bool:
        question = tr("targets", "删除「{0}」草稿吗？（录入错误时使用）").format(self.summary.title)
        if QMessageBox.question(self, tr("targets", "删除草稿"), question) != QMessageBox.StandardButton.Yes:
            return False
        if not self.page.run(self.archive.targets.inspections.delete, self.inspection_id):
            return False
        self.inspection_id = None
        self.changed.emit(-1)
        self.back.emit()
        return True

    def export_pdf(self, path: str | None = None) -> bool:
        return self.page.exports.inspection(self.inspection_id, path)

    def preview_pdf(self) -> bool:
        """「预览 / 打印」 the 考核表 as typed: a changed header is saved first (as 保存 does)."""
        if self.has_unsaved_changes() and not self.save():
            return False
        return self.page.exports.preview_inspection(self.inspection_id)

    def go_back(self) -> None:
        if ask_before_leaving(self, [self]):
            self.back.emit()

    # -- unsaved edits (ui/toolkit/unsaved.py): the header; scores are stored as typed --------
    def has_unsaved_changes(self) -> bool:
        return self.inspection_id is not None and self.editable and self.header_changed()

    def unsaved_description(self) -> str:
        return tr("targets", "目标管理检查「{0}」").format(self.summary.title)

    def save_changes(self) -> bool:
        return self.save()

    def discard_changes(self) -> None:
        self.reload(keep_typing=False)

    # -- power-cut drafts (ui/toolkit/drafting.py): the header ---------------------------
    def draft_item(self):
        if not self.has_unsaved_changes():
            return None
        return draft_of(f"inspection-{self.inspection_id}", self.unsaved_description(), self.header_form)

    def apply_draft(self, draft) -> str:
        return apply_draft(self.header_form, draft, self.editable)
