"""Reading the ``dues`` command's arguments (money in 元, months, the 党费 categories, a
member, the year), shared by ``commands/dues.py`` and ``commands/_dues_year.py``."""

from __future__ import annotations

from .. import labels
from ..errors import ValidationError
from ..text import quoted
from ._common import member_arg

MONTH_HELP = "月份，例如 2026-03"


def money_arg(text: str | None, what: str, allow_negative: bool = False) -> int | None:
    from ..dues import parse_yuan

    return None if text in (None, "") else parse_yuan(text, what, allow_negative=allow_negative)


def month_arg(text: str | None, what: str = "月份", default=None):
    from ..dues import months as mo

    return default if not text else mo.parse(text, what)


def category_arg(text: str) -> str:
    key = labels.key_for(labels.DUES_CATEGORIES_SHORT, text) or labels.key_for(labels.DUES_CATEGORIES, text)
    if key is None:
        raise ValidationError("category", "choice", f"类别{quoted(text)}无效，可选：{'、'.join(labels.DUES_CATEGORIES_SHORT.values())}。")
    return key


def member_id_arg(archive, name: str) -> int:
    return member_arg(archive, name, "党员", allow_other=False)[0]


def year_arg(args) -> int:
    from .. import clock

    return args.year or clock.today().year
