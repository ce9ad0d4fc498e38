"""支部档案: a read-only browser of what each branch sent — branch → year → category →
record → its fields and child tables. ID numbers stay masked unless asked; criticism
and self-examination texts wait for the app password like on the branch's own side;
the branch's yearly archive PDF opens when the bundle carried one."""

from __future__ import annotations

import html

from PySide6.QtCore import QItemSelectionModel, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from branchdesk.upper.model import Category

from ...access import confirm_sensitive
from ...text import tr
from ...toolkit import styles
from ...toolkit.fitting import SearchBox
from ...toolkit.models.plain_table import PlainListModel, PlainTableModel, TextColumn

ROSTER = [("member", "党员名册"), ("group", "党小组")]
KEEP = object()  # choose(): leave this level as it is (None is the roster's "year")


def _list_view(model, name: str) -> QListView:
    view = QListView()
    view.setObjectName(name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setUniformItemSizes(True)
    return view


def _branch_tip(branch) -> str:
    code = tr("browser", "\n组织代码 {0}").format(branch.code) if branch.code else ""
    gap = tr("browser", "\n序号不连续：共缺 {0} 个数据包").format(branch.gaps) if branch.has_gap else ""
    return f"{branch.name}{code}{gap}"


class BrowserPage(QWidget):
    def __init__(self, archive, window=None):
        super().__init__()
        self.archive = archive
        self.upper = archive.upper
        self.window_ = window
        self.session = getattr(window, "session", None) or archive.access.session()
        self.current_record = None
        self.search = SearchBox()
        self.search.setObjectName("browser_search")
        self.search.setPlaceholderText(tr("browser", "查找支部"))
        self.search.setClearButtonEnabled(True)
        self.branch_model = PlainListModel(lambda b: b.name + (" ⚠" if b.has_gap else ""), self, _branch_tip)
        self.branches = _list_view(self.branch_model, "browser_branches")
        self.year_model = PlainListModel(lambda y: tr("browser", "{0}年").format(y) if y else tr("browser", "名册"), self)
        self.years = _list_view(self.year_model, "browser_years")
        self.category_model = PlainListModel(lambda c: f"{c.label}（{c.count}）", self)
        self.categories = _list_view(self.category_model, "browser_categories")
        self.record_model = PlainTableModel([
            TextColumn("日期", lambda r: r.date),
            TextColumn("标题", lambda r: r.title),
            TextColumn("状态", lambda r: r.state_label),
        ], "browser", self)
        self.records = QTableView()
        self.records.setObjectName("browser_records")
        self.records.setModel(self.record_model)
        self.records.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.records.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.records.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.records.verticalHeader().hide()
        self.records.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.records.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.records.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.records.setColumnWidth(0, self.fontMetrics().horizontalAdvance("2026-12-31") + 10)
        self.records.setColumnWidth(2, self.fontMetrics().horizontalAdvance("正式党员") + 14)
        self.record_model.tooltip = lambda r: f"{r.date}  {r.title}\n{r.state_label}"
        self.detail = QTextBrowser()
        self.detail.setObjectName("browser_detail")
        self.show_ids = QCheckBox(tr("browser", "显示完整身份证号"))
        self.show_ids.toggled.connect(lambda: self.show_record(self.current_record))
        self.reveal = QPushButton(tr("browser", "显示敏感内容（验证密码）"))
        self.reveal.setObjectName("reveal_sensitive")
        self.reveal.clicked.connect(self.reveal_sensitive)
        self.reveal.hide()
        self.open_pdf = QPushButton(tr("browser", "打开年度档案 PDF"))
        self.open_pdf.setObjectName("open_year_pdf")
        self.open_pdf.clicked.connect(self.open_year_pdf)
        self.branch_facts = QLabel()
        self.branch_facts.setObjectName("browser_branch_facts")
        self.branch_facts.setWordWrap(True)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.branches, 3)
        left_layout.addWidget(QLabel(tr("browser", "年度")))
        left_layout.addWidget(self.years, 1)
        left_layout.addWidget(QLabel(tr("browser", "类别")))
        left_layout.addWidget(self.categories, 3)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        tools = QHBoxLayout()
        tools.addWidget(self.show_ids)
        tools.addStretch(1)
        tools.addWidget(self.reveal)
        tools.addWidget(self.open_pdf)
        right_layout.addWidget(self.branch_facts)
        right_layout.addLayout(tools)
        right_layout.addWidget(self.detail, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.records)
        splitter.addWidget(right)
        splitter.setSizes([170, 340, 420])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("browser", "各支部上报的记录（只读）。选择支部、年度和类别，再选一条记录查看内容。")))
        layout.addWidget(splitter, 1)

        self.search.textChanged.connect(lambda: self.refresh())
        self.branches.selectionModel().currentChanged.connect(lambda *_: self._branch_chosen())
        self.years.selectionModel().currentChanged.connect(lambda *_: self._year_chosen())
        self.categories.selectionModel().currentChanged.connect(lambda *_: self._category_chosen())
        self.records.selectionModel().currentChanged.connect(lambda *_: self._record_chosen())
        self.refresh()

    # -- what is chosen --------------------------------------------------------
    @staticmethod
    def _chosen(view, model):
        index = view.currentIndex()
        return model.item(index.row()) if index.isValid() and index.row() < model.rowCount() else None

    def branch(self):
        return self._chosen(self.branches, self.branch_model)

    def year(self):
        return self._chosen(self.years, self.year_model)

    def category(self):
        return self._chosen(self.categories, self.category_model)

    @staticmethod
    def _select(view, row: int) -> None:
        model = view.model()
        if 0 <= row < model.rowCount():
            view.selectionModel().setCurrentIndex(model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                                  | QItemSelectionModel.SelectionFlag.Rows)

    def choose(self, branch_name=KEEP, year=KEEP, category=KEEP, record_title=KEEP) -> None:
        """Select by name (as a user would click); ``year=None`` is the roster (名册)."""
        for view, model, wanted, key in (
            (self.branches, self.branch_model, branch_name, lambda b: b.name),
            (self.years, self.year_model, year, lambda y: y),
            (self.categories, self.category_model, category, lambda c: c.key),
        ):
            if wanted is not KEEP:
                rows = [i for i, item in enumerate(model.items()) if key(item) == wanted]
                if rows:
                    self._select(view, rows[0])
        if record_title is not KEEP:
            rows = [i for i, r in enumerate(self.record_model.items()) if r.title == record_title]
            if rows:
                self._select(self.records, rows[0])

    # -- loading, level by level -------------------------------------------------
    def refresh(self) -> None:
        chosen = self.branch()
        self.branch_model.set_items(self.upper.branches(self.search.text()))
        rows = [i for i, b in enumerate(self.branch_model.items()) if chosen is not None and b.id == chosen.id]
        self._select(self.branches, rows[0] if rows else 0)
        if self.branch_model.rowCount() == 0:
            self._branch_chosen()

    def _branch_chosen(self) -> None:
        branch = self.branch()
        if branch is None:
            self.branch_facts.setText(tr("browser", "还没有已登记的支部。请先在「导入与登记」中登记公钥卡片并导入数据包。"))
            self.year_model.set_items([])
            self._year_chosen()
            return
        facts = tr("browser", "<b>{0}</b>　指纹 {1}　已导入 {2} 个数据包").format(
            html.escape(branch.name), branch.fingerprint, branch.bundles)
        if branch.last_imported_at:
            facts += tr("browser", "，最近 {0}（第 {1} 号）").format(branch.last_imported_at[:16], branch.last_sequence)
        if branch.has_gap:
            facts += f"<br><span style='color:{styles.ERROR_RED}'>" + tr(
                "browser", "序号不连续：共缺 {0} 个数据包，请向该支部核实。").format(branch.gaps) + "</span>"
        self.branch_facts.setText(facts)
        self.year_model.set_items(self.upper.years(branch.id) + [None])  # None: the roster, not bound to a year
        self._select(self.years, 0)
        self._year_chosen()

    def _year_chosen(self) -> None:
        branch, index = self.branch(), self.years.currentIndex()
        if branch is None or not index.isValid():
            self.category_model.set_items([])
        elif self.year() is None:
            self.category_model.set_items([Category(key, label, len(self.upper.records(branch.id, None, key)))
                                           for key, label in ROSTER])
        else:
            self.category_model.set_items(self.upper.categories(branch.id, self.year()))
        self._select(self.categories, 0)
        self._category_chosen()
        self.open_pdf.setEnabled(branch is not None and self.year() is not None
                                 and self.upper.year_pdf(branch.id, self.year()) is not None)

    def _category_chosen(self) -> None:
        branch, category = self.branch(), self.category()
        if branch is None or category is None:
            self.record_model.set_items([])
        else:
            year = None if category.key in dict(ROSTER) else self.year()
            self.record_model.set_items(self.upper.records(branch.id, year, category.key))
        self._select(self.records, 0)
        self._record_chosen()

    def _record_chosen(self) -> None:
        index = self.records.currentIndex()
        summary = self.record_model.item(index.row()) if index.isValid() else None
        self.show_record(summary.id if summary is not None else None)

    # -- the record --------------------------------------------------------------
    def show_record(self, record_id: int | None) -> None:
        self.current_record = record_id
        self.reveal.hide()
        if record_id is None:
            self.detail.setHtml(f"<p style='color:{styles.FAINT_GREY}'>{tr('browser', '没有记录。')}</p>")
            return
        view = self.upper.record(record_id, show_id_numbers=self.show_ids.isChecked())
        covered = self.session.sensitive_gate() and any(c.sensitive for c in view.children)
        self.reveal.setVisible(covered)
        self.detail.setHtml(record_html(view, sensitive_shown=not covered))

    def reveal_sensitive(self) -> bool:
        """Ask the app password (when set), then show the criticism texts of this record."""
        if not confirm_sensitive(self, self.session):
            return False
        self.show_record(self.current_record)
        return True

    def open_year_pdf(self) -> bool:
        branch, year = self.branch(), self.year()
        path = self.upper.year_pdf(branch.id, year) if branch is not None and year is not None else None
        if path is None:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def record_html(view, sensitive_shown: bool = True) -> str:
    esc = html.escape
    parts = [f"<h3>{esc(view.title)}</h3>",
             f"<table width='100%' cellspacing='0' cellpadding='4' border='1' style='border-color:{styles.TABLE_BORDER}'>"]
    for label, value in view.fields:
        if value:
            text = esc(value).replace("\n", "<br>")
            parts.append(f"<tr><td style='background:{styles.LABEL_BACKGROUND}' width='110'>{esc(label)}</td><td>{text}</td></tr>")
    parts.append("</table>")
    for child in view.children:
        parts.append(f"<h4>{esc(child.label)}（{len(child.rows)}）</h4>")
        if child.sensitive and not sensitive_shown:
            parts.append(f"<p style='color:{styles.NOTICE_BROWN}'>{esc(tr('browser', '敏感内容，验证应用密码后才显示。'))}</p>")
            continue
        parts.append(f"<table width='100%' cellspacing='0' cellpadding='3' border='1' style='border-color:{styles.TABLE_BORDER}'><tr>")
        parts += [f"<th style='background:{styles.LABEL_BACKGROUND}'>{esc(c)}</th>" for c in child.columns]
        parts.append("</tr>")
        for row in child.rows:
            parts.append("<tr>" + "".join(f"<td>{esc(v)}</td>" for v in row) + "</tr>")
        parts.append("</table>")
    return "".join(parts)
