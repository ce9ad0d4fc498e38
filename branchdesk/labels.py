"""Chinese labels of every stored enum, in one table. Records store the keys."""

from __future__ import annotations

BRANCH_KINDS = {
    "village": "村党支部",
    "community": "社区党支部",
    "office": "机关党支部",
    "enterprise": "企业党支部",
    "school": "学校党支部",
    "other": "其他党支部",
}
# Village and community committees serve five years, others three (条例 第二十四条).
TERM_YEARS = {"village": 5, "community": 5}
DEFAULT_TERM_YEARS = 3

MEMBER_STATUSES = {
    "full": "正式党员",
    "probationary": "预备党员",
    "away": "流动党员",
    "transferred": "已转出",
    "suspended": "停止党籍",
    # 开除党籍 (奖惩, docs/domain.md §17): set by the discipline record, never by hand.
    "expelled": "开除党籍",
    "deceased": "已去世",
    # 预备党员资格被取消 (发展党员, docs/domain.md §11): no longer a member of the branch.
    "disqualified": "取消资格",
}
# Who still belongs to the branch (counted as due at meetings, listed by default).
ACTIVE_STATUSES = ("full", "probationary", "away")
# Only full members vote (条例 第十一条).
VOTING_STATUSES = ("full",)

GENDERS = {"male": "男", "female": "女"}

COMMITTEE_POSTS = {
    "secretary": "书记",
    "deputy_secretary": "副书记",
    "organisation": "组织委员",
    "publicity": "宣传委员",
    "discipline": "纪检委员",
    "youth": "青年委员",
    "women": "妇女委员",
    "committee_member": "委员",
}

EDUCATION_LEVELS = ["研究生", "大学本科", "大学专科", "中专", "高中", "初中", "小学及以下"]

ETHNICITIES = [
    "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
    "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
    "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族",
    "土族", "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族",
    "阿昌族", "普米族", "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族",
    "保安族", "裕固族", "京族", "塔塔尔族", "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族",
    "基诺族",
]


def label(table: dict[str, str], key: str | None) -> str:
    return table.get(key or "", key or "")


def key_for(table: dict[str, str], text: str) -> str | None:
    """The key whose label (or key, or label without its suffix) is ``text``."""
    text = (text or "").strip()
    if text in table:
        return text
    for key, value in table.items():
        if text == value:
            return key
    for key, value in table.items():
        short = value.removesuffix("党员").removeprefix("已").removesuffix("党支部")
        if text and text in (short, short + "党员"):
            return key
    return None

# States every sealable record moves through (sealing.py). 已上报 records are sealed.
# A meeting is still a draft while 计划 / 已通知 / 已召开 (see MEETING_STATES).
RECORD_STATES = {
    "draft": "草稿", "planned": "计划", "notified": "已通知", "held": "已召开",
    "final": "定稿", "reported": "已上报",
}

# -- meetings (三会一课 and 主题党日) ------------------------------------------------
MEETING_KINDS = {
    "general": "支部党员大会",
    "committee": "支委会",
    "group": "党小组会",
    "lecture": "党课",
    "theme_day": "主题党日",
    "forum": "座谈会",
    "other": "其他会议",
}
# Titles of the record paper for each kind.
MEETING_RECORD_TITLES = {
    "general": "支部党员大会会议记录",
    "committee": "支部委员会会议记录",
    "group": "党小组会会议记录",
    "lecture": "党课记录",
    "theme_day": "主题党日活动记录",
    "forum": "座谈会记录",
    "other": "会议记录",
}
# A meeting's own life before 定稿 / 已上报 (the sealing states).
MEETING_STATES = {
    "planned": "计划",
    "notified": "已通知",
    "held": "已召开",
    "final": "定稿",
    "reported": "已上报",
}
# How often a kind must be held (archive setting meetings.frequency).
FREQUENCIES = {"monthly": "每月", "quarterly": "每季度", "half_year": "每半年", "yearly": "每年", "none": "不要求"}
ATTENDANCE = {"present": "出席", "absent": "缺席", "not_counted": "不计入应到", "": "未登记"}
# 流动在外: only for a 流动党员 (docs/domain.md §16), whose 组织生活 the 流动党员 register describes
ABSENCE_REASONS = {"leave": "事假", "sick": "病假", "duty": "因公", "other": "其他", "away": "流动在外"}
ATTACHMENT_KINDS = {"sign_in": "签到表", "photo": "照片", "slides": "课件", "document": "文件", "other": "其他"}
# Marks of the compliance calendar.
COMPLIANCE_STATES = {
    "held": "已召开",
    "planned": "已计划",
    "overdue": "逾期",
    "missing": "缺失",
    "open": "未安排",
    "not_required": "不要求",
    "before_start": "建档前",  # before the archive's 从何时开始记录: never counted as missing
}

# What the audit log's ``action`` codes mean, for the log's screen and exports.
AUDIT_ACTIONS = {
    "member.add": "新增党员",
    "member.update": "修改党员信息",
    "member.delete": "删除党员",
    "record.finalise": "定稿",
    "record.reopen": "退回草稿",
    "record.report": "上报并封存",
    "record.correct": "更正（新建修订版本）",
    "archive.restore": "从备份恢复",
    "access.password_set": "设置应用密码",
    "access.password_removed": "取消应用密码",
    "access.policy": "修改访问设置",
    "meeting.plan": "新建会议计划",
    "meeting.update": "修改会议记录",
    "meeting.notify": "发出会议通知",
    "meeting.delete": "删除会议",
    "meeting.attach": "添加会议附件",
    "meeting.detach": "删除会议附件",
    "meeting.task_done": "登记落实完成",
    "meeting.plan_year": "生成年度会议计划",
    "dues.base": "设定党费基数",
    "dues.pay": "收缴党费",
    "dues.correct": "更正党费记录",
    "dues.excuse": "登记免交或缓交党费",
    "dues.close": "党费月度结账",
    "dues.handover": "上缴党费",
}

BACKUP_REASONS = {
    "manual": "手动备份",
    "auto": "自动备份",
    "pre-restore": "恢复前",
    "pre-import": "导入前",
}


def backup_reason_label(reason: str) -> str:
    """Why a backup was taken, from the reason written into its file name."""
    if reason.startswith("pre-upgrade"):
        return "升级前"
    return BACKUP_REASONS.get(reason, reason)

# -- 组织生活会, 民主评议党员, 整改台账, 谈心谈话 (branchdesk/life) -------------------------
# The form the 组织生活会 takes, and the meeting kind its record is kept as.
LIFE_FORMS = {"general": "支部党员大会", "committee": "支委会", "group": "党小组会"}
# Who gave an opinion, and how it came in (征求意见). 座谈会 and 意见箱 are channels.
OPINION_SOURCES = {"members": "党员", "masses": "群众", "higher": "上级党组织"}
OPINION_CHANNELS = {
    "forum": "座谈会",
    "visit": "走访",
    "form": "征求意见表",
    "box": "意见箱",
    "talk": "谈心谈话",
    "feedback": "上级反馈",
    "other": "其他",
}
# Categories of opinions, problems and rectification items.
ISSUE_CATEGORIES = {
    "study": "理论学习",
    "politics": "政治品格",
    "role": "发挥作用",
    "style": "工作作风",
    "discipline": "纪律规矩",
    "service": "服务群众",
    "org_life": "组织生活",
    "other": "其他",
}
# Where a problem on a problem list came from.
PROBLEM_SOURCES = {"self": "自己查摆", "opinion": "征求意见", "talk": "谈心谈话", "higher": "上级点评"}
CRITICISM_KINDS = {"self": "自我批评", "mutual": "相互批评"}

# 民主评议党员: the four grades, best first.
GRADES = {"excellent": "优秀", "qualified": "合格", "basic": "基本合格", "unqualified": "不合格"}
# Handling of a member graded 基本合格 / 不合格, and which grade allows which.
HANDLINGS = {
    "education": "批评教育、帮助改进",
    "deadline": "限期改正",
    "persuade": "劝其退党",
    "removal": "除名",
}
HANDLINGS_FOR = {"basic": ("education", "deadline"), "unqualified": ("deadline", "persuade", "removal")}

# 整改台账: where an item came from, whose it is, and what may be linked as evidence.
RECTIFICATION_SOURCES = {
    "opinion": "征求意见",
    "problem": "问题清单",
    "examination": "对照检查",
    "criticism": "批评意见",
    "inspection": "目标管理检查",
    "higher": "上级反馈",
    "masses": "民情诉求",
    "other": "其他",
}
RECTIFICATION_SCOPES = {"branch": "支部", "member": "个人"}
RECTIFICATION_STATES = {"open": "整改中", "overdue": "逾期", "closed": "已销号"}
EVIDENCE_KINDS = {"meeting": "会议记录", "life_cycle": "组织生活会记录", "appraisal": "民主评议记录",
                  "file": "附件"}
# How the 谈心谈话 coverage counts committee–member talks (archive setting life.talk_rule).
TALK_RULES = {
    "any_committee": "每名党员至少与一名支委谈过",
    "secretary": "书记与每名党员都谈过",
}
TALK_PAIR_KINDS = {"committee": "支委之间", "committee_member": "支委与党员", "member": "党员之间"}

AUDIT_ACTIONS.update({
    "life.create": "新建组织生活会",
    "life.update": "修改组织生活会",
    "life.delete": "删除组织生活会",
    "life.opinion": "登记征求意见",
    "life.problem": "登记问题清单",
    "life.examination": "登记对照检查",
    "life.criticism": "登记批评与自我批评",
    "life.meeting": "登记组织生活会会议",
    "appraisal.create": "开始民主评议",
    "appraisal.update": "修改民主评议",
    "appraisal.delete": "删除民主评议",
    "talk.add": "登记谈心谈话",
    "talk.update": "修改谈心谈话",
    "talk.delete": "删除谈心谈话",
    "rectification.add": "新增整改事项",
    "rectification.update": "修改整改事项",
    "rectification.progress": "登记整改进展",
    "rectification.evidence": "添加整改佐证",
    "rectification.close": "整改销号",
    "rectification.reopen": "取消销号",
    "rectification.delete": "删除整改事项",
})

# 党费 (docs/domain.md §10): categories of members, how a payment came, when it was paid
# against the month it is for, and what closed a month.
DUES_CATEGORIES = {
    "employed": "在职党员",
    "retired": "离退休党员",
    "farmer": "农民党员",
    "student": "学生党员",
    "unemployed": "下岗失业党员",
    "low_income": "享受最低生活保障的党员",
}
# the same, short, for narrow table columns
DUES_CATEGORIES_SHORT = {
    "employed": "在职", "retired": "离退休", "farmer": "农民", "student": "学生", "unemployed": "下岗失业",
    "low_income": "低保",
}
DUES_METHODS = {"cash": "现金", "transfer": "转账", "proxy": "代交"}
DUES_TIMINGS = {"current": "按月交纳", "advance": "预交", "late": "补交"}
DUES_KINDS = {"payment": "收缴", "correction": "更正"}
DUES_CLOSED_FOR = {"publicity": "公示后结账", "handover": "上缴后结账"}
# 发展党员 (branchdesk/recruit/, docs/domain.md §11).
RECRUIT_STAGES = {
    "applicant": "入党申请人",
    "activist": "入党积极分子",
    "candidate": "发展对象",
    "probationary": "预备党员",
    "full": "已转正",
    "stopped": "已终止",
    "archived": "已归档",
}
RECRUIT_ROLES = {"talker": "谈话人", "mentor": "培养联系人", "introducer": "入党介绍人"}
RECRUIT_RECOMMENDERS = {"members": "党员推荐", "mass_org": "群团组织推优"}
RECRUIT_VERDICTS = {"approved": "同意", "rejected": "不同意"}
RECRUIT_REVIEW_CONCLUSIONS = {"passed": "合格", "failed": "不合格"}
RECRUIT_FULL_DECISIONS = {"full": "按期转为正式党员", "extend": "延长预备期", "cancel": "取消预备党员资格"}

AUDIT_ACTIONS.update({
    "recruit.person": "新建发展档案",
    "recruit.person_update": "修改发展档案",
    "recruit.person_delete": "删除发展档案",
    "recruit.step": "登记发展党员步骤",
    "recruit.step_undo": "撤销发展党员步骤",
    "recruit.document": "添加发展党员材料",
    "recruit.import": "导入发展党员",
})

# 换届选举 (branchdesk/election/, docs/domain.md §13).
AUDIT_ACTIONS.update({
    "election.plan": "登记换届工作方案",
    "election.plan_update": "修改换届工作方案",
    "election.plan_approval": "登记换届方案批复",
    "election.candidates": "确定换届候选人",
    "election.meeting": "建立换届选举党员大会",
    "election.attendance": "登记换届选举到会情况",
    "election.round": "登记换届选举计票结果",
    "election.round_undo": "撤销换届选举计票结果",
    "election.offices": "登记书记副书记选举及分工",
    "election.approval": "登记换届选举结果批复",
    "election.delete": "删除换届选举记录",
})

# 组织关系转接 and 流动党员 (branchdesk/transfers/, docs/domain.md §16).
TRANSFER_DIRECTIONS = {"out": "转出", "in": "转入"}
TRANSFER_REASONS = {"job": "工作调动", "study": "升学", "move": "迁居", "graduate": "毕业分配",
                    "retire": "退休后回原籍", "military": "参军或退役", "other": "其他"}
TRANSFER_SCOPES = {"county": "县（市、区）内", "province": "省（区、市）内跨县", "country": "跨省（区、市）"}
TRANSFER_SCOPES_SHORT = {"county": "县内", "province": "跨县", "country": "跨省"}
AWAY_LIFE_WAYS = {"host": "参加流入地党组织生活", "home": "回原支部参加", "online": "通过网络参加",
                  "written": "书面汇报思想工作", "other": "其他"}
AWAY_DUES_WAYS = {"home_transfer": "向原支部转账交纳", "host": "向流入地党组织交纳", "proxy": "委托他人代交",
                  "in_person": "回乡时当面交纳", "other": "其他"}

AUDIT_ACTIONS.update({
    "transfer.out": "登记组织关系转出",
    "transfer.in": "登记组织关系转入",
    "transfer.update": "修改组织关系转接",
    "transfer.receipt": "登记介绍信回执",
    "transfer.cancel": "撤销组织关系转接",
    "away.add": "登记流动党员",
    "away.update": "修改流动党员",
    "away.end": "流动党员返回",
    "away.delete": "删除流动党员登记",
})

# the 操作记录 view and ``audit list`` name every action (docs/domain.md §12)
AUDIT_ACTIONS.update({
    "branch.create": "建立支部信息",
    "branch.update": "修改支部信息",
    "branch_key.create": "生成签名密钥",
    "bundle.export": "导出上报数据包",
    "group.create": "新建党小组",
    "group.update": "修改党小组",
    "group.delete": "删除党小组",
    "schema.guards_restored": "恢复数据库保护",
    "setting.set": "修改设置",
    "targets.inspection.create": "新建目标管理考核",
    "targets.inspection.evidence": "添加考核佐证",
    "targets.inspection.header": "修改考核信息",
    "targets.inspection.measure": "自动计量指标",
    "targets.inspection.problem": "登记考核问题",
    "targets.inspection.score": "登记考核得分",
    "targets.library.create": "新建指标库",
    "targets.library.delete": "删除指标库",
    "targets.library.info": "修改指标库说明",
    "targets.library.save": "保存指标库",
    "targets.plan.adopt": "制定目标计划",
    "targets.plan.delete": "删除目标计划",
    "targets.plan.item": "修改目标计划指标",
    "targets.plan.note": "修改目标计划说明",
    "upper.create": "建立上级汇总档案库",
    "upper.enrol": "登记支部公钥",
    "upper.import": "导入上报数据包",
    "upper.import_undone": "撤销数据包导入",
    "upper.key_replace": "更换支部公钥",
})

# -- 服务群众、党务公开与群众评议 (docs/domain.md §15) ----------------------------------
OPENNESS_KINDS = {
    "plan": "计划", "dues": "党费收缴", "recruit": "发展党员公示", "appraisal": "民主评议结果",
    "rectification": "整改", "pledges": "实事进展", "other": "其他",
}
PLEDGE_STATES = {"open": "进行中", "overdue": "已逾期", "done": "按期完成", "done_late": "逾期完成"}
DUE_POSTING_STATES = {"on_time": "按时公开", "late": "未按时", "missing": "未公开", "waiting": "未到期"}
AUDIT_ACTIONS.update({
    "service.activity": "登记志愿服务",
    "service.activity_update": "修改志愿服务",
    "service.activity_delete": "删除志愿服务",
    "service.pledge": "承诺为民办实事",
    "service.pledge_update": "修改实事",
    "service.pledge_delete": "删除实事",
    "service.pledge_note": "登记实事进展",
    "service.pledge_done": "登记实事完成",
    "openness.post": "登记党务公开",
    "openness.update": "修改党务公开",
    "openness.delete": "删除党务公开",
    "verdict.add": "登记群众评议",
    "verdict.update": "修改群众评议",
    "verdict.delete": "删除群众评议",
})

# -- 群众工作 (docs/domain.md §14) ------------------------------------------------------
MASSES_KINDS = {"contact": "联系户", "pair": "结对帮扶", "hardship": "困难群众"}
MASSES_CHANNELS = {"visit": "走访", "forum": "座谈会", "box": "意见箱", "call_in": "来访", "phone": "电话",
                   "life": "组织生活会"}
MASSES_STATES = {"received": "受理", "assigned": "交办", "handling": "办理中", "done": "办结",
                 "fed_back": "已反馈", "revisited": "已回访"}
MASSES_SATISFACTION = {"satisfied": "满意", "basic": "基本满意", "unsatisfied": "不满意"}
MASSES_FEEDBACK_WAYS = {"face": "当面", "phone": "电话", "written": "书面", "notice": "公开栏"}
MASSES_CONTACT_STATES = {"visited": "本期已走访", "due": "本期待走访", "behind": "逾期未走访"}
MASSES_CONTACT_PERIODS = {"monthly": "每月", "quarterly": "每季度", "half_year": "每半年", "yearly": "每年"}

AUDIT_ACTIONS.update({
    "masses.household": "新增联系户",
    "masses.household_update": "修改联系户",
    "masses.household_end": "停止联系",
    "masses.import": "导入联系户",
    "masses.visit": "登记走访",
    "masses.visit_delete": "删除走访记录",
    "masses.request": "受理民情诉求",
    "masses.assign": "交办民情诉求",
    "masses.progress": "登记诉求办理情况",
    "masses.done": "民情诉求办结",
    "masses.feedback": "反馈诉求办理结果",
    "masses.revisit": "诉求回访",
    "masses.rectification": "诉求转入整改台账",
})

# 学习 and 汇报制度 (branchdesk/study/, docs/domain.md §18).
REPORT_KINDS = {"regular": "思想、工作、学习汇报", "probation": "预备党员思想汇报"}
AUDIT_ACTIONS.update({
    "study.topic_add": "新增学习专题",
    "study.topic_update": "修改学习专题",
    "study.topic_delete": "删除学习专题",
    "study.link": "学习专题关联会议",
    "study.unlink": "学习专题取消关联会议",
    "study.makeup": "登记补学",
    "study.makeup_delete": "删除补学记录",
    "report.add": "登记党员汇报",
    "report.delete": "删除党员汇报",
    "report.branch": "登记支部工作报告",
})

# 奖惩 (branchdesk/honours/, docs/domain.md §17).
COMMENDATION_KINDS = {"excellent_member": "优秀共产党员", "excellent_worker": "优秀党务工作者", "other": "其他表彰"}
# 党纪处分 (中国共产党纪律处分条例 第八条), lightest first, then the two 组织处理.
DISCIPLINE_KINDS = {
    "warning": "警告", "serious_warning": "严重警告", "dismissal": "撤销党内职务", "probation": "留党察看",
    "expulsion": "开除党籍", "criticism": "批评教育", "admonition": "诫勉",
}
PARTY_DISCIPLINE = ("warning", "serious_warning", "dismissal", "probation", "expulsion")
PROBATION_YEARS = {1: "一年", 2: "二年"}
AUDIT_ACTIONS.update({
    "honours.commend": "登记表彰",
    "honours.commend_update": "修改表彰",
    "honours.commend_delete": "删除表彰",
    "honours.discipline": "登记处分或组织处理",
    "honours.discipline_update": "修改处分或组织处理",
    "honours.discipline_delete": "删除处分或组织处理",
})
