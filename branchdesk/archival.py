"""保管期限 and 档号 of every paper: one table, so that a record has the same retention
printed alone and inside the yearly archive (docs/domain.md §6.5).

Retention follows 《机关文件材料归档范围和文书档案保管期限规定》 (国家档案局令第8号) as
branches apply it: the records of 三会一课, 组织生活会 and 民主评议党员 and what went
upward about them are kept 永久; working ledgers (整改台账, 目标管理) and notices
10年. A volume holding records of different periods takes the longest (the yearly
archive: :func:`volume_retention`).
"""

from __future__ import annotations

from collections.abc import Iterable

# 保管期限 as the yearly archive's setting offers them, longest first, with the codes
# of DA/T 22-2015 (长期 is the pre-2006 period, kept for old volumes).
RETENTION_CODES = {"永久": "Y", "长期": "C", "30年": "D30", "10年": "D10"}

# paper kind → 保管期限. Every paper with a 档号 reads its period here.
RECORD_RETENTION = {
    "meeting.record": "永久",  # 会议记录 of every kind of meeting
    "meeting.resolution": "永久",  # 党员大会决议
    "meeting.book": "永久",  # 会议记录汇编
    "meeting.notice": "10年",  # 会议通知
    "life.record": "永久",  # 组织生活会会议记录
    "life.report": "永久",  # 组织生活会情况报告 (goes upward)
    "life.appraisal": "永久",  # 民主评议党员登记表
    "life.ledger": "10年",  # 整改台账、整改事项公示
    "targets.inspection": "10年",  # 目标管理考核表
    "targets.year": "10年",  # 年度目标管理档案
    "dues.receipt": "10年",  # 党费收据 (the branch's copy)
    "dues.publicity": "10年",  # 党费收缴情况公示
    "dues.register": "30年",  # 党费收缴登记表 of a year
    "recruit.record": "永久",  # 发展党员工作全程纪实表 (goes into the member's file)
    "recruit.ledger": "永久",  # 年度发展党员工作台账
    "recruit.notice": "10年",  # 发展对象、预备党员转正公示
    "election.plan": "永久",  # 换届选举请示
    "election.tally": "永久",  # 换届选举计票结果
    "election.result": "永久",  # 换届选举结果请示
    "election.year": "永久",  # the year's election in the yearly archive
    "masses.ledger": "30年",  # 民情台账 of a year (docs/domain.md §14)
    "masses.request": "30年",  # 诉求办理单 of one request
    "study.plan": "10年",  # 年度学习计划 and what was studied (docs/domain.md §18)
    "study.file": "10年",  # a member's 学习档案 of one year
    "transfer.letter": "永久",  # 党员组织关系介绍信 (its 存根 and the 回执 that comes back)
    "honours.year": "永久",
    "member.file": "永久",  # 党员档案 of a year (one member's whole record, printed for an inspector)  # 年度奖惩情况 (表彰 and 处分 go into the members' 档案 for good)
    "roster.year": "永久",  # 年度党员名册及变动情况 (the branch's membership over the years)
    "service.board": "10年",  # 党务公开栏 sheets (docs/domain.md §15.3)
    "service.verdict": "永久",  # 群众评议结果 (weighed with the 民主评议, which is kept 永久)
    "service.year": "10年",  # 服务群众 part of the yearly archive: 志愿服务, 实事, 党务公开
}


def retention_of(kind: str) -> str:
    """The 保管期限 of a paper kind (a key of :data:`RECORD_RETENTION`)."""
    return RECORD_RETENTION[kind]


def longest(periods: Iterable[str]) -> str:
    """The longest of some 保管期限 (永久 > 长期 > 30年 > 10年); 永久 when there are none."""
    order = list(RETENTION_CODES)
    found = [p for p in periods if p in RETENTION_CODES]
    return min(found, key=order.index) if found else order[0]


def volume_retention(chosen: str, contents: Iterable[str]) -> str:
    """A volume's 保管期限: the one chosen, unless a record in it is kept longer."""
    return longest([chosen, *contents])


def archival_code(org_code: str, year: int | str, retention: str, item: str) -> str:
    """The 档号: ``组织代码-年度-保管期限代码-件号``, e.g. ``QJC01-2025-Y-M000123``;
    without a 组织代码 (设置 → 支部信息) the first part is left out
    (``2025-Y-M000123``). The 件号 says the kind (M 会议, L 组织生活会, A 民主评议, Z 整改台账,
    T 目标管理, ND 年度档案) and the record."""
    parts = [org_code.strip(), str(year), RETENTION_CODES[retention], item]
    return "-".join(p for p in parts if p)


def archive_metadata_fields(kind: str, org_code: str, year: int | str, item: str) -> dict[str, str]:
    """``number`` (档号) and ``retention`` (保管期限) of a paper of ``kind``, ready for
    :class:`branchdesk.papers.Metadata`."""
    period = retention_of(kind)
    return {"number": archival_code(org_code, year, period, item), "retention": period}
