"""The line closing each record of the archive: its state, and for a reported record
the date it was sealed and its seal hash (what the upper level checks)."""

from __future__ import annotations

import datetime as dt

from ..papers import Gap, KeyValues, format_date
from ..safety.sealing import SealSpec, content_hash
from ..text import grouped


def state_line(archive, spec: SealSpec, record_id: int, state_label: str) -> list:
    """A one-row ruled box after the record (blocks to append)."""
    seal = archive.records.seal(spec, record_id)
    text = state_label
    if seal is not None:
        sealed_on = format_date(dt.date.fromisoformat(seal.sealed_at[:10]))
        # the whole hash (nothing on paper is cut), in groups of four so lines break between them
        text += f"（{sealed_on}上报封存，封存校验值{grouped(seal.content_hash, per_line=16)}）"
        if content_hash(archive.db, spec, record_id) != seal.content_hash:
            text += "。注意：现有内容与封存校验值不符，记录在程序之外被改动过，请从备份恢复或与上级核对"
    return [Gap(0.5), KeyValues([("记录状态", text)], columns=1, label="记录状态")]
