"""What the roster reads back: a member's record and one change of a member's status
(``members.MemberManager`` makes them; they are importable from ``roster.members`` too)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import namedtuple
from dataclasses import dataclass

from .. import labels
from . import idnumber
from .member_rules import MemberForm


@dataclass
class MemberRecord:
    id: int
    name: str
    gender: str
    ethnicity: str
    birth_date: dt.date
    id_number: str
    education: str
    phone: str
    job: str
    joined_on: dt.date
    full_on: dt.date | None
    full_exception: str
    status: str
    group_id: int | None
    group_name: str
    note: str

    @property
    def masked_id(self) -> str:
        return idnumber.mask(self.id_number)

    @property
    def status_label(self) -> str:
        return labels.label(labels.MEMBER_STATUSES, self.status)

    @property
    def gender_label(self) -> str:
        return labels.label(labels.GENDERS, self.gender)

    def form(self) -> MemberForm:
        fields = {f.name for f in dataclasses.fields(MemberForm)}
        return MemberForm(**{k: v for k, v in dataclasses.asdict(self).items() if k in fields})


# A named tuple, not a dataclass: each of those cost ~0.3-0.5 ms of every start (issue 18).
class StatusChange(namedtuple("StatusChange", "status_from status_to changed_on reason recorded_at")):
    """One change of a member's status: from ``status_from`` (None for the first) to
    ``status_to`` on ``changed_on`` (a date), with its ``reason`` and when it was
    ``recorded_at`` (a datetime)."""

    __slots__ = ()
