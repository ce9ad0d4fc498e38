"""What the user enters for a 表彰 or a 处分, what the domain hands back, and the checks
that need no database (docs/domain.md §17)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import labels
from ..dates import date_problem
from ..errors import ErrorCollector
from ..text import LINE_MAX, NAME_MAX, TEXT_MAX, bounded, clean_line, clean_text

COVERED = "（处分事实属敏感内容，已隐去）"


@dataclass
class CommendationForm:
    member_id: int | None = None
    kind: str = "excellent_member"
    title: str = ""  # '' for the two named kinds: their label is the title
    granted_by: str = ""
    granted_on: dt.date | None = None
    doc_no: str = ""
    note: str = ""


@dataclass
class DisciplineForm:
    member_id: int | None = None
    kind: str = "warning"
    probation_years: int | None = None  # 留党察看 only: 1 or 2
    decided_by: str = ""
    decided_on: dt.date | None = None
    doc_no: str = ""
    facts: str = ""


@dataclass(frozen=True)
class CommendationRecord:
    id: int
    member_id: int
    member_name: str
    kind: str
    title: str
    granted_by: str
    granted_on: dt.date
    doc_no: str
    note: str

    @property
    def kind_label(self) -> str:
        return labels.label(labels.COMMENDATION_KINDS, self.kind)

    def form(self) -> CommendationForm:
        title = self.title if self.kind == "other" else ""
        return CommendationForm(self.member_id, self.kind, title, self.granted_by, self.granted_on, self.doc_no,
                                self.note)


@dataclass(frozen=True)
class DisciplineRecord:
    id: int
    member_id: int
    member_name: str
    kind: str
    probation_years: int | None
    decided_by: str
    decided_on: dt.date
    doc_no: str
    facts: str
    status_before: str

    @property
    def kind_label(self) -> str:
        text = labels.label(labels.DISCIPLINE_KINDS, self.kind)
        if self.kind == "probation" and self.probation_years:
            return f"{text}{labels.PROBATION_YEARS.get(self.probation_years, '')}"
        return text

    @property
    def is_party_discipline(self) -> bool:
        """A 党纪处分 (警告 … 开除党籍), not a 组织处理 (批评教育, 诫勉)."""
        return self.kind in labels.PARTY_DISCIPLINE

    @property
    def probation_ends(self) -> dt.date | None:
        """The day a 留党察看 period is over (None for other kinds)."""
        if self.kind != "probation" or not self.probation_years:
            return None
        day = self.decided_on
        try:
            return day.replace(year=day.year + self.probation_years)
        except ValueError:  # 29 February
            return day.replace(year=day.year + self.probation_years, day=28)

    def on_probation(self, day: dt.date) -> bool:
        ends = self.probation_ends
        return ends is not None and self.decided_on <= day < ends

    def facts_shown(self, revealed: bool) -> str:
        return self.facts if revealed else (COVERED if self.facts else "")

    def form(self) -> DisciplineForm:
        return DisciplineForm(self.member_id, self.kind, self.probation_years, self.decided_by, self.decided_on,
                              self.doc_no, self.facts)


def _date(errors: ErrorCollector, field: str, label: str, day: dt.date | None, today: dt.date) -> None:
    if day is None:
        errors.add(field, "required", f"请填写「{label}」。")
        return
    problem = date_problem(label, day, today=today)
    if problem:
        errors.add(field, *problem)


def check_commendation(form: CommendationForm, today: dt.date) -> dict:
    errors = ErrorCollector()
    if form.member_id is None:
        errors.add("member_id", "required", "请选择受表彰的党员。")
    if form.kind not in labels.COMMENDATION_KINDS:
        errors.add("kind", "choice", "请选择表彰类别：" + "、".join(labels.COMMENDATION_KINDS.values()) + "。")
    title = errors.check(bounded, "title", "表彰名称", clean_line(form.title), LINE_MAX)
    if form.kind == "other" and not title:
        errors.add("title", "required", "表彰类别选了「其他表彰」，请填写「表彰名称」，例如：抗洪抢险先进个人。")
    granted_by = errors.check(bounded, "granted_by", "授予机关", clean_line(form.granted_by), LINE_MAX, True)
    _date(errors, "granted_on", "表彰日期", form.granted_on, today)
    doc_no = errors.check(bounded, "doc_no", "文号", clean_line(form.doc_no), NAME_MAX)
    note = errors.check(bounded, "note", "备注", clean_text(form.note), TEXT_MAX)
    errors.raise_if_any()
    if form.kind != "other":
        title = labels.COMMENDATION_KINDS[form.kind]
    return {"member": form.member_id, "kind": form.kind, "title": title, "granted_by": granted_by,
            "granted_on": form.granted_on, "doc_no": doc_no, "note": note}


def check_discipline(form: DisciplineForm, today: dt.date) -> dict:
    errors = ErrorCollector()
    if form.member_id is None:
        errors.add("member_id", "required", "请选择党员。")
    if form.kind not in labels.DISCIPLINE_KINDS:
        errors.add("kind", "choice", "请选择处分种类：" + "、".join(labels.DISCIPLINE_KINDS.values()) + "。")
    years = form.probation_years if form.kind == "probation" else None
    if form.kind == "probation" and years not in labels.PROBATION_YEARS:
        errors.add("probation_years", "choice", "留党察看的期限为一年或二年（纪律处分条例第八条），请选择。")
    decided_by = errors.check(bounded, "decided_by", "决定机关", clean_line(form.decided_by), LINE_MAX, True)
    _date(errors, "decided_on", "决定日期", form.decided_on, today)
    doc_no = errors.check(bounded, "doc_no", "文号", clean_line(form.doc_no), NAME_MAX)
    facts = errors.check(bounded, "facts", "主要事实", clean_text(form.facts), TEXT_MAX)
    errors.raise_if_any()
    return {"member": form.member_id, "kind": form.kind, "probation_years": years, "decided_by": decided_by,
            "decided_on": form.decided_on, "doc_no": doc_no, "facts": facts}
