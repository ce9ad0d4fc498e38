"""Writing the 发展党员 papers: each reads what it needs now and returns the work that
writes the file, so the window can run it in a worker (docs/design.md rule 7)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from .. import clock
from ..errors import ValidationError
from ..storage.binding import uses_archive
from ..text import quoted
from .papers import (
    DEFAULT_PUBLICITY_DAYS,
    NOTICE_KINDS,
    PUBLICITY_SETTING,
    ledger_paper,
    notice_paper,
    record_paper,
)

# Which stage a person must have reached for each 公示.
NOTICE_STAGES = {"candidate": ("activist", "candidate"), "full": ("probationary",)}


PUBLICITY_RANGE = (1, 30)  # working days; a 公示 beyond six weeks is no 公示 anyone reads


def publicity_days(archive) -> int:
    """The branch's 公示 length in working days (设置, or ``branchdesk recruit publicity-days``)."""
    return int(archive.settings.get(PUBLICITY_SETTING) or DEFAULT_PUBLICITY_DAYS)


def check_publicity_days(days: int) -> int:
    low, high = PUBLICITY_RANGE
    if not low <= days <= high:
        raise ValidationError("publicity_days", "range", f"公示期应为 {low} 到 {high} 个工作日，请改正。")
    return days


def set_publicity_days(archive, days: int) -> None:
    archive.settings.set(PUBLICITY_SETTING, check_publicity_days(days))


def _suffix(path: Path, allowed: tuple[str, ...], what: str) -> str:
    suffix = path.suffix.lower()
    if suffix not in allowed:
        raise ValidationError("out", "suffix", f"导出文件{quoted(path.name)}的扩展名应为 {' 或 '.join(allowed)}（{what}）。")
    return suffix


def record_name(name: str) -> str:
    return f"发展党员工作全程纪实表（{name}）"


def notice_name(kind: str, names: list[str]) -> str:
    return f"{'、'.join(names[:3])}{'等' if len(names) > 3 else ''}{NOTICE_KINDS[kind]}公示"


def ledger_name(year: int) -> str:
    return f"{year}年度发展党员工作台账"


@uses_archive
def record_job(archive, person_id: int, path) -> Callable:
    from ..papers import render

    path = Path(path)
    _suffix(path, (".pdf",), "全程纪实表")
    own = archive.branch.own()
    paper = record_paper(archive.recruit.dossier(person_id), own.name, own.code or "")
    return lambda progress=None: render(paper, path, progress=progress)


@uses_archive
def notice_job(archive, person_ids: list[int], kind: str, path, start: dt.date | None = None,
               days: int | None = None, phone: str = "") -> Callable:
    from ..papers import render

    path = Path(path)
    _suffix(path, (".pdf",), "公示")
    if not person_ids:
        raise ValidationError("people", "required", "请选择要公示的人。")
    dossiers = [archive.recruit.dossier(pid) for pid in person_ids]
    wrong = [d.name for d in dossiers if d.stage not in NOTICE_STAGES[kind]]
    if wrong:
        need = "入党积极分子或发展对象" if kind == "candidate" else "预备党员"
        raise ValidationError("people", "stage", f"{'、'.join(wrong)}不是{need}，不能{NOTICE_KINDS[kind]}公示。")
    days = check_publicity_days(days or publicity_days(archive))
    own = archive.branch.own()
    paper = notice_paper(dossiers, kind, own.name, start or clock.today(), days, own.code or "", phone)
    return lambda progress=None: render(paper, path, progress=progress)


@uses_archive
def ledger_job(archive, year: int, path) -> Callable:
    """.pdf or .xlsx of the people with a step in ``year``."""
    from ..papers import render
    from .ledger_xlsx import write_ledger_xlsx

    path = Path(path)
    suffix = _suffix(path, (".pdf", ".xlsx"), "台账")
    dossiers = [archive.recruit.dossier(pid) for pid in archive.recruit.person_ids()]
    own = archive.branch.own()
    if suffix == ".xlsx":
        return lambda progress=None: write_ledger_xlsx(dossiers, year, path, own.name)
    paper = ledger_paper(dossiers, year, own.name, own.code or "")
    return lambda progress=None: render(paper, path, progress=progress)
