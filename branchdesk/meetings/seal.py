"""What of a meeting record is sealed when it is reported: the meeting row and its child
tables (storage/protect.py's triggers refuse changes to all of them once sealed)."""

from __future__ import annotations

from ..safety.sealing import ChildSpec, SealSpec

MEETING = SealSpec(
    "meeting",
    "会议记录",
    draft_states=("planned", "notified", "held"),
    children=tuple(
        ChildSpec(table, "meeting_id")
        for table in (
            "meeting_attendance", "meeting_agenda", "meeting_speech", "meeting_resolution", "meeting_task",
            "meeting_attachment",
        )
    ),
)
