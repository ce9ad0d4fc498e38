"""The roster as a table model: the domain sorts and filters in SQL and returns ids;
rows are fetched in chunks the first time a view asks for them."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from branchdesk.labels import ACTIVE_STATUSES
from branchdesk.roster.members import MemberRecord

from ..toolkit.models.lazy_ids import LazyIdTableModel

# (header, attribute, sort key)
COLUMNS = [
    ("姓名", "name", "name"),
    ("性别", "gender_label", "gender"),
    ("出生日期", "birth_date", "birth_date"),
    ("公民身份号码", "id", None),
    ("入党日期", "joined_on", "joined_on"),
    ("转正日期", "full_on", "full_on"),
    ("状态", "status_label", "status"),
    ("党小组", "group_name", "group"),
    ("联系电话", "phone", "phone"),
    ("工作岗位", "job", "job"),
]
ID_COLUMN = 3


class MemberTableModel(LazyIdTableModel):
    MemberIdRole = Qt.ItemDataRole.UserRole + 1
    HEADERS = [title for title, _, _ in COLUMNS]
    CONTEXT = "members"

    def __init__(self, archive, parent=None):
        super().__init__(parent)
        self._archive = archive
        self.search_text = ""
        self.statuses: tuple[str, ...] | None = ACTIVE_STATUSES
        self.group_id: int | None = None
        self.sort_key = "name"
        self.descending = False
        self.name_order: str | None = None  # None: the archive's (姓氏笔画 or 拼音)
        self.show_full_ids = False
        self.refresh()

    # -- querying --------------------------------------------------------------
    def query_ids(self) -> list[int]:
        return self._archive.members.query_ids(
            text=self.search_text,
            statuses=self.statuses,
            group_id=self.group_id,
            sort=self.sort_key,
            descending=self.descending,
            name_order=self.name_order,
        )

    def fetch(self, ids: list[int]) -> list[MemberRecord]:
        return self._archive.members.records(ids)

    def set_filter(self, text: str | None = None, statuses=..., group_id=...) -> None:
        if text is not None:
            self.search_text = text
        if statuses is not ...:
            self.statuses = statuses
        if group_id is not ...:
            self.group_id = group_id
        self.refresh()

    def set_name_order(self, order: str) -> None:
        self.name_order = order
        self.sort_key, self.descending = "name", False
        self.refresh()

    def set_show_full_ids(self, show: bool) -> None:
        self.show_full_ids = show
        if self._ids:
            self.dataChanged.emit(self.index(0, ID_COLUMN), self.index(len(self._ids) - 1, ID_COLUMN))

    def member_id(self, row: int) -> int:
        return self.id_at(row)

    # -- Qt model interface ----------------------------------------------------
    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not self.valid_row(index):
            return None
        if role == self.MemberIdRole:
            return self._ids[index.row()]
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        record = self.record(index.row())
        if record is None:
            return None
        attribute = COLUMNS[index.column()][1]
        if attribute == "id":
            return record.id_number if self.show_full_ids else record.masked_id
        value = getattr(record, attribute)
        if value is None:
            return ""
        return value.isoformat() if hasattr(value, "isoformat") else str(value)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][2] if 0 <= column < len(COLUMNS) else None
        if key is None:
            return
        self.sort_key = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()
