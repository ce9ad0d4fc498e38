"""服务群众、党务公开与群众评议 (docs/domain.md §15): 志愿服务 hours, 为民办实事, 党务公开
and the 群众评议 of the committee and members."""

from .activities import ServiceManager
from .forms import (
    Activity,
    ActivityForm,
    DuePosting,
    MemberHours,
    Participant,
    Pledge,
    PledgeForm,
    Posting,
    PostingForm,
    Verdict,
    VerdictForm,
)
from .openness import OpennessManager
from .verdicts import VerdictManager

__all__ = [
    "Activity", "ActivityForm", "DuePosting", "MemberHours", "OpennessManager", "Participant", "Pledge", "PledgeForm",
    "Posting", "PostingForm", "ServiceManager", "Verdict", "VerdictForm", "VerdictManager",
]
