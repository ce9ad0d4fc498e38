"""Money as whole fen (分): read from what users type with Decimal, never floats, and
written back as yuan the way a receipt shows it."""

from __future__ import annotations

import decimal
import unicodedata

from ..errors import ValidationError

# No branch handles more than this in one entry; a larger number is a typing slip.
MAX_FEN = 100_000_000  # 1,000,000 yuan


def parse_yuan(text: object, what: str = "金额", allow_negative: bool = False, allow_zero: bool = False) -> int:
    """「3,000.01」「3000」「¥30.5」「30.50元」 -> fen. Refuses more than two decimals,
    anything that is not a number, and amounts out of range, naming ``what``."""
    if isinstance(text, int) and not isinstance(text, bool):
        value = decimal.Decimal(text)
    elif isinstance(text, decimal.Decimal):
        value = text
    else:
        raw = unicodedata.normalize("NFKC", str(text or "")).strip()
        cleaned = raw.replace(",", "").replace("，", "").replace(" ", "").removeprefix("¥").removeprefix("￥")
        cleaned = cleaned.removesuffix("元").removeprefix("人民币")
        if not cleaned:
            raise ValidationError("amount", "required", f"请填写{what}（单位：元，例如 30.00）。")
        try:
            value = decimal.Decimal(cleaned)
        except decimal.InvalidOperation:
            raise ValidationError(
                "amount", "number", f"{what}「{raw}」不是金额，请只写数字（单位：元，例如 3000.50）。"
            ) from None
    if not value.is_finite():
        raise ValidationError("amount", "number", f"{what}不是金额，请只写数字（单位：元）。")
    if value != value.quantize(decimal.Decimal("0.01")):
        raise ValidationError("amount", "decimals", f"{what}最多写到分（小数点后两位），请改正「{value}」。")
    fen = int(value * 100)
    if fen < 0 and not allow_negative:
        raise ValidationError("amount", "negative", f"{what}不能是负数。")
    if fen == 0 and not allow_zero:
        raise ValidationError("amount", "zero", f"{what}不能是 0。")
    if abs(fen) > MAX_FEN:
        raise ValidationError("amount", "range", f"{what}超过 100 万元，请检查是否多写了零。")
    return fen


def yuan(fen: int, grouped: bool = True) -> str:
    """12345 -> 「123.45」 (「3,000.00」 with thousands grouped)."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(int(fen)), 100)
    return f"{sign}{whole:,}.{cents:02d}" if grouped else f"{sign}{whole}.{cents:02d}"


def yuan_words(fen: int) -> str:
    """「30.00元」: an amount in a sentence."""
    return f"{yuan(fen)}元"
