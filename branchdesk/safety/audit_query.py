"""Reading the audit log back: which entries match a filter (record kind, text, dates) and
the Chinese names of what they record (docs/domain.md §12). ``safety/audit.py`` counts and
fetches the matching entries a page at a time, newest first, so that a window can show
tens of thousands of entries without reading them all."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..audit_actions import AUDIT_ACTIONS
from ..errors import ValidationError

# The kinds of record the log names (its ``record_table``), as a user calls them.
RECORD_KINDS = {
    "member": "党员",
    "party_group": "党小组",
    "branch": "支部信息",
    "setting": "设置",
    "meeting": "会议记录",
    "talk": "谈心谈话",
    "life_cycle": "组织生活会",
    "appraisal": "民主评议",
    "rectification_item": "整改事项",
    "indicator_library": "目标管理指标",
    "target_plan": "目标管理计划",
    "target_inspection": "目标管理考核",
    "dues_base": "党费基数",
    "dues_payment": "党费交纳",
    "dues_month": "党费月结",
    "dues_handover": "党费上缴",
    "recruit_person": "发展党员",
    "election": "换届选举",
    "service_activity": "志愿服务",
    "service_pledge": "为民办实事",
    "openness_posting": "党务公开",
    "service_verdict": "群众评议",
    "masses_household": "联系户",
    "masses_visit": "走访记录",
    "masses_request": "民情诉求",
    "member_transfer": "组织关系转接",
    "away_member": "流动党员",
    "study_topic": "学习专题",
    "study_makeup": "补学记录",
    "member_report": "党员汇报",
    "branch_report": "支部工作报告",
    "member_commendation": "表彰",
    "member_discipline": "处分",
    "upper_branch": "下级支部",
    "upper_bundle": "上报数据包",
    "bundle_export": "上报数据包",
    "branch_key": "签名密钥",
    "record_revision": "更正记录",
}
# a kind added later without a name here is still shown in Chinese, never as its table name
OTHER_KIND = "其他记录"
OTHER_ACTION = "其他操作"


def kind_label(record_table: str) -> str:
    return RECORD_KINDS.get(record_table, OTHER_KIND)


def action_label(action: str) -> str:
    # an action added later without a name is still said in Chinese, never by its key
    return AUDIT_ACTIONS.get(action, OTHER_ACTION)


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to show. Empty fields do not filter. ``text`` is looked for in the
    actor, the summary, the details and the action's Chinese name (so a member's name
    finds every entry about them, 「党费」 every 党费 action)."""

    kind: str = ""
    text: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def checked(self) -> AuditFilter:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValidationError(
                "date_to", "order",
                f"结束日期 {self.date_to.isoformat()} 早于开始日期 {self.date_from.isoformat()}，请改正其中一个。",
            )
        return self

    def where(self, param: str) -> tuple[str, list]:
        """The SQL condition (``""`` for all) and its parameters."""
        clauses: list[str] = []
        params: list = []
        if self.kind:
            clauses.append(f"record_table = {param}")
            params.append(self.kind)
        if self.date_from:
            clauses.append(f"at >= {param}")
            params.append(self.date_from.isoformat())
        if self.date_to:
            clauses.append(f"at < {param}")  # the whole last day: up to the next midnight
            params.append((self.date_to + dt.timedelta(days=1)).isoformat())
        text = self.text.strip()
        if text:
            pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            matches = [f"{column} LIKE {param} ESCAPE '\\'" for column in ("actor", "summary", "detail", "action")]
            params += [pattern] * len(matches)
            actions = [key for key, name in AUDIT_ACTIONS.items() if text in name]
            if actions:
                matches.append(f"action IN ({', '.join([param] * len(actions))})")
                params += actions
            clauses.append("(" + " OR ".join(matches) + ")")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def entry_dict(entry) -> dict:
    """One entry for ``audit list --json``: stored fields plus their Chinese names."""
    return {
        "seq": entry.seq, "at": entry.at, "actor": entry.actor,
        "action": entry.action, "action_label": action_label(entry.action),
        "record_table": entry.record_table, "record_kind": kind_label(entry.record_table) if entry.record_table else "",
        "record_id": entry.record_id, "summary": entry.summary, "details": entry.details,
        "entry_hash": entry.entry_hash,
    }
