"""目标管理 (docs/domain.md §5): the 标杆指标库 per year, the yearly plan, auto-measured
indicators, half-yearly (or quarterly) inspections filed and sealed, and their papers.

``archive.targets`` (:class:`~.manager.TargetsManager`)::

    t = archive.targets
    # settings
    t.thresholds() -> Thresholds              # .bands ((grade, min_x10), …), .below, .grade(total_x10, points_x10)
    t.set_thresholds({"bands": [["优秀", 97], ["合格", 90], ["基本合格", 86]], "below": "不合格"})
    t.frequency() / t.set_frequency("half" | "quarter", grace_days=30)
    # what the home page and the archive view ask
    t.missing_inspections(today) -> [PeriodGap(period, state, deadline, inspection_id, message)]
    t.attention(today) -> [str]               # the same as sentences
    t.trend(from_year, to_year) -> [TrendPoint(period, inspection_id, total_x10, self_total_x10,
                                              total_points_x10, grade, filed)]   # .percent
    t.years() -> [int]
    t.measures_for(Period) -> [(PlanItem | IndicatorRow, MeasureResult)]
    t.measure(key, Period, target_x10=None) -> MeasureResult

    # 标杆指标库 (one per year; IndicatorForm rows: 一级 level 1, then its 二级 level 2)
    t.library.years(); t.library.get(year) -> LibraryDetail (.indicators, .firsts, .seconds,
        .children(id), .total_points_x10, .editable, .locked_reason); get_or_none(year)
    t.library.create(year, name, [IndicatorForm...], issued_by, note) -> id
    t.library.save(year, [IndicatorForm...])      # whole tree; rows keep their id
    t.library.save_info(year, name, issued_by, note); t.library.replace(year, forms, name)
    t.library.copy(from_year, to_year) -> id;  t.library.delete(year); t.library.lock_reason(year)
    library_xlsx.preview(path) -> LibraryPreview (.rows with .problems, .bad_rows, .can_import)
    library_xlsx.apply(archive, preview, year, name="") -> library id;  library_xlsx.export_xlsx(detail, path)

    # 年度目标计划
    t.plans.get(year) / get_or_none(year) -> PlanDetail (.items: PlanItem with target_text,
        target_value_x10, measure)
    t.plans.adopt_library(year) -> plan id;  t.plans.save_item(item_id, PlanItemForm(...))
    t.plans.add_item(year, indicator_id); remove_item(item_id); save_note(year, note); delete(year)

    # 检查考核 (Period(year, "half" | "quarter" | "year", no); parse_period(year, "h1"))
    i = t.inspections
    i.list(year=None) -> [InspectionSummary]; i.query_ids(year); i.summary(id); i.find(Period) -> id | None
    i.detail(id) -> InspectionDetail (.summary, .header, .scores [ScoreRow + .evidence], .problems
        [ProblemRow + .ledger codes], .thresholds, .groups())
    i.create(Period, InspectionHeader(inspected_on, inspectors, inspecting_body, remarks)) -> id
    i.save_header(id, InspectionHeader(...))
    i.set_score(id, code, self_score_x10=..., score_x10=..., remark=...)   # ... = leave as is
    i.set_scores(id, {code: (self_x10, score_x10, remark)})
    i.measures(id) -> {code: MeasureResult}; i.refresh_measures(id); i.suggest_self_scores(id)
    i.add_evidence(score_id, kind, record_id); i.add_evidence_file(score_id, path, title)
    i.add_measure_evidence(id, code); i.remove_evidence(evidence_id); i.evidence_file(evidence_id)
    i.score_id(id, code)
    i.add_problem(id, problem, code="", suggestion="") -> problem id; update_problem; remove_problem
    i.problem_to_ledger(problem_id, measure, owner_name, deadline, owner_member_id=None) -> item id
    i.readiness(id) -> [str]; i.finalise(id); i.reopen(id, reason); i.report(id, note)
    i.file(id, note="") -> Seal        # finalise + report: sealed, refused by the database
    i.correct(id, reason) -> new draft id; i.revisions(id); i.verify(id); i.delete(id)

    # MeasureResult: key, label, period, value, value_text, target, target_text, met (None =
    #   not yet due), explanation, refs [RecordRef(kind, id, title, date)], suggested_x10(points_x10)

Points and scores are whole tenths (``*_x10``): :func:`~.points.tenths_text` prints them,
:func:`~.points.parse_tenths` reads typed text. Papers: ``targets.papers``."""

from .forms import (
    EVIDENCE_KINDS,
    EvidenceLink,
    IndicatorForm,
    IndicatorRow,
    InspectionDetail,
    InspectionHeader,
    InspectionSummary,
    LibraryDetail,
    PeriodGap,
    PlanDetail,
    PlanItem,
    PlanItemForm,
    ProblemRow,
    ScoreRow,
    TrendPoint,
)
from .grading import Thresholds
from .inspections import INSPECTION, UNSET
from .manager import TargetsManager
from .measures import MEASURES, MeasureResult, RecordRef, measure_labels
from .periods import PERIOD_KINDS, Period, parse_period, period_containing, periods_of
from .points import parse_tenths, tenths_text

__all__ = [
    "EVIDENCE_KINDS", "INSPECTION", "MEASURES", "PERIOD_KINDS", "UNSET", "EvidenceLink", "IndicatorForm",
    "IndicatorRow", "InspectionDetail", "InspectionHeader", "InspectionSummary", "LibraryDetail", "MeasureResult",
    "Period", "PeriodGap", "PlanDetail", "PlanItem", "PlanItemForm", "ProblemRow", "RecordRef", "ScoreRow",
    "TargetsManager", "Thresholds", "TrendPoint", "measure_labels", "parse_period", "parse_tenths",
    "period_containing", "periods_of", "tenths_text",
]
