"""The dashboard's rows as Python sees them (dashboard.py builds them, dashboard_sql.py
computes them). A row is the query's tuple with its branch's facts appended, read by
name through properties: 3,600 rows are built in a few milliseconds, and a meeting
kind's cell (``KindCell``) is made only when something reads it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from operator import itemgetter

from ..dues.money import yuan

KINDS = (("general", "支部党员大会"), ("committee", "支委会"), ("group", "党小组会"), ("lecture", "党课"),
         ("theme_day", "主题党日"))
STATE_TEXT = {"held": "已开", "missing": "缺", "open": "未到期", "none": "不要求", "before_start": "建档前"}
# A period's state as the query returns it: its place here. In the order of the names, so
# that sorting by the number sorts as by the name did.
STATES = ("before_start", "held", "missing", "none", "open")


@dataclass(frozen=True)
class DashboardColumn:
    key: str
    label: str


COLUMNS = [
    DashboardColumn("branch_name", "支部"), DashboardColumn("branch_code", "代码"), DashboardColumn("month", "月份"),
    *[DashboardColumn(k, label) for k, label in KINDS],
    DashboardColumn("life_held", "组织生活会"), DashboardColumn("appraisal_done", "民主评议"),
    DashboardColumn("ledger_open", "整改未销号"), DashboardColumn("ledger_overdue", "整改逾期"),
    DashboardColumn("inspection_total", "考核得分"), DashboardColumn("inspection_grade", "考核等次"),
    DashboardColumn("dues_rate", "党费收缴"), DashboardColumn("dues_handed", "上缴党费（元）"),
    DashboardColumn("pledges", "实事按期完成"), DashboardColumn("satisfaction", "群众评议满意率"),
    DashboardColumn("masses_done", "诉求办结"), DashboardColumn("masses_satisfied", "群众满意"),
    DashboardColumn("masses_overdue", "诉求逾期"),
    DashboardColumn("missing", "缺项"),
]


@dataclass(slots=True)
class KindCell:
    state: str  # held / missing / open / none / before_start (the period ended before the branch's records begin)
    month_held: int  # meetings (for 党小组会: groups) held in the month
    period_held: int
    required: int  # per period: 1, or the number of groups; 0 = not required

    @property
    def text(self) -> str:
        if self.state in ("none", "before_start"):
            return STATE_TEXT[self.state]
        if self.required > 1:
            return f"{self.period_held}/{self.required}" + ("" if self.state == "held" else f" {STATE_TEXT[self.state]}")
        if self.state == "held":
            return f"已开{self.month_held}次" if self.month_held else "本期已开"
        return STATE_TEXT[self.state]


# A row: the query's columns in this order (dashboard_sql.py), then its branch's facts.
ROW_COLUMNS = ("branch_id", "month", *[f"{k}_{part}" for k, _ in KINDS for part in ("state", "month", "period")],
               "ledger_open", "ledger_overdue", "missing", "dues_due_fen", "dues_paid_fen", "dues_unpaid",
               "dues_handed_fen", "pledges_due_sum", "pledges_done_sum", "masses_due", "masses_done", "masses_overdue",
               "masses_revisited", "masses_content")
BRANCH_FACTS = ("branch_name", "branch_code", "life_held", "appraisal_done", "inspection_total_x10", "inspection_grade",
                "verdict", "has_pledges", *[f"{k}_required" for k, _ in KINDS])
_AT = {name: n for n, name in enumerate(ROW_COLUMNS + BRANCH_FACTS)}
_KIND_AT = {k: (_AT[f"{k}_state"], _AT[f"{k}_required"]) for k, _ in KINDS}


class DashboardRow(tuple):
    """One branch × month. Fields as attributes (``branch_name``, ``missing``,
    ``dues_paid_fen``, ``kinds`` …); ``text(key)`` is a cell as shown and exported."""

    __slots__ = ()

    def kind(self, key: str) -> KindCell:
        state, required = _KIND_AT[key]
        return KindCell(STATES[self[state]], self[state + 1], self[state + 2], self[required])

    @property
    def kinds(self) -> dict[str, KindCell]:
        return {k: self.kind(k) for k, _ in KINDS}

    @property
    def pledges_due(self) -> int | None:
        """None: no 实事 known for the year (a branch with some but none due yet this month has 0)."""
        return (self[_AT["pledges_due_sum"]] or 0) if self[_AT["has_pledges"]] else None

    @property
    def pledges_done(self) -> int | None:
        return (self[_AT["pledges_done_sum"]] or 0) if self[_AT["has_pledges"]] else None

    @property
    def pledges_text(self) -> str:
        """「2/3」 实事 done by their promised date of those due; blank when none is known."""
        return "" if self.pledges_due is None else f"{self.pledges_done}/{self.pledges_due}"

    @property
    def satisfaction(self) -> float | None:
        from ..service.rules import satisfaction_rate

        return None if self.verdict is None else satisfaction_rate(*self.verdict)

    @property
    def behind(self) -> bool:
        return self.missing > 0 or self.ledger_overdue > 0

    @property
    def inspection_total(self) -> float | None:
        return None if self.inspection_total_x10 is None else self.inspection_total_x10 / 10

    def text(self, key: str) -> str:
        if key in _KIND_AT:
            return self.kind(key).text
        if key == "month":
            return f"{self.month}月"
        if key in ("life_held", "appraisal_done"):
            return "已完成" if getattr(self, key) else "未完成"
        if key == "inspection_total":
            return "" if self.inspection_total is None else f"{self.inspection_total:g}"
        if key == "dues_rate":
            return self.dues_text
        if key == "dues_handed":
            return "" if not self.dues_handed_fen else yuan(self.dues_handed_fen)
        if key == "pledges":
            return self.pledges_text
        if key == "satisfaction":
            from ..service.rules import percent

            return "" if self.verdict is None else percent(self.satisfaction)
        if key == "masses_done":
            return _share_text(self.masses_done, self.masses_due)
        if key == "masses_satisfied":
            return _share_text(self.masses_content, self.masses_revisited)
        if key == "masses_overdue":
            return f"{self.masses_overdue}件" if self.masses_overdue else ""
        return str(getattr(self, key))

    @property
    def dues_rate(self) -> float | None:
        """Paid ÷ due for the month (1.0 when nothing was due), None when unknown."""
        if self.dues_due_fen is None:
            return None
        return 1.0 if not self.dues_due_fen else self.dues_paid_fen / self.dues_due_fen

    @property
    def dues_text(self) -> str:
        """「100%」, 「86%，3人未交」; blank when the branch's 党费 is not known."""
        if self.dues_rate is None:
            return ""
        percent = int(self.dues_rate * 100)  # rounded down: 99.6 % is not all paid
        return f"{percent}%" + (f"，{self.dues_unpaid}人未交" if self.dues_unpaid else "")

    def as_dict(self) -> dict:
        data = {k: getattr(self, k) for k in ("branch_id", "branch_name", "branch_code", "month", "life_held",
                                              "appraisal_done", "ledger_open", "ledger_overdue", "inspection_grade",
                                              "missing", "behind", "inspection_total")}
        data["dues"] = None if self.dues_due_fen is None else {
            "due_fen": self.dues_due_fen, "paid_fen": self.dues_paid_fen, "unpaid": self.dues_unpaid,
            "handed_fen": self.dues_handed_fen}
        data["pledges"] = None if self.pledges_due is None else {"due": self.pledges_due, "done": self.pledges_done}
        data["verdict"] = None if self.verdict is None else dict(zip(
            ("satisfied", "basic", "unsatisfied", "unknown"), self.verdict)) | {"rate": self.satisfaction}
        data["masses"] = {"due": self.masses_due, "done": self.masses_done, "overdue": self.masses_overdue,
                          "revisited": self.masses_revisited, "content": self.masses_content}
        data["meetings"] = {k: {"state": c.state, "month_held": c.month_held, "period_held": c.period_held,
                                "required": c.required} for k, c in self.kinds.items()}
        return data


# branch_id, branch_name, month, ledger_open, …: the tuple's items by name (the kinds' items
# are read through ``kind``, the 实事 sums through ``pledges_due`` / ``pledges_done``).
for _name, _at in _AT.items():
    if _name != "has_pledges" and not _name.endswith(("_state", "_month", "_period", "_required", "_sum")):
        setattr(DashboardRow, _name, property(itemgetter(_at)))


def _share_text(part: int, whole: int) -> str:
    """「8/9 88%」 (rounded down: 99.6 % is not all); blank when nothing counts yet."""
    return f"{part}/{whole} {part * 100 // whole}%" if whole else ""


@dataclass
class Dashboard:
    year: int
    as_of: dt.date
    rows: list[DashboardRow]
    columns: list[DashboardColumn] = field(default_factory=lambda: list(COLUMNS))
    filters: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"year": self.year, "as_of": self.as_of.isoformat(), "filters": self.filters,
                "columns": [[c.key, c.label] for c in self.columns], "rows": [r.as_dict() for r in self.rows]}
