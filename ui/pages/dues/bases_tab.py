"""党费基数: each member's category and monthly base for a year in one table, with the
calculator's words for the selected row. Rows changed are stored from the month chosen
(usually January), all or none; a change during the year is a new base from a later month."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from branchdesk import clock, labels
from branchdesk.dues import BaseForm, parse_yuan, yuan
from branchdesk.dues import months as mo
from branchdesk.dues.rates import BANDS
from branchdesk.errors import ValidationError

from ...text import tr
from ...toolkit import styles
from ...toolkit.actions import button
from ...toolkit.fitting import WrappedLabel
from ...toolkit.form_state import TrackedForm
from ...toolkit.forms import DateField, error_label
from ...toolkit.models.rows_model import Column, RowsModel
from ...toolkit.tables import editable_table, selected_row
from .grid_tab import GridTab, named_rows

KEYS = ("category", "base", "voluntary")


class BasesTab(GridTab):
    nothing_to_save = "没有改动的基数：请先在表中选择类别、填写月基数。"

    def __init__(self, page):
        super().__init__()
        self.page = page
        self.archive = page.archive
        self.year_box = QSpinBox()
        self.year_box.setObjectName("dues_bases_year")
        self.year_box.setRange(2000, clock.today().year + 1)
        self.year = clock.today().year
        self.year_box.setValue(self.year)
        self.year_box.valueChanged.connect(self._year_chosen)
        self.model = RowsModel([
            Column("name", "姓名", width=80, display=lambda r: r["name"]),
            Column("category", "类别", kind="choice", choices=labels.DUES_CATEGORIES_SHORT, width=80),
            Column("base", "月基数（元）", width=100, editable=lambda r: r["category"] in BANDS),
            Column("voluntary", "自愿每月（元）", width=100),
            Column("usual", "每月交纳", width=80, display=self._usual_text),
            Column("from", "起算月份", width=80, display=lambda r: r["from"]),
        ], "dues", self)
        self.model.row_tint = lambda r: None if r["category"] else styles.ROW_WARN
        self.table = editable_table(self.model, "dues_bases_table", stretch=5)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.explain())
        self.model.edited.connect(self.explain)
        self.calculator = WrappedLabel()
        self.calculator.setObjectName("dues_calculator")
        self.from_box = QComboBox()
        self.from_box.setObjectName("dues_bases_from")
        self.set_by = QLineEdit()
        self.set_by.setObjectName("dues_set_by")
        self.set_on = DateField("set_on", "核定日期")
        self.error = error_label("dues_bases_error")
        self.save_button = button(tr("dues", "保存基数"), self.save, "dues_save_bases")
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("dues", "年度")))
        top.addWidget(self.year_box)
        top.addWidget(QLabel(tr("dues", "类别为空的党员尚未核定基数；选类别、填月基数后保存。")), 1)
        fields = QHBoxLayout()
        fields.addWidget(QLabel(tr("dues", "自")))
        fields.addWidget(self.from_box)
        fields.addWidget(QLabel(tr("dues", "起执行　核定人")))
        fields.addWidget(self.set_by)
        fields.addWidget(QLabel(tr("dues", "核定日期")))
        fields.addWidget(self.set_on)
        fields.addWidget(self.save_button)
        fields.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.calculator)
        layout.addWidget(self.error)
        layout.addLayout(fields)
        self.tracked = TrackedForm(self, exclude=[self.year_box])
        self.load()

    def _usual_text(self, row: dict) -> str:
        calc = self._calculation(row)
        return yuan(calc.usual_fen) if calc is not None else ""

    def _calculation(self, row: dict):
        try:
            return self.archive.dues.calculate(row["category"], _fen(row["base"]), _fen(row["voluntary"]))
        except ValidationError:
            return None

    def load(self) -> None:
        bases = self.archive.dues.bases_for_year(self.year)
        members = self.archive.members.in_roster_order(self.archive.members.all_active())
        self.model.set_rows([{
            "member_id": m.id, "name": m.name,
            "category": bases[m.id].category if m.id in bases else "",
            "base": yuan(bases[m.id].base_fen, grouped=False) if m.id in bases and bases[m.id].base_fen else "",
            "voluntary": yuan(bases[m.id].voluntary_fen, grouped=False)
            if m.id in bases and bases[m.id].voluntary_fen else "",
            "from": mo.label(bases[m.id].from_month) if m.id in bases else "",
        } for m in members])
        self.from_box.clear()
        months = mo.span(dt.date(self.year, 1, 1), dt.date(self.year, 12, 1))
        for month in months:
            self.from_box.addItem(mo.label(month), mo.key(month))  # data as text: Qt keeps no Python date
        # a closed month keeps its bases: offer the first month still open
        first_open = next((m for m in months if not self.archive.dues.is_closed(m)), months[-1])
        self.from_box.setCurrentIndex(self.from_box.findData(mo.key(first_open)))
        self.set_by.setText(self.archive.dues.collector_name())
        self.set_on.set_date(clock.today())
        self.error.hide()
        self.calculator.setText(tr("dues", "选中一行，这里说明按哪一档、怎样算出每月交纳的金额。"))
        self.loaded_rows = self.model.rows()
        self.tracked.loaded()

    def _year_chosen(self, year: int) -> None:
        from ...toolkit.unsaved import ask_before_leaving

        if year == self.year:
            return
        if not ask_before_leaving(self, [self]):
            self.year_box.blockSignals(True)
            self.year_box.setValue(self.year)
            self.year_box.blockSignals(False)
            return
        self.year = year
        self.load()

    def explain(self) -> None:
        row = selected_row(self.table)
        if row < 0:
            return
        values = self.model.row(row)
        if not values["category"]:
            self.calculator.setText(tr("dues", "{0}：请先选择类别。").format(values["name"]))
            return
        try:
            calc = self.archive.dues.calculate(values["category"], _fen(values["base"]), _fen(values["voluntary"]))
        except ValidationError as error:
            self.calculator.setText(f"{values['name']}：{error.detail}")
            return
        self.calculator.setText(f"{values['name']}：{calc.words}")

    def forms(self) -> list[BaseForm]:
        """The rows changed since loading, as bases from the chosen month."""
        changed = [row for row, before in zip(self.model.rows(), self.loaded_rows)
                   if row["category"] and any(row[k] != before[k] for k in KEYS)]
        month = mo.from_key(self.from_box.currentData())

        def form(row: dict) -> BaseForm:
            base = _fen(row["base"], tr("dues", "月基数")) if row["category"] in BANDS else None
            return BaseForm(row["member_id"], month, row["category"], base,
                            _fen(row["voluntary"], tr("dues", "自愿每月金额")), self.set_on.date(), self.set_by.text())
        return named_rows(changed, form)

    def store(self, forms: list[BaseForm]) -> str:
        self.archive.dues.set_bases(forms)
        return tr("dues", "已保存 {0} 名党员的党费基数。").format(len(forms))

    # -- unsaved typing --------------------------------------------------------------

    def unsaved_description(self) -> str:
        return tr("dues", "{0}年党费基数").format(self.year)



def _fen(text: str, what: str = "金额") -> int | None:
    """Blank is no amount; otherwise fen, or a ValidationError naming ``what``."""
    return parse_yuan(text, what) if str(text or "").strip() else None
