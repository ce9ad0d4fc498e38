"""The line closing each record of the archive: its state, and for a reported record
the date it was sealed and the start of its seal hash (what the upper level checks)."""

from __future__ import annotations

import datetime as dt

from ..papers import Para, format_date
from ..sealing import SealSpec


def state_line(archive, spec: SealSpec, record_id: int, state_label: str) -> Para:
    seal = archive.records.seal(spec, record_id)
    if seal is None:
        return Para(f"记录状态：{state_label}。", indent=False, align="right")
    sealed_on = format_date(dt.date.fromisoformat(seal.sealed_at[:10]))
    return Para(f"记录状态：{state_label}，{sealed_on}封存，校验值 {seal.content_hash[:16]}…", indent=False,
                align="right")
