"""Meetings: 三会一课 (支部党员大会, 支委会, 党小组会, 党课) and 主题党日.

``archive.meetings`` (:class:`~.manager.MeetingManager`) plans, notifies, records,
finalises, reports and corrects them; ``forms`` holds the plain data, ``rules`` who is
due, the quorum and the pass rule, ``compliance`` the calendar, ``search`` text search,
``papers`` the PDFs (notice, record, resolution)."""

from .forms import (
    AgendaItem,
    AttachmentInfo,
    AttendanceEntry,
    MeetingDetail,
    MeetingForm,
    MeetingSummary,
    ResolutionForm,
    Speech,
    TaskForm,
    TaskInfo,
)
from .manager import MeetingManager
from .seal import MEETING

__all__ = [
    "MEETING", "AgendaItem", "AttachmentInfo", "AttendanceEntry", "MeetingDetail", "MeetingForm",
    "MeetingManager", "MeetingSummary", "ResolutionForm", "Speech", "TaskForm", "TaskInfo",
]
