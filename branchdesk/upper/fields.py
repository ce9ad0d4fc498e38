"""Chinese labels of the fields of a branch's records as the upper level shows them,
in the order a reader expects. Enum keys are shown with ``labels.py``; ID numbers are
masked unless asked; points are stored in tenths."""

from __future__ import annotations

from .. import labels

# column -> (label, how to show). "enum:TABLE" uses labels.TABLE; "bool", "x10", "id", "text".
FIELDS: dict[str, list[tuple[str, str, str]]] = {
    "meeting": [
        ("kind", "会议类型", "enum:MEETING_KINDS"), ("title", "标题", "text"), ("theme", "主题", "text"),
        ("planned_on", "计划日期", "text"), ("planned_time", "计划时间", "text"), ("held_on", "召开日期", "text"),
        ("started_at", "开始时间", "text"), ("ended_at", "结束时间", "text"), ("place", "地点", "text"),
        ("host_name", "主持人", "text"), ("recorder_name", "记录人", "text"), ("speaker_name", "主讲人", "text"),
        ("attendees_text", "参加人员", "text"), ("preparation", "会前准备", "text"), ("notified_on", "通知日期", "text"),
        ("minutes", "会议记录", "text"), ("state", "状态", "enum:RECORD_STATES"),
    ],
    "life_cycle": [
        ("year", "年度", "text"), ("theme", "主题", "text"), ("form", "形式", "enum:LIFE_FORMS"),
        ("planned_on", "计划日期", "text"), ("plan_reported_on", "方案报上级日期", "text"),
        ("secretary_report", "书记报告", "text"), ("review", "回头看", "text"), ("summary", "总结", "text"),
        ("state", "状态", "enum:RECORD_STATES"),
    ],
    "appraisal": [
        ("year", "年度", "text"), ("held_on", "评议日期", "text"), ("voters", "参加测评人数", "text"),
        ("decided_on", "组织评定日期", "text"), ("note", "说明", "text"), ("state", "状态", "enum:RECORD_STATES"),
    ],
    "rectification_item": [
        ("number", "序号", "text"), ("year", "年度", "text"), ("source", "来源", "enum:RECTIFICATION_SOURCES"),
        ("source_ref", "来源说明", "text"), ("category", "类别", "enum:ISSUE_CATEGORIES"),
        ("scope", "范围", "enum:RECTIFICATION_SCOPES"), ("owner_name", "责任人", "text"), ("problem", "问题", "text"),
        ("cause", "原因", "text"), ("measure", "整改措施", "text"), ("deadline", "整改时限", "text"),
        ("created_on", "列入台账日期", "text"), ("closed_on", "销号日期", "text"), ("closing_note", "销号说明", "text"),
        ("public", "已公示", "bool"),
    ],
    "target_inspection": [
        ("year", "年度", "text"), ("period_kind", "考核周期", "text"), ("period_no", "期次", "text"),
        ("library_name", "指标库", "text"), ("inspected_on", "检查日期", "text"), ("inspectors", "检查人员", "text"),
        ("inspecting_body", "检查单位", "text"), ("total_points_x10", "满分", "x10"), ("self_total_x10", "自评总分", "x10"),
        ("total_x10", "考核总分", "x10"), ("grade", "等次", "text"), ("remarks", "评语", "text"),
        ("state", "状态", "enum:RECORD_STATES"),
    ],
    "target_plan": [("year", "年度", "text"), ("adopted_on", "通过日期", "text"), ("note", "说明", "text")],
    "talk": [
        ("talked_on", "谈话日期", "text"), ("place", "地点", "text"), ("talker_name", "谈话人", "text"),
        ("partner_name", "谈话对象", "text"), ("content", "谈话内容", "text"), ("effect", "效果", "text"),
    ],
    "member": [
        ("name", "姓名", "text"), ("gender", "性别", "enum:GENDERS"), ("ethnicity", "民族", "text"),
        ("birth_date", "出生日期", "text"), ("id_number", "身份证号", "id"), ("education", "学历", "text"),
        ("phone", "电话", "text"), ("job", "工作岗位", "text"), ("joined_on", "入党日期", "text"),
        ("full_on", "转正日期", "text"), ("status", "党员状态", "enum:MEMBER_STATUSES"), ("note", "备注", "text"),
    ],
    "party_group": [("name", "党小组名称", "text")],
    "election": [
        ("planned_on", "计划选举日期", "text"), ("places", "应选委员", "text"), ("deputies", "副书记", "text"),
        ("plan_approved_on", "方案批复日期", "text"), ("plan_approval_no", "方案批复文号", "text"),
        ("offices_on", "支委会选举书记日期", "text"), ("result_approved_on", "结果批复日期", "text"),
        ("result_approval_no", "结果批复文号", "text"),
    ],
    # 组织关系转接 and 流动党员 (docs/domain.md §16): no ID numbers, the phone shown masked
    "member_transfer": [
        ("direction", "转接", "enum:TRANSFER_DIRECTIONS"), ("moved_on", "转接日期", "text"),
        ("letter_no", "介绍信编号", "text"), ("from_org", "原所在党组织", "text"), ("to_org", "转往党组织", "text"),
        ("reason", "转接原因", "enum:TRANSFER_REASONS"), ("reason_note", "原因说明", "text"),
        ("scope", "转接范围", "enum:TRANSFER_SCOPES"), ("valid_days", "有效期（天）", "text"),
        ("dues_paid_to", "党费交到", "text"), ("receipt_on", "回执日期", "text"), ("cancelled_on", "撤销日期", "text"),
        ("cancel_reason", "撤销原因", "text"),
    ],
    # 学习 and 汇报 (docs/domain.md §18): a member's 汇报 shows its kind and date, not its note
    "study_topic": [
        ("year", "年度", "text"), ("title", "学习专题", "text"), ("readings", "必读篇目", "text"),
        ("lead_name", "领学人", "text"), ("planned_on", "计划日期", "text"),
    ],
    "member_report": [("kind", "类别", "enum:REPORT_KINDS"), ("received_on", "收到日期", "text")],
    "branch_report": [("year", "年度", "text"), ("half", "半年", "text"), ("title", "报告标题", "text")],
    # 奖惩 (docs/domain.md §17): a 处分 comes up as its kind and date alone
    "member_commendation": [
        ("kind", "表彰类别", "enum:COMMENDATION_KINDS"), ("title", "表彰名称", "text"), ("granted_by", "授予机关", "text"),
        ("granted_on", "表彰日期", "text"), ("doc_no", "文号", "text"),
    ],
    "member_discipline": [
        ("kind", "种类", "enum:DISCIPLINE_KINDS"), ("probation_years", "留党察看（年）", "text"),
        ("decided_on", "决定日期", "text"),
    ],
    "away_member": [
        ("place", "外出地点", "text"), ("since", "外出时间", "text"), ("until", "返回时间", "text"),
        ("contact", "联系电话", "phone"), ("host_org", "流入地党组织", "text"),
        ("life_way", "参加组织生活", "enum:AWAY_LIFE_WAYS"), ("life_note", "组织生活说明", "text"),
        ("dues_way", "交纳党费", "enum:AWAY_DUES_WAYS"), ("dues_note", "党费说明", "text"),
    ],
    "recruit_person": [
        ("name", "姓名", "text"), ("gender", "性别", "enum:GENDERS"), ("birth_date", "出生日期", "text"),
        ("id_number", "身份证号", "id"), ("ethnicity", "民族", "text"), ("education", "学历", "text"),
        ("job", "工作单位及职务", "text"), ("state", "状态", "enum:RECORD_STATES"),
    ],
}

CHILD_TABLES: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    "meeting_attendance": ("出席情况", [("name", "姓名", "text"), ("status", "出席", "enum:ATTENDANCE"),
                                      ("reason", "缺席原因", "enum:ABSENCE_REASONS"), ("is_guest", "列席", "bool"),
                                      ("note", "备注", "text")]),
    "meeting_agenda": ("议题", [("position", "序号", "text"), ("title", "议题", "text"), ("summary", "摘要", "text")]),
    "meeting_speech": ("发言", [("speaker", "发言人", "text"), ("content", "发言内容", "text")]),
    "meeting_resolution": ("决议", [("text", "决议内容", "text"), ("voted", "表决", "bool"), ("votes_yes", "赞成", "text"),
                                   ("votes_no", "反对", "text"), ("votes_abstain", "弃权", "text")]),
    "meeting_task": ("落实事项", [("task", "事项", "text"), ("owner", "责任人", "text"), ("deadline", "时限", "text"),
                                 ("done_on", "完成日期", "text")]),
    "meeting_attachment": ("附件", [("title", "名称", "text"), ("kind", "类别", "enum:ATTACHMENT_KINDS"),
                                  ("sha256", "SHA-256", "text"), ("size", "字节", "text")]),
    "life_opinion": ("征求意见", [("source", "来源", "enum:OPINION_SOURCES"), ("channel", "渠道", "enum:OPINION_CHANNELS"),
                                 ("received_on", "日期", "text"), ("content", "内容", "text"),
                                 ("category", "类别", "enum:ISSUE_CATEGORIES"), ("addressed_name", "针对", "text"),
                                 ("answer", "答复", "text")]),
    "life_problem": ("问题清单", [("owner_name", "对象", "text"), ("source", "来源", "enum:PROBLEM_SOURCES"),
                                 ("category", "类别", "enum:ISSUE_CATEGORIES"), ("problem", "问题", "text")]),
    "life_examination": ("对照检查", [("owner_name", "党员", "text"), ("problems", "问题", "text"), ("causes", "原因", "text"),
                                     ("measures", "措施", "text"), ("submitted_on", "提交日期", "text")]),
    "life_criticism": ("批评与自我批评", [("kind", "类别", "enum:CRITICISM_KINDS"), ("from_name", "提出人", "text"),
                                        ("to_name", "对象", "text"), ("content", "内容", "text"), ("response", "回应", "text")]),
    "appraisal_entry": ("评议情况", [("member_name", "党员", "text"), ("self_grade", "自评", "enum:GRADES"),
                                    ("votes_excellent", "优秀票", "text"), ("votes_qualified", "合格票", "text"),
                                    ("votes_basic", "基本合格票", "text"), ("votes_unqualified", "不合格票", "text"),
                                    ("decided_grade", "评定等次", "enum:GRADES"), ("feedback_on", "反馈日期", "text"),
                                    ("handling", "处置", "enum:HANDLINGS")]),
    "rectification_progress": ("整改进展", [("noted_on", "日期", "text"), ("text", "进展", "text")]),
    "rectification_evidence": ("佐证材料", [("kind", "类别", "enum:EVIDENCE_KINDS"), ("title", "名称", "text"),
                                          ("sha256", "SHA-256", "text")]),
    "target_score": ("评分", [("parent_name", "一级指标", "text"), ("code", "编号", "text"), ("name", "二级指标", "text"),
                            ("points_x10", "分值", "x10"), ("self_score_x10", "自评", "x10"), ("score_x10", "得分", "x10"),
                            ("remark", "说明", "text")]),
    "target_problem": ("发现问题", [("code", "指标", "text"), ("problem", "问题", "text"), ("suggestion", "建议", "text")]),
    "target_plan_item": ("计划指标", [("target_text", "目标", "text"), ("measure", "测算", "text"), ("note", "说明", "text")]),
    "recruit_step": ("发展步骤", [("step", "步骤", "step"), ("done_on", "日期", "text"), ("body", "机关", "text"),
                              ("decision", "结果", "text"), ("text", "情况记载", "text"), ("reason", "情况说明", "text")]),
    "member_status_change": ("状态变化", [("changed_on", "日期", "text"), ("status_from", "原状态", "enum:MEMBER_STATUSES"),
                                        ("status_to", "新状态", "enum:MEMBER_STATUSES"), ("reason", "原因", "text")]),
}


def show(value, how: str, show_id_numbers: bool = False) -> str:
    if value is None or value == "":
        return ""
    if how == "bool":
        return "是" if value in (True, 1, "1", "true") else "否"
    if how == "x10":
        return f"{int(value) / 10:g}"
    if how == "id":
        from ..roster.idnumber import mask

        return str(value) if show_id_numbers else mask(str(value))
    if how == "phone":
        from ..transfers.forms import mask_phone

        return mask_phone(str(value))
    if how == "step":
        from ..recruit.steps import BY_KEY, numbered_title

        return numbered_title(str(value)) if str(value) in BY_KEY else str(value)
    if how.startswith("enum:"):
        return labels.label(getattr(labels, how[5:]), str(value))
    return str(value)


def record_fields(table: str, row: dict, show_id_numbers: bool = False) -> list[tuple[str, str]]:
    return [(label, show(row.get(column), how, show_id_numbers)) for column, label, how in FIELDS.get(table, [])]


def child_table(table: str, rows: list[dict]) -> tuple[str, list[str], list[list[str]]]:
    label, columns = CHILD_TABLES.get(table, (table, []))
    if not columns:  # a table the upper level has no labels for: show its columns as they are
        keys = [k for k in (rows[0] if rows else {}) if not k.endswith("id")]
        columns = [(k, k, "text") for k in keys]
    return label, [c[1] for c in columns], [[show(r.get(c), how) for c, _, how in columns] for r in rows]
