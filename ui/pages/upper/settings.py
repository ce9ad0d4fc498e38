"""设置 of an upper-level archive: the organisation it belongs to (fixed when the
archive was made), the app password and where the archive lives."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...text import tr
from ...toolkit import styles
from ...toolkit.fitting import ElidedLabel, WrappedLabel
from ..security import SecurityBox


class UpperSettingsPage(QWidget):
    def __init__(self, archive, window=None):
        super().__init__()
        self.archive = archive
        self.org_name = WrappedLabel()  # up to 200 characters: wrapped, never widening the window
        self.org_name.setObjectName("upper_org_name")
        self.org_code = ElidedLabel()  # digits do not wrap: a 50-digit code is cut, whole in its tip
        self.location = QLabel()
        self.location.setWordWrap(True)
        box = QGroupBox(tr("settings", "上级汇总档案库"))
        form = QFormLayout(box)
        form.addRow(tr("settings", "党组织名称"), self.org_name)
        form.addRow(tr("settings", "组织代码"), self.org_code)
        form.addRow(tr("settings", "档案库位置"), self.location)
        note = QLabel(tr("settings", "档案库类型在建立时选定，之后不能更改。本档案库只登记各支部公钥、导入各支部的数据包并汇总查看；"
                                     "在 PostgreSQL 上可供同一办公室的几台电脑同时使用。"))
        note.setWordWrap(True)
        note.setStyleSheet(styles.HINT_TEXT)
        form.addRow(note)
        left = QVBoxLayout()
        left.addWidget(box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(SecurityBox(archive))
        right.addStretch(1)
        columns = QHBoxLayout(self)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        self.refresh()

    def refresh(self) -> None:
        org = self.archive.upper.organisation()
        self.org_name.setText(org["name"])
        self.org_code.setText(org["code"] or tr("settings", "（未填）"))
        self.location.setText(str(self.archive.location))


