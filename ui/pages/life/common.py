"""Pieces the 组织生活会 page's tabs share: a read-only list model over ids with a lazy
row cache, its view, a form dialog that shows errors by their fields, a person chooser
from the roster, and the cover in front of sensitive texts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from branchdesk import clock, labels
from branchdesk.errors import BranchDeskError, ValidationError, ValidationErrors

from ...access import confirm_sensitive
from ...errors import show_error
from ...text import tr
from ...models.lazy_ids import LazyIdTableModel
from ...widgets import ErrorForm

ROW_HEIGHT = 28
WARN = QColor("#fde2e1")
DONE = QColor("#e8f5e9")


@dataclass
class Col:
    header: str
    text: Callable[[object], str]
    width: int = 100


class IdsModel(LazyIdTableModel):
    """Rows are ids handed in by the page; the records behind them are fetched in
    chunks when first shown. ``fetch(ids)`` returns the records (each with an ``id``)."""

    def __init__(self, columns: Sequence[Col], context: str, parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self.HEADERS = [column.header for column in self.columns]
        self.CONTEXT = context
        self._fetch: Callable[[list[int]], list] = lambda ids: []
        self.tint: Callable[[object], QColor | None] | None = None
        # sorting happens where the ids come from (SQL): a key per column, None: not sortable
        self.sort_keys: list[str | None] = []
        self.on_sort: Callable[[str, bool], None] | None = None

    def set_ids(self, ids: list[int], fetch: Callable[[list[int]], list]) -> None:
        self.beginResetModel()
        self._ids, self._fetch = list(ids), fetch
        self._cache.clear()
        self.endResetModel()

    def set_items(self, items: list) -> None:
        """For short lists already read: the items are their own cache."""
        by_id = {item.id: item for item in items}
        self.set_ids([item.id for item in items], lambda ids: [by_id[i] for i in ids])

    def fetch(self, ids: list[int]) -> list:
        return self._fetch(ids)

    def item(self, row: int):
        return self.record(row)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.sort_keys[column] if 0 <= column < len(self.sort_keys) else None
        if key is not None and self.on_sort is not None:
            self.on_sort(key, order == Qt.SortOrder.DescendingOrder)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not self.valid_row(index):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole):
            return None
        record = self.item(index.row())
        if record is None:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.tint(record) if self.tint is not None else None
        text = self.columns[index.column()].text(record)
        if role == Qt.ItemDataRole.ToolTipRole:
            return text if len(text) > 12 else None
        return " ".join(text.split()) if text else ""


def table(model: QAbstractTableModel, name: str, stretch: int | None = None) -> QTableView:
    """A read-only view: whole rows selected, fixed row heights, one stretching column."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    columns = getattr(model, "columns", [])
    for n, column in enumerate(columns):
        view.setColumnWidth(n, column.width)
    if stretch is not None:
        view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    else:
        view.horizontalHeader().setStretchLastSection(True)
    return view


def selected_id(view: QTableView) -> int | None:
    rows = view.selectionModel().selectedRows()
    return view.model().id_at(rows[0].row()) if rows else None


def select_id(view: QTableView, record_id: int) -> None:
    row = view.model().row_of(record_id)
    if row >= 0:
        view.selectRow(row)


def exec_dialog(dialog, after: Callable[[], None], view: QTableView | None = None) -> int | None:
    """Run a form dialog; once it saved, ``after()`` refreshes and the saved row is selected."""
    if dialog.exec() and dialog.saved_id is not None:
        after()
        if view is not None:
            select_id(view, dialog.saved_id)
        return dialog.saved_id
    return None


def delete_selected(page, view: QTableView, question: str, delete, after: Callable[[], None]) -> bool:
    """Ask, then delete the selected row through the domain; a refusal is shown."""
    row_id = selected_id(view)
    if row_id is None:
        return False
    if QMessageBox.question(view, tr("life", "删除"), question) != QMessageBox.StandardButton.Yes:
        return False
    if page.run(delete, row_id):
        after()
        return True
    return False


def button(text: str, slot, name: str = "") -> QPushButton:
    widget = QPushButton(text)
    if name:
        widget.setObjectName(name)
    widget.clicked.connect(lambda _=False: slot())
    return widget


class PersonCombo(QComboBox):
    """A member from the roster, or a name typed for someone outside it. ``none_text``
    adds a first choice that means nobody in particular (e.g. 「支部委员会」)."""

    def __init__(self, archive, none_text: str = "", parent=None):
        super().__init__(parent)
        self.setEditable(True)
        self.setMinimumContentsLength(10)  # room for a typed name before anyone is chosen
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.none_text = none_text
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        if none_text:
            self.addItem(none_text, None)
        for member in archive.members.all_active():
            self.addItem(member.name, member.id)
        self.setCurrentIndex(0 if none_text else -1)

    def person(self) -> tuple[int | None, str]:
        text = self.currentText().strip()
        index = self.findText(text, Qt.MatchFlag.MatchExactly)
        if index >= 0:
            data = self.itemData(index)
            return (None, "") if data is None else (data, text)
        return None, text

    def set_person(self, member_id: int | None, name: str) -> None:
        """Show a stored person; someone no longer in the branch (转出) is added to the
        choices so that saving keeps the link to the roster."""
        if member_id is not None and self.findData(member_id) < 0:
            self.addItem(name, member_id)
        index = self.findData(member_id) if member_id is not None else (0 if self.none_text and not name else -1)
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(name)


def choice_combo(table_: dict[str, str], current: str | None = None, blank: str = "") -> QComboBox:
    box = QComboBox()
    if blank:
        box.addItem(blank, "")
    for key, text in table_.items():
        box.addItem(text, key)
    if current is not None:
        box.setCurrentIndex(max(box.findData(current), 0))
    return box


class FormDialog(QDialog):
    """A dialog around an ErrorForm: 保存 calls ``commit()``; ValidationErrors appear by
    their fields (the rest under the form) and nothing is saved."""

    def __init__(self, title: str, parent=None, width: int = 560, height: int = 520):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(width, height)
        self.form = ErrorForm()
        holder = QWidget()  # the form keeps its own height; spare room goes below it
        holder_layout = QVBoxLayout(holder)
        holder_layout.addWidget(self.form)
        holder_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(holder)
        scroll.setWidgetResizable(True)
        self.general_error = QLabel()
        self.general_error.setObjectName("dialog_error")
        self.general_error.setStyleSheet("color: #b00020;")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("life", "保存 (Ctrl+S)"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("life", "取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        self.saved_id: int | None = None

    def commit(self) -> int | None:
        raise NotImplementedError

    def save(self) -> bool:
        self.general_error.hide()
        try:
            self.saved_id = self.commit()
        except (ValidationErrors, ValidationError) as error:
            errors = error.errors if isinstance(error, ValidationErrors) else [error]
            rest = self.form.show_errors(errors)
            if rest:
                self.general_error.setText("\n".join(e.message() for e in rest))
                self.general_error.show()
            return False
        except BranchDeskError as error:
            show_error(self, error)
            return False
        self.form.clear_errors()
        self.accept()
        return True


class SensitiveCover(QStackedWidget):
    """Self-examination and criticism texts stay covered until ``confirm_sensitive``
    passes (the app password, when one is set). Covered again when the page comes back
    after the grace time."""

    def __init__(self, content: QWidget, session, what: str):
        super().__init__()
        self.session = session
        cover = QWidget()
        layout = QVBoxLayout(cover)
        note = QLabel(tr("life", "{0}属于敏感内容，查看前需要确认。").format(what))
        note.setWordWrap(True)
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reveal_button = button(tr("life", "显示内容（验证密码）"), self.reveal, "reveal_sensitive")
        layout.addStretch(1)
        layout.addWidget(note)
        layout.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        self.addWidget(cover)
        self.addWidget(content)
        self.content = content
        self.check()

    @property
    def revealed(self) -> bool:
        return self.currentWidget() is self.content

    def check(self) -> None:
        """Cover again if the password would be asked now (set, or grace time over)."""
        self.setCurrentIndex(1 if not self.session.sensitive_gate() else 0)

    def reveal(self) -> bool:
        if confirm_sensitive(self, self.session):
            self.setCurrentIndex(1)
        return self.revealed


def run_action(parent, action, *args) -> bool:
    """Carry out a domain call; a refusal is shown and changes nothing."""
    try:
        action(*args)
    except BranchDeskError as error:
        show_error(parent, error)
        return False
    return True


def ask_year(parent, shown: int) -> int | None:
    """A year typed by the user (2000 … next year), None when cancelled or impossible."""
    text = ask_text(parent, tr("life", "选择年度"), tr("life", "年度（如 {0}）：").format(shown - 1))
    if text is None:
        return None
    if not text.isdigit() or not 2000 <= int(text) <= clock.today().year + 1:
        QMessageBox.information(parent, tr("life", "年度"), tr("life", "请填写 2000 到 {0} 之间的年份。").format(
            clock.today().year + 1))
        return None
    return int(text)


def ask_text(parent, title: str, prompt: str, text: str = "") -> str | None:
    """A one-line answer, None when cancelled or left empty."""
    answer, ok = QInputDialog.getText(parent, title, prompt, text=text)
    return answer.strip() if ok and answer.strip() else None


def grade_text(key: str) -> str:
    return labels.label(labels.GRADES, key)
