"""``archive.openness``: 党务公开 — what the branch posted for the masses, where and how
long it hung, and which postings the rule asks for and whether each went up on time
(docs/domain.md §15.3)."""

from __future__ import annotations

import datetime as dt

from .. import clock, labels
from ..errors import NotFound, ValidationError, ValidationErrors
from ..setup.start import record_start
from ..storage.binding import ArchiveBound
from ..storage.models import Appraisal
from ..storage.service_models import OpennessPosting
from ..text import LINE_MAX, TEXT_MAX, bounded, clean_line, clean_text
from . import rules
from .forms import DuePosting, Posting, PostingForm


class OpennessManager(ArchiveBound):
    def __init__(self, archive):
        self._archive = archive

    def _branch(self) -> int:
        return self._archive.branch.own_id()

    def postings(self, year: int | None = None) -> list[Posting]:
        """The postings covering ``year`` (all when None), newest first."""
        query = OpennessPosting.select().where(OpennessPosting.branch == self._branch())
        if year is not None:
            query = query.where(OpennessPosting.covers_year == year)
        return [self._posting(row) for row in query.order_by(OpennessPosting.posted_on.desc(), OpennessPosting.id.desc())]

    def posting(self, posting_id: int) -> Posting:
        return self._posting(self._row(posting_id))

    def add(self, form: PostingForm) -> int:
        self._archive.require_writable()
        values = self._checked(form)
        with self._archive.db.atomic():
            row = OpennessPosting.create(branch=self._branch(), created_at=clock.now().isoformat(sep=" "), **values)
            self._archive.audit.record("openness.post", f"党务公开：{values['title']}（{values['posted_on']:%Y-%m-%d}）",
                                       "openness_posting", row.id, {"kind": values["kind"]})
        return row.id

    def update(self, posting_id: int, form: PostingForm) -> None:
        self._archive.require_writable()
        self._row(posting_id)
        values = self._checked(form)
        with self._archive.db.atomic():
            OpennessPosting.update(**values).where(OpennessPosting.id == posting_id).execute()
            self._archive.audit.record("openness.update", f"修改党务公开：{values['title']}", "openness_posting", posting_id)

    def delete(self, posting_id: int) -> None:
        self._archive.require_writable()
        row = self._row(posting_id)
        with self._archive.db.atomic():
            OpennessPosting.delete().where(OpennessPosting.id == posting_id).execute()
            self._archive.audit.record("openness.delete", f"删除党务公开：{row.title}", "openness_posting", posting_id)

    def due(self, year: int, today: dt.date | None = None) -> list[DuePosting]:
        """Every posting the rule asks for in ``year`` (§15.3), by due day, each with what
        was done: on_time, late (posted after the due day or hung too briefly), missing (the
        due day passed without one) or waiting (not due yet). Periods before the branch's
        records begin (began before 从何时开始记录) are not asked for."""
        today = today or clock.today()
        start = record_start(self._archive)
        posted: dict[tuple[str, int], list[Posting]] = {}
        for p in self.postings(year):
            posted.setdefault((p.kind, p.covers_part), []).append(p)
        found: list[DuePosting] = []
        for kind in rules.DUE_RULE:
            decided_on = None
            if kind == "appraisal":
                decided_on = self._appraisal_decided(year)
                if decided_on is None:
                    continue
            if kind == "pledges" and not self._archive.service.pledges(year):
                continue
            for part in rules.parts_of(kind):
                due_on = rules.due_day(kind, year, part, decided_on)
                if rules.period_began(kind, year, part) < start:
                    continue
                candidates = sorted(posted.get((kind, part), []), key=lambda p: p.posted_on)
                good = [p for p in candidates if rules.on_time(p.posted_on, p.hung_from, p.hung_to, due_on)]
                if good:
                    state, pid = "on_time", good[0].id
                elif candidates:
                    state, pid = "late", candidates[0].id
                else:
                    state, pid = ("missing" if today > due_on else "waiting"), None
                found.append(DuePosting(kind, year, part, due_on, state, pid))
        return sorted(found, key=lambda d: (d.due_on, list(rules.DUE_RULE).index(d.kind)))

    def on_time_share(self, year: int, today: dt.date | None = None) -> tuple[int, int]:
        """(done on time, due so far): postings whose due day has come, or that are up."""
        counted = [d for d in self.due(year, today) if d.state != "waiting"]
        return sum(1 for d in counted if d.done), len(counted)

    def _appraisal_decided(self, year: int) -> dt.date | None:
        row = (Appraisal.select(Appraisal.decided_on)
               .where(Appraisal.branch == self._branch(), Appraisal.year == year, Appraisal.decided_on.is_null(False))
               .order_by(Appraisal.id.desc()).first())
        return row.decided_on if row else None

    def _row(self, posting_id: int) -> OpennessPosting:
        row = OpennessPosting.get_or_none(OpennessPosting.id == posting_id, OpennessPosting.branch == self._branch())
        if row is None:
            raise NotFound("党务公开记录", posting_id)
        return row

    @staticmethod
    def _posting(row: OpennessPosting) -> Posting:
        return Posting(row.id, row.kind, row.title, row.body, row.covers_year, row.covers_part, row.posted_on,
                       row.place, row.hung_from, row.hung_to)

    @staticmethod
    def _checked(form: PostingForm) -> dict:
        errors: list[ValidationError] = []
        kind_name = labels.OPENNESS_KINDS.get(form.kind, "")
        if not kind_name:
            errors.append(ValidationError("kind", "unknown", "请选择公开内容的类别。"))
        title = bounded("title", "公开标题", clean_line(form.title), LINE_MAX)
        body = bounded("body", "公开内容", clean_text(form.body), TEXT_MAX)
        place = bounded("place", "公开地点", clean_line(form.place), LINE_MAX)
        if not place:
            errors.append(ValidationError("place", "required", "请填写公开地点，如「党务公开栏」。"))
        if form.kind in ("plan", "other") and not body:
            errors.append(ValidationError("body", "required", f"「{kind_name}」的公开内容取不到台账，请填写公开内容。"))
        if not 2000 <= form.covers_year <= 2100:
            errors.append(ValidationError("covers_year", "range", "请填写公开内容所属年度。"))
        if kind_name and form.covers_part not in rules.parts_of(form.kind):
            errors.append(ValidationError("covers_part", "range", f"「{kind_name}」的所属期间不对，请重新选择。"))
        for field, value, label in (("posted_on", form.posted_on, "公开日期"), ("hung_from", form.hung_from, "张贴起始日期"),
                                    ("hung_to", form.hung_to, "张贴截止日期")):
            if value is None:
                errors.append(ValidationError(field, "required", f"请填写{label}。"))
        if form.posted_on and form.posted_on > clock.today():
            errors.append(ValidationError("posted_on", "future", "公开日期不能晚于今天：张贴后再登记。"))
        if form.hung_from and form.posted_on and form.hung_from < form.posted_on:
            errors.append(ValidationError("hung_from", "early", "张贴起始日期早于公开日期，请改正。"))
        if form.hung_from and form.hung_to and form.hung_to < form.hung_from:
            errors.append(ValidationError("hung_to", "order", "张贴截止日期早于起始日期，请改正。"))
        if errors:
            raise ValidationErrors(errors)
        if not title:
            title = f"{rules.period_words(form.kind, form.covers_year, form.covers_part)}{kind_name}公开"
        return {"kind": form.kind, "title": title, "body": body, "covers_year": form.covers_year,
                "covers_part": form.covers_part, "posted_on": form.posted_on, "place": place,
                "hung_from": form.hung_from, "hung_to": form.hung_to}
