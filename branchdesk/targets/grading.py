"""Grades from totals: the thresholds are an archive setting (they travel with the
archive), copied into each inspection when its total is computed, so a filed
inspection keeps the grade scale it was judged by."""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..errors import ErrorCollector, ValidationError
from ..text import quoted
from .points import parse_tenths, tenths_text

SETTING = "targets.grade_thresholds"
DEFAULT = {"bands": [["优秀", 97], ["合格", 90], ["基本合格", 86]], "below": "不合格"}


@dataclass(frozen=True)
class Thresholds:
    """``bands``: (grade, lowest total in tenths on a 100-point scale), best first;
    a total below every band gets ``below``."""

    bands: tuple[tuple[str, int], ...]
    below: str

    def grade(self, total_x10: int | None, total_points_x10: int = 1000) -> str:
        if total_x10 is None:
            return ""
        on_hundred = total_x10 * 1000 / total_points_x10 if total_points_x10 else 0
        for name, lowest in self.bands:
            if on_hundred >= lowest:
                return name
        return self.below

    def sentence(self) -> str:
        parts = [f"{name}{tenths_text(lowest)}分以上" for name, lowest in self.bands]
        return "、".join(parts) + f"，其余为{self.below}（按百分制折算）"

    def as_setting(self) -> dict:
        return {"bands": [[name, lowest / 10 if lowest % 10 else lowest // 10] for name, lowest in self.bands],
                "below": self.below}

    def as_json(self) -> str:
        return json.dumps(self.as_setting(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_setting(cls, value) -> Thresholds:
        return clean_thresholds(value)


def clean_thresholds(value) -> Thresholds:
    """Checks a thresholds value (the setting's shape, or a Thresholds): grade names
    filled and distinct, each lowest total between 0 and 100 and strictly lower than the
    band above it."""
    if isinstance(value, Thresholds):
        value = value.as_setting()
    errors = ErrorCollector()
    if not isinstance(value, dict) or not isinstance(value.get("bands"), list) or not value["bands"]:
        raise ValidationError("thresholds", "shape", "等次标准至少要有一个等次（如 优秀 97 分）。")
    bands: list[tuple[str, int]] = []
    for n, band in enumerate(value["bands"], start=1):
        if not isinstance(band, (list, tuple)) or len(band) != 2:
            errors.add("thresholds", "shape", f"第 {n} 个等次应写成 等次名称 和 最低分。")
            continue
        name = str(band[0] or "").strip()
        if not name:
            errors.add("thresholds", "name", f"第 {n} 个等次没有名称。")
        lowest = errors.check(parse_tenths, band[1], "thresholds", f"{quoted(name or n, '「」')}的最低分")
        if lowest is not None and lowest > 1000:
            errors.add("thresholds", "range", f"{quoted(name, '「」')}的最低分 {tenths_text(lowest)} 超过 100 分。")
        if lowest is not None and bands and lowest >= bands[-1][1]:
            errors.add("thresholds", "order",
                       f"{quoted(name, '「」')}的最低分 {tenths_text(lowest)} 应低于上一等次{quoted(bands[-1][0], '「」')}的 "
                       f"{tenths_text(bands[-1][1])} 分：等次从高到低排列。")
        if lowest is not None:
            bands.append((name, lowest))
    below = str(value.get("below") or "不合格").strip()
    names = [name for name, _ in bands] + [below]
    if len(set(names)) != len(names):
        errors.add("thresholds", "duplicate", f"等次名称有重复：{'、'.join(names)}。")
    errors.raise_if_any()
    return Thresholds(tuple(bands), below)


def thresholds(archive) -> Thresholds:
    try:
        return clean_thresholds(archive.settings.get(SETTING))
    except ValidationError:  # a damaged stored value: fall back to the default scale
        return clean_thresholds(DEFAULT)


def set_thresholds(archive, value) -> Thresholds:
    cleaned = clean_thresholds(value)
    archive.settings.set(SETTING, cleaned.as_setting())
    return cleaned


def stored(text: str, fallback: Thresholds) -> Thresholds:
    """The thresholds an inspection was graded with (its ``thresholds`` column)."""
    if not text:
        return fallback
    try:
        return clean_thresholds(json.loads(text))
    except (ValueError, ValidationError):
        return fallback
