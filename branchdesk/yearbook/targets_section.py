"""目标管理 of a year — the provider slot for ``branchdesk.targets`` (another line of
work, not on this branch yet).

When that package is there, its ``papers.year_blocks(archive, year)`` gives the blocks
of the year's target plan and inspections, each opening with a title block, and (if it
has one) ``papers.year_records(archive, year)`` the sealable rows they are made of, as
``RecordRef`` s or ``(SealSpec, id)`` pairs, for the archive fingerprint. Until then
the part says 「本年度无记录」."""

from __future__ import annotations

import importlib
import importlib.util

from ..papers import TitleBlock
from .sections import RecordRef, Section, SectionProvider, nested

TITLE = "目标管理"


def _papers():
    """``branchdesk.targets.papers``, or None while it has not landed."""
    try:
        if importlib.util.find_spec("branchdesk.targets") is None:
            return None
        if importlib.util.find_spec("branchdesk.targets.papers") is None:
            return None
    except ModuleNotFoundError:
        return None
    return importlib.import_module("branchdesk.targets.papers")


def records(archive, year: int) -> list[RecordRef]:
    module = _papers()
    if module is None or not hasattr(module, "year_records"):
        return []
    return [ref if isinstance(ref, RecordRef) else RecordRef(*ref) for ref in module.year_records(archive, year)]


def sections(archive, year: int, today=None) -> list[Section]:
    section = Section("targets", TITLE)
    module = _papers()
    if module is not None:
        blocks = nested(module.year_blocks(archive, year))
        # one record per title block, as the other parts
        for block in blocks:
            if isinstance(block, TitleBlock) or not section.records:
                section.records.append([])
            section.records[-1].append(block)
    return [section]


PROVIDER = SectionProvider("targets", sections, records)
