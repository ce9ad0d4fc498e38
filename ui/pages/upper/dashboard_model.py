"""The cross-branch dashboard as a table model: one row per branch × month. Sorting
is done by the upper level in SQL (``upper.dashboard(sort=…)``): ``sort()`` asks the
page's query again with the column's key. A cell that needs attention is tinted AND
says so in words (缺, 未完成, a count of overdue items), never by colour alone.

Lazy rows (docs/design.md rule 6): in the default order (by 支部) without the
only-behind filter, every branch has one row per month shown, so the rows are known
from the branches' order alone (``order``); the first screen fetches the rows of its
first few branches (``fetch_branches``) and paints. The whole board (for the summary,
the exports and the other orders) is fetched once asked for (``board``, ``rows()``,
``load_all``), which the page does right after the first paint."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from branchdesk.upper.dashboard import COLUMNS, KINDS

from ...text import tr
from ...toolkit import styles

Index = QModelIndex | QPersistentModelIndex
# Two-line headers keep 19 columns within the window (the exports keep the full labels).
SHORT_HEADERS = {"支部党员大会": "支部\n党员大会", "组织生活会": "组织\n生活会", "民主评议": "民主\n评议",
                 "整改未销号": "整改\n未销号", "整改逾期": "整改\n逾期", "考核得分": "考核\n得分",
                 "考核等次": "考核\n等次", "党小组会": "党小组会", "主题党日": "主题\n党日",
                 "党费收缴": "党费\n收缴", "上缴党费（元）": "上缴党费\n（元）",
                 "实事按期完成": "实事\n按期完成", "群众评议满意率": "群众评议\n满意率", "诉求逾期": "诉求\n逾期"}
KIND_STATE_TIPS = {"held": "本期已开", "missing": "本期已结束而没有召开", "open": "本期尚未结束", "none": "不要求",
                   "before_start": "本期在支部开始记录之前，不计缺项"}


CHUNK_BRANCHES = 10  # branches fetched at a time before the whole board is loaded


class DashboardModel(QAbstractTableModel):
    """``fetch(sort_key, descending)`` returns a ``Dashboard`` (the page's filters inside);
    ``lazy(sort_key, descending)`` returns (branch ids in display order, months shown) when
    the rows follow from them, else None; ``fetch_branches(ids, sort_key, descending)``
    returns the ``Dashboard`` of those branches."""

    def __init__(self, fetch: Callable[[str, bool], object] | None = None, parent=None,
                 lazy: Callable[[str, bool], tuple[list[int], int] | None] | None = None,
                 fetch_branches: Callable[[list[int], str, bool], object] | None = None):
        super().__init__(parent)
        self.fetch = fetch
        self._lazy, self._fetch_branches = lazy, fetch_branches
        self._board = None
        self._order: list[int] = []  # lazily: the branch ids in display order
        self._months = 0  # lazily: rows per branch
        self._fetched: dict[int, list] = {}  # lazily: branch id -> its rows
        self._cells: dict[tuple[int, int], tuple] = {}  # (row, column) -> (text, tint, alignment)
        self.sort_key = "branch_name"
        self.descending = False
        self.reloaded = False  # asked at least once

    # -- loading ---------------------------------------------------------------
    @property
    def board(self):
        """The whole board (fetched now if only the first rows were)."""
        if self._board is None and self._order:
            self.load_all()
        return self._board

    @property
    def complete(self) -> bool:
        return self._board is not None or not self._order

    def reload(self):
        """Ask again; returns the whole board, or None when only the first rows were fetched."""
        lazy = self._lazy(self.sort_key, self.descending) if self._lazy is not None else None
        board = None if lazy is not None else (self.fetch(self.sort_key, self.descending) if self.fetch else None)
        self.reloaded = True
        self.beginResetModel()
        self._board, self._fetched, self._cells = board, {}, {}
        self._order, self._months = lazy if lazy is not None else ([], 0)
        self.endResetModel()
        return board

    def load_all(self):
        """Fetch the whole board; the rows stay as they are (the same rows, now all known)."""
        if self._board is None and self.fetch is not None:
            self._board = self.fetch(self.sort_key, self.descending)
            self._order, self._fetched = [], {}
        return self._board

    def _row(self, row: int):
        if self._board is not None:
            return self._board.rows[row]
        branch = row // self._months
        branch_id = self._order[branch]
        if branch_id not in self._fetched:
            start = branch - branch % CHUNK_BRANCHES
            chunk = self._order[start:start + CHUNK_BRANCHES]
            for item in self._fetch_branches(chunk, self.sort_key, self.descending).rows:
                self._fetched.setdefault(item.branch_id, []).append(item)
        return self._fetched[branch_id][row % self._months]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        columns = self._columns()
        if not (0 <= column < len(columns)):
            return
        self.sort_key = columns[column].key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def _columns(self) -> list:
        return self._board.columns if self._board is not None else COLUMNS

    def rows(self) -> list:
        board = self.board
        return list(board.rows) if board is not None else []

    def row_at(self, row: int):
        return self._row(row)

    def column_keys(self) -> list[str]:
        return [c.key for c in self._columns()]

    # -- Qt model interface ----------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid():
            return 0
        if self._board is not None:
            return len(self._board.rows)
        return len(self._order) * self._months

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
        at = _PAINTED.get(role)
        if at is None and role != Qt.ItemDataRole.ToolTipRole:
            return None
        spot = (index.row(), index.column())
        cell = self._cells.get(spot) if at is not None else None
        if cell is not None:  # a view asks each cell for several roles at every paint: worked out once
            return cell[at]
        if not index.isValid() or not (0 <= spot[0] < self.rowCount()):
            return None
        if at is None:
            return tooltip(self._row(spot[0]), self._columns()[spot[1]].key)
        row, key = self._row(spot[0]), self._columns()[spot[1]].key
        align = None if key in ("branch_name", "branch_code") else _CENTRE
        cell = self._cells[spot] = (cell_text(row, key), tint(row, key), align)
        return cell[at]


# What a paint asks of a cell, by role: its place in the cell's cached (text, tint, alignment).
_PAINTED = {Qt.ItemDataRole.DisplayRole: 0, Qt.ItemDataRole.BackgroundRole: 1, Qt.ItemDataRole.TextAlignmentRole: 2}
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)
_KIND_KEYS = frozenset(k for k, _ in KINDS)


def tint(row, key: str) -> QColor | None:
    if key in _KIND_KEYS:
        state = row.kind(key).state
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
    if key in _KIND_KEYS:
        cell = row.kind(key)
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
