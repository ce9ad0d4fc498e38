"""The compliance calendar as a table model: a row per required kind (and per party
group), a column per month; each cell coloured by the state of its period."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from branchdesk.meetings.compliance import PERIOD_MONTHS, ComplianceReport

from ...text import tr
from ...toolkit import styles

COLOURS = {
    "held": styles.GOOD_TINT,
    "planned": styles.PLANNED_TINT,
    "overdue": styles.BAD_TINT,
    "missing": styles.CAUTION_TINT,
    "open": styles.OPEN_TINT,
    "not_required": styles.NOT_REQUIRED_TINT,
    "before_start": styles.NOT_REQUIRED_TINT,
}
MARKS = {"held": "✓", "planned": "○", "overdue": "逾期", "missing": "缺", "open": "", "not_required": "",
         "before_start": "—"}
MeetingIdRole = Qt.ItemDataRole.UserRole + 1


def _row_title(label: str) -> str:
    """「党小组会（第一党小组）」 → 「第一党小组会」: the row titles take width from the twelve
    months; a group not named 「…党小组」 keeps the whole label."""
    group = label.removeprefix("党小组会（").removesuffix("）")
    return f"{group}会" if group != label and group.endswith("党小组") else label


def _cell_text(cell, span: int) -> str:
    """What a cell shows. A month's cell is about three characters wide on a 1024-pixel
    screen, so it holds a mark and one day (「✓ 7」, 「○ 18」) or two days (「5、19」, green
    says held); more, and 逾期 with its planned day, show the mark alone (「✓ 3次」, 「逾期」).
    The tool tip lists every meeting. A quarter's cell is three months wide and holds them all."""
    mark = MARKS[cell.state]
    if cell.state in ("held", "planned") and not cell.meetings:
        return ""  # the period's meeting is in another month of it
    if span > 1:
        days = "、".join(f"{m.date.month}月{m.date.day}日" for m in cell.meetings)
        return f"{mark} {days}".strip() if days else mark
    if not cell.meetings or cell.state not in ("held", "planned"):
        return mark
    if len(cell.meetings) == 1:
        return f"{mark} {cell.meetings[0].date.day}".strip()
    if len(cell.meetings) == 2:
        return "、".join(str(m.date.day) for m in cell.meetings)
    return f"{mark} {len(cell.meetings)}次"


class ComplianceModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.report: ComplianceReport | None = None

    def set_report(self, report: ComplianceReport) -> None:
        self.beginResetModel()
        self.report = report
        self.endResetModel()

    def spans(self) -> list[tuple[int, int, int]]:
        """(row, first column, columns) of each multi-month period: a quarterly kind is
        shown and judged per quarter, in one cell, not in each of its months."""
        found = []
        for row, line in enumerate(self.report.rows if self.report else []):
            span = PERIOD_MONTHS.get(line.frequency, 1)
            if span > 1:
                found += [(row, 1 + first, span) for first in range(0, 12, span)]
        return found

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.report is None else len(self.report.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 14

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if section == 0:
                return tr("meetings", "频次")
            return tr("meetings", "已开/应开") if section == 13 else tr("meetings", "{0}月").format(section)
        if self.report is not None and 0 <= section < len(self.report.rows):
            return _row_title(self.report.rows[section].label)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.report is None or not (0 <= index.row() < len(self.report.rows)):
            return None
        row = self.report.rows[index.row()]
        if index.column() in (0, 13):
            if role == Qt.ItemDataRole.DisplayRole:
                if index.column() == 0:
                    return row.frequency_label
                return f"{row.held}/{row.required}" if row.required else ""
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        cell = row.cells[index.column() - 1]
        span = PERIOD_MONTHS.get(row.frequency, 1)
        if span > 1 and role in (Qt.ItemDataRole.DisplayRole, MeetingIdRole, Qt.ItemDataRole.ToolTipRole):
            # one cell for the whole period: its months' meetings together
            first = (cell.month - 1) // span * span
            period_cells = row.cells[first:first + span]
            marks = [m for c in period_cells for m in c.meetings]
            cell = dataclasses.replace(cell, meetings=marks)
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell_text(cell, span)
        if role == Qt.ItemDataRole.BackgroundRole:
            return COLOURS[cell.state]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if cell.state == "before_start":
                return tr("meetings", "{0}，此前不计缺失").format(self.report.start_note)
            lines = [f"{cell.period}：{cell.state_label}"]
            lines += [f"{m.date:%m-%d} {m.title}" for m in cell.meetings]
            return "\n".join(lines)
        if role == MeetingIdRole:
            return cell.meetings[0].id if cell.meetings else None
        return None
