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


# -- 服务群众、党务公开与群众评议 (docs/domain.md §15) ----------------------------------
OPENNESS_KINDS = {
    "plan": "计划", "dues": "党费收缴", "recruit": "发展党员公示", "appraisal": "民主评议结果",
    "rectification": "整改", "pledges": "实事进展", "other": "其他",
}
PLEDGE_STATES = {"open": "进行中", "overdue": "已逾期", "done": "按期完成", "done_late": "逾期完成"}
DUE_POSTING_STATES = {"on_time": "按时公开", "late": "未按时", "missing": "未公开", "waiting": "未到期"}

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


# 学习 and 汇报制度 (branchdesk/study/, docs/domain.md §18).
REPORT_KINDS = {"regular": "思想、工作、学习汇报", "probation": "预备党员思想汇报"}

# 奖惩 (branchdesk/honours/, docs/domain.md §17).
COMMENDATION_KINDS = {"excellent_member": "优秀共产党员", "excellent_worker": "优秀党务工作者", "other": "其他表彰"}
# 党纪处分 (中国共产党纪律处分条例 第八条), lightest first, then the two 组织处理.
DISCIPLINE_KINDS = {
    "warning": "警告", "serious_warning": "严重警告", "dismissal": "撤销党内职务", "probation": "留党察看",
    "expulsion": "开除党籍", "criticism": "批评教育", "admonition": "诫勉",
}
PARTY_DISCIPLINE = ("warning", "serious_warning", "dismissal", "probation", "expulsion")
PROBATION_YEARS = {1: "一年", 2: "二年"}
