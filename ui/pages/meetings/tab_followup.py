"""落实事项 (follow-up tasks: owner, deadline, done date — a done date may be written
even after the record was reported) and 附件 (attachments copied into the archive)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from branchdesk import clock, labels
from branchdesk.dates import parse_date
from branchdesk.errors import BranchDeskError
from branchdesk.meetings import TaskForm

from ...errors import show_error
from ...text import tr
from ...toolkit import styles
from ...toolkit.forms import error_label
from ...toolkit.models.rows_model import Column, RowsModel
from ...toolkit.tables import editable_table, selected_row
from .grid import RowButtons
from .tab_content import _show
from .typing import DirectTyping, typing_hint


class TasksTab(QWidget):
    def __init__(self, archive, changed, people=lambda: []):
        super().__init__()
        self.archive = archive
        self._changed = changed  # called after a done date was stored
        self.done: dict[str, object] = {}  # uid → TaskInfo
        self.model = RowsModel([
            Column("task", "任务", width=330),
            Column("owner", "责任人", width=90),
            Column("deadline", "完成期限", "date", width=100),
            Column("state", "完成情况", width=150, display=self._state),
        ], "meetings", self)
        self.model.row_tint = self._tint
        self.table = editable_table(self.model, "task_table", stretch=0)
        new_row = lambda: {"task": "", "owner": "", "deadline": None, "uid": ""}  # noqa: E731
        self.buttons = RowButtons(self.table, self.model, new_row, tr("meetings", "落实事项"))
        self.typing = DirectTyping(self.table, self.model, [0, 1, 2], new_row)
        self.typing.text(0)
        self.typing.line(1, people)
        self.typing.line(2)
        self.buttons.typing = self.typing
        self.mark_done = QPushButton(tr("meetings", "登记完成…"))
        self.mark_done.setObjectName("task_done_button")
        self.mark_done.clicked.connect(self.ask_done)
        self.buttons.layout().insertWidget(self.buttons.layout().count() - 1, self.mark_done)
        self.error = error_label("task_error")
        hint = QLabel(tr("meetings", "未完成和逾期的落实事项会显示在首页。会议上报后仍可登记完成日期。") + typing_hint())
        hint.setWordWrap(True)
        hint.setStyleSheet(styles.HINT_TEXT)
        self.model.edited.connect(self.error.hide)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        layout.addWidget(self.error)

    def _state(self, row: dict) -> str:
        info = self.done.get(row.get("uid", ""))
        if info is None:
            return tr("meetings", "（保存后可登记完成）") if not row.get("uid") else ""
        return info.status_text(clock.today())

    def _tint(self, row: dict):
        info = self.done.get(row.get("uid", ""))
        return styles.BAD_TINT if info is not None and info.is_overdue(clock.today()) else None

    def load(self, form, detail) -> None:
        self.done = {t.uid: t for t in detail.tasks}
        self.model.set_rows([{"task": t.task, "owner": t.owner, "deadline": t.deadline, "uid": t.uid}
                             for t in form.tasks])

    def fill(self, form) -> list[str]:
        """Copy the rows into ``form``; returns messages for deadlines that are not dates."""
        problems, tasks = [], []
        for n, row in enumerate(self.model.rows(), start=1):
            if not (row["task"].strip() or row["owner"].strip() or row["deadline"]):
                continue
            deadline = row["deadline"]
            if isinstance(deadline, str):
                problems.append(tr("meetings", "落实事项第 {0} 项：完成期限“{1}”不是有效日期，请写成 2024-07-15。")
                                .format(n, deadline))
                deadline = None
            tasks.append(TaskForm(row["task"], row["owner"], deadline, row.get("uid", "")))
        form.tasks = tasks
        return problems

    def ask_done(self) -> None:
        row = selected_row(self.table)
        if row < 0:
            QMessageBox.information(self, tr("meetings", "登记完成"), tr("meetings", "请先在表格中选中一项落实事项。"))
            return
        uid = self.model.row(row).get("uid")
        if not uid or uid not in self.done:
            QMessageBox.information(self, tr("meetings", "登记完成"), tr("meetings", "这一项还没有保存，请先保存会议记录。"))
            return
        text, ok = QInputDialog.getText(
            self, tr("meetings", "登记完成"), tr("meetings", "完成日期（留空表示改回未完成）："),
            text=clock.today().isoformat(),
        )
        if ok:
            self.set_done(uid, text)

    def set_done(self, uid: str, text: str) -> bool:
        try:
            try:
                day = parse_date(text)
            except ValueError:
                raise BranchDeskError(tr("meetings", "“{0}”不是有效日期，请写成 2024-07-15。").format(text)) from None
            self.archive.meetings.set_task_done(uid, day)
        except BranchDeskError as error:
            show_error(self, error)
            return False
        self._changed()
        return True

    def show_errors(self, messages: list[str]) -> None:
        _show(self.error, messages)

    def set_editable(self, editable: bool) -> None:
        self.model.set_read_only(not editable)
        self.buttons.set_enabled(editable)
        self.mark_done.setEnabled(not self.archive.read_only)


class AttachmentsTab(QWidget):
    def __init__(self, archive, changed):
        super().__init__()
        self.archive = archive
        self._changed = changed
        self.meeting_id: int | None = None
        self.model = RowsModel([
            Column("title", "名称", width=200),
            Column("kind", "类别", "choice", labels.ATTACHMENT_KINDS, width=70),
            Column("size", "大小", width=80, display=lambda r: f"{r['size'] / 1024:.0f} KB"),
            Column("added_at", "添加时间", width=140),
            Column("sha256", "SHA-256 校验值", width=300),
        ], "meetings", self)
        self.model.set_read_only(True)
        self.table = editable_table(self.model, "attachment_table")
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.add = QPushButton(tr("meetings", "添加附件…"))
        self.add.clicked.connect(self.ask_add)
        self.open = QPushButton(tr("meetings", "打开"))
        self.open.clicked.connect(lambda: self.open_row(selected_row(self.table)))
        self.remove = QPushButton(tr("meetings", "删除所选"))
        self.remove.clicked.connect(self.remove_selected)
        hint = QLabel(tr("meetings", "签到表扫描件、照片、课件等会复制一份保存在档案库中，并记录校验值，"
                                     "原文件可以删除。"))
        hint.setWordWrap(True)
        hint.setStyleSheet(styles.HINT_TEXT)
        buttons = QHBoxLayout()
        for button in (self.add, self.open, self.remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def load(self, detail) -> None:
        self.meeting_id = detail.id
        self.model.set_rows([
            {"id": a.id, "title": a.title, "kind": a.kind, "size": a.size, "added_at": a.added_at, "sha256": a.sha256}
            for a in detail.attachments
        ])

    def ask_add(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("meetings", "选择附件"), str(Path.home()),
            tr("meetings", "图片、PDF 和文档 (*.png *.jpg *.jpeg *.pdf *.ppt *.pptx *.doc *.docx *.xls *.xlsx);;所有文件 (*)"),
        )
        if not path:
            return
        kinds = list(labels.ATTACHMENT_KINDS.values())
        guess = 1 if Path(path).suffix.lower() in (".jpg", ".jpeg", ".png") else 2 if "ppt" in path.lower() else 3
        kind_text, ok = QInputDialog.getItem(self, tr("meetings", "附件类别"), tr("meetings", "类别："), kinds, guess, False)
        if ok:
            self.add_file(path, labels.key_for(labels.ATTACHMENT_KINDS, kind_text) or "other")

    def add_file(self, path: str, kind: str = "other", title: str = "") -> bool:
        try:
            self.archive.meetings.attach(self.meeting_id, path, kind, title)
        except (BranchDeskError, OSError) as error:
            show_error(self, error, tr("meetings", "无法添加附件"))
            return False
        self._changed()
        return True

    def open_row(self, row: int) -> None:
        if row < 0:
            return
        try:
            path = self.archive.meetings.attachment_file(self.model.row(row)["id"])
        except BranchDeskError as error:
            show_error(self, error)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def remove_selected(self) -> None:
        row = selected_row(self.table)
        if row < 0:
            return
        answer = QMessageBox.question(self, tr("meetings", "删除附件"),
                                      tr("meetings", "从这次会议中删除附件「{0}」？").format(self.model.row(row)["title"]))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.archive.meetings.detach(self.model.row(row)["id"])
        except BranchDeskError as error:
            show_error(self, error)
            return
        self._changed()

    def set_editable(self, editable: bool) -> None:
        self.add.setEnabled(editable)
        self.remove.setEnabled(editable)
