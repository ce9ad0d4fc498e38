"""``archive.verdicts``: the year-end 群众评议 of the branch committee and, where the
branch does it, of members — ballot tallies (not ballots), the satisfaction rate and the
masses' feedback (docs/domain.md §15.4). One verdict per year and subject."""

from __future__ import annotations

from .. import clock
from ..errors import Conflict, NotFound, ValidationError, ValidationErrors
from ..storage.binding import ArchiveBound
from ..storage.models import Member
from ..storage.service_models import ServiceVerdict
from ..text import TEXT_MAX, bounded, clean_text
from .forms import Verdict, VerdictForm

COMMITTEE = "支部委员会"
TALLIES = (("satisfied", "满意"), ("basic", "基本满意"), ("unsatisfied", "不满意"), ("unknown", "不了解"))


class VerdictManager(ArchiveBound):
    def __init__(self, archive):
        self._archive = archive

    def _branch(self) -> int:
        return self._archive.branch.own_id()

    def years(self) -> list[int]:
        rows = ServiceVerdict.select(ServiceVerdict.year).where(ServiceVerdict.branch == self._branch()).distinct()
        return sorted({row.year for row in rows}, reverse=True)

    def verdicts(self, year: int) -> list[Verdict]:
        """The committee's verdict first, then members' in the archive's order of names."""
        rows = list(ServiceVerdict.select().where(ServiceVerdict.branch == self._branch(), ServiceVerdict.year == year))
        names = {m.id: m.name for m in Member.select(Member.id, Member.name).where(Member.branch == self._branch())}
        found = [self._verdict(row, names) for row in rows]
        committee = [v for v in found if v.member_id is None]
        return committee + self._archive.members.sorted_by_name([v for v in found if v.member_id is not None],
                                                                key=lambda v: v.subject)

    def verdict(self, verdict_id: int) -> Verdict:
        row = self._row(verdict_id)
        return next(v for v in self.verdicts(row.year) if v.id == verdict_id)

    def committee(self, year: int) -> Verdict | None:
        return next((v for v in self.verdicts(year) if v.member_id is None), None)

    def of_members(self, year: int) -> dict[int, Verdict]:
        """member id -> that member's 群众评议 of ``year`` (shown beside the 民主评议)."""
        return {v.member_id: v for v in self.verdicts(year) if v.member_id is not None}

    def in_words(self, year: int) -> dict[int, str]:
        """member id → 「满意率98.4%（满意48、基本满意13、不满意1、不了解3）」, for the 民主评议党员登记表."""
        from .rules import percent

        return {v.member_id: f"满意率{percent(v.rate)}（满意{v.satisfied}、基本满意{v.basic}、不满意{v.unsatisfied}、"
                             f"不了解{v.unknown}）" for v in self.of_members(year).values()}

    def add(self, form: VerdictForm) -> int:
        self._archive.require_writable()
        values = self._checked(form)
        with self._archive.db.atomic():
            row = ServiceVerdict.create(branch=self._branch(), created_at=clock.now().isoformat(sep=" "), **values)
            self._archive.audit.record("verdict.add", f"{form.year}年群众评议：{self._subject(form.member_id)}",
                                       "service_verdict", row.id, self._tallies(values))
        return row.id

    def update(self, verdict_id: int, form: VerdictForm) -> None:
        self._archive.require_writable()
        self._row(verdict_id)
        values = self._checked(form, verdict_id)
        with self._archive.db.atomic():
            ServiceVerdict.update(**values).where(ServiceVerdict.id == verdict_id).execute()
            self._archive.audit.record("verdict.update", f"修改{form.year}年群众评议：{self._subject(form.member_id)}",
                                       "service_verdict", verdict_id, self._tallies(values))

    def delete(self, verdict_id: int) -> None:
        self._archive.require_writable()
        row = self._row(verdict_id)
        with self._archive.db.atomic():
            ServiceVerdict.delete().where(ServiceVerdict.id == verdict_id).execute()
            self._archive.audit.record("verdict.delete", f"删除{row.year}年群众评议：{self._subject(row.member_id)}",
                                       "service_verdict", verdict_id)

    @staticmethod
    def _tallies(values: dict) -> dict:
        return {key: values[key] for key, _ in TALLIES}

    def _subject(self, member_id: int | None) -> str:
        if member_id is None:
            return COMMITTEE
        member = Member.get_or_none(Member.id == member_id, Member.branch == self._branch())
        return member.name if member else ""

    def _row(self, verdict_id: int) -> ServiceVerdict:
        row = ServiceVerdict.get_or_none(ServiceVerdict.id == verdict_id, ServiceVerdict.branch == self._branch())
        if row is None:
            raise NotFound("群众评议", verdict_id)
        return row

    @staticmethod
    def _verdict(row: ServiceVerdict, names: dict[int, str]) -> Verdict:
        subject = COMMITTEE if row.member_id is None else names.get(row.member_id, "")
        return Verdict(row.id, row.year, row.held_on, row.member_id, subject, row.satisfied, row.basic,
                       row.unsatisfied, row.unknown, row.feedback)

    def _checked(self, form: VerdictForm, verdict_id: int | None = None) -> dict:
        errors: list[ValidationError] = []
        if not 2000 <= form.year <= 2100:
            errors.append(ValidationError("year", "range", "请填写评议年度。"))
        if form.held_on is None:
            errors.append(ValidationError("held_on", "required", "请填写评议日期。"))
        elif form.held_on > clock.today():
            errors.append(ValidationError("held_on", "future", "评议日期不能晚于今天：评议后再登记结果。"))
        elif 2000 <= form.year <= 2100 and form.held_on.year not in (form.year, form.year + 1):
            errors.append(ValidationError("held_on", "year", f"评议日期应在{form.year}年或次年年初。"))
        if form.member_id is not None and self._subject(form.member_id) == "":
            errors.append(ValidationError("member_id", "missing", "被评议的党员不在名册中，请重新选择。"))
        counts = {}
        for key, label in TALLIES:
            value = getattr(form, key)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                errors.append(ValidationError(key, "range", f"「{label}」票数应为 0 或正整数。"))
            counts[key] = value
        if not errors and sum(counts.values()) == 0:
            errors.append(ValidationError("satisfied", "empty", "四项票数都是 0：请填写收回的评议票各选项的票数。"))
        feedback = bounded("feedback", "群众意见", clean_text(form.feedback), TEXT_MAX)
        if errors:
            raise ValidationErrors(errors)
        same = ServiceVerdict.select().where(ServiceVerdict.branch == self._branch(), ServiceVerdict.year == form.year,
                                             ServiceVerdict.member.is_null() if form.member_id is None
                                             else ServiceVerdict.member == form.member_id)
        if verdict_id is not None:
            same = same.where(ServiceVerdict.id != verdict_id)
        if same.exists():
            raise Conflict(f"{form.year}年对{self._subject(form.member_id)}的群众评议已经登记过，请打开那一条修改。")
        return {"year": form.year, "held_on": form.held_on, "member": form.member_id, "feedback": feedback, **counts}
