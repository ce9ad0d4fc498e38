"""「套用议题模板」 and 「存为模板…」 above the 议题 of the meeting editor: a template adds
its agenda items (and its theme, when the meeting has none); the meeting's own theme and
items can be kept as the branch's template for next time (docs/domain.md §2.6)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QMenu, QMessageBox, QPushButton, QWidget

from branchdesk import labels
from branchdesk.errors import BranchDeskError, ValidationErrors
from branchdesk.meetings import templates as topics

from ...errors import show_error
from ...text import tr


class TopicButtons(QWidget):
    """``editor``: the MeetingEditor whose kind, theme and agenda these read and fill."""

    def __init__(self, editor):
        super().__init__()
        self.editor = editor
        self.apply_button = QPushButton(tr("meetings", "套用议题模板"))
        self.apply_button.setObjectName("apply_template")
        self.menu = QMenu(self.apply_button)
        self.menu.aboutToShow.connect(self._fill_menu)
        self.apply_button.setMenu(self.menu)
        self.save_button = QPushButton(tr("meetings", "存为模板…"))
        self.save_button.setObjectName("save_template")
        self.save_button.setToolTip(tr("meetings", "把本次会议的主题和议题存为本支部的模板，下次新建同类会议时选用"))
        self.save_button.clicked.connect(lambda: self.save())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.apply_button)
        layout.addWidget(self.save_button)
        layout.addStretch(1)

    def _kind(self) -> str:
        return self.editor.basic.kind.currentData()

    def _fill_menu(self) -> None:
        self.menu.clear()
        found = topics.templates(self.editor.archive, self._kind())
        for template in found:
            action = self.menu.addAction(template.name, lambda t=template: self.apply(t))
            action.setToolTip("、".join(template.agenda))
        own = [t for t in found if not t.built_in]
        if own:
            remove = self.menu.addMenu(tr("meetings", "删除本支部的模板"))
            for template in own:
                remove.addAction(template.name, lambda t=template: self.delete(t))
        if not found:
            self.menu.addAction(tr("meetings", "（这类会议还没有模板）")).setEnabled(False)

    def apply(self, template: topics.TopicTemplate) -> None:
        agenda = self.editor.content.agenda
        have = {row["title"] for row in agenda.rows()}
        for item in template.agenda:
            if item not in have:
                agenda.append({"title": item, "summary": ""})
        theme = self.editor.basic.theme
        if template.theme and not theme.text().strip():
            theme.setText(template.theme)
            theme.textEdited.emit(template.theme)

    def save(self, name: str | None = None) -> bool:
        kind = self._kind()
        if name is None:
            name, ok = QInputDialog.getText(
                self, tr("meetings", "存为议题模板"),
                tr("meetings", "模板名称（同名的本支部模板会被替换）："), text=self.editor.basic.theme.text()[:40])
            if not ok:
                return False
        agenda = [row["title"] for row in self.editor.content.agenda.rows()]
        try:
            saved = topics.save_template(self.editor.archive, kind, name, self.editor.basic.theme.text(), agenda)
        except ValidationErrors as error:
            QMessageBox.warning(self, tr("meetings", "没有保存模板"), "\n".join(e.message() for e in error.errors))
            return False
        except BranchDeskError as error:
            show_error(self, error)
            return False
        QMessageBox.information(self, tr("meetings", "已保存模板"), tr("meetings", "已保存{0}模板「{1}」，共 {2} 项议题。")
                                .format(labels.label(labels.MEETING_KINDS, kind), saved.name, len(saved.agenda)))
        return True

    def delete(self, template: topics.TopicTemplate) -> None:
        answer = QMessageBox.question(self, tr("meetings", "删除模板"),
                                      tr("meetings", "删除本支部的模板「{0}」？已有的会议不受影响。").format(template.name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            topics.delete_template(self.editor.archive, template.kind, template.name)
        except BranchDeskError as error:
            show_error(self, error)

    def set_editable(self, editable: bool) -> None:
        self.apply_button.setEnabled(editable)
