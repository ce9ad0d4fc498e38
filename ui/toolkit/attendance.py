"""出席情况: the attendance grid from the roster — present, absent with a reason, or
not counted as due — and the 列席 guests, with the counts and the quorum as they stand.
In the toolkit because two features record attendance with it: the meeting editor
(三会一课) and the 组织生活会's own meeting."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from branchdesk import labels
from branchdesk.meetings import AttendanceEntry, rules

from ..text import tr
from . import styles
from .forms import error_label
from .models.rows_model import ChoiceDelegate, Column, RowsModel
from .tables import editable_table, selected_row

STATUS_CHOICES = {k: v for k, v in labels.ATTENDANCE.items()}
REASON_CHOICES = {"": ""} | labels.ABSENCE_REASONS


def _who(row: dict) -> str:
    if row["is_guest"]:
        return tr("meetings", "列席")
    text = labels.label(labels.MEMBER_STATUSES, row["member_status"]) if row["member_status"] else ""
    return text + ("" if row["voting"] or not text else tr("meetings", "（无表决权）"))


def attendance_columns() -> list[Column]:
    return [
        Column("name", "姓名", width=90, editable=lambda r: r["is_guest"]),
        Column("who", "身份", width=140, display=_who),
        Column("status", "出席情况", "choice", STATUS_CHOICES, width=100, editable=lambda r: not r["is_guest"]),
        Column("reason", "缺席原因", "choice", REASON_CHOICES, width=90,
               editable=lambda r: r["status"] == "absent" and not r["is_guest"]),
        Column("note", "说明（其他原因 / 列席人单位职务）", width=260),
    ]


class PickDelegate(ChoiceDelegate):
    """A choice cell that opens with its list already shown and is done the moment an
    entry is picked: one click on the cell, one on the entry. The keyboard works as in
    any grid (F2 or typing opens the list, arrows and Enter pick)."""

    picked = Signal(QModelIndex)

    def createEditor(self, parent, option, index):
        box = super().createEditor(parent, option, index)
        cell = QPersistentModelIndex(index)
        box.activated.connect(lambda _n: self._pick(box, cell))
        QTimer.singleShot(0, box, box.showPopup)  # once the box stands in its cell
        return box

    def _pick(self, box, cell: QPersistentModelIndex) -> None:
        self.commitData.emit(box)
        self.closeEditor.emit(box, QAbstractItemDelegate.EndEditHint.NoHint)
        if cell.isValid():
            QTimer.singleShot(0, lambda: cell.isValid() and self.picked.emit(QModelIndex(cell)))


class AttendanceTab(QWidget):
    def __init__(self, archive):
        super().__init__()
        self.archive = archive
        self.kind = "committee"
        self.model = RowsModel(attendance_columns(), "meetings", self)
        self.model.row_tint = self._tint
        self.model.normalise = self._normalise
        self.table = editable_table(self.model, "attendance_table", stretch=4)
        keys = [c.key for c in self.model.columns]
        self.status_column, self.reason_column, self.note_column = (keys.index(k) for k in ("status", "reason", "note"))
        for column in (self.status_column, self.reason_column):
            delegate = PickDelegate(self.model.columns[column].choices, self.table)
            delegate.picked.connect(self._picked)
            self.table.setItemDelegateForColumn(column, delegate)
        # a single click edits any cell (_clicked), so Qt's own click-to-edit stays out of its way
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.clicked.connect(lambda index: self._edit(index.row(), index.column()))
        self.all_present = QPushButton(tr("meetings", "未登记的都记为出席"))
        self.all_present.clicked.connect(self.mark_rest_present)
        self.from_roster = QPushButton(tr("meetings", "按名册更新应到人员"))
        self.from_roster.setToolTip(tr("meetings", "名册有变动时使用：新增应到人员，已登记的保留"))
        self.add_guest = QPushButton(tr("meetings", "添加列席人员…"))
        self.add_guest.clicked.connect(self.ask_guest)
        self.remove_guest = QPushButton(tr("meetings", "删除所选列席人员"))
        self.remove_guest.clicked.connect(self.remove_selected_guest)
        self.summary = QLabel()
        self.summary.setObjectName("attendance_summary")
        self.summary.setWordWrap(True)
        self.error = error_label("attendance_error")
        self.note = QLabel()  # what the last button did, e.g. 按名册更新应到人员
        self.note.setObjectName("attendance_note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(styles.SUCCESS_TEXT)
        self.note.hide()
        buttons = QHBoxLayout()
        self.buttons = [self.all_present, self.from_roster, self.add_guest, self.remove_guest]
        for button in self.buttons:
            buttons.addWidget(button)
        buttons.addStretch(1)
        # The counts, the quorum and a refused save's red text stand above the grid, not
        # under it: the grid takes whatever height is left and scrolls itself, so they stay
        # in sight on a 1024×768 screen however long the roster is.
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        self.model.edited.connect(self.update_summary)

    def _edit(self, row: int, column: int) -> None:
        """Open the cell's editor (出席情况 and 缺席原因 with their list shown)."""
        index = self.model.index(row, column)
        if not self.model.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return
        self.table.setCurrentIndex(index)
        if self.table.state() != QAbstractItemView.State.EditingState:
            self.table.edit(index)

    def _picked(self, index: QModelIndex) -> None:
        """An absence needs its reason, and 其他 its words: the grid goes on to what the
        record still lacks, so nobody has to find it."""
        row = self.model.row(index.row())
        if index.column() == self.status_column and row["status"] == "absent" and not row["reason"]:
            self._edit(index.row(), self.reason_column)
        elif index.column() == self.reason_column and row["reason"] == "other" and not row["note"].strip():
            self._edit(index.row(), self.note_column)

    @staticmethod
    def _normalise(row: dict) -> None:
        if row["status"] != "absent":
            row["reason"] = ""

    @staticmethod
    def _tint(row: dict):
        if row["status"] == "absent":
            return styles.BAD_TINT if not row["reason"] or (row["reason"] == "other" and not row["note"]) else styles.ROW_ABSENT
        return None

    def show_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def load(self, entries: list[AttendanceEntry], kind: str) -> None:
        self.kind = kind
        self.note.hide()
        self.model.set_rows([dataclasses.asdict(e) for e in entries])
        self.update_summary()

    def entries(self) -> list[AttendanceEntry]:
        fields = {f.name for f in dataclasses.fields(AttendanceEntry)}
        return [AttendanceEntry(**{k: v for k, v in row.items() if k in fields}) for row in self.model.rows()]

    def row_of(self, name: str) -> int:
        names = [r["name"] for r in self.model.rows()]
        return names.index(name) if name in names else -1

    def mark_rest_present(self) -> None:
        for n, row in enumerate(self.model.rows()):
            if not row["is_guest"] and not row["status"]:
                self.model.update_row(n, {"status": "present"})

    def ask_guest(self) -> None:
        name, ok = QInputDialog.getText(self, tr("meetings", "列席人员"), tr("meetings", "姓名："))
        if not ok or not name.strip():
            return
        unit, _ = QInputDialog.getText(self, tr("meetings", "列席人员"), tr("meetings", "单位或职务（可不填）："))
        self.add_guest_row(name, unit)

    def add_guest_row(self, name: str, unit: str = "") -> None:
        self.model.append(dataclasses.asdict(AttendanceEntry(name.strip(), is_guest=True, status="present",
                                                             note=unit.strip())))

    def remove_selected_guest(self) -> None:
        row = selected_row(self.table)
        if row >= 0 and self.model.row(row)["is_guest"]:
            self.model.remove(row)

    def update_summary(self) -> None:
        entries = self.entries()
        text = rules.attendance_sentence(entries)
        check = rules.quorum(self.kind, entries)
        counts = rules.Counts.of(entries)
        if check.applies and counts.unrecorded == 0 and counts.due:
            text += " " + check.explanation
        elif counts.unrecorded:
            text += tr("meetings", " 还有 {0} 人未登记。").format(counts.unrecorded)
        self.summary.setText(text)

    def show_errors(self, messages: list[str]) -> None:
        self.error.setText("\n".join(messages))
        self.error.setVisible(bool(messages))

    def set_editable(self, editable: bool) -> None:
        self.model.set_read_only(not editable)
        for button in self.buttons:
            button.setEnabled(editable)
