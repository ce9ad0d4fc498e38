"""从 Excel 导入指标库: the file is read and checked in a worker, then every row is shown
with what is wrong with it; nothing is imported until the whole file is clean, and then
every row in one transaction (after a backup), also in a worker."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

from branchdesk.targets import measure_labels, tenths_text

from ...errors import message_for, show_error
from ...text import tr
from ...toolkit import styles
from ...toolkit.models.ids_model import Col, IdsModel
from ...toolkit.tables import read_only_table
from ...workers import run_in_background


@dataclass(frozen=True)
class _Shown:
    """A preview row as the list shows it (``id``: its place in the preview — a 一级 cell
    and its first 二级 share a spreadsheet line; ``line``: that line's number)."""

    id: int
    line: int
    level: int
    code: str
    name: str
    points: str
    measure: str
    verdict: str
    bad: bool


def _shown(index: int, row, labels: dict[str, str]) -> _Shown:
    form = row.form
    verdict = " ".join(row.problems) if row.problems else tr("targets", "可以导入")
    return _Shown(index, row.row_number, form.level, form.code, form.name,
                  tenths_text(form.points_x10) if form.points_x10 is not None else "",
                  labels.get(form.measure, form.measure), verdict, bool(row.problems))


class LibraryImportDialog(QDialog):
    """The preview of ``checked`` (a LibraryPreview) for ``year``; 导入 is enabled only
    when every row is clean. ``imported_id``: the library's id once imported."""

    def __init__(self, archive, checked, year: int, parent=None):
        super().__init__(parent)
        self.archive, self.checked, self.year = archive, checked, year
        self.imported_id: int | None = None
        self.last_error: BaseException | None = None
        self.setWindowTitle(tr("targets", "从 Excel 导入指标库 — 预览"))
        self.resize(960, 580)
        labels = measure_labels()
        rows = [_shown(n, r, labels) for n, r in enumerate(checked.rows)]
        firsts = sum(1 for r in rows if r.level == 1)
        bad = len(checked.bad_rows)
        lines = [tr("targets", "文件 {0}：一级指标 {1} 项、二级指标 {2} 项，合计 {3} 分；{4} 行有问题。").format(
            checked.path.name, firsts, len(rows) - firsts, tenths_text(checked.total_points_x10), bad)]
        if checked.title:
            lines.append(tr("targets", "表头上方的标题：{0}").format(checked.title))
        if checked.ignored_headers:
            lines.append(tr("targets", "未使用的列：{0}。").format("、".join(checked.ignored_headers)))
        lines += [f"• {note}" for note in checked.notes]
        lines += [f"• {p}" for p in checked.problems]
        # the same checks as the import itself (a year locked meanwhile, a read-only archive …)
        self.refusal = self._refusal() if checked.can_import else ""
        existing = archive.targets.library.get_or_none(year)
        if existing is not None and not self.refusal:
            lines.append(tr("targets", "导入后将替换 {0} 年度指标库「{1}」的全部指标（编号相同的指标保留原有的目标计划）。").format(
                year, existing.name))
        if not checked.can_import:
            lines.append(tr("targets", "请在原文件中改正标红的行后重新导入；在全部正确之前不会导入任何指标。"))
        if self.refusal:
            lines.append(tr("targets", "不能导入：{0}").format(self.refusal))
        self.summary = QLabel("\n".join(lines))
        self.summary.setObjectName("import_summary")
        self.summary.setWordWrap(True)
        self.model = IdsModel([
            Col("行号", lambda r: str(r.line), 44),
            Col("级别", lambda r: tr("targets", "一级") if r.level == 1 else tr("targets", "二级"), 44),
            Col("编号", lambda r: r.code, 50),
            Col("指标名称", lambda r: r.name, 230),
            Col("分值", lambda r: r.points, 44),
            Col("自动计量", lambda r: r.measure, 100),
            Col("检查结果", lambda r: r.verdict, 300),
        ], "targets", self)
        self.model.tint = lambda r: styles.ROW_WARN if r.bad else None
        self.model.set_items(rows)
        self.table = read_only_table(self.model, "import_rows", stretch=6)
        self.table.verticalHeader().hide()  # the spreadsheet's own row numbers are the first column
        # every reason in full, row by row (the table cuts long ones)
        self.problems = QPlainTextEdit("\n".join(
            tr("targets", "第 {0} 行（{1}）：{2}").format(r.row_number, r.form.name or "—", problem)
            for r in checked.bad_rows for problem in r.problems))
        self.problems.setObjectName("import_problems")
        self.problems.setReadOnly(True)
        self.problems.setFixedHeight(110)
        self.problems.setVisible(bool(checked.bad_rows))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(tr("targets", "导入为 {0} 年度指标库（{1} 项）").format(year, len(rows)))
        self.import_button.setEnabled(checked.can_import and not self.refusal)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("targets", "取消"))
        buttons.accepted.connect(self.do_import)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)

    def _refusal(self) -> str:
        from branchdesk.errors import BranchDeskError
        from branchdesk.targets import library_xlsx

        try:
            library_xlsx.check(self.archive, self.checked, self.year)
        except BranchDeskError as error:
            return message_for(error)
        return ""

    def do_import(self) -> None:
        from branchdesk.targets import library_xlsx

        self.import_button.setEnabled(False)

        def done(library_id) -> None:
            self.imported_id = library_id
            self.accept()

        def failed(error) -> None:
            self.last_error = error
            self.import_button.setEnabled(self.checked.can_import)
            show_error(self, error, tr("targets", "导入失败，没有导入任何指标"))

        self.job = run_in_background(
            self, tr("targets", "正在导入…"),
            lambda progress: library_xlsx.apply(self.archive, self.checked, self.year),
            done, failed, db=self.archive.db, cancellable=False,
        )


def read_library_file(parent, path: str, on_preview) -> object:
    """Read and check ``path`` in a worker; ``on_preview(preview)`` gets the result."""
    from branchdesk.targets import library_xlsx

    return run_in_background(
        parent, tr("targets", "正在检查指标库文件…"), lambda progress: library_xlsx.preview(path), on_preview,
        lambda error: show_error(parent, error, tr("targets", "无法读取指标库文件")),
    )
