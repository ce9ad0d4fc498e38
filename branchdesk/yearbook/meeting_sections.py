"""三会一课 and 主题党日 of a year, one part per kind and one per party group: the
record paper of every meeting held (meetings only planned are not records yet)."""

from __future__ import annotations

from .. import labels
from ..archival import retention_of
from ..meetings.papers import record_blocks
from ..meetings.seal import MEETING
from .record_state import state_line
from .sections import AttachmentEntry, RecordRef, Section, SectionProvider, nested

KIND_TITLES = {
    "general": "支部党员大会", "committee": "支部委员会会议", "lecture": "党课", "theme_day": "主题党日",
    "other": "其他会议",
}
GROUP_TITLE = "党小组会"
GROUP = "会议记录"  # the cover counts the meeting parts on one line


def _held(archive, year: int):
    ids = archive.meetings.query_ids(year=year, descending=False)
    return [s for s in archive.meetings.summaries(ids) if s.held_on is not None and s.held_on.year == year]


def records(archive, year: int) -> list[RecordRef]:
    return [RecordRef(MEETING, s.id) for s in _held(archive, year)]


def _parts(archive, held) -> list[tuple[str, str]]:
    """(key, title) of every part in order. 党小组会: one part per group of the branch,
    and per group that met this year and has since been removed; one part when the
    branch has no groups."""
    groups = {g.id: g.name for g in archive.groups.list()}
    for s in held:
        if s.kind == "group" and s.group_id not in groups:
            groups[s.group_id] = s.group_name
    group_parts = [(f"meetings.group.{gid}", f"{GROUP_TITLE}（{name or '未分组'}）") for gid, name in groups.items()]
    return (
        [(f"meetings.{kind}", KIND_TITLES[kind]) for kind in ("general", "committee")]
        + (group_parts or [("meetings.group.None", GROUP_TITLE)])
        + [(f"meetings.{kind}", KIND_TITLES[kind]) for kind in ("lecture", "theme_day", "other")]
    )


def _part_key(summary, parts: dict[str, str]) -> str:
    if summary.kind != "group":
        key = f"meetings.{summary.kind}"
        return key if key in parts else "meetings.other"
    key = f"meetings.group.{summary.group_id}"
    return key if key in parts else "meetings.group.None"


def sections(archive, year: int, today=None) -> list[Section]:
    held = _held(archive, year)
    found = {key: Section(key, title, group=GROUP, subgroup=GROUP_TITLE if key.startswith("meetings.group.") else "",
                         retention=retention_of("meeting.record"))
             for key, title in _parts(archive, held)}
    for summary in held:
        section = found[_part_key(summary, found)]
        detail = archive.meetings.detail(summary.id)
        blocks = nested(record_blocks(detail, today, with_title=True))
        blocks += state_line(archive, MEETING, summary.id, labels.label(labels.MEETING_STATES, summary.state))
        section.records.append(blocks)
        section.attachments += [
            AttachmentEntry(a.title, detail.form.title, a.kind_label, a.size, a.sha256) for a in detail.attachments
        ]
    return list(found.values())


PROVIDER = SectionProvider("meetings", sections, records)
