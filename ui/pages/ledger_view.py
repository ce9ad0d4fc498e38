"""整改台账 (the page ui/pages/ledger.py shows it): every item of the chosen year (or all), filtered and sorted in SQL, overdue
ones in red; progress notes, evidence (records and files), 公示 and 销号 for the one
selected; the 公示 PDF and the full spreadsheet."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from branchdesk import clock, export_names, labels
from branchdesk.errors import BranchDeskError

from ..errors import show_error
from ..text import tr
from ..toolkit import styles
from ..toolkit.actions import ask_text, button
from ..toolkit.exporting import ask_export_path
from ..toolkit.fitting import FlowLayout, SearchBox
from ..toolkit.models.ids_model import Col, IdsModel
from ..toolkit.tables import read_only_table, select_id, selected_id
from .life.item_dialog import CloseDialog, EvidenceDialog, ItemDialog, ProgressDialog

STATES = {"": "全部状态", "pending": "未完成", "open": "整改中", "overdue": "逾期", "closed": "已销号"}
SEARCH_DELAY_MS = 150


class LedgerView(QWidget):
    def __init__(self, page):
        super().__init__()
        self.page = page
        self.year = QComboBox()
        self.year.setObjectName("ledger_year")
        self.state = QComboBox()
        self.state.setObjectName("ledger_state")
        for key, text in STATES.items():
            self.state.addItem(tr("life", text), key)
        self.source = QComboBox()
        self.source.addItem(tr("life", "全部来源"), "")
        for key, text in labels.RECTIFICATION_SOURCES.items():
            self.source.addItem(text, key)
        self.search = SearchBox()
        self.search.setPlaceholderText(tr("life", "查找：问题、措施或责任人"))
        self.search.setClearButtonEnabled(True)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.load_items)
        self.search.textChanged.connect(self._timer.start)
        for box in (self.year, self.state, self.source):
            box.currentIndexChanged.connect(self.load_items)
        self.sort_key, self.descending = "number", False
        today = clock.today
        self.model = IdsModel([
            Col("编号", lambda i: i.code, 64),
            Col("来源", lambda i: i.source_label, 70),
            Col("问题", lambda i: i.problem, 230),
            Col("整改措施", lambda i: i.measure, 200),
            Col("责任人", lambda i: i.owner_name, 60),
            Col("完成时限", lambda i: i.deadline.isoformat(), 88),
            Col("完成情况", lambda i: i.status_text(today()), 150),
            Col("公示", lambda i: "是" if i.public else "", 36),
        ], "life", self)
        self.model.sort_keys = ["number", "source", None, None, "owner", "deadline", "closed_on", None]
        self.model.on_sort = self.sort_by
        self.model.tint = lambda i: styles.ROW_WARN if i.is_overdue(today()) else (styles.ROW_DONE if i.closed_on else None)
        self.table = read_only_table(self.model, "ledger_table", stretch=2)
        self.table.selectionModel().selectionChanged.connect(self.show_detail)
        self.table.doubleClicked.connect(lambda _: self.edit())
        self.detail = QTextBrowser()
        self.detail.setObjectName("ledger_detail")
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(self.open_evidence)
        self.count = QLabel()
        self.count.setObjectName("ledger_count")
        self.buttons = {
            "add": button(tr("life", "新增…"), self.add, "add_item"),
            "edit": button(tr("life", "修改…"), self.edit),
            "progress": button(tr("life", "登记进展…"), self.progress, "item_progress"),
            "evidence": button(tr("life", "添加佐证…"), self.evidence, "item_evidence"),
            "close": button(tr("life", "销号…"), self.close_item, "close_item"),
            "reopen": button(tr("life", "取消销号…"), self.reopen),
            "public": button(tr("life", "公示/取消公示"), self.toggle_public),
            "delete": button(tr("life", "删除"), self.delete),
        }
        self.preview_pdf = button(tr("life", "预览 / 打印公示…"), lambda: self.page.exports.preview_ledger(), "ledger_preview")
        self.export_pdf = button(tr("life", "导出公示 PDF…"), lambda: self.page.exports.ledger("pdf"), "ledger_pdf")
        self.export_xlsx = button(tr("life", "导出 Excel 台账…"), lambda: self.page.exports.ledger("xlsx"), "ledger_xlsx")

        # the filters on one row, the buttons below them continuing on as many lines as the
        # window needs: on a 1024-pixel screen the three export buttons once pushed the
        # page past the window's right edge (the 公示 column off screen)
        filters = QHBoxLayout()
        for widget in (self.year, self.state, self.source):
            filters.addWidget(widget)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.count)
        actions = FlowLayout()
        for widget in (*self.buttons.values(), self.preview_pdf, self.export_pdf, self.export_xlsx):
            actions.addWidget(widget)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setSizes([420, 160])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # sorts at once (by 编号): everything above must exist

    def load(self) -> None:
        current = self.year.currentData() if self.year.count() else self.page.year
        years = sorted(set(self.page.archive.rectification.years()) | {self.page.year}, reverse=True)
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem(tr("life", "全部年度"), None)
        for year in years:
            self.year.addItem(tr("life", "{0} 年度").format(year), year)
        self.year.setCurrentIndex(max(self.year.findData(current), 0))
        self.year.blockSignals(False)
        self.load_items()

    def set_year(self, year: int | None) -> None:
        self.year.setCurrentIndex(max(self.year.findData(year), 0))

    def sort_by(self, key: str, descending: bool) -> None:
        self.sort_key, self.descending = key, descending
        self.load_items()

    def load_items(self) -> None:
        ledger = self.page.archive.rectification
        keep = selected_id(self.table)
        ids = ledger.query_ids(year=self.year.currentData(), state=self.state.currentData() or None,
                               source=self.source.currentData() or None, text=self.search.text(),
                               sort=self.sort_key, descending=self.descending)
        self.model.set_ids(ids, ledger.summaries)
        overdue = len(ledger.query_ids(year=self.year.currentData(), state="overdue"))
        self.count.setText(tr("life", "共 {0} 项，逾期 {1} 项").format(len(ids), overdue))
        if keep is not None:
            select_id(self.table, keep)
        self.show_detail()
        writable = not self.page.archive.read_only
        for widget in self.buttons.values():
            widget.setEnabled(writable)

    def hideEvent(self, event) -> None:
        self._timer.stop()
        super().hideEvent(event)

    def show_detail(self, *args) -> None:
        item_id = selected_id(self.table)
        if item_id is None:
            self.detail.setHtml(tr("life", "<p>选择一项整改事项，在这里查看它的来源、进展和佐证。</p>"))
            return
        d = self.page.archive.rectification.detail(item_id)
        i = d.item
        e = html.escape
        parts = [f"<h3>{e(i.code)} {e(i.status_text(clock.today()))}</h3>"]
        if d.source_text:
            parts.append(f"<p><b>{tr('life', '来源')}：</b>{e(d.source_text)}</p>")
        parts.append(f"<p><b>{tr('life', '问题')}：</b>{e(i.problem)}</p>")
        if i.cause:
            parts.append(f"<p><b>{tr('life', '原因')}：</b>{e(i.cause)}</p>")
        parts.append(f"<p><b>{tr('life', '措施')}：</b>{e(i.measure)}</p>")
        parts.append(f"<p><b>{tr('life', '责任人')}：</b>{e(i.owner_name)}（{e(i.scope_label)}）　"
                     f"<b>{tr('life', '时限')}：</b>{i.deadline.isoformat()}</p>")
        if d.progress:
            parts.append(f"<p><b>{tr('life', '整改进展')}：</b></p><ul>"
                         + "".join(f"<li>{n.noted_on.isoformat()} {e(n.text)}</li>" for n in d.progress) + "</ul>")
        if d.evidence:
            parts.append(f"<p><b>{tr('life', '佐证')}：</b></p><ul>" + "".join(
                f"<li><a href='evidence:{v.id}'>{e(v.text)}</a></li>" if v.kind == "file" else f"<li>{e(v.text)}</li>"
                for v in d.evidence) + "</ul>")
        if i.closed_on:
            parts.append(f"<p><b>{tr('life', '销号')}：</b>{i.closed_on.isoformat()} {e(i.closing_note)}</p>")
        self.detail.setHtml("".join(parts))

    # -- actions ---------------------------------------------------------------
    def _dialog(self, dialog) -> int | None:
        if dialog.exec() and dialog.saved_id is not None:
            self.load()
            self.page.changed()
            return dialog.saved_id
        return None

    def _selected(self) -> int | None:
        item_id = selected_id(self.table)
        if item_id is None:
            QMessageBox.information(self, tr("life", "整改台账"), tr("life", "请先在列表中选择一项整改事项。"))
        return item_id

    def add(self) -> int | None:
        from branchdesk.life import ItemForm

        prefill = ItemForm(self.year.currentData() or self.page.year, created_on=clock.today())
        saved = self._dialog(ItemDialog(self.page.archive, prefill=prefill, parent=self))
        if saved is not None:
            select_id(self.table, saved)
        return saved

    def edit(self) -> int | None:
        item_id = self._selected()
        return None if item_id is None else self._dialog(ItemDialog(self.page.archive, item_id, parent=self))

    def progress(self) -> int | None:
        item_id = self._selected()
        return None if item_id is None else self._dialog(ProgressDialog(self.page.archive, item_id, self))

    def evidence(self) -> int | None:
        item_id = self._selected()
        return None if item_id is None else self._dialog(EvidenceDialog(self.page.archive, item_id, self))

    def close_item(self) -> int | None:
        item_id = self._selected()
        return None if item_id is None else self._dialog(CloseDialog(self.page.archive, item_id, self))

    def reopen(self) -> bool:
        item_id = self._selected()
        reason = item_id and ask_text(self, tr("life", "取消销号"), tr("life", "原因（记入整改进展和操作日志）："))
        if reason and self.page.run(self.page.archive.rectification.reopen, item_id, reason):
            self.load()
            return True
        return False

    def toggle_public(self) -> None:
        item_id = self._selected()
        if item_id is not None:
            public = not self.page.archive.rectification.summary(item_id).public
            if self.page.run(self.page.archive.rectification.set_public, item_id, public):
                self.load()

    def delete(self) -> None:
        item_id = self._selected()
        if item_id is None:
            return
        if QMessageBox.question(self, tr("life", "删除整改事项"), tr("life", "只有录入错误的事项才删除。确定删除吗？")) == \
                QMessageBox.StandardButton.Yes and self.page.run(self.page.archive.rectification.delete, item_id):
            self.load()

    def open_evidence(self, url: QUrl) -> None:
        evidence_id = int(url.toString().removeprefix("evidence:"))
        try:
            path = self.page.archive.rectification.evidence_file(evidence_id)
        except BranchDeskError as error:
            show_error(self, error)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def ask_path(self, suffix: str) -> str:
        name = export_names.rectification(self.year.currentData(), suffix != "xlsx") + f".{suffix}"
        filters = tr("life", "Excel 文件 (*.xlsx)") if suffix == "xlsx" else tr("life", "PDF 文件 (*.pdf)")
        return ask_export_path(self, self.page.archive, tr("life", "导出整改台账"), name, filters) or ""
