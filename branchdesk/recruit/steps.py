"""The 25 steps of 《中国共产党发展党员工作细则》 (2014) in five stages, as data: what each
step records (people and their role, the 审批 body, a decision, a meeting) and which
decisions are allowed. The rules over dates are in ``rules.py``."""

from __future__ import annotations

from dataclasses import dataclass

STAGE_TITLES = {
    1: "入党申请",
    2: "入党积极分子的确定和培养教育",
    3: "发展对象的确定和考察",
    4: "预备党员的接收",
    5: "预备党员的教育考察和转正",
}


@dataclass(frozen=True)
class StepKind:
    key: str
    number: int
    stage: int
    title: str
    # (role, least, most): people the step names; ``roster`` when they must be 正式党员 on the roster.
    role: str = ""
    least: int = 0
    most: int = 0
    roster: bool = False
    # The 审批/备案 body (上级党委 …) is written down.
    body: bool = False
    # Allowed decisions (labels.py table name), '' when the step has none.
    decisions: str = ""
    # A meeting that decides the step: 'committee' (支委会; a branch without one uses its
    # 支部党员大会) or 'general'.
    meeting: str = ""
    repeatable: bool = False
    text_label: str = "情况记载"
    text_required: bool = False


STEPS: tuple[StepKind, ...] = (
    StepKind("application", 1, 1, "递交入党申请书", text_label="申请书要点"),
    StepKind("first_talk", 2, 1, "党组织派人谈话", role="talker", least=1, most=3, roster=True,
             text_label="谈话情况"),
    StepKind("activist", 3, 2, "推荐和确定入党积极分子", decisions="RECRUIT_RECOMMENDERS", meeting="committee"),
    StepKind("activist_filing", 4, 2, "报上级党委备案", body=True),
    StepKind("mentors", 5, 2, "指定培养联系人", role="mentor", least=1, most=2, roster=True),
    StepKind("activist_review", 6, 2, "培养教育考察", repeatable=True, text_label="考察意见", text_required=True),
    StepKind("candidate", 7, 3, "确定发展对象", meeting="committee", text_label="听取党小组、培养联系人、党员和群众意见",
             text_required=True),
    StepKind("candidate_filing", 8, 3, "报上级党委备案", body=True),
    StepKind("introducers", 9, 3, "确定入党介绍人", role="introducer", least=2, most=2, roster=True),
    StepKind("political_review", 10, 3, "进行政治审查", decisions="RECRUIT_REVIEW_CONCLUSIONS",
             text_label="政治审查结论", text_required=True),
    StepKind("training", 11, 3, "开展集中培训", text_label="培训内容"),
    StepKind("committee_review", 12, 4, "支部委员会审查", meeting="committee"),
    StepKind("pre_approval", 13, 4, "上级党委预审", body=True, decisions="RECRUIT_VERDICTS"),
    StepKind("application_form", 14, 4, "填写入党志愿书", text_label="志愿书编号及填写情况"),
    StepKind("branch_vote", 15, 4, "支部大会讨论接收预备党员", meeting="general"),
    StepKind("upper_talk", 16, 4, "上级党委派人谈话", role="talker", least=1, most=3, text_label="谈话情况"),
    StepKind("approval", 17, 4, "上级党委审批", body=True, decisions="RECRUIT_VERDICTS"),
    StepKind("upper_filing", 18, 4, "再上一级党委组织部门备案", body=True),
    StepKind("oath", 19, 5, "入党宣誓"),
    StepKind("placement", 20, 5, "编入党支部和党小组"),
    StepKind("probation_review", 21, 5, "继续教育考察", repeatable=True, text_label="考察意见", text_required=True),
    StepKind("full_application", 22, 5, "提出转正申请"),
    StepKind("full_vote", 23, 5, "支部大会讨论转正", decisions="RECRUIT_FULL_DECISIONS", meeting="general"),
    StepKind("full_approval", 24, 5, "上级党委审批转正", body=True, decisions="RECRUIT_VERDICTS"),
    StepKind("archived", 25, 5, "材料归档", text_label="归档情况"),
)

BY_KEY = {step.key: step for step in STEPS}
# Steps whose text is sensitive (政审结论, 考察意见): covered in the window until the app
# password is confirmed, printed by the command line only with --texts (docs/domain.md §11).
SENSITIVE_STEPS = ("activist_review", "political_review", "probation_review")
RECRUIT_STEPS = {step.key: step.title for step in STEPS}


def step(key: str) -> StepKind:
    return BY_KEY[key]


def numbered_title(key: str) -> str:
    """「15. 支部大会讨论接收预备党员」."""
    kind = BY_KEY[key]
    return f"{kind.number}. {kind.title}"
