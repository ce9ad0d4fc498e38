"""One meeting: its tabs, the save, and the steps of its life (通知, 定稿, 上报, 更正),
its papers (preview, print, export) — exports run in a worker thread."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from branchdesk import labels
from branchdesk.errors import BranchDeskError, ValidationError, ValidationErrors
from branchdesk.meetings import MeetingForm
from branchdesk.meetings.papers import PAPERS
from branchdesk.meetings.signin import SCAN_MISSING, has_signin_scan

from ...errors import show_error
from ...text import tr
from ...toolkit import styles
from ...toolkit.attendance import AttendanceTab
from ...toolkit.drafting import RESTORED, apply_draft, draft_of
from ...toolkit.fitting import ElidedLabel
from ...toolkit.form_state import TrackedForm
from ...toolkit.forms import read_dates
from ...toolkit.unsaved import ask_before_leaving
from .editor_papers import PaperActions
from .tab_basic import BasicTab
from .tab_content import ContentTab
from .tab_followup import AttachmentsTab, TasksTab
from .tab_resolutions import ResolutionsTab
from .topic_buttons import TopicButtons

# which tab shows the errors of which form field
LIST_FIELDS = ("attendance", "agenda", "speeches", "resolutions", "tasks")


class MeetingEditor(QWidget):
    back = Signal()
    changed = Signal(int)

    def __init__(self, archive, parent=None):
        super().__init__(parent)
        self.archive = archive
        self.meeting_id: int | None = None
        self.state = "planned"
        self.dirty = False
        self.meeting_title = ""
        self.papers = PaperActions(self)

        self.title = ElidedLabel()  # a 200-character name must not push the buttons off-screen
        self.title.setObjectName("editor_title")
        self.title.setStyleSheet("font-weight: bold;")
        self.state_badge = QLabel()
        self.state_badge.setObjectName("editor_state")
        back = QPushButton(tr("meetings", "← 返回列表"))
        back.clicked.connect(self.go_back)
        self.save_button = QPushButton(tr("meetings", "保存 (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.notify_button = QPushButton(tr("meetings", "发出通知"))
        self.notify_button.clicked.connect(self.notify)
        self.finalise_button = QPushButton(tr("meetings", "定稿"))
        self.finalise_button.clicked.connect(self.finalise)
        self.reopen_button = QPushButton(tr("meetings", "退回草稿…"))
        self.reopen_button.clicked.connect(lambda: self.reopen())
        self.report_button = QPushButton(tr("meetings", "上报并封存…"))
        self.report_button.clicked.connect(lambda: self.report())
        self.correct_button = QPushButton(tr("meetings", "更正…"))
        self.correct_button.clicked.connect(lambda: self.correct())
        self.delete_button = QPushButton(tr("meetings", "删除"))
        self.delete_button.clicked.connect(self.delete)
        self.papers_button = QPushButton(tr("meetings", "打印与导出"))
        menu = QMenu(self.papers_button)
        self.paper_actions = {}
        for which, name in PAPERS.items():
            self.paper_actions[which] = (
                menu.addAction(tr("meetings", "预览并打印{0}…").format(name), lambda w=which: self.papers.preview(w)),
                menu.addAction(tr("meetings", "导出{0} PDF…").format(name), lambda w=which: self.papers.export_pdf(w)),
            )
            menu.addSeparator()
        self.papers_button.setMenu(menu)
        self.state_buttons = [self.save_button, self.notify_button, self.finalise_button, self.reopen_button,
                              self.report_button, self.correct_button, self.delete_button]

        head = QHBoxLayout()
        head.addWidget(back)
        head.addWidget(self.title, 1)
        head.addWidget(self.state_badge)
        actions = QHBoxLayout()
        for button in self.state_buttons:
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.papers_button)
        self.banner = QLabel()
        self.banner.setObjectName("editor_banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.scan_reminder = QLabel()
        self.scan_reminder.setObjectName("scan_reminder")
        self.scan_reminder.setWordWrap(True)
        self.scan_reminder.setStyleSheet(styles.banner("warning"))
        self.scan_reminder.hide()

        self.basic = BasicTab(archive)
        self.attendance = AttendanceTab(archive)
        self.content = ContentTab(self.speakers)
        self.resolutions = ResolutionsTab(self.attendance.entries, lambda: self.basic.kind.currentData())
        self.tasks = TasksTab(archive, self.reload_follow_up, self.people)
        self.topic_buttons = TopicButtons(self)
        self.content.layout().insertWidget(0, self.topic_buttons)
        self.attachments = AttachmentsTab(archive, self.reload_follow_up)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("editor_tabs")
        self.tab_titles = [tr("meetings", "基本信息"), tr("meetings", "出席情况"), tr("meetings", "议题与发言"),
                           tr("meetings", "决议"), tr("meetings", "落实事项"), tr("meetings", "附件")]
        for widget, text in zip((self.basic, self.attendance, self.content, self.resolutions, self.tasks,
                                 self.attachments), self.tab_titles):
            self.tabs.addTab(widget, text)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(actions)
        layout.addWidget(self.banner)
        layout.addWidget(self.scan_reminder)
        layout.addWidget(self.tabs, 1)

        for signal in self.basic.edits():
            signal.connect(self.mark_dirty)
            signal.connect(self._basic_corrected)
        for tab, model in ((1, self.attendance.model), (2, self.content.agenda), (2, self.content.speeches),
                           (3, self.resolutions.model), (4, self.tasks.model)):
            model.edited.connect(self.mark_dirty)
            model.edited.connect(lambda n=tab: self._tab_corrected(n))
        self.attendance.model.edited.connect(self.attendance.error.hide)
        self.attendance.model.edited.connect(self.resolutions.update_explanation)
        self.basic.kind.currentIndexChanged.connect(self._kind_changed)
        self.basic.held_on.textChanged.connect(self._offer_finalise)
        self.basic.group.currentIndexChanged.connect(self._kind_changed)
        self.attendance.from_roster.clicked.connect(self.update_from_roster)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        self._track_form()

    # -- loading ---------------------------------------------------------------
    def open(self, meeting_id: int) -> None:
        self.meeting_id = meeting_id
        self.load()

    def load(self) -> None:
        detail = self.archive.meetings.detail(self.meeting_id)
        form = self.archive.meetings.form(self.meeting_id)
        self.state = detail.state
        self._loading = True
        names = [e.name for e in self.archive.meetings.due_entries("general")]
        self.basic.load(form, detail, names)
        self.attendance.load(form.attendance, form.kind)
        self.content.load(form)
        self.resolutions.load(form)
        self.tasks.load(form, detail)
        self.attachments.load(detail)
        self._loading = False
        self.dirty = False
        self.meeting_title = detail.form.title
        self.title.setText(f"{detail.form.title}　{detail.kind_label}")
        self._show_state(detail)
        self.clear_errors()
        self.form_tracker.loaded()

    def reload_follow_up(self) -> None:
        """After a task's done date or an attachment was stored (they save at once)."""
        detail = self.archive.meetings.detail(self.meeting_id)
        self.tasks.done = {t.uid: t for t in detail.tasks}
        self.tasks.model.refresh_computed()
        self.attachments.load(detail)
        self._show_state(detail)  # the reminder to attach the signed 签到表 may go
        self.changed.emit(self.meeting_id)

    def _show_state(self, detail) -> None:
        current = self.archive.meetings.is_current(self.meeting_id)
        state = detail.state
        label = labels.label(labels.MEETING_STATES, state)
        if not current:
            label += tr("meetings", "（已被更正版本取代）")
        self.state_badge.setText(f" {label} ")
        self.state_badge.setStyleSheet(styles.badge(styles.MEETING_STATE_BACKGROUNDS.get(state)))
        draft = state in ("planned", "notified", "held")
        writable = not self.archive.read_only and current
        editable = draft and writable
        for tab in (self.basic, self.attendance, self.content, self.resolutions, self.tasks, self.attachments,
                    self.topic_buttons):
            tab.set_editable(editable)
        visible = {
            self.save_button: editable, self.notify_button: editable and state == "planned",
            self.finalise_button: editable and state == "held", self.delete_button: editable,
            self.reopen_button: writable and state == "final", self.report_button: writable and state == "final",
            self.correct_button: writable and state == "reported",
        }
        for button, shown in visible.items():
            button.setVisible(shown)
        self._offer_finalise()
        self.scan_reminder.setText(
            tr("meetings", "定稿前请在「附件」中添加签好字的签到表扫描件（类别「签到表」）：定稿后附件不能再添加，"
                           "上报后随记录封存。签到表可在「打印与导出」中打印。") if state == "held" else
            tr("meetings", "还没有签到表扫描件。如需添加，请先「退回草稿」，在「附件」中添加后再定稿、上报。"))
        self.scan_reminder.setVisible(writable and state in ("held", "final") and not has_signin_scan(detail))
        self.paper_actions["resolution"][0].setVisible(detail.form.kind == "general")
        self.paper_actions["resolution"][1].setVisible(detail.form.kind == "general")

    def _offer_finalise(self) -> None:
        """定稿 shows as soon as the actual date is typed, not only after a 保存: it saves
        first, and says what the record still lacks (meetings/validate.finalise_problems)."""
        typed = bool(self.basic.held_on.text().strip())
        self.finalise_button.setVisible(self.editable() and (self.state == "held" or typed))

    def speakers(self) -> list[str]:
        """Who can speak: those present (and not yet marked) first, then the absent."""
        entries = self.attendance.entries()
        return ([e.name for e in entries if e.status != "absent"]
                + [e.name for e in entries if e.status == "absent"])

    def people(self) -> list[str]:
        return [e.name for e in self.attendance.entries()]

    def _tab_corrected(self, tab: int) -> None:
        """An edit in a tab marked ⚠: its messages are out of date, so they go."""
        if self.tabs.tabText(tab).endswith(" ⚠") and not (tab == 3 and self.resolutions.vote_problems()):
            self.tabs.setTabText(tab, self.tab_titles[tab])
            if not any(self.tabs.tabText(n).endswith(" ⚠") for n in range(self.tabs.count())):
                self.banner.hide()

    def _basic_corrected(self, *args) -> None:
        if not self.basic.has_errors():
            self._tab_corrected(0)

    def mark_dirty(self, *args) -> None:
        if not getattr(self, "_loading", False):
            self.dirty = True

    def _kind_changed(self) -> None:
        """A new kind means other people are due, as long as nobody's attendance is marked."""
        if getattr(self, "_loading", False):
            return
        entries = self.attendance.entries()
        kind = self.basic.kind.currentData()
        if not any(e.status for e in entries if not e.is_guest):
            group = self.basic.group.currentData() if kind == "group" else None
            due = self.archive.meetings.due_entries(kind, group)
            self.attendance.load(due + [e for e in entries if e.is_guest], kind)
        else:
            self.attendance.kind = kind
            self.attendance.update_summary()
        self.resolutions.update_explanation()

    def update_from_roster(self) -> None:
        form = self.collect_quietly()
        updated = self.archive.meetings.with_roster(form)
        self.attendance.load(updated, form.kind)
        self.attendance.show_note(self.archive.meetings.roster_update_sentence(form.attendance, updated))
        self.mark_dirty()

    # -- saving ----------------------------------------------------------------
    def collect(self) -> MeetingForm:
        """The editor's contents as a form; unreadable dates raise ValidationErrors."""
        dates = read_dates(self.basic.planned_on, self.basic.held_on)
        form = MeetingForm(planned_on=dates["planned_on"], held_on=dates["held_on"])
        self.basic.fill(form)
        form.attendance = self.attendance.entries()
        self.content.fill(form)
        self.resolutions.fill(form)
        problems = self.tasks.fill(form)
        if problems:
            raise ValidationErrors([ValidationError("tasks", "date", p) for p in problems])
        return form

    def collect_quietly(self) -> MeetingForm:
        form = MeetingForm(kind=self.basic.kind.currentData(), group_id=self.basic.group.currentData())
        form.attendance = self.attendance.entries()
        return form

    def save(self) -> bool:
        """Validate and store everything; on errors nothing is stored and each message
        shows where it belongs."""
        if self.meeting_id is None or not self.editable():
            return False
        return self._run(lambda meeting_id: self.archive.meetings.save(meeting_id, self.collect()))

    def clear_errors(self) -> None:
        self.banner.hide()
        self.basic.show_errors([])
        self.attendance.show_errors([])
        self.content.show_errors([], [])
        self.resolutions.show_errors([])
        self.tasks.show_errors([])
        for n, text in enumerate(self.tab_titles):
            self.tabs.setTabText(n, text)

    def show_errors(self, errors: list[ValidationError]) -> None:
        self.clear_errors()
        by_field: dict[str, list[str]] = {}
        rest = self.basic.show_errors(errors)
        for error in rest:
            by_field.setdefault(error.field, []).append(error.message())
        self.attendance.show_errors(by_field.get("attendance", []))
        self.content.show_errors(by_field.get("agenda", []), by_field.get("speeches", []))
        self.resolutions.show_errors(by_field.get("resolutions", []))
        self.tasks.show_errors(by_field.get("tasks", []))
        tabs_with_errors = []
        if len(rest) < len(errors):
            tabs_with_errors.append(0)
        for field, tab in (("attendance", 1), ("agenda", 2), ("speeches", 2), ("resolutions", 3), ("tasks", 4)):
            if field in by_field:
                tabs_with_errors.append(tab)
        for tab in set(tabs_with_errors):
            self.tabs.setTabText(tab, self.tab_titles[tab] + " ⚠")
        others = [m for f, ms in by_field.items() if f not in LIST_FIELDS for m in ms]
        text = tr("meetings", "没有保存：共 {0} 处需要修改，见标有 ⚠ 的页面中的红字。").format(len(errors))
        if others:
            text += "\n" + "\n".join(others)
        self.banner.setText(text)
        self.banner.setStyleSheet(styles.banner("error"))
        self.banner.show()
        if tabs_with_errors:
            self.tabs.setCurrentIndex(min(tabs_with_errors))

    # -- steps of the meeting's life -------------------------------------------
    def editable(self) -> bool:
        # isHidden, not isVisible: the editor may be out of sight (another tab or page, or
        # the window closing) and still be a draft that can be saved
        return not self.save_button.isHidden()

    def _save_first(self) -> bool:
        return not self.editable() or self.save()

    def _run(self, step, *args) -> bool:
        """``step(meeting_id, *args)``; on success reload, on failure show why."""
        try:
            step(self.meeting_id, *args)
        except (ValidationErrors, ValidationError) as error:
            self.show_errors(error.errors if isinstance(error, ValidationErrors) else [error])
            return False
        except BranchDeskError as error:
            show_error(self, error)
            return False
        self.load()
        self.changed.emit(self.meeting_id)
        return True

    def notify(self) -> bool:
        return self._save_first() and self._run(self.archive.meetings.notify)

    def finalise(self) -> bool:
        return self._save_first() and self._run(self.archive.meetings.finalise)

    def reopen(self, reason: str | None = None) -> bool:
        if reason is None:
            reason, ok = QInputDialog.getText(self, tr("meetings", "退回草稿"), tr("meetings", "退回原因（记入操作日志）："))
            if not ok:
                return False
        return self._run(self.archive.meetings.reopen, reason)

    def report(self, note: str | None = None) -> bool:
        if note is None:
            question = tr("meetings", "上报后记录被封存，不能再修改（只能更正）。\n上报说明，如「报镇党委」：")
            if not has_signin_scan(self.archive.meetings.detail(self.meeting_id)):
                question = "⚠ " + SCAN_MISSING + "\n\n" + question
            note, ok = QInputDialog.getText(self, tr("meetings", "上报并封存"), question)
            if not ok:
                return False
        return self._run(self.archive.meetings.report, note)

    def correct(self, reason: str | None = None) -> int | None:
        if reason is None:
            reason, ok = QInputDialog.getText(
                self, tr("meetings", "更正"), tr("meetings", "更正原因（原记录保持不变，将新建一个修订版本）："))
            if not ok:
                return None
        try:
            new_id = self.archive.meetings.correct(self.meeting_id, reason)
        except BranchDeskError as error:
            show_error(self, error)
            return None
        self.open(new_id)
        self.changed.emit(new_id)
        return new_id

    def delete(self) -> bool:
        answer = QMessageBox.question(self, tr("meetings", "删除会议"),
                                      tr("meetings", "删除这次会议的计划和记录？删除会记入操作日志。"))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            self.archive.meetings.delete(self.meeting_id)
        except BranchDeskError as error:
            show_error(self, error)
            return False
        self.dirty = False
        self.changed.emit(self.meeting_id)
        self.back.emit()
        return True

    # -- unsaved edits (ui/toolkit/unsaved.py) ----------------------------------
    def has_unsaved_changes(self) -> bool:
        return self.meeting_id is not None and self.dirty and self.editable()

    def unsaved_description(self) -> str:
        return tr("meetings", "会议记录「{0}」").format(self.meeting_title)

    def save_changes(self) -> bool:
        return self.save()

    def discard_changes(self) -> None:
        if self.meeting_id is not None:
            self.load()
        self.dirty = False

    # -- power-cut drafts (ui/toolkit/drafting.py) -------------------------------
    def _track_form(self) -> None:
        # the attachments are stored the moment they are added: nothing of theirs to keep
        self.form_tracker = TrackedForm(self.tabs, exclude=[self.attachments])

    def draft_key(self) -> str:
        return f"meeting-{self.meeting_id}"

    def draft_item(self):
        """A draft of the open meeting when it holds unsaved edits, else None."""
        if not self.has_unsaved_changes():
            return None
        return draft_of(self.draft_key(), self.unsaved_description(), self.form_tracker)

    def apply_draft(self, draft) -> str:
        """Apply ``draft`` to the meeting just opened; when it applies, it is unsaved."""
        self._loading = True  # the kind's choice must not reload the attendance meanwhile
        try:
            outcome = apply_draft(self.form_tracker, draft, self.editable())
        finally:
            self._loading = False
        if outcome == RESTORED:
            self.dirty = True
            self.attendance.update_summary()
            self.resolutions.update_explanation()
        return outcome

    def go_back(self) -> None:
        if not ask_before_leaving(self, [self]):
            return
        self.dirty = False
        self.back.emit()
