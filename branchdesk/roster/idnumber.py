"""Citizen ID numbers (公民身份号码, GB 11643-1999): checking and masking."""

from __future__ import annotations

import datetime as dt
import re
from collections import namedtuple

from .. import clock
from ..errors import ValidationError
from ..patterns import compile_on_use
from ..text import clean_line

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
FIELD = "id_number"
# Only ASCII digits: str.isdigit() would also accept ² or ① and break the arithmetic.
_ID_SHAPE = compile_on_use(r"^[0-9]{17}[0-9X]$")
_ASCII_DIGITS = compile_on_use(r"^[0-9]+$")
# "1.10105E+17": what Excel shows for an ID number typed into a number cell.
_SCIENTIFIC = compile_on_use(r"^[0-9](\.[0-9]+)?E\+?[0-9]+$", re.IGNORECASE)
_RETYPE = "请对照本人身份证重新输入完整号码（先把这一列设为“文本”格式），不要自己补末几位。"
SPREADSHEET_NUMBER = (
    f"公民身份号码在表格里被存成了数字（显示为科学计数法或末几位变成 0），表格已把号码截断，后几位已经丢失。{_RETYPE}"
)
# A spreadsheet keeps 15 significant digits: an 18-digit ID that went through a number
# cell comes back with its sequence code and check digit as "000".
TRUNCATED = f"公民身份号码末三位是 000：多半是表格把号码当成数字截断了，后几位已经丢失。{_RETYPE}"
CUT_SUFFIX = "000"


# A named tuple, not a frozen dataclass: each of those cost ~0.5 ms of every start (issue 18).
class IdFacts(namedtuple("IdFacts", "number birth_date gender")):
    """An ID number (normalised), the birth date (``dt.date``) it encodes and the
    gender, "男" or "女", from its 17th digit."""

    __slots__ = ()


def check_digit(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS))
    return _CHECK_CHARS[total % 11]


def normalise(raw: str) -> str:
    """Strip spaces and invisible characters, full-width digits to ASCII, x to X."""
    text = clean_line(raw).replace(" ", "").replace("\u3000", "")
    text = text.translate({0xFF10 + i: ord("0") + i for i in range(10)})
    return text.translate({ord("x"): "X", 0xFF38: "X", 0xFF58: "X"})


def parse(raw: str) -> IdFacts:
    """Validate an ID number and return it normalised with the facts it encodes.

    Raises ValidationError with a Chinese reason that tells the user what to fix."""
    number = normalise(raw)
    if not number:
        raise ValidationError(FIELD, "required", "请填写公民身份号码。")
    if _SCIENTIFIC.match(number):
        raise ValidationError(FIELD, "spreadsheet_number", SPREADSHEET_NUMBER)
    if len(number) == 15 and _ASCII_DIGITS.match(number):
        raise ValidationError(
            FIELD,
            "old_15_digit",
            "这是旧的 15 位身份证号码，请改填本人现行的 18 位公民身份号码。",
        )
    if len(number) != 18:
        raise ValidationError(
            FIELD, "length", f"公民身份号码应为 18 位，现在是 {len(number)} 位，请核对。"
        )
    if not _ID_SHAPE.match(number):
        raise ValidationError(
            FIELD, "chars", "公民身份号码前 17 位应为数字，最后一位为数字或 X，请核对。"
        )
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(
            FIELD, "birth_date", f"公民身份号码中的出生日期 {number[6:14]} 不存在，请核对第 7–14 位。"
        ) from None
    if birth.year < 1900 or birth > clock.today():
        raise ValidationError(
            FIELD, "birth_date", f"公民身份号码中的出生日期 {number[6:14]} 不合理，请核对第 7–14 位。"
        )
    if number[17] != check_digit(number[:17]):
        if number.endswith(CUT_SUFFIX):
            raise ValidationError(FIELD, "truncated", TRUNCATED)
        # Never name the digit that would pass: typing it in makes a wrong number look right.
        raise ValidationError(
            FIELD, "check_digit", "公民身份号码校验不通过，其中有数字不对。请对照本人身份证逐位核对后重新输入。"
        )
    gender = "男" if int(number[16]) % 2 == 1 else "女"  # ASCII digit, checked above
    return IdFacts(number=number, birth_date=birth, gender=gender)


def mask(number: str | None) -> str:
    """``110105********002X``: region and last four shown, birth date hidden."""
    if not number:
        return ""
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]
