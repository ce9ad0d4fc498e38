"""``archive.targets.plans``: the yearly plan — the 二级 indicators the branch is held to
that year, each with its target in words and, where it is a number, its value.
``adopt_library`` fills a plan from the year's library in one go (targets of
auto-measured indicators follow from the branch's settings); plans are adjusted
during the year, so they are not sealed, and every change is in the audit log."""

from __future__ import annotations

import datetime as dt

from .. import clock
from ..errors import Conflict, ErrorCollector, NotFound, ValidationError
from ..storage.target_models import Indicator, IndicatorLibrary, TargetPlan, TargetPlanItem
from ..text import LINE_MAX, TEXT_MAX, bounded, clean_line, clean_text
from .forms import PlanDetail, PlanItem, PlanItemForm
from .measures import default_target
from .points import tenths_text
from .scoped import BranchScoped


class PlanManager(BranchScoped):
    # -- reading ---------------------------------------------------------------
    def years(self) -> list[int]:
        return self._years_of(TargetPlan)

    def plan_id(self, year: int) -> int | None:
        row = self._year_row(TargetPlan, year)
        return row.id if row else None

    def get_or_none(self, year: int) -> PlanDetail | None:
        row = self._year_row(TargetPlan, year)
        if row is None:
            return None
        library = IndicatorLibrary.get_by_id(row.library_id)
        indicators = {i.id: i for i in Indicator.select().where(Indicator.library == row.library_id)}
        items = []
        for item in (TargetPlanItem.select().where(TargetPlanItem.plan == row.id)
                     .order_by(TargetPlanItem.position, TargetPlanItem.id)):
            ind = indicators[item.indicator_id]
            parent = indicators.get(ind.parent_id)
            items.append(PlanItem(item.id, ind.id, ind.code, ind.name, parent.code if parent else "",
                                  parent.name if parent else "", ind.points_x10, ind.scoring_rule,
                                  item.measure or ind.measure, item.target_text, item.target_value_x10, item.note))
        items.sort(key=lambda i: indicators[i.indicator_id].position)
        return PlanDetail(row.id, row.year, row.library_id, library.name, row.note, row.adopted_on, items)

    def get(self, year: int) -> PlanDetail:
        found = self.get_or_none(year)
        if found is None:
            raise NotFound(f"{year} 年度目标计划", "尚未制定")
        return found

    # -- writing ---------------------------------------------------------------
    def adopt_library(self, year: int, note: str = "", adopted_on: dt.date | None = None) -> int:
        """Make (or complete) ``year``'s plan from ``year``'s library: every 二级
        indicator not yet in the plan is added with a default target (from its
        auto-measure, else its scoring rule); targets already set are kept. ``adopted_on``:
        the day the branch set its targets (today by default). Returns the plan's id."""
        self._archive.require_writable()
        library = self._archive.targets.library.get(year)
        note = bounded("note", "计划说明", clean_text(note), TEXT_MAX)
        now = clock.now().isoformat(sep=" ")
        with self._archive.db.atomic():
            plan = self._year_row(TargetPlan, year)
            if plan is None:
                plan = TargetPlan.create(branch=self._branch_id, year=year, library=library.id, note=note,
                                         adopted_on=adopted_on or clock.today(), created_at=now, updated_at=now)
            elif note:
                TargetPlan.update(note=note, updated_at=now).where(TargetPlan.id == plan.id).execute()
            have = {r.indicator_id for r in TargetPlanItem.select(TargetPlanItem.indicator).where(
                TargetPlanItem.plan == plan.id)}
            added = 0
            for position, row in enumerate(library.seconds, start=1):
                if row.id in have:
                    continue
                text, value = default_target(self._archive, row.measure, year) if row.measure else ("", None)
                TargetPlanItem.create(plan=plan.id, indicator=row.id, position=position,
                                      target_text=text or _target_from_rule(row.scoring_rule),
                                      target_value_x10=value, measure=row.measure)
                added += 1
            self._archive.audit.record("targets.plan.adopt", f"{year} 年度目标计划采用指标库（新增 {added} 项）",
                                       "target_plan", plan.id, {"added": added})
        return plan.id

    def save_item(self, item_id: int, form: PlanItemForm) -> None:
        """Set one indicator's target."""
        self._archive.require_writable()
        item = self._item(item_id)
        errors = ErrorCollector()
        text = errors.check(bounded, "target_text", "目标", clean_line(form.target_text), LINE_MAX)
        note = errors.check(bounded, "note", "备注", clean_text(form.note), TEXT_MAX)
        value = form.target_value_x10
        if value is not None and not 0 <= value <= 100000:
            errors.add("target_value", "range", f"目标值 {tenths_text(value)} 不合理，请填写 0 到 10000 之间的数。")
        errors.raise_if_any()
        indicator = Indicator.get_by_id(item.indicator_id)
        with self._archive.db.atomic():
            TargetPlanItem.update(target_text=text, target_value_x10=value, note=note).where(
                TargetPlanItem.id == item_id).execute()
            TargetPlan.update(updated_at=clock.now().isoformat(sep=" ")).where(TargetPlan.id == item.plan_id).execute()
            self._archive.audit.record("targets.plan.item", f"目标计划：{indicator.code} {indicator.name} → {text}",
                                       "target_plan", item.plan_id, {"item": item_id})

    def add_item(self, year: int, indicator_id: int) -> int:
        """Hold the branch to one more indicator of the year's library."""
        self._archive.require_writable()
        plan = self.get(year)
        indicator = Indicator.get_or_none(Indicator.id == indicator_id, Indicator.library == plan.library_id)
        if indicator is None or indicator.parent_id is None:
            raise ValidationError("indicator", "choice", "只能把本年度指标库中的二级指标列入目标计划。")
        if any(i.indicator_id == indicator_id for i in plan.items):
            raise Conflict(f"指标「{indicator.code} {indicator.name}」已在目标计划中。")
        text, value = default_target(self._archive, indicator.measure, year) if indicator.measure else ("", None)
        with self._archive.db.atomic():
            row = TargetPlanItem.create(plan=plan.id, indicator=indicator_id, position=indicator.position,
                                        target_text=text, target_value_x10=value, measure=indicator.measure)
            self._archive.audit.record("targets.plan.item", f"目标计划增加：{indicator.code} {indicator.name}",
                                       "target_plan", plan.id, {"item": row.id})
        return row.id

    def remove_item(self, item_id: int) -> None:
        self._archive.require_writable()
        item = self._item(item_id)
        indicator = Indicator.get_by_id(item.indicator_id)
        with self._archive.db.atomic():
            TargetPlanItem.delete().where(TargetPlanItem.id == item_id).execute()
            self._archive.audit.record("targets.plan.item", f"目标计划移除：{indicator.code} {indicator.name}",
                                       "target_plan", item.plan_id, {"removed": item_id})

    def save_note(self, year: int, note: str) -> None:
        self._archive.require_writable()
        plan = self.get(year)
        note = bounded("note", "计划说明", clean_text(note), TEXT_MAX)
        with self._archive.db.atomic():
            TargetPlan.update(note=note, updated_at=clock.now().isoformat(sep=" ")).where(
                TargetPlan.id == plan.id).execute()
            self._archive.audit.record("targets.plan.note", f"修改 {year} 年度目标计划说明", "target_plan", plan.id)

    def delete(self, year: int) -> None:
        self._archive.require_writable()
        plan = self.get(year)
        with self._archive.db.atomic():
            TargetPlanItem.delete().where(TargetPlanItem.plan == plan.id).execute()
            TargetPlan.delete().where(TargetPlan.id == plan.id).execute()
            self._archive.audit.record("targets.plan.delete", f"删除 {year} 年度目标计划", "target_plan", plan.id)

    def _item(self, item_id: int) -> TargetPlanItem:
        item = (TargetPlanItem.select().join(TargetPlan)
                .where(TargetPlanItem.id == item_id, TargetPlan.branch == self._branch_id).first())
        if item is None:
            raise NotFound("目标计划中的指标", item_id)
        return item


def _target_from_rule(rule: str) -> str:
    """Without an auto-measure the target is what the scoring rule asks for: its first
    sentence (「每月召开1次支委会」), before the deductions."""
    first = rule.replace("\n", "。").split("。")[0].strip()
    return first[:LINE_MAX] if first else "达到评分标准要求"
