"""奖惩 (docs/domain.md §17): ``archive.honours`` (:class:`~.manager.HonoursManager`)
records members' 表彰 and their 党纪处分 or 组织处理; an 开除党籍 changes the member's
status in the roster's history, a 留党察看 in its period is a warning on the member."""

from .forms import CommendationForm, CommendationRecord, DisciplineForm, DisciplineRecord
from .manager import HonoursManager

__all__ = ["CommendationForm", "CommendationRecord", "DisciplineForm", "DisciplineRecord", "HonoursManager"]
