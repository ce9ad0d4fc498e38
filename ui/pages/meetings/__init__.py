"""The 会议 page: 三会一课 and 主题党日 (list, editor tabs, plan and compliance
calendar, search, PDF preview and printing)."""

from .page import MeetingsPage

__all__ = ["MeetingsPage"]
