"""首页 of an upper-level archive: which branches are behind this year, which have
gaps in their bundles or sent nothing yet, and the latest imports."""

from __future__ import annotations

import html

from branchdesk import clock

from ...text import tr
from ..home import HomePage

SHOWN = 8


class UpperHomePage(HomePage):
    """The branch home page's layout (title, facts, the 涉密 notice) with the upper level's facts."""

    def __init__(self, archive, window=None):
        self.upper = archive.upper
        super().__init__(archive, window)

    def behind_branches(self) -> dict[str, tuple[int, int]]:
        """Branch name -> (months with something missing, overdue 整改 items now), this year so far."""
        today = clock.today()
        board = self.upper.dashboard(today.year, today=today, only_behind=True, months=(1, today.month))
        found: dict[str, tuple[int, int]] = {}
        for row in board.rows:
            months, overdue = found.get(row.branch_name, (0, 0))
            found[row.branch_name] = (months + (1 if row.missing else 0),
                                      row.ledger_overdue if row.month == today.month else overdue)
        return found

    def terms_html(self) -> str:
        """Each branch's term end and last 换届选举, the ones due first (docs/domain.md §13)."""
        today = clock.today()
        terms = [t for t in self.upper.terms() if t.term_due_on or t.last_election_on or t.election_open]
        if not terms:
            return ""
        terms.sort(key=lambda t: (t.term_due_on is None, t.term_due_on or today, t.branch_name))
        text = "<h3>" + tr("home", "各支部换届（任期届满日期、上次换届选举）") + "</h3><ul>"
        for t in terms[:SHOWN]:
            due = f"{t.term_due_on:%Y-%m-%d}" if t.term_due_on else tr("home", "未报")
            last = f"{t.last_election_on:%Y-%m-%d}" if t.last_election_on else tr("home", "无记录")
            text += "<li>" + tr("home", "{0}：任期 {1} 届满（{2}），上次换届选举 {3}").format(
                html.escape(t.branch_name), due, t.state(today), last) + "</li>"
        if len(terms) > SHOWN:
            text += "<li>" + tr("home", "另有 {0} 个支部任期届满较晚，未列出。").format(len(terms) - SHOWN) + "</li>"
        return text + "</ul>"

    def refresh(self) -> None:
        esc = html.escape
        org = self.upper.organisation()
        self.title.setText(f"<h2>{esc(org['name'])}</h2>")
        branches = self.upper.branches()
        silent = [b for b in branches if not b.bundles]
        lines = [tr("home", "已登记支部 {0} 个，其中 {1} 个已导入数据包。").format(len(branches), len(branches) - len(silent))]
        if self.archive.read_only:
            lines.append("<b>" + esc(self.archive.read_only_reason or "") + "</b>")
        html_text = "<p>" + "<br>".join(lines) + "</p>"
        behind = self.behind_branches()
        if behind:
            html_text += "<h3>" + tr("home", "今年有缺项或整改逾期的支部（{0} 个）").format(len(behind)) + "</h3><ul>"
            for name, (months, overdue) in sorted(behind.items(), key=lambda kv: (-kv[1][0], kv[0]))[:SHOWN]:
                html_text += "<li>" + tr("home", "{0}：{1} 个月有缺项，整改逾期 {2} 项").format(esc(name), months, overdue) + "</li>"
            if len(behind) > SHOWN:
                html_text += "<li>" + tr("home", "另有 {0} 个支部，见「汇总看板」并勾选「只看未完成」。").format(len(behind) - SHOWN) + "</li>"
            html_text += "</ul>"
        html_text += self.terms_html()
        gaps = [b for b in branches if b.has_gap]
        if gaps:
            html_text += "<h3>" + tr("home", "数据包序号不连续（请向支部核实）") + "</h3><ul>"
            html_text += "".join("<li>" + tr("home", "{0}：共缺 {1} 个，最新第 {2} 号").format(
                esc(b.name), b.gaps, b.last_sequence) + "</li>" for b in gaps[:SHOWN]) + "</ul>"
        if silent:
            html_text += "<h3>" + tr("home", "已登记但还没有导入数据包") + "</h3><p>"
            html_text += "、".join(esc(b.name) for b in silent[:20]) + ("…" if len(silent) > 20 else "") + "</p>"
        latest = sorted((b for b in branches if b.last_imported_at), key=lambda b: b.last_imported_at, reverse=True)
        if latest:
            html_text += "<h3>" + tr("home", "最近导入") + "</h3><ul>"
            html_text += "".join("<li>" + tr("home", "{0}　{1}　第 {2} 号（{3}）").format(
                b.last_imported_at[:16], esc(b.name), b.last_sequence, "、".join(f"{y}年" for y in b.last_years))
                + "</li>" for b in latest[:SHOWN]) + "</ul>"
        if not branches:
            html_text += "<p>" + tr("home", "还没有登记任何支部。请到「导入与登记」登记各支部的公钥卡片，再导入它们的数据包。") + "</p>"
        self.facts.setText(html_text)
