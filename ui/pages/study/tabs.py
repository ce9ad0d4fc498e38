"""The 学习 and 汇报 tabs of the 会议 page (docs/domain.md §18): the year's 学习计划 with
each topic's meetings, who was present, who made it up and who still owes a 补学; the
members' 汇报 received and who is behind, and the branch's 工作报告."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox, QSpinBox, QVBoxLayout, QWidget

from branchdesk import clock
from branchdesk.study.rules import REPORT_PERIODS

from ...text import tr
from ...toolkit import styles
from ...toolkit.actions import button, exec_dialog, run_action
from ...toolkit.models.plain_table import PlainTableModel
from ...toolkit.paper_preview import PaperPreviews
from ...toolkit.tables import read_only_table, selected_id
from ..transfers.page import Column, RecordsModel, _bar
from .dialogs import BranchReportDialog, LinkDialog, MakeupDialog, ReportDialog, TopicDialog


def _names(archive, ids) -> str:
    return "、".join(archive.members.get(i).name for i in ids) or "—"


class StudyTab(QWidget):
    def __init__(self, archive):
        super().__init__()
        self.archive = archive
        self.previews = PaperPreviews(self)
        self.year_box = QComboBox()
        self.year_box.setObjectName("study_year")
        this_year = clock.today().year
        for year in range(this_year + 1, this_year - 4, -1):
            self.year_box.addItem(f"{year}年", year)
        self.year_box.setCurrentIndex(1)
        self.year_box.currentIndexChanged.connect(lambda *_: self.load())
        self.model = RecordsModel([
            Column("计划日期", lambda t: f"{t.planned_on:%m-%d}" if t.planned_on else "—", width=70),
            Column("学习专题", lambda t: t.title, width=200),
            Column("必读篇目", lambda t: "；".join(t.readings) or "—", width=200),
            Column("领学人", lambda t: t.lead_name or "—", width=60),
            Column("学习会议", lambda t: "、".join(f"{h:%m-%d}" if h else m for _, m, h in t.meetings) or "尚未学习",
                   width=80),
            Column("出席", lambda t: str(len(t.present)), width=40),
            Column("已补学", lambda t: str(len(t.makeups)), width=50),
            Column("应补学", lambda t: _names(self.archive, t.owed), width=160),
        ], "study", self)
        self.model.tooltip = lambda t: "\n".join(t.readings)
        self.model.tint = lambda t, _c: styles.ROW_WARN if t.owed else None
        self.table = read_only_table(self.model, "study_table", stretch=7)
        self.buttons = {
            "add": button(tr("study", "新增专题…"), self.add, "study_add"),
            "edit": button(tr("study", "修改…"), self.edit, "study_edit"),
            "link": button(tr("study", "关联学习会议…"), self.link, "study_link"),
            "makeup": button(tr("study", "登记补学…"), self.makeup, "study_makeup"),
        }
        self.plan_button = button(tr("study", "打印学习计划…"), self.preview_plan, "study_plan_paper")
        self.file_button = button(tr("study", "打印学习档案…"), self.preview_file, "study_file_paper")
        self.member_box = QComboBox()
        self.member_box.setObjectName("study_member")
        for m in archive.members.records(archive.members.query_ids()):
            self.member_box.addItem(m.name, m.id)
        self.days = QSpinBox()
        self.days.setObjectName("study_makeup_days")
        self.days.setRange(1, 365)
        self.days.setPrefix(tr("study", "补学期限 "))
        self.days.setSuffix(tr("study", " 天"))
        self.days.setValue(archive.study.makeup_days())
        self.days.editingFinished.connect(self.set_days)
        self.count = QLabel()
        self.count.setObjectName("study_count")
        self.count.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(_bar([self.year_box, *self.buttons.values(), self.plan_button, self.member_box,
                               self.file_button, self.days]))
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        self.load()

    @property
    def year(self) -> int:
        return self.year_box.currentData()

    def load(self) -> None:
        keep = selected_id(self.table) if self.model.rowCount() else None
        topics = self.archive.study.topics(self.year)
        self.model.set_items(topics)
        owed = sum(len(t.owed) for t in topics)
        self.count.setText(tr("study", "{0}年学习专题 {1} 个，已学习 {2} 个；补学已登记 {3} 人次，尚欠 {4} 人次"
                              "（会议后 {5} 天未补学列入首页）").format(
            self.year, len(topics), sum(1 for t in topics if t.studied_on), sum(len(t.makeups) for t in topics), owed,
            self.archive.study.makeup_days()))
        for widget in (*self.buttons.values(), self.days):
            widget.setEnabled(not self.archive.read_only)
        if keep is not None:
            self.select(keep)

    def set_days(self) -> None:
        if self.days.value() != self.archive.study.makeup_days() and run_action(
                self, self.archive.study.set_makeup_days, self.days.value()):
            self.load()

    def select(self, topic_id: int) -> None:
        row = self.model.row_of(topic_id)
        if row >= 0:
            self.table.selectRow(row)

    def open_topic(self, topic_id: int):
        """From 首页: the topic's year shown and the topic selected, ready for its 补学."""
        year = self.archive.study.get(topic_id).year
        self.year_box.setCurrentIndex(max(self.year_box.findData(year), 0))
        self.load()
        self.select(topic_id)
        return self

    def selected(self):
        topic_id = selected_id(self.table)
        if topic_id is None:
            QMessageBox.information(self, tr("study", "学习"), tr("study", "请先在列表中选择一个学习专题。"))
            return None
        return self.archive.study.get(topic_id)

    def add(self):
        return exec_dialog(TopicDialog(self.archive, self.year, self), self.load, self.table)

    def edit(self):
        topic = self.selected()
        if topic is not None:
            exec_dialog(TopicDialog(self.archive, self.year, self, topic), self.load, self.table)

    def link(self):
        topic = self.selected()
        if topic is not None:
            exec_dialog(LinkDialog(self.archive, topic, self), self.load, self.table)

    def makeup(self, member_id: int | None = None):
        topic = self.selected()
        if topic is None:
            return None
        if not topic.owed:
            QMessageBox.information(self, tr("study", "补学"), tr("study", "这个专题没有应补学的党员。"))
            return None
        return exec_dialog(MakeupDialog(self.archive, topic, self, member_id), self.load, self.table)

    def preview_plan(self):
        from branchdesk import export_names
        from branchdesk.study.papers import plan_paper

        from ...toolkit.paper_preview import paper_renderer

        paper = plan_paper(self.archive, self.year)
        return self.previews.open(tr("study", "学习计划"), export_names.study_plan(self.year) + ".pdf",
                                  paper_renderer(paper))

    def preview_file(self):
        from branchdesk import export_names
        from branchdesk.study.papers import member_file_paper

        from ...toolkit.paper_preview import paper_renderer

        member_id = self.member_box.currentData()
        if member_id is None:
            return False
        paper = member_file_paper(self.archive, member_id, self.year)
        return self.previews.open(tr("study", "学习档案"), export_names.study_file(
            self.year, self.member_box.currentText()) + ".pdf", paper_renderer(paper))


class ReportsTab(QWidget):
    def __init__(self, archive):
        super().__init__()
        self.archive = archive
        self.model = RecordsModel([
            Column("收到日期", lambda r: f"{r.received_on:%Y-%m-%d}", width=90),
            Column("党员", lambda r: r.member_name, width=70),
            Column("类别", lambda r: r.kind_label, width=150),
            Column("摘要", lambda r: r.note or "—", width=300),
        ], "study", self)
        self.table = read_only_table(self.model, "reports_table", stretch=3)
        self.behind_model = PlainTableModel([
            Column("党员", lambda b: b.member_name, width=80),
            Column("应交", lambda b: f"{b.period.label}{b.kind_label}", width=260),
            Column("期间", lambda b: f"{b.period.start:%Y-%m-%d}至{b.period.end:%Y-%m-%d}", width=200),
        ], "study", self)
        self.behind_table = read_only_table(self.behind_model, "reports_behind", stretch=1)
        self.buttons = {
            "add": button(tr("study", "登记汇报…"), self.add, "reports_add"),
            "delete": button(tr("study", "删除（录入错误）"), self.delete, "reports_delete"),
            "branch": button(tr("study", "支部工作报告…"), self.branch_report, "reports_branch"),
        }
        self.period = QComboBox()
        self.period.setObjectName("reports_period")
        for key, text in REPORT_PERIODS.items():
            self.period.addItem(tr("study", "党员汇报{0}一次").format(text), key)
        self.period.setCurrentIndex(max(self.period.findData(archive.reports.period()), 0))
        self.period.currentIndexChanged.connect(self.set_period)
        self.count = QLabel()
        self.count.setObjectName("reports_count")
        self.count.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(_bar([*self.buttons.values(), self.period]))
        layout.addWidget(self.count)
        layout.addWidget(self.table, 3)
        layout.addWidget(QLabel(tr("study", "未按时汇报")))
        layout.addWidget(self.behind_table, 2)
        self.load()

    def load(self) -> None:
        today = clock.today()
        records = self.archive.reports.records()
        behind = self.archive.reports.behind(today)
        self.model.set_items(records)
        self.behind_model.set_items(behind)
        words = "、".join(f"{r.half_label}《{r.title}》" for r in self.archive.reports.branch_reports(today.year))
        self.count.setText(tr("study", "已登记汇报 {0} 份，未按时汇报 {1} 人（{2}一次）；{3}年支部工作报告：{4}").format(
            len(records), len({b.member_id for b in behind}),
            REPORT_PERIODS[self.archive.reports.period()], today.year, words or "未登记"))
        for widget in (*self.buttons.values(), self.period):
            widget.setEnabled(not self.archive.read_only)

    def set_period(self, *args) -> None:
        if run_action(self, self.archive.reports.set_period, self.period.currentData()):
            self.load()

    def add(self, member_id: int | None = None):
        return exec_dialog(ReportDialog(self.archive, self, member_id), self.load, self.table)

    def delete(self):
        report_id = selected_id(self.table)
        if report_id is None:
            return
        if QMessageBox.question(self, tr("study", "删除"), tr("study", "删除这条汇报记录（录入错误）？")) \
                == QMessageBox.StandardButton.Yes and run_action(self, self.archive.reports.delete, report_id):
            self.load()

    def branch_report(self):
        return exec_dialog(BranchReportDialog(self.archive, clock.today().year, self), self.load)
