"""学习 and 汇报制度 (docs/domain.md §18): ``archive.study``
(:class:`~.manager.StudyManager`) keeps the year's 学习计划, the meetings each topic was
studied at, the 补学 of those absent and each member's 学习档案; ``archive.reports``
(:class:`~.reports.ReportManager`) the members' 思想、工作、学习 汇报 and the branch's
half-yearly 工作报告."""

from .manager import Owed, StudyManager, TopicForm, TopicRecord
from .reports import ReportManager

__all__ = ["Owed", "ReportManager", "StudyManager", "TopicForm", "TopicRecord"]
