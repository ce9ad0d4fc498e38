"""What the user enters for a transfer or a 流动党员 entry, and what the domain hands back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import labels
from ..roster.member_rules import MemberForm


def letter_text(year: int, seq: int) -> str:
    """「〔2026〕第3号」: the branch's 介绍信 number of a year."""
    return f"〔{year}〕第{seq}号"


def mask_phone(phone: str) -> str:
    """「138****5678」: the first three and last four digits, the rest hidden."""
    digits = phone.strip()
    if len(digits) <= 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


@dataclass
class TransferForm:
    """A transfer out (``member_id`` of a roster member) or in (``member_id`` of a member
    who comes back, or ``new_member`` for a person new to the roster)."""

    direction: str = "out"
    member_id: int | None = None
    new_member: MemberForm | None = None
    moved_on: dt.date | None = None
    from_org: str = ""
    to_org: str = ""
    reason: str = "job"
    reason_note: str = ""
    scope: str = "county"
    valid_days: int = 30
    # 党费交到 (a month); None: read from the 党费 ledger when the letter is made
    dues_paid_to: dt.date | None = None
    # a transfer in: the sender's letter number, as printed on it
    letter_no: str = ""
    note: str = ""


@dataclass(frozen=True)
class TransferRecord:
    id: int
    direction: str
    member_id: int
    member_name: str
    new_member: bool
    moved_on: dt.date
    letter_year: int | None
    letter_seq: int | None
    letter_no: str
    from_org: str
    to_org: str
    reason: str
    reason_note: str
    scope: str
    valid_days: int
    dues_paid_to: dt.date | None
    receipt_on: dt.date | None
    status_before: str
    cancelled_on: dt.date | None
    cancel_reason: str
    note: str
    receipt_due_on: dt.date | None  # out only: when the 回执 is overdue after

    @property
    def direction_label(self) -> str:
        return labels.label(labels.TRANSFER_DIRECTIONS, self.direction)

    @property
    def reason_label(self) -> str:
        if self.reason == "other" and self.reason_note:
            return self.reason_note
        text = labels.label(labels.TRANSFER_REASONS, self.reason)
        return f"{text}（{self.reason_note}）" if self.reason_note else text

    @property
    def scope_label(self) -> str:
        return labels.label(labels.TRANSFER_SCOPES, self.scope)

    @property
    def scope_short(self) -> str:
        return labels.label(labels.TRANSFER_SCOPES_SHORT, self.scope)

    def receipt_overdue(self, today: dt.date) -> bool:
        return self.state(today) == "overdue"

    def state(self, today: dt.date) -> str:
        """cancelled / received / overdue / waiting (a key of ``STATES``)."""
        if self.cancelled_on:
            return "cancelled"
        if self.receipt_on:
            return "received"
        if self.direction == "out" and self.receipt_due_on and today > self.receipt_due_on:
            return "overdue"
        return "waiting"

    def state_label(self, today: dt.date) -> str:
        state = self.state(today)
        if self.direction == "in" and state in ("received", "waiting"):
            return "回执已寄回" if state == "received" else "回执未寄"
        return STATES[state]

    def form(self) -> TransferForm:
        return TransferForm(self.direction, self.member_id, None, self.moved_on, self.from_org, self.to_org,
                            self.reason, self.reason_note, self.scope, self.valid_days, self.dues_paid_to,
                            "" if self.direction == "out" else self.letter_no, self.note)


STATES = {"waiting": "待回执", "received": "回执已回", "overdue": "回执逾期", "cancelled": "已撤销"}


@dataclass
class AwayForm:
    member_id: int | None = None
    place: str = ""
    since: dt.date | None = None
    until: dt.date | None = None
    contact: str = ""
    host_org: str = ""
    life_way: str = "host"
    life_note: str = ""
    dues_way: str = "home_transfer"
    dues_note: str = ""
    note: str = ""


@dataclass(frozen=True)
class AwayRecord:
    id: int
    member_id: int
    member_name: str
    place: str
    since: dt.date
    until: dt.date | None
    contact: str
    host_org: str
    life_way: str
    life_note: str
    dues_way: str
    dues_note: str
    status_before: str
    note: str

    @property
    def is_open(self) -> bool:
        return self.until is None

    @property
    def contact_masked(self) -> str:
        return mask_phone(self.contact)

    @property
    def life_label(self) -> str:
        text = labels.label(labels.AWAY_LIFE_WAYS, self.life_way)
        return f"{text}（{self.life_note}）" if self.life_note else text

    @property
    def dues_label(self) -> str:
        text = labels.label(labels.AWAY_DUES_WAYS, self.dues_way)
        return f"{text}（{self.dues_note}）" if self.dues_note else text

    def summary(self) -> str:
        """「在杭州（流入地：…）；参加流入地党组织生活；党费向原支部转账交纳」 for other screens."""
        where = self.place + (f"（流入地党组织：{self.host_org}）" if self.host_org else "")
        return f"流动在{where}；组织生活：{self.life_label}；党费：{self.dues_label}"

    def form(self) -> AwayForm:
        return AwayForm(self.member_id, self.place, self.since, self.until, self.contact, self.host_org,
                        self.life_way, self.life_note, self.dues_way, self.dues_note, self.note)
