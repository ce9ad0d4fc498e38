"""The papers of a meeting, built from a ``MeetingDetail`` (plain data in, a ``Paper``
out; rendering happens in :mod:`branchdesk.papers`, in a worker when called from the
window): the notice (安民告示), the record in the record-book preset, and the
resolution of a 支部党员大会 in the GB/T 9704 preset."""

from __future__ import annotations

import datetime as dt

from .. import clock, labels
from ..archival import archive_metadata_fields
from ..errors import Conflict
from ..papers import (
    DateLine,
    Heading,
    KeyValues,
    PageBreak,
    Paper,
    Para,
    Signatures,
    Table,
    TitleBlock,
    chinese_number,
    format_date,
    heading_number,
    unbroken,
    unbroken_names,
)
from ..papers.document import Metadata
from ..text import tight
from . import rules
from .forms import MeetingDetail
from .paper_words import default_attendees, party_name, when

PAPERS = {"record": "会议记录", "notice": "会议通知", "signin": "签到表", "resolution": "党员大会决议"}
DEFAULT_PRESETS = {"record": "record", "notice": "record", "signin": "gongwen", "resolution": "gongwen"}


def _hash_text(sha256: str) -> str:
    # four groups of 16 so the line can break between them
    return " ".join(sha256[i : i + 16] for i in range(0, len(sha256), 16))


def _meeting_name(detail: MeetingDetail) -> str:
    kind = detail.form.kind
    names = {"general": "支部党员大会", "committee": "支部委员会会议", "lecture": "党课",
             "theme_day": "主题党日活动", "forum": "座谈会", "other": "会议"}
    if kind == "group":
        return f"{detail.group_name}会议" if detail.group_name else "党小组会"
    return names[kind]


def announced(detail: MeetingDetail) -> tuple[dt.date, str]:
    """The day and time a notice announces: the planned ones for a notice that was sent
    (it said so); for one never sent and printed after the meeting, the day it was
    actually held — a meeting moved from 12-10 to 12-05 is not announced for 12-10
    under a notice dated 12-05 (docs/domain.md §2.7)."""
    f = detail.form
    if detail.notified_on is None and f.held_on is not None:
        return f.held_on, f.started_at or f.planned_time
    return f.planned_on, f.planned_time


def notice_date(detail: MeetingDetail, today: dt.date | None = None) -> dt.date:
    """The date a notice is signed: the day it was sent (已通知); not sent yet, today —
    unless the meeting's day has come, when a notice printed for the file is dated the
    day the meeting was planned (entered); never later than the meeting itself, held or
    planned, whichever came first (docs/domain.md §2.7)."""
    f = detail.form
    meeting_day = min(d for d in (f.planned_on, f.held_on) if d is not None)
    if detail.notified_on is not None:
        return min(detail.notified_on, meeting_day)
    today = today or clock.today()
    if today <= meeting_day:
        return today
    planned = dt.date.fromisoformat(detail.created_at[:10]) if detail.created_at else meeting_day
    return min(planned, meeting_day)


# up to this many people due, the notice names them all (a 党员大会 of 60 gives the count)
NOTICE_NAMES_MAX = 15


def participants(detail: MeetingDetail, addressed: str) -> list[str]:
    """The 参加人员 lines of a notice: who is due — by name for a 支委会, a 党小组会 or any
    meeting of a few people, else the count — then the 列席 guests already invited."""
    f = detail.form
    due = [e for e in f.attendance if not e.is_guest and e.status != "not_counted"]
    guests = [e for e in f.attendance if e.is_guest]
    if due and (f.kind in ("committee", "group") or len(due) <= NOTICE_NAMES_MAX):
        lines = [f"{addressed}（{len(due)}人）：" + "、".join(unbroken(e.name) for e in due)]
    else:
        lines = [f"{addressed}（应到{len(due)}人）" if due else addressed]
    if guests:
        lines.append("列席：" + "、".join(unbroken(e.name) + (f"（{e.note}）" if e.note else "") for e in guests))
    return lines


def notice_paper(detail: MeetingDetail, preset: str = "record", today: dt.date | None = None) -> Paper:
    f = detail.form
    name = _meeting_name(detail)
    verb = "开展" if f.kind in ("lecture", "theme_day") else "召开"
    branch = party_name(detail.branch_name)
    # addressed to who is due: the committee, the group, or every member (docs/domain.md §2.7)
    attendees = f.attendees_text or default_attendees(f.kind, detail.group_name)
    day, time = announced(detail)
    blocks = [
        Para(f"{attendees.split('（')[0]}：", indent=False),
        Para(f"经支部研究，定于{when(day, time)}在{f.place or '（地点待定）'}{verb}{name}。"
             "现将有关事项通知如下："),
    ]
    sections = [("会议主题", [f.theme or f.title]), ("参加人员", participants(detail, attendees))]
    if f.agenda:
        sections.append(("会议议程", [f"{n}. {a.title}" for n, a in enumerate(f.agenda, start=1)]))
    if f.kind == "lecture" and f.speaker_name:
        sections.append(("主讲人", [f.speaker_name]))
    sections.append(("会前准备", [f.preparation or "请参会人员提前安排好工作，带好笔记本，准时参加。"]))
    sections.append(("有关要求", ["请准时参加，不得无故缺席。确有特殊情况不能参加的，请在会前向支部书记请假并说明原因。"]))
    for n, (heading, lines) in enumerate(sections, start=1):
        blocks.append(Heading(1, f"{heading_number(1, n)}{heading}"))
        blocks.append(Para("\n".join(lines)))
    blocks.append(DateLine(notice_date(detail, today), signer=branch))
    return Paper(
        preset, f"关于{verb}{name}的通知", blocks, branch=branch, record_type="会议通知", date=None,
        metadata=Metadata(subject="会议通知", keywords=(labels.label(labels.MEETING_KINDS, f.kind), "通知"),
                          **archive_metadata_fields("meeting.notice", detail.branch_code, f.planned_on.year,
                                                    f"M{detail.id:06d}-N")),
    )


def record_blocks(detail: MeetingDetail, today: dt.date | None = None, with_title: bool = False) -> list:
    """The blocks of one meeting record; ``with_title`` opens them with the record's own
    title block (the yearly record book, where each record starts a page)."""
    today = today or clock.today()
    f = detail.form
    branch = party_name(detail.branch_name)
    members = detail.members
    # names in these cells never break inside a name
    present = [unbroken(e.name) for e in members if e.status == "present"]
    absent = rules.absent_with_reason(f.attendance, unbroken)
    counts = rules.Counts.of(f.attendance)
    kind_text = detail.kind_label
    if f.also_counts:
        kind_text += "（同时计为" + "、".join(labels.label(labels.MEETING_KINDS, k) for k in f.also_counts) + "）"
    pairs: list[tuple[str, object]] = [
        ("会议名称", f.title), ("会议类型", kind_text),
        ("时间", when(f.held_on, f.started_at, f.ended_at) or f"（计划）{when(f.planned_on, f.planned_time)}"),
        ("地点", f.place), ("主持人", f.host_name), ("记录人", f.recorder_name),
    ]  # short fields two to a row; long ones take a whole row
    if f.kind == "lecture" or f.speaker_name:
        pairs.append(("主讲人", f.speaker_name))
    if f.theme and f.theme != f.title:
        pairs.insert(2, ("主题", f.theme))
    pairs += [("到会情况", f"应到{counts.due}人，实到{counts.present}人"),
              ("出席人员", "、".join(present) or "无"), ("缺席人员及原因", "；".join(absent) or "无")]
    not_counted = [f"{unbroken(e.name)}（{e.note}）" for e in members if e.status == "not_counted"]
    if not_counted:
        pairs.append(("不计入应到人数", "；".join(not_counted)))
    guests = [f"{unbroken(e.name)}（{e.note}）" if e.note else unbroken(e.name) for e in detail.guests]
    pairs.append(("列席人员", "、".join(guests) or "无"))
    blocks: list = []
    if with_title:
        # the record book's contents list each record by its own name
        blocks.append(TitleBlock(f.title, branch, detail.kind_label, f.held_on or f.planned_on,
                                 subtitle=labels.MEETING_RECORD_TITLES[f.kind]))
    blocks.append(KeyValues(pairs, columns=2, label="会议基本情况"))
    section = 0

    def heading(text: str) -> None:
        nonlocal section
        section += 1
        blocks.append(Heading(1, f"{heading_number(1, section)}{text}"))

    heading("会议议题")
    blocks.append(Para("\n".join(f"{n}. {a.title}" for n, a in enumerate(f.agenda, start=1)) or "（未列议题）"))
    heading("会议内容")
    if f.minutes:
        blocks.append(Para(f.minutes))
    by_item = any(s.agenda_no for s in f.speeches)
    if by_item:
        for n, item in enumerate(f.agenda, start=1):
            speeches = [s for s in f.speeches if s.agenda_no == n]
            if not speeches and not item.summary:
                continue
            blocks.append(Heading(2, f"{heading_number(2, n)}{item.title}"))
            if item.summary:
                blocks.append(Para(item.summary))
            blocks += [Para(f"{s.speaker}：{s.content}") for s in speeches]
        rest = [s for s in f.speeches if not s.agenda_no]
        blocks += [Para(f"{s.speaker}：{s.content}") for s in rest]
    else:
        summaries = [f"{a.title}：{a.summary}" for a in f.agenda if a.summary]
        blocks += [Para(s) for s in summaries]
        blocks += [Para(f"{s.speaker}：{s.content}") for s in f.speeches]
    if not f.minutes and not f.speeches and not any(a.summary for a in f.agenda):
        blocks.append(Para("（未记录）"))
    heading("会议决议")
    if f.resolutions:
        check = rules.quorum(f.kind, f.attendance)
        if check.applies and any(r.voted for r in f.resolutions):
            blocks.append(Para(check.explanation))
        rows = []
        for n, r in enumerate(f.resolutions, start=1):
            result = rules.outcome(f.kind, f.attendance, r)
            votes = f"{result.yes}/{result.no}/{result.abstain}" if r.voted else "—"
            rows.append([n, r.text, votes, result.result_label])
        blocks.append(Table(["序号", "决议事项", "赞成/反对/弃权", "结果"], rows, col_widths=(1.4, 8, 3.2, 2),
                            align=("center", "left", "center", "center"), label="决议"))
        for n, r in enumerate(f.resolutions, start=1):
            if r.voted:
                blocks.append(Para(f"决议{n}：{rules.outcome(f.kind, f.attendance, r).explanation}"))
    else:
        blocks.append(Para("本次会议未形成决议。"))
    heading("落实事项")
    task_rows = [
        [n, t.task, unbroken_names(t.owner), t.deadline, tight(t.status_text(today))]
        for n, t in enumerate(detail.tasks, start=1)
    ]
    # 完成情况 holds 「已完成（2024-06-30）」: wide enough that the date never breaks
    blocks.append(Table(["序号", "任务", "责任人", "完成期限", "完成情况"], task_rows, col_widths=(1.4, 5.2, 2.2, 3.4, 3.8),
                        align=("center", "left", "center", "center", "center"), label="落实事项"))
    if detail.attachments:
        heading("附件")
        rows = [
            [n, a.title, a.kind_label, f"{a.size / 1024:.0f} KB", _hash_text(a.sha256)]
            for n, a in enumerate(detail.attachments, start=1)
        ]
        blocks.append(Table(["序号", "名称", "类别", "大小", "SHA-256校验值"], rows, col_widths=(1.4, 4, 2, 2, 6),
                            align=("center", "left", "center", "center", "left"), label="附件"))
    blocks.append(Signatures(("主持人", "记录人")))
    return blocks


def record_paper(detail: MeetingDetail, preset: str = "record", today: dt.date | None = None) -> Paper:
    f = detail.form
    return Paper(
        preset, labels.MEETING_RECORD_TITLES[f.kind], record_blocks(detail, today),
        branch=party_name(detail.branch_name), record_type=detail.kind_label, date=f.held_on or f.planned_on,
        metadata=Metadata(
            title=f"{labels.MEETING_RECORD_TITLES[f.kind]}：{f.title}", subject="会议记录",
            keywords=(labels.label(labels.MEETING_KINDS, f.kind), "三会一课"),
            **archive_metadata_fields("meeting.record", detail.branch_code, (f.held_on or f.planned_on).year,
                                      f"M{detail.id:06d}"),
        ),
    )


def resolution_paper(detail: MeetingDetail, preset: str = "gongwen") -> Paper:
    """The resolution of a 支部党员大会 (GB/T 9704 layout)."""
    f = detail.form
    if f.kind != "general":
        raise Conflict("只有支部党员大会的决议才能单独打印为决议文件；其他会议的决议请打印会议记录。")
    if not f.resolutions:
        raise Conflict("这次党员大会还没有登记决议，请先在「决议」中填写后再打印。")
    if f.held_on is None:
        raise Conflict("会议还没有召开（没有实际召开日期），不能打印决议。")
    branch = party_name(detail.branch_name)
    check = rules.quorum(f.kind, f.attendance)
    opening = f"{format_date(f.held_on)}，{branch}召开党员大会"
    if f.host_name:
        opening += f"，会议由{f.host_name}同志主持"
    blocks = [Para(opening + "。" + check.explanation), Para("会议经认真讨论，作出如下决议：")]
    for n, r in enumerate(f.resolutions, start=1):
        text = r.text.rstrip("。")
        if r.voted:
            result = rules.outcome(f.kind, f.attendance, r)
            text += f"（赞成{result.yes}票，反对{result.no}票，弃权{result.abstain}票，{result.result_label}）"
        blocks.append(Para(f"{chinese_number(n)}、{text}。"))
    blocks.append(DateLine(f.held_on, signer=branch, sealed=True))  # goes upward: sealed
    # The title names the branch; no meta line under it, as 公文 have none.
    return Paper(
        preset, f"{branch}党员大会决议", blocks,
        metadata=Metadata(author=branch, subject="党员大会决议",
                          **archive_metadata_fields("meeting.resolution", detail.branch_code, f.held_on.year,
                                                    f"M{detail.id:06d}-R")),
    )


def year_book_paper(details: list[MeetingDetail], year: int, branch_name: str, preset: str = "record",
                    today: dt.date | None = None, branch_code: str = "") -> Paper:
    """All records of a year in one file, with a table of contents (the yearly hand-in)."""
    blocks: list = []
    for detail in details:
        blocks.append(PageBreak())
        blocks += record_blocks(detail, today, with_title=True)
    return Paper(
        preset, f"{year}年度“三会一课”会议记录", blocks, branch=party_name(branch_name), record_type="会议记录汇编",
        toc=True, toc_depth=0, metadata=Metadata(subject="会议记录汇编",
                                                   **archive_metadata_fields("meeting.book", branch_code, year, "MY")),
    )


def paper_for(detail: MeetingDetail, which: str = "record", preset: str | None = None) -> Paper:
    """``which``: record / notice / signin / resolution; ``preset`` None for the paper's usual one."""
    preset = preset or DEFAULT_PRESETS[which]
    if which == "signin":
        from .signin import signin_paper

        return signin_paper(detail, preset)
    if which == "notice":
        return notice_paper(detail, preset)
    if which == "resolution":
        return resolution_paper(detail, preset)
    if which == "record":
        return record_paper(detail, preset)
    raise ValueError(f"unknown meeting paper {which!r}")
