"""What a change of a member's status needs when it is made by hand (docs/domain.md §1, 党员状态的变更):
its real date and a reason; 已转出 and 开除党籍 only through the register that records them."""

from __future__ import annotations

import datetime as dt

from .. import labels
from ..errors import ErrorCollector

# Statuses a hand edit neither sets nor leaves: the register that makes them keeps the
# record behind them (the 介绍信 of a transfer, the discipline decision).
_TO_REGISTER = {
    "transferred": "党员转出要在「组织关系」页点「转出…」（命令行 branchdesk transfers out）办理：登记转往的党组织、"
                   "开具组织关系介绍信，党员状态随之改为「已转出」。",
    "expelled": "「开除党籍」由「奖惩」中的党纪处分记录产生，请在那里登记处分决定。",
}
_FROM_REGISTER = {
    "transferred": "{name}已转出。回到本支部要在「组织关系」页点「转入…」（branchdesk transfers in）办理；"
                   "转出登记有误的，在那里撤销该次转出。",
    "expelled": "{name}已被开除党籍；处分记录有误的，请在「奖惩」中更正或删除该记录。",
}


def by_hand(status: str) -> bool:
    """Whether a hand edit may set ``status`` (the edit dialog offers only these)."""
    return status not in _TO_REGISTER


def date_label(status: str) -> str:
    """What the day of a change to ``status`` is called on the form and in messages."""
    return "去世日期" if status == "deceased" else "状态变更日期"


def check_change(member, status: str, changed_on: dt.date | None, reason: str,
                 last_change: dt.date | None, today: dt.date) -> None:
    """Raise ValidationErrors unless ``member`` may go to ``status`` by hand on ``changed_on``
    for ``reason`` (already cleaned). ``last_change``: the day of their latest status line."""
    # on use: dates (its regexes, a dataclass) serves forms, not the roster's listing
    from ..dates import date_problem

    errors = ErrorCollector()
    if member.status in _FROM_REGISTER:
        errors.add("status", "register_only", _FROM_REGISTER[member.status].format(name=member.name))
    elif status in _TO_REGISTER:
        errors.add("status", "register_only", _TO_REGISTER[status])
    errors.raise_if_any()
    label = date_label(status)
    if changed_on is None:
        errors.add("status_changed_on", "required", f"党员状态改为「{labels.label(labels.MEMBER_STATUSES, status)}」，"
                                                     f"请填写「{label}」（实际变化的那一天）。")
    elif bad := date_problem(label, changed_on, today=today):
        errors.add("status_changed_on", *bad)
    elif changed_on < member.joined_on:
        errors.add("status_changed_on", "before_join",
                   f"「{label}」{changed_on:%Y-%m-%d} 早于入党日期 {member.joined_on:%Y-%m-%d}，请核对。")
    elif last_change is not None and changed_on < last_change:
        errors.add("status_changed_on", "before_history",
                   f"{member.name}在 {last_change:%Y-%m-%d} 已有党员状态变化，「{label}」不能早于它，请核对。")
    if not reason:
        errors.add("status_reason", "required",
                   f"党员状态由「{member.status_label}」改为「{labels.label(labels.MEMBER_STATUSES, status)}」，"
                   "请填写「状态变更原因」。")
    errors.raise_if_any()
