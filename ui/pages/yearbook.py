"""年度档案 (a tab of the 档案 page): choose a year and the retention period, export the
yearly archive PDF in a worker (progress after 0.5 s, 取消), then say where it went,
with a button that opens the folder; or 「预览 / 打印」 it (ui/toolkit/paper_preview.py).

The archive holds criticism and self-examination texts, so the export (and the preview) passes the same
check as the 组织生活会 record export (``confirm_sensitive``) before anything is read."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from branchdesk import clock, export_names
from branchdesk.errors import BranchDeskError
from branchdesk.yearbook import RETENTION_CHOICES, branch_key_fingerprint, retention, set_retention

from ..access import confirm_sensitive
from ..errors import show_error
from ..text import tr
from ..toolkit import styles
from ..toolkit.exporting import ask_export_path, font_note, open_folder
from ..toolkit.paper_preview import PaperPreviews
from ..workers import run_in_background

EXPLANATION = (
    "年度档案把一年的全部记录装订成一个 PDF：封面（支部、年度、保管期限、页数、档案指纹）、目录和书签，"
    "然后按类别收录三会一课和主题党日、组织生活会、民主评议党员、整改台账和目标管理的每一份记录，"
    "最后是附件清单及其 SHA-256 校验值。页码「— N —」全文连续，字体嵌入文件。"
)
SENSITIVE = "年度档案收录批评与自我批评、对照检查等敏感内容；设置了应用密码时，导出前需要再次输入。"


class YearbookTab(QWidget):
    def __init__(self, archive, window=None):
        super().__init__()
        self.archive = archive
        self.session = getattr(window, "session", None) or archive.access.session()
        self.last_result = None
        self.last_error: BaseException | None = None
        self.job = None

        explanation = QLabel(tr("yearbook", EXPLANATION))
        explanation.setWordWrap(True)
        note = QLabel(tr("yearbook", SENSITIVE))
        note.setWordWrap(True)
        note.setStyleSheet(styles.WARNING_TEXT)
        self.year = QComboBox()
        self.year.setObjectName("yearbook_year")
        self.retention = QComboBox()
        self.retention.setObjectName("yearbook_retention")
        for choice in RETENTION_CHOICES:
            self.retention.addItem(tr("yearbook", choice), choice)
        self.retention.activated.connect(self.save_retention)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for box in (self.year, self.retention):
            box.setMinimumWidth(160)
        form.addRow(tr("yearbook", "年度"), self.year)
        form.addRow(tr("yearbook", "保管期限"), self.retention)

        self.export_button = QPushButton(tr("yearbook", "导出年度档案 PDF…"))
        self.export_button.setObjectName("yearbook_export")
        self.export_button.clicked.connect(lambda: self.export())
        self.preview_button = QPushButton(tr("yearbook", "预览 / 打印…"))
        self.preview_button.setObjectName("yearbook_preview")
        self.preview_button.clicked.connect(lambda: self.preview())
        self.previews = PaperPreviews(self)
        self.result = QLabel()
        self.result.setObjectName("yearbook_result")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_folder = QPushButton(tr("yearbook", "打开所在文件夹"))
        self.open_folder.setObjectName("yearbook_open_folder")
        self.open_folder.clicked.connect(self.show_folder)
        self.open_folder.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.open_folder)
        folder_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addLayout(folder_row)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        """Years that have records (the last complete one chosen first) and the setting."""
        a = self.archive
        this_year = clock.today().year
        years = set(a.meetings.years()) | set(a.life.years()) | set(a.appraisal.years()) | set(a.rectification.years())
        years = sorted((y for y in years if y <= this_year), reverse=True) or [this_year]
        chosen = self.year.currentData()
        self.year.clear()
        for year in years:
            self.year.addItem(tr("yearbook", "{0} 年度").format(year), year)
        default = chosen if chosen in years else (this_year - 1 if this_year - 1 in years else years[0])
        self.year.setCurrentIndex(years.index(default))
        self.retention.setCurrentIndex(RETENTION_CHOICES.index(retention(a)))
        self.retention.setEnabled(not a.read_only)

    def save_retention(self) -> None:
        try:
            set_retention(self.archive, self.retention.currentData())
        except BranchDeskError as error:
            show_error(self, error)
            self.retention.setCurrentIndex(RETENTION_CHOICES.index(retention(self.archive)))

    # -- exporting and previewing ----------------------------------------------
    def _writer(self, year: int):
        """``write(path, report)``: the year's archive, at the retention chosen now."""
        archive, chosen = self.archive, self.retention.currentData()

        def write(path, report):
            from branchdesk.yearbook import write_year_archive

            return write_year_archive(archive, year, path, progress=report, retention=chosen,
                                      key_fingerprint=branch_key_fingerprint(archive))

        return write

    def preview(self) -> bool:
        """「预览 / 打印」 the chosen year's archive (after the same check as an export)."""
        year = self.year.currentData()
        if not confirm_sensitive(self, self.session):
            return False
        name = export_names.yearbook(year)
        return self.previews.open(name, name + ".pdf", self._writer(year), db=self.archive.db)

    def export(self, path: str | None = None) -> bool:
        """Ask first (sensitive texts), then for the file, then write it in a worker."""
        year = self.year.currentData()
        if not confirm_sensitive(self, self.session):
            return False
        path = path or ask_export_path(self, self.archive, tr("yearbook", "导出年度档案"),
                                       export_names.yearbook(year) + ".pdf", tr("yearbook", "PDF 文件 (*.pdf)"))
        if not path:
            return False
        write = self._writer(year)
        self.last_result, self.last_error = None, None
        self.export_button.setEnabled(False)
        self.result.setText(tr("yearbook", "正在导出 {0} 年度档案…").format(year))
        self.open_folder.hide()
        self.job = run_in_background(self, tr("yearbook", "正在导出年度档案…"), lambda report: write(path, report),
                                     self._done, self._failed, db=self.archive.db)
        self.job.signals.finished.connect(self._finished)
        return True

    def _finished(self) -> None:
        self.export_button.setEnabled(True)
        if self.last_result is None and self.last_error is None:  # 取消 was pressed
            self.result.setText(tr("yearbook", "已取消，没有写入文件。"))

    def _done(self, result) -> None:
        self.last_result = result
        text = tr("yearbook", "已导出 {0} 页，附件 {1} 件，文件在：\n{2}").format(result.pages, result.attachments, result.path)
        if result.substitutions:
            text += "\n" + tr("yearbook", "说明：{0} 用备用字体印出。").format("、".join(result.substitutions))
        if result.retention_note:
            text += "\n" + tr("yearbook", "说明：") + result.retention_note
        self.result.setText(text + font_note(result))
        self.open_folder.show()

    def _failed(self, error: BaseException) -> None:
        self.last_error = error
        self.result.setText(tr("yearbook", "没有导出。"))
        show_error(self, error, tr("yearbook", "导出失败"))

    def show_folder(self) -> None:
        if self.last_result is not None:
            open_folder(Path(self.last_result.path))
