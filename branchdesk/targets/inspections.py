"""``archive.targets.inspections``: 检查考核 of one period — a self-score and an
inspector's score per 二级 indicator (0 … its points), evidence, remarks, inspectors and
date, the total and the grade, problems found. Filing (``file``) finalises and reports
the inspection through ``sealing.RecordStates``: it is sealed, and the database refuses
any change; a correction is a revision with a reason (``correct``).

Evidence and problems are in ``inspection_parts`` (``archive.targets.inspections``
exposes them too, see the class)."""

from __future__ import annotations

from .. import clock
from ..errors import Conflict, ErrorCollector, NotFound, ValidationError, ValidationErrors
from ..safety.sealing import ChildSpec, SealSpec
from ..storage.target_models import (
    TargetEvidence,
    TargetInspection,
    TargetPlan,
    TargetPlanItem,
    TargetScore,
)
from ..text import LINE_MAX, TEXT_MAX, bounded, clean_line, clean_text, quoted
from . import grading
from .forms import InspectionDetail, InspectionHeader, InspectionSummary, ScoreRow
from .inspection_measures import UNSET, InspectionMeasures
from .inspection_parts import InspectionParts
from .periods import Period
from .points import tenths_text
from .scoped import BranchScoped

INSPECTION = SealSpec(
    "target_inspection",
    "目标管理检查考核",
    children=(
        ChildSpec("target_score", "inspection_id", children=(ChildSpec("target_evidence", "score_id"),)),
        ChildSpec("target_problem", "inspection_id"),
    ),
)


class InspectionManager(BranchScoped, InspectionParts, InspectionMeasures):
    # -- reading ---------------------------------------------------------------
    def _current(self):
        return (TargetInspection.branch == self._branch_id) & self._archive.records.current_only(
            INSPECTION, TargetInspection.id)

    def query_ids(self, year: int | None = None, state: str | None = None) -> list[int]:
        """Current versions (corrections replace what they correct), oldest period first."""
        query = TargetInspection.select(TargetInspection.id).where(self._current())
        if year is not None:
            query = query.where(TargetInspection.year == year)
        if state is not None:
            query = query.where(TargetInspection.state == state)
        rows = query.order_by(TargetInspection.year, TargetInspection.period_kind.desc(), TargetInspection.period_no,
                              TargetInspection.id).tuples()
        ids = [r[0] for r in rows]
        summaries = {s.id: s for s in self.summaries(ids)}
        return sorted(ids, key=lambda i: (summaries[i].period.end, summaries[i].period.months, i))

    def summaries(self, ids: list[int]) -> list[InspectionSummary]:
        if not ids:
            return []
        corrected = {}
        for rev in self._archive.db.execute_sql(
            "SELECT original_id, revision_id FROM record_revision WHERE record_table = 'target_inspection'"
        ).fetchall():
            corrected[int(rev[1])] = int(rev[0])
        rows = {r.id: r for r in TargetInspection.select().where(TargetInspection.id.in_(ids),
                                                                   TargetInspection.branch == self._branch_id)}
        return [InspectionSummary(r.id, r.year, r.period_kind, r.period_no, r.state, r.inspected_on, r.library_name,
                                  r.total_points_x10, r.self_total_x10, r.total_x10, r.grade, corrected.get(r.id))
                for i in ids if (r := rows.get(i))]

    def list(self, year: int | None = None) -> list[InspectionSummary]:
        return self.summaries(self.query_ids(year))

    def summary(self, inspection_id: int) -> InspectionSummary:
        found = self.summaries([inspection_id])
        if not found:
            raise NotFound("目标管理检查考核", inspection_id)
        return found[0]

    def find(self, period: Period) -> int | None:
        """The current inspection of ``period``, or None."""
        row = (TargetInspection.select(TargetInspection.id)
               .where(self._current(), TargetInspection.year == period.year,
                      TargetInspection.period_kind == period.kind, TargetInspection.period_no == period.no).first())
        return row.id if row else None

    def detail(self, inspection_id: int) -> InspectionDetail:
        summary = self.summary(inspection_id)
        row = TargetInspection.get_by_id(inspection_id)
        evidence: dict[int, list] = {}
        score_rows = list(TargetScore.select().where(TargetScore.inspection == inspection_id)
                          .order_by(TargetScore.position, TargetScore.id))
        for e in (TargetEvidence.select().where(TargetEvidence.score.in_([s.id for s in score_rows]))
                  .order_by(TargetEvidence.position, TargetEvidence.id)):
            evidence.setdefault(e.score_id, []).append(self._evidence_of(e))
        scores = [ScoreRow(s.id, s.position, s.indicator_id, s.parent_code, s.parent_name, s.code, s.name, s.points_x10,
                           s.scoring_rule, s.target_text, s.measured_text, s.self_score_x10, s.score_x10, s.remark,
                           evidence.get(s.id, [])) for s in score_rows]
        header = InspectionHeader(row.inspected_on, row.inspectors, row.inspecting_body, row.remarks)
        thresholds = grading.stored(row.thresholds, grading.thresholds(self._archive))
        branch = self._archive.branch.own()
        return InspectionDetail(summary, header, scores, self.problems(inspection_id), thresholds,
                                branch.name, branch.code or "")

    def state(self, inspection_id: int) -> str:
        return self._archive.records.state(INSPECTION, inspection_id)

    def _draft(self, inspection_id: int) -> TargetInspection:
        row = TargetInspection.get_or_none(TargetInspection.id == inspection_id,
                                           TargetInspection.branch == self._branch_id)
        if row is None:
            raise NotFound("目标管理检查考核", inspection_id)
        self._archive.records.require_draft(INSPECTION, inspection_id)
        return row

    # -- opening ---------------------------------------------------------------
    def create(self, period: Period, header: InspectionHeader | None = None) -> int:
        """Open the inspection of ``period``: one row per 二级 indicator of the year's
        plan (every 二级 indicator of the year's library when there is no plan), the
        indicator and its target copied in."""
        self._archive.require_writable()
        library = self._archive.targets.library.get_or_none(period.year)
        if library is None:
            raise ValidationError("year", "no_library", f"{period.year} 年度还没有指标库。请先导入或复制指标库，再开始检查考核。")
        if self.find(period) is not None:
            raise Conflict(f"{period.label}已经有检查考核记录，请在原记录上继续办理。")
        header = self._clean_header(header or InspectionHeader(), period)
        now = _now()
        with self._archive.db.atomic():
            row = TargetInspection.create(
                branch=self._branch_id, year=period.year, period_kind=period.kind, period_no=period.no,
                library_name=library.name, state="draft", created_at=now, updated_at=now,
                thresholds=grading.thresholds(self._archive).as_json(), **_header_values(header))
            self._add_rows(row.id, period.year, self._planned(period.year, library))
            self._recompute(row.id)
            self._archive.audit.record("targets.inspection.create", f"新建{period.label}目标管理检查考核",
                                       "target_inspection", row.id, {"period": period.code, "year": period.year})
        return row.id

    def _planned(self, year: int, library) -> list:
        """The 二级 rows an inspection of ``year`` scores, with their targets."""
        plan = self._year_row(TargetPlan, year)
        targets = {}
        if plan is not None:
            targets = {i.indicator_id: i.target_text for i in TargetPlanItem.select().where(TargetPlanItem.plan == plan.id)}
        rows = [r for r in library.seconds if plan is None or r.id in targets]
        return [(r, targets.get(r.id, "")) for r in rows]

    def _add_rows(self, inspection_id: int, year: int, rows) -> None:
        for position, (ind, target) in enumerate(rows, start=1):
            TargetScore.create(inspection=inspection_id, position=position, indicator=ind.id,
                               parent_code=ind.parent_code, parent_name=ind.parent_name, code=ind.code, name=ind.name,
                               points_x10=ind.points_x10, scoring_rule=ind.scoring_rule, target_text=target)

    def follow_library(self, year: int) -> None:
        """After ``year``'s library changed: draft inspections of the year take the new
        names, points and rules, and rows for new indicators (scores already given stay)."""
        library = self._archive.targets.library.get(year)
        by_id = {r.id: r for r in library.seconds}
        drafts = TargetInspection.select().where(TargetInspection.branch == self._branch_id,
                                                 TargetInspection.year == year, TargetInspection.state == "draft")
        for inspection in drafts:
            planned = self._planned(year, library)
            have = {s.indicator_id: s for s in TargetScore.select().where(TargetScore.inspection == inspection.id)}
            for position, (ind, target) in enumerate(planned, start=1):
                score = have.get(ind.id)
                if score is None:
                    TargetScore.create(inspection=inspection.id, position=position, indicator=ind.id,
                                       parent_code=ind.parent_code, parent_name=ind.parent_name, code=ind.code,
                                       name=ind.name, points_x10=ind.points_x10, scoring_rule=ind.scoring_rule,
                                       target_text=target)
                    continue
                for value in (score.self_score_x10, score.score_x10):
                    if value is not None and value > ind.points_x10:
                        raise ValidationError(
                            "points", "below_score",
                            f"{Period(year, inspection.period_kind, inspection.period_no).label}检查考核（草稿）中"
                            f"指标「{ind.code}」已评 {tenths_text(value)} 分，超过新的分值 {tenths_text(ind.points_x10)} 分。"
                            "请先修改该项评分，再调整分值。")
                TargetScore.update(position=position, parent_code=ind.parent_code, parent_name=ind.parent_name,
                                   code=ind.code, name=ind.name, points_x10=ind.points_x10,
                                   scoring_rule=ind.scoring_rule).where(TargetScore.id == score.id).execute()
            gone = [s.id for i, s in have.items() if i not in by_id and i is not None]
            self._delete_scores(gone)
            self._recompute(inspection.id)

    def forget_indicators(self, indicator_ids: list[int]) -> None:
        """Indicators about to be deleted from a library: draft inspections drop their rows."""
        rows = [s.id for s in TargetScore.select(TargetScore.id).join(TargetInspection)
                .where(TargetScore.indicator.in_(indicator_ids), TargetInspection.state == "draft")]
        self._delete_scores(rows)

    @staticmethod
    def _delete_scores(score_ids: list[int]) -> None:
        if score_ids:
            TargetEvidence.delete().where(TargetEvidence.score.in_(score_ids)).execute()
            TargetScore.delete().where(TargetScore.id.in_(score_ids)).execute()

    # -- writing ---------------------------------------------------------------
    def save_header(self, inspection_id: int, header: InspectionHeader) -> None:
        self._archive.require_writable()
        row = self._draft(inspection_id)
        cleaned = self._clean_header(header, Period(row.year, row.period_kind, row.period_no))
        with self._archive.db.atomic():
            TargetInspection.update(updated_at=_now(), **_header_values(cleaned)).where(
                TargetInspection.id == inspection_id).execute()
            self._log(row, "targets.inspection.header", "修改检查日期、检查人和总体评价")

    def set_score(self, inspection_id: int, code: str, self_score_x10=UNSET, score_x10=UNSET, remark=UNSET) -> None:
        """Set the self-score, the inspector's score and/or the remark of indicator
        ``code`` (each 0 … the indicator's points; None clears it)."""
        self.set_scores(inspection_id, {code: (self_score_x10, score_x10, remark)})

    def set_scores(self, inspection_id: int, values: dict[str, tuple]) -> None:
        """Several rows in one transaction: ``{code: (self_score_x10, score_x10, remark)}``,
        ``UNSET`` (``...``) leaving a value as it is. All rows are checked first."""
        self._archive.require_writable()
        row = self._draft(inspection_id)
        scores = {s.code: s for s in TargetScore.select().where(TargetScore.inspection == inspection_id)}
        errors = ErrorCollector()
        updates = []
        for code, (self_score, score, remark) in values.items():
            target = scores.get(code)
            if target is None:
                errors.add("code", "missing", f"这次检查考核中没有编号为{quoted(code)}的指标。")
                continue
            change = {}
            for field, value, what in (("self_score_x10", self_score, "自评分"), ("score_x10", score, "考核得分")):
                if value is UNSET:
                    continue
                if value is not None and not 0 <= value <= target.points_x10:
                    errors.add(field, "range", f"指标「{code} {target.name}」的{what} {tenths_text(value)} 超出范围："
                               f"应在 0 到 {tenths_text(target.points_x10)} 分（该项分值）之间。")
                    continue
                change[field] = value
            if remark is not UNSET:
                text = errors.check(bounded, "remark", f"指标「{code}」的备注", clean_text(remark), TEXT_MAX)
                if text is not None:
                    change["remark"] = text
            updates.append((target.id, change))
        errors.raise_if_any()
        with self._archive.db.atomic():
            for score_id, change in updates:
                if change:
                    TargetScore.update(**change).where(TargetScore.id == score_id).execute()
            self._recompute(inspection_id)
            self._log(row, "targets.inspection.score", f"评分：{'、'.join(values)}",
                      {"codes": list(values)})

    # -- states ----------------------------------------------------------------
    def readiness(self, inspection_id: int) -> list[str]:
        """What is missing before filing (empty when ready)."""
        detail = self.detail(inspection_id)
        missing = []
        if detail.header.inspected_on is None:
            missing.append("请填写检查日期。")
        if not detail.header.inspectors:
            missing.append("请填写检查人。")
        unscored = [s.code for s in detail.scores if s.score_x10 is None]
        if unscored:
            shown = "、".join(unscored[:8]) + (f"等 {len(unscored)} 项" if len(unscored) > 8 else "")
            missing.append(f"还有指标没有考核得分：{shown}。")
        if not detail.scores:
            missing.append("这次检查考核没有指标。")
        return missing

    def finalise(self, inspection_id: int) -> None:
        """草稿 → 定稿 once dated, with inspectors and every row scored."""
        self._draft(inspection_id)
        missing = self.readiness(inspection_id)
        if missing:
            raise ValidationErrors([ValidationError("inspection", "not_ready", m) for m in missing])
        with self._archive.db.atomic():
            self._recompute(inspection_id)
            self._archive.records.finalise(INSPECTION, inspection_id)

    def reopen(self, inspection_id: int, reason: str) -> None:
        self._archive.records.reopen(INSPECTION, inspection_id, reason)

    def report(self, inspection_id: int, note: str = ""):
        return self._archive.records.report(INSPECTION, inspection_id, note)

    def file(self, inspection_id: int, note: str = ""):
        """归档: finalise (if still a draft) and report in one step; the inspection is sealed."""
        with self._archive.db.atomic():
            if self.state(inspection_id) == "draft":
                self.finalise(inspection_id)
            return self.report(inspection_id, note or "归入目标管理档案")

    def correct(self, inspection_id: int, reason: str) -> int:
        """A revision of a filed inspection (a draft copy with every row, piece of
        evidence and problem); the sealed original stays as it was filed."""
        return self._archive.records.correct(INSPECTION, inspection_id, reason)

    def verify(self, inspection_id: int):
        return self._archive.records.verify(INSPECTION, inspection_id)

    def revisions(self, inspection_id: int):
        return self._archive.records.revisions(INSPECTION, inspection_id)

    def delete(self, inspection_id: int) -> None:
        """Remove a draft entered by mistake (not a correction, not with ledger items)."""
        self._archive.require_writable()
        row = self._draft(inspection_id)
        if self.summary(inspection_id).corrects_id is not None:
            raise Conflict("这是已归档检查考核的更正版本，不能删除；请修改后归档。")
        if any(p.ledger for p in self.problems(inspection_id)):
            raise Conflict("这次检查发现的问题已列入整改台账，不能删除。")
        with self._archive.db.atomic():
            scores = [s.id for s in TargetScore.select(TargetScore.id).where(TargetScore.inspection == inspection_id)]
            self._delete_scores(scores)
            from ..storage.target_models import TargetProblem

            TargetProblem.delete().where(TargetProblem.inspection == inspection_id).execute()
            TargetInspection.delete().where(TargetInspection.id == inspection_id).execute()
            self._log(row, "targets.inspection.delete", "删除检查考核（草稿）")

    # -- helpers ---------------------------------------------------------------
    def _recompute(self, inspection_id: int) -> None:
        """Totals and grade follow the rows while a draft, graded by the thresholds now in
        force — except a correction, which keeps the scale the filed original was judged by."""
        rows = list(TargetScore.select().where(TargetScore.inspection == inspection_id))
        total_points = sum(r.points_x10 for r in rows)
        selfs = [r.self_score_x10 for r in rows if r.self_score_x10 is not None]
        scores = [r.score_x10 for r in rows if r.score_x10 is not None]
        scale = grading.thresholds(self._archive)
        if self._corrects(inspection_id):
            scale = grading.stored(TargetInspection.get_by_id(inspection_id).thresholds, scale)
        total = sum(scores) if scores else None
        TargetInspection.update(
            total_points_x10=total_points, self_total_x10=sum(selfs) if selfs else None, total_x10=total,
            grade=scale.grade(total, total_points) if len(scores) == len(rows) and rows else "",
            thresholds=scale.as_json(), updated_at=_now(),
        ).where(TargetInspection.id == inspection_id).execute()

    def _corrects(self, inspection_id: int) -> bool:
        return any(r.revision_id == inspection_id for r in self.revisions(inspection_id))

    def regrade_drafts(self) -> None:
        """After the thresholds changed: drafts take the new scale (filed ones keep theirs)."""
        for row in TargetInspection.select(TargetInspection.id).where(
                TargetInspection.branch == self._branch_id, TargetInspection.state == "draft"):
            self._recompute(row.id)

    @staticmethod
    def _clean_header(header: InspectionHeader, period: Period) -> InspectionHeader:
        errors = ErrorCollector()
        inspectors = errors.check(bounded, "inspectors", "检查人", clean_line(header.inspectors), LINE_MAX)
        body = errors.check(bounded, "inspecting_body", "检查单位", clean_line(header.inspecting_body), LINE_MAX)
        remarks = errors.check(bounded, "remarks", "总体评价", clean_text(header.remarks), TEXT_MAX)
        if header.inspected_on is not None and header.inspected_on > clock.today():
            errors.add("inspected_on", "future", f"检查日期 {header.inspected_on:%Y-%m-%d} 晚于今天，请核对。")
        elif header.inspected_on is not None and header.inspected_on < period.start:
            errors.add("inspected_on", "before", f"检查日期 {header.inspected_on:%Y-%m-%d} 早于{period.label}开始的日子，"
                       "检查只能在考核周期开始以后进行，请核对。")
        errors.raise_if_any()
        return InspectionHeader(header.inspected_on, inspectors or "", body or "", remarks or "")

    def _log(self, row: TargetInspection, action: str, summary: str, detail: dict | None = None) -> None:
        label = Period(row.year, row.period_kind, row.period_no).label
        self._archive.audit.record(action, f"{label}检查考核：{summary}"[:120], "target_inspection", row.id, detail)


def _header_values(header: InspectionHeader) -> dict:
    return dict(inspected_on=header.inspected_on, inspectors=header.inspectors,
                inspecting_body=header.inspecting_body, remarks=header.remarks)


def _now() -> str:
    return clock.now().isoformat(sep=" ")
