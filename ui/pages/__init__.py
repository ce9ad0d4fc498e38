"""The pages of the main window, in navigation order: (key, title, factory).

A factory takes ``(archive, main_window)`` and returns the page widget. Pages are
named by ``"module:Class"`` and imported the first time they are shown, so start-up
does not pay for every feature (and its PDF code). Each feature adds one line here."""

from __future__ import annotations

import importlib


def _lazy(target: str):
    module_name, class_name = target.split(":")

    def build(archive, window):
        page_class = getattr(importlib.import_module(f"{__name__}.{module_name}"), class_name)
        return page_class(archive, window)

    return build


def _placeholder(title: str, issue_text: str):
    def build(archive, window):
        from .placeholder import PlaceholderPage

        return PlaceholderPage(title, issue_text)

    return build


PAGES = [
    ("home", "首页", _lazy("home:HomePage")),
    ("meetings", "会议", _lazy("meetings:MeetingsPage")),
    ("life", "组织生活会", _lazy("life:LifePage")),
    ("targets", "目标管理", _lazy("targets:TargetsPage")),
    ("members", "党员", _lazy("members:MembersPage")),
    ("archive", "档案", _lazy("archive_page:ArchivePage")),
    ("settings", "设置", _lazy("settings:SettingsPage")),
]
