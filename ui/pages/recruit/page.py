"""发展党员 page: the people in the pipeline by stage with what is due next; the selected
person's 发展档案 (every step in order, its people, decision, meeting vote and papers)
and the form for the next step."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from branchdesk import labels

from ...access import confirm_sensitive
from ...text import tr
from ...toolkit import styles
from ...toolkit.actions import button, run_action
from ...toolkit.fitting import FlowLayout
from ...toolkit.models.plain_table import PlainTableModel, TextColumn
from ...toolkit.tables import read_only_table
from ...toolkit.unsaved import ask_before_leaving
from .exports import RecruitExports
from .files import PageFiles
from .person_dialog import PersonDialog
from .step_editor import StepEditor


@dataclass(frozen=True)
class Column(TextColumn):
    width: int = 100  # the table's starting width of the column (read_only_table)


def _last_step(summary) -> str:
    from branchdesk.recruit import BY_KEY

    if not summary.last_step:
        return tr("recruit", "（尚未登记）")
    return f"{BY_KEY[summary.last_step].title} {summary.last_on:%Y-%m-%d}"


class RecruitPage(PageFiles, QWidget):
    def __init__(self, archive, window=None):
        super().__init__()
        self.archive = archive
        self.window_ = window
        self.stage = QComboBox()
        self.stage.setObjectName("recruit_stage")
        self.stage.addItem(tr("recruit", "全部阶段"), None)
        for key, text in labels.RECRUIT_STAGES.items():
            self.stage.addItem(text, key)
        self.stage.currentIndexChanged.connect(self.load)
        self.count = QLabel()
        self.count.setObjectName("recruit_count")
        self.buttons = {
            "add": button(tr("recruit", "新建发展档案…"), self.add_person, "recruit_add"),
            "edit": button(tr("recruit", "修改基本信息…"), self.edit_person, "recruit_edit"),
            "delete": button(tr("recruit", "删除档案"), self.delete_person, "recruit_delete"),
            "undo": button(tr("recruit", "撤销最后一步"), self.undo_step, "recruit_undo"),
            "attach": button(tr("recruit", "添加材料扫描件…"), self.attach, "recruit_attach"),
            "finalise": button(tr("recruit", "定稿"), self.finalise, "recruit_finalise"),
            "report": button(tr("recruit", "上报封存…"), self.report, "recruit_report"),
        }
        self.exports = RecruitExports(self)
        self.session = getattr(window, "session", None) or archive.access.session()
        self.reveal_button = button(tr("recruit", "显示敏感内容…"), self.reveal, "recruit_reveal")
        self.revealed = False
        # the papers and the import in one menu: the page's buttons fit two rows at 1024 pixels
        self.papers_button = QToolButton()
        self.papers_button.setObjectName("recruit_papers")
        self.papers_button.setText(tr("recruit", "导出与导入"))
        self.papers_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.papers_button)
        for text, slot in ((tr("recruit", "导出全程纪实表…"), lambda: self.exports.record()),
                           (tr("recruit", "导出公示…"), lambda: self.exports.notice()),
                           (tr("recruit", "导出发展党员工作台账…"), lambda: self.exports.ledger()),
                           (tr("recruit", "从 Excel 导入…"), lambda: self.import_file()),
                           (tr("recruit", "保存导入表模板…"), lambda: self.save_template())):
            menu.addAction(text, slot)
        self.papers_button.setMenu(menu)
        self.model = PlainTableModel([
            Column("姓名", lambda s: s.name, width=80),
            Column("阶段", lambda s: s.stage_label, width=100),
            Column("最近步骤", _last_step, width=240),
            Column("下一步 / 待办", lambda s: s.next_text, width=300),
        ], "recruit", self)
        self.model.tint = lambda s, _column: styles.ROW_WARN if any(d.overdue for d in s.due) else None
        self.table = read_only_table(self.model, "recruit_people", stretch=3)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.dossier = QTextBrowser()
        self.dossier.setObjectName("recruit_dossier")
        self.dossier.setOpenLinks(False)
        self.dossier.anchorClicked.connect(self.open_document)
        self.editor = StepEditor(self)
        editor_scroll = QScrollArea()
        editor_scroll.setWidget(self.editor)
        editor_scroll.setWidgetResizable(True)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.dossier)
        lower.addWidget(editor_scroll)
        lower.setSizes([480, 480])
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setSizes([200, 420])
        top = QHBoxLayout()
        top.addWidget(self.stage)
        actions = FlowLayout()
        for widget in [*self.buttons.values(), self.papers_button, self.reveal_button]:
            actions.addWidget(widget)
        actions.addWidget(self.count)
        top_box = QWidget()
        top_box.setLayout(actions)
        top.addWidget(top_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.load()

    # -- the list --------------------------------------------------------------
    def load(self, *args) -> None:
        keep = self.selected_person()
        summaries = self.archive.recruit.summaries()
        stage = self.stage.currentData()
        shown = [s for s in summaries if stage is None or s.stage == stage]
        self.model.set_items(shown)
        overdue = sum(any(d.overdue for d in s.due) for s in summaries)
        self.count.setText(tr("recruit", "共 {0} 人，有逾期事项 {1} 人").format(len(shown), overdue))
        writable = not self.archive.read_only
        for widget in self.buttons.values():
            widget.setEnabled(writable)
        if keep is not None and self._select(keep):
            return
        self._selected()

    def _select(self, person_id: int) -> bool:
        for row, summary in enumerate(self.model.items()):
            if summary.id == person_id:
                self.table.selectRow(row)
                self.show_dossier(person_id)
                return True
        return False

    def selected_person(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.item(rows[0].row()).id if rows else None

    def _selected(self, *args) -> None:
        person_id = self.selected_person()
        if person_id != self.editor.person_id and self.editor.has_unsaved_changes():
            if not ask_before_leaving(self, [self.editor]):
                self.table.selectionModel().blockSignals(True)
                self._select(self.editor.person_id)
                self.table.selectionModel().blockSignals(False)
                return
        self.show_dossier(person_id)
        if person_id != self.editor.person_id:
            self.editor.load(person_id)

    def open_person(self, person_id: int) -> StepEditor:
        """From 首页: every stage shown, the person selected with the form of the next step."""
        if self.stage.currentIndex() != 0:
            self.stage.setCurrentIndex(0)
        self._select(person_id)
        return self.editor

    # -- the 发展档案 ------------------------------------------------------------
    def show_dossier(self, person_id: int | None) -> None:
        if person_id is None:
            self.dossier.setHtml(tr("recruit", "<p>选择一人，在这里查看他的发展档案；下方右侧登记下一步。</p>"))
            return
        d = self.archive.recruit.dossier(person_id)
        e = html.escape
        gender = labels.label(labels.GENDERS, d.gender)
        sealed = "" if d.state == "draft" else f"　[{e(d.state_label)}]"
        parts = [f"<h3>{e(d.name)}（{e(d.stage_label)}）{sealed}</h3>",
                 f"<p>{gender}，{d.birth_date:%Y-%m-%d} 出生，{e(d.ethnicity)}，{e(d.masked_id)}"
                 + (f"，{e(d.job)}" if d.job else "") + "</p>"]
        if d.probation_end:
            parts.append(f"<p><b>{tr('recruit', '预备期满')}：</b>{d.probation_end:%Y-%m-%d}</p>")
        for item in d.due:
            colour = "#b03a2e" if item.overdue else "#7a5c00"
            parts.append(f"<p style='color:{colour}'>{e(item.sentence)}</p>")
        rows = []
        for step in d.steps:
            detail = [e(step.summary())] if step.summary() else []
            if step.sensitive and not self.texts_shown():
                detail.append(f"{e(step.kind.text_label)}：" + tr("recruit", "（敏感内容，点「显示敏感内容」查看）"))
            elif step.text:
                detail.append(f"{e(step.kind.text_label)}：{e(step.text)}")
            if step.reason:
                detail.append(f"{tr('recruit', '情况说明')}：{e(step.reason)}")
            detail += [f"<a href='doc:{doc.id}'>{e(doc.title)}</a>" for doc in step.documents]
            rows.append(f"<tr><td>{e(step.title)}</td><td>{step.done_on:%Y-%m-%d}</td><td>{'<br>'.join(detail)}</td></tr>")
        if rows:
            parts.append("<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr><th>"
                         + tr("recruit", "步骤") + "</th><th>" + tr("recruit", "日期") + "</th><th>"
                         + tr("recruit", "人员、结论和材料") + "</th></tr>" + "".join(rows) + "</table>")
        self.dossier.setHtml("".join(parts))

    def texts_shown(self) -> bool:
        """政审结论 and 考察意见 show once the app password was confirmed (none set: always)."""
        if not self.session.sensitive_gate():
            return True
        return self.revealed

    def reveal(self) -> bool:
        if confirm_sensitive(self, self.session):
            self.revealed = True
            self.show_dossier(self.selected_person())
        return self.revealed

    def confirm_sensitive(self) -> bool:
        return self.texts_shown() or self.reveal()

    def step_saved(self, person_id: int) -> None:
        self.load()
        self._select(person_id)

    # -- actions ---------------------------------------------------------------
    def add_person(self) -> int | None:
        dialog = PersonDialog(self.archive, parent=self)
        if dialog.exec() and dialog.saved_id is not None:
            self.stage.setCurrentIndex(0)
            self.load()
            self._select(dialog.saved_id)
            self.editor.load(dialog.saved_id)
            return dialog.saved_id
        return None

    def say_choose(self) -> bool:
        QMessageBox.information(self, tr("recruit", "发展党员"), tr("recruit", "请先在名单中选择一人。"))
        return False

    def _person_or_say(self) -> int | None:
        person_id = self.selected_person()
        if person_id is None:
            self.say_choose()
        return person_id

    def edit_person(self) -> None:
        person_id = self._person_or_say()
        if person_id is not None:
            dialog = PersonDialog(self.archive, person_id, parent=self)
            if dialog.exec():
                self.load()

    def delete_person(self) -> None:
        person_id = self._person_or_say()
        if person_id is None:
            return
        if QMessageBox.question(self, tr("recruit", "删除发展档案"),
                                tr("recruit", "只有误建的档案才删除。确定删除吗？")) == QMessageBox.StandardButton.Yes \
                and run_action(self, self.archive.recruit.delete_person, person_id):
            self.load()

    def finalise(self) -> bool:
        person_id = self._person_or_say()
        if person_id is not None and run_action(self, self.archive.recruit.finalise, person_id):
            self.load()
            return True
        return False

    def report(self) -> bool:
        """已上报: the 发展档案 is sealed with its steps and papers (as other records)."""
        person_id = self._person_or_say()
        if person_id is None:
            return False
        question = tr("recruit", "上报后档案即封存，不能再修改（如需更正须新建修订版本）。确定上报吗？")
        if QMessageBox.question(self, tr("recruit", "上报封存"), question) != QMessageBox.StandardButton.Yes:
            return False
        if run_action(self, self.archive.recruit.report, person_id):
            self.load()
            return True
        return False

    def undo_step(self) -> None:
        person_id = self._person_or_say()
        if person_id is None:
            return
        steps = self.archive.recruit.dossier(person_id).steps
        if not steps:
            return
        question = tr("recruit", "撤销「{0}」（{1}）吗？撤销会记入操作日志。").format(steps[-1].title, f"{steps[-1].done_on:%Y-%m-%d}")
        if QMessageBox.question(self, tr("recruit", "撤销最后一步"), question) == QMessageBox.StandardButton.Yes \
                and run_action(self, self.archive.recruit.undo_last_step, person_id):
            self.load()
            self.editor.load(person_id)

    def open_meeting(self, meeting_id: int) -> None:
        if self.window_ is not None and hasattr(self.window_, "show_page"):
            self.window_.show_page("meetings").open_meeting(meeting_id)

    # -- navigation and unsaved edits ------------------------------------------
    def refresh(self) -> None:
        """Shown again: meetings may have been held and voted meanwhile; typing stays;
        sensitive texts are covered again."""
        self.revealed = False
        person_id = self.editor.person_id
        self.load()
        if person_id is not None and not self.editor.has_unsaved_changes():
            self.editor.load(person_id)

    def has_unsaved_changes(self) -> bool:
        return self.editor.has_unsaved_changes()

    def unsaved_description(self) -> str:
        return self.editor.unsaved_description()

    def save_changes(self) -> bool:
        return self.editor.save()

    def discard_changes(self) -> None:
        self.editor.discard_changes()

    def draft_items(self) -> list:
        return self.editor.draft_items()

    def restore_draft(self, draft) -> str:
        return self.editor.restore_draft(draft)
