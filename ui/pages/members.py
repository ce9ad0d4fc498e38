"""党员: the roster with search-as-you-type, filters, add/edit, import and export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from branchdesk import clock, export_names, labels
from branchdesk.errors import BranchDeskError
from branchdesk.roster import export as roster_export
from branchdesk.roster import files as roster_io
from branchdesk.text import clean_line, quoted

from ..dialogs.member_dialog import MemberDialog
from ..dialogs.roster_import import RosterImportDialog
from ..errors import show_error
from ..text import tr
from ..toolkit.exporting import ask_export_path, tell_exported
from ..toolkit.fitting import SearchBox, WrappedLabel
from ..toolkit.tables import row_height
from ..workers import run_in_background
from .honours import MemberHonoursView
from .member_history import MemberHistoryView
from .member_table import MemberTableModel
from .member_year import MemberYearView
from .name_order_choice import NameOrderChoice

SEARCH_DELAY_MS = 150


class MembersPage(QWidget):
    def __init__(self, archive, window=None):
        super().__init__()
        self.archive = archive
        self.model = MemberTableModel(archive, self)

        self.search = SearchBox(tr("members", "查找：姓名、拼音、电话或身份证号"))
        self.search.setObjectName("member_search")
        self.search.setToolTip(tr("members", "按姓名、拼音（首字母如 wk，或全拼）、电话、岗位或身份证号查找（Ctrl+F）"))
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._search_timer.start)

        self.status_filter = QComboBox()
        self.status_filter.setObjectName("status_filter")
        self.status_filter.addItem(tr("members", "在册党员"), "active")
        self.status_filter.addItem(tr("members", "全部（含转出、去世）"), "all")
        for key, text in labels.MEMBER_STATUSES.items():
            self.status_filter.addItem(text, key)
        self.status_filter.currentIndexChanged.connect(self.apply_filters)
        self.group_filter = QComboBox()
        self.group_filter.setObjectName("group_filter")
        self.group_filter.currentIndexChanged.connect(self.apply_filters)
        self.name_order = NameOrderChoice(archive)
        self.name_order.chosen.connect(self.order_names)
        self.show_ids = QCheckBox(tr("members", "显示完整身份证号"))
        self.show_ids.toggled.connect(self.model.set_show_full_ids)

        add = QPushButton(tr("members", "新增党员 (Ctrl+N)"))
        add.clicked.connect(self.add_member)
        edit = QPushButton(tr("members", "编辑"))
        edit.clicked.connect(self.edit_selected)
        import_button = QPushButton(tr("members", "导入名册…"))
        import_button.clicked.connect(self.import_roster)
        export_button = QPushButton(tr("members", "导出名册…"))
        export_button.clicked.connect(self.export_roster)
        self.file_button = QPushButton(tr("members", "党员档案…"))
        self.file_button.setObjectName("member_file_button")
        self.file_button.setToolTip(tr("members", "选中党员一年的组织生活、党费、谈心谈话、评议、联系群众、志愿服务和奖惩，可预览打印"))
        self.file_button.clicked.connect(self.open_member_file)

        self.table = QTableView()
        self.table.setObjectName("member_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().setDefaultSectionSize(row_height())
        self.table.verticalHeader().setSectionResizeMode(self.table.verticalHeader().ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate([90, 50, 100, 170, 100, 100, 80, 100, 120]):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda index: self.edit_member(self.model.member_id(index.row())))
        self.count_label = QLabel()
        self.no_match = WrappedLabel()
        self.no_match.setObjectName("no_match")
        self.no_match.hide()
        self.year_view = MemberYearView(archive)
        self.history_view = MemberHistoryView(archive)
        session = getattr(window, "session", None) or archive.access.session()
        self.session = session
        self.honours_view = MemberHonoursView(archive, session)
        self.honours_view.on_change = self._after_honours
        # the selected member's year and status history, one tab each under the roster
        self.member_tabs = QTabWidget()
        self.member_tabs.setObjectName("member_tabs")
        self.member_tabs.addTab(self.year_view, tr("members", "本年度党费和组织生活"))
        self.member_tabs.addTab(self.history_view, tr("members", "党员状态变化"))
        self.member_tabs.addTab(self.honours_view, tr("members", "奖惩"))
        for view in (self.year_view, self.history_view, self.honours_view):
            self.table.selectionModel().selectionChanged.connect(
                lambda *_, view=view: view.show_member(self.selected_member_id()))
            self.model.modelReset.connect(lambda view=view: view.show_member(None))  # a new search: nobody selected

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.group_filter, 1)
        filters.addWidget(self.name_order)
        filters.addWidget(self.show_ids)
        actions = QHBoxLayout()
        for button in (add, edit, self.file_button, import_button, export_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.no_match)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.member_tabs)

        QShortcut(QKeySequence.StandardKey.New, self, activated=self.add_member)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.focus_search)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, activated=self.edit_selected)
        self.reload_groups()
        self._update_count()

    # -- filters ---------------------------------------------------------------
    def reload_groups(self) -> None:
        current = self.group_filter.currentData()
        self.group_filter.blockSignals(True)
        self.group_filter.clear()
        self.group_filter.addItem(tr("members", "全部党小组"), None)
        for group in self.archive.groups.list():
            self.group_filter.addItem(group.name, group.id)
        self.group_filter.setCurrentIndex(max(self.group_filter.findData(current), 0))
        self.group_filter.blockSignals(False)

    def apply_filters(self) -> None:
        choice = self.status_filter.currentData()
        statuses = labels.ACTIVE_STATUSES if choice == "active" else None if choice == "all" else (choice,)
        self.model.set_filter(text=self.search.text(), statuses=statuses, group_id=self.group_filter.currentData())
        self._update_count()

    def order_names(self, order: str) -> None:
        self.model.set_name_order(order)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)

    def _update_count(self) -> None:
        """「共 N 人」; a search that found nobody says, on a line of its own above the empty
        table, what was looked for and among whom (an empty table alone reads like a fault)."""
        rows = self.model.rowCount()
        self.count_label.setText(tr("members", "共 {0} 人").format(rows))
        typed = clean_line(self.search.text())
        if rows or not typed:
            self.no_match.hide()
            return
        message = tr("members", "没有找到与{0}相符的党员").format(quoted(typed, "「」", 12))
        if self.status_filter.currentData() != "all":
            message += tr("members", "（当前只列{0}；已转出、去世的请在上方选「全部」）").format(
                self.status_filter.currentText())
        self.no_match.setText(message)
        self.no_match.show()

    def hideEvent(self, event) -> None:
        # A search typed just before the window closes must not run on a closed archive.
        self._search_timer.stop()
        super().hideEvent(event)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def refresh(self) -> None:
        self.name_order.load()  # 设置 may have changed it
        self.model.name_order = self.name_order.order()
        self.reload_groups()
        self.apply_filters()

    # -- actions ---------------------------------------------------------------
    def selected_member_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.member_id(rows[0].row()) if rows else None

    def add_member(self) -> int | None:
        return self._open_dialog(None)

    def edit_selected(self) -> None:
        member_id = self.selected_member_id()
        if member_id is not None:
            self.edit_member(member_id)

    def edit_member(self, member_id: int) -> int | None:
        return self._open_dialog(member_id)

    def _open_dialog(self, member_id: int | None) -> int | None:
        if self.archive.read_only:
            QMessageBox.information(self, tr("members", "只读"), tr("members", "档案库以只读方式打开，不能修改。"))
            return None
        dialog = MemberDialog(self.archive, member_id, self)
        if dialog.exec() and dialog.saved_id is not None:
            self.apply_filters()
            self.select_member(dialog.saved_id)
            return dialog.saved_id
        return None

    def open_member_file(self, member_id: int | None = None, year: int | None = None):
        """The selected member's 党员档案 (a dialog with 预览 / 打印); None when nobody is selected."""
        from .member_file import MemberFileDialog

        member_id = member_id or self.selected_member_id()
        if member_id is None:
            QMessageBox.information(self, tr("members", "党员档案"), tr("members", "请先在名册中选中一名党员。"))
            return None
        dialog = MemberFileDialog(self.archive, member_id, self.session, self, year)
        self.member_file_dialog = dialog  # tests and the preview reach it while it is open
        dialog.exec()
        return dialog

    def _after_honours(self, member_id: int | None) -> None:
        """An 开除党籍 changes the member's status: the roster and the tabs show it."""
        self.refresh()
        if member_id is not None:
            self.select_member(member_id)
            self.member_tabs.setCurrentWidget(self.honours_view)

    def select_member(self, member_id: int) -> None:
        row = self.model.row_of(member_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def import_roster(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self, tr("members", "选择党员名册"), str(Path.home()), tr("members", "名册 (*.xlsx *.xls *.csv);;所有文件 (*)")
            )
        if not path:
            return
        # Reading and checking a long roster takes a while: off the GUI thread.
        self.preview_job = run_in_background(
            self, tr("members", "正在检查名册…"), lambda progress: roster_io.preview(self.archive, path),
            self.show_import_preview, lambda error: show_error(self, error, tr("members", "无法读取名册")),
            db=self.archive.db,
        )

    def show_import_preview(self, checked) -> None:
        dialog = RosterImportDialog(self.archive, checked, self)
        if dialog.exec():
            self.refresh()
            QMessageBox.information(
                self, tr("members", "导入完成"), tr("members", "已导入 {0} 名党员。").format(len(dialog.imported_ids))
            )

    def export_roster(self, path: str | None = None, mask_ids: bool | None = None) -> None:
        if not path:
            path = ask_export_path(self, self.archive, tr("members", "导出党员名册"),
                                   export_names.roster(clock.today()) + ".xlsx",
                                   tr("members", "Excel 文件 (*.xlsx);;CSV 文件 (*.csv)"))
        if not path:
            return
        if mask_ids is None:
            # 否 (masked) is the default button: full ID numbers only when chosen.
            answer = QMessageBox.question(
                self,
                tr("members", "身份证号码"),
                tr("members", "导出文件中是否包含完整的身份证号码？\n选“否”则只保留前 6 位和后 4 位。"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            mask_ids = answer != QMessageBox.StandardButton.Yes
        try:
            records = self.archive.members.records(self.model.ids())
            roster_export.export_roster(records, path, self.archive.branch.own().name, full_ids=not mask_ids)
        except (BranchDeskError, OSError) as error:
            show_error(self, error, tr("members", "导出失败"))
            return
        tell_exported(
            self, tr("members", "导出完成"),
            tr("members", "已导出 {0} 名党员到\n{1}\n\n{2}").format(len(records), path, roster_export.id_note(not mask_ids)),
            Path(path),
        )
