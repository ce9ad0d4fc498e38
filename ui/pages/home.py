"""首页: the branch at a glance and its to-do list (branchdesk/todo.py). Each to-do is a
row with a plain sentence and a button — or a double-click — that opens the record or
form it is about: the overdue meeting, a new meeting of the period that had none, the
member due for 转正, the inspection, the ledger item, the backups."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from branchdesk import clock
from branchdesk.safety.notice import CLASSIFIED_NOTICE

from ..text import tr
from ..toolkit import styles
from ..toolkit.by_name import set_by_name

if TYPE_CHECKING:
    from branchdesk.todo import TodoItem

# the tag in front of a to-do: red when overdue, brown when due, grey otherwise
_TAG_TINTS = {0: styles.BAD_TINT, 1: styles.CAUTION_TINT, 2: styles.NOT_REQUIRED_TINT}
KIND_COLUMN, SENTENCE_COLUMN, ACTION_COLUMN = 0, 1, 2


class TodoTable(QTableWidget):
    """The to-do list: kind, sentence (wrapped to the width there is) and the button that
    acts on it; a double-click on a row does what its button does."""

    acted = Signal(object)

    def __init__(self):
        super().__init__(0, 3)
        self.setObjectName("todo_list")
        self.items: list[TodoItem] = []
        self.buttons: list[QPushButton | None] = []
        self.setHorizontalHeaderLabels([tr("home", "类别"), tr("home", "事项"), tr("home", "办理")])
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        set_by_name(self, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")  # at the first paint
        header = self.horizontalHeader()
        header.setSectionResizeMode(KIND_COLUMN, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(SENTENCE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ACTION_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.setColumnWidth(KIND_COLUMN, 80)
        # rows are as tall as their wrapped sentence at the width the window has now
        header.sectionResized.connect(lambda *_: self.resizeRowsToContents())
        self.cellDoubleClicked.connect(lambda row, _column: self.act_on(row))

    def show_items(self, items: list[TodoItem], can_act: bool) -> None:
        from PySide6.QtCore import Qt

        from branchdesk.todo import kind_label

        self.items = list(items)
        self.buttons = []
        self.clearContents()
        self.setRowCount(len(items))
        for row, item in enumerate(items):
            tag = QTableWidgetItem(kind_label(item.kind))
            tag.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            tag.setBackground(_TAG_TINTS[item.urgency])
            self.setItem(row, KIND_COLUMN, tag)
            sentence = QTableWidgetItem(item.sentence)
            sentence.setToolTip(item.sentence)
            self.setItem(row, SENTENCE_COLUMN, sentence)
            button = None
            if item.opens and can_act:
                button = QPushButton(tr("home", item.action))
                button.setObjectName("todo_action")
                button.clicked.connect(lambda _=False, r=row: self.act_on(r))
                self.setCellWidget(row, ACTION_COLUMN, button)
            self.buttons.append(button)
        self.resizeRowsToContents()

    def act_on(self, row: int) -> None:
        if 0 <= row < len(self.items) and self.buttons[row] is not None:
            self.acted.emit(self.items[row])


class HomePage(QWidget):
    """At the window's start (``window.quick_start``) the page paints its title and facts
    only; the to-do list and the seal check, which read every feature's records, come in
    ``after_first_paint`` on the event loop's next turn (docs/tech-notes.md "Window start")."""

    def __init__(self, archive, window=None):
        super().__init__()
        self.archive = archive
        self.main_window = window
        self.title = QLabel()
        self.title.setObjectName("home_title")
        self.title.setWordWrap(True)  # the branch's name may be 200 characters long
        self.facts = QLabel()
        self.facts.setObjectName("home_facts")
        self.facts.setWordWrap(True)
        set_by_name(self.facts, "textFormat", "RichText")
        self.notice = QLabel(CLASSIFIED_NOTICE)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(styles.banner("warning", padding=8))
        # Tampering found at open, or a reported record that no longer matches its seal.
        self.integrity = QLabel()
        self.integrity.setObjectName("home_integrity")
        self.integrity.setWordWrap(True)
        self.integrity.setStyleSheet(styles.banner("error", padding=8))
        self.integrity.hide()
        self.todo_heading = QLabel()
        self.todo_heading.setObjectName("todo_heading")
        self.todo = TodoTable()
        self.todo.acted.connect(self.act)
        self.todo.hide()
        self.todo_heading.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.integrity)
        layout.addWidget(self.facts)
        layout.addWidget(self.todo_heading)
        layout.addWidget(self.todo, 1)
        layout.addWidget(self.notice)
        self.seal_check = None
        self._seals_started = False
        # A page with a refresh of its own (the upper level's 首页) is built whole, as before.
        if getattr(window, "quick_start", False) and type(self).refresh is HomePage.refresh:
            self._show_facts()
            self.todo_heading.setText(f"<h3>{html.escape(tr('home', '正在整理待办事项……'))}</h3>")
            self.todo_heading.show()
            self.todo.show()  # empty until then: the page keeps its layout when the rows come
            if archive.seal_audit is not None or archive.guard_problems:
                self.show_integrity()  # found at open: shown with the first paint
        else:
            self.after_first_paint()

    def tables(self) -> list[QTableWidget]:
        """Every table of the page, for the font size (ui/font_size.py ``fit_tables``)."""
        return [self.todo]

    def after_first_paint(self) -> None:
        """The to-do list and the background seal check (at once when the page is built
        outside the window's start; the seal check starts only once)."""
        self.refresh()
        if not self._seals_started:
            self._seals_started = True
            self.seal_check = self._check_seals_in_background()

    def _check_seals_in_background(self):
        """Every seal re-checked once per opening, off the GUI thread (a few hundred
        records take a fraction of a second, but the window never waits for it)."""
        from PySide6.QtCore import QThreadPool

        from ..workers import Job

        if self.archive.seal_audit is not None:  # already checked at open (guards were missing)
            self.show_integrity()
            return None
        job = Job(lambda report: self.archive.check_seals(), self.archive.db)
        job.signals.succeeded.connect(self._seals_checked)
        QThreadPool.globalInstance().start(job)
        return job

    def _seals_checked(self, audit) -> None:
        self.archive.seal_audit = audit
        self.show_integrity()

    def show_integrity(self) -> None:
        audit = self.archive.seal_audit
        lines = list(self.archive.guard_problems) + (audit.lines() if audit is not None and not audit.ok else [])
        self.integrity.setText("<br>".join(html.escape(line) for line in lines))
        self.integrity.setVisible(bool(lines))

    # -- the to-do list ------------------------------------------------------------
    def todo_sentences(self) -> list[str]:
        return [item.sentence for item in self.todo.items]

    def show_todo(self, items: list[TodoItem]) -> None:
        self.todo.show_items(items, self.main_window is not None and hasattr(self.main_window, "show_page"))
        from branchdesk.todo import OVERDUE

        overdue = sum(1 for item in items if item.urgency == OVERDUE)
        if items:
            heading = tr("home", "待办事项 {0} 项").format(len(items))
            if overdue:
                heading += tr("home", "，其中逾期或需立即处理 {0} 项").format(overdue)
            heading += tr("home", "（点右边的按钮或双击一行即可办理）")
        else:
            heading = tr("home", "目前没有待办事项。")
        self.todo_heading.setText(f"<h3>{html.escape(heading)}</h3>")
        self.todo_heading.show()
        self.todo.setVisible(bool(items))

    def act(self, item: TodoItem):
        """Open what ``item`` is about; returns the page (or editor) it opened."""
        window = self.main_window
        opens = item.opens
        if opens == "meeting":
            return window.show_page("meetings").open_meeting(item.record_id)
        if opens in ("new_meeting", "plan_meeting"):
            page = window.show_page("meetings")
            page.new_meeting(kind=item.meeting_kind, day=item.day, group_id=item.group_id)
            return page
        if opens == "member":
            page = window.show_page("members")
            page.select_member(item.record_id)
            page.edit_member(item.record_id)
            return page
        if opens == "dues":
            page = window.show_page("dues")
            page.show_member_month(item.record_id, item.day)
            return page
        if opens == "member_view":
            page = window.show_page("members")
            page.select_member(item.record_id)
            return page
        if opens == "recruit":
            return window.show_page("recruit").open_person(item.record_id)
        if opens == "transfer":
            return window.show_page("transfers").open_transfer(item.record_id)
        if opens == "inspection":
            return window.show_page("targets").open_inspection(item.record_id)
        if opens == "new_inspection":
            from branchdesk.targets import Period

            page = window.show_page("targets")
            if page.year != item.period_year:
                page.set_year(item.period_year)
            page.show_tab("inspections").new(Period(item.period_year, item.period_kind, item.period_no))
            return page
        if opens == "rectification":
            page = window.show_page("ledger")
            page.show_item(item.record_id)
            return page
        if opens == "pledge":
            return window.show_page("masses").show_pledge(item.record_id)
        if opens == "masses_request":
            return window.show_page("masses").open_request(item.record_id)
        if opens == "masses_contacts":
            return window.show_page("masses").open_contacts(item.record_id)
        if opens == "study_topic":
            return window.show_page("meetings").open_topic(item.record_id)
        if opens == "reports":
            return window.show_page("meetings").open_reports(item.record_id)
        if opens == "backups":
            page = window.show_page("archive")
            return page.show_tab(page.backups)
        if opens == "life":
            page = window.show_page("life")
            return page.show_tab("talks")
        if opens == "settings":
            return window.show_page("settings")
        if opens == "election":
            return window.show_page("election")
        return None

    # -- facts -----------------------------------------------------------------------
    def refresh(self) -> None:
        from branchdesk.todo import todo_list

        self._show_facts(today := clock.today())
        self.show_todo(todo_list(self.archive, today))

    def _show_facts(self, today=None) -> None:
        """Title and facts; the line of running tasks only with ``today`` (it reads the
        meetings, which the first paint leaves for later)."""
        from branchdesk.safety.rotation import last_backup

        branch = self.archive.branch.own()
        self.title.setText(f"<h2>{html.escape(branch.name)}</h2>")
        # 正式 / 预备 by the 转正 date; a 流动党员 is one of them (docs/domain.md §1, 党员人数)
        counts = self.archive.members.by_standing()
        roll = tr("home", "在册党员 {0} 名（正式党员 {1} 名，预备党员 {2} 名").format(
            counts.total, counts.full, counts.probationary)
        if counts.away:
            roll += tr("home", "；其中流动党员 {0} 名").format(counts.away)
        lines = [
            roll + tr("home", "）"),
            tr("home", "上级党组织：{0}").format(html.escape(branch.higher_org) or tr("home", "未填写")),
        ]
        if branch.term_due_on:
            lines.append(tr("home", "本届支委任期至 {0}").format(branch.term_due_on.isoformat()))
        if self.archive.read_only:
            lines.append("<b>" + (self.archive.read_only_reason or tr("home", "档案库以只读方式打开，不能保存修改。")) + "</b>")
        newest = last_backup(self.archive)
        if newest is not None:
            lines.append(tr("home", "最近一次备份：{0:%Y-%m-%d %H:%M}").format(newest.taken_at))
        if today:
            from branchdesk.meetings.tasks import open_counts

            # every task not done, overdue ones too: as many as 「会议」 and `meetings tasks` list
            open_count, overdue = open_counts(self.archive.meetings.tasks(open_only=True), today)
            if overdue:
                lines.append(tr("home", "未完成的落实事项 {0} 项（其中逾期 {1} 项，见「会议」中各次会议的落实事项）")
                             .format(open_count, overdue))
            elif open_count:
                lines.append(tr("home", "进行中的落实事项 {0} 项（见「会议」中各次会议的落实事项）").format(open_count))
        self.facts.setText("<p>" + "<br>".join(lines) + "</p>")
