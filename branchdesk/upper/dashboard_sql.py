"""The dashboard's one statement (dashboard.py). It returns, per branch × month, the
columns of ``dashboard_rows.ROW_COLUMNS`` in that order — small integers mostly, a
period's state as its place in STATES; the branch's name, year facts and 群众评议 come
once per branch from ``branch_facts_sql`` (fetching the same strings 12 times over was
a fifth of the dashboard's time)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence

from ..errors import ValidationError
from ..text import like_pattern, quoted
from .dashboard_rows import KINDS, STATES

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


def _period(kind: str) -> str:
    """The month's period of ``kind`` (0, 1, … within the year; NULL when not required)."""
    return f"(m - 1) / NULLIF(freq_{kind}, 0)"


def _period_sum(kind: str) -> str:
    """The meetings of ``kind`` held in the month's period (a period reaching past
    December counts the months there are): the running sum ``{kind}_run`` at the
    period's last month less that before its first, read with LEAD / LAG over the one
    window ``mw`` (branch, month). A window per kind's period sorted the grid once per
    kind; PostgreSQL keeps this one's order from the running sums."""
    span = f"(CASE WHEN freq_{kind} > 0 THEN freq_{kind} ELSE 1 END)"
    end = f"((m - 1) / {span} + 1) * {span}"
    return (f"CASE WHEN freq_{kind} = 0 THEN 0 ELSE "
            f"LEAD({kind}_run, (CASE WHEN {end} > 12 THEN 12 ELSE {end} END) - m, 0) OVER mw "
            f"- LAG({kind}_run, m - ((m - 1) / {span}) * {span}, 0) OVER mw END")


def _required(kind: str) -> str:
    """Meetings of ``kind`` required per period: 0 (not required), 1, or for 党小组会 one
    per group."""
    return f"(CASE WHEN freq_{kind} = 0 THEN 0 ELSE {'group_count' if kind == 'group' else '1'} END)"


def _state_sql(kind: str) -> str:
    """The period's state (its place in STATES): none / held / before_start (ended
    before the branch's 从何时开始记录, never counted) / missing (ended before the day
    asked) / open."""
    span = f"freq_{kind}"
    required = _required(kind)
    period_end = f"(((month - 1) / NULLIF({span}, 0) + 1) * {span})"
    code = {name: n for n, name in enumerate(STATES)}
    return (f"CASE WHEN {required} = 0 THEN {code['none']} WHEN {kind}_period >= {required} THEN {code['held']} "
            f"WHEN year * 100 + {period_end} < start_ym THEN {code['before_start']} "
            f"WHEN year * 100 + {period_end} < ym_as_of THEN {code['missing']} ELSE {code['open']} END AS {kind}_state")


def build_sql(year: int, as_of: dt.date, months: tuple[int, int], search: str, only_behind: bool,
              sort: str, descending: bool, branch_ids: Sequence[int] | None = None) -> tuple[str, list]:
    """One statement. The year's held meetings are grouped once per branch × month
    (``mm``; distinct 党小组 per group period in ``gp``, read only for branches whose
    党小组会 period is longer than a month: for a monthly one it is ``mm``'s count, and
    the usual branch holds them monthly, so the second pass over the meetings was a
    seventh of the dashboard's time) and laid on a grid of branch ×
    the year's twelve months; a period's count is the difference of running sums at its
    ends (``_period_sum``; a period reaching outside the months shown still counts
    whole). Open ledger items are
    counted per branch × month (each item read once, tried against the twelve days;
    SQLite's ``CROSS JOIN`` keeps that order, where it otherwise searched the items again
    per month), the year's facts and 党费 joined; then the states, what is
    missing, the filters and the sort. No statement runs per branch or per cell.
    ``branch_ids``: only these branches (a window's first screen, ``branch_order``)."""
    first, last = months
    if not (1 <= first <= last <= 12):
        raise ValidationError("months", "range", f"月份范围 {first}–{last} 无效，请在 1 到 12 月之间选择，且起始月不晚于结束月。")
    if sort not in _SORT_SQL:
        raise ValidationError("sort", "choice", f"不能按{quoted(sort)}排序，可选：{'、'.join(sorted(_SORT_SQL))}。")
    # The twelve days are written into the statement (dates this function makes, never
    # text from outside): with only the search as a parameter, PostgreSQL plans a
    # prepared statement once (a generic plan) instead of again at every run.
    days = [min(dt.date(year, month, calendar.monthrange(year, month)[1]), as_of).isoformat()
            for month in range(1, 13)]
    values = [f"({month}, '{day}')" for month, day in enumerate(days, start=1)]
    where, where_params = branch_filter(search, branch_ids)
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
    running = ", ".join(f"SUM(COALESCE(mm.{k}_n, 0)) OVER mw AS {k}_run" for k in plain)
    period_counts = ", ".join(f"{_period_sum(k)} AS {k}_period" for k in plain)
    missing = " + ".join([f"(CASE WHEN {k}_state = {STATES.index('missing')} THEN 1 ELSE 0 END)" for k in kinds]
                         + [f"(CASE WHEN {ended_year} AND NOT COALESCE(life_held, FALSE) THEN 1 ELSE 0 END)",
                            f"(CASE WHEN {ended_year} AND NOT COALESCE(appraisal_done, FALSE) THEN 1 ELSE 0 END)"])
    sql = f"""
WITH months (m, day) AS (VALUES {', '.join(values)}),
b AS ({_branches(where)}),
mm AS (
  SELECT branch_id, month, {per_month}, COUNT(DISTINCT CASE WHEN kind = 'group' THEN group_key END) AS group_n
  FROM upper_meeting WHERE year = {int(year)} AND held{within('branch_id')}
  GROUP BY branch_id, month
),
gp AS (
  SELECT x.branch_id, (x.month - 1) / b.freq_group AS p, COUNT(DISTINCT x.group_key) AS n
  FROM b CROSS JOIN upper_meeting x
  WHERE x.branch_id = b.branch_id AND x.year = {int(year)} AND x.held AND x.kind = 'group' AND b.freq_group > 1
  GROUP BY x.branch_id, (x.month - 1) / b.freq_group
),
g AS (
  SELECT b.branch_id, {', '.join(f'b.freq_{k}' for k in kinds)}, mo.m, {month_counts},
         COALESCE(mm.group_n, 0) AS group_month,
         CASE WHEN b.freq_group = 1 THEN COALESCE(mm.group_n, 0) ELSE COALESCE(gp.n, 0) END AS group_period, {running}
  FROM b CROSS JOIN months mo
  LEFT JOIN mm ON mm.branch_id = b.branch_id AND mm.month = mo.m
  LEFT JOIN gp ON gp.branch_id = b.branch_id AND gp.p = {_period('group')}
  WINDOW mw AS (PARTITION BY b.branch_id ORDER BY mo.m)
),
w AS (
  SELECT branch_id, m, {', '.join(f'{k}_month' for k in plain)}, group_month, {period_counts}, group_period
  FROM g WINDOW mw AS (PARTITION BY branch_id ORDER BY m)
),
lg AS (
  SELECT i.branch_id, mo.m, COUNT(*) AS ledger_open, SUM(CASE WHEN i.deadline < mo.day THEN 1 ELSE 0 END) AS ledger_overdue
  FROM upper_ledger_item i CROSS JOIN months mo
  WHERE i.created_on <= mo.day AND (i.closed_on IS NULL OR i.closed_on > mo.day)
    AND mo.m BETWEEN {int(first)} AND {int(last)}{within('i.branch_id')}
    AND i.created_on <= '{days[last - 1]}' AND (i.closed_on IS NULL OR i.closed_on > '{days[first - 1]}')
    -- open at some day shown: fewer to try
  GROUP BY i.branch_id, mo.m
),
pl AS (
  SELECT p.branch_id, mo.m,
         SUM(CASE WHEN p.promised_by <= mo.day OR p.done_on <= mo.day THEN 1 ELSE 0 END) AS pledges_due,
         SUM(CASE WHEN p.done_on <= p.promised_by AND p.done_on <= mo.day THEN 1 ELSE 0 END) AS pledges_done
  FROM b JOIN upper_pledge p ON p.branch_id = b.branch_id AND p.year = {int(year)} CROSS JOIN months mo
  GROUP BY p.branch_id, mo.m
),
mq AS (
  SELECT q.branch_id, mo.m,
         SUM(CASE WHEN q.done_on <= mo.day OR q.deadline < mo.day THEN 1 ELSE 0 END) AS masses_due,
         SUM(CASE WHEN q.done_on <= mo.day THEN 1 ELSE 0 END) AS masses_done,
         SUM(CASE WHEN q.deadline < mo.day AND (q.done_on IS NULL OR q.done_on > mo.day) THEN 1 ELSE 0 END)
           AS masses_overdue,
         SUM(CASE WHEN q.revisit_on <= mo.day THEN 1 ELSE 0 END) AS masses_revisited,
         SUM(CASE WHEN q.revisit_on <= mo.day AND q.satisfaction IN ('satisfied', 'basic') THEN 1 ELSE 0 END)
           AS masses_content
  FROM b JOIN upper_masses_request q ON q.branch_id = b.branch_id AND q.year = {int(year)}
  JOIN months mo ON q.received_on <= mo.day
  GROUP BY q.branch_id, mo.m
),
c AS (
  SELECT w.*, b.branch_name, b.branch_code, b.group_count, b.start_ym,
         {', '.join(f'b.freq_{k}' for k in kinds)}, {int(year)} AS year, w.m AS month, {ym_as_of} AS ym_as_of,
         COALESCE(lg.ledger_open, 0) AS ledger_open, COALESCE(lg.ledger_overdue, 0) AS ledger_overdue,
         y.life_held, y.appraisal_done, y.inspection_total_x10, COALESCE(y.inspection_grade, '') AS inspection_grade,
         d.due_fen AS dues_due, d.paid_fen AS dues_paid, d.unpaid AS dues_unpaid, d.handed_fen AS dues_handed,
         pl.pledges_due, pl.pledges_done, v.satisfied AS v_satisfied, v.basic AS v_basic,
         v.unsatisfied AS v_unsatisfied, v.unknown AS v_unknown,
         COALESCE(mq.masses_due, 0) AS masses_due, COALESCE(mq.masses_done, 0) AS masses_done,
         COALESCE(mq.masses_overdue, 0) AS masses_overdue, COALESCE(mq.masses_revisited, 0) AS masses_revisited,
         COALESCE(mq.masses_content, 0) AS masses_content
  FROM w
  JOIN b ON b.branch_id = w.branch_id
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
SELECT branch_id, month, {', '.join(f'{k}_state, {k}_month, CAST({k}_period AS INTEGER)' for k in kinds)},
       ledger_open, ledger_overdue, missing, dues_due, dues_paid, dues_unpaid, dues_handed,
       CAST(pledges_due AS INTEGER), CAST(pledges_done AS INTEGER),
       masses_due, masses_done, masses_overdue, masses_revisited, masses_content
FROM r
{'WHERE missing > 0 OR ledger_overdue > 0' if only_behind else ''}
ORDER BY {_SORT_SQL[sort]} {'DESC' if descending else 'ASC'}, branch_name, branch_id, month
"""
    return sql, where_params


def branch_filter(search: str, branch_ids: Sequence[int] | None) -> tuple[list[str], list]:
    """The branches asked for (conditions on ``upper_branch b``) and their parameters."""
    where, params = [], []
    if search.strip():
        where.append("(b.name LIKE ? ESCAPE '\\' OR b.code LIKE ? ESCAPE '\\')")
        params += [like_pattern(search.strip())] * 2
    if branch_ids is not None:
        where.append(f"b.id IN ({', '.join(['?'] * len(branch_ids))})" if branch_ids else "1 = 0")
        params += [int(i) for i in branch_ids]
    return where, params


def _branches(where: list[str]) -> str:
    return f"""
  SELECT b.id AS branch_id, b.name AS branch_name, b.code AS branch_code,
         b.freq_general, b.freq_committee, b.freq_group, b.freq_lecture, b.freq_theme_day,
         COALESCE(gc.n, 0) AS group_count, COALESCE(b.start_ym, 0) AS start_ym
  FROM upper_branch b
  LEFT JOIN (SELECT branch_id, COUNT(*) AS n FROM upper_group GROUP BY branch_id) gc ON gc.branch_id = b.id
  {('WHERE ' + ' AND '.join(where)) if where else ''}"""


def branch_facts_sql(year: int, search: str, branch_ids: Sequence[int] | None) -> tuple[str, list]:
    """Per branch asked for: its id, name, code, the meetings required per period of each
    kind (0, 1, or its number of 党小组 for 党小组会), the year's 组织生活会 / 民主评议 /
    inspection, its 群众评议 tallies, and whether it has 实事 in the year."""
    where, params = branch_filter(search, branch_ids)
    required = ", ".join(_required(k) for k, _ in KINDS)
    return f"""
WITH b AS ({_branches(where)})
SELECT b.branch_id, b.branch_name, b.branch_code, y.life_held, y.appraisal_done, y.inspection_total_x10,
       COALESCE(y.inspection_grade, ''), v.satisfied, v.basic, v.unsatisfied, v.unknown,
       EXISTS (SELECT 1 FROM upper_pledge p WHERE p.branch_id = b.branch_id AND p.year = {int(year)}), {required}
FROM b
LEFT JOIN upper_year y ON y.branch_id = b.branch_id AND y.year = {int(year)}
LEFT JOIN upper_verdict v ON v.branch_id = b.branch_id AND v.year = {int(year)}""", params
