"""谈心谈话: the year's talk log and the coverage matrix — who has not yet talked with
whom (支委之间, 支委与党员, 党员之间); the gaps are listed above, before the meeting."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from branchdesk import labels

from ...text import tr
from ...toolkit import styles
from ...toolkit.actions import button, delete_selected, exec_dialog
from ...toolkit.models.ids_model import Col, IdsModel
from ...toolkit.tables import read_only_table, selected_id
from .dialogs import TalkDialog

CELL = 26


class CoverageModel(QAbstractTableModel):
    """People × people: ✓ where two have talked this year; required committee pairs
    still missing are tinted, and people still missing a required talk are red."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.coverage = None
        self._missing_people: set[int] = set()
        self._missing_pairs: set[frozenset] = set()

    def set_coverage(self, coverage) -> None:
        self.beginResetModel()
        self.coverage = coverage
        self._missing_people = {p.member_id for p in coverage.missing_committee_member + coverage.missing_member_member}
        self._missing_pairs = {frozenset((a.member_id, b.member_id)) for a, b in coverage.missing_committee_pairs}
        self.endResetModel()

    def person(self, n: int):
        return self.coverage.people[n]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.coverage is None else len(self.coverage.people)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return self.rowCount(parent)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if self.coverage is None or not 0 <= section < len(self.coverage.people):
            return None
        person = self.coverage.people[section]
        if role == Qt.ItemDataRole.DisplayRole:
            name = person.name + ("★" if person.committee else "")
            return "\n".join(name) if orientation == Qt.Orientation.Horizontal else name
        if role == Qt.ItemDataRole.ForegroundRole and person.member_id in self._missing_people:
            return styles.ERROR_COLOUR
        if role == Qt.ItemDataRole.ToolTipRole:
            return person.post_label or tr("life", "党员")
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.coverage is None:
            return None
        a, b = self.person(index.row()), self.person(index.column())
        count = self.coverage.count(a.member_id, b.member_id)
        if role == Qt.ItemDataRole.DisplayRole:
            if a is b:
                return "—"
            return ("✓" if count == 1 else f"{count}") if count else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if a is b:
                return styles.ROW_QUIET
            if count:
                return styles.ROW_DONE
            return styles.ROW_WARN if frozenset((a.member_id, b.member_id)) in self._missing_pairs else None
        if role == Qt.ItemDataRole.ToolTipRole and a is not b:
            kind = labels.TALK_PAIR_KINDS[self.coverage.kind_of(a, b)]
            state = tr("life", "已谈 {0} 次").format(count) if count else tr("life", "本年度尚未谈话（双击登记）")
            return f"{a.name} — {b.name}（{kind}）：{state}"
        return None


class TalksTab(QWidget):
    def __init__(self, page):
        super().__init__()
        self.page = page
        self.summary = QLabel()
        self.summary.setObjectName("talk_summary")
        self.rule = QComboBox()
        self.rule.setObjectName("talk_rule")
        for key, text in labels.TALK_RULES.items():
            self.rule.addItem(text, key)
        self.rule.activated.connect(self.set_rule)
        self.gaps = QLabel()
        self.gaps.setObjectName("talk_gaps")
        self.gaps.setWordWrap(True)
        self.gaps.setStyleSheet(styles.ERROR_TEXT)
        columns = [
            Col("日期", lambda t: t.talked_on.isoformat(), 90),
            Col("谈话人", lambda t: t.talker_name, 70),
            Col("谈话对象", lambda t: t.partner_name, 70),
            Col("地点", lambda t: t.place, 70),
            Col("谈话内容", lambda t: t.content, 200),
        ]
        self.log_model = IdsModel(columns, "life", self)
        self.log = read_only_table(self.log_model, "talk_table", stretch=4)
        self.log.doubleClicked.connect(lambda _: self.edit())
        self.add_button = button(tr("life", "登记谈话…"), self.add, "add_talk")
        self.edit_button = button(tr("life", "修改…"), self.edit)
        self.delete_button = button(tr("life", "删除"), self.delete)
        self.matrix_model = CoverageModel(self)
        self.matrix = QTableView()
        self.matrix.setObjectName("coverage_matrix")
        self.matrix.setModel(self.matrix_model)
        self.matrix.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matrix.horizontalHeader().setDefaultSectionSize(CELL)
        self.matrix.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.matrix.verticalHeader().setDefaultSectionSize(CELL)
        self.matrix.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.matrix.doubleClicked.connect(self.talk_for_cell)

        head = QHBoxLayout()
        self.summary.setWordWrap(True)
        head.addWidget(self.summary, 1)
        head.addWidget(QLabel(tr("life", "支委与党员：")))
        head.addWidget(self.rule)
        log_box = QWidget()
        log_layout = QVBoxLayout(log_box)
        log_layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        for widget in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        log_layout.addLayout(buttons)
        log_layout.addWidget(self.log, 1)
        matrix_box = QWidget()
        matrix_layout = QVBoxLayout(matrix_box)
        matrix_layout.setContentsMargins(0, 0, 0, 0)
        legend = QLabel(tr("life", "覆盖情况（★ 支委；✓ 已谈；红色：支委之间未谈或党员尚缺谈话；双击空格登记）"))
        legend.setWordWrap(True)
        matrix_layout.addWidget(legend)
        matrix_layout.addWidget(self.matrix, 1)
        splitter = QSplitter()
        splitter.addWidget(log_box)
        splitter.addWidget(matrix_box)
        splitter.setSizes([420, 520])
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.gaps)
        layout.addWidget(splitter, 1)

    def load(self) -> None:
        archive, year = self.page.archive, self.page.year
        coverage = archive.talks.coverage(year)
        self.rule.setCurrentIndex(max(self.rule.findData(coverage.rule), 0))
        state = tr("life", "已全覆盖") if coverage.complete else tr("life", "还有 {0} 处未覆盖").format(coverage.gaps)
        self.summary.setText(tr("life", "{0} 年（{1} 至 {2}）谈心谈话 {3} 次，覆盖 {4}/{5}，{6}。").format(
            year, coverage.start.isoformat(), coverage.end.isoformat(), coverage.talks, coverage.met,
            coverage.required, state))
        self.gaps.setText("\n".join(coverage.gap_sentences(limit=12)))
        self.gaps.setVisible(not coverage.complete)
        self.matrix_model.set_coverage(coverage)
        talks = archive.talks
        self.log_model.set_ids(talks.query_ids(year=year), talks.records)
        writable = not archive.read_only
        for widget in (self.add_button, self.edit_button, self.delete_button, self.rule):
            widget.setEnabled(writable)

    def set_rule(self) -> None:
        if self.page.run(self.page.archive.talks.set_rule, self.rule.currentData()):
            self.load()

    def add(self, pair=None) -> int | None:
        return self._after(TalkDialog(self.page.archive, pair=pair, parent=self))

    def edit(self) -> int | None:
        talk_id = selected_id(self.log)
        if talk_id is None or self.page.archive.read_only:
            return None
        return self._after(TalkDialog(self.page.archive, talk_id, parent=self))

    def talk_for_cell(self, index) -> int | None:
        a, b = self.matrix_model.person(index.row()), self.matrix_model.person(index.column())
        if a is b or self.page.archive.read_only:
            return None
        return self.add((a, b))

    def _after(self, dialog) -> int | None:
        return exec_dialog(dialog, self._changed, self.log)

    def _changed(self) -> None:
        self.load()
        self.page.changed()

    def delete(self) -> None:
        delete_selected(self.page, self.log, tr("life", "确定删除这次谈话记录吗？"), self.page.archive.talks.delete,
                        self._changed)
