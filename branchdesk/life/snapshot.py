"""What a reported 组织生活会's papers say, sealed with the record.

The report counts things that live outside the sealed record and go on changing after
it went upward: talk coverage against today's roster, the 回头看 of ledger items still
being worked on, this year's items. Two copies of a paper with the same 档案指纹 must
say the same thing, so when the cycle is reported those facts are written into the
record itself (``life_cycle.sealed_facts``) before its seal is computed, and every
paper of a reported cycle is built from them. Cycles reported before this column
existed keep it empty (their seals leave it out) and are still worded from the records."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from dataclasses import dataclass

from ..safety.audit import canonical_json
from .ledger_forms import ItemSummary
from .report import ReportFacts, report_facts

FORMAT = 1


@dataclass(frozen=True)
class Snapshot:
    facts: ReportFacts
    review: list[ItemSummary]


def encode(facts: ReportFacts, review: list[ItemSummary]) -> str:
    return canonical_json({"format": FORMAT, "facts": _plain(facts), "review": [_plain(i) for i in review]})


def decode(text: str) -> Snapshot:
    data = json.loads(text)
    return Snapshot(_build(ReportFacts, data["facts"]), [_build(ItemSummary, item) for item in data["review"]])


def take(archive, cycle_id: int, year: int) -> str:
    """The snapshot of ``year``'s cycle as it stands now (called just before sealing)."""
    return encode(report_facts(archive, year, cycle_id=cycle_id), archive.rectification.review_items(year))


def _plain(value):
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _build(cls, data: dict):
    hints = typing.get_type_hints(cls)
    return cls(**{f.name: _value(hints[f.name], data[f.name]) for f in dataclasses.fields(cls) if f.name in data})


def _value(hint, value):
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _value(inner[0], value)
    if origin is list:
        (item,) = typing.get_args(hint)
        return [_value(item, v) for v in value]
    if hint is dt.date:
        return dt.date.fromisoformat(value)
    if dataclasses.is_dataclass(hint):
        return _build(hint, value)
    return value
