"""Which years changed since the last bundle (docs/domain.md §6.3.1).

The upper level replaces a branch's records year by year, so a bundle need carry only
the years that changed since they were last carried. Each bundle notes, per year it
carried, the year's 档案指纹 (``yearbook.fingerprint``) and its records fingerprint (as
its manifest states it), and the records fingerprint of what belongs to no year (名册,
党小组, 发展党员, settings) (``ledger.SentPart``). A year is *changed* when either
fingerprint differs from the newest bundle that carried it, *new* when no bundle
carried it, *emptied* when a bundle carried it and its records are gone now (carried
again, empty, the upper level drops them); otherwise *unchanged*.

The first bundle carries every year. Later ones carry the changed years; when none
changed but the records of no year did, the newest year (its kept PDF is reused) so
that they travel; when nothing changed, none (``default_years`` is empty: nothing to
report)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .. import clock
from ..safety.audit import canonical_json
from . import ledger
from .year_prints import year_prints

NEW, CHANGED, EMPTIED, UNCHANGED = "new", "changed", "emptied", "unchanged"
_CARRIED = (NEW, CHANGED, EMPTIED)


@dataclass(frozen=True)
class YearState:
    year: int
    status: str  # NEW, CHANGED, EMPTIED or UNCHANGED
    sent_in: int = 0  # the newest bundle that carried it (0: none)


@dataclass(frozen=True)
class YearChanges:
    first: bool  # no bundle written yet
    years: tuple[YearState, ...]  # oldest first; years with records, and emptied ones
    rest_changed: bool  # the records of no year (名册, 党小组 …) differ from the last bundle's
    last_sequence: int = 0

    def changed(self) -> list[int]:
        return [s.year for s in self.years if s.status in _CARRIED]

    def unchanged(self) -> list[int]:
        return [s.year for s in self.years if s.status == UNCHANGED]

    def default_years(self) -> list[int] | None:
        """What a bundle carries unless the user chooses: None (every year) for the
        first, else the changed years (see the module's notes)."""
        if self.first:
            return None
        chosen = self.changed()
        if not chosen and self.rest_changed:
            with_records = [s.year for s in self.years if s.status != EMPTIED]
            chosen = [max(with_records) if with_records else clock.today().year]
        return chosen

    def why(self) -> str:
        """「2025年有改动；2024年自上次上报后未变」: why these years are proposed."""
        if self.first:
            return "还没有上报过数据包：第一个数据包含全部年份。"
        parts = []
        for label, status in (("有改动", CHANGED), ("还没有上报过", NEW), ("的记录已全部删除，需告知上级", EMPTIED)):
            years = [s.year for s in self.years if s.status == status]
            if years:
                parts.append(f"{_years(years)}{label}")
        unchanged = self.unchanged()
        if unchanged:
            parts.append(f"{_years(unchanged)}自上次上报后未变")
        if not self.changed():
            default = self.default_years()
            parts.append(f"党员名册等不分年份的记录有改动，随{_years(default)}一并上报" if default
                         else f"自第 {self.last_sequence} 号数据包以来没有任何改动，不必再报")
        return "；".join(parts) + "。"


def _years(years) -> str:
    return "、".join(f"{y}" for y in years) + "年"


def rest_fingerprint(records) -> str:
    """SHA-256 of the records that belong to no year, the audit log left out (every
    write, the bundle's own log entry included, adds to it; it always travels whole)."""
    rest = records.for_years(())
    from .portable import YEAR_TABLES

    tables = {t: rows for t, rows in rest.tables.items() if t not in YEAR_TABLES and t != "audit_log"}
    return hashlib.sha256(canonical_json(tables).encode("utf-8")).hexdigest()


def parts_of(archive, records, years: list[int], seals_checked: bool = False) -> tuple[ledger.SentPart, ...]:
    """What a bundle of ``records`` carrying ``years`` notes of them (``ledger.SentPart``);
    ``seals_checked``: as ``year_prints`` takes it."""
    prints = year_prints(archive, years, records, seals_checked)
    parts = [ledger.SentPart(year, prints[year], records.year_fingerprint(year)) for year in years]
    return (*parts, ledger.SentPart(None, "", rest_fingerprint(records)))


def year_changes(archive, records=None) -> YearChanges:
    """Compare the archive now with what its bundles carried (reads only)."""
    from .portable import collect

    records = collect(archive) if records is None else records
    sent = ledger.last_sent(archive.db)
    exports = ledger.exports(archive.db)
    if not exports:
        return YearChanges(True, tuple(YearState(y, NEW) for y in records.years()), True, 0)
    with_records = set(records.years())
    prints = year_prints(archive, [year for year in sorted(with_records) if year in sent], records)
    states = []
    for year in sorted(with_records | {y for y in sent if y is not None}):
        before = sent.get(year)
        if year not in with_records:
            empty = records.year_fingerprint(year)
            if before is not None and before.records_fingerprint != empty:
                states.append(YearState(year, EMPTIED, before.sequence))
            continue
        if before is None:
            states.append(YearState(year, NEW))
            continue
        now = (prints[year], records.year_fingerprint(year))
        same = now == (before.archive_fingerprint, before.records_fingerprint)
        states.append(YearState(year, UNCHANGED if same else CHANGED, before.sequence))
    rest = sent.get(None)
    rest_changed = rest is None or rest.records_fingerprint != rest_fingerprint(records)
    return YearChanges(False, tuple(states), rest_changed, exports[-1].sequence)
