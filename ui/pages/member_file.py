"""「党员档案」: one member's year across every module (docs/domain.md §19), opened from the
党员 page — the figures in large plain lines, the meetings the member was due at with each
absence's reason, the 党费 months, and 预览 / 打印 as a paper (rule 18). The facts of a 处分
stay covered until the app password is confirmed."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from branchdesk import clock, export_names
from branchdesk.dues.money import yuan_words
from branchdesk.roster.history import status_name
from branchdesk.roster.member_file import member_file

from ..access import confirm_sensitive
from ..text import tr
from ..toolkit import styles
from ..toolkit.actions import button
from ..toolkit.fitting import WrappedLabel
from ..toolkit.paper_preview import PaperPreviews, paper_renderer
from ..toolkit.tables import row_height

# (key of the figure label, its heading)
PARTS = [("meetings", "组织生活"), ("dues", "交纳党费"), ("talks", "谈心谈话"), ("grade", "民主评议"),
         ("masses", "联系群众"), ("service", "志愿服务"), ("status", "党员状态"), ("honours", "奖惩")]


class MemberFileDialog(QDialog):
    def __init__(self, archive, member_id: int, session, parent=None, year: int | None = None):
        super().__init__(parent)
        self.archive, self.member_id, self.session = archive, member_id, session
        self.previews = PaperPreviews(self, lambda: archive)
        self.setWindowTitle(tr("members", "党员档案：{0}").format(archive.members.get(member_id).name))
        self.resize(860, 640)
        self.year = QSpinBox()
        self.year.setRange(1990, clock.today().year)
        self.year.setValue(year or clock.today().year)
        self.year.setSuffix(tr("members", " 年"))
        self.year.valueChanged.connect(lambda *_: self.load())
        self.heading = QLabel()
        self.heading.setObjectName("member_file_heading")
        self.heading.setStyleSheet("font-weight: bold;")
        self.warnings = WrappedLabel()
        self.warnings.setStyleSheet(styles.banner("warning"))
        self.figures: dict[str, QLabel] = {}
        grid = QGridLayout()
        for row, (key, text) in enumerate(PARTS):
            name = QLabel(tr("members", text) + "：")
            value = WrappedLabel()
            value.setObjectName(f"member_file_{key}")
            self.figures[key] = value
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1)
        grid.setColumnStretch(1, 1)
        self.meetings = QTableWidget(0, 3)
        self.meetings.setObjectName("member_file_meetings")
        self.meetings.setHorizontalHeaderLabels([tr("members", "日期"), tr("members", "会议"), tr("members", "出席情况")])
        self.meetings.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.meetings.verticalHeader().hide()
        self.meetings.verticalHeader().setDefaultSectionSize(row_height())
        header = self.meetings.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.reveal_button = button(tr("members", "显示处分事实（验证密码）"), self.reveal, "member_file_reveal")
        self.preview_button = button(tr("members", "预览 / 打印…"), self.preview, "member_file_preview")
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(QLabel(tr("members", "年度")))
        top.addWidget(self.year)
        top.addWidget(self.reveal_button)
        top.addWidget(self.preview_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("members", "关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.warnings)
        layout.addLayout(grid)
        layout.addWidget(self.meetings, 1)
        layout.addWidget(buttons)
        self.file = None
        self.load()

    @property
    def revealed(self) -> bool:
        return not self.session.sensitive_gate()

    def load(self) -> None:
        got = self.file = member_file(self.archive, self.member_id, self.year.value())
        m, f = got.member, got.figures()
        self.heading.setText(tr("members", "{0}　{1}年度党员档案（{2}）").format(m.name, got.year, m.status_label))
        self.warnings.setText("\n".join(got.warnings))
        self.warnings.setVisible(bool(got.warnings))
        absent = "；".join(f"{x.held_on:%m-%d}{x.reason}" for x in got.meetings if x.status == "absent")
        revealed = self.revealed
        texts = {
            "meetings": f"应参加 {f['meetings_due']} 次，出席 {f['meetings_present']} 次，缺席 {f['meetings_absent']} 次"
                        + (f"（{absent}）" if absent else ""),
            "dues": f"交纳 {f['dues_months_paid']} 个月，共 {yuan_words(got.paid_fen)}；欠交 {f['dues_months_owed']} 个月",
            "talks": f"{f['talks']} 次" + ("：" + "、".join(f"{t.talked_on:%m-%d}与{t.other}" for t in got.talks)
                                          if got.talks else ""),
            "grade": got.grade or "本年度无评定",
            "masses": f"联系户 {got.households} 户，本年走访 {got.visits} 次",
            "service": f"参加 {got.service_activities} 次，共 {got.service_hours:g} 小时",
            # the latest three changes: the whole history is on the page's 党员状态变化 tab
            "status": "；".join(f"{c.changed_on:%Y-%m-%d} {status_name(c.status_to)}" + (f"（{c.reason}）" if c.reason else "")
                               for c in got.history[-3:]) or "—",
            "honours": "；".join([f"{c.granted_on:%Y-%m-%d} {c.title}（{c.granted_by}）" for c in got.commendations]
                                + [f"{d.decided_on:%Y-%m-%d} {d.kind_label}（{d.decided_by}）{d.facts_shown(revealed)}"
                                   for d in got.disciplines]) or "无",
        }
        moves = [f"{t.moved_on:%Y-%m-%d} 组织关系{t.direction_label}" for t in got.transfers]
        moves += [f"{a.since:%Y-%m-%d} 起流动在{a.place}" for a in got.away]
        if moves:
            texts["status"] += "；" + "；".join(moves)
        for key, text in texts.items():
            self.figures[key].setText(text)
        self.reveal_button.setVisible(bool(got.disciplines) and not revealed)
        self.meetings.setRowCount(len(got.meetings))
        for row, x in enumerate(got.meetings):
            cells = [x.held_on.isoformat(), x.title, "出席" if x.status == "present" else f"缺席（{x.reason}）"]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if x.status == "absent":
                    item.setBackground(styles.ROW_WARN)
                self.meetings.setItem(row, column, item)

    def reveal(self) -> None:
        if confirm_sensitive(self, self.session):
            self.load()

    def preview(self) -> bool:
        from branchdesk.roster.member_file_paper import member_file_paper

        got = self.file
        paper = member_file_paper(self.archive, got, facts=self.revealed)
        return self.previews.open(tr("members", "党员档案"), export_names.member_file(got.member.name, got.year) + ".pdf",
                                  paper_renderer(paper))
