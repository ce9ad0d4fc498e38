"""The 上报签名密钥 part of 设置: the branch key's fingerprint and the public-key card
the higher organisation enrols. The card may travel on a USB stick; the fingerprint
must reach the upper level another way (read out, or on stamped paper), so a card
swapped on the way is caught."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from branchdesk.errors import BranchDeskError

from ..errors import show_error
from ..text import tr
from ..toolkit import styles


class BranchKeyBox(QGroupBox):
    def __init__(self, archive, parent=None):
        super().__init__(tr("branch_key", "上报签名密钥（公钥指纹）"), parent)
        self.archive = archive
        self.last_card: Path | None = None
        self.fingerprint = QLabel()
        self.fingerprint.setObjectName("key_fingerprint")
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint.setWordWrap(True)
        self.fingerprint.setFont(styles.monospace_font())
        note = QLabel(tr(
            "branch_key",
            "公钥卡片可用 U 盘交给上级；指纹须另行送达（电话读给上级，或打印盖章后交上级），上级登记时逐组核对。",
        ))
        note.setWordWrap(True)
        note.setStyleSheet(styles.HINT_TEXT)
        self.export_button = QPushButton(tr("branch_key", "导出公钥卡片…"))
        self.export_button.setObjectName("export_key_card")
        self.export_button.clicked.connect(lambda: self.export_card())
        copy = QPushButton(tr("branch_key", "复制指纹"))
        copy.clicked.connect(lambda: QApplication.clipboard().setText(self._fingerprint_text()))
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(copy)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        layout.addWidget(self.fingerprint)
        layout.addWidget(note)
        layout.addLayout(buttons)
        self.refresh()

    def _fingerprint_text(self) -> str:
        identity = self.archive.branch_key.identity_or_none()
        return identity.fingerprint if identity else ""

    def refresh(self) -> None:
        text = self._fingerprint_text()
        self.fingerprint.setText(text or tr("branch_key", "尚未生成（导出公钥卡片或数据包时自动生成）"))
        self.export_button.setEnabled(not self.archive.read_only)

    def export_card(self, folder: str | None = None) -> Path | None:
        """Write the card (an ASCII-named text file) into ``folder`` (asked if None)."""
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self, tr("branch_key", "公钥卡片写到哪里（U 盘或文件夹）"), str(Path.home()))
            if not folder:
                return None
        try:
            path = self.archive.branch_key.export_public_key(folder)
        except BranchDeskError as error:
            show_error(self, error, tr("branch_key", "公钥卡片没有导出"))
            return None
        self.last_card = path
        self.refresh()
        QMessageBox.information(
            self, tr("branch_key", "公钥卡片已导出"),
            tr("branch_key", "公钥卡片已写到：\n{0}\n\n指纹：{1}\n\n请把这个指纹电话读给上级，或打印在纸上盖章后交给上级；"
                             "上级登记时逐组核对，不能只凭 U 盘上的文件。").format(path, self._fingerprint_text()),
        )
        return path
