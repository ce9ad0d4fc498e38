"""The auto-measures of an inspection's rows (mixed into ``InspectionManager``): compute
them, write each one's sentence into its row, and offer their natural scores as
self-scores — the user decides, and may change every one."""

from __future__ import annotations

import datetime as dt

from ..storage.target_models import Indicator, TargetScore

UNSET = ...  # "leave this value as it is" in ``set_score`` / ``set_scores``


class InspectionMeasures:
    def refresh_measures(self, inspection_id: int, today: dt.date | None = None) -> dict:
        """Compute the auto-measures of the inspection's rows and write each one's
        sentence into the row (``measured_text``). Returns {code: MeasureResult}."""
        self._archive.require_writable()
        row = self._draft(inspection_id)
        results = self.measures(inspection_id, today)
        with self._archive.db.atomic():
            for code, result in results.items():
                TargetScore.update(measured_text=result.explanation).where(
                    TargetScore.inspection == inspection_id, TargetScore.code == code).execute()
            self._log(row, "targets.inspection.measure", f"自动计量 {len(results)} 项指标")
        return results

    def measures(self, inspection_id: int, today: dt.date | None = None, codes: list[str] | None = None) -> dict:
        """{code: MeasureResult} for the rows whose indicator has an auto-measure (read
        only); ``codes`` limits it to those rows."""
        from .measures import measure

        summary = self.summary(inspection_id)
        plan = self._archive.targets.plans.get_or_none(summary.year)
        rows = list(TargetScore.select().where(TargetScore.inspection == inspection_id).order_by(TargetScore.position))
        keys = dict(Indicator.select(Indicator.id, Indicator.measure)
                    .where(Indicator.id.in_([r.indicator_id for r in rows if r.indicator_id])).tuples())
        found = {}
        for score in rows:
            if codes is not None and score.code not in codes:
                continue
            item = plan.item_for(score.code) if plan else None
            key = (item.measure if item else "") or keys.get(score.indicator_id, "")
            if key:
                found[score.code] = measure(self._archive, key, summary.period,
                                            item.target_value_x10 if item else None, today)
        return found

    def suggest_self_scores(self, inspection_id: int, today: dt.date | None = None, overwrite: bool = False) -> int:
        """Fill the self-scores of auto-measured rows with the measure's natural score
        (rows already self-scored are kept unless ``overwrite``). Returns rows filled."""
        results = self.refresh_measures(inspection_id, today)
        rows = {s.code: s for s in TargetScore.select().where(TargetScore.inspection == inspection_id)}
        values = {}
        for code, result in results.items():
            suggested = result.suggested_x10(rows[code].points_x10)
            if suggested is not None and (overwrite or rows[code].self_score_x10 is None):
                values[code] = (suggested, UNSET, UNSET)
        if values:
            self.set_scores(inspection_id, values)
        return len(values)
