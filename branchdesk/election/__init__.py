"""换届选举 (docs/domain.md §13): the record of one election, from 方案 to 上级批复."""

from .forms import (
    DIVIDED_POSTS,
    EXCLUSIONS,
    STAGES,
    STEP_TITLES,
    ElectionRecord,
    Mark,
    OfficeForm,
    PlanForm,
    RoundForm,
)
from .manager import ElectionManager
from .rules import ROUND_KINDS, margin_needed, margin_problem, more_than_half, quorum_met

__all__ = [
    "DIVIDED_POSTS", "EXCLUSIONS", "ROUND_KINDS", "STAGES", "STEP_TITLES", "ElectionManager", "ElectionRecord",
    "Mark", "OfficeForm", "PlanForm", "RoundForm", "margin_needed", "margin_problem", "more_than_half", "quorum_met",
]
