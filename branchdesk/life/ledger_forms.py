"""The 整改台账 as plain data: the form of an item and what lists and papers read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .. import labels


def short_date(day: dt.date) -> str:
    """「2026.4.16」: a date as narrow table cells print it."""
    return f"{day.year}.{day.month}.{day.day}"


@dataclass
class ItemForm:
    """One rectification item. ``source_ref`` links it to what it came from: the uid of
    an opinion, problem or criticism entry of a 组织生活会, or of a problem found by a
    target inspection (issue 6). ``year`` is the cycle (or inspection) year it belongs to."""

    year: int
    problem: str = ""
    measure: str = ""
    owner_member_id: int | None = None
    owner_name: str = ""
    deadline: dt.date | None = None
    source: str = "opinion"
    source_ref: str = ""
    category: str = "style"
    scope: str = "branch"
    cause: str = ""
    public: bool = False
    created_on: dt.date | None = None


@dataclass(frozen=True)
class ProgressNote:
    id: int
    noted_on: dt.date
    text: str
    recorded_at: str


@dataclass(frozen=True)
class Evidence:
    """A record (meeting, 组织生活会, 民主评议 by id) or a file copied into the archive."""

    id: int
    kind: str
    record_id: int | None
    title: str
    original_name: str
    stored_path: str
    sha256: str
    size: int
    added_at: str

    @property
    def kind_label(self) -> str:
        return labels.label(labels.EVIDENCE_KINDS, self.kind)

    @property
    def text(self) -> str:
        return f"{self.kind_label}：{self.title}"


@dataclass(frozen=True)
class ItemSummary:
    """One row of the ledger."""

    id: int
    year: int
    number: int
    source: str
    source_ref: str
    category: str
    scope: str
    owner_member_id: int | None
    owner_name: str
    problem: str
    cause: str
    measure: str
    deadline: dt.date
    created_on: dt.date
    closed_on: dt.date | None
    closing_note: str
    public: bool
    progress_count: int = 0
    evidence_count: int = 0
    last_progress: str = ""

    @property
    def code(self) -> str:
        """「2024-03」: year and number, how the ledger names an item."""
        return f"{self.year}-{self.number:02d}"

    @property
    def source_label(self) -> str:
        return labels.label(labels.RECTIFICATION_SOURCES, self.source)

    @property
    def category_label(self) -> str:
        return labels.label(labels.ISSUE_CATEGORIES, self.category)

    @property
    def scope_label(self) -> str:
        return labels.label(labels.RECTIFICATION_SCOPES, self.scope)

    def is_overdue(self, today: dt.date) -> bool:
        return self.closed_on is None and self.deadline < today

    def state(self, today: dt.date) -> str:
        if self.closed_on is not None:
            return "closed"
        return "overdue" if self.is_overdue(today) else "open"

    def state_label(self, today: dt.date) -> str:
        return labels.label(labels.RECTIFICATION_STATES, self.state(today))

    def public_status(self, today: dt.date) -> str:
        """Short words for a narrow column, broken where they read best: 「2025年⏎4月28日⏎完成」,
        整改中, 逾期⏎未完成. Dates on paper always carry the year."""
        if self.closed_on is not None:
            day = self.closed_on
            return f"{day.year}年\n{day.month}月{day.day}日\n完成"
        return "逾期\n未完成" if self.is_overdue(today) else "整改中"

    def status_text(self, today: dt.date) -> str:
        """「已销号（2024-12-20）」, 「逾期 12 天」, 「整改中（还有 30 天）」."""
        if self.closed_on is not None:
            late = "，逾期完成" if self.closed_on > self.deadline else ""
            return f"已销号（{self.closed_on:%Y-%m-%d}{late}）"
        days = (self.deadline - today).days
        if days < 0:
            return f"逾期 {-days} 天"
        return f"整改中（还有 {days} 天）" if days else "整改中（今天到期）"


@dataclass
class ItemDetail:
    item: ItemSummary
    progress: list[ProgressNote] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    # what the item came from, in words (an opinion's content…), '' when unknown
    source_text: str = ""


@dataclass(frozen=True)
class Completion:
    """How far a year's items are done (issue 6 measures 整改完成率 from this)."""

    year: int
    total: int
    closed: int
    closed_on_time: int
    overdue: int

    @property
    def open(self) -> int:
        return self.total - self.closed

    @property
    def rate(self) -> float | None:
        """Closed share of the year's items; None when the year has none."""
        return None if self.total == 0 else self.closed / self.total

    def sentence(self) -> str:
        if self.total == 0:
            return f"{self.year} 年度没有整改事项。"
        text = f"{self.year} 年度整改事项 {self.total} 项，已销号 {self.closed} 项（完成率 {self.rate:.0%}）"
        if self.overdue:
            text += f"，逾期未完成 {self.overdue} 项"
        return text + "。"
