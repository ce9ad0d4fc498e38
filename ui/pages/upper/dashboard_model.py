"""The cross-branch dashboard as a table model: one row per branch × month. Sorting
is done by the upper level in SQL (``upper.dashboard(sort=…)``): ``sort()`` asks the
page's query again with the column's key. A cell that needs attention is tinted AND
says so in words (缺, 未完成, a count of overdue items), never by colour alone."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ...text import tr
from ...toolkit import styles

Index = QModelIndex | QPersistentModelIndex
# Two-line headers keep 19 columns within the window (the exports keep the full labels).
SHORT_HEADERS = {"支部党员大会": "支部\n党员大会", "组织生活会": "组织\n生活会", "民主评议": "民主\n评议",
                 "整改未销号": "整改\n未销号", "整改逾期": "整改\n逾期", "考核得分": "考核\n得分",
                 "考核等次": "考核\n等次", "党小组会": "党小组会", "主题党日": "主题\n党日",
                 "党费收缴": "党费\n收缴", "上缴党费（元）": "上缴党费\n（元）"}
KIND_STATE_TIPS = {"held": "本期已开", "missing": "本期已结束而没有召开", "open": "本期尚未结束", "none": "不要求",
                   "before_start": "本期在支部开始记录之前，不计缺项"}


class DashboardModel(QAbstractTableModel):
    """``fetch(sort_key, descending)`` returns a ``Dashboard`` (the page's filters inside)."""

    def __init__(self, fetch: Callable[[str, bool], object] | None = None, parent=None):
        super().__init__(parent)
        self.fetch = fetch
        self.board = None
        self.sort_key = "branch_name"
        self.descending = False

    # -- loading ---------------------------------------------------------------
    def reload(self):
        board = self.fetch(self.sort_key, self.descending) if self.fetch is not None else None
        self.beginResetModel()
        self.board = board
        self.endResetModel()
        return board

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        columns = self._columns()
        if not (0 <= column < len(columns)):
            return
        self.sort_key = columns[column].key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def _columns(self) -> list:
        if self.board is not None:
            return self.board.columns
        from branchdesk.upper.dashboard import COLUMNS

        return COLUMNS

    def rows(self) -> list:
        return list(self.board.rows) if self.board is not None else []

    def row_at(self, row: int):
        return self.board.rows[row]

    def column_keys(self) -> list[str]:
        return [c.key for c in self._columns()]

    # -- Qt model interface ----------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.board is None else len(self.board.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        columns = self._columns()
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(columns):
            label = columns[section].label
            return tr("dashboard", SHORT_HEADERS.get(label, label))
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.board is None or not (0 <= index.row() < len(self.board.rows)):
            return None
        row = self.board.rows[index.row()]
        key = self.board.columns[index.column()].key
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(row, key)
        if role == Qt.ItemDataRole.BackgroundRole:
            return tint(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(row, key)
        if role == Qt.ItemDataRole.TextAlignmentRole and key not in ("branch_name", "branch_code"):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


def tint(row, key: str) -> QColor | None:
    if key in row.kinds:
        state = row.kinds[key].state
        return {"missing": styles.BAD_TINT, "held": styles.GOOD_TINT, "none": styles.QUIET_TINT,
                "before_start": styles.QUIET_TINT}.get(state)
    if key in ("ledger_overdue", "missing"):
        return styles.BAD_TINT if getattr(row, key) else None
    if key in ("life_held", "appraisal_done"):
        return styles.GOOD_TINT if getattr(row, key) else styles.CAUTION_TINT
    if key == "dues_rate" and row.dues_unpaid:
        return styles.CAUTION_TINT  # the text says how many have not paid
    return None


def cell_text(row, key: str) -> str:
    """The domain's text; the two counts that colour a cell say what they count."""
    if key == "missing":
        return tr("dashboard", "缺 {0} 项").format(row.missing) if row.missing else "—"
    if key == "ledger_overdue":
        return tr("dashboard", "逾期 {0} 项").format(row.ledger_overdue) if row.ledger_overdue else "0"
    return row.text(key)


def tooltip(row, key: str) -> str:
    if key in row.kinds:
        cell = row.kinds[key]
        text = tr("dashboard", "{0}：本月 {1} 次，本期 {2} 次").format(KIND_STATE_TIPS[cell.state], cell.month_held,
                                                                   cell.period_held)
        if cell.required > 1:
            text += tr("dashboard", "（应有 {0} 个党小组各开一次）").format(cell.required)
        return text
    if key == "dues_rate" and row.dues_due_fen is not None:
        from branchdesk.dues import yuan_words

        return tr("dashboard", "{0}月党费：应交 {1}，实交 {2}").format(row.month, yuan_words(row.dues_due_fen),
                                                                yuan_words(row.dues_paid_fen))
    if key == "branch_name":
        text = f"{row.branch_name}（{row.branch_code}）" if row.branch_code else row.branch_name
        if row.behind:
            text += tr("dashboard", "\n{0}月：缺 {1} 项，整改逾期 {2} 项").format(row.month, row.missing, row.ledger_overdue)
        return text
    return ""
