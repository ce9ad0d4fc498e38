"""Which years a bundle may be asked for (docs/domain.md §6.3): a bundle of a year with no
record would still take the next number and leave the branch's chain claiming a year it never
kept, so such a choice is refused before anything is written."""

from __future__ import annotations

from .. import clock
from ..errors import ValidationError
from . import ledger

_NOTHING_DONE = "没有生成数据包，编号未占用。"


def refuse_years_not_begun(archive, chosen: list[int] | None) -> None:
    """A year still to come, or one before the branch was founded (cheap: asked before reading)."""
    if not chosen:
        return
    this_year = clock.today().year
    later = [year for year in chosen if year > this_year]
    if later:
        raise ValidationError("years", "future", f"{_years(later)}年还没有到（今年是{this_year}年），"
                              f"不能导出这一年的数据包。{_NOTHING_DONE}")
    founded = archive.branch.own().founded_on
    earlier = [year for year in chosen if founded and year < founded.year]
    if earlier:
        raise ValidationError("years", "before_founding", f"{_years(earlier)}年早于本支部成立（{founded.year}年），"
                              f"没有这一年的记录，不能导出。{_NOTHING_DONE}")


def refuse_years_without_records(archive, chosen: list[int] | None, kept: list[int]) -> None:
    """Every chosen year must hold some year-bound record (``kept``: the years that do), or
    have been carried by an earlier bundle (its records deleted since: carried again, empty,
    so the upper level drops them — ``changes.EMPTIED``). An archive with no year-bound record
    at all may still send this year, carrying the roster."""
    allowed = set(kept) | {year for year in ledger.last_sent(archive.db) if year is not None}
    if not kept:
        allowed.add(clock.today().year)
    empty = [year for year in chosen or () if year not in allowed]
    if not empty:
        return
    have = f"有记录的年份：{_years(kept)}。" if kept else "档案库里还没有任何按年份的记录。"
    why = (f"早于档案库中最早的记录（{kept[0]}年）" if kept and all(year < kept[0] for year in empty)
           else "没有任何记录")
    raise ValidationError("years", "empty", f"{_years(empty)}年{why}，不能导出这一年的数据包。{have}{_NOTHING_DONE}")


def _years(years: list[int]) -> str:
    """2000—2023、2025: runs of years shortened, so a long range stays one readable line."""
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return "、".join(str(run[0]) if len(run) == 1 else f"{run[0]}—{run[-1]}" for run in runs)
