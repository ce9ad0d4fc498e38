"""Where an export goes unless the user says otherwise: the archive's ``exports/`` folder,
under a Chinese name that says what the file holds (「2025年2月支委会会议记录.pdf」).

A name already taken gets 「（2）」, 「（3）」… so that a default never overwrites a file;
only a name the user picks in the save dialog (which asks) replaces one."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from . import labels
from .fileio import make_private_folder
from .patterns import compile_on_use

# Characters Windows, macOS or Linux refuse in a file name, and control characters.
_UNSAFE = compile_on_use(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
# Names Windows reserves for devices, whatever the extension.
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
# Long enough for any paper's name; far below the 255 bytes file systems allow (3 per character).
MAX_STEM = 60


def safe_name(text: str, fallback: str = "导出") -> str:
    """``text`` fit for a file name on every system: unsafe characters become 「_」, blanks
    are folded, trailing dots and spaces (Windows drops them) are cut, and it is bounded."""
    stem = _UNSAFE.sub("_", re.sub(r"\s+", " ", text)).strip().rstrip(". ")
    stem = stem[:MAX_STEM].rstrip(". ")
    if not stem or stem.upper() in _RESERVED:
        return fallback
    return stem


def free_path(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/stem.suffix``, or with 「（2）」, 「（3）」… when that file exists."""
    folder = Path(folder)
    stem = safe_name(stem)
    path = folder / f"{stem}{suffix}"
    number = 2
    while path.exists():
        path = folder / f"{stem}（{number}）{suffix}"
        number += 1
    return path


def exports_folder(layout) -> Path:
    """The archive's exports folder, created (owner-only) when missing."""
    make_private_folder(layout.exports)
    return layout.exports


def default_path(layout, stem: str, suffix: str) -> Path:
    """Where an export named ``stem`` goes by default: a free name in the exports folder."""
    return free_path(exports_folder(layout), stem, suffix)


# -- what each paper is called -----------------------------------------------------------
# Records whose title names the kind already (「党课记录」, not 「党课会议记录」).
_OWN_RECORD_TITLES = {"lecture": "党课记录", "theme_day": "主题党日活动记录"}


def meeting_paper(kind: str, group_name: str, day: dt.date, which: str) -> str:
    """「2025年2月支委会会议记录」, 「2025年3月第一党小组会议通知」, 「2025年6月支部党员大会决议」, 「2025年2月支委会签到表」."""
    if kind == "group" and group_name:
        who = group_name if group_name.endswith("党小组") else f"{group_name}党小组"
    else:
        who = labels.label(labels.MEETING_KINDS, kind)
    if which == "resolution":
        what = "决议"
    elif which == "notice":
        what = "通知" if kind in _OWN_RECORD_TITLES else "会议通知"
    elif which == "signin":
        what = "签到表"
    elif kind in _OWN_RECORD_TITLES:
        who, what = "", _OWN_RECORD_TITLES[kind]
    else:
        what = "会议记录"
    return f"{day.year}年{day.month}月{who}{what}"


def meeting_detail_paper(detail, which: str) -> str:
    """:func:`meeting_paper` for a ``MeetingDetail``."""
    return meeting_paper(detail.form.kind, detail.group_name, detail.date, which)


def year_book(year: int) -> str:
    return f"{year}年会议记录汇编"


def life_paper(year: int, title: str) -> str:
    """「2025年度组织生活会情况报告」, 「2025年度民主评议党员登记表」."""
    return f"{year}年度{title}"


def rectification(year: int | None, public_pdf: bool) -> str:
    return f"{year}年" * (year is not None) + ("整改台账公示" if public_pdf else "整改台账")


def inspection(period_label: str) -> str:
    return f"{period_label}目标管理考核表"


def targets_year(year: int) -> str:
    return f"{year}年度目标管理档案"


def indicator_library(year: int, name: str = "") -> str:
    return name or f"{year}年度标杆指标库"


def yearbook(year: int) -> str:
    return f"{year}年度档案"


def roster(day: dt.date) -> str:
    return f"党员名册（{day.year}年{day.month}月{day.day}日）"


def dashboard(year: int) -> str:
    return f"{year}年各支部汇总"


def dues_receipt(receipt_no: str, name: str) -> str:
    return f"党费收据{receipt_no}（{name}）"


def dues_publicity(year: int, half: int | None) -> str:
    """「2026年上半年党费收缴情况公示」, 「2026年度党费收缴情况公示」."""
    period = f"{year}年度" if half is None else f"{year}年{'上' if half == 1 else '下'}半年"
    return f"{period}党费收缴情况公示"


def dues_register(year: int) -> str:
    return f"{year}年度党费收缴登记表"


def masses_ledger(year: int) -> str:
    return f"{year}年度民情台账"


def masses_request(code: str) -> str:
    return f"民情诉求办理单（{code}）"


def masses_template() -> str:
    return "联系户导入表"


def member_file(name: str, year: int) -> str:
    """「党员档案（张三，2026年）」."""
    return f"党员档案（{name}，{year}年）"


def transfer_letter(letter_no: str, name: str) -> str:
    """「党员组织关系介绍信〔2026〕第3号（张三）」."""
    return f"党员组织关系介绍信{letter_no}（{name}）"


def study_plan(year: int) -> str:
    """「2026年度学习计划」."""
    return f"{year}年度学习计划"


def study_file(year: int, name: str) -> str:
    """「2026年度学习档案（张三）」."""
    return f"{year}年度学习档案（{name}）"
