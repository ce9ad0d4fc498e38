"""A small indicator library for the 目标管理 tests: two 一级 indicators, five 二级, 100 points."""

from __future__ import annotations

import datetime as dt

from branchdesk.targets import IndicatorForm, InspectionHeader

LIBRARY = [
    IndicatorForm(1, "组织生活", 400, "", ""),
    IndicatorForm(2, "支部党员大会", 200, "每季度召开1次，少1次扣5分", "会议记录", "meetings.general"),
    IndicatorForm(2, "主题党日", 200, "每月开展1次，少1次扣2分", "活动记录、照片"),
    IndicatorForm(1, "制度落实", 600, "", ""),
    IndicatorForm(2, "谈心谈话", 300, "全覆盖得满分，按覆盖比例计分", "谈话记录", "talks.coverage"),
    IndicatorForm(2, "问题整改", 200, "整改完成率100%得满分", "整改台账", "rectification.rate"),
    IndicatorForm(2, "党费收缴", 100, "按时足额收缴", "党费收缴台账"),
]


def library_forms() -> list[IndicatorForm]:
    return [IndicatorForm(f.level, f.name, f.points_x10, f.scoring_rule, f.evidence_required, f.measure)
            for f in LIBRARY]


def header(day: dt.date) -> InspectionHeader:
    return InspectionHeader(day, "张三、李四", "中共测试镇委员会", "总体较好")


def score_all(archive, inspection_id: int, fraction: float = 1.0) -> None:
    """Every row scored (self and inspector) at ``fraction`` of its points."""
    detail = archive.targets.inspections.detail(inspection_id)
    values = {s.code: (round(s.points_x10 * fraction), round(s.points_x10 * fraction), "") for s in detail.scores}
    archive.targets.inspections.set_scores(inspection_id, values)
