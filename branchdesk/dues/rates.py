"""How much a member pays a month: the rates of 《关于中国共产党党费收缴、使用和管理的规定》
(中组发〔2008〕3号), docs/domain.md §10.

Each band includes its upper bound: a wage of exactly 3,000.00 yuan pays 0.5 %, one of
3,000.01 pays 1 %. The percentage of the base is rounded to the fen, halves up. The
calculation says in words which band applies and how the amount comes out, so the
secretary can read it out to a member who asks."""

from __future__ import annotations

import decimal
from dataclasses import dataclass

from ..errors import ValidationError
from ..labels import DUES_CATEGORIES
from .money import yuan_words

CATEGORIES = DUES_CATEGORIES
# What the base is for the categories that pay a share of one.
BASE_NAMES = {"employed": "每月工资收入（税后）", "retired": "每月离退休费"}
# Categories that pay a fixed amount a month, whatever their income.
FIXED_CATEGORIES = ("farmer", "student", "unemployed", "low_income")
FIXED_FEN = 20  # 学生、下岗失业、低保: 0.2 yuan a month

FARMER_SETTING = "dues.farmer_fen"
DEFAULT_FARMER_FEN = 20
FARMER_RANGE = (20, 100)  # 0.2–1 yuan a month; each province fixes its amount


@dataclass(frozen=True)
class Band:
    up_to_fen: int | None  # the band's upper bound, included; None: no bound
    permille: int  # the rate in thousandths: 5 is 0.5 %


BANDS = {
    "employed": (Band(300_000, 5), Band(500_000, 10), Band(1_000_000, 15), Band(None, 20)),
    "retired": (Band(500_000, 5), Band(None, 10)),
}


@dataclass(frozen=True)
class Calculation:
    """The amount due a month and how it was reached, in words."""

    category: str
    base_fen: int | None
    due_fen: int  # what the rate asks
    usual_fen: int  # what the member pays a month: the due, or a larger voluntary amount
    band: str  # 「3,000元以上至5,000元（含）」, or 「固定标准」
    rate: str  # 「1%」 or 「每月0.20元」
    words: str

    @property
    def voluntary(self) -> bool:
        return self.usual_fen > self.due_fen


def percent(permille: int) -> str:
    return f"{decimal.Decimal(permille) / 10:f}".rstrip("0").rstrip(".") + "%"


def _bound(fen: int) -> str:
    return f"{fen // 100:,}元"


def _band_name(bands: tuple[Band, ...], index: int) -> str:
    band = bands[index]
    lower = bands[index - 1].up_to_fen if index else None
    if lower is None:
        return f"{_bound(band.up_to_fen)}（含）以下"
    if band.up_to_fen is None:
        return f"{_bound(lower)}以上"
    return f"{_bound(lower)}以上至{_bound(band.up_to_fen)}（含）"


def category_label(category: str) -> str:
    return CATEGORIES.get(category, category)


def calculate(category: str, base_fen: int | None = None, farmer_fen: int = DEFAULT_FARMER_FEN,
              voluntary_fen: int | None = None) -> Calculation:
    """The monthly amount for ``category`` (a key of CATEGORIES) and, for 在职 and 离退休,
    the monthly base in fen. ``voluntary_fen``: a larger amount the member chose to pay."""
    if category not in CATEGORIES:
        raise ValidationError("category", "choice", f"党员类别「{category}」不认识，请从 {'、'.join(CATEGORIES.values())} 中选择。")
    name = category_label(category)
    if category in BANDS:
        if base_fen is None or base_fen <= 0:
            raise ValidationError(
                "base", "required", f"{name}按{BASE_NAMES[category]}的比例交纳党费，请填写{BASE_NAMES[category]}（元）。"
            )
        bands = BANDS[category]
        index = next(i for i, band in enumerate(bands) if band.up_to_fen is None or base_fen <= band.up_to_fen)
        band = bands[index]
        exact = decimal.Decimal(base_fen) * band.permille / 1000
        due = int(exact.quantize(decimal.Decimal(1), rounding=decimal.ROUND_HALF_UP))
        band_text = _band_name(bands, index)
        base_yuan = yuan_words(base_fen)
        product = yuan_words(due) if exact == due else f"{(exact / 100).normalize():f}元，四舍五入到分为{yuan_words(due)}"
        words = (
            f"{name}，{BASE_NAMES[category]}{base_yuan}，在{band_text}这一档，按{percent(band.permille)}交纳："
            f"{base_yuan[:-1]} × {percent(band.permille)} = {product}。"
        )
        rate = percent(band.permille)
    else:
        if category == "farmer":
            due = farmer_fen
            rule = f"农民党员每月交纳{yuan_words(due)}（本支部的标准，在设置中可改，应在0.20元至1.00元之间）"
        else:
            due = FIXED_FEN
            rule = f"{name}每月交纳{yuan_words(due)}"
        band_text, rate, words = "固定标准", f"每月{yuan_words(due)}", f"{rule}。"
    usual = due
    if voluntary_fen is not None:
        if voluntary_fen < due:
            raise ValidationError(
                "voluntary", "too_small",
                f"自愿多交的金额{yuan_words(voluntary_fen)}少于按标准应交的{yuan_words(due)}；"
                "自愿多交只能多于应交金额，不多交请把这一格留空。",
            )
        if voluntary_fen > due:
            usual = voluntary_fen
            words += f"本人自愿每月多交，按{yuan_words(voluntary_fen)}交纳。"
    return Calculation(category, base_fen, due, usual, band_text, rate, words)


def check_farmer_fen(value: object) -> int:
    """The farmer amount setting, in fen, within 0.2–1 yuan."""
    if not isinstance(value, int) or isinstance(value, bool) or not FARMER_RANGE[0] <= value <= FARMER_RANGE[1]:
        raise ValidationError(
            "farmer_fen", "range", "农民党员每月交纳的党费应在0.20元至1.00元之间（按本省规定填写）。"
        )
    return value
