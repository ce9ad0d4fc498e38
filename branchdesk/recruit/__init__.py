"""发展党员: the 发展档案 of each person through the 25 steps of 《中国共产党发展党员工作细则》
(docs/domain.md §11). ``archive.recruit`` (:class:`~.manager.RecruitManager`) records the
steps; ``rules`` holds the order, periods and deadlines; ``steps`` the catalogue."""

from .forms import (
    DocumentInfo,
    Dossier,
    DueItem,
    PersonForm,
    PersonSummary,
    StepForm,
    StepPerson,
    StepRecord,
)
from .manager import RecruitManager
from .steps import BY_KEY, STAGE_TITLES, STEPS, numbered_title

__all__ = [
    "BY_KEY", "STAGE_TITLES", "STEPS", "DocumentInfo", "Dossier", "DueItem", "PersonForm", "PersonSummary",
    "RecruitManager", "StepForm", "StepPerson", "StepRecord", "numbered_title",
]
