"""Evidence and problems of an inspection (mixed into ``InspectionManager``).

Evidence links a score row to a record of the branch (meeting, 组织生活会, 民主评议,
rectification item, talk) or to a file copied into the archive under its SHA-256 like
meeting attachments. Problems found may be put on the 整改台账 (source 目标管理检查,
``source_ref`` = the problem's uid) at any time, also after filing: the ledger item is
not part of the sealed inspection, and a correction keeps the problem's uid."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import peewee

from .. import clock
from ..errors import Conflict, NotFound, ValidationError
from ..storage.binding import uses_archive
from ..storage.target_models import TargetEvidence, TargetInspection, TargetProblem, TargetScore
from ..text import LINE_MAX, TEXT_MAX, bounded, clean_line, clean_text, quoted
from .forms import EVIDENCE_KINDS, EvidenceLink, ProblemRow

RECORD_KINDS = tuple(k for k in EVIDENCE_KINDS if k != "file")


class InspectionParts:
    _archive: object

    # -- evidence --------------------------------------------------------------
    def score_id(self, inspection_id: int, code: str) -> int:
        row = TargetScore.get_or_none(TargetScore.inspection == inspection_id, TargetScore.code == code)
        if row is None:
            raise NotFound("考核指标", code)
        return row.id

    def _score_row(self, score_id: int) -> TargetScore:
        row = TargetScore.get_or_none(TargetScore.id == score_id)
        if row is None:
            raise NotFound("考核指标", score_id)
        self._draft(row.inspection_id)
        return row

    def add_evidence(self, score_id: int, kind: str, record_id: int) -> int:
        """Link a record of the branch as evidence of one score row."""
        self._archive.require_writable()
        score = self._score_row(score_id)
        if kind not in RECORD_KINDS:
            raise ValidationError("kind", "choice", "佐证只能关联会议记录、组织生活会、民主评议、整改事项或谈心谈话记录；"
                                  "文件请用「添加附件」。")
        title, _ = record_title(self._archive, kind, record_id)
        if TargetEvidence.select().where(TargetEvidence.score == score_id, TargetEvidence.kind == kind,
                                         TargetEvidence.record_id == record_id).exists():
            raise Conflict(f"「{title}」已经是指标「{score.code}」的佐证。")
        return self._add_evidence_row(score, kind=kind, record_id=record_id, title=title)

    def add_evidence_file(self, score_id: int, path, title: str = "") -> int:
        """Copy a file (scan, photo, document) into the archive as evidence of one row."""
        from ..meetings.attachments import copy_into_archive

        self._archive.require_writable()
        score = self._score_row(score_id)
        source = Path(path)
        title = bounded("title", "附件名称", clean_line(title) or source.stem, LINE_MAX)
        relative, digest, size = copy_into_archive(self._archive, source)
        return self._add_evidence_row(score, kind="file", title=title, original_name=source.name,
                                      stored_path=relative, sha256=digest, size=size)

    def _add_evidence_row(self, score: TargetScore, **values) -> int:
        with self._archive.db.atomic():
            last = TargetEvidence.select(peewee.fn.MAX(TargetEvidence.position)).where(
                TargetEvidence.score == score.id).scalar()
            row = TargetEvidence.create(score=score.id, position=(last or 0) + 1,
                                        added_at=clock.now().isoformat(sep=" "), **values)
            self._log(TargetInspection.get_by_id(score.inspection_id), "targets.inspection.evidence",
                      f"指标「{score.code}」佐证：{values['title']}", {"kind": values["kind"], "sha256": values.get("sha256", "")})
        return row.id

    def add_measure_evidence(self, inspection_id: int, code: str, today: dt.date | None = None) -> int:
        """Link every record the row's auto-measure counted; returns how many were new."""
        self._archive.require_writable()
        results = self.measures(inspection_id, today, codes=[code])
        if code not in results:
            raise ValidationError("code", "no_measure", f"指标「{code}」没有自动计量，请手动添加佐证。")
        score = self._score_row(self.score_id(inspection_id, code))
        have = {(e.kind, e.record_id) for e in TargetEvidence.select().where(TargetEvidence.score == score.id)}
        new = [ref for ref in results[code].refs if (ref.kind, ref.id) not in have]
        now = clock.now().isoformat(sep=" ")
        with self._archive.db.atomic():
            last = TargetEvidence.select(peewee.fn.MAX(TargetEvidence.position)).where(
                TargetEvidence.score == score.id).scalar() or 0
            for n, ref in enumerate(new, start=1):
                title = f"{ref.title}（{ref.date:%Y-%m-%d}）" if ref.date and ref.kind in ("meeting",) else ref.title
                TargetEvidence.create(score=score.id, position=last + n, kind=ref.kind, record_id=ref.id, title=title,
                                      added_at=now)
            if new:
                self._log(TargetInspection.get_by_id(inspection_id), "targets.inspection.evidence",
                          f"指标「{code}」关联自动计量依据 {len(new)} 条", {"count": len(new)})
        return len(new)

    def remove_evidence(self, evidence_id: int) -> None:
        self._archive.require_writable()
        evidence = TargetEvidence.get_or_none(TargetEvidence.id == evidence_id)
        if evidence is None:
            raise NotFound("佐证", evidence_id)
        score = self._score_row(evidence.score_id)
        with self._archive.db.atomic():
            TargetEvidence.delete().where(TargetEvidence.id == evidence_id).execute()
            self._log(TargetInspection.get_by_id(score.inspection_id), "targets.inspection.evidence",
                      f"指标「{score.code}」删除佐证：{evidence.title}", {"removed": evidence_id})

    def evidence_file(self, evidence_id: int) -> Path:
        """The stored file of a file evidence, after checking its SHA-256."""
        from ..meetings.attachments import stored_file

        evidence = TargetEvidence.get_or_none(TargetEvidence.id == evidence_id)
        if evidence is None or evidence.kind != "file":
            raise NotFound("佐证附件", evidence_id)
        return stored_file(self._archive, evidence.stored_path, evidence.sha256, evidence.title)

    @staticmethod
    def _evidence_of(e: TargetEvidence) -> EvidenceLink:
        return EvidenceLink(e.id, e.kind, e.record_id, e.title, e.original_name, e.stored_path, e.sha256, e.size,
                            e.added_at)

    # -- problems --------------------------------------------------------------
    def problems(self, inspection_id: int) -> list[ProblemRow]:
        from ..storage.models import RectificationItem

        rows = list(TargetProblem.select().where(TargetProblem.inspection == inspection_id)
                    .order_by(TargetProblem.position, TargetProblem.id))
        codes: dict[str, list[str]] = {}
        if rows:
            for item in (RectificationItem.select()
                         .where(RectificationItem.branch == self._archive.branch.own_id(),
                                RectificationItem.source_ref.in_([r.uid for r in rows]))
                         .order_by(RectificationItem.year, RectificationItem.number)):
                codes.setdefault(item.source_ref, []).append(f"{item.year}-{item.number:02d}")
        return [ProblemRow(r.id, r.position, r.uid, r.code, r.problem, r.suggestion, codes.get(r.uid, []))
                for r in rows]

    def add_problem(self, inspection_id: int, problem: str, code: str = "", suggestion: str = "") -> int:
        """A problem found (``code``: the indicator it concerns, optional)."""
        self._archive.require_writable()
        row = self._draft(inspection_id)
        problem, code, suggestion = self._clean_problem(inspection_id, problem, code, suggestion)
        with self._archive.db.atomic():
            last = TargetProblem.select(peewee.fn.MAX(TargetProblem.position)).where(
                TargetProblem.inspection == inspection_id).scalar()
            created = TargetProblem.create(inspection=inspection_id, position=(last or 0) + 1, uid=uuid.uuid4().hex,
                                           code=code, problem=problem, suggestion=suggestion)
            self._log(row, "targets.inspection.problem", f"发现问题：{problem[:40]}", {"problem": created.id})
        return created.id

    def update_problem(self, problem_id: int, problem: str, code: str = "", suggestion: str = "") -> None:
        self._archive.require_writable()
        found = self._problem(problem_id)
        row = self._draft(found.inspection_id)
        problem, code, suggestion = self._clean_problem(found.inspection_id, problem, code, suggestion)
        with self._archive.db.atomic():
            TargetProblem.update(problem=problem, code=code, suggestion=suggestion).where(
                TargetProblem.id == problem_id).execute()
            self._log(row, "targets.inspection.problem", f"修改问题：{problem[:40]}", {"problem": problem_id})

    def remove_problem(self, problem_id: int) -> None:
        self._archive.require_writable()
        found = self._problem(problem_id)
        row = self._draft(found.inspection_id)
        if self._archive.rectification.linked([found.uid]).get(found.uid):
            raise Conflict("这个问题已列入整改台账，不能删除。请先在整改台账中处理那一项。")
        with self._archive.db.atomic():
            TargetProblem.delete().where(TargetProblem.id == problem_id).execute()
            self._log(row, "targets.inspection.problem", f"删除问题：{found.problem[:40]}", {"removed": problem_id})

    def problem_to_ledger(self, problem_id: int, measure: str, owner_name: str, deadline: dt.date,
                          owner_member_id: int | None = None, category: str = "other", scope: str = "branch",
                          public: bool = False, listed_on: dt.date | None = None) -> int:
        """Put a problem on the 整改台账 (allowed after filing too); ``listed_on``: the day
        it is put on the ledger (today by default). Returns the item's id."""
        from ..life import ItemForm

        found = self._problem(problem_id)
        inspection = TargetInspection.get_by_id(found.inspection_id)
        form = ItemForm(inspection.year, found.problem, measure, owner_member_id, owner_name, deadline,
                        source="inspection", source_ref=found.uid, category=category, scope=scope,
                        cause=found.suggestion and f"检查建议：{found.suggestion}", public=public,
                        created_on=listed_on)
        return self._archive.rectification.add(form)

    def _problem(self, problem_id: int) -> TargetProblem:
        found = (TargetProblem.select().join(TargetInspection)
                 .where(TargetProblem.id == problem_id, TargetInspection.branch == self._archive.branch.own_id()).first())
        if found is None:
            raise NotFound("检查发现的问题", problem_id)
        return found

    def _clean_problem(self, inspection_id: int, problem: str, code: str, suggestion: str) -> tuple[str, str, str]:
        problem = bounded("problem", "问题", clean_text(problem), LINE_MAX * 5, True)
        suggestion = bounded("suggestion", "整改建议", clean_text(suggestion), TEXT_MAX)
        code = clean_line(code)
        if code and not TargetScore.select().where(TargetScore.inspection == inspection_id,
                                                   TargetScore.code == code).exists():
            raise ValidationError("code", "missing", f"这次检查考核中没有编号为{quoted(code)}的指标，请核对；不针对具体指标可留空。")
        return problem, code, suggestion


@uses_archive
def record_title(archive, kind: str, record_id: int) -> tuple[str, dt.date | None]:
    """How a linked record is named in lists and papers, and its date."""
    from ..storage.models import Talk

    if kind == "meeting":
        summary = archive.meetings.summary(record_id)
        return f"{summary.title}（{summary.date:%Y-%m-%d}）", summary.date
    if kind == "life_cycle":
        detail = archive.life.detail(record_id)
        return detail.title, detail.plan.planned_on
    if kind == "appraisal":
        detail = archive.appraisal.detail(record_id)
        return f"{detail.year}年度民主评议党员", detail.form.decided_on
    if kind == "rectification":
        item = archive.rectification.summary(record_id)
        return f"整改事项 {item.code}：{item.problem[:30]}", item.created_on
    if kind == "talk":
        talk = Talk.get_or_none(Talk.id == record_id, Talk.branch == archive.branch.own_id())
        if talk is None:
            raise NotFound("谈心谈话记录", record_id)
        return f"{talk.talker_name}与{talk.partner_name}谈心谈话（{talk.talked_on:%Y-%m-%d}）", talk.talked_on
    if kind == "service_activity":
        activity = archive.service.activity(record_id)
        return f"志愿服务：{activity.place}（{activity.held_on:%Y-%m-%d}）", activity.held_on
    if kind == "service_pledge":
        pledge = archive.service.pledge(record_id)
        return f"为民办实事：{pledge.title}", pledge.done_on or pledge.promised_by
    if kind == "openness_posting":
        posting = archive.openness.posting(record_id)
        return f"党务公开：{posting.title}", posting.posted_on
    if kind == "service_verdict":
        verdict = archive.verdicts.verdict(record_id)
        return f"{verdict.year}年度群众评议：{verdict.subject}", verdict.held_on
    if kind == "masses_request":
        request = archive.masses.request(record_id)
        return f"民情诉求 {request.code}：{request.content[:30]}", request.received_on
    if kind == "masses_visit":
        found = [v for v in archive.masses.visits() if v.id == record_id]
        if not found:
            raise NotFound("走访记录", record_id)
        return f"{found[0].member_name}走访（{found[0].visited_on:%Y-%m-%d}）", found[0].visited_on
    raise ValidationError("kind", "choice", f"不认识的佐证类别{quoted(kind)}。")
