"""The cross-branch dashboard: one row per branch × month of a year, computed, filtered
and sorted in one SQL statement over the narrow fact tables (dashboard_sql.py, both
engines); each branch's own facts (name, year facts) come once per branch from a second
small one, and a row is read by name (dashboard_rows.py).

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

import datetime as dt
from collections.abc import Sequence

from .. import clock
from .dashboard_rows import (
    COLUMNS,
    KINDS,
    STATE_TEXT,
    Dashboard,
    DashboardColumn,
    DashboardRow,
    KindCell,
)
from .dashboard_sql import branch_facts_sql, branch_filter, build_sql
from .store import fetch_all, fetch_all_prepared

__all__ = ["COLUMNS", "KINDS", "STATE_TEXT", "Dashboard", "DashboardColumn", "DashboardRow", "KindCell", "branch_order",
           "dashboard"]


def branch_order(db, search: str = "", descending: bool = False) -> list[int]:
    """The branches as the dashboard sorted by 支部 lists them (its default order), by id:
    a window shows its first screen from the first few (``dashboard(branch_ids=…)``)
    without computing every branch's rows first."""
    where, params = branch_filter(search, None)
    rows = fetch_all(db, f"SELECT b.id FROM upper_branch b {('WHERE ' + where[0]) if where else ''} "
                         f"ORDER BY b.name {'DESC' if descending else 'ASC'}, b.name, b.id", params)
    return [int(r[0]) for r in rows]


def dashboard(db, year: int, *, today: dt.date | None = None, search: str = "", only_behind: bool = False,
              months: tuple[int, int] = (1, 12), sort: str = "branch_name", descending: bool = False,
              branch_ids: Sequence[int] | None = None) -> Dashboard:
    as_of = today or clock.today()
    sql, params = build_sql(year, as_of, tuple(months), search, only_behind, sort, descending, branch_ids)
    found = fetch_all_prepared(db, sql, params)
    # The facts of the branches found (branches are never removed; asked by id, not by the
    # search again, so a branch renamed in between keeps its rows). The whole board asks
    # for every branch: the same statement at every run, without 300 parameters.
    facts = {}
    if found:
        whole = not search.strip() and branch_ids is None
        facts_sql, facts_params = branch_facts_sql(year, "", None if whole else sorted({r[0] for r in found}))
        for b in fetch_all_prepared(db, facts_sql, facts_params):
            verdict = None if b[7] is None else tuple(int(t) for t in b[7:11])
            facts[b[0]] = (b[1], b[2], bool(b[3]), bool(b[4]), b[5], b[6], verdict, bool(b[11]),
                           *(int(r) for r in b[12:]))
    rows = [DashboardRow(r + facts[r[0]]) for r in found]
    filters = {"search": search, "only_behind": only_behind, "months": list(months), "sort": sort,
               "descending": descending}
    return Dashboard(year, as_of, rows, filters=filters)
