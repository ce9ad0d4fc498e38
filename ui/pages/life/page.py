"""组织生活会: one year's cycle — plan and 回头看, opinions, talks, problem lists and
对照检查, the meeting record, criticism, 民主评议 — one tab each, with the year's state
(草稿 → 定稿 → 已上报) and its papers in the bar above. The 整改台账 its opinions and
problems feed is a page of its own (ui/pages/ledger.py)."""

from __future__ import annotations

import contextlib

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from branchdesk import clock
from branchdesk.errors import BranchDeskError, ValidationErrors

from ...access import confirm_sensitive
from ...errors import show_error
from ...text import tr
from ...toolkit.actions import ask_text, ask_year, button, run_action
from ...toolkit.drafting import BUSY
from ...toolkit.fitting import WrappedLabel
from ...toolkit.unsaved import choose_year
from .exports import LifeExports
from .tab_appraisal import AppraisalTab
from .tab_criticism import CriticismTab
from .tab_meeting import MeetingTab
from .tab_opinions import OpinionsTab
from .tab_plan import PlanTab
from .tab_problems import ProblemsTab
from .tab_talks import TalksTab

# tabs that need the year's cycle to exist
CYCLE_TABS = ("opinions", "problems", "meeting", "criticism")


PAPER_MENU = (("report", "情况报告（报上级，公文格式）…"), ("record", "组织生活会会议记录…"),
              ("appraisal", "民主评议党员登记表…"))


def papers_button(text: str, name: str, slot) -> QToolButton:
    """A button whose menu lists the year's three papers; ``slot(which)`` gets the chosen."""
    tool = QToolButton()
    tool.setObjectName(name)
    tool.setText(text)
    tool.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(tool)
    for which, label in PAPER_MENU:
        menu.addAction(tr("life", label), lambda which=which: slot(which)).setObjectName(f"{name}_{which}")
    tool.setMenu(menu)
    return tool


class LifePage(QWidget):
    def __init__(self, archive, window=None):
        super().__init__()
        self.archive = archive
        self.session = getattr(window, "session", None) or archive.access.session()
        self.year = clock.today().year
        self.cycle_id: int | None = None
        self.detail = None
        self.exports = LifeExports(self)

        self.year_box = QComboBox()
        self.year_box.setObjectName("life_year")
        self.year_box.activated.connect(lambda: choose_year(self, self.year_box.currentData()))
        self.new_year = button(tr("life", "其他年度…"), self.ask_year)
        self.state = WrappedLabel()  # wraps on a narrow screen rather than widening the window
        self.state.setObjectName("life_state")
        self.actions = {
            "finalise": button(tr("life", "定稿"), self.finalise, "life_finalise"),
            "reopen": button(tr("life", "退回草稿…"), self.reopen),
            "report": button(tr("life", "上报并封存…"), self.report, "life_report"),
            "correct": button(tr("life", "更正…"), self.correct),
            "delete": button(tr("life", "删除草稿"), self.delete),
        }
        self.preview_button = papers_button(tr("life", "预览 / 打印"), "life_preview", self.exports.preview_paper)
        self.export_button = papers_button(tr("life", "导出 PDF"), "life_export", self.exports.paper)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("life_tabs")
        self.plan = PlanTab(self)
        self.opinions = OpinionsTab(self)
        self.talks = TalksTab(self)
        self.problems = ProblemsTab(self)
        self.meeting = MeetingTab(self)
        self.criticism = CriticismTab(self)
        self.appraisal = AppraisalTab(self)
        # 整改台账 has its own page in the navigation (ui/pages/ledger.py): items come from
        # 目标管理 inspections too, and it is worked on all year.
        self.tab_keys = ["plan", "opinions", "talks", "problems", "meeting", "criticism", "appraisal"]
        titles = ["方案与回头看", "征求意见", "谈心谈话", "问题与对照检查", "会议记录", "批评与自我批评", "民主评议"]
        for key, title in zip(self.tab_keys, titles):
            self.tabs.addTab(getattr(self, key), tr("life", title))

        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("life", "年度：")))
        bar.addWidget(self.year_box)
        bar.addWidget(self.new_year)
        bar.addWidget(self.state, 1)
        for widget in self.actions.values():
            bar.addWidget(widget)
        bar.addWidget(self.preview_button)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        self.set_year(self.year)

    # -- facts the tabs read ---------------------------------------------------
    @property
    def editable(self) -> bool:
        return self.detail is not None and self.detail.state == "draft" and not self.archive.read_only

    def expected_people(self) -> list[tuple[int, str]]:
        """Who must make a self-criticism and write a 对照检查: the members present at the
        meeting once it is held, every member of the branch before."""
        if self.detail is not None and self.detail.meeting_id is not None:
            form = self.archive.meetings.detail(self.detail.meeting_id).form
            if form.held_on is not None:
                return [(e.member_id, e.name) for e in form.attendance
                        if not e.is_guest and e.status == "present" and e.member_id is not None]
        return [(m.id, m.name) for m in self.archive.members.all_active()]

    def tab(self, key: str) -> QWidget:
        return getattr(self, key)

    def show_tab(self, key: str) -> QWidget:
        self.tabs.setCurrentIndex(self.tab_keys.index(key))
        return self.tab(key)

    # -- loading ---------------------------------------------------------------
    def set_year(self, year: int) -> None:
        self.year = year
        years = set(self.archive.life.years()) | set(self.archive.appraisal.years()) | {clock.today().year, year}
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for y in sorted(years, reverse=True):
            self.year_box.addItem(tr("life", "{0} 年度").format(y), y)
        self.year_box.setCurrentIndex(self.year_box.findData(year))
        self.year_box.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        with self.keeping_edits():
            self.reload_cycle()
            self.talks.load()
            self.appraisal.load()

    def reload_cycle(self) -> None:
        """Read the cycle again and show it in every tab that holds part of it."""
        with self.keeping_edits():
            self.cycle_id = self.archive.life.cycle_id(self.year)
            self.detail = self.archive.life.detail(self.cycle_id) if self.cycle_id else None
            for key in CYCLE_TABS:
                self.tabs.setTabEnabled(self.tab_keys.index(key), self.cycle_id is not None)
            for tab in (self.plan, self.opinions, self.problems, self.meeting, self.criticism):
                tab.load()
            self.show_state()

    def changed(self) -> None:
        """Something outside the cycle changed (talks, ledger, appraisal): the checklist follows."""
        self.plan.load_checks()
        self.show_state()

    def refresh(self) -> None:
        """The page is shown again (main window): the records may have changed elsewhere."""
        self.set_year(self.year)

    def show_state(self) -> None:
        detail = self.detail
        if detail is None:
            self.state.setText(tr("life", "　{0} 年度组织生活会尚未建立").format(self.year))
            states = ()
        else:
            blocking = sum(1 for c in self.archive.life.readiness(self.cycle_id) if c.blocking and not c.ok) \
                if detail.state == "draft" else 0
            text = tr("life", "　{0}（{1}）").format(detail.title, detail.state_label)
            if blocking:
                text += tr("life", "，定稿前还有 {0} 项待完成").format(blocking)
            self.state.setText(text)
            states = {"draft": ("finalise", "delete"), "final": ("reopen", "report"), "reported": ("correct",)}[
                detail.state]
        for key, widget in self.actions.items():
            widget.setVisible(key in states)
            widget.setEnabled(not self.archive.read_only)

    # -- actions ---------------------------------------------------------------
    def run(self, action, *args) -> bool:
        """Carry out a domain call; a refusal is shown and changes nothing."""
        return run_action(self, action, *args)

    def confirm_sensitive(self) -> bool:
        return confirm_sensitive(self, self.session)

    def ask_year(self) -> int | None:
        year = ask_year(self, self.year)
        if year is not None and not choose_year(self, year):
            return None
        return year

    # -- unsaved edits (ui/toolkit/unsaved.py) and drafts (ui/toolkit/drafting.py) ------
    def edited_tabs(self) -> list:
        return [self.plan, self.meeting, self.appraisal]

    @contextlib.contextmanager
    def keeping_edits(self):
        """A save in one tab reloads the page: what the others hold unsaved stays."""
        kept = [(tab, tab.kept_edits()) for tab in self.edited_tabs()]
        yield
        for tab, edits in kept:
            tab.put_back(edits)

    def has_unsaved_changes(self) -> bool:
        return any(tab.has_unsaved_changes() for tab in self.edited_tabs())

    def unsaved_description(self) -> str:
        return "、".join(tab.unsaved_description() for tab in self.edited_tabs() if tab.has_unsaved_changes())

    def save_changes(self) -> bool:
        for tab in self.edited_tabs():
            if tab.has_unsaved_changes() and not tab.save_changes():
                self.tabs.setCurrentWidget(tab)  # where the errors are shown
                return False
        return True

    def discard_changes(self) -> None:
        for tab in self.edited_tabs():
            tab.discard_changes()

    def draft_items(self) -> list:
        return [draft for tab in self.edited_tabs() for draft in tab.draft_items()]

    def restore_draft(self, draft) -> str:
        kind, name, year = draft.key.split("-")
        if int(year) != self.year:
            if self.has_unsaved_changes():  # another year's draft, restored just now
                return BUSY
            self.set_year(int(year))
        tab = self.appraisal if kind == "appraisal" else self.meeting if name == "meeting" else self.plan
        self.tabs.setCurrentWidget(tab)
        return tab.restore_draft(name, draft)

    def finalise(self) -> bool:
        try:
            self.archive.life.finalise(self.cycle_id)
        except ValidationErrors as errors:
            QMessageBox.warning(self, tr("life", "还不能定稿"), tr("life", "以下各项完成后才能定稿：\n") +
                                "\n".join(f"• {e.message()}" for e in errors.errors))
            self.show_tab("plan")
            return False
        except BranchDeskError as error:
            show_error(self, error)
            return False
        self.reload()
        return True

    def reopen(self, reason: str | None = None) -> bool:
        reason = reason or ask_text(self, tr("life", "退回草稿"), tr("life", "退回原因（记入操作日志）："))
        return bool(reason) and self._after(self.run(self.archive.life.reopen, self.cycle_id, reason))

    def report(self, note: str | None = None) -> bool:
        if note is None:
            note = ask_text(self, tr("life", "上报并封存"), tr("life", "上报说明（如 报镇党委）。上报后记录封存，不能再改："))
        return note is not None and self._after(self.run(self.archive.life.report, self.cycle_id, note))

    def correct(self, reason: str | None = None) -> bool:
        reason = reason or ask_text(self, tr("life", "更正"), tr("life", "更正原因（原记录保持不变，新建修订版本）："))
        return bool(reason) and self._after(self.run(self.archive.life.correct, self.cycle_id, reason))

    def delete(self) -> bool:
        answer = QMessageBox.question(self, tr("life", "删除草稿"),
                                      tr("life", "确定删除 {0} 年度组织生活会草稿吗？（录入错误时使用）").format(self.year))
        return answer == QMessageBox.StandardButton.Yes and self._after(self.run(self.archive.life.delete, self.cycle_id))

    def _after(self, ok: bool) -> bool:
        if ok:
            self.reload()
        return ok
