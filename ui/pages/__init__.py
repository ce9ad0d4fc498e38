"""The pages of the main window, in navigation order: (key, title, factory).

A factory takes ``(archive, main_window)`` and returns the page widget. Each
feature adds its own module and one line here."""

from __future__ import annotations

from .archive_page import ArchivePage
from .home import HomePage
from .life import LifePage
from .meetings import MeetingsPage
from .members import MembersPage
from .placeholder import PlaceholderPage
from .settings import SettingsPage


def _placeholder(title: str, issue_text: str):
    return lambda archive, window: PlaceholderPage(title, issue_text)


PAGES = [
    ("home", "首页", HomePage),
    ("meetings", "会议", MeetingsPage),
    ("life", "组织生活会", LifePage),
    ("targets", "目标管理", _placeholder("目标管理", "指标库、年度目标和半年考核正在开发中，下一版本提供。")),
    ("members", "党员", MembersPage),
    ("archive", "档案", ArchivePage),
    ("settings", "设置", SettingsPage),
]
