"""Finding text in meetings: titles, themes, minutes, agenda items, speeches and
resolutions. Plain ``LIKE`` (with ``%`` and ``_`` taken literally) finds Chinese
substrings of any length — a trigram index returns nothing for one or two characters
on the SQLite of this platform, and a branch's ~10³ records are searched in
milliseconds anyway."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import labels
from ..storage.binding import uses_archive
from ..storage.database import like
from ..storage.models import Meeting, MeetingAgenda, MeetingResolution, MeetingSpeech
from ..text import clean_line
from .seal import MEETING

CONTEXT_CHARS = 18


@dataclass(frozen=True)
class SearchHit:
    meeting_id: int
    date: dt.date
    kind: str
    title: str
    where: str  # 「标题」「议题 2」「发言：王堃」「决议 1」…
    before: str
    match: str
    after: str

    @property
    def kind_label(self) -> str:
        return labels.label(labels.MEETING_KINDS, self.kind)

    @property
    def context(self) -> str:
        return f"{self.before}【{self.match}】{self.after}"


def snippet(text: str, query: str) -> tuple[str, str, str] | None:
    """The first place ``query`` occurs in ``text`` (case-insensitive), with context."""
    index = text.lower().find(query.lower())
    if index < 0:
        return None
    start, end = max(0, index - CONTEXT_CHARS), index + len(query)
    before = ("…" if start > 0 else "") + text[start:index]
    after = text[end : end + CONTEXT_CHARS] + ("…" if len(text) > end + CONTEXT_CHARS else "")
    flat = str.maketrans({"\n": " ", "\t": " "})
    return before.translate(flat), text[index:end], after.translate(flat)


@uses_archive
def search(archive, text: str, limit: int = 200) -> list[SearchHit]:
    """Every place ``text`` occurs in the current versions of meetings, newest first."""

    query = clean_line(text)
    if not query:
        return []
    scope = (Meeting.branch == archive.branch.own_id()) & archive.records.current_only(MEETING, Meeting.id)
    found: list[tuple[int, int, str, str]] = []  # (meeting id, order, where, text)
    fields = [(Meeting.title, "标题"), (Meeting.theme, "主题"), (Meeting.minutes, "会议内容")]
    for field, where in fields:
        for meeting_id, value in Meeting.select(Meeting.id, field).where(scope, like(field, query)).tuples():
            found.append((meeting_id, len(found), where, value))
    children = [
        (MeetingAgenda, (MeetingAgenda.title, MeetingAgenda.summary), lambda r: f"议题 {r.position}"),
        (MeetingSpeech, (MeetingSpeech.content, MeetingSpeech.speaker), lambda r: f"发言：{r.speaker}"),
        (MeetingResolution, (MeetingResolution.text,), lambda r: f"决议 {r.position}"),
    ]
    for model, columns, place in children:
        condition = like(columns[0], query)
        for column in columns[1:]:
            condition |= like(column, query)
        rows = model.select(model, Meeting.id).join(Meeting).where(scope, condition).order_by(model.position)
        for row in rows:
            value = next(getattr(row, c.name) for c in columns if query.lower() in getattr(row, c.name).lower())
            found.append((row.meeting_id, len(found), place(row), value))
    if not found:
        return []
    meetings = {
        m.id: m for m in Meeting.select(Meeting.id, Meeting.kind, Meeting.title, Meeting.held_on, Meeting.planned_on)
        .where(Meeting.id.in_({f[0] for f in found}))
    }
    hits = []
    for meeting_id, _order, where, value in found:
        parts = snippet(value, query)
        if parts is None:  # LIKE matched through case folding the snippet does not share
            continue
        m = meetings[meeting_id]
        hits.append(SearchHit(meeting_id, m.held_on or m.planned_on, m.kind, m.title, where, *parts))
    hits.sort(key=lambda h: (h.date, h.meeting_id), reverse=True)
    return hits[:limit]
