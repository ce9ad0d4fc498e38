"""首页: what needs attention today."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from branchdesk import clock, labels
from branchdesk.safety.notice import CLASSIFIED_NOTICE
from branchdesk.safety.rotation import backup_age_warning, last_backup

from ..text import tr
from ..toolkit import styles
from ..workers import Job


class HomePage(QWidget):
    def __init__(self, archive, window=None):
        super().__init__()
        self.archive = archive
        self.title = QLabel()
        self.title.setObjectName("home_title")
        self.title.setWordWrap(True)  # the branch's name may be 200 characters long
        self.facts = QLabel()
        self.facts.setObjectName("home_facts")
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.notice = QLabel(CLASSIFIED_NOTICE)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(styles.banner("warning", padding=8))
        # Tampering found at open, or a reported record that no longer matches its seal.
        self.integrity = QLabel()
        self.integrity.setObjectName("home_integrity")
        self.integrity.setWordWrap(True)
        self.integrity.setStyleSheet(styles.banner("error", padding=8))
        self.integrity.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.integrity)
        layout.addWidget(self.facts)
        layout.addStretch(1)
        layout.addWidget(self.notice)
        self.refresh()
        self.seal_check = self._check_seals_in_background()

    def _check_seals_in_background(self) -> Job | None:
        """Every seal re-checked once per opening, off the GUI thread (a few hundred
        records take a fraction of a second, but the window never waits for it)."""
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

    def attention_items(self) -> list[str]:
        """Sentences for things that need doing; later features add theirs here."""
        items = []
        for notice in (
            self.archive.stale_lock_notice,
            self.archive.last_backup_error,
            backup_age_warning(self.archive),
        ):
            if notice:
                items.append(notice)
        branch = self.archive.branch.own()
        reminder = branch.term_reminder()
        if reminder:
            items.append(reminder)
        items += self.meeting_items()
        items += self.life_items()
        items += self.targets_items()
        probationary = self.archive.members.count(statuses=("probationary",))
        if probationary:
            items.append(tr("home", "有 {0} 名预备党员，请按时讨论转正。").format(probationary))
        return items

    def meeting_items(self, shown: int = 5) -> list[str]:
        """Overdue meetings, then overdue and open follow-up tasks (落实事项)."""
        today = clock.today()
        meetings = self.archive.meetings
        items = []
        for summary in meetings.summaries(meetings.query_ids(year=None, overdue_only=True, descending=False))[:shown]:
            items.append(tr("home", "会议逾期未开：{0}（计划 {1}，已过 {2} 天）").format(
                summary.title, summary.planned_on.isoformat(), (today - summary.planned_on).days))
        tasks = meetings.tasks(open_only=True)
        overdue = [t for t in tasks if t.is_overdue(today)]
        for task in overdue[:shown]:
            items.append(tr("home", "落实事项逾期：{0}（责任人 {1}，期限 {2}，{3}）").format(
                task.task, task.owner, task.deadline.isoformat(), task.meeting_title))
        if len(overdue) > shown:
            items.append(tr("home", "另有 {0} 项落实事项逾期，见「会议」中各次会议的落实事项。").format(len(overdue) - shown))
        still_open = len(tasks) - len(overdue)
        if still_open:
            items.append(tr("home", "进行中的落实事项 {0} 项。").format(still_open))
        return items

    def life_items(self, shown: int = 5) -> list[str]:
        """Overdue rectification items, and talks still missing before a coming 组织生活会."""
        today = clock.today()
        overdue = self.archive.rectification.overdue(today)
        items = [
            tr("home", "整改事项逾期：{0} {1}（责任人 {2}，时限 {3}，{4}）").format(
                item.code, item.problem[:30], item.owner_name, item.deadline.isoformat(), item.status_text(today))
            for item in overdue[:shown]
        ]
        if len(overdue) > shown:
            items.append(tr("home", "另有 {0} 项整改事项逾期，见「组织生活会」的整改台账。").format(len(overdue) - shown))
        return items + self.archive.life.attention(today)

    def targets_items(self) -> list[str]:
        """目标管理 inspections expected at least every half year: missing, overdue, due soon."""
        return self.archive.targets.attention(clock.today())

    def refresh(self) -> None:
        branch = self.archive.branch.own()
        self.title.setText(f"<h2>{branch.name}</h2>")
        counts = [
            f"{text} {self.archive.members.count(statuses=(key,))} 名"
            for key, text in labels.MEMBER_STATUSES.items()
            if key in labels.ACTIVE_STATUSES
        ]
        lines = [
            tr("home", "在册党员 {0} 名（{1}）").format(self.archive.members.count(), "，".join(counts)),
            tr("home", "上级党组织：{0}").format(branch.higher_org or tr("home", "未填写")),
        ]
        if branch.term_due_on:
            lines.append(tr("home", "本届支委任期至 {0}").format(branch.term_due_on.isoformat()))
        if self.archive.read_only:
            lines.append("<b>" + (self.archive.read_only_reason or tr("home", "档案库以只读方式打开，不能保存修改。")) + "</b>")
        newest = last_backup(self.archive)
        if newest is not None:
            lines.append(tr("home", "最近一次备份：{0:%Y-%m-%d %H:%M}").format(newest.taken_at))
        items = self.attention_items()
        html = "<p>" + "<br>".join(lines) + "</p>"
        if items:
            html += "<h3>" + tr("home", "需要处理") + "</h3><ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
        self.facts.setText(html)
