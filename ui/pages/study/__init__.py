"""学习 and 汇报 (docs/domain.md §18): two tabs of the 会议 page."""

from .tabs import ReportsTab, StudyTab

__all__ = ["ReportsTab", "StudyTab"]
