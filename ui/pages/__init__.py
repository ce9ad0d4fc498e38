"""The pages of the main window, in navigation order: (key, title, factory).

A factory takes ``(archive, main_window)`` and returns the page widget. Pages are
named by ``"module:Class"`` and imported the first time they are shown, so start-up
does not pay for every feature (and its PDF code). Each feature adds one line here.

A branch archive and an upper-level archive (上级汇总) have different pages: the
window asks ``pages_for(archive.mode)``; nothing here depends on which one is open."""

from __future__ import annotations

import importlib


def _lazy(target: str):
    module_name, class_name = target.split(":")

    def build(archive, window):
        page_class = getattr(importlib.import_module(f"{__name__}.{module_name}"), class_name)
        return page_class(archive, window)

    return build


BRANCH_PAGES = [
    ("home", "首页", _lazy("home:HomePage")),
    ("meetings", "会议", _lazy("meetings:MeetingsPage")),
    ("life", "组织生活会", _lazy("life:LifePage")),
    ("targets", "目标管理", _lazy("targets:TargetsPage")),
    # its items come from the 组织生活会 and from 目标管理 inspections alike
    ("ledger", "整改台账", _lazy("ledger:LedgerPage")),
    ("dues", "党费", _lazy("dues:DuesPage")),
    ("recruit", "发展党员", _lazy("recruit:RecruitPage")),
    ("masses", "群众工作", _lazy("masses.page:MassesPage")),
    ("transfers", "组织关系", _lazy("transfers:TransfersPage")),
    ("election", "换届选举", _lazy("election:ElectionPage")),
    ("members", "党员", _lazy("members:MembersPage")),
    ("archive", "档案", _lazy("archive_page:ArchivePage")),
    ("settings", "设置", _lazy("settings:SettingsPage")),
]
# The upper level: it keeps no records of its own, it enrols branches, imports their
# bundles and reads them.
UPPER_PAGES = [
    ("home", "首页", _lazy("upper.home:UpperHomePage")),
    ("dashboard", "汇总看板", _lazy("upper.dashboard:DashboardPage")),
    ("recruitment", "发展党员", _lazy("upper.recruitment:RecruitmentPage")),
    ("transfers", "组织关系", _lazy("upper.transfers:UpperTransfersPage")),
    ("honours", "奖惩", _lazy("upper.honours:UpperHonoursPage")),
    ("study", "学习汇报", _lazy("upper.study:UpperStudyPage")),
    ("browser", "支部档案", _lazy("upper.browser:BrowserPage")),
    ("intake", "导入与登记", _lazy("upper.intake:IntakePage")),
    ("archive", "档案", _lazy("archive_page:ArchivePage")),
    ("settings", "设置", _lazy("upper.settings:UpperSettingsPage")),
]
PAGES = BRANCH_PAGES


def pages_for(mode: str) -> list:
    """The navigation of an archive of ``mode`` ("branch" or "upper")."""
    return UPPER_PAGES if mode == "upper" else BRANCH_PAGES
