"""The cross-branch dashboard: one row per branch × month of a year, computed, filtered
and sorted in one SQL statement over the narrow fact tables (both engines).

Per row:
* each required meeting kind (支部党员大会, 支委会, 党小组会 per group, 党课, 主题党日), with
  the branch's own required frequency: meetings held in the month, and the state of the
  period the month falls in — held (a meeting held in the period; for 党小组会 every
  group held one), missing (the period ended before the day asked and none was held),
  open (the period is still running), none (not required);
* 组织生活会 held and 民主评议 done for the year;
* open and overdue 整改 items as of the month's last day (or the day asked, if earlier);
* the year's latest filed inspection total and grade;
* 党费 (from ``upper_dues_month``): the month's collection rate (paid ÷ due), the members
  still owing, and what was handed over (上缴) in the month — blank when the branch's
  bundles carry no dues;
* 服务群众 (from ``upper_pledge``, ``upper_verdict``; docs/domain.md §15.5): the year's 实事
  done by their promised date of those due by the month's last day, and the year's
  群众评议 satisfaction of the committee — blank when the bundles carry none;
* 民情诉求 (from ``upper_masses_request``, docs/domain.md §14.6): of the year's requests
  due by the month's last day, the share 办结; of those 回访, the share 满意 or 基本满意;
  and how many are past their deadline and not 办结 — blank when the bundles carry none;
* ``missing``: how many required things are missing by then, and ``behind``
  (something missing or overdue) — the only-behind filter.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from .. import clock
from ..dues.money import yuan
from ..errors import ValidationError
from ..text import like_pattern, quoted
from .store import fetch_all

KINDS = (("general", "支部党员大会"), ("committee", "支委会"), ("group", "党小组会"), ("lecture", "党课"),
         ("theme_day", "主题党日"))
STATE_TEXT = {"held": "已开", "missing": "缺", "open": "未到期", "none": "不要求", "before_start": "建档前"}


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
# Sort keys: a column key, or a kind's "<kind>_held" / "<kind>_state".
_SORT_SQL = {
    "branch_name": "branch_name", "branch_code": "branch_code", "month": "month",
    "life_held": "life_held", "appraisal_done": "appraisal_done", "ledger_open": "ledger_open",
    "ledger_overdue": "ledger_overdue", "inspection_total": "inspection_total_x10",
    "inspection_grade": "inspection_grade", "missing": "missing",
    "dues_rate": "dues_paid * 1.0 / NULLIF(dues_due, 0)", "dues_handed": "dues_handed",
    "pledges": "pledges_done * 1.0 / NULLIF(pledges_due, 0)",
    "satisfaction": "(v_satisfied + v_basic) * 1.0 / NULLIF(v_satisfied + v_basic + v_unsatisfied, 0)",
    "masses_done": "masses_done * 1.0 / NULLIF(masses_due, 0)",
    "masses_satisfied": "masses_content * 1.0 / NULLIF(masses_revisited, 0)", "masses_overdue": "masses_overdue",
    **{k: f"{k}_period" for k, _ in KINDS}, **{f"{k}_held": f"{k}_month" for k, _ in KINDS},
    **{f"{k}_state": f"{k}_state" for k, _ in KINDS},
}


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


@dataclass(slots=True)
class DashboardRow:
    branch_id: int
    branch_name: str
    branch_code: str
    month: int
    kinds: dict[str, KindCell]
    life_held: bool
    appraisal_done: bool
    ledger_open: int
    ledger_overdue: int
    inspection_total_x10: int | None
    inspection_grade: str
    missing: int
    dues_due_fen: int | None = None  # None: no 党费 known for the month
    dues_paid_fen: int | None = None
    dues_unpaid: int | None = None
    dues_handed_fen: int | None = None
    pledges_due: int | None = None  # None: no 实事 known for the year
    pledges_done: int | None = None
    verdict: tuple[int, int, int, int] | None = None  # the committee's 群众评议; None: none known
    masses_due: int = 0  # 民情诉求 of the year due by then (deadline passed or 办结)
    masses_done: int = 0
    masses_overdue: int = 0
    masses_revisited: int = 0
    masses_content: int = 0  # 回访 满意 or 基本满意

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
        if key in self.kinds:
            return self.kinds[key].text
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


def _period(kind: str) -> str:
    """The month's period of ``kind`` (0, 1, … within the year; NULL when not required)."""
    return f"(m - 1) / NULLIF(freq_{kind}, 0)"


def _state_sql(kind: str) -> str:
    """The period's state: none / held / before_start (ended before the branch's 从何时开始
    记录, never counted) / missing (ended before the day asked) / open."""
    span = f"freq_{kind}"
    required = f"(CASE WHEN {span} = 0 THEN 0 ELSE {'group_count' if kind == 'group' else '1'} END)"
    period_end = f"(((month - 1) / NULLIF({span}, 0) + 1) * {span})"
    return (f"CASE WHEN {required} = 0 THEN 'none' WHEN {kind}_period >= {required} THEN 'held' "
            f"WHEN year * 100 + {period_end} < start_ym THEN 'before_start' "
            f"WHEN year * 100 + {period_end} < ym_as_of THEN 'missing' ELSE 'open' END AS {kind}_state, "
            f"{required} AS {kind}_required")


def build_sql(db, year: int, as_of: dt.date, months: tuple[int, int], search: str, only_behind: bool,
              sort: str, descending: bool, branch_ids: Sequence[int] | None = None) -> tuple[str, list]:
    """One statement. The year's held meetings are grouped once per branch × month
    (``mm``; distinct 党小组 per group period in ``gp``) and laid on a grid of branch ×
    the year's twelve months; a period's count is a window sum over its months (so a
    period reaching outside the months shown still counts whole). Open ledger items are
    counted per branch × month, the year's facts and 党费 joined; then the states, what is
    missing, the filters and the sort. No statement runs per branch or per cell.
    ``branch_ids``: only these branches (a window's first screen, ``branch_order``)."""
    first, last = months
    if not (1 <= first <= last <= 12):
        raise ValidationError("months", "range", f"月份范围 {first}–{last} 无效，请在 1 到 12 月之间选择，且起始月不晚于结束月。")
    if sort not in _SORT_SQL:
        raise ValidationError("sort", "choice", f"不能按{quoted(sort)}排序，可选：{'、'.join(sorted(_SORT_SQL))}。")
    values, params = [], []
    for month in range(1, 13):
        end = dt.date(year, month, calendar.monthrange(year, month)[1])
        values.append(f"({db.param}, {db.param})")
        params += [month, min(end, as_of).isoformat()]
    where, where_params = [], []
    if search.strip():
        where.append("(b.name LIKE ? ESCAPE '\\' OR b.code LIKE ? ESCAPE '\\')")
        where_params += [like_pattern(search.strip())] * 2
    if branch_ids is not None:
        where.append(f"b.id IN ({', '.join(['?'] * len(branch_ids))})" if branch_ids else "1 = 0")
        where_params += [int(i) for i in branch_ids]
    ym_as_of = as_of.year * 100 + as_of.month

    def within(column: str) -> str:
        """Some branches only: each scan of the fact tables asks for theirs by index."""
        return f" AND {column} IN (SELECT branch_id FROM b)" if where else ""

    # The year's 组织生活会 and 民主评议 are missing once the year is over, unless the whole
    # year was before the branch's records began.
    ended_year = f"({int(year)} * 100 + 12 < {ym_as_of} AND {int(year)} * 100 + 12 >= start_ym)"
    kinds = [k for k, _ in KINDS]
    plain = [k for k in kinds if k != "group"]
    per_month = ", ".join(f"SUM(CASE WHEN kind = '{k}' THEN 1 ELSE 0 END) AS {k}_n" for k in plain)
    month_counts = ", ".join(f"COALESCE(mm.{k}_n, 0) AS {k}_month" for k in plain)
    period_counts = ", ".join(
        f"CASE WHEN freq_{k} = 0 THEN 0 ELSE SUM({k}_month) OVER (PARTITION BY g.branch_id, {_period(k)}) END AS {k}_period"
        for k in plain)
    missing = " + ".join([f"(CASE WHEN {k}_state = 'missing' THEN 1 ELSE 0 END)" for k in kinds]
                         + [f"(CASE WHEN {ended_year} AND NOT COALESCE(life_held, FALSE) THEN 1 ELSE 0 END)",
                            f"(CASE WHEN {ended_year} AND NOT COALESCE(appraisal_done, FALSE) THEN 1 ELSE 0 END)"])
    sql = f"""
WITH months (m, day) AS (VALUES {', '.join(values)}),
b AS (
  SELECT b.id AS branch_id, b.name AS branch_name, b.code AS branch_code,
         b.freq_general, b.freq_committee, b.freq_group, b.freq_lecture, b.freq_theme_day,
         COALESCE(gc.n, 0) AS group_count, COALESCE(b.start_ym, 0) AS start_ym
  FROM upper_branch b
  LEFT JOIN (SELECT branch_id, COUNT(*) AS n FROM upper_group GROUP BY branch_id) gc ON gc.branch_id = b.id
  {('WHERE ' + ' AND '.join(where)) if where else ''}
),
mm AS (
  SELECT branch_id, month, {per_month}, COUNT(DISTINCT CASE WHEN kind = 'group' THEN group_key END) AS group_n
  FROM upper_meeting WHERE year = {int(year)} AND held{within('branch_id')}
  GROUP BY branch_id, month
),
gp AS (
  SELECT x.branch_id, (x.month - 1) / b.freq_group AS p, COUNT(DISTINCT x.group_key) AS n
  FROM upper_meeting x JOIN b ON b.branch_id = x.branch_id
  WHERE x.year = {int(year)} AND x.held AND x.kind = 'group' AND b.freq_group > 0{within('x.branch_id')}
  GROUP BY x.branch_id, (x.month - 1) / b.freq_group
),
g AS (
  SELECT b.*, mo.m, mo.day, {month_counts}, COALESCE(mm.group_n, 0) AS group_month
  FROM b CROSS JOIN months mo
  LEFT JOIN mm ON mm.branch_id = b.branch_id AND mm.month = mo.m
),
w AS (
  SELECT g.*, {period_counts}, COALESCE(gp.n, 0) AS group_period
  FROM g LEFT JOIN gp ON gp.branch_id = g.branch_id AND gp.p = {_period('group')}
),
lg AS (
  SELECT b.branch_id, mo.m, COUNT(*) AS ledger_open, SUM(CASE WHEN i.deadline < mo.day THEN 1 ELSE 0 END) AS ledger_overdue
  FROM b JOIN upper_ledger_item i ON i.branch_id = b.branch_id
  JOIN months mo ON i.created_on <= mo.day AND (i.closed_on IS NULL OR i.closed_on > mo.day)
  WHERE mo.m BETWEEN {int(first)} AND {int(last)}{within('i.branch_id')}
  GROUP BY b.branch_id, mo.m
),
pl AS (
  SELECT g.branch_id, g.m,
         SUM(CASE WHEN p.promised_by <= g.day OR p.done_on <= g.day THEN 1 ELSE 0 END) AS pledges_due,
         SUM(CASE WHEN p.done_on <= p.promised_by AND p.done_on <= g.day THEN 1 ELSE 0 END) AS pledges_done
  FROM g JOIN upper_pledge p ON p.branch_id = g.branch_id AND p.year = {int(year)}
  GROUP BY g.branch_id, g.m
),
mq AS (
  SELECT g.branch_id, g.m,
         SUM(CASE WHEN q.done_on <= g.day OR q.deadline < g.day THEN 1 ELSE 0 END) AS masses_due,
         SUM(CASE WHEN q.done_on <= g.day THEN 1 ELSE 0 END) AS masses_done,
         SUM(CASE WHEN q.deadline < g.day AND (q.done_on IS NULL OR q.done_on > g.day) THEN 1 ELSE 0 END)
           AS masses_overdue,
         SUM(CASE WHEN q.revisit_on <= g.day THEN 1 ELSE 0 END) AS masses_revisited,
         SUM(CASE WHEN q.revisit_on <= g.day AND q.satisfaction IN ('satisfied', 'basic') THEN 1 ELSE 0 END)
           AS masses_content
  FROM g JOIN upper_masses_request q ON q.branch_id = g.branch_id AND q.year = {int(year)} AND q.received_on <= g.day
  GROUP BY g.branch_id, g.m
),
c AS (
  SELECT w.*, {int(year)} AS year, w.m AS month, {ym_as_of} AS ym_as_of,
         COALESCE(lg.ledger_open, 0) AS ledger_open, COALESCE(lg.ledger_overdue, 0) AS ledger_overdue,
         y.life_held, y.appraisal_done, y.inspection_total_x10, COALESCE(y.inspection_grade, '') AS inspection_grade,
         d.due_fen AS dues_due, d.paid_fen AS dues_paid, d.unpaid AS dues_unpaid, d.handed_fen AS dues_handed,
         pl.pledges_due, pl.pledges_done, v.satisfied AS v_satisfied, v.basic AS v_basic,
         v.unsatisfied AS v_unsatisfied, v.unknown AS v_unknown,
         COALESCE(mq.masses_due, 0) AS masses_due, COALESCE(mq.masses_done, 0) AS masses_done,
         COALESCE(mq.masses_overdue, 0) AS masses_overdue, COALESCE(mq.masses_revisited, 0) AS masses_revisited,
         COALESCE(mq.masses_content, 0) AS masses_content
  FROM w
  LEFT JOIN lg ON lg.branch_id = w.branch_id AND lg.m = w.m
  LEFT JOIN upper_year y ON y.branch_id = w.branch_id AND y.year = {int(year)}
  LEFT JOIN upper_dues_month d ON d.branch_id = w.branch_id AND d.year = {int(year)} AND d.month = w.m
  LEFT JOIN pl ON pl.branch_id = w.branch_id AND pl.m = w.m
  LEFT JOIN upper_verdict v ON v.branch_id = w.branch_id AND v.year = {int(year)}
  LEFT JOIN mq ON mq.branch_id = w.branch_id AND mq.m = w.m
  WHERE w.m BETWEEN {int(first)} AND {int(last)}
),
s AS (SELECT c.*, {', '.join(_state_sql(k) for k in kinds)} FROM c),
r AS (SELECT s.*, {missing} AS missing FROM s)
SELECT branch_id, branch_name, branch_code, month,
       {', '.join(f'{k}_state, {k}_month, {k}_period, {k}_required' for k in kinds)},
       life_held, appraisal_done, ledger_open, ledger_overdue, inspection_total_x10, inspection_grade, missing,
       dues_due, dues_paid, dues_unpaid, dues_handed, pledges_due, pledges_done,
       v_satisfied, v_basic, v_unsatisfied, v_unknown,
       masses_due, masses_done, masses_overdue, masses_revisited, masses_content
FROM r
{'WHERE missing > 0 OR ledger_overdue > 0' if only_behind else ''}
ORDER BY {_SORT_SQL[sort]} {'DESC' if descending else 'ASC'}, branch_name, branch_id, month
"""
    return sql, params + where_params


def branch_order(db, search: str = "", descending: bool = False) -> list[int]:
    """The branches as the dashboard sorted by 支部 lists them (its default order), by id:
    a window shows its first screen from the first few (``dashboard(branch_ids=…)``)
    without computing every branch's rows first."""
    where, params = "", []
    if search.strip():
        where = "WHERE (b.name LIKE ? ESCAPE '\\' OR b.code LIKE ? ESCAPE '\\')"
        params = [like_pattern(search.strip())] * 2
    rows = fetch_all(db, f"SELECT b.id FROM upper_branch b {where} ORDER BY b.name {'DESC' if descending else 'ASC'}, "
                         "b.name, b.id", params)
    return [int(r[0]) for r in rows]


def dashboard(db, year: int, *, today: dt.date | None = None, search: str = "", only_behind: bool = False,
              months: tuple[int, int] = (1, 12), sort: str = "branch_name", descending: bool = False,
              branch_ids: Sequence[int] | None = None) -> Dashboard:
    as_of = today or clock.today()
    sql, params = build_sql(db, year, as_of, tuple(months), search, only_behind, sort, descending, branch_ids)
    rows = []
    with_pledges = {b for (b,) in fetch_all(db, f"SELECT DISTINCT branch_id FROM upper_pledge WHERE year = {db.param}",
                                            (int(year),))}
    keys = [(kind, 4 + 4 * n) for n, (kind, _) in enumerate(KINDS)]
    at = 4 + 4 * len(KINDS)
    for r in fetch_all(db, sql, params):
        kinds = {kind: KindCell(r[i], int(r[i + 1] or 0), int(r[i + 2] or 0), int(r[i + 3] or 0)) for kind, i in keys}
        pledges_due, pledges_done = r[at + 11], r[at + 12]
        tallies = r[at + 13:at + 17]
        has_pledges = r[0] in with_pledges  # due none yet this month is 0/0, not unknown
        rows.append(DashboardRow(r[0], r[1], r[2], int(r[3]), kinds, bool(r[at]), bool(r[at + 1]), int(r[at + 2]),
                                 int(r[at + 3]), r[at + 4], r[at + 5], int(r[at + 6]), *r[at + 7:at + 11],
                                 int(pledges_due or 0) if has_pledges else None, int(pledges_done or 0) if has_pledges
                                 else None, tuple(int(t) for t in tallies) if tallies[0] is not None else None,
                                 *(int(v or 0) for v in r[at + 17:at + 22])))
    filters = {"search": search, "only_behind": only_behind, "months": list(months), "sort": sort,
               "descending": descending}
    return Dashboard(year, as_of, rows, filters=filters)
