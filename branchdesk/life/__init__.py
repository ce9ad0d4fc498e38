"""组织生活会, 民主评议党员, 谈心谈话 and the 整改台账.

``archive.life`` (:class:`~.cycle.LifeManager`) runs the yearly 组织生活会 cycle with its
opinions, problem lists, 对照检查 and criticism entries; ``archive.talks`` the talk log and
its coverage; ``archive.appraisal`` 民主评议党员; ``archive.rectification`` the ledger.
``measures`` holds the facts other parts count (目标管理); ``papers`` the PDFs and
``ledger_xlsx`` the spreadsheet."""

from .appraisal import APPRAISAL, AppraisalDetail, AppraisalManager
from .appraisal_rules import AppraisalEntry, AppraisalForm, GradeCounts, excellent_limit
from .cycle import LIFE_CYCLE, LifeManager
from .forms import Check, Criticism, CycleDetail, Examination, Opinion, PlanForm, Problem
from .ledger_forms import Completion, Evidence, ItemDetail, ItemForm, ItemSummary, ProgressNote
from .rectification import RectificationManager
from .talks import Coverage, Person, TalkForm, TalkManager

__all__ = [
    "APPRAISAL", "LIFE_CYCLE", "AppraisalDetail", "AppraisalEntry", "AppraisalForm", "AppraisalManager", "Check",
    "Completion", "Coverage", "Criticism", "CycleDetail", "Evidence", "Examination", "GradeCounts", "ItemDetail",
    "ItemForm", "ItemSummary", "LifeManager", "Opinion", "Person", "PlanForm", "Problem", "ProgressNote",
    "RectificationManager", "TalkForm", "TalkManager", "excellent_limit",
]
