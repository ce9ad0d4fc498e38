"""上报数据包 (a tab of 档案): write the next signed bundle for the higher organisation
to a folder or USB stick, optionally with a password, in a worker with progress and
cancel; then say what was written and where. Below, every bundle written so far.

The years proposed are those changed since the last bundle (every year for the first),
and a line says why (「2025年有改动；2024年自上次上报后未变」, docs/domain.md §6.3.1); the
user may tick any year. The comparison reads every year's records, so it runs when the
tab is first shown, not when the 档案 page is built."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from branchdesk import clock
from branchdesk.bundle import ledger
from branchdesk.errors import ErrorCollector, ValidationErrors

from ..errors import show_error
from ..text import tr
from ..toolkit import styles
from ..toolkit.forms import ErrorForm
from ..toolkit.models.plain_table import PlainTableModel, TextColumn
from ..workers import run_in_background
from .backups import size_text

YEAR_ROLE = Qt.ItemDataRole.UserRole


def exports_model(parent=None) -> PlainTableModel:
    columns = [
        TextColumn("序号", lambda r: f"第 {r.sequence} 号", True),
        TextColumn("年份", lambda r: str(r.year_from) if r.year_from == r.year_to else f"{r.year_from}–{r.year_to}", True),
        TextColumn("文件名", lambda r: r.file_name),
        TextColumn("加密", lambda r: "已加密" if r.encrypted else "未加密", True),
        TextColumn("导出时间", lambda r: str(r.created_at)[:16]),
        TextColumn("文件校验值（SHA-256 前 16 位）", lambda r: r.file_sha256[:16]),
    ]
    return PlainTableModel(columns, "bundles", parent)


class BundlesTab(QWidget):
    def __init__(self, archive, window=None):
        super().__init__()
        self.archive = archive
        self.last_written = None
        self.last_error: BaseException | None = None
        self.job = None
        intro = QLabel(tr("bundles", "数据包是交给上级党委的一个文件（.bdx），含所选年份的全部记录、年度档案 PDF 和附件，"
                                      "用本支部的签名密钥签名，上级导入前会逐项核验。写入 U 盘后会读回校验。"))
        intro.setWordWrap(True)

        self.changes = None  # what changed since the last bundle, once the tab is shown
        self._presetting = False  # the tab, not the user, is ticking years
        self._user_chose = False  # the user ticked or unticked something: keep their choice
        self.all_years = QCheckBox(tr("bundles", "全部年份"))
        self.all_years.setObjectName("bundle_all_years")
        self.all_years.setChecked(True)
        self.years = QListWidget()
        self.years.setObjectName("bundle_years")
        self.years.setFlow(QListWidget.Flow.LeftToRight)
        self.years.setWrapping(True)
        self.years.setFixedHeight(self.fontMetrics().height() * 2 + 14)
        self.all_years.toggled.connect(lambda on: self.years.setEnabled(not on))
        self.all_years.toggled.connect(lambda _on: self._note_user_choice())
        self.years.itemChanged.connect(lambda _item: self._note_user_choice())
        self.years.setEnabled(False)
        self.why = QLabel()
        self.why.setObjectName("bundle_years_why")
        self.why.setWordWrap(True)
        self.why.setStyleSheet(styles.HINT_TEXT)

        self.form = ErrorForm()
        years_box = QWidget()
        years_row = QVBoxLayout(years_box)
        years_row.setContentsMargins(0, 0, 0, 0)
        years_row.addWidget(self.all_years)
        years_row.addWidget(self.years)
        years_row.addWidget(self.why)
        self.form.add_row("years", tr("bundles", "年份"), years_box)
        self.password = self.form.add_row("password", tr("bundles", "密码（可不填）"), QLineEdit())
        self.password.setObjectName("bundle_password")
        self.password_again = self.form.add_row("password_again", tr("bundles", "再输一遍密码"), QLineEdit())
        self.password_again.setObjectName("bundle_password_again")
        for edit in (self.password, self.password_again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        note = QLabel(tr("bundles", "不填密码则不加密。加密后上级导入时要输入同一密码：请当面或电话告知，不要写在 U 盘上。"))
        note.setWordWrap(True)
        note.setStyleSheet(styles.HINT_TEXT)
        self.form.layout_.addRow("", note)
        self.folder = QLineEdit()
        self.folder.setObjectName("bundle_folder")
        self.folder.setPlaceholderText(tr("bundles", "插好 U 盘后点「选择…」"))
        choose = QPushButton(tr("bundles", "选择…"))
        choose.clicked.connect(self.choose_folder)
        folder_box = QWidget()
        folder_row = QHBoxLayout(folder_box)
        folder_row.setContentsMargins(0, 0, 0, 0)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose)
        self.form.add_row("folder", tr("bundles", "写到（U 盘或文件夹）"), folder_box)
        self.make_button = QPushButton(tr("bundles", "生成数据包"))
        self.make_button.setObjectName("make_bundle")
        self.make_button.clicked.connect(lambda: self.make_bundle())

        self.result = QLabel()
        self.result.setObjectName("bundle_result")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_folder = QPushButton(tr("bundles", "打开所在文件夹"))
        self.open_folder.setObjectName("open_bundle_folder")
        self.open_folder.clicked.connect(self.open_result_folder)
        self.open_folder.hide()
        result_row = QHBoxLayout()
        result_row.addWidget(self.result, 1)
        result_row.addWidget(self.open_folder, 0, Qt.AlignmentFlag.AlignTop)

        make_box = QGroupBox(tr("bundles", "生成新的数据包"))
        make_layout = QVBoxLayout(make_box)
        make_layout.addWidget(intro)
        make_layout.addWidget(self.form)
        make_layout.addWidget(self.make_button, 0, Qt.AlignmentFlag.AlignLeft)
        make_layout.addLayout(result_row)

        self.model = exports_model(self)
        self.table = QTableView()
        self.table.setObjectName("bundle_exports")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        list_box = QGroupBox(tr("bundles", "已生成的数据包"))
        list_layout = QVBoxLayout(list_box)
        list_layout.addWidget(self.table)

        layout = QVBoxLayout(self)
        layout.addWidget(make_box)
        layout.addWidget(list_box, 1)
        self.refresh_list()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.changes is None:
            self.refresh()

    # -- loading ---------------------------------------------------------------
    def available_years(self) -> list[int]:
        """Years that hold records, and this year: newest first."""
        archive = self.archive
        years = set(archive.meetings.years((clock.today().year,)))
        for manager in (archive.life, archive.appraisal, archive.rectification):
            years.update(manager.years())
        return sorted(years, reverse=True)

    def refresh(self) -> None:
        """Compare every year with the last bundle and propose the changed ones (unless
        the user has chosen meanwhile); list the bundles written."""
        from branchdesk.bundle.changes import year_changes

        self.changes = year_changes(self.archive)
        checked = set(self.chosen_years(loading=False) or [])
        keep = self._user_chose
        emptied = [s.year for s in self.changes.years if s.status == "emptied"]
        self._presetting = True
        try:
            self.years.clear()
            for year in sorted(set(self.available_years()) | set(emptied), reverse=True):
                item = QListWidgetItem(tr("bundles", "{0}年").format(year))
                item.setData(YEAR_ROLE, year)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if year in checked else Qt.CheckState.Unchecked)
                self.years.addItem(item)
            if not keep:
                self.set_years(self.changes.default_years())
        finally:
            self._presetting = False
        self._user_chose = keep
        self.why.setText(self.changes.why())
        self.refresh_list()

    def refresh_list(self) -> None:
        self.model.set_items(list(reversed(ledger.exports(self.archive.db))))
        self.make_button.setEnabled(not self.archive.read_only)

    def _note_user_choice(self) -> None:
        if not self._presetting:
            self._user_chose = True

    def chosen_years(self, loading: bool = True) -> list[int] | None:
        """None for every year, else the years ticked."""
        if loading and self.changes is None:
            self.refresh()
        if self.all_years.isChecked():
            return None
        return [self.years.item(i).data(YEAR_ROLE) for i in range(self.years.count())
                if self.years.item(i).checkState() == Qt.CheckState.Checked]

    def set_years(self, years: list[int] | None) -> None:
        if self.changes is None and not self._presetting:
            self.refresh()
        self.all_years.setChecked(years is None)
        for i in range(self.years.count()):
            item = self.years.item(i)
            item.setCheckState(Qt.CheckState.Checked if years and item.data(YEAR_ROLE) in years else Qt.CheckState.Unchecked)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("bundles", "选择 U 盘或文件夹"), self.folder.text() or str(Path.home()))
        if folder:
            self.folder.setText(folder)

    # -- writing ---------------------------------------------------------------
    def _checked_request(self) -> tuple[list[int] | None, str | None, Path]:
        errors = ErrorCollector()
        years = self.chosen_years()
        if years == []:
            errors.add("years", "required", tr("bundles", "请至少勾选一个年份，或勾选「全部年份」。"))
        password = self.password.text()
        if password != self.password_again.text():
            errors.add("password_again", "mismatch", tr("bundles", "两次输入的密码不一致，请重新输入两遍。"))
        folder = self.folder.text().strip()
        if not folder:
            errors.add("folder", "required", tr("bundles", "请选择数据包写到哪里（插好 U 盘后点「选择…」）。"))
        errors.raise_if_any()
        return years, (password or None), Path(folder)

    def make_bundle(self):
        """Check the form, then write in a worker; returns the job (None if the form is wrong)."""
        try:
            years, password, folder = self._checked_request()
        except ValidationErrors as errors:
            self.form.show_errors(errors.errors)
            return None
        self.form.clear_errors()
        self.last_written, self.last_error = None, None
        self.make_button.setEnabled(False)
        archive = self.archive

        def work(progress):
            from branchdesk.bundle.writer import write_bundle

            return write_bundle(archive, folder, years=years, password=password, progress=progress)

        self.job = run_in_background(self, tr("bundles", "正在生成数据包…"), work, self._written, self._failed,
                                     db=archive.db, on_finished=lambda: self.make_button.setEnabled(not archive.read_only))
        return self.job

    def _written(self, written) -> None:
        self.last_written = written
        self._user_chose = False  # the next bundle proposes what changed after this one
        self.password.clear()
        self.password_again.clear()
        lines = [
            tr("bundles", "已生成第 {0} 号数据包，已写入并读回校验无误。").format(written.sequence),
            tr("bundles", "文件名：{0}").format(written.path.name),
            tr("bundles", "大小：{0}{1}").format(size_text(written.size), tr("bundles", "，已加密") if written.encrypted else ""),
            tr("bundles", "写到：{0}").format(written.path.parent),
        ]
        lines += [tr("bundles", "注意：{0}").format(w) for w in written.warnings]
        self.result.setText("\n".join(lines))
        self.result.setStyleSheet("")
        self.open_folder.show()
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        self.last_error = error
        from ..errors import message_for

        self.result.setText(tr("bundles", "数据包没有生成：{0}").format(message_for(error)))
        self.result.setStyleSheet(styles.ERROR_TEXT)
        self.open_folder.hide()
        show_error(self, error, tr("bundles", "数据包没有生成"))

    def open_result_folder(self) -> None:
        if self.last_written is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_written.path.parent)))

