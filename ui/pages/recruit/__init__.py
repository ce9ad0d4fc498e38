"""发展党员: the people in the pipeline by stage, a person's 发展档案 and the form for the
next step (branchdesk/recruit/, docs/domain.md §11)."""

from .page import RecruitPage

__all__ = ["RecruitPage"]
