"""导入与登记: enrol a branch's public-key card, then import its bundles — one or many
files, a password asked only for an encrypted one, verified and imported in a worker
with progress and cancel, and a result per file: imported, 已导入，未作更改, or refused
with the reader's own message. Sequence gaps are said in words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from branchdesk.errors import BranchDeskError

from ...errors import message_for, show_error
from ...text import tr
from ...toolkit import styles
from ...toolkit.models.plain_table import PlainTableModel, TextColumn
from ...workers import Cancelled, run_in_background
from .enrol_dialog import EnrolDialog

OUTCOME_TEXT = {"imported": "已导入", "unchanged": "已导入，未作更改", "refused": "拒绝导入", "skipped": "未导入"}
OUTCOME_TINT = {"imported": styles.GOOD_TINT, "refused": styles.BAD_TINT, "skipped": styles.CAUTION_TINT}


@dataclass(frozen=True)
class FileOutcome:
    path: Path
    outcome: str  # imported / unchanged / refused / skipped
    message: str
    branch_name: str = ""
    sequence: int | None = None
    gap: int = 0
    code: str = ""  # the refusal's code (unknown_key, tampered …)


def _sequence_in_name(path: Path) -> int:
    found = re.search(r"seq(\d+)", path.name)
    return int(found.group(1)) if found else 0


def import_order(paths) -> list[Path]:
    """A branch's bundles must go in order: by the sequence in the (ASCII) file name."""
    return sorted((Path(p) for p in paths), key=lambda p: (_sequence_in_name(p), p.name))


def is_encrypted(path: Path) -> bool:
    from branchdesk.bundle.encryption import MAGIC
    from branchdesk.bundle.encryption import is_encrypted as starts_encrypted

    try:
        with open(path, "rb") as handle:
            return starts_encrypted(handle.read(len(MAGIC)))
    except OSError:
        return False  # the import names the unreadable file


def results_model(parent=None) -> PlainTableModel:
    model = PlainTableModel([
        TextColumn("文件", lambda r: r.path.name),
        TextColumn("支部", lambda r: r.branch_name),
        TextColumn("序号", lambda r: "" if r.sequence is None else f"第 {r.sequence} 号", True),
        TextColumn("结果", lambda r: OUTCOME_TEXT[r.outcome], True),
        TextColumn("缺号", lambda r: tr("intake", "缺 {0} 个").format(r.gap) if r.gap else "", True),
        TextColumn("说明", lambda r: r.message),
    ], "intake", parent)
    model.tint = lambda r, column: (styles.CAUTION_TINT if column == 4 and r.gap else OUTCOME_TINT.get(r.outcome)
                                    if column == 3 else None)
    model.tooltip = lambda r: r.message
    return model


def branches_model(parent=None) -> PlainTableModel:
    model = PlainTableModel([
        TextColumn("支部", lambda b: b.name),
        TextColumn("代码", lambda b: b.code),
        TextColumn("公钥指纹", lambda b: b.fingerprint),
        TextColumn("已导入", lambda b: tr("intake", "{0} 个").format(b.bundles), True),
        TextColumn("最新序号", lambda b: "" if b.last_sequence is None else f"第 {b.last_sequence} 号", True),
        TextColumn("最近导入", lambda b: b.last_imported_at[:16] or tr("intake", "尚未导入")),
        TextColumn("缺号", lambda b: tr("intake", "共缺 {0} 个").format(b.gaps) if b.has_gap else "", True),
    ], "intake", parent)
    model.tint = lambda b, column: styles.CAUTION_TINT if column == 6 and b.has_gap else None
    return model


def _table(model, name: str, stretch: int) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class IntakePage(QWidget):
    def __init__(self, archive, window=None):
        super().__init__()
        self.archive = archive
        self.upper = archive.upper
        self.job = None
        self.last_results: list[FileOutcome] = []
        self.enrol_button = QPushButton(tr("intake", "登记公钥卡片…"))
        self.enrol_button.setObjectName("enrol_card")
        self.enrol_button.clicked.connect(lambda: self.enrol())
        self.import_button = QPushButton(tr("intake", "导入数据包…"))
        self.import_button.setObjectName("import_bundles")
        self.import_button.clicked.connect(lambda: self.import_files())
        how = QLabel(tr("intake", "先登记每个支部的公钥卡片（指纹要与支部的纸质材料核对），再导入它的数据包（.bdx）。"
                                  "导入前逐项核验签名、序号和每个文件；有问题的数据包不会改动档案库。"))
        how.setWordWrap(True)
        # An import is protected by what it replaced, not by a copy of the archive (docs/domain.md §6.4.1).
        self.undo_button = QPushButton(tr("intake", "撤销所选支部最近一次导入…"))
        self.undo_button.setObjectName("undo_import")
        self.undo_button.setToolTip(tr("intake", "把选中支部的记录恢复到它最近一次导入之前"))
        self.undo_button.clicked.connect(lambda: self.undo_last_import())
        top = QHBoxLayout()
        top.addWidget(self.enrol_button)
        top.addWidget(self.import_button)
        top.addWidget(self.undo_button)
        top.addStretch(1)

        self.summary = QLabel()
        self.summary.setObjectName("import_summary")
        self.summary.setWordWrap(True)
        self.summary.setText(tr("intake", "还没有导入。点「导入数据包…」选择一个或多个 .bdx 文件（可一次选多个）。"))
        self.results = results_model(self)
        self.results_view = _table(self.results, "import_results", 5)
        # The message is the point (the reader's reason for a refusal): wrapped, never cut off.
        self.results_view.setWordWrap(True)
        self.results_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        results_box = QGroupBox(tr("intake", "本次导入结果"))
        results_layout = QVBoxLayout(results_box)
        results_layout.addWidget(self.summary)
        results_layout.addWidget(self.results_view)

        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("intake", "查找支部"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda: self.refresh())
        self.branches = branches_model(self)
        self.branches_view = _table(self.branches, "enrolled_branches", 2)
        branches_box = QGroupBox(tr("intake", "已登记的支部"))
        branches_layout = QVBoxLayout(branches_box)
        branches_layout.addWidget(self.search)
        branches_layout.addWidget(self.branches_view)

        layout = QVBoxLayout(self)
        layout.addWidget(how)
        layout.addLayout(top)
        layout.addWidget(results_box, 2)
        layout.addWidget(branches_box, 3)
        self.refresh()

    def refresh(self) -> None:
        self.branches.set_items(self.upper.branches(self.search.text()))
        writable = not self.archive.read_only
        self.enrol_button.setEnabled(writable)
        self.import_button.setEnabled(writable and (self.job is None))
        self.undo_button.setEnabled(writable and (self.job is None))

    # -- enrolment ---------------------------------------------------------------
    def enrol(self, card_path: str | None = None):
        """Show the card, take the fingerprint from paper; returns the EnrolResult or None."""
        if card_path is None:
            card_path, _ = QFileDialog.getOpenFileName(self, tr("intake", "选择支部公钥卡片"), str(Path.home()),
                                                       tr("intake", "公钥卡片 (*.txt);;所有文件 (*)"))
            if not card_path:
                return None
        try:
            dialog = EnrolDialog(self.upper, card_path, self)
        except BranchDeskError as error:
            show_error(self, error, tr("intake", "不能登记这张公钥卡片"))
            return None
        if dialog.exec() != EnrolDialog.DialogCode.Accepted:
            return None
        result = dialog.result_
        self.refresh()
        QMessageBox.information(self, tr("intake", "登记公钥"), result.message)
        return result

    def undo_last_import(self) -> str | None:
        """Ask, then undo the selected branch's latest import; returns the message shown."""
        title = tr("intake", "撤销导入")
        rows = self.branches_view.selectionModel().selectedRows()
        if not rows:
            QMessageBox.information(self, title, tr("intake", "请先在「已登记的支部」中选中一个支部。"))
            return None
        branch = self.branches.item(rows[0].row())
        if branch.last_sequence is None:
            QMessageBox.information(self, title, tr("intake", "「{0}」还没有导入过数据包。").format(branch.name))
            return None
        question = tr("intake", "撤销「{0}」最近一次导入的数据包（第 {1} 号）？该支部的记录将恢复到这次导入之前；"
                                "数据包仍留在导入记录中，标为已撤销。").format(branch.name, branch.last_sequence)
        if QMessageBox.question(self, title, question) != QMessageBox.StandardButton.Yes:
            return None
        try:
            message = self.upper.undo_last_import(branch.id)
        except BranchDeskError as error:
            show_error(self, error, tr("intake", "不能撤销这次导入"))
            return None
        self.refresh()
        QMessageBox.information(self, title, message)
        return message

    # -- import ------------------------------------------------------------------
    def ask_password(self, path: Path) -> str | None:
        """The password of one encrypted file; None skips that file."""
        dialog = QInputDialog(self)
        dialog.setWindowTitle(tr("intake", "数据包已加密"))
        dialog.setLabelText(tr("intake", "{0} 已加密。\n请输入支部另行告知的密码：").format(path.name))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.setOkButtonText(tr("intake", "用此密码导入"))
        dialog.setCancelButtonText(tr("intake", "跳过这个文件"))
        ok = dialog.exec() == QInputDialog.DialogCode.Accepted
        text = dialog.textValue()
        dialog.deleteLater()
        return text if ok and text else None

    def import_files(self, paths=None):
        """Import ``paths`` (asked if None) in a worker; returns the job or None."""
        if paths is None:
            paths, _ = QFileDialog.getOpenFileNames(self, tr("intake", "选择数据包"), str(Path.home()),
                                                    tr("intake", "BranchDesk 数据包 (*.bdx);;所有文件 (*)"))
        if not paths:
            return None
        planned: list[tuple[Path, str | None]] = []
        skipped: list[FileOutcome] = []
        for path in import_order(paths):
            password = None
            if is_encrypted(path):
                password = self.ask_password(path)
                if password is None:
                    skipped.append(FileOutcome(path, "skipped", tr("intake", "数据包已加密，没有输入密码，未导入。")))
                    continue
            planned.append((path, password))
        upper = self.upper

        def work(progress):
            return import_all(upper, planned, progress)

        if not planned:  # every file skipped (no password given): nothing to run
            self._imported(skipped)
            return None
        self.import_button.setEnabled(False)
        self.undo_button.setEnabled(False)
        self.summary.setText(tr("intake", "正在导入 {0} 个数据包…").format(len(planned)))
        self.job = run_in_background(self, tr("intake", "正在核验并导入数据包…"), work,
                                     lambda results: self._imported(results + skipped),
                                     lambda error: self._failed(error, skipped), db=self.archive.db,
                                     on_finished=self._job_ended)
        return self.job

    def _job_ended(self) -> None:
        self.job = None
        self.refresh()

    def _imported(self, results: list[FileOutcome]) -> None:
        self.last_results = results
        self.results.set_items(results)
        counts = {key: sum(1 for r in results if r.outcome == key) for key in OUTCOME_TEXT}
        text = tr("intake", "共 {0} 个文件：已导入 {1} 个，未作更改 {2} 个，拒绝 {3} 个，未导入 {4} 个。").format(
            len(results), counts["imported"], counts["unchanged"], counts["refused"], counts["skipped"])
        gaps = [r for r in results if r.gap]
        if gaps:
            text += tr("intake", " 注意：{0} 的数据包序号不连续，请联系支部补报缺少的数据包。").format(
                "、".join(sorted({r.branch_name for r in gaps})))
        self.summary.setText(text)

    def _failed(self, error: BaseException, skipped: list[FileOutcome]) -> None:
        self._imported(skipped)
        show_error(self, error, tr("intake", "导入中断"))


def import_all(upper, planned: list[tuple[Path, str | None]], progress) -> list[FileOutcome]:
    """Import each file in turn (each is its own transaction); a refusal is noted and
    the next file goes on. Cancel stops before the next step: what was imported stays,
    the file under way is left as it was, the rest are listed as not imported."""
    from branchdesk.upper.importer import STEPS

    results: list[FileOutcome] = []
    total = max(len(planned) * STEPS, 1)
    for number, (path, password) in enumerate(planned):
        def step(done: int, _total: int, text: str, base: int = number * STEPS, name: str = path.name) -> None:
            progress(base + done, total, f"{name}：{text}")

        try:
            result = upper.import_bundle(path, password=password, progress=step)
        except Cancelled:
            results += [FileOutcome(p, "skipped", tr("intake", "已取消，未导入。")) for p, _ in planned[number:]]
            break
        except (BranchDeskError, OSError) as refused:  # BundleRefused and its kin: the reader's own message
            results.append(FileOutcome(path, "refused", message_for(refused), code=getattr(refused, "code", "")))
            continue
        text = result.message + "".join(f" 注意：{w}" for w in result.warnings)
        results.append(FileOutcome(path, result.outcome, text, result.branch_name, result.sequence, result.gap))
    return results

