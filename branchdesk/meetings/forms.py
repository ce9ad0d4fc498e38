"""What a meeting holds, as plain data: the form the user edits (``MeetingForm``) and
the full picture screens and papers read (``MeetingDetail``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .. import labels


@dataclass
class AttendanceEntry:
    """One line of the attendance grid: a member who was due, or a 列席 guest.

    ``status``: present / absent / not_counted (不计入应到人数, e.g. away more than half a
    year, with the reason in ``note``) / '' (not recorded yet). An absent member needs a
    ``reason`` (leave 事假 / sick 病假 / duty 因公 / other 其他 + ``note``). For a guest,
    ``note`` is the unit or post. ``member_status`` and ``voting`` are taken from the
    roster when the grid is made, so the record keeps who could vote that day."""

    name: str
    member_id: int | None = None
    is_guest: bool = False
    status: str = ""
    reason: str = ""
    note: str = ""
    member_status: str = ""
    voting: bool = False

    @property
    def status_label(self) -> str:
        if self.is_guest:
            return "列席"
        return labels.label(labels.ATTENDANCE, self.status)

    @property
    def reason_text(self) -> str:
        """「病假」, 「其他：在外地照顾老人」, the not-counted reason, or ''."""
        if self.status == "absent":
            reason = labels.label(labels.ABSENCE_REASONS, self.reason)
            if self.note:
                return f"{reason}：{self.note}" if reason else self.note
            return reason
        if self.status == "not_counted":
            return self.note
        return ""


@dataclass
class AgendaItem:
    title: str
    summary: str = ""


@dataclass
class Speech:
    """Who said what, in order; ``agenda_no`` ties it to the n-th agenda item (0: none)."""

    speaker: str
    content: str
    agenda_no: int = 0


@dataclass
class ResolutionForm:
    """A decision; ``voted`` when it was put to a vote with yes/no/abstain counts."""

    text: str
    voted: bool = False
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None


@dataclass
class TaskForm:
    """A follow-up task (落实事项). ``uid`` ties it to its done date, which is kept
    outside the sealed record (a task is done after the record went upward)."""

    task: str
    owner: str = ""
    deadline: dt.date | None = None
    uid: str = ""


@dataclass
class MeetingForm:
    """Everything the user edits about one meeting: plan, notice and record."""

    kind: str = "committee"
    planned_on: dt.date | None = None
    planned_time: str = ""
    title: str = ""
    place: str = ""
    theme: str = ""
    group_id: int | None = None
    also_counts: tuple[str, ...] = ()
    # the notice (安民告示)
    attendees_text: str = ""
    preparation: str = ""
    # the record
    held_on: dt.date | None = None
    started_at: str = ""
    ended_at: str = ""
    host_name: str = ""
    recorder_name: str = ""
    speaker_name: str = ""
    minutes: str = ""
    attendance: list[AttendanceEntry] = field(default_factory=list)
    agenda: list[AgendaItem] = field(default_factory=list)
    speeches: list[Speech] = field(default_factory=list)
    resolutions: list[ResolutionForm] = field(default_factory=list)
    tasks: list[TaskForm] = field(default_factory=list)


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    kind: str
    title: str
    original_name: str
    stored_path: str
    sha256: str
    size: int
    added_at: str

    @property
    def kind_label(self) -> str:
        return labels.label(labels.ATTACHMENT_KINDS, self.kind)


@dataclass(frozen=True)
class TaskInfo:
    """A follow-up task with its done date, for lists and the home page."""

    uid: str
    meeting_id: int
    meeting_title: str
    meeting_date: dt.date
    task: str
    owner: str
    deadline: dt.date | None
    done_on: dt.date | None
    done_note: str = ""

    def is_overdue(self, today: dt.date) -> bool:
        return self.done_on is None and self.deadline is not None and self.deadline < today

    def status_text(self, today: dt.date) -> str:
        if self.done_on is not None:
            return f"已完成（{self.done_on:%Y-%m-%d}）"
        if self.is_overdue(today):
            return f"逾期 {(today - self.deadline).days} 天"
        return "进行中"


@dataclass(frozen=True)
class MeetingSummary:
    """One row of the meeting list."""

    id: int
    kind: str
    group_id: int | None
    group_name: str
    title: str
    planned_on: dt.date
    held_on: dt.date | None
    place: str
    state: str
    due: int
    present: int
    absent: int

    @property
    def date(self) -> dt.date:
        """The day it happened, or the day it is planned for."""
        return self.held_on or self.planned_on

    @property
    def kind_label(self) -> str:
        label = labels.label(labels.MEETING_KINDS, self.kind)
        return f"{label}（{self.group_name}）" if self.kind == "group" and self.group_name else label

    def is_overdue(self, today: dt.date) -> bool:
        return self.state in ("planned", "notified") and self.planned_on < today

    def state_label(self, today: dt.date) -> str:
        label = labels.label(labels.MEETING_STATES, self.state)
        return f"{label}（逾期）" if self.is_overdue(today) else label


@dataclass
class MeetingDetail:
    """A meeting as screens and papers read it: the form plus its state and facts."""

    id: int
    state: str
    form: MeetingForm
    branch_name: str
    higher_org: str
    group_name: str
    notified_on: dt.date | None
    created_at: str
    updated_at: str
    attachments: list[AttachmentInfo] = field(default_factory=list)
    tasks: list[TaskInfo] = field(default_factory=list)
    branch_code: str = ""  # 组织代码, the first part of a paper's 档号

    @property
    def kind_label(self) -> str:
        label = labels.label(labels.MEETING_KINDS, self.form.kind)
        return f"{label}（{self.group_name}）" if self.form.kind == "group" and self.group_name else label

    @property
    def state_label(self) -> str:
        return labels.label(labels.MEETING_STATES, self.state)

    @property
    def members(self) -> list[AttendanceEntry]:
        return [e for e in self.form.attendance if not e.is_guest]

    @property
    def guests(self) -> list[AttendanceEntry]:
        return [e for e in self.form.attendance if e.is_guest]

    @property
    def date(self) -> dt.date:
        return self.form.held_on or self.form.planned_on  # type: ignore[return-value]
