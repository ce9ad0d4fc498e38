"""汇总看板: every branch × month of a year — required meetings held or missing,
组织生活会 and 民主评议, open and overdue 整改 items, the latest inspection. Filters
and sorting run in SQL; the table exports to .xlsx and PDF in a worker."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from branchdesk import clock, export_names
from branchdesk.errors import BranchDeskError

from ...errors import show_error
from ...text import tr
from ...toolkit import styles
from ...toolkit.exporting import ask_export_path, tell_exported
from ...toolkit.fitting import SearchBox
from ...toolkit.paper_preview import PaperPreviews
from ...workers import run_in_background
from .dashboard_model import DashboardModel

YEARS_BACK = 5


class DashboardPage(QWidget):
    def __init__(self, archive, window=None):
        super().__init__()
        self.archive = archive
        self.upper = archive.upper
        self.last_export = None
        self.last_error: BaseException | None = None
        today = clock.today()
        self.year = QComboBox()
        self.year.setObjectName("dashboard_year")
        for year in range(today.year, today.year - YEARS_BACK - 1, -1):
            self.year.addItem(tr("dashboard", "{0}年").format(year), year)
        self.first_month = QSpinBox()
        self.last_month = QSpinBox()
        for box, value in ((self.first_month, 1), (self.last_month, 12)):
            box.setRange(1, 12)
            box.setValue(value)
            box.setSuffix(tr("dashboard", " 月"))
        self.search = SearchBox()
        self.search.setObjectName("dashboard_search")
        self.search.setPlaceholderText(tr("dashboard", "支部名称或代码"))
        self.search.setClearButtonEnabled(True)
        self.only_behind = QCheckBox(tr("dashboard", "只看未完成"))
        self.only_behind.setObjectName("dashboard_only_behind")
        self.only_behind.setToolTip(tr("dashboard", "只列出有缺项（应开未开、组织生活会或民主评议未完成）或整改逾期的行"))
        self.export_xlsx = QPushButton(tr("dashboard", "导出 Excel…"))
        self.export_xlsx.clicked.connect(lambda: self.export(".xlsx"))
        self.export_pdf = QPushButton(tr("dashboard", "导出 PDF…"))
        self.export_pdf.clicked.connect(lambda: self.export(".pdf"))
        self.preview_pdf = QPushButton(tr("dashboard", "预览 / 打印…"))
        self.preview_pdf.setObjectName("dashboard_preview")
        self.preview_pdf.clicked.connect(lambda: self.preview())
        self.previews = PaperPreviews(self)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(tr("dashboard", "年度")))
        filters.addWidget(self.year)
        filters.addWidget(QLabel(tr("dashboard", "月份")))
        filters.addWidget(self.first_month)
        filters.addWidget(QLabel("–"))
        filters.addWidget(self.last_month)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.only_behind)
        filters.addWidget(self.export_xlsx)
        filters.addWidget(self.preview_pdf)
        filters.addWidget(self.export_pdf)
        self.summary = QLabel()
        self.summary.setObjectName("dashboard_summary")
        self.summary.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet(styles.ERROR_TEXT)
        self.error.hide()

        self.model = DashboardModel(self._fetch, self, lazy=self._lazy, fetch_branches=self._fetch_branches)
        self.table = QTableView()
        self.table.setObjectName("dashboard_table")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # hundreds of rows: no measuring each one
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        rows.hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(36)
        self._set_column_widths()
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # the view calls model.sort: the query runs again, ordered in SQL
        legend = QLabel(tr("dashboard", "「缺」本期已结束而没有召开（红）；「已开」本期已开（绿）；「未到期」本期尚未结束；"
                                        "「未完成」年度事项还没有完成、「N人未交」该月有党员未交党费（黄）。"
                                        "把鼠标停在格子上可看详情。"))
        legend.setWordWrap(True)
        legend.setStyleSheet(styles.HINT_TEXT)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addWidget(legend)
        for signal in (self.year.currentIndexChanged, self.first_month.valueChanged, self.last_month.valueChanged,
                       self.search.textChanged, self.only_behind.toggled):
            signal.connect(lambda *_: self.refresh())
        if not self.model.reloaded:  # enabling sorting has normally run the query already: not twice
            self.refresh()
        else:
            self._after_reload()

    def _set_column_widths(self) -> None:
        """Widths from the longest text a column can hold (measuring hundreds of rows is slow)."""
        fm = self.table.fontMetrics()
        widest = {"branch_name": "红旗社区党支部", "month": "12月", "missing": "缺 7 项", "ledger_overdue": "逾期 9 项",
                  "life_held": "未完成", "appraisal_done": "未完成", "ledger_open": "未销号", "inspection_total": "100.5",
                  "inspection_grade": "较好", **{k: "0/3 未到期" for k in ("general", "committee", "group", "lecture",
                                                                         "theme_day")},
                  "dues_rate": "99%，12人未交", "dues_handed": "12,345.67", "pledges": "实事按期",
                  "satisfaction": "群众评议满", "masses_done": "12/12 100%",
                  "masses_satisfied": "12/12 100%", "masses_overdue": "12件"}
        keys = self.model.column_keys()
        for column, key in enumerate(keys):
            self.table.setColumnWidth(column, fm.horizontalAdvance(widest.get(key, "000000")) + 8)
        # The code is searchable and in the tooltip of the branch; the window keeps room for the figures.
        self.table.setColumnHidden(keys.index("branch_code"), True)
        # 缺项 is what a reader looks for first: shown next to the month (the model's order is the exports').
        header = self.table.horizontalHeader()
        header.moveSection(header.visualIndex(keys.index("missing")), header.visualIndex(keys.index("month")) + 1)

    # -- querying --------------------------------------------------------------
    def selected_year(self) -> int:
        return self.year.currentData()

    def _fetch(self, sort: str, descending: bool):
        return self.upper.dashboard(
            self.selected_year(), search=self.search.text(), only_behind=self.only_behind.isChecked(),
            months=(self.first_month.value(), self.last_month.value()), sort=sort, descending=descending,
        )

    def _lazy(self, sort: str, descending: bool):
        """(branches in display order, months shown) when the rows follow from them: the
        first screen then needs the rows of its first branches only (dashboard_model.py)."""
        first, last = self.first_month.value(), self.last_month.value()
        if sort != "branch_name" or self.only_behind.isChecked() or not 1 <= first <= last <= 12:
            return None
        return self.upper.dashboard_branch_order(self.search.text(), descending), last - first + 1

    def _fetch_branches(self, branch_ids: list[int], sort: str, descending: bool):
        return self.upper.dashboard(
            self.selected_year(), search=self.search.text(), months=(self.first_month.value(), self.last_month.value()),
            sort=sort, descending=descending, branch_ids=branch_ids,
        )

    def refresh(self) -> None:
        try:
            self.model.reload()
        except BranchDeskError as error:  # e.g. a month range the wrong way round
            self.error.setText(error.message())
            self.error.show()
            return
        self.error.hide()
        self._after_reload()

    def _after_reload(self) -> None:
        """The summary needs every row: counted right after the first screen is painted."""
        if self.model.complete:
            self._summarise(self.model.board)
            return
        self.summary.setText(tr("dashboard", "正在统计…"))
        QTimer.singleShot(0, self._load_all)

    def _load_all(self) -> None:
        if not self.model.complete:
            self.model.load_all()
        if self.model.board is not None:
            self._summarise(self.model.board)

    def _summarise(self, board) -> None:
        if board is None:  # no branch enrolled yet: nothing to count
            self.summary.setText(tr("dashboard", "还没有登记支部。在「导入与登记」中登记支部并导入数据包后，这里按月汇总。"))
            return
        branches = len({r.branch_id for r in board.rows})
        behind = sum(1 for r in board.rows if r.behind)
        self.summary.setText(tr("dashboard", "截至 {0}：{1} 个支部，{2} 行，其中有缺项或整改逾期的 {3} 行。").format(
            board.as_of.isoformat(), branches, len(board.rows), behind))

    # -- exporting -------------------------------------------------------------
    def export(self, suffix: str, path: str | None = None):
        """Write what is shown (filters and order as on screen) in a worker."""
        board = self.model.board
        if board is None:
            return None
        if path is None:
            kinds = tr("dashboard", "Excel 工作簿 (*.xlsx)") if suffix == ".xlsx" else tr("dashboard", "PDF 文件 (*.pdf)")
            path = ask_export_path(self, self.archive, tr("dashboard", "导出汇总表"),
                                   export_names.dashboard(board.year) + suffix, kinds)
            if not path:
                return None
            if not path.lower().endswith(suffix):
                path += suffix
        self.last_export, self.last_error = None, None
        upper = self.upper

        def work(progress):
            progress(0, 0, tr("dashboard", "正在写出汇总表…"))
            return upper.export_dashboard(board, path)

        return run_in_background(self, tr("dashboard", "正在导出…"), work, self._exported, self._failed,
                                 db=self.archive.db)

    def preview(self) -> bool:
        """「预览 / 打印」 the 汇总表 as shown (filters and order as on screen)."""
        board = self.model.board
        if board is None:
            return False
        upper = self.upper
        name = export_names.dashboard(board.year)

        def write(path, report):
            report(0, 0, tr("dashboard", "正在写出汇总表…"))
            return upper.export_dashboard(board, path)

        return self.previews.open(name, name + ".pdf", write, db=self.archive.db)

    def _exported(self, path) -> None:
        self.last_export = path
        tell_exported(self, tr("dashboard", "导出完成"), tr("dashboard", "汇总表已导出：\n{0}").format(path), Path(path))

    def _failed(self, error: BaseException) -> None:
        self.last_error = error
        show_error(self, error, tr("dashboard", "导出失败"))
