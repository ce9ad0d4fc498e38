"""目标管理 as plain data: what the window, the command line, the spreadsheet and the
papers read and hand back. Points and scores are whole tenths (``*_x10``); print them
with :func:`~.points.tenths_text`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .. import labels
from .periods import Period
from .points import tenths_text


@dataclass
class IndicatorForm:
    """One row of a library as it is edited or imported: a 一级 row (``level`` 1)
    followed by its 二级 rows (``level`` 2). ``code`` may be left empty (numbered
    1, 1.1, 1.2 …). ``measure``: key of an auto-measure (二级 only, see ``measures``).
    ``id``: the stored row being edited, None for a new one."""

    level: int
    name: str
    points_x10: int
    scoring_rule: str = ""
    evidence_required: str = ""
    measure: str = ""
    code: str = ""
    id: int | None = None


@dataclass(frozen=True)
class IndicatorRow:
    id: int
    level: int
    code: str
    name: str
    points_x10: int
    scoring_rule: str
    evidence_required: str
    measure: str
    parent_id: int | None
    parent_code: str
    parent_name: str

    @property
    def points_text(self) -> str:
        return tenths_text(self.points_x10)

    def form(self) -> IndicatorForm:
        return IndicatorForm(self.level, self.name, self.points_x10, self.scoring_rule, self.evidence_required,
                             self.measure, self.code, self.id)


@dataclass(frozen=True)
class LibraryDetail:
    """The 标杆指标库 of one year. ``locked_reason`` is '' while it may be edited."""

    id: int
    year: int
    name: str
    issued_by: str
    note: str
    indicators: list[IndicatorRow]
    locked_reason: str = ""

    @property
    def editable(self) -> bool:
        return not self.locked_reason

    @property
    def firsts(self) -> list[IndicatorRow]:
        return [i for i in self.indicators if i.level == 1]

    @property
    def seconds(self) -> list[IndicatorRow]:
        return [i for i in self.indicators if i.level == 2]

    def children(self, parent_id: int) -> list[IndicatorRow]:
        return [i for i in self.indicators if i.parent_id == parent_id]

    @property
    def total_points_x10(self) -> int:
        return sum(i.points_x10 for i in self.firsts)

    def by_code(self, code: str) -> IndicatorRow | None:
        return next((i for i in self.indicators if i.code == code), None)

    def forms(self) -> list[IndicatorForm]:
        return [i.form() for i in self.indicators]


@dataclass
class PlanItemForm:
    """The target set for one 二级 indicator: words (「党员大会 ≥ 4 次」) and, where it
    is a number, its value (tenths: 4 次 → 40, 100 % → 1000)."""

    indicator_id: int
    target_text: str = ""
    target_value_x10: int | None = None
    note: str = ""


@dataclass(frozen=True)
class PlanItem:
    id: int
    indicator_id: int
    code: str
    name: str
    parent_code: str
    parent_name: str
    points_x10: int
    scoring_rule: str
    measure: str
    target_text: str
    target_value_x10: int | None
    note: str


@dataclass(frozen=True)
class PlanDetail:
    id: int
    year: int
    library_id: int
    library_name: str
    note: str
    adopted_on: dt.date | None
    items: list[PlanItem]

    def item_for(self, code: str) -> PlanItem | None:
        return next((i for i in self.items if i.code == code), None)


@dataclass
class InspectionHeader:
    """Who inspected, when, and what they said overall."""

    inspected_on: dt.date | None = None
    inspectors: str = ""
    inspecting_body: str = ""
    remarks: str = ""


@dataclass(frozen=True)
class EvidenceLink:
    """A record behind a score (``kind``: meeting, life_cycle, appraisal, rectification,
    talk) by id, or a file copied into the archive (``kind`` file)."""

    id: int
    kind: str
    record_id: int | None
    title: str
    original_name: str = ""
    stored_path: str = ""
    sha256: str = ""
    size: int = 0
    added_at: str = ""

    @property
    def kind_label(self) -> str:
        return labels.label(EVIDENCE_KINDS, self.kind)


EVIDENCE_KINDS = {"meeting": "会议记录", "life_cycle": "组织生活会记录", "appraisal": "民主评议记录",
                  "rectification": "整改事项", "talk": "谈心谈话记录", "file": "附件",
                  "service_activity": "志愿服务记录", "service_pledge": "为民办实事", "openness_posting": "党务公开记录",
                  "service_verdict": "群众评议", "masses_request": "民情诉求",
                  "masses_visit": "走访记录"}


@dataclass(frozen=True)
class ScoreRow:
    """One 二级 indicator of an inspection, copied from the library when the inspection
    was opened (so a filed inspection stands on its own)."""

    id: int
    position: int
    indicator_id: int | None
    parent_code: str
    parent_name: str
    code: str
    name: str
    points_x10: int
    scoring_rule: str
    target_text: str
    measured_text: str
    self_score_x10: int | None
    score_x10: int | None
    remark: str
    evidence: list[EvidenceLink] = field(default_factory=list)


@dataclass(frozen=True)
class ProblemRow:
    """A problem found; ``ledger`` lists the codes of the rectification items made from it."""

    id: int
    position: int
    uid: str
    code: str
    problem: str
    suggestion: str
    ledger: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class InspectionSummary:
    id: int
    year: int
    period_kind: str
    period_no: int
    state: str
    inspected_on: dt.date | None
    library_name: str
    total_points_x10: int
    self_total_x10: int | None
    total_x10: int | None
    grade: str
    corrects_id: int | None = None  # the sealed inspection this one corrects

    @property
    def period(self) -> Period:
        return Period(self.year, self.period_kind, self.period_no)

    @property
    def title(self) -> str:
        return f"{self.period.label}目标管理检查考核"

    @property
    def state_label(self) -> str:
        return labels.label(STATE_LABELS, self.state)

    @property
    def filed(self) -> bool:
        return self.state == "reported"


STATE_LABELS = {"draft": "草稿", "final": "定稿", "reported": "已归档"}


@dataclass(frozen=True)
class InspectionDetail:
    summary: InspectionSummary
    header: InspectionHeader
    scores: list[ScoreRow]
    problems: list[ProblemRow]
    thresholds: object  # grading.Thresholds in force for this inspection
    branch_name: str
    branch_code: str = ""  # 组织代码, the first part of a paper's 档号

    def score_for(self, code: str) -> ScoreRow | None:
        return next((s for s in self.scores if s.code == code), None)

    def groups(self) -> list[tuple[str, str, list[ScoreRow]]]:
        """(一级 code, 一级 name, its rows) in order."""
        found: list[tuple[str, str, list[ScoreRow]]] = []
        for row in self.scores:
            if not found or found[-1][0] != row.parent_code:
                found.append((row.parent_code, row.parent_name, []))
            found[-1][2].append(row)
        return found


@dataclass(frozen=True)
class PeriodGap:
    """A period whose inspection the home page asks for. ``state``: missing (period
    over, none filed), overdue (past the grace days), due_soon (period ends soon), draft
    (begun, not filed, period over)."""

    period: Period
    state: str
    deadline: dt.date
    inspection_id: int | None
    message: str


@dataclass(frozen=True)
class TrendPoint:
    period: Period
    inspection_id: int
    total_x10: int | None
    self_total_x10: int | None
    total_points_x10: int
    grade: str
    filed: bool

    @property
    def complete(self) -> bool:
        """Filed, or every indicator scored (it has a grade): a draft still being scored
        has partial totals, which a chart must not show as a result."""
        return self.filed or bool(self.grade)

    @property
    def percent(self) -> float | None:
        """The total on a 100-point scale (libraries of other totals compare alike)."""
        if self.total_x10 is None or not self.total_points_x10:
            return None
        return self.total_x10 * 100 / self.total_points_x10
